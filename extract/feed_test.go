package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func init() {
	// The package's golden tests share one -update flag, whoever defines it.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// plannedEntry is the golden shape of one decoded entry.
type plannedEntry struct {
	Index   int    `json:"index"`
	EntryID string `json:"entry_id,omitempty"`
	Title   string `json:"title,omitempty"`
	URL     string `json:"url,omitempty"`
	Page    bool   `json:"page,omitempty"`
	HTML    string `json:"html,omitempty"`
	Error   string `json:"error,omitempty"`
}

type plannedFeed struct {
	Format  string         `json:"format"`
	Feed    string         `json:"feed"`
	FeedURL string         `json:"feed_url"`
	Entries []plannedEntry `json:"entries"`
}

// planFile sniffs and decodes every entry of a test feed, without extraction.
func planFile(t *testing.T, path, baseURL string) plannedFeed {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan(data, filepath.Base(path), baseURL, "", Options{})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	out := plannedFeed{Format: p.res.Format, Feed: p.res.Feed, FeedURL: p.res.FeedURL, Entries: []plannedEntry{}}
	for i := range p.n {
		in, err := p.decode(i)
		e := plannedEntry{Index: i + 1, EntryID: in.Src.EntryID, Title: in.Src.Title, URL: in.Src.URL, Page: in.Page, HTML: in.HTML}
		if in.Src.Feed != p.res.Feed || in.Src.FeedURL != p.res.FeedURL {
			t.Errorf("entry %d: source feed %q/%q, want the feed's %q/%q", i+1, in.Src.Feed, in.Src.FeedURL, p.res.Feed, p.res.FeedURL)
		}
		if err != nil {
			e.Error = err.Error()
		}
		out.Entries = append(out.Entries, e)
	}
	return out
}

// checkGolden compares got with testdata/golden/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n got: %s\nwant: %s", name, got, want)
	}
}

// TestGoldenFeedMapping decodes varied feeds and compares every entry's id, title,
// absolute URL and content HTML with golden files.
func TestGoldenFeedMapping(t *testing.T) {
	cases := []struct{ file, base string }{
		{"atom-varied.xml", ""},
		{"rss2.xml", ""},
		{"rdf.xml", ""},
		{"feed.json", ""},
		{"latin1.xml", ""},
		{"page.html", "https://page.example/guide/?utm=1"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got := planFile(t, filepath.Join("testdata", "feeds", c.file), c.base)
			if len(got.Entries) == 0 {
				t.Fatal("no entries")
			}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(got); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(c.file, filepath.Ext(c.file))+".json", b.Bytes())
		})
	}
}

// TestMappingRules pins the rules the golden files show, so a wrong -update
// cannot slip through unnoticed.
func TestMappingRules(t *testing.T) {
	atom := planFile(t, "testdata/feeds/atom-varied.xml", "")
	rss := planFile(t, "testdata/feeds/rss2.xml", "")
	jsf := planFile(t, "testdata/feeds/feed.json", "")
	latin := planFile(t, "testdata/feeds/latin1.xml", "")
	rdf := planFile(t, "testdata/feeds/rdf.xml", "")
	checks := []struct {
		name, got, want string
	}{
		{"atom feed title (html text construct)", atom.Feed, "Example Blog & Notes"},
		{"atom alternate link against xml:base", atom.Entries[0].URL, "https://example.org/blog/posts/one/"},
		{"atom content over summary, CDATA and entities", atom.Entries[0].HTML, `<h2>FAQ</h2><p>See <a href="../two/">the next post</a> &amp; more…</p>`},
		{"atom entry xml:base", atom.Entries[1].URL, "https://other.example/articles/two.html"},
		{"atom html title", atom.Entries[1].Title, "Only a text summary"},
		{"atom text summary as paragraphs", atom.Entries[1].HTML, "<p>First paragraph &lt; second.</p>\n<p>Second paragraph,<br>two lines.</p>\n"},
		{"atom xhtml title", atom.Entries[2].Title, "XHTML content"},
		{"atom xhtml content unwrapped", atom.Entries[2].HTML, `<p>An <em>xhtml</em> body &amp; a <a href="x.html">link</a>.</p>`},
		{"atom id as URL when no link", atom.Entries[2].URL, "https://example.org/blog/posts/three/"},
		{"atom absolute-path link", atom.Entries[3].URL, "https://example.org/four/"},
		{"atom text content escaped", atom.Entries[3].HTML, "<p>Plain &lt;text&gt; &amp; nothing else.</p>\n"},
		{"atom blank content falls back to summary", atom.Entries[4].HTML, "<p>The summary.</p>"},
		{"atom enclosure is not the entry link", atom.Entries[4].URL, "https://example.org/blog/"},
		{"rss channel title", rss.Feed, "Example RSS & Co"},
		{"rss content:encoded wins", rss.Entries[0].HTML, `<p>Full <strong>body</strong> with <a href="/b/">a link</a>.</p>`},
		{"rss guid is the id", rss.Entries[0].EntryID, "news-a"},
		{"rss relative link against channel link", rss.Entries[1].URL, "https://news.example.com/relative/b/"},
		{"rss escaped title", rss.Entries[1].Title, "Description only, escaped title"},
		{"rss description entities", rss.Entries[1].HTML, "<p>Escaped HTML &amp; an entity&nbsp;here.</p>"},
		{"rss no guid: id is the link", rss.Entries[1].EntryID, "https://news.example.com/relative/b/"},
		{"rss permalink guid as link", rss.Entries[2].URL, "https://news.example.com/c/"},
		{"rss split CDATA", rss.Entries[2].HTML, "<p>CDATA description]]>with a split end marker.</p>"},
		{"rss no id, no link: a digest, not the feed URL", rss.Entries[3].EntryID[:11], "urn:sha256:"},
		{"rdf item", rdf.Entries[1].HTML, "<p>Two, encoded.</p>"},
		{"rdf id from rdf:about", rdf.Entries[0].EntryID, "https://rdf.example.net/one"},
		{"json content_html", jsf.Entries[0].HTML, "<p>Hello <b>world</b>.</p>"},
		{"json numeric id", jsf.Entries[1].EntryID, "2"},
		{"json relative url", jsf.Entries[1].URL, "https://json.example.com/two/"},
		{"json content_text", jsf.Entries[1].HTML, "<p>Line one<br>line two</p>\n<p>Para &lt;two&gt; &amp; more</p>\n"},
		{"json external_url", jsf.Entries[2].URL, "https://elsewhere.example/x"},
		{"json bad item is an error", fmt.Sprintf("%v %v", jsf.Entries[3].Error != "", jsf.Entries[3].EntryID), "true 4"},
		{"latin-1 title", latin.Feed, "Café feed"},
		{"latin-1 content", latin.Entries[0].HTML, "<p>Naïve café €</p>"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

// TestBadInput: every bad source is one clean error naming it.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name, file string
		want       string
	}{
		{"empty input", "empty.xml", "empty.xml: empty input"},
		{"binary data", "binary.bin", "binary.bin: not a feed or HTML page (binary data)"},
		{"truncated XML", "truncated.xml", "truncated.xml: truncated XML: unexpected EOF"},
		{"unknown charset", "unknown-charset.xml", `unknown-charset.xml: unknown charset "x-klingon" in the XML declaration`},
		{"wrong charset", "wrong-charset.xml", "wrong-charset.xml: invalid utf-8 text at line 3: wrong charset declared?"},
		{"XML that is not a feed", "note.xml", "note.xml: not a feed or HTML page (XML with root element <note>)"},
		{"plain text", "plain.txt", "plain.txt: not a feed or HTML page (plain text)"},
		{"JSON that is not a feed", "notfeed.json", "notfeed.json: not a feed or HTML page (JSON without a JSON Feed version)"},
		{"nonexistent path", "no-such-feed.xml", "no-such-feed.xml: no such file"},
		{"a directory", "", ": is a directory, not a feed or page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", "feeds", c.file)
			res, err := Load(t.Context(), path, Options{})
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			want := filepath.Join("testdata", "feeds", "") + "/" + c.want
			if c.file == "" {
				want = path + c.want
			}
			if !strings.HasPrefix(err.Error(), strings.TrimSuffix(want, "…")) {
				t.Errorf("error %q\n  want %q", err, want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error has several lines: %q", err)
			}
		})
	}
	t.Run("nonexistent path wraps fs.ErrNotExist", func(t *testing.T) {
		_, err := Load(t.Context(), "testdata/feeds/nope.xml", Options{})
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("error %v does not wrap os.ErrNotExist", err)
		}
	})
	t.Run("oversized file", func(t *testing.T) {
		_, err := Load(t.Context(), "testdata/feeds/rss2.xml", Options{MaxBytes: 100})
		if err == nil || err.Error() != "testdata/feeds/rss2.xml: larger than the 100 bytes limit" {
			t.Errorf("error %v", err)
		}
	})
}

// TestBrokenEntry: one broken entry is skipped with a warning naming it; the
// others are still extracted, in order.
func TestBrokenEntry(t *testing.T) {
	res, err := Load(t.Context(), "testdata/feeds/broken-entry.xml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range res.Articles {
		ids = append(ids, a.EntryID)
	}
	if got := strings.Join(ids, " "); got != "tag:a tag:d" {
		t.Errorf("articles %q, want tag:a tag:d", got)
	}
	want := []string{
		"entry 2 (tag:b): XML syntax error at line 9: element <title> closed by </titel>",
		"entry 3 (tag:c): in <content>: invalid character entity &bogus;",
	}
	if fmt.Sprint(res.Warnings) != fmt.Sprint(want) {
		t.Errorf("warnings\n got %q\nwant %q", res.Warnings, want)
	}
}

// TestSampleFeed loads the project's sample feed: ten articles in document
// order, with ids, absolute URLs and distinct content hashes.
func TestSampleFeed(t *testing.T) {
	res, err := Load(t.Context(), "../testdata/feeds/software-engineering.atom.xml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "atom" || res.Feed != "Analytics Drive - Software Engineering" || len(res.Warnings) != 0 {
		t.Errorf("format %q feed %q warnings %q", res.Format, res.Feed, res.Warnings)
	}
	if len(res.Articles) != 10 {
		t.Fatalf("%d articles, want 10", len(res.Articles))
	}
	if got := res.Articles[0].EntryID; got != "tag:analyticsdrive.tech,2026-04-18:/git-basics-developer-guide-version-control/" {
		t.Errorf("first entry id %q", got)
	}
	seen := map[string]bool{}
	for i, a := range res.Articles {
		if !strings.HasPrefix(a.URL, "https://analyticsdrive.tech/") || a.Title == "" {
			t.Errorf("article %d: url %q title %q", i+1, a.URL, a.Title)
		}
		if len(a.Hash) != 64 || seen[a.Hash] {
			t.Errorf("article %d: hash %q missing or repeated", i+1, a.Hash)
		}
		seen[a.Hash] = true
	}
}

// TestParseBytes: in-memory inputs — compressed, byte-order-marked, JSON
// errors — each sniffed right or rejected with one clear line.
func TestParseBytes(t *testing.T) {
	rss := readTestFile(t, "testdata/feeds/rss2.xml")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(rss)
	zw.Close()
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range `<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Ünïcode</title><item><title>x</title><link>https://u.example/x</link></item></channel></rss>` {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	ok := []struct {
		name   string
		data   []byte
		format string
		feed   string
	}{
		{"gzip file", gz.Bytes(), "rss", "Example RSS & Co"},
		{"UTF-8 BOM", append([]byte("\xef\xbb\xbf"), rss...), "rss", "Example RSS & Co"},
		{"UTF-16 with BOM", utf16, "rss", "Ünïcode"},
		{"HTML fragment", []byte("Intro text\n<p>A paragraph.</p>"), "html", ""},
	}
	for _, c := range ok {
		res, err := Parse(c.data, "in", "", Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if res.Format != c.format || res.Feed != c.feed {
			t.Errorf("%s: format %q feed %q, want %q %q", c.name, res.Format, res.Feed, c.format, c.feed)
		}
	}
	bad := []struct{ name, data, want string }{
		{"truncated JSON", `{"version":"https://jsonfeed.org/version/1.1",` + "\n" + `"items":[`, "in: truncated JSON: unexpected end at line 2"},
		{"invalid JSON", `{"version": nope}`, "in: invalid JSON at line 1: invalid character 'o' in literal null (expecting 'u')"},
		{"JSON array", `[1, 2]`, "in: not a feed or HTML page (JSON array, not a JSON Feed object)"},
		{"bad gzip", "\x1f\x8b\x08\x00garbage", "in: bad gzip data: unexpected EOF"},
		{"second root", `<rss><channel></channel></rss><rss/>`, ""},
		{"mismatched skeleton", `<rss><channel><title>t</channel></rss>`, "in: XML syntax error: element <title> closed by </channel> at line 1"},
		{"entity in feed title", `<feed xmlns="http://www.w3.org/2005/Atom"><title>a &bogus; b</title></feed>`, "in: XML syntax error: invalid character entity &bogus;"},
		{"only a prolog", `<?xml version="1.0"?><!-- nothing -->`, "in: not a feed or HTML page (plain text)"},
	}
	for _, c := range bad {
		res, err := Parse([]byte(c.data), "in", "", Options{})
		if c.want == "" { // tolerated: what follows the root is ignored
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error, result %+v", c.name, res)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%s: error %q\n  want %q", c.name, err, c.want)
		}
	}
}

func TestPlainToHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs and line breaks", "One\ntwo.\n\nThree.", "<p>One<br>two.</p>\n<p>Three.</p>\n"},
		{"numbered lines after a lead-in", "It takes three steps:\n1. Ask.\n2) Wait.\n3. Read <it>.",
			"<p>It takes three steps:</p>\n<ol><li>Ask.</li><li>Wait.</li><li>Read &lt;it&gt;.</li></ol>\n"},
		{"bullets", "- red\n* green\n• blue", "<ul><li>red</li><li>green</li><li>blue</li></ul>\n"},
		{"labelled lines", "Resolver: looks a name up.\nTTL: how long to cache.",
			"<ul><li><strong>Resolver:</strong> looks a name up.</li><li><strong>TTL:</strong> how long to cache.</li></ul>\n"},
		{"Q and A stay a paragraph", "Q: Why?\nA: Because.", "<p>Q: Why?<br>A: Because.</p>\n"},
		{"a short line alone before text is a heading", "Key terms\n\nSome text.", "<h2>Key terms</h2>\n<p>Some text.</p>\n"},
		{"a short last line is not", "Some text.\n\nThe end", "<p>Some text.</p>\n<p>The end</p>\n"},
		{"one numbered line is no list", "1. Only one.", "<p>1. Only one.</p>\n"},
	}
	for _, tc := range tests {
		if got := plainToHTML(tc.in); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
