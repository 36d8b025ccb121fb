package quiz

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// BenchmarkBuildNotes builds the sample feed's 560 gold items into notes
// and cards (what `add` and `export SOURCE` do per import).
func BenchmarkBuildNotes(b *testing.B) {
	items := goldItems(b)
	b.ReportAllocs()
	for b.Loop() {
		notes := BuildNotes("Software Engineering", items, BuildOptions{Reverse: true})
		for i := range notes {
			CardsOf(&notes[i])
		}
	}
}

// BenchmarkBuildQuiz draws a 20-question mixed quiz from the ~1000 cards of
// the sample feed.
func BenchmarkBuildQuiz(b *testing.B) {
	cards := goldCards(b, BuildOptions{Reverse: true})
	b.ReportAllocs()
	seed := int64(0)
	for b.Loop() {
		seed++
		if _, err := BuildQuiz(cards, QuizOptions{N: 20, Mode: Mixed, Seed: seed}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSessionGrade measures the session's own work per grade (the
// scheduler, the log entry, the queue), over an in-memory store.
func BenchmarkSessionGrade(b *testing.B) {
	ctx := context.Background()
	sched, err := fsrs.NewScheduler(fsrs.DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	var items []extract.Item
	for i := range 1000 {
		items = append(items, extract.Item{Kind: extract.FAQ, Source: gitSrc, Question: strings.Repeat("q", i%7+1) + string(rune('a'+i%26)) + string(rune('0'+i%10)) + strings.Repeat("x", i/260), Answer: "a"})
	}
	notes := BuildNotes("Eng", items, BuildOptions{})
	f := &fakeStore{}
	for i := range notes {
		f.cards = append(f.cards, CardsOf(&notes[i])...)
	}
	now := t0
	b.ReportAllocs()
	var s *Session
	for b.Loop() {
		if s == nil {
			b.StopTimer()
			f.logs = f.logs[:0]
			for i := range f.cards {
				f.cards[i].Memory = fsrs.Card{}
			}
			s, _ = NewSession(ctx, f, sched, "", now, QueueOptions{NewPerDay: len(f.cards)})
			b.StartTimer()
		}
		if _, err := s.Grade(ctx, fsrs.Easy, now); err != nil {
			b.Fatal(err)
		}
		if _, ok := s.Current(); !ok {
			s = nil
		}
	}
}

// FuzzCardsOf checks, for any item text, that building never panics, ids
// are well formed and stable, and every card of a usable item has both sides.
func FuzzCardsOf(f *testing.F) {
	f.Add("faq", "What is Git?", "A DVCS.", "FAQ", "step one\nstep two", true)
	f.Add("definition", "Consistency", "Every read sees the latest write.", "The CAP Theorem: Constraints", "", false)
	f.Add("list", "Name the steps:", "", "3. Steps", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm", true)
	f.Add("definition", "C++", "c++ is a language; C++!", "", "", true)
	f.Fuzz(func(t *testing.T, kind, front, back, heading, list string, ordered bool) {
		it := extract.Item{Kind: extract.Kind(kind), Source: gitSrc, Ordered: ordered}
		if heading != "" {
			it.Context = strings.Split(heading, "\n")
		}
		switch it.Kind {
		case extract.FAQ:
			it.Question, it.Answer = front, back
		case extract.Definition:
			it.Term, it.Definition = front, back
		default:
			it.Prompt, it.Items = front, strings.Split(list, "\n")
		}
		notes := BuildNotes("Deck", []extract.Item{it, it}, BuildOptions{Reverse: ordered})
		if len(notes) > 1 {
			t.Fatalf("the same item twice gave %d notes", len(notes))
		}
		for i := range notes {
			n := &notes[i]
			if len(n.ID) == 0 || len(n.ID) > 10 || strings.Trim(n.ID, base91Alphabet) != "" {
				t.Fatalf("bad id %q", n.ID)
			}
			if n.ID != NoteID(it, n.Type) || len(n.Sources) != 1 {
				t.Fatalf("id %q or sources %d not stable", n.ID, len(n.Sources))
			}
			Breadcrumb(n)
			for _, c := range CardsOf(n) {
				if strings.TrimSpace(c.Front) == "" || strings.TrimSpace(c.Back) == "" {
					t.Fatalf("card %s has an empty side: %q => %q", c.ID, c.Front, c.Back)
				}
			}
		}
	})
}

// duplicatedItems is the sample feed's gold items repeated copies times,
// each copy as new articles (new entry ids, links and titles) with the
// same questions and terms: the shape of the 1k-entry bench feed, where
// every question is seen in 100 articles and merges into one note.
func duplicatedItems(tb testing.TB, copies int) []extract.Item {
	gold := goldItems(tb)
	out := make([]extract.Item, 0, len(gold)*copies)
	for c := range copies {
		for _, it := range gold {
			suffix := fmt.Sprintf("-copy-%d", c)
			it.Source.EntryID += suffix
			it.Source.URL += suffix
			it.Source.Title = fmt.Sprintf("Copy %d: %s", c, it.Source.Title)
			out = append(out, it)
		}
	}
	return out
}

// BenchmarkBuildNotesDuplicated builds notes from 56,000 items in which
// every question appears in 100 articles (the 1k-entry bench feed).
func BenchmarkBuildNotesDuplicated(b *testing.B) {
	items := duplicatedItems(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		BuildNotes("Software Engineering", items, BuildOptions{})
	}
}

// TestBuildNotesManyArticles: the same questions in many articles merge
// into the notes one copy gives, each listing every copy's article once,
// with one tag per article title, sorted.
func TestBuildNotesManyArticles(t *testing.T) {
	one := BuildNotes("Eng", duplicatedItems(t, 1), BuildOptions{})
	many := BuildNotes("Eng", duplicatedItems(t, 7), BuildOptions{})
	if len(many) != len(one) {
		t.Fatalf("7 copies gave %d notes; one copy gives %d", len(many), len(one))
	}
	for i := range many {
		m, o := &many[i], &one[i]
		if m.ID != o.ID || len(m.Sources) != 7*len(o.Sources) {
			t.Fatalf("note %d: id %s (want %s), %d sources (want %d)", i, m.ID, o.ID, len(m.Sources), 7*len(o.Sources))
		}
		if !slices.IsSorted(m.Tags) || len(m.Tags) != 1+7*(len(o.Tags)-1) {
			t.Fatalf("note %d: tags %q; one copy has %q", i, m.Tags, o.Tags)
		}
	}
}
