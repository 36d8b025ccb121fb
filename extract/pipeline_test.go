package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// manyEntries is an Atom feed of n small entries.
func manyEntries(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Many</title>`)
	for i := range n {
		fmt.Fprintf(&b, `<entry><id>urn:e:%d</id><title>Entry %d</title><link href="https://many.example/%d"/><content type="html">&lt;h2&gt;Glossary&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;&lt;strong&gt;Term %d:&lt;/strong&gt; the meaning of entry %d in a few words.&lt;/li&gt;&lt;/ul&gt;</content></entry>`, i, i, i, i, i)
	}
	b.WriteString(`</feed>`)
	return []byte(b.String())
}

// TestOrderAndWorkers: whatever the number of workers, articles come back in
// document order and the results are identical.
func TestOrderAndWorkers(t *testing.T) {
	data := manyEntries(300)
	var first *Result
	for _, workers := range []int{1, 2, 3, 8} {
		var calls, last, total int
		res, err := Parse(data, "many.xml", "", Options{Workers: workers, Progress: func(done, n int) {
			calls++
			last, total = done, n
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Articles) != 300 {
			t.Fatalf("workers %d: %d articles", workers, len(res.Articles))
		}
		for i, a := range res.Articles {
			if a.EntryID != fmt.Sprintf("urn:e:%d", i) {
				t.Fatalf("workers %d: article %d is %q", workers, i, a.EntryID)
			}
		}
		if calls != 301 || last != 300 || total != 300 {
			t.Errorf("workers %d: progress called %d times, last %d/%d", workers, calls, last, total)
		}
		if first == nil {
			first = res
			continue
		}
		for i := range res.Articles {
			a, b := res.Articles[i], first.Articles[i]
			if a.Hash != b.Hash || fmt.Sprint(a.Items) != fmt.Sprint(b.Items) {
				t.Fatalf("workers %d: article %d differs from the 1-worker run", workers, i)
			}
		}
	}
}

// TestPanicBecomesWarning: a panic while reading one entry names that entry
// and spares the others.
func TestPanicBecomesWarning(t *testing.T) {
	arts, warns, _ := runEntries(context.Background(), 5, Options{Workers: 2}, func(i int) (entryInput, error) {
		if i == 3 {
			panic("boom")
		}
		if i == 1 {
			return entryInput{Src: Source{EntryID: "urn:bad"}}, errors.New("bad entry")
		}
		return entryInput{Src: Source{EntryID: fmt.Sprint(i)}, HTML: "<p>x</p>"}, nil
	})
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.EntryID)
	}
	if strings.Join(ids, ",") != "0,2,4" {
		t.Errorf("articles %v", ids)
	}
	want := "[entry 2 (urn:bad): bad entry entry 4: internal error while extracting: boom]"
	if fmt.Sprint(warns) != want {
		t.Errorf("warnings %q\nwant %s", warns, want)
	}
}

// TestCanceled: a canceled context stops the load with an error.
func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, "../testdata/feeds/software-engineering.atom.xml", Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestLiftMatchesDecoder: the fast path for content bodies gives exactly
// what encoding/xml gives, on every entry of the sample feed and the
// test feeds.
func TestLiftMatchesDecoder(t *testing.T) {
	for _, path := range []string{"../testdata/feeds/software-engineering.atom.xml", "testdata/feeds/atom-varied.xml", "testdata/feeds/rss2.xml", "testdata/feeds/rdf.xml", "testdata/feeds/broken-entry.xml"} {
		compareLift(t, path, readTestFile(t, path))
	}
}

func compareLift(t *testing.T, name string, data []byte) {
	t.Helper()
	data, err := xmlToUTF8(data, "")
	if err != nil {
		return
	}
	sc, err := scanFeed(data)
	if err != nil {
		return
	}
	kind, _ := sniffMarkup(data)
	dec := decodeRSSEntry
	if kind == formatAtom {
		dec = decodeAtomEntry
	}
	for i, sp := range sc.entries {
		chunk := data[sp.start:sp.end]
		fast, ferr := dec(chunk, sc.wraps[sp.wrap], true)
		slow, serr := dec(chunk, sc.wraps[sp.wrap], false)
		if serr == nil && ferr != nil {
			t.Errorf("%s entry %d: the fast path fails (%v) where the decoder reads it", name, i+1, ferr)
		}
		if serr == nil && ferr == nil && fast != slow {
			t.Errorf("%s entry %d: fast path\n%+v\ndecoder\n%+v", name, i+1, fast, slow)
		}
	}
}

func readTestFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEmit: with Options.Emit the articles stream out in document order,
// the same as the collected ones, and Result.Articles stays empty.
func TestEmit(t *testing.T) {
	data := manyEntries(120)
	want, err := Parse(data, "many.xml", "", Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []Article
	res, err := Parse(data, "many.xml", "", Options{Workers: 3, Emit: func(a Article) { got = append(got, a) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 0 {
		t.Errorf("Result.Articles has %d articles with Emit set", len(res.Articles))
	}
	if fmt.Sprint(got) != fmt.Sprint(want.Articles) {
		t.Errorf("emitted articles differ from collected ones (%d vs %d)", len(got), len(want.Articles))
	}
	// A broken entry is skipped by Emit too, and still warned about.
	var ids []string
	res, err = Load(t.Context(), "testdata/feeds/broken-entry.xml", Options{Emit: func(a Article) { ids = append(ids, a.EntryID) }})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, " ") != "tag:a tag:d" || len(res.Warnings) != 2 {
		t.Errorf("emitted %q, warnings %q", ids, res.Warnings)
	}
}

// TestGuessEntryID names broken entries from their raw bytes, and stays
// fast on hostile input.
func TestGuessEntryID(t *testing.T) {
	cases := []struct{ chunk, want string }{
		{`<entry><id>tag:x</id><title>t</titel></entry>`, "tag:x"},
		{`<item><guid isPermaLink="false"> g-1 </guid></item>`, "g-1"},
		{`<item><link>https://l.example/</link></item>`, "https://l.example/"},
		{`<entry><identity>no</identity></entry>`, ""},
	}
	for _, c := range cases {
		if got := guessEntryID([]byte(c.chunk)); got != c.want {
			t.Errorf("guessEntryID(%q) = %q, want %q", c.chunk, got, c.want)
		}
	}
	hostile := []byte("<entry>" + strings.Repeat("<id ", 1<<18))
	start := time.Now()
	guessEntryID(hostile)
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v on 1 MiB of unclosed <id tags", d)
	}
}

func TestArticleHashIsSHA256OfFields(t *testing.T) {
	content := strings.Repeat("<p>héllo</p>", 1000) // longer than the copy buffer
	sum := sha256.Sum256([]byte("Title\x00https://x/a\x00" + content))
	if got, want := articleHash("Title", "https://x/a", content), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("articleHash = %s, want %s", got, want)
	}
	if articleHash("ab", "c", "") == articleHash("a", "bc", "") {
		t.Fatal("fields run into each other")
	}
}
