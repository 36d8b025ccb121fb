package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want.jsonl golden files of extract/testdata/articles")

// articleInput reads a test article: a whole page when it starts like an
// HTML document, else a feed entry's content.
func articleInput(t testing.TB, dir string) entryInput {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "input.html"))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(dir)
	s := string(data)
	head := strings.ToLower(strings.TrimSpace(s))
	page := strings.HasPrefix(head, "<!doctype") || strings.HasPrefix(head, "<html")
	src := Source{URL: "https://example.test/" + name + "/"}
	if !page {
		src.Feed = "Example feed"
		src.EntryID = "urn:example:" + name
		src.Title = name
	}
	return entryInput{Src: src, HTML: s, Page: page}
}

// marshalItems renders items as JSON Lines, the way `extract --json` does.
func marshalItems(t testing.TB, items []Item) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// TestGoldenArticles runs extractEntry over every testdata/articles case
// and compares the items with want.jsonl (go test -run Golden -update
// rewrites them; review the diff before committing).
func TestGoldenArticles(t *testing.T) {
	dirs, err := filepath.Glob("testdata/articles/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			art := extractEntry(articleInput(t, dir))
			got := marshalItems(t, art.Items)
			wantPath := filepath.Join(dir, "want.jsonl")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("items differ from %s (run with -update and review the diff)\n got:\n%s\nwant:\n%s", wantPath, got, want)
			}
			// Same input, same bytes.
			again := marshalItems(t, extractEntry(articleInput(t, dir)).Items)
			if !bytes.Equal(got, again) {
				t.Error("output is not deterministic")
			}
		})
	}
}
