package fsrs

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

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
	Due           time.Time // when the card should next be shown
	Stability     float64   // S, in days (0 before the first review)
	Difficulty    float64   // D, 1..10 (0 before the first review)
	ElapsedDays   int       // whole days between the previous review and the last one
	ScheduledDays int       // days from the last review to Due (0 on a step shorter than a day)
	LearningSteps int       // index of the current (re)learning step
	Reps          int       // answers given
	Lapses        int       // Again answers given in Review
	State         State
	LastReview    time.Time // zero before the first review
}

// Valid reports whether r is one of the four grades.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

// String returns "Again", "Hard", "Good" or "Easy".
func (r Rating) String() string {
	switch r {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	}
	return "Rating(" + strconv.Itoa(int(r)) + ")"
}

// ErrBadRating is wrapped by the error ParseRating returns.
var ErrBadRating = errors.New("want 1-4 or again/hard/good/easy")

// ParseRating reads a grade typed by a user: "1"–"4" or "again", "hard",
// "good", "easy" (any case, surrounding space ignored).
func ParseRating(s string) (Rating, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "again":
		return Again, nil
	case "2", "hard":
		return Hard, nil
	case "3", "good":
		return Good, nil
	case "4", "easy":
		return Easy, nil
	}
	return 0, fmt.Errorf("rating %q: %w", s, ErrBadRating)
}

// String returns "New", "Learning", "Review" or "Relearning".
func (s State) String() string {
	switch s {
	case New:
		return "New"
	case Learning:
		return "Learning"
	case Review:
		return "Review"
	case Relearning:
		return "Relearning"
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// ParseState is the inverse of State.String (case-insensitive).
func ParseState(s string) (State, error) {
	for st := New; st <= Relearning; st++ {
		if strings.EqualFold(strings.TrimSpace(s), st.String()) {
			return st, nil
		}
	}
	return 0, fmt.Errorf("state %q: want New, Learning, Review or Relearning", s)
}

// FormatInterval renders a delay the way Anki labels its answer buttons:
// whole seconds, minutes, hours or days ("45s", "10m", "3h", "12d"), then
// months of 30 days and years of 365 days with one decimal ("3.5mo",
// "1.2y", "2y"). Negative delays are shown as "0s".
func FormatInterval(d time.Duration) string {
	secs := d.Seconds()
	if d <= 0 {
		return "0s"
	}
	// Each unit is used while the rounded figure stays below the next unit,
	// so 59.7 minutes reads "1h", not "60m".
	for _, u := range []struct {
		size, next float64
		name       string
	}{{1, 60, "s"}, {60, 60, "m"}, {3600, 24, "h"}, {86400, 30, "d"}} {
		if n := math.Round(secs / u.size); n < u.next {
			return strconv.FormatFloat(n, 'f', -1, 64) + u.name
		}
	}
	if secs < 365*86400 {
		return oneDecimal(secs/(30*86400)) + "mo"
	}
	return oneDecimal(secs/(365*86400)) + "y"
}

func oneDecimal(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}
