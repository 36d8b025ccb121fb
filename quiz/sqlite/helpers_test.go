package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
)

// t0 is the fixed clock of the tests.
var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "collection.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// article builds an entry with n items of each kind (faq, definition,
// ordered list); rev changes every answer's text (an edited article).
func article(feedURL string, entry, n, rev int) extract.Article {
	a := extract.Article{
		EntryID: fmt.Sprintf("tag:example.org,2026:/post-%d", entry),
		Title:   fmt.Sprintf("Post %d", entry),
		URL:     fmt.Sprintf("https://example.org/post-%d/", entry),
	}
	src := extract.Source{Feed: "Example Feed", FeedURL: feedURL, EntryID: a.EntryID, Title: a.Title, URL: a.URL}
	for i := 0; i < n; i++ {
		sec := fmt.Sprintf("Section %d of post %d", i, entry)
		a.Items = append(a.Items,
			extract.Item{ID: fmt.Sprintf("%d-faq-%d", entry, i), Kind: extract.FAQ, Context: []string{sec}, Source: src,
				Question: fmt.Sprintf("What does rule %d of post %d say?", i, entry),
				Answer:   fmt.Sprintf("It says to do thing %d carefully (revision %d).", i, rev)},
			extract.Item{ID: fmt.Sprintf("%d-def-%d", entry, i), Kind: extract.Definition, Context: []string{sec}, Source: src,
				Term:       fmt.Sprintf("Widget%d-%d", entry, i),
				Definition: fmt.Sprintf("A widget is a part used in step %d of the build (revision %d).", i, rev)},
			extract.Item{ID: fmt.Sprintf("%d-list-%d", entry, i), Kind: extract.List, Context: []string{sec}, Source: src,
				Prompt: fmt.Sprintf("Name the steps of procedure %d in post %d", i, entry), Ordered: true,
				Items: []string{"Plan the work", fmt.Sprintf("Do the work (r%d)", rev), "Check the work"}},
		)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%d", a.EntryID, n, rev)
	a.Hash = hex.EncodeToString(h.Sum(nil))
	return a
}

// feedResult is a feed of entries articles with n items of each kind.
func feedResult(feedURL string, entries, n int) *extract.Result {
	res := &extract.Result{Feed: "Example Feed", FeedURL: feedURL, Format: "atom"}
	for e := 0; e < entries; e++ {
		res.Articles = append(res.Articles, article(feedURL, e, n, 0))
	}
	return res
}

// cardsPerItemSet is the number of cards one faq + definition + 3-step
// ordered list give: 1 + 1 + (1 enumeration + 3 cloze).
const cardsPerItemSet = 6
