package text

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func fixture() []quiz.Card {
	s1 := extract.Source{Feed: "Blog", EntryID: "e1", Title: "Git *Basics*", URL: "https://example.com/git/", SectionURL: "https://example.com/git/#faq"}
	s2 := extract.Source{Feed: "Blog", EntryID: "e2", Title: "Go Tips", URL: "https://example.com/go/"}
	items := []extract.Item{
		{Kind: extract.FAQ, Source: s1, Context: []string{"FAQ"}, Question: "What does `git add` do?", Answer: "It stages changes.\n# not a heading\n1. not a list"},
		{Kind: extract.Definition, Source: s1, Context: []string{"Glossary"}, Term: "HEAD", Definition: "A pointer to the current branch_tip <ref>."},
		{Kind: extract.Definition, Source: s2, Context: []string{"Glossary"}, Term: "HEAD", Definition: "Same term, second article."},
		{Kind: extract.List, Source: s2, Context: []string{"Build", "Steps"}, Prompt: "Name the steps", Ordered: true, Items: []string{"Fetch", "Compile [fast]", "Link"}},
	}
	notes := quiz.BuildNotes("Dev", items, quiz.BuildOptions{Reverse: true})
	var cards []quiz.Card
	for i := range notes {
		for _, c := range quiz.CardsOf(&notes[i]) {
			c.Added = now.Add(-time.Hour)
			cards = append(cards, c)
		}
	}
	cards[0].Memory = fsrs.Card{State: fsrs.Review, Reps: 2, Stability: 3.5, Difficulty: 4.25, ScheduledDays: 4,
		Due: now.Add(96 * time.Hour), LastReview: now}
	return cards
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (go test -update after checking):\n%s", name, got)
	}
}

func TestWriteMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, "Dev", fixture()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	golden(t, "fixture.md", b.Bytes())
	for _, want := range []string{
		"# Dev\n",
		"## [Git \\*Basics\\*](https://example.com/git/)",
		"**What does `git add` do?**",
		"1. Fetch\n2. Compile \\[fast\\]\n3. Link\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "**Name the") != 1 {
		t.Errorf("a note with several cards appears more than once:\n%s", out)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# not a heading", "\\# not a heading"},
		{"1. not a list", "1\\. not a list"},
		{"- dash", "\\- dash"},
		{"a_b *c* [d] <e> |f|", "a\\_b \\*c\\* \\[d\\] \\<e\\> \\|f\\|"},
		{"keep `a_b*` code", "keep `a_b*` code"},
		{"odd ` tick_", "odd \\` tick\\_"},
		{"2026 was a year", "2026 was a year"},
	}
	for _, tt := range tests {
		if got := mdBlock(tt.in); got != tt.want {
			t.Errorf("mdBlock(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	cards := fixture()
	var b bytes.Buffer
	if err := WriteJSON(&b, "Dev", cards, now); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.json", b.Bytes())
	var doc Document
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != Version || doc.Deck != "Dev" || len(doc.Cards) != len(cards) {
		t.Fatalf("doc: version %d deck %q %d cards", doc.Version, doc.Deck, len(doc.Cards))
	}
	c0 := doc.Cards[0]
	if c0.ID != cards[0].ID || c0.NoteID != cards[0].NoteID || c0.Schedule.State != "review" || c0.Schedule.Due == nil || c0.Schedule.Stability != 3.5 || len(c0.Sources) != 1 {
		t.Errorf("card 0 = %+v", c0)
	}
	if doc.Cards[1].Schedule.State != "new" || doc.Cards[1].Schedule.Due != nil {
		t.Errorf("new card schedule = %+v", doc.Cards[1].Schedule)
	}
	var merged bool
	for _, c := range doc.Cards {
		if len(c.Sources) == 2 {
			merged = true
		}
	}
	if !merged {
		t.Error("no card lists both sources of the merged note")
	}
	var again bytes.Buffer
	WriteJSON(&again, "Dev", cards, now)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("two JSON exports differ")
	}
}

func TestWriteErrors(t *testing.T) {
	bad := []quiz.Card{{ID: "x"}}
	if err := WriteJSON(&bytes.Buffer{}, "D", bad, now); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("json: err = %v", err)
	}
	if err := WriteMarkdown(&bytes.Buffer{}, "D", bad); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("markdown: err = %v", err)
	}
}
