package quiz

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/feedcards/feedcards/extract"
)

func goldCards(t testing.TB, opt BuildOptions) []Card {
	t.Helper()
	notes := BuildNotes("Software Engineering", goldItems(t), opt)
	var cards []Card
	for i := range notes {
		cards = append(cards, CardsOf(&notes[i])...)
	}
	return cards
}

func TestBuildQuizDeterministic(t *testing.T) {
	cards := goldCards(t, BuildOptions{Reverse: true})
	opt := QuizOptions{N: 30, Mode: Mixed, Seed: 42}
	a, err := BuildQuiz(cards, opt)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]Card(nil), cards...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := BuildQuiz(shuffled, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 30 || !reflect.DeepEqual(summarise(a), summarise(b)) {
		t.Fatalf("same cards and seed gave different quizzes (%d vs %d questions)", len(a), len(b))
	}
	opt.Seed = 43
	c, _ := BuildQuiz(cards, opt)
	if reflect.DeepEqual(summarise(a), summarise(c)) {
		t.Error("seeds 42 and 43 gave the same quiz")
	}
	var mc, typed int
	for _, q := range a {
		switch q.Mode {
		case MultipleChoice:
			mc++
		case Typed:
			typed++
			if q.Items == nil && len([]rune(q.Expected)) > maxTypedLen {
				t.Errorf("mixed quiz asks a %d-character answer typed: %q", len(q.Expected), q.Expected)
			}
		}
	}
	if mc == 0 || typed == 0 {
		t.Errorf("mixed quiz has %d mc and %d typed questions", mc, typed)
	}
}

func summarise(qs []Question) [][]string {
	var out [][]string
	for _, q := range qs {
		out = append(out, append([]string{q.Card.ID, string(q.Mode), q.Prompt, q.Expected, string(rune('A' + q.Answer))}, q.Options...))
	}
	return out
}

// TestBuildQuizOptions checks every multiple-choice question of many seeded
// quizzes over the gold deck.
func TestBuildQuizOptions(t *testing.T) {
	cards := goldCards(t, BuildOptions{Reverse: true})
	byAnswer := map[string][]answer{} // option text → the answers it could be
	for i := range cards {
		a := answerOf(&cards[i])
		byAnswer[a.text] = append(byAnswer[a.text], a)
	}
	var checked, sameArticle, full int
	for seed := int64(0); seed < 20; seed++ {
		qs, err := BuildQuiz(cards, QuizOptions{N: 50, Mode: MultipleChoice, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			if q.Mode != MultipleChoice {
				continue
			}
			checked++
			if len(q.Options) < 2 || len(q.Options) > 4 {
				t.Errorf("%s: %d options", q.Card.ID, len(q.Options))
			}
			if len(q.Options) == 4 {
				full++
			}
			if q.Options[q.Answer] != q.Expected {
				t.Errorf("%s: option %d is %q, want the answer %q", q.Card.ID, q.Answer, q.Options[q.Answer], q.Expected)
			}
			norms := map[string]bool{}
			family := answerOf(&q.Card).family
			all := true
			for i, o := range q.Options {
				k := normKey(o)
				if norms[k] {
					t.Errorf("%s: option %q appears twice (normalised)", q.Card.ID, o)
				}
				norms[k] = true
				if i == q.Answer {
					continue
				}
				ok := false
				for _, a := range byAnswer[o] {
					ok = ok || a.family == family
				}
				if !ok {
					t.Errorf("%s (%s): distractor %q is not a %s", q.Card.ID, family, o, family)
				}
				if !fromArticle(cards, o, articleOf(&q.Card)) {
					all = false
				}
			}
			if all {
				sameArticle++
			}
		}
	}
	if checked < 500 || full < checked*9/10 {
		t.Errorf("checked %d mc questions, %d with 4 options", checked, full)
	}
	// The gold articles have many siblings of each kind: distractors should
	// nearly always come from the question's own article.
	if sameArticle < checked*8/10 {
		t.Errorf("only %d of %d questions drew all distractors from their own article", sameArticle, checked)
	}
	t.Logf("%d mc questions, %d with 4 options, %d all from the same article", checked, full, sameArticle)
}

func fromArticle(cards []Card, text, article string) bool {
	for i := range cards {
		if articleOf(&cards[i]) == article && answerOf(&cards[i]).text == text {
			return true
		}
	}
	return false
}

func TestBuildQuizSmallDecks(t *testing.T) {
	src := extract.Source{EntryID: "e1", Title: "T"}
	items := []extract.Item{
		{Kind: extract.FAQ, Source: src, Question: "Why?", Answer: "Because."},
		{Kind: extract.Definition, Source: src, Term: "A", Definition: "The first letter."},
		{Kind: extract.Definition, Source: src, Term: "B", Definition: "the first letter"}, // same answer, normalised
		{Kind: extract.Definition, Source: src, Term: "C", Definition: "The third letter."},
		{Kind: extract.List, Source: src, Prompt: "Name the steps", Items: []string{"Plan", "Do", "Check", "Act"}, Ordered: true},
	}
	notes := BuildNotes("d", items, BuildOptions{})
	var cards []Card
	for i := range notes {
		cards = append(cards, CardsOf(&notes[i])...)
	}
	qs, err := BuildQuiz(cards, QuizOptions{Mode: MultipleChoice, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != len(cards) {
		t.Fatalf("%d questions for %d cards with N=0", len(qs), len(cards))
	}
	for _, q := range qs {
		switch q.Card.Front {
		case "Why?": // the only FAQ: nothing to confuse it with
			if q.Mode != Typed || q.Options != nil {
				t.Errorf("lone FAQ asked as %s with %q", q.Mode, q.Options)
			}
		case "A", "B", "C":
			if len(q.Options) != 2 {
				t.Errorf("%s: options %q, want two distinct definitions", q.Card.Front, q.Options)
			}
		case "Name the steps":
			if q.Mode != Typed || len(q.Items) != 4 || q.Expected != "Plan; Do; Check; Act" {
				t.Errorf("list question: %s %q %q", q.Mode, q.Items, q.Expected)
			}
		default: // cloze: the other steps of the same list, but none the front shows
			if len(q.Options) < 2 || q.Options[q.Answer] != q.Expected {
				t.Errorf("%q: options %q, answer %d, want the step %q among other steps", q.Card.Front, q.Options, q.Answer, q.Expected)
			}
			for i, o := range q.Options {
				if i != q.Answer && containsPhrase(normKey(q.Card.Front), normKey(o)) {
					t.Errorf("%q: option %q is shown in the question itself", q.Card.Front, o)
				}
			}
		}
	}

	cards[0].Suspended = true
	qs, _ = BuildQuiz(cards, QuizOptions{N: 100, Mode: Typed})
	if len(qs) != len(cards)-1 {
		t.Errorf("%d questions, want %d (one suspended)", len(qs), len(cards)-1)
	}
	for _, q := range qs {
		if q.Mode != Typed || q.Options != nil {
			t.Errorf("typed quiz has a %s question", q.Mode)
		}
	}
	if _, err := BuildQuiz(nil, QuizOptions{}); !errors.Is(err, ErrNoCards) {
		t.Errorf("empty deck: err = %v, want ErrNoCards", err)
	}
	if _, err := BuildQuiz(cards, QuizOptions{Mode: "oral"}); err == nil || err.Error() != `quiz mode "oral": want mc, typed or mixed` {
		t.Errorf("bad mode: err = %v", err)
	}
}

func TestContainsPhrase(t *testing.T) {
	for _, tc := range []struct {
		hay, needle string
		want        bool
	}{
		{"1. identify 2. edit 3. [...]", "edit", true},
		{"1. identify 2. edited 3. [...]", "edit", false},
		{"credit check", "edit", false},
		{"plan, do, check", "do", true},
		{"", "x", false},
		{"rate limiter internal state", "rate limiter internal state", true},
	} {
		if got := containsPhrase(tc.hay, tc.needle); got != tc.want {
			t.Errorf("containsPhrase(%q, %q) = %v, want %v", tc.hay, tc.needle, got, tc.want)
		}
	}
}
