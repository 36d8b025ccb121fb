package fsrs

import "time"

// Rating is the grade of one answer.
type Rating int

// The four grades, numbered as in Anki and ts-fsrs.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// State is a card's learning state, numbered as in ts-fsrs.
type State int

// The card states.
const (
	New        State = 0
	Learning   State = 1
	Review     State = 2
	Relearning State = 3
)

// Card is the scheduling state of one card (its memory state and due time).
type Card struct {
	Due           time.Time
	Stability     float64
	Difficulty    float64
	ElapsedDays   int
	ScheduledDays int
	LearningSteps int // index of the current (re)learning step
	Reps          int
	Lapses        int
	State         State
	LastReview    time.Time // zero before the first review
}
