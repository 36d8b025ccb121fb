package quiz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// fakeStore is an in-memory Store that keeps what a real one keeps and
// records every call.
type fakeStore struct {
	cards   []Card // in queue order for new cards
	logs    []ReviewLog
	calls   []string
	failOn  string // method name that fails
	nextLog int64
	queries int
}

func (f *fakeStore) fail(m string) error {
	f.calls = append(f.calls, m)
	if f.failOn == m {
		return fmt.Errorf("%s: disk full", m)
	}
	return nil
}

func (f *fakeStore) find(id string) *Card {
	for i := range f.cards {
		if f.cards[i].ID == id {
			return &f.cards[i]
		}
	}
	return nil
}

func (f *fakeStore) StudyQueue(_ context.Context, deck string, now time.Time, opts QueueOptions) ([]Card, error) {
	if err := f.fail("StudyQueue"); err != nil {
		return nil, err
	}
	var due, fresh []Card
	for _, c := range f.cards {
		switch {
		case c.Suspended || (deck != "" && c.Note.Deck != deck):
		case c.Memory.State == fsrs.New:
			fresh = append(fresh, c)
		case !c.Memory.Due.After(now):
			due = append(due, c)
		}
	}
	slices.SortStableFunc(due, func(a, b Card) int { return a.Memory.Due.Compare(b.Memory.Due) })
	n := opts.NewPerDay
	if n == 0 {
		n = 20
	}
	out := append(due, fresh[:min(n, len(fresh))]...)
	if opts.Limit > 0 && len(out) > opts.Limit {
		out = out[:opts.Limit]
	}
	f.queries++
	return out, nil
}

func (f *fakeStore) SaveReview(_ context.Context, c Card, log ReviewLog) error {
	if err := f.fail("SaveReview"); err != nil {
		return err
	}
	f.find(c.ID).Memory = c.Memory
	f.nextLog++
	log.ID = f.nextLog
	f.logs = append(f.logs, log)
	return nil
}

func (f *fakeStore) UndoReview(_ context.Context, log ReviewLog) error {
	if err := f.fail("UndoReview"); err != nil {
		return err
	}
	for i := len(f.logs) - 1; i >= 0; i-- {
		if f.logs[i].CardID == log.CardID && f.logs[i].At.Equal(log.At) {
			f.find(log.CardID).Memory = log.Before
			f.logs = slices.Delete(f.logs, i, i+1)
			return nil
		}
	}
	return errors.New("no such review")
}

func (f *fakeStore) SetSuspended(_ context.Context, id string, s bool) error {
	if err := f.fail("SetSuspended"); err != nil {
		return err
	}
	f.find(id).Suspended = s
	return nil
}

var t0 = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

func newFake(t *testing.T, n int) *fakeStore {
	t.Helper()
	var items []extract.Item
	for i := range n {
		items = append(items, extract.Item{Kind: extract.FAQ, Source: gitSrc, Question: fmt.Sprintf("Q%d?", i+1), Answer: fmt.Sprintf("A%d", i+1)})
	}
	notes := BuildNotes("Eng", items, BuildOptions{})
	f := &fakeStore{}
	for i := range notes {
		for _, c := range CardsOf(&notes[i]) {
			c.Memory = fsrs.NewCard(t0.Add(-time.Hour))
			f.cards = append(f.cards, c)
		}
	}
	return f
}

func newSched(t *testing.T) *fsrs.Scheduler {
	t.Helper()
	s, err := fsrs.NewScheduler(fsrs.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func front(s *Session) string {
	c, ok := s.Current()
	if !ok {
		return "(done)"
	}
	return c.Front
}

func TestSessionLearningFlow(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, 3)
	s, err := NewSession(ctx, f, newSched(t), "Eng", t0, QueueOptions{NewPerDay: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := front(s); got != "Q1?" || s.Remaining() != 2 {
		t.Fatalf("first card %q with %d remaining; want Q1? with 2 (new limit)", got, s.Remaining())
	}
	iv, err := s.Intervals(t0)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, d := range iv {
		labels = append(labels, fsrs.FormatInterval(d))
	}
	if strings.Join(labels[:3], " ") != "1m 6m 10m" || iv[3] < 24*time.Hour {
		t.Errorf("new card buttons %v; want 1m 6m 10m and days for Easy", labels)
	}

	// Q1 Good (→ 10m step), Q2 Again (→ 1m): both come back this session;
	// the 1m card first, as it is due first.
	steps := []struct {
		at     time.Duration
		want   string
		rating fsrs.Rating
		state  fsrs.State
	}{
		{0, "Q1?", fsrs.Good, fsrs.Learning},
		{15 * time.Second, "Q2?", fsrs.Again, fsrs.Learning},
		{30 * time.Second, "Q2?", fsrs.Good, fsrs.Learning}, // learning ahead: due in 1m, shown now
		{45 * time.Second, "Q1?", fsrs.Good, fsrs.Review},
		{50 * time.Second, "Q2?", fsrs.Easy, fsrs.Review},
	}
	for i, st := range steps {
		now := t0.Add(st.at)
		if got := front(s); got != st.want {
			t.Fatalf("step %d: card %q, want %q", i, got, st.want)
		}
		s.Reveal()
		c, err := s.Grade(ctx, st.rating, now)
		if err != nil {
			t.Fatal(err)
		}
		if c.Memory.State != st.state || !c.Memory.LastReview.Equal(now) {
			t.Errorf("step %d: state %v last review %v; want %v at %v", i, c.Memory.State, c.Memory.LastReview, st.state, now)
		}
	}
	if got := front(s); got != "(done)" {
		t.Fatalf("after the last grade: %q", got)
	}
	if len(f.logs) != 5 {
		t.Fatalf("%d log entries, want 5", len(f.logs))
	}
	l := f.logs[1]
	if l.CardID != f.cards[1].ID || l.Rating != fsrs.Again || l.StateBefore != fsrs.New || l.StateAfter != fsrs.Learning ||
		l.Duration != 15*time.Second || l.Before.State != fsrs.New || l.Scheduled != 0 {
		t.Errorf("log of Q2's first answer: %+v", l)
	}
	sum := s.Summary()
	if sum.Reviewed != 5 || sum.Again != 1 || sum.AgainRate() != 0.2 || sum.ByRating != [4]int{1, 0, 3, 1} || sum.Left != 0 {
		t.Errorf("summary %+v", sum)
	}
	d1, d2 := f.cards[0].Memory.Due, f.cards[1].Memory.Due
	if want := min(d1.UnixNano(), d2.UnixNano()); sum.NextDue.UnixNano() != want || d1.Sub(t0) < 24*time.Hour || d2.Sub(t0) < 24*time.Hour {
		t.Errorf("next due %v; cards due %v and %v", sum.NextDue, d1, d2)
	}
	if sum.Time != 50*time.Second { // 0 + 15 + 15 + 15 + 5
		t.Errorf("time %v", sum.Time)
	}
}

func TestSessionUndo(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, 2)
	s, _ := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{})
	if _, err := s.Undo(ctx, t0); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo before any grade: %v", err)
	}
	s.Reveal()
	first, err := s.Grade(ctx, fsrs.Easy, t0.Add(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if front(s) != "Q2?" || s.Revealed() {
		t.Fatalf("after grading: %q revealed=%v", front(s), s.Revealed())
	}
	c, err := s.Undo(ctx, t0.Add(6*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if c.Front != "Q1?" || front(s) != "Q1?" || s.Revealed() || s.Remaining() != 2 {
		t.Fatalf("after undo: current %q revealed=%v remaining %d", front(s), s.Revealed(), s.Remaining())
	}
	if len(f.logs) != 0 || f.cards[0].Memory.State != fsrs.New || s.Summary().Reviewed != 0 {
		t.Fatalf("undo left %d logs, state %v, %d reviewed", len(f.logs), f.cards[0].Memory.State, s.Summary().Reviewed)
	}
	again, err := s.Grade(ctx, fsrs.Easy, t0.Add(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Memory.Due.Equal(first.Memory.Due) {
		t.Errorf("regrading gave due %v, first time %v: fuzz must be reproducible", again.Memory.Due, first.Memory.Due)
	}
	if front(s) != "Q2?" {
		t.Errorf("after regrade: %q", front(s))
	}
}

func TestSessionSuspend(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, 3)
	s, _ := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{})
	if _, err := s.Grade(ctx, fsrs.Again, t0); err != nil { // Q1 comes back in 1m
		t.Fatal(err)
	}
	if _, err := s.Grade(ctx, fsrs.Easy, t0); err != nil { // Q2
		t.Fatal(err)
	}
	if front(s) != "Q3?" {
		t.Fatalf("current %q", front(s))
	}
	if _, err := s.Suspend(ctx, t0); err != nil {
		t.Fatal(err)
	}
	if !f.cards[2].Suspended || front(s) != "Q1?" || s.Summary().Suspended != 1 {
		t.Fatalf("after suspending Q3: stored %v, current %q", f.cards[2].Suspended, front(s))
	}
	// Undo Q2's grade: Q2 is back, and Q3 must not come back after it.
	if _, err := s.Undo(ctx, t0); err != nil {
		t.Fatal(err)
	}
	var seen []string
	for {
		c, ok := s.Current()
		if !ok {
			break
		}
		seen = append(seen, c.Front)
		if _, err := s.Grade(ctx, fsrs.Easy, t0); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(seen, " ") != "Q2? Q1?" {
		t.Errorf("after undo: saw %v, want Q2? Q1?", seen)
	}
	if sum := s.Summary(); sum.Suspended != 1 || sum.Reviewed != 3 {
		t.Errorf("summary after undo: %+v; want 1 suspended, 3 reviewed", sum)
	}
}

func TestSessionStoreErrors(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, 2)
	s, _ := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{})
	f.failOn = "SaveReview"
	if _, err := s.Grade(ctx, fsrs.Good, t0); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("grade with a failing store: %v", err)
	}
	if front(s) != "Q1?" || s.Summary().Reviewed != 0 {
		t.Errorf("a failed save moved the session on: %q, %d reviewed", front(s), s.Summary().Reviewed)
	}
	if _, err := s.Grade(ctx, fsrs.Rating(7), t0); !errors.Is(err, fsrs.ErrBadRating) {
		t.Errorf("rating 7: %v", err)
	}
	f.failOn = "SetSuspended"
	if _, err := s.Suspend(ctx, t0); err == nil || front(s) != "Q1?" {
		t.Errorf("failed suspend: err %v, current %q", err, front(s))
	}
	f.failOn = "StudyQueue"
	if _, err := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{}); err == nil {
		t.Error("NewSession hid a queue error")
	}
}

func TestSessionReviewCard(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, 1)
	f.cards[0].Memory = fsrs.Card{Due: t0.Add(-time.Hour), Stability: 10, Difficulty: 5, State: fsrs.Review,
		ScheduledDays: 10, Reps: 3, LastReview: t0.AddDate(0, 0, -12)}
	s, _ := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{})
	s.Reveal()
	_, err := s.Grade(ctx, fsrs.Good, t0.Add(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	l := f.logs[0]
	if l.ElapsedDays != 12 || l.StateBefore != fsrs.Review || l.StateAfter != fsrs.Review || l.Scheduled < 10 ||
		l.Duration != MaxAnswerTime {
		t.Errorf("review log %+v", l)
	}
	if _, ok := s.Current(); ok {
		t.Error("a graduated review card came back")
	}
	if _, err := s.Grade(ctx, fsrs.Good, t0); !errors.Is(err, ErrNoCard) {
		t.Errorf("grade after the end: %v", err)
	}
}

// TestSessionBatches checks that a long queue is read in batches, each
// card once, and that --limit caps the whole session.
func TestSessionBatches(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		limit, want, queries int
	}{{0, 450, 9}, {250, 250, 5}, {30, 30, 1}} {
		f := newFake(t, 450)
		s, err := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{NewPerDay: 1000, Limit: tc.limit})
		if err != nil {
			t.Fatal(err)
		}
		if s.Remaining() != min(queueBatch, tc.want) || s.More() != (tc.want > queueBatch) {
			t.Errorf("limit %d: first batch %d (more %v)", tc.limit, s.Remaining(), s.More())
		}
		seen := map[string]bool{}
		for {
			c, ok := s.Current()
			if !ok {
				break
			}
			if seen[c.ID] {
				t.Fatalf("limit %d: card %s shown twice", tc.limit, c.Front)
			}
			seen[c.ID] = true
			if _, err := s.Grade(ctx, fsrs.Easy, t0); err != nil {
				t.Fatal(err)
			}
		}
		if len(seen) != tc.want || f.queries > tc.queries+1 {
			t.Errorf("limit %d: %d cards in %d queries, want %d in ≤ %d", tc.limit, len(seen), f.queries, tc.want, tc.queries+1)
		}
	}
}

// TestSessionDeckSchedulers checks that a deck's own settings schedule its
// cards: a maximum interval of 3 days caps an Easy answer.
func TestSessionDeckSchedulers(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, 2)
	p := fsrs.DefaultParams()
	p.MaximumInterval = 3
	short, err := fsrs.NewScheduler(p)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := NewSession(ctx, f, newSched(t), "", t0, QueueOptions{})
	c, _ := s.Grade(ctx, fsrs.Easy, t0)
	if d := c.Memory.Due.Sub(t0); d <= 3*24*time.Hour {
		t.Fatalf("default settings: Easy gives %v; the test needs more than 3 days", d)
	}
	var asked []string
	s.UseDeckSchedulers(func(deck string) *fsrs.Scheduler {
		asked = append(asked, deck)
		return short
	})
	iv, _ := s.Intervals(t0)
	c, _ = s.Grade(ctx, fsrs.Easy, t0)
	if d := c.Memory.Due.Sub(t0); d > 3*24*time.Hour || iv[3] != d {
		t.Errorf("deck settings: Easy gives %v (preview %v), want at most 3 days", d, iv[3])
	}
	if len(asked) == 0 || asked[0] != "Eng" {
		t.Errorf("scheduler asked for decks %q", asked)
	}
}
