package quiz

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/feedcards/feedcards/quiz/fsrs"
)

// LearnAhead is how far ahead a session shows a (re)learning card once
// nothing else is left, as Anki's "learn ahead limit" does: a card answered
// Again (due in 1m) or Good on its first step (due in 10m) comes back in
// the same session.
const LearnAhead = 20 * time.Minute

// MaxAnswerTime caps the time recorded for one answer, so a learner who
// walks away does not skew the review log (Anki caps it the same way).
const MaxAnswerTime = time.Minute

// Session is one study session over a deck: it hands out cards in queue
// order, previews and records grades, and can undo them. It does no I/O of
// its own except through its Store, and takes the time from its callers.
// A Session is not safe for concurrent use.
type Session struct {
	store    Store
	sched    *fsrs.Scheduler
	schedFor func(deck string) *fsrs.Scheduler // per-deck settings; nil result: sched
	deck     string
	opts     QueueOptions

	queue    []Card          // from the store: due cards, then new cards
	pos      int             // next card of queue
	more     bool            // the store may have more cards than queue holds
	taken    int             // cards read from the store (for opts.Limit)
	seen     map[string]bool // cards read from the store this session
	learning []Card          // cards answered this session and due again soon
	cur      *Card           // the card on screen, nil when done
	shown    time.Time
	revealed bool

	history   []step          // grades, for Undo
	suspended map[string]bool // cards suspended this session
	stats     Summary
}

// step is one grade, with what Undo needs to take it back.
type step struct {
	log      ReviewLog
	card     Card // the card as it was shown
	pos      int
	learning []Card
	stats    Summary
	due      time.Time // the card's due time after the grade
}

// Summary counts what a session did.
type Summary struct {
	Reviewed  int           // grades recorded (undone ones not counted)
	Again     int           // of which Again
	ByRating  [4]int        // grades by rating (index rating-1)
	Suspended int           // cards suspended during the session
	Time      time.Duration // time spent answering (capped per card)
	NextDue   time.Time     // earliest due time of the cards answered, as they stand; zero if none
	Left      int           // cards still in the queue when the summary was taken
	More      bool          // and maybe more: the queue is read in batches
}

// AgainRate is the fraction of grades that were Again (0 with no grade).
func (s Summary) AgainRate() float64 {
	if s.Reviewed == 0 {
		return 0
	}
	return float64(s.Again) / float64(s.Reviewed)
}

// queueBatch is how many cards a session reads from the store at a time:
// the first card shows fast on a collection with thousands due.
const queueBatch = 50

// ErrNoCard is returned by the Session methods that need a card on screen
// when there is none (the session is over).
var ErrNoCard = errors.New("no card to study")

// ErrNothingToUndo is returned by Undo before the first grade.
var ErrNothingToUndo = errors.New("nothing to undo")

// NewSession loads deck's study queue ("" = every deck) at now and shows
// its first card.
func NewSession(ctx context.Context, store Store, sched *fsrs.Scheduler, deck string, now time.Time, opts QueueOptions) (*Session, error) {
	s := &Session{store: store, sched: sched, deck: deck, opts: opts, more: true,
		seen: map[string]bool{}, suspended: map[string]bool{}}
	if err := s.advance(ctx, now); err != nil {
		return nil, err
	}
	return s, nil
}

// fetch reads the next batch of the study queue from the store, leaving out
// the cards this session has already read.
func (s *Session) fetch(ctx context.Context, now time.Time) error {
	limit := queueBatch
	if s.opts.Limit > 0 {
		limit = min(limit, s.opts.Limit-s.taken)
	}
	if limit <= 0 {
		s.more = false
		return nil
	}
	opts := s.opts
	opts.Limit = limit
	q, err := s.store.StudyQueue(ctx, s.deck, now, opts)
	if err != nil {
		return err
	}
	n := 0
	for _, c := range q {
		if !s.seen[c.ID] {
			s.seen[c.ID] = true
			s.queue = append(s.queue, c)
			n++
		}
	}
	s.taken += n
	s.more = len(q) == limit && n > 0 && (s.opts.Limit <= 0 || s.taken < s.opts.Limit)
	return nil
}

// Current returns the card on screen; false when the session is over.
func (s *Session) Current() (Card, bool) {
	if s.cur == nil {
		return Card{}, false
	}
	return *s.cur, true
}

// UseDeckSchedulers makes the session schedule each card with f(its
// deck), so that decks with their own retention, weights or maximum
// interval keep them when several decks are studied together. Where f
// returns nil the session's scheduler is used.
func (s *Session) UseDeckSchedulers(f func(deck string) *fsrs.Scheduler) { s.schedFor = f }

// schedulerOf returns the scheduler for card c.
func (s *Session) schedulerOf(c *Card) *fsrs.Scheduler {
	if s.schedFor != nil && c.Note != nil {
		if sch := s.schedFor(c.Note.Deck); sch != nil {
			return sch
		}
	}
	return s.sched
}

// More reports whether the store may have more cards to study than
// Remaining counts (the queue is read in batches).
func (s *Session) More() bool { return s.more }

// Revealed reports whether the current card's back has been shown.
func (s *Session) Revealed() bool { return s.revealed }

// Reveal shows the back of the current card.
func (s *Session) Reveal() { s.revealed = s.cur != nil }

// Remaining counts the cards still to come, the current one included:
// the rest of the queue read so far plus the cards coming back from
// learning. More reports whether the store may hold more.
func (s *Session) Remaining() int {
	n := len(s.queue) - s.pos + len(s.learning)
	if s.cur != nil {
		n++
	}
	return n
}

// Counts splits Remaining by state, as Anki's new/learn/review counts.
func (s *Session) Counts() (newCards, learning, review int) {
	count := func(c *Card) {
		switch c.Memory.State {
		case fsrs.New:
			newCards++
		case fsrs.Learning, fsrs.Relearning:
			learning++
		default:
			review++
		}
	}
	if s.cur != nil {
		count(s.cur)
	}
	for i := s.pos; i < len(s.queue); i++ {
		count(&s.queue[i])
	}
	for i := range s.learning {
		count(&s.learning[i])
	}
	return
}

// fuzzSeed makes a card's interval fuzz reproducible: the same card at the
// same review count gets the same fuzz, so an undone and repeated grade
// gives the same due date.
func fuzzSeed(c *Card) uint64 {
	h := fnv.New64a()
	h.Write([]byte(c.ID))
	return h.Sum64() + uint64(c.Memory.Reps)
}

// Preview returns the current card's state after each grade (index
// rating-1), for showing each button's interval.
func (s *Session) Preview(now time.Time) ([4]fsrs.Card, error) {
	if s.cur == nil {
		return [4]fsrs.Card{}, ErrNoCard
	}
	return s.schedulerOf(s.cur).Preview(s.memory(s.cur, now), now, fuzzSeed(s.cur)), nil
}

// Intervals returns the delay until the current card would be due after
// each grade (index rating-1).
func (s *Session) Intervals(now time.Time) ([4]time.Duration, error) {
	p, err := s.Preview(now)
	var out [4]time.Duration
	for i := range p {
		out[i] = p[i].Due.Sub(now)
	}
	return out, err
}

// memory is the scheduling state of c; a card never scheduled (zero due)
// starts as a new card due now.
func (s *Session) memory(c *Card, now time.Time) fsrs.Card {
	if c.Memory.State == fsrs.New && c.Memory.Due.IsZero() {
		return fsrs.NewCard(now)
	}
	return c.Memory
}

// Grade answers the current card with r at now: it computes the new memory
// state, saves it with its log entry in one transaction, and moves on. It
// returns the card as saved. The time since the card was shown (capped at
// MaxAnswerTime) is recorded as the answer's duration.
func (s *Session) Grade(ctx context.Context, r fsrs.Rating, now time.Time) (Card, error) {
	if s.cur == nil {
		return Card{}, ErrNoCard
	}
	if !r.Valid() {
		return Card{}, fmt.Errorf("grade card %s: %w", s.cur.ID, fsrs.ErrBadRating)
	}
	saved, log := Review(s.schedulerOf(s.cur), *s.cur, r, now, now.Sub(s.shown))
	after, dur := saved.Memory, log.Duration
	if err := s.store.SaveReview(ctx, saved, log); err != nil {
		return Card{}, err
	}
	s.history = append(s.history, step{log: log, card: *s.cur, pos: s.pos, learning: slices.Clone(s.learning), stats: s.stats})
	s.stats.Reviewed++
	s.stats.ByRating[r-1]++
	if r == fsrs.Again {
		s.stats.Again++
	}
	s.stats.Time += dur
	s.history[len(s.history)-1].due = after.Due
	if (after.State == fsrs.Learning || after.State == fsrs.Relearning) && after.Due.Sub(now) <= LearnAhead {
		s.learning = append(s.learning, saved)
		slices.SortStableFunc(s.learning, func(a, b Card) int { return a.Memory.Due.Compare(b.Memory.Due) })
	}
	if err := s.advance(ctx, now); err != nil {
		return saved, fmt.Errorf("next cards: %w", err)
	}
	return saved, nil
}

// Review answers card c with r at now, spent taking dur (capped at
// MaxAnswerTime): it returns the card with its new memory state and the log
// entry to save with it (Store.SaveReview). A card never scheduled counts as
// new and due at now. The fuzz is seeded by the card id and review count,
// so the same answer to the same card gives the same interval.
func Review(sched *fsrs.Scheduler, c Card, r fsrs.Rating, now time.Time, dur time.Duration) (Card, ReviewLog) {
	before := c.Memory
	if before.State == fsrs.New && before.Due.IsZero() {
		before = fsrs.NewCard(now)
	}
	after := sched.Next(before, now, r, fuzzSeed(&c))
	elapsed := 0
	if !before.LastReview.IsZero() {
		elapsed = max(sched.ElapsedDays(before.LastReview, now), 0)
	}
	dur = min(max(dur, 0), MaxAnswerTime)
	c.Memory = after
	return c, ReviewLog{
		CardID:      c.ID,
		At:          now,
		Rating:      r,
		ElapsedDays: elapsed,
		Scheduled:   after.ScheduledDays,
		StateBefore: before.State,
		StateAfter:  after.State,
		Duration:    dur,
		Before:      before,
	}
}

// Undo takes back the last grade: the store restores the card's previous
// state and drops the log entry, and the card is on screen again, unrevealed.
func (s *Session) Undo(ctx context.Context, now time.Time) (Card, error) {
	if len(s.history) == 0 {
		return Card{}, ErrNothingToUndo
	}
	h := s.history[len(s.history)-1]
	if err := s.store.UndoReview(ctx, h.log); err != nil {
		return Card{}, err
	}
	s.history = s.history[:len(s.history)-1]
	// The card on screen now goes back where it came from.
	suspended := s.stats.Suspended // suspensions are not undone
	s.pos, s.learning, s.stats = h.pos, h.learning, h.stats
	s.stats.Suspended = suspended
	c := h.card
	s.cur, s.shown, s.revealed = &c, now, false
	return c, nil
}

// Suspend suspends the current card (it leaves every queue until
// unsuspended) and moves on.
func (s *Session) Suspend(ctx context.Context, now time.Time) (Card, error) {
	if s.cur == nil {
		return Card{}, ErrNoCard
	}
	c := *s.cur
	if err := s.store.SetSuspended(ctx, c.ID, true); err != nil {
		return Card{}, err
	}
	c.Suspended = true
	s.suspended[c.ID] = true
	s.stats.Suspended++
	// A suspended card cannot be un-graded in place: forget the undo history
	// of this card so Undo never brings it back.
	s.history = slices.DeleteFunc(s.history, func(h step) bool { return h.card.ID == c.ID })
	for i := range s.history {
		s.history[i].learning = slices.DeleteFunc(s.history[i].learning, func(l Card) bool { return l.ID == c.ID })
	}
	if err := s.advance(ctx, now); err != nil {
		return c, fmt.Errorf("next cards: %w", err)
	}
	return c, nil
}

// advance puts the next card on screen: a learning card already due, else
// the next card of the queue, else a learning card due within LearnAhead.
func (s *Session) advance(ctx context.Context, now time.Time) error {
	s.cur, s.revealed, s.shown = nil, false, now
	for s.cur == nil {
		if s.pos == len(s.queue) && s.more {
			if err := s.fetch(ctx, now); err != nil {
				return err
			}
		}
		var c Card
		switch {
		case len(s.learning) > 0 && !s.learning[0].Memory.Due.After(now):
			c, s.learning = s.learning[0], s.learning[1:]
		case s.pos < len(s.queue):
			c = s.queue[s.pos]
			s.pos++
		case len(s.learning) > 0 && s.learning[0].Memory.Due.Sub(now) <= LearnAhead:
			c, s.learning = s.learning[0], s.learning[1:]
		default:
			return nil
		}
		if !s.suspended[c.ID] {
			s.cur = &c
		}
	}
	return nil
}

// Summary returns what the session did so far.
func (s *Session) Summary() Summary {
	sum := s.stats
	sum.Left, sum.More = s.Remaining(), s.more
	// The next due time is the earliest among the cards' latest grades.
	last := map[string]time.Time{}
	for _, h := range s.history {
		last[h.card.ID] = h.due
	}
	for _, h := range s.history {
		if d := last[h.card.ID]; sum.NextDue.IsZero() || d.Before(sum.NextDue) {
			sum.NextDue = d
		}
	}
	return sum
}
