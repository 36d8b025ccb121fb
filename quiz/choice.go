package quiz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/feedcards/feedcards/extract"
)

// Mode is how a quiz asks its questions.
type Mode string

// The quiz modes. Mixed draws multiple choice or typed per question.
const (
	MultipleChoice Mode = "mc"
	Typed          Mode = "typed"
	Mixed          Mode = "mixed"
)

// ParseMode reads a mode name: "mc", "typed" or "mixed".
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(strings.TrimSpace(s))); m {
	case MultipleChoice, Typed, Mixed:
		return m, nil
	}
	return "", fmt.Errorf("quiz mode %q: want mc, typed or mixed", s)
}

// QuizOptions shape a quiz.
type QuizOptions struct {
	N    int   // number of questions; ≤ 0 means every card
	Mode Mode  // "" means Mixed
	Seed int64 // same cards and seed, same quiz
}

// maxOptions is the number of options of a multiple-choice question.
const maxOptions = 4

// maxTypedLen is the longest answer (in characters) a mixed quiz may ask
// to be typed; longer ones (most definitions and FAQ answers) are asked as
// multiple choice.
const maxTypedLen = 80

// Question is one question of a quiz.
type Question struct {
	Card     Card
	Mode     Mode     // MultipleChoice or Typed for this question
	Prompt   string   // what is asked (the card's front)
	Options  []string // multiple choice: up to 4 options, the answer among them
	Answer   int      // multiple choice: index of the right option
	Expected string   // the right answer text; for lists the items joined with "; "
	Items    []string // lists: the items, for grading a typed answer in any order
}

// ErrNoCards is returned by BuildQuiz when there is nothing to ask.
var ErrNoCards = errors.New("no cards to quiz on")

// answer is what a card asks for, and which family of answers its
// distractors come from.
type answer struct {
	text   string   // the answer as an option or expected text
	items  []string // list answers
	family string   // cards whose answers are interchangeable

	norm                   string // normKey(text)
	article, section, deck string // where the card comes from
}

// answerOf works out a card's answer. An FAQ asks for answers, a definition
// for a definition, a reverse card for a term, an enumeration for a list,
// a cloze card for one step.
func answerOf(c *Card) answer {
	if c.Note == nil {
		return answer{text: c.Back, family: string(c.Template)}
	}
	it := c.Note.Item
	switch {
	case c.Template == Reverse:
		return answer{text: clean(it.Term), family: "term"}
	case it.Kind == extract.List:
		items := nonEmpty(it.Items)
		for i := range items {
			items[i] = clean(items[i])
		}
		if i, ok := ClozeIndex(c.Template); ok && i <= len(items) {
			return answer{text: items[i-1], family: "step"}
		}
		return answer{text: strings.Join(items, "; "), items: items, family: "list"}
	case it.Kind == extract.Definition:
		return answer{text: clean(it.Definition), family: "definition"}
	case it.Kind == extract.FAQ:
		return answer{text: clean(it.Answer), family: "faq"}
	}
	return answer{text: c.Back, family: string(it.Kind)}
}

// articleOf names the article a card was first seen in.
func articleOf(c *Card) string {
	if c.Note == nil || len(c.Note.Sources) == 0 {
		return ""
	}
	return sourceKey(c.Note.Sources[0])
}

// sectionOf is a card's heading path.
func sectionOf(c *Card) string {
	if c.Note == nil {
		return ""
	}
	return strings.Join(c.Note.Item.Context, "\x1f")
}

func deckOf(c *Card) string {
	if c.Note == nil {
		return ""
	}
	return c.Note.Deck
}

// BuildQuiz draws a quiz from cards: opt.N cards (suspended ones left out)
// in a seeded random order, each asked as multiple choice or typed (in a
// mixed quiz, a coin toss, except that answers longer than 80 characters
// are never typed). The
// distractors of a multiple-choice question are answers of the same family
// (FAQ answers, definitions, terms, lists, steps): first other steps of the
// same list, then the same section, the same article, the same deck; never the right
// answer twice and never two options that read the same once normalised.
// A question with no possible distractor is asked typed. The result depends
// only on the set of cards, opt and the seed, not on the order of cards.
func BuildQuiz(cards []Card, opt QuizOptions) ([]Question, error) {
	mode := opt.Mode
	if mode == "" {
		mode = Mixed
	}
	if _, err := ParseMode(string(mode)); err != nil {
		return nil, err
	}
	pool := make([]Card, 0, len(cards))
	for _, c := range cards {
		if !c.Suspended {
			pool = append(pool, c)
		}
	}
	if len(pool) == 0 {
		return nil, ErrNoCards
	}
	slices.SortFunc(pool, func(a, b Card) int { return strings.Compare(a.ID, b.ID) })
	pool = slices.CompactFunc(pool, func(a, b Card) bool { return a.ID == b.ID })

	answers := make([]answer, len(pool))
	for i := range pool {
		answers[i] = answerOf(&pool[i])
		c := &pool[i]
		answers[i].article, answers[i].section, answers[i].deck = articleOf(c), sectionOf(c), deckOf(c)
		answers[i].norm = normKey(answers[i].text)
	}
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x6665656463617264)) // "feedcard"
	order := rng.Perm(len(pool))
	n := len(pool)
	if opt.N > 0 && opt.N < n {
		n = opt.N
	}
	qs := make([]Question, 0, n)
	for _, i := range order[:n] {
		c, a := pool[i], answers[i]
		q := Question{Card: c, Prompt: c.Front, Expected: a.text, Items: a.items}
		q.Mode = mode
		if mode == Mixed {
			// Long answers are not for typing: always multiple choice.
			q.Mode = MultipleChoice
			if rng.IntN(2) == 1 && (a.items != nil || len([]rune(a.text)) <= maxTypedLen) {
				q.Mode = Typed
			}
		}
		if q.Mode == MultipleChoice {
			d := distractors(pool, answers, i, rng)
			if len(d) == 0 {
				q.Mode = Typed
			} else {
				q.Options = append(d, a.text)
				rng.Shuffle(len(q.Options), func(x, y int) { q.Options[x], q.Options[y] = q.Options[y], q.Options[x] })
				q.Answer = slices.Index(q.Options, a.text)
			}
		}
		qs = append(qs, q)
	}
	return qs, nil
}

// distractors picks up to maxOptions-1 wrong answers for pool[i], nearest
// first: the same note (other steps of a list), the same section of the
// same article, the rest of the article, the same deck. Each tier is
// shuffled by rng. An answer the question itself shows (the neighbouring
// steps of a cloze card, a term named in the prompt) is never an option:
// it could be ruled out without knowing anything.
func distractors(pool []Card, answers []answer, i int, rng *rand.Rand) []string {
	a := &answers[i]
	seen := map[string]bool{a.norm: true}
	prompt := normKey(pool[i].Front)
	var tiers [4][]int
	for j := range pool {
		o := &answers[j]
		if j == i || o.family != a.family {
			continue
		}
		switch {
		case pool[j].NoteID == pool[i].NoteID:
			tiers[0] = append(tiers[0], j)
		case o.article == a.article && o.section == a.section:
			tiers[1] = append(tiers[1], j)
		case o.article == a.article:
			tiers[2] = append(tiers[2], j)
		case o.deck == a.deck:
			tiers[3] = append(tiers[3], j)
		}
	}
	var out []string
	for _, tier := range tiers {
		rng.Shuffle(len(tier), func(x, y int) { tier[x], tier[y] = tier[y], tier[x] })
		for _, j := range tier {
			if len(out) == maxOptions-1 {
				return out
			}
			k := answers[j].norm
			if k == "" || seen[k] || containsPhrase(prompt, k) {
				continue
			}
			seen[k] = true
			out = append(out, answers[j].text)
		}
	}
	return out
}

// containsPhrase reports whether needle occurs in hay as whole words.
func containsPhrase(hay, needle string) bool {
	for off := 0; off+len(needle) <= len(hay); {
		i := strings.Index(hay[off:], needle)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(needle)
		before, _ := utf8.DecodeLastRuneInString(hay[:start])
		after, _ := utf8.DecodeRuneInString(hay[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(hay) || !isWordRune(after)) {
			return true
		}
		off = start + 1
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
