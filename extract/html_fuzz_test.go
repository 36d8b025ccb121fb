package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sampleEntries returns the sample feed's entries as extractEntry inputs,
// decoded by the feed reader.
func sampleEntries(tb testing.TB) []entryInput {
	tb.Helper()
	const path = "../testdata/feeds/software-engineering.atom.xml"
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := plan(data, path, "", "", Options{})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]entryInput, 0, p.n)
	for i := range p.n {
		in, err := p.decode(i)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, in)
	}
	return out
}

// FuzzExtractEntry checks that no HTML makes extractEntry panic, loop or
// produce items without a front, invalid UTF-8 or a malformed id.
func FuzzExtractEntry(f *testing.F) {
	dirs, _ := filepath.Glob("testdata/articles/*/input.html")
	for _, d := range dirs {
		if b, err := os.ReadFile(d); err == nil {
			f.Add(string(b), true)
			f.Add(string(b), false)
		}
	}
	f.Add(`<h2>FAQ</h2><p><strong>Q: x?</strong></p><p>A: y z w.</p>`, false)
	f.Add(`<script type="math/tex">1</script><dl><dt>a<dd>b c d e</dl><table><tr><td>x<td>y`, false)
	f.Add(`<script type="application/ld+json">{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"a?","acceptedAnswer":[{"text":"<b>b</b>"}]}]}</script>`, true)
	f.Fuzz(func(t *testing.T, html string, page bool) {
		art := extractEntry(entryInput{Src: Source{EntryID: "urn:f", URL: "https://example.test/f/"}, HTML: html, Page: page})
		for _, it := range art.Items {
			if strings.TrimSpace(it.Front()) == "" {
				t.Fatalf("item without a front: %+v", it)
			}
			if len(it.ID) != 32 {
				t.Fatalf("bad id %q", it.ID)
			}
			if utf8.ValidString(html) && (!utf8.ValidString(it.Front()) || !utf8.ValidString(it.Answer+it.Definition)) {
				t.Fatalf("invalid UTF-8 from valid input: %+v", it)
			}
			if it.Kind == List && len(it.Items) < 2 {
				t.Fatalf("list with %d items", len(it.Items))
			}
		}
	})
}

// BenchmarkExtractEntry extracts every entry of the sample feed (HTML
// parse, walk and rules; no feed parsing).
func BenchmarkExtractEntry(b *testing.B) {
	ins := sampleEntries(b)
	var size int64
	for _, in := range ins {
		size += int64(len(in.HTML))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	items := 0
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			items += len(extractEntry(in).Items)
		}
	}
	b.ReportMetric(float64(items)/float64(b.N), "items/op")
}
