package anki

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

var (
	fixNow   = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	fixAdded = time.Date(2026, 2, 1, 9, 30, 0, 0, time.UTC)
)

func src(title, section string) extract.Source {
	return extract.Source{
		Feed:       "Example Blog",
		EntryID:    "tag:example.com,2026:/" + title,
		Title:      title,
		URL:        "https://example.com/" + slug(title) + "/",
		SectionURL: "https://example.com/" + slug(title) + "/#" + section,
	}
}

// fixtureNotes covers every rule: HTML to sanitise, text to escape, a
// reverse note, an ordered list with cloze hazards, a field that starts
// with '#', quotes, a merged note with two sources.
func fixtureNotes() []quiz.Note {
	s1 := src("Git Basics", "faq")
	s2 := src("Go Tips", "glossary")
	items := []extract.Item{
		{Kind: extract.FAQ, Context: []string{"Frequently Asked Questions"}, Source: s1,
			Question:   "What does `git add` do?",
			Answer:     "It stages changes.",
			AnswerHTML: `It <b onclick="steal()">stages</b> changes: <code>git add -p</code>.<script>alert(1)</script><!-- hidden --> See <a href="javascript:alert(1)">this</a> and <a href="https://git-scm.com/docs/git-add">docs</a>.<iframe src="https://evil.example"></iframe><style>p{}</style>`},
		{Kind: extract.FAQ, Context: []string{"FAQ"}, Source: s1,
			Question: "#include or \"import\": which is C?",
			Answer:   "a<b & c\n<script>x</script>\tend"},
		{Kind: extract.Definition, Context: []string{"Glossary"}, Source: s2,
			Term: "Goroutine", Definition: "A lightweight thread managed by the Go runtime."},
		{Kind: extract.List, Context: []string{"Tools", "Build steps"}, Source: s2,
			Prompt: "Name the steps of a C++ build", Heading: "Build steps", Ordered: true,
			Items: []string{"include std::vector", "write f(){ return {}; }", "link {{c1::lib}}"}},
		{Kind: extract.List, Context: []string{"Pros"}, Source: s1,
			Prompt: "Name the 2 pros of Git", Items: []string{"Fast", "Distributed"}},
	}
	notes := quiz.BuildNotes("Dev::Example Blog", items, quiz.BuildOptions{Reverse: true})
	// A merged note: the goroutine term also seen in a second article.
	for i := range notes {
		if notes[i].Item.Kind == extract.Definition {
			notes[i].Sources = append(notes[i].Sources, src("Concurrency Notes", "terms"))
		}
	}
	return notes
}

func fixtureCards(notes []quiz.Note) []quiz.Card {
	var cards []quiz.Card
	for i := range notes {
		for _, c := range quiz.CardsOf(&notes[i]) {
			c.Added = fixAdded
			cards = append(cards, c)
		}
	}
	return cards
}

// goldCards builds cards from the sample feed's gold annotation (every FAQ
// pair, definition and list), so tests and benchmarks see real text
// without depending on the extractor. copies > 1 repeats them with
// distinct entry ids, hence distinct note ids.
func goldCards(tb testing.TB, copies int) []quiz.Card {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "gold", "software-engineering.gold.json"))
	if err != nil {
		tb.Fatalf("read gold: %v", err)
	}
	var gold struct {
		Feed struct {
			Title string `json:"title"`
		} `json:"feed"`
		Entries map[string]struct {
			Index int    `json:"index"`
			Title string `json:"title"`
			Link  string `json:"link"`
			FAQ   struct {
				Pairs []struct{ Question, Answer string } `json:"pairs"`
			} `json:"faq"`
			Definitions []struct {
				Term, Definition string
				Context          []string
			} `json:"definitions"`
			Lists []struct {
				Prompt, Heading string
				Context         []string
				Items           []string
				Ordered         bool
			} `json:"lists"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		tb.Fatalf("parse gold: %v", err)
	}
	ids := make([]string, 0, len(gold.Entries))
	for id := range gold.Entries {
		ids = append(ids, id)
	}
	// entry order as in the feed
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if gold.Entries[ids[j]].Index < gold.Entries[ids[i]].Index {
				ids[i], ids[j] = ids[j], ids[i]
			}
		}
	}
	var cards []quiz.Card
	for c := 0; c < copies; c++ {
		var items []extract.Item
		for _, id := range ids {
			e := gold.Entries[id]
			s := extract.Source{Feed: gold.Feed.Title, EntryID: fmt.Sprintf("%s#copy%d", id, c), Title: e.Title, URL: e.Link}
			for _, p := range e.FAQ.Pairs {
				items = append(items, extract.Item{Kind: extract.FAQ, Source: s, Context: []string{"Frequently Asked Questions"}, Question: p.Question, Answer: p.Answer})
			}
			for _, d := range e.Definitions {
				items = append(items, extract.Item{Kind: extract.Definition, Source: s, Context: d.Context, Term: d.Term, Definition: d.Definition})
			}
			for _, l := range e.Lists {
				items = append(items, extract.Item{Kind: extract.List, Source: s, Context: l.Context, Prompt: l.Prompt, Heading: l.Heading, Items: l.Items, Ordered: l.Ordered})
			}
		}
		// one build per copy: a deck merges equal terms of different articles
		notes := quiz.BuildNotes(gold.Feed.Title, items, quiz.BuildOptions{})
		cards = append(cards, fixtureCards(notes)...)
	}
	return cards
}
