package quiz

import (
	"context"
	"time"

	"github.com/feedcards/feedcards/quiz/fsrs"
)

// ReviewLog is one answer, kept forever so parameters can be fitted later.
type ReviewLog struct {
	ID          int64
	CardID      string
	At          time.Time
	Rating      fsrs.Rating
	ElapsedDays int
	Scheduled   int           // days scheduled by this answer (0 for a step)
	StateBefore fsrs.State    //
	StateAfter  fsrs.State    //
	Duration    time.Duration // time spent on the card
	Before      fsrs.Card     // the memory state before the answer (for undo)
}

// QueueOptions bound a study queue.
type QueueOptions struct {
	NewPerDay int       // new cards a day (default 20)
	Limit     int       // at most this many cards in all (0 = no limit)
	DayStart  time.Time // start of the learner's day (rollover, 04:00 local by default)
}

// Store is what a study session needs from the collection. Every method
// changes the collection in one transaction.
type Store interface {
	// StudyQueue returns the cards to study in deck ("" = all decks): due
	// learning, relearning and review cards first (earliest due first), then
	// new cards, up to NewPerDay minus the new cards already studied since DayStart.
	StudyQueue(ctx context.Context, deck string, now time.Time, opts QueueOptions) ([]Card, error)
	// SaveReview stores c's new memory state and appends log, atomically.
	SaveReview(ctx context.Context, c Card, log ReviewLog) error
	// UndoReview removes log and restores the card's state to log.Before.
	UndoReview(ctx context.Context, log ReviewLog) error
	// SetSuspended suspends or unsuspends a card.
	SetSuspended(ctx context.Context, cardID string, suspended bool) error
}
