package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// quizOptions are the flags of `feedcards quiz`.
type quizOptions struct {
	n       int
	mode    string
	seed    int64
	seedSet bool
	record  bool
	reverse bool
}

func newQuizCmd(a *app) *cobra.Command {
	opts := &quizOptions{}
	cmd := &cobra.Command{
		Use:   "quiz [DECK|SOURCE...]",
		Short: "Take a test on a deck or straight from a feed: multiple choice, typed or mixed",
		Long: `Quiz asks -n questions drawn from DECK (all decks when omitted) or from
SOURCE (a feed or page file, or an http(s) URL; no collection needed).

Multiple-choice questions take a letter (a-d) or a number (1-4); typed
questions take the answer as text, graded offline (case, accents,
punctuation and small typos forgiven; list items in any order, separated by
commas). Each verdict says why. End of input ends the quiz. The score comes
last, with the missed questions and their source links.

The same --seed gives the same quiz; without it the seed is printed so the
quiz can be replayed. A quiz does not touch the schedule unless --record is
given (a deck only): then each answer is saved as a review (right → Good,
typo → Hard, wrong → Again).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.seedSet = cmd.Flags().Changed("seed")
			return a.runQuiz(cmd, args, opts)
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.n, "number", "n", 20, "number of questions (0: every card)")
	f.StringVar(&opts.mode, "mode", "mixed", "mc, typed or mixed")
	f.Int64Var(&opts.seed, "seed", 0, "random seed (same seed, same quiz)")
	f.BoolVar(&opts.record, "record", false, "save the answers as reviews in the collection (deck only)")
	f.BoolVar(&opts.reverse, "reverse", false, "with a SOURCE: also ask definition → term")
	return cmd
}

func (a *app) runQuiz(cmd *cobra.Command, args []string, opts *quizOptions) error {
	ctx := cmd.Context()
	mode, err := quiz.ParseMode(opts.mode)
	if err != nil {
		return usageErrorf("--mode: %v", err)
	}
	if opts.n < 0 {
		return usageErrorf("-n must not be negative")
	}
	now, err := a.clock()
	if err != nil {
		return err
	}
	sources := len(args) > 0 && isSource(args[0])
	for i, arg := range args {
		if i > 0 && (!sources || !isSource(arg)) {
			return usageErrorf("quiz takes one DECK or one or more SOURCEs; %q is not a file or URL", arg)
		}
	}
	var (
		cards []quiz.Card
		what  string
		rec   *quizRecorder
	)
	if sources {
		switch {
		case opts.record:
			return usageErrorf("--record needs a deck of the collection, not a SOURCE")
		case containsString(args, "-"):
			return usageErrorf("quiz reads the answers from standard input; give the SOURCE as a file or URL")
		}
		results, err := a.loadSources(ctx, args, extract.Options{})
		if err != nil {
			return err
		}
		for _, res := range results {
			deck := res.Feed
			if deck == "" {
				deck = res.FeedURL
			}
			notes := quiz.BuildNotes(deck, res.Items(), quiz.BuildOptions{Reverse: opts.reverse})
			for i := range notes {
				cards = append(cards, quiz.CardsOf(&notes[i])...)
			}
		}
		what = strings.Join(args, ", ")
	} else {
		if opts.reverse {
			return usageErrorf("--reverse applies to a SOURCE; for a deck, add its source with --reverse")
		}
		deck := ""
		if len(args) == 1 {
			deck = args[0]
		}
		store, err := a.openStore(cmd)
		if err != nil {
			return err
		}
		defer store.Close()
		if cards, err = store.Cards(ctx, deck); err != nil {
			return fmt.Errorf("quiz: %w", err)
		}
		what = "deck " + strconv.Quote(deck)
		if deck == "" {
			what = "all decks"
		}
		if opts.record {
			sched, _, err := a.studyScheduler("")
			if err != nil {
				return err
			}
			ds := &deckSchedulers{ctx: ctx, store: store, base: sched.Params(), cache: map[string]*fsrs.Scheduler{}}
			rec = &quizRecorder{store: store, sched: sched, forDeck: ds.get}
		}
	}
	seed := opts.seed
	if !opts.seedSet {
		seed = now.UnixNano() % 1_000_000
	}
	qs, err := quiz.BuildQuiz(cards, quiz.QuizOptions{N: opts.n, Mode: mode, Seed: seed})
	if errors.Is(err, quiz.ErrNoCards) {
		return fmt.Errorf("quiz %s: no cards to ask", what)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Quiz on %s: %d question%s (seed %d).\n", what, len(qs), plural(len(qs)), seed)
	return runQuizLines(ctx, a.in, a.out, qs, rec, a.clock)
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// quizRecorder saves quiz answers as reviews (--record).
type quizRecorder struct {
	store   quiz.Store
	sched   *fsrs.Scheduler
	forDeck func(deck string) *fsrs.Scheduler // a deck's own settings; nil: sched
}

func (r *quizRecorder) record(ctx context.Context, c quiz.Card, g fsrs.Rating, now time.Time, dur time.Duration) error {
	sched := r.sched
	if r.forDeck != nil && c.Note != nil {
		if s := r.forDeck(c.Note.Deck); s != nil {
			sched = s
		}
	}
	saved, log := quiz.Review(sched, c, g, now, dur)
	return r.store.SaveReview(ctx, saved, log)
}

// quizResult is one answered question.
type quizResult struct {
	q       quiz.Question
	correct bool
}

const hintChoice = "answer with a letter (a-d) or a number (1-4); q quits"

// runQuizLines asks the questions one by one over lines of input and
// prints the verdicts, then the score.
func runQuizLines(ctx context.Context, in io.Reader, out io.Writer, qs []quiz.Question, rec *quizRecorder, clock func() (time.Time, error)) error {
	lr := newLineReader(in)
	now := func() time.Time {
		t, err := clock()
		if err != nil {
			return time.Now()
		}
		return t
	}
	var results []quizResult
	stopped := false
ask:
	for i, q := range qs {
		fmt.Fprintf(out, "\n%d/%d", i+1, len(qs))
		if p := cardPlace(q.Card, false); p != "" {
			fmt.Fprintf(out, " · %s", p)
		}
		fmt.Fprintf(out, "\nQ: %s\n", indent(q.Prompt))
		shown := now()
		if q.Mode == quiz.MultipleChoice {
			for j, o := range q.Options {
				fmt.Fprintf(out, "  %c) %s\n", 'a'+j, indent(o))
			}
		} else if len(q.Items) > 0 {
			fmt.Fprintf(out, "(type the %d items, separated by commas)\n", len(q.Items))
		} else {
			fmt.Fprintln(out, "(type your answer)")
		}
		var v quiz.Verdict
		for {
			line, ok := lr.next(ctx)
			if !ok {
				stopped = true
				break ask
			}
			if q.Mode == quiz.MultipleChoice {
				ans := strings.ToLower(strings.TrimSpace(line))
				if ans == "q" {
					stopped = true
					break ask
				}
				j, ok := parseChoice(ans, len(q.Options))
				if !ok {
					fmt.Fprintln(out, hintChoice)
					continue
				}
				if j == q.Answer {
					v = quiz.Verdict{Correct: true, Grade: fsrs.Good, Reason: "correct"}
				} else {
					v = quiz.Verdict{Grade: fsrs.Again, Reason: fmt.Sprintf("wrong: the answer is %c) %s", 'a'+q.Answer, firstLine(q.Expected))}
				}
				break
			}
			if len(q.Items) > 0 {
				v = quiz.GradeList(line, q.Items)
			} else {
				v = quiz.GradeTyped(line, q.Expected)
			}
			break
		}
		mark := "✗"
		if v.Correct {
			mark = "✓"
		}
		fmt.Fprintf(out, "%s %s\n", mark, v.Reason)
		if q.Mode == quiz.Typed && v.Correct && v.Reason != "exact" {
			fmt.Fprintf(out, "  answer: %s\n", indent(q.Expected))
		}
		results = append(results, quizResult{q: q, correct: v.Correct})
		if rec != nil {
			t := now()
			if err := rec.record(ctx, q.Card, v.Grade, t, t.Sub(shown)); err != nil {
				return err
			}
		}
	}
	printScore(out, results, len(qs), stopped)
	return lr.err
}

// parseChoice reads "b", "b)", "2" as an option index.
func parseChoice(s string, n int) (int, bool) {
	s = strings.TrimRight(s, ").")
	if len(s) == 1 && s[0] >= 'a' && int(s[0]-'a') < n {
		return int(s[0] - 'a'), true
	}
	if k, err := strconv.Atoi(s); err == nil && k >= 1 && k <= n {
		return k - 1, true
	}
	return 0, false
}

// printScore ends the quiz: the score and the missed questions with their
// answers and source links.
func printScore(out io.Writer, results []quizResult, total int, stopped bool) {
	right := 0
	for _, r := range results {
		if r.correct {
			right++
		}
	}
	pct := 0.0
	if len(results) > 0 {
		pct = 100 * float64(right) / float64(len(results))
	}
	fmt.Fprintf(out, "\nScore: %d/%d (%.0f%%)", right, len(results), pct)
	if stopped && len(results) < total {
		fmt.Fprintf(out, ", stopped after %d of %d questions", len(results), total)
	}
	fmt.Fprintln(out, ".")
	missed := 0
	for _, r := range results {
		if r.correct {
			continue
		}
		if missed == 0 {
			fmt.Fprintln(out, "Missed:")
		}
		missed++
		fmt.Fprintf(out, "- %s\n  answer: %s\n", firstLine(r.q.Prompt), indentBy(r.q.Expected, "  "))
		for _, u := range sourceURLs(r.q.Card) {
			fmt.Fprintf(out, "  source: %s\n", u)
		}
	}
}

func indentBy(s, pad string) string { return strings.ReplaceAll(s, "\n", "\n"+pad) }
