package anki

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a<b & c\n<script>x</script>", "a&lt;b &amp; c<br>&lt;script&gt;x&lt;/script&gt;"},
		{"tab\there", "tab here"},
		{"crlf\r\nline", "crlf<br>line"},
		{"sep\x1fbell\x07nul\x00", "sepbellnul"},
		{`say "hi"`, "say &quot;hi&quot;"},
		{"café – “quotes”", "café – “quotes”"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"run `git add -p` now", "run <code>git add -p</code> now"},
		{"`a<b` and `c`", "<code>a&lt;b</code> and <code>c</code>"},
		{"one ` tick", "one ` tick"},
		{"empty `` pair", "empty `` pair"},
		{"no `span\nacross` lines", "no `span<br>across` lines"},
	}
	for _, tt := range tests {
		if got := textHTML(tt.in); got != tt.want {
			t.Errorf("textHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p onclick="x()">Hi <b>there</b></p>`, `<p>Hi <b>there</b></p>`},
		{`a<script>alert(1)</script>b`, `ab`},
		{`<style>p{color:red}</style>text`, `text`},
		{`<iframe src="https://x.example"></iframe>ok`, `ok`},
		{`<!-- secret -->ok`, `ok`},
		{`<a href="javascript:alert(1)">x</a>`, `x`},
		{`<a href="https://go.dev/" target="_blank">go</a>`, `<a href="https://go.dev/" rel="nofollow">go</a>`},
		{`use <code>a &lt; b</code>`, `use <code>a &lt; b</code>`},
		{"<pre>line1\nline2</pre>\nafter", "<pre>line1<br>line2</pre> after"},
		{`<img src="https://x.example/a.png" onerror="x()">`, ``},
		{`<svg><use href="#x"/></svg>t`, `t`},
	}
	for _, tt := range tests {
		got := sanitizeHTML(tt.in)
		// bluemonday adds rel="nofollow" only when asked; accept either form of the link case
		if got != tt.want && got != strings.Replace(tt.want, ` rel="nofollow"`, "", 1) {
			t.Errorf("sanitizeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

type deletion struct {
	n            int
	answer, hint string
}

// parseClozes reads cloze deletions the way Anki's parser does (ANKI.md
// §1.7): "{{cN::" opens, the first "::" inside starts the hint, the first
// "}}" closes. Answers are returned as text (tags stripped, entities
// decoded). It fails the test on a nested opening.
func parseClozes(t *testing.T, field string) []deletion {
	t.Helper()
	open := regexp.MustCompile(`\{\{c(\d+)::`)
	var out []deletion
	rest := field
	for {
		loc := open.FindStringSubmatchIndex(rest)
		if loc == nil {
			return out
		}
		n, _ := strconv.Atoi(rest[loc[2]:loc[3]])
		body := rest[loc[1]:]
		end := strings.Index(body, "}}")
		if end < 0 {
			t.Fatalf("unclosed deletion in %q", field)
		}
		inner := body[:end]
		if open.MatchString(inner) {
			t.Fatalf("nested deletion in %q", inner)
		}
		ans, hint, _ := strings.Cut(inner, "::")
		out = append(out, deletion{n: n, answer: html.UnescapeString(stripHTML(ans)), hint: hint})
		rest = body[end+2:]
	}
}

func TestClozeEscape(t *testing.T) {
	for _, s := range []string{"std::vector", "f(){ if(x){y} }", "a}", "{{c2::x}}", "http://a::b}}c", ":", "{", "}}}"} {
		field := "{{c1::" + clozeEscape(escapeText(s)) + "}}"
		d := parseClozes(t, field)
		if len(d) != 1 || d[0].answer != s || d[0].hint != "" {
			t.Errorf("%q → %q parses as %+v", s, field, d)
		}
	}
}

func FuzzClozeEscape(f *testing.F) {
	for _, s := range []string{"std::vector", "}}", "{{c1::x::y}}", "a\nb", "<b>x</b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		esc := clozeEscape(escapeText(s))
		if strings.ContainsAny(esc, ":{}\n\x1f") {
			t.Fatalf("escaped text %q still holds cloze syntax characters", esc)
		}
		d := parseClozes(t, "{{c1::"+esc+"}}")
		want := strings.TrimSpace(cleanControlsText(s))
		if len(d) != 1 || strings.TrimSpace(d[0].answer) != want {
			t.Fatalf("%q: parsed %+v, want answer %q", s, d, want)
		}
	})
}

// cleanControlsText is what escapeText keeps of s, as text.
func cleanControlsText(s string) string {
	return strings.ReplaceAll(cleanControls(s), "\n", "")
}

func FuzzSanitizeHTML(f *testing.F) {
	for _, s := range []string{`<p onclick="x">a</p>`, `<script>x</script>`, `<a href="javascript:x">y</a>`, "<pre>a\nb</pre>", `<!--c-->`, `<scr<script>ipt>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := strings.ToLower(sanitizeHTML(s))
		for _, bad := range []string{"<script", "<iframe", "<style", "<!--", "\n", "\x1f"} {
			if strings.Contains(out, bad) {
				t.Fatalf("sanitizeHTML(%q) = %q holds %q", s, out, bad)
			}
		}
		if regexp.MustCompile(`<[^>]*(javascript|vbscript):`).MatchString(out) {
			t.Fatalf("sanitizeHTML(%q) = %q keeps a script URL", s, out)
		}
		if regexp.MustCompile(`<[^>]*\son\w+\s*=`).MatchString(out) {
			t.Fatalf("sanitizeHTML(%q) = %q keeps an event attribute", s, out)
		}
	})
}

func TestStripHTMLAndChecksum(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<b>Hi</b> &amp; <i>bye</i>", "Hi & bye"},
		{"a<!-- c -->b<script>x</script><style>y</style>c", "abc"},
		{"plain", "plain"},
		{"x<br>y", "xy"},
	}
	for _, tt := range tests {
		if got := stripHTML(tt.in); got != tt.want {
			t.Errorf("stripHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// sha1("hello") = aaf4c61d...
	if got := checksum("hello"); got != 0xaaf4c61d {
		t.Errorf("checksum(hello) = %x, want aaf4c61d", got)
	}
}

func TestCleanDeckAndTags(t *testing.T) {
	decks := []struct{ in, want string }{
		{"Dev::Example Blog", "Dev::Example Blog"},
		{"  Dev ::  Go  ", "Dev::Go"},
		{"A::::B", "A::blank::B"},
		{"2024", "Deck 2024"},
		{"", "feedcards"},
		{"Tab\there\x07", "Tab here"},
	}
	for _, tt := range decks {
		if got := CleanDeck(tt.in); got != tt.want {
			t.Errorf("CleanDeck(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	tags := []struct{ in, want string }{
		{"machine learning", "machine-learning"},
		{"a::b c", "a::b-c"},
		{"x\u3000y", "x-y"},
		{"ctl\x01", "ctl"},
	}
	for _, tt := range tags {
		if got := cleanTag(tt.in); got != tt.want {
			t.Errorf("cleanTag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := slug("Git Basics: A Developer's Guide!"); got != "git-basics-a-developer-s-guide" {
		t.Errorf("slug = %q", got)
	}
}

func TestDerivedGUID(t *testing.T) {
	a, b := derivedGUID("n1", "enumeration"), derivedGUID("n1", "cloze")
	if a == b || a != derivedGUID("n1", "enumeration") || len(a) < 8 || len(a) > 10 {
		t.Errorf("derived GUIDs %q %q", a, b)
	}
	for _, r := range a {
		if !strings.ContainsRune(base91, r) {
			t.Errorf("GUID %q has %q outside the base-91 alphabet", a, r)
		}
	}
}

func TestCheckPackageName(t *testing.T) {
	for _, name := range []string{"collection.apkg", "out/Collection.APKG", "backup-2026.apkg", "/x/backup-1.apkg"} {
		if err := CheckPackageName(name); err == nil {
			t.Errorf("CheckPackageName(%q) accepted it", name)
		}
	}
	for _, name := range []string{"deck.apkg", "my-collection.apkg", "backups.apkg"} {
		if err := CheckPackageName(name); err != nil {
			t.Errorf("CheckPackageName(%q) = %v", name, err)
		}
	}
}
