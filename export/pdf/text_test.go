package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func testMetrics(t testing.TB) *metrics {
	t.Helper()
	m, err := fontMetrics()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFontCoverage(t *testing.T) {
	m := testMetrics(t)
	for _, r := range "□…’“”–—•›Ωαβγ ЖжЯ éñøŁ€" {
		if !m.covered[r] {
			t.Errorf("%q (%U) not covered by every face", r, r)
		}
		for fc := range numFaces {
			if r != ' ' && m.widths[fc][r] == 0 {
				t.Errorf("%q has no width in face %d", r, fc)
			}
		}
	}
	for _, r := range "日ש\u0645\u0928\u0301\u200b" {
		if m.covered[r] {
			t.Errorf("%q (%U) reported as covered; the Go fonts lack it", r, r)
		}
	}
}

func TestClean(t *testing.T) {
	m := testMetrics(t)
	for _, tc := range []struct{ in, want string }{
		{"plain ASCII", "plain ASCII"},
		{"“Curly” – dashes — and … ’", "“Curly” – dashes — and … ’"},
		{"Ελληνικά Кириллица", "Ελληνικά Кириллица"},
		{"cafe\u0301", "café"},                 // composed by NFC
		{"x\u0301y", "xy"},                     // no precomposed form: mark dropped
		{"emoji 🚀!", "emoji □!"},               // outside the BMP
		{"👍🏽 ok", "□ ok"},                      // skin-tone modifier goes with its emoji
		{"❤️", "□"},                            // U+2764 is missing; its variation selector is dropped
		{"日本", "□□"},                           // CJK
		{"שלום", "□□□□"},                       // Hebrew
		{"a\tb\u00a0c\u2003d", "a b\u00a0c d"}, // tab and em space become spaces; NBSP is in the fonts
		{"zero\u200bwidth\u200djoin\u00adsoft\ufeffbom", "zerowidthjoinsoftbom"},
		{"line\u2028sep\r\nnext", "line\nsep\nnext"},
		{"nul\x00bell\x07", "nulbell"},
		{"bad \xff byte", "bad □ byte"},
		{"", ""},
	} {
		if got := m.clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	m := testMetrics(t)
	long := strings.Repeat("x", 200)
	for _, tc := range []struct {
		name string
		text string
		w    float64
		want []string // nil: only check widths and content
	}{
		{"fits", "short line", 100, []string{"short line"}},
		{"breaks at spaces", "alpha beta gamma delta", 20, []string{"alpha beta", "gamma delta"}},
		{"newlines kept", "one\ntwo\n\nfour\n", 100, []string{"one", "two", "", "four"}},
		{"spaces collapse", "  a   b  ", 100, []string{"a b"}},
		{"unbroken word is cut", long, 40, nil},
		{"word then long word", "start " + long + " end", 40, nil},
		{"narrower than a rune", "abc", 0.1, []string{"a", "b", "c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := m.wrap(regular, 9, tc.w, tc.text)
			if tc.want != nil && strings.Join(lines, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap = %q, want %q", lines, tc.want)
			}
			for _, l := range lines {
				if w := m.width(regular, 9, l); w > tc.w && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is %.2f mm wide, more than %.2f", l, w, tc.w)
				}
			}
			if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""), strings.Join(strings.Fields(tc.text), ""); got != want {
				t.Errorf("wrapping lost text: %q, want %q", got, want)
			}
		})
	}
}

func TestEllipsize(t *testing.T) {
	m := testMetrics(t)
	s := "A rather long label that cannot fit in a narrow box"
	got := m.ellipsize(regular, 8, 30, s)
	if !strings.HasSuffix(got, "…") || m.width(regular, 8, got) > 30 {
		t.Errorf("ellipsize = %q (%.1f mm), want ≤ 30 mm ending in …", got, m.width(regular, 8, got))
	}
	if got := m.ellipsize(regular, 8, 300, s); got != s {
		t.Errorf("ellipsize changed a line that fits: %q", got)
	}
}

func FuzzClean(f *testing.F) {
	for _, a := range awkward {
		f.Add(a.in)
	}
	f.Add("“plain” text — Ελληνικά")
	m := testMetrics(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := m.clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("clean(%q) = %q: invalid UTF-8", s, out)
		}
		for _, r := range out {
			if r != '\n' && (r >= 0x10000 || !m.covered[r]) {
				t.Fatalf("clean(%q) kept %U, which the fonts lack", s, r)
			}
		}
		if again := m.clean(out); again != out {
			t.Fatalf("clean is not idempotent: %q → %q → %q", s, out, again)
		}
		for _, l := range m.wrap(bold, 9, 50, out) {
			if m.width(bold, 9, l) > 50 && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("wrapped line %q overflows", l)
			}
		}
	})
}

func TestLinkURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a#b", "https://example.com/a#b"},
		{"HTTP://example.com/", "HTTP://example.com/"},
		{"https://example.com/café path", "https://example.com/caf%C3%A9%20path"},
		{"javascript:alert(1)", ""},
		{"file:///etc/passwd", ""},
		{"", ""},
		{"tag:x,2026:entry", ""},
	} {
		if got := linkURL(tc.in); got != tc.want {
			t.Errorf("linkURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCodeSpans(t *testing.T) {
	m := testMetrics(t)
	for _, tc := range []struct {
		in   string
		want []span
	}{
		{"no markup at all", nil},
		{"<b>bold</b> but no code", nil},
		{"Run <code>go test</code> now", []span{{"Run ", regular}, {"go test", mono}, {" now", regular}}},
		{"<code>a &lt; b</code>'s<br>next <kbd>Ctrl</kbd>", []span{{"a < b", mono}, {"'s", regular}, {"\nnext ", regular}, {"Ctrl", mono}}},
		{"<code>x🚀</code>", []span{{"x□", mono}}},
	} {
		got := m.codeSpans(tc.in, regular)
		if len(got) != len(tc.want) {
			t.Errorf("codeSpans(%q) = %+v, want %+v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("codeSpans(%q)[%d] = %+v, want %+v", tc.in, i, got[i], tc.want[i])
			}
		}
	}
}

func TestWrapSpans(t *testing.T) {
	m := testMetrics(t)
	spans := m.codeSpans("Call <code>strings.NewReplacer(old, new)</code>'s <code>Replace</code> method, or use <code>"+strings.Repeat("averyveryverylongidentifier", 5)+"</code> instead.<br>Second line.", regular)
	for _, w := range []float64{20, 40, 84} {
		lines := m.wrapSpans(spans, 8.5, w)
		var all, code strings.Builder
		for i, l := range lines {
			if got := m.spansWidth(l, 8.5); got > w+1e-9 {
				t.Errorf("w=%v: line %d %q is %.2f mm wide", w, i, spansText(l), got)
			}
			for _, s := range l {
				all.WriteString(s.text)
				if s.fc == mono {
					code.WriteString(s.text)
				}
			}
			all.WriteByte(' ')
		}
		if got, want := flat(all.String()), flat(spansText(spans)); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(want, " ", "") {
			t.Errorf("w=%v: wrapping changed the text:\n got %q\nwant %q", w, got, want)
		}
		if c := strings.ReplaceAll(code.String(), " ", ""); c != "strings.NewReplacer(old,new)Replace"+strings.Repeat("averyveryverylongidentifier", 5) {
			t.Errorf("w=%v: mono text = %q", w, c)
		}
		if w == 84 && spansText(lines[len(lines)-1]) != "Second line." {
			t.Errorf("the <br> did not start a new line: %q", spansText(lines[len(lines)-1]))
		}
	}
}
