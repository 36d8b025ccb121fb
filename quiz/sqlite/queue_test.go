package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

func ids(cards []quiz.Card) []string {
	out := make([]string, len(cards))
	for i, c := range cards {
		out[i] = c.ID
	}
	return out
}

func TestStudyQueue(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := s.Import(ctx, "A", feedResult("a.xml", 2, 2), optNone, t0); err != nil {
		t.Fatal(err)
	}
	all, err := s.Cards(ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	dayStart := t0.Add(-8 * time.Hour) // 04:00
	opts := quiz.QueueOptions{NewPerDay: 3, DayStart: dayStart}

	// Only new cards, in document order, up to the daily allowance.
	q, err := s.StudyQueue(ctx, "A", t0, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(q), ids(all[:3]); !reflect.DeepEqual(got, want) {
		t.Fatalf("queue = %v; want the first three cards %v", got, want)
	}
	if q[0].Note == nil || q[0].Note.Deck != "A" || q[0].Note.Item.Front() == "" {
		t.Errorf("queue card without its note: %+v", q[0].Note)
	}

	// Grade the first two: one into learning (due in 10m), one into review
	// (due in 8 days). Suspend the third.
	learn := grade(t, s, q[0], t0, fsrs.Good)
	review := grade(t, s, q[1], t0, fsrs.Easy)
	if err := s.SetSuspended(ctx, q[2].ID, true); err != nil {
		t.Fatal(err)
	}
	// Two new cards studied today: one more allowed; the suspended one is skipped.
	q, err = s.StudyQueue(ctx, "A", t0, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(q), []string{all[3].ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("queue after grading = %v; want %v", got, want)
	}
	// 11 minutes later the learning card is due, first.
	q, err = s.StudyQueue(ctx, "A", t0.Add(11*time.Minute), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(q), []string{learn.ID, all[3].ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("queue 11m later = %v; want %v", got, want)
	}
	if !reflect.DeepEqual(q[0].Memory, learn.Memory) {
		t.Errorf("memory state read back differs:\n got %+v\nwant %+v", q[0].Memory, learn.Memory)
	}
	// A review card due later on its day counts as due that day (Anki's days).
	reviewDay := review.Memory.Due.Add(-3 * time.Hour)
	q, err = s.StudyQueue(ctx, "A", reviewDay, quiz.QueueOptions{NewPerDay: -1, DayStart: dayStart.AddDate(0, 0, 8)})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(q); !reflect.DeepEqual(got, []string{learn.ID, review.ID}) {
		t.Errorf("queue on the review's day = %v; want [%s %s]", got, learn.ID, review.ID)
	}
	// Limit caps the whole queue; all decks ("") include deck A.
	q, err = s.StudyQueue(ctx, "", t0.Add(11*time.Minute), quiz.QueueOptions{NewPerDay: 100, Limit: 1, DayStart: dayStart})
	if err != nil || len(q) != 1 || q[0].ID != learn.ID {
		t.Errorf("limited queue = %v, %v", ids(q), err)
	}

	// Undo the Easy grade: the card is new again, its log entry gone.
	logs, err := s.Reviews(ctx, review.ID)
	if err != nil || len(logs) != 1 {
		t.Fatalf("reviews of %s: %d, %v", review.ID, len(logs), err)
	}
	if logs[0].Rating != fsrs.Easy || logs[0].Duration != 3*time.Second || logs[0].StateBefore != fsrs.New || logs[0].StateAfter != fsrs.Review {
		t.Errorf("log read back: %+v", logs[0])
	}
	if err := s.UndoReview(ctx, quiz.ReviewLog{CardID: review.ID, At: t0}); err != nil {
		t.Fatal(err)
	}
	back, err := s.Card(ctx, review.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Memory, all[1].Memory) {
		t.Errorf("after undo: %+v; want the new state %+v", back.Memory, all[1].Memory)
	}
	if logs, _ := s.Reviews(ctx, review.ID); len(logs) != 0 {
		t.Errorf("%d log entries left after undo", len(logs))
	}
	if err := s.UndoReview(ctx, quiz.ReviewLog{CardID: review.ID, At: t0}); !errors.Is(err, ErrNoCard) {
		t.Errorf("second undo = %v; want ErrNoCard", err)
	}
	if err := s.SetSuspended(ctx, "nope/forward", true); !errors.Is(err, ErrNoCard) {
		t.Errorf("SetSuspended(unknown) = %v; want ErrNoCard", err)
	}
	c := all[0]
	c.ID = "nope/forward"
	if err := s.SaveReview(ctx, c, quiz.ReviewLog{CardID: c.ID, At: t0}); !errors.Is(err, ErrNoCard) {
		t.Errorf("SaveReview(unknown) = %v; want ErrNoCard", err)
	}
	if _, err := s.StudyQueue(ctx, "Nope", t0, opts); !errors.Is(err, ErrNoDeck) {
		t.Errorf("StudyQueue(unknown deck) = %v; want ErrNoDeck", err)
	}
}

func TestStats(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := s.Import(ctx, "A", feedResult("a.xml", 1, 1), optNone, t0); err != nil {
		t.Fatal(err)
	}
	b := feedResult("b.xml", 0, 0)
	b.Articles = append(b.Articles, article("b.xml", 100, 1, 0)) // other entries: other notes
	if _, err := s.Import(ctx, "B", b, optNone, t0); err != nil {
		t.Fatal(err)
	}
	cards, err := s.Cards(ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	dayStart := t0.Add(-8 * time.Hour)
	st, err := s.Stats(ctx, "A", t0, dayStart)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Cards: cardsPerItemSet, New: cardsPerItemSet}); !reflect.DeepEqual(st, want) {
		t.Errorf("fresh stats = %+v; want %+v", st, want)
	}
	grade(t, s, cards[0], t0, fsrs.Good)         // learning, due in 10m: today
	rev := grade(t, s, cards[1], t0, fsrs.Easy)  // review, due in 8 days
	grade(t, s, rev, rev.Memory.Due, fsrs.Again) // then a lapse on that day: relearning
	if err := s.SetSuspended(ctx, cards[2].ID, true); err != nil {
		t.Fatal(err)
	}
	st, err = s.Stats(ctx, "A", t0, dayStart)
	if err != nil {
		t.Fatal(err)
	}
	zero := 0.0
	// The relearning card is due 8 days on: past the 7-day forecast. Every
	// log entry is at or after the day start (one is in the future).
	want := Stats{Cards: cardsPerItemSet, New: cardsPerItemSet - 3, Learning: 2, Suspended: 1,
		Due: 0, DueToday: 1, Reviews: 3, ReviewsToday: 3, Retention: &zero}
	if st.Retention == nil || *st.Retention != 0 {
		t.Errorf("retention = %v; want 0 (one review answer, Again)", st.Retention)
	}
	st.Retention, want.Retention = nil, nil
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v\nwant  %+v", st, want)
	}
	// All decks, two days on: B's cards count too, the learning card is
	// overdue, and the relearning card is due on the 6th day of the forecast.
	st, err = s.Stats(ctx, "", t0.AddDate(0, 0, 2), dayStart.AddDate(0, 0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if st.Cards != 2*cardsPerItemSet || st.Due != 1 || st.Forecast != [7]int{0, 0, 0, 0, 0, 1, 0} {
		t.Errorf("all decks, 2 days on: %+v", st)
	}
}
