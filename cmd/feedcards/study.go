package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
	"github.com/feedcards/feedcards/quiz/sqlite"
)

// studyOptions are the flags of `feedcards study`.
type studyOptions struct {
	deck     string
	newCards int
	limit    int
	dayStart string // "HH:MM" local time; the learner's day begins then
	plain    bool   // line protocol even on a terminal
}

func newStudyCmd(a *app) *cobra.Command {
	opts := &studyOptions{}
	cmd := &cobra.Command{
		Use:   "study [DECK]",
		Short: "Study the due cards of a deck (spaced repetition, FSRS-6)",
		Long: `Study shows the cards due in DECK (all decks when omitted): due cards first,
then up to --new new cards a day. Reveal the answer, then grade it: 1 Again,
2 Hard, 3 Good, 4 Easy; each button shows when the card would come back.
u undoes the last grade, s suspends the card, o prints its source URL, q quits.
Every grade is saved at once, so quitting or a crash loses nothing.

On a terminal this is a full-screen view. When stdin is not a terminal (or
with --plain) it is a line protocol for scripts: the front is printed, then
one line is read: empty reveals the back (u/s/o/q act); after the back one
line is read: 1-4 or again/hard/good/easy grade, u/s/o/q act, anything else
prints a hint and reads again. End of input quits. A summary ends the session.

The learner's day starts at --day-start local time (default 04:00, or
$FEEDCARDS_DAY_START), like Anki's next-day-starts-at setting.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.deck = args[0]
			}
			return a.runStudy(cmd, opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.newCards, "new", 20, "new cards a day")
	f.IntVar(&opts.limit, "limit", 0, "study at most N cards (0: no limit)")
	f.StringVar(&opts.dayStart, "day-start", "", "local time the day starts, HH:MM (default $FEEDCARDS_DAY_START, else 04:00)")
	f.BoolVar(&opts.plain, "plain", false, "use the line protocol even on a terminal")
	return cmd
}

// parseDayStart reads "HH:MM" (or "H") as an offset from midnight.
func parseDayStart(s string) (time.Duration, error) {
	hs, ms, _ := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hs)
	m := 0
	var err2 error
	if ms != "" {
		m, err2 = strconv.Atoi(ms)
	}
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, fmt.Errorf("day start %q: want HH:MM between 00:00 and 23:59", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// dayStartAt returns the start of the learner's day containing now: the
// latest moment at or before now when loc's clocks show off past midnight.
func dayStartAt(now time.Time, off time.Duration, loc *time.Location) time.Time {
	t := now.In(loc)
	y, m, d := t.Date()
	h, min := int(off/time.Hour), int(off%time.Hour/time.Minute)
	// Wall-clock time, so that a day with a DST change still starts at off.
	start := time.Date(y, m, d, h, min, 0, 0, loc)
	if start.After(t) {
		start = time.Date(y, m, d-1, h, min, 0, 0, loc)
	}
	return start
}

// studyScheduler returns the FSRS-6 scheduler with the learner's day
// boundary, and that boundary.
func (a *app) studyScheduler(dayStart string) (*fsrs.Scheduler, time.Duration, error) {
	if dayStart == "" {
		dayStart = a.getenv("FEEDCARDS_DAY_START")
	}
	if dayStart == "" {
		dayStart = "04:00"
	}
	off, err := parseDayStart(dayStart)
	if err != nil {
		return nil, 0, usageErrorf("%v", err)
	}
	p := fsrs.DefaultParams()
	p.Location, p.DayStart = time.Local, off
	s, err := fsrs.NewScheduler(p)
	if err != nil {
		return nil, 0, err
	}
	return s, off, nil
}

func (a *app) runStudy(cmd *cobra.Command, opts *studyOptions) error {
	ctx := cmd.Context()
	if opts.newCards < 0 || opts.limit < 0 {
		return usageErrorf("--new and --limit must not be negative")
	}
	now, err := a.clock()
	if err != nil {
		return err
	}
	sched, off, err := a.studyScheduler(opts.dayStart)
	if err != nil {
		return err
	}
	store, err := a.openStore(cmd)
	if err != nil {
		return err
	}
	defer store.Close()
	ds := &deckSchedulers{ctx: ctx, store: store, base: sched.Params(), cache: map[string]*fsrs.Scheduler{}}
	if opts.deck != "" {
		// A named deck's settings are read now, so that a problem is an error.
		cfg, err := store.DeckConfig(ctx, opts.deck)
		if err != nil {
			return fmt.Errorf("study: %w", err)
		}
		if sched, err = ds.build(cfg); err != nil {
			return fmt.Errorf("study: settings of deck %q: %w", opts.deck, err)
		}
		ds.cache[opts.deck] = sched
		if !cmd.Flags().Changed("new") && cfg.NewPerDay > 0 {
			opts.newCards = cfg.NewPerDay
		}
	}
	qo := quiz.QueueOptions{NewPerDay: opts.newCards, Limit: opts.limit, DayStart: dayStartAt(now, off, time.Local)}
	if qo.NewPerDay == 0 {
		qo.NewPerDay = -1 // the store reads 0 as its default
	}
	sess, err := quiz.NewSession(ctx, store, sched, opts.deck, now, qo)
	if err != nil {
		return fmt.Errorf("study: %w", err)
	}
	sess.UseDeckSchedulers(ds.get)
	defer func() {
		if ds.err != nil {
			fmt.Fprintf(a.errOut, "feedcards: warning: %v (default FSRS settings used)\n", ds.err)
		}
	}()
	if _, ok := sess.Current(); !ok {
		fmt.Fprintf(a.out, "Nothing to study in %s now.\n", deckName(opts.deck))
		return nil
	}
	if a.inTerminal && a.outTerminal && !opts.plain {
		return a.studyTUI(ctx, sess, opts.deck)
	}
	return studyLines(ctx, a.in, a.out, sess, opts.deck, a.clock)
}

// deckSchedulers gives each deck a scheduler with its own settings
// (retention, weights, maximum interval) over the learner's day boundary.
type deckSchedulers struct {
	ctx   context.Context
	store *sqlite.Store
	base  fsrs.Params
	cache map[string]*fsrs.Scheduler
	err   error // the first deck whose settings could not be used
}

// get returns deck's scheduler, nil (the session's default) when its
// settings cannot be read; the first such problem is kept in err.
func (d *deckSchedulers) get(deck string) *fsrs.Scheduler {
	if s, ok := d.cache[deck]; ok {
		return s
	}
	cfg, err := d.store.DeckConfig(d.ctx, deck)
	var s *fsrs.Scheduler
	if err == nil {
		s, err = d.build(cfg)
	}
	if err != nil && d.err == nil {
		d.err = fmt.Errorf("settings of deck %q: %w", deck, err)
	}
	d.cache[deck] = s
	return s
}

// build makes the scheduler for deck settings cfg (zero values: defaults).
func (d *deckSchedulers) build(cfg sqlite.DeckConfig) (*fsrs.Scheduler, error) {
	p := d.base
	if cfg.DesiredRetention > 0 {
		p.DesiredRetention = cfg.DesiredRetention
	}
	if cfg.MaximumInterval > 0 {
		p.MaximumInterval = cfg.MaximumInterval
	}
	if len(cfg.Weights) > 0 {
		w, err := fsrs.MigrateWeights(cfg.Weights)
		if err != nil {
			return nil, err
		}
		p.W = w
	}
	return fsrs.NewScheduler(p)
}

func deckName(deck string) string {
	if deck == "" {
		return "any deck"
	}
	return strconv.Quote(deck)
}

// lineReader delivers input lines from a goroutine so that a session can
// stop on a signal while waiting for input.
type lineReader struct {
	lines chan string
	err   error // set before lines is closed
}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{lines: make(chan string)}
	go func() {
		br := bufio.NewReader(r)
		for {
			s, err := br.ReadString('\n')
			if s != "" || err == nil {
				lr.lines <- strings.TrimRight(s, "\r\n")
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					lr.err = err
				}
				close(lr.lines)
				return
			}
		}
	}()
	return lr
}

// next returns the next line; false at end of input or when ctx is done.
func (lr *lineReader) next(ctx context.Context) (string, bool) {
	select {
	case s, ok := <-lr.lines:
		return s, ok
	case <-ctx.Done():
		return "", false
	}
}

const (
	hintFront = "press Enter to show the answer; u undo, s suspend, o source, q quit"
	hintBack  = "grade with 1-4 (again, hard, good, easy); u undo, s suspend, o source, q quit"
)

// studyLines runs a session over the line protocol of issue 3.
func studyLines(ctx context.Context, in io.Reader, out io.Writer, sess *quiz.Session, deck string, clock func() (time.Time, error)) error {
	lr := newLineReader(in)
	now := func() time.Time {
		t, err := clock()
		if err != nil {
			return time.Now() // clock() was checked at start; FEEDCARDS_NOW cannot change
		}
		return t
	}
	newCard := true // the card on screen changed: print its front
	for {
		c, ok := sess.Current()
		if !ok {
			break
		}
		if newCard && !sess.Revealed() {
			printFront(out, sess, c, deck == "")
		}
		newCard = false
		line, ok := lr.next(ctx)
		if !ok {
			break
		}
		cmd := strings.ToLower(strings.TrimSpace(line))
		switch cmd {
		case "q", "quit":
			printSummary(out, sess.Summary(), now())
			return lr.err
		case "u", "undo":
			prev, err := sess.Undo(ctx, now())
			if errors.Is(err, quiz.ErrNothingToUndo) {
				fmt.Fprintln(out, "nothing to undo")
				continue
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "undone: %s\n", firstLine(prev.Front))
			newCard = true
			continue
		case "s", "suspend":
			if _, err := sess.Suspend(ctx, now()); err != nil {
				return err
			}
			fmt.Fprintln(out, "suspended")
			newCard = true
			continue
		case "o", "open", "source":
			urls := sourceURLs(c)
			if len(urls) == 0 {
				fmt.Fprintln(out, "no source link")
			}
			for _, u := range urls {
				fmt.Fprintln(out, u)
			}
			continue
		}
		if !sess.Revealed() {
			if cmd != "" {
				fmt.Fprintln(out, hintFront)
				continue
			}
			sess.Reveal()
			if err := printBack(out, sess, c, now()); err != nil {
				return err
			}
			continue
		}
		r, err := fsrs.ParseRating(cmd)
		if err != nil {
			fmt.Fprintln(out, hintBack)
			continue
		}
		saved, err := sess.Grade(ctx, r, now())
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: next in %s\n", strings.ToLower(r.String()), fsrs.FormatInterval(saved.Memory.Due.Sub(now())))
		newCard = true
	}
	printSummary(out, sess.Summary(), now())
	return lr.err
}

// printFront shows the card's header and front.
func printFront(out io.Writer, sess *quiz.Session, c quiz.Card, withDeck bool) {
	n, l, r := sess.Counts()
	fmt.Fprintf(out, "\n[%d new · %d learning · %d review] %s\n", n, l, r, cardPlace(c, withDeck))
	fmt.Fprintf(out, "Q: %s\n", indent(c.Front))
}

// printBack shows the answer, the source and the four grades with their intervals.
func printBack(out io.Writer, sess *quiz.Session, c quiz.Card, now time.Time) error {
	fmt.Fprintf(out, "A: %s\n", indent(c.Back))
	if u := sourceURLs(c); len(u) > 0 {
		fmt.Fprintf(out, "Source: %s\n", u[0])
	}
	iv, err := sess.Intervals(now)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, gradeButtons(iv))
	return nil
}

// gradeButtons is the line of grades with the interval each would give,
// like Anki's answer buttons.
func gradeButtons(iv [4]time.Duration) string {
	var b strings.Builder
	for i, d := range iv {
		if i > 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%d %s (%s)", i+1, strings.ToLower(fsrs.Rating(i+1).String()), fsrs.FormatInterval(d))
	}
	return b.String()
}

// cardPlace is where a card comes from: deck (withDeck), article title and breadcrumb.
func cardPlace(c quiz.Card, withDeck bool) string {
	if c.Note == nil {
		return ""
	}
	parts := []string{}
	if withDeck && c.Note.Deck != "" {
		parts = append(parts, c.Note.Deck)
	}
	if len(c.Note.Sources) > 0 && c.Note.Sources[0].Title != "" {
		parts = append(parts, c.Note.Sources[0].Title)
	}
	if bc := quiz.Breadcrumb(c.Note); bc != "" {
		parts = append(parts, bc)
	}
	return strings.Join(parts, " › ")
}

// sourceURLs lists the card's sources, the section link where there is one.
func sourceURLs(c quiz.Card) []string {
	if c.Note == nil {
		return nil
	}
	var out []string
	for _, s := range c.Note.Sources {
		u := s.SectionURL
		if u == "" {
			u = s.URL
		}
		if u != "" {
			out = append(out, u)
		}
	}
	return out
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n   ") }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// printSummary ends a session: reviewed, again rate, next due.
func printSummary(out io.Writer, s quiz.Summary, now time.Time) {
	fmt.Fprintf(out, "\nReviewed %d card%s", s.Reviewed, plural(s.Reviewed))
	if s.Reviewed > 0 {
		fmt.Fprintf(out, " in %s: again %d (%.0f%%), hard %d, good %d, easy %d",
			s.Time.Round(time.Second), s.Again, 100*s.AgainRate(), s.ByRating[1], s.ByRating[2], s.ByRating[3])
	}
	fmt.Fprintln(out, ".")
	if s.Suspended > 0 {
		fmt.Fprintf(out, "Suspended %d card%s.\n", s.Suspended, plural(s.Suspended))
	}
	if s.Left > 0 || s.More {
		more := ""
		if s.More {
			more = " or more"
		}
		fmt.Fprintf(out, "%d card%s%s left for today.\n", s.Left, plural(s.Left), more)
	}
	if !s.NextDue.IsZero() {
		fmt.Fprintf(out, "Next due: %s (in %s).\n", s.NextDue.Local().Format("2006-01-02 15:04"), fsrs.FormatInterval(s.NextDue.Sub(now)))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
