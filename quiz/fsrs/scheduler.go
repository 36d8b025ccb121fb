package fsrs

import "time"

// Params are the scheduler's settings.
type Params struct {
	W                [21]float64     // FSRS-6 weights
	DesiredRetention float64         // 0.9 by default
	MaximumInterval  int             // days; 36500 by default
	LearningSteps    []time.Duration // 1m 10m by default
	RelearningSteps  []time.Duration // 10m by default
	EnableFuzz       bool            // true by default
	EnableShortTerm  bool            // true by default
}

// DefaultParams returns the FSRS-6 defaults: retention 0.9, learning steps
// 1m 10m, relearning 10m, maximum interval 36500 days, fuzz and short-term on.
func DefaultParams() Params { panic("fsrs: not built yet") }

// Scheduler computes the next state of a card.
type Scheduler struct{ p Params }

// NewScheduler checks p (clipping W as ts-fsrs does) and returns a scheduler.
func NewScheduler(p Params) (*Scheduler, error) { panic("fsrs: not built yet") }

// NewCard returns the state of a card never reviewed, due at now.
func NewCard(now time.Time) Card { panic("fsrs: not built yet") }

// Next returns the card after answering r at now. fuzzSeed makes the fuzz
// reproducible per card (ignored when fuzz is off).
func (s *Scheduler) Next(c Card, now time.Time, r Rating, fuzzSeed uint64) Card {
	panic("fsrs: not built yet")
}

// Retrievability is the probability of recall of c at now (0 for a new card).
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 { panic("fsrs: not built yet") }
