package pdf

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

// benchCards makes n FAQ cards over n/20 articles of two sections each,
// with answers of 150–450 characters, like the benchmark feed's.
func benchCards(b *testing.B, n int) []quiz.Card {
	b.Helper()
	words := strings.Fields("Git tracks changes by storing snapshots of your project, not just differences. Its three states are the Working Directory, the Staging Area and the Local Repository, where committed changes are permanently stored. Rebasing rewrites history; merging preserves it.")
	items := make([]extract.Item, n)
	for i := range items {
		art := i / 20
		src := extract.Source{Title: fmt.Sprintf("Article %d: a practical guide", art), URL: fmt.Sprintf("https://example.com/a%d", art),
			SectionURL: fmt.Sprintf("https://example.com/a%d#faq", art)}
		var a strings.Builder
		for j := 0; a.Len() < 150+(i*37)%300; j++ {
			a.WriteString(words[(i+j)%len(words)])
			a.WriteByte(' ')
		}
		items[i] = extract.Item{Kind: extract.FAQ, Source: src, Context: []string{"Frequently Asked Questions", fmt.Sprintf("Part %d", i%40/20+1)},
			Question: fmt.Sprintf("Question %d: how does %s relate to %s?", i, words[i%len(words)], words[(i*7)%len(words)]), Answer: a.String()}
	}
	notes := quiz.BuildNotes("Bench", items, quiz.BuildOptions{})
	cards := make([]quiz.Card, 0, n)
	for i := range notes {
		cards = append(cards, quiz.CardsOf(&notes[i])...)
	}
	if len(cards) != n {
		b.Fatalf("%d cards, want %d", len(cards), n)
	}
	return cards
}

// BenchmarkSheet renders a 1,000-card study sheet.
func BenchmarkSheet(b *testing.B) {
	cards := benchCards(b, 1000)
	opt := Options{Title: "Bench", CreatedAt: created}
	if _, err := fontMetrics(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, cards, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCards renders the same 1,000 cards as cut-out cards.
func BenchmarkCards(b *testing.B) {
	cards := benchCards(b, 1000)
	opt := Options{Layout: LayoutCards, Title: "Bench", CreatedAt: created}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, cards, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClean is the text cleaning every string goes through.
func BenchmarkClean(b *testing.B) {
	m, err := fontMetrics()
	if err != nil {
		b.Fatal(err)
	}
	s := strings.Repeat("Plain “quoted” text — with Ελληνικά, café and an emoji 🚀. ", 10)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		m.clean(s)
	}
}
