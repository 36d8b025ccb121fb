package quiz

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/feedcards/feedcards/extract"
)

// goldFile is the hand-made annotation of the sample feed; its items stand
// in for the extractor's output so the quiz tests run on real article text.
var goldFile = filepath.Join("..", "testdata", "gold", "software-engineering.gold.json")

type goldEntry struct {
	Index int    `json:"index"`
	Title string `json:"title"`
	Link  string `json:"link"`
	FAQ   struct {
		SectionHeading string `json:"section_heading"`
		Pairs          []struct {
			Question string `json:"question"`
			Answer   string `json:"answer"`
		} `json:"pairs"`
	} `json:"faq"`
	Definitions []struct {
		Term         string   `json:"term"`
		Definition   string   `json:"definition"`
		Context      []string `json:"context"`
		NeedsContext bool     `json:"needs_context"`
	} `json:"definitions"`
	Lists []struct {
		Prompt  string   `json:"prompt"`
		Heading string   `json:"heading"`
		Context []string `json:"context"`
		Items   []string `json:"items"`
		Ordered bool     `json:"ordered"`
	} `json:"lists"`
}

type goldItem struct {
	extract.Item
	NeedsContext bool
}

// loadGold returns the gold items of the sample feed in feed order: per
// entry its definitions, lists, then FAQ pairs.
func loadGold(t testing.TB) []goldItem {
	t.Helper()
	b, err := os.ReadFile(goldFile)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Feed struct {
			Title string `json:"title"`
		} `json:"feed"`
		Entries map[string]goldEntry `json:"entries"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", goldFile, err)
	}
	ids := make([]string, 0, len(g.Entries))
	for id := range g.Entries {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return g.Entries[a].Index - g.Entries[b].Index })
	var out []goldItem
	for _, id := range ids {
		e := g.Entries[id]
		src := extract.Source{Feed: g.Feed.Title, EntryID: id, Title: e.Title, URL: e.Link}
		for _, d := range e.Definitions {
			out = append(out, goldItem{extract.Item{Kind: extract.Definition, Context: d.Context, Source: src,
				Term: d.Term, Definition: d.Definition}, d.NeedsContext})
		}
		for _, l := range e.Lists {
			out = append(out, goldItem{Item: extract.Item{Kind: extract.List, Context: l.Context, Source: src,
				Prompt: l.Prompt, Heading: l.Heading, Items: l.Items, Ordered: l.Ordered}})
		}
		for _, p := range e.FAQ.Pairs {
			out = append(out, goldItem{Item: extract.Item{Kind: extract.FAQ, Context: []string{e.FAQ.SectionHeading},
				Source: src, Question: p.Question, Answer: p.Answer}})
		}
	}
	if len(out) < 500 {
		t.Fatalf("%s: only %d items; the gold should have over 500", goldFile, len(out))
	}
	return out
}

func goldItems(t testing.TB) []extract.Item {
	g := loadGold(t)
	out := make([]extract.Item, len(g))
	for i := range g {
		out[i] = g[i].Item
	}
	return out
}
