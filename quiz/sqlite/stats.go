package sqlite

import (
	"context"
	"fmt"
	"time"
)

// DeckInfo is one deck's summary for `feedcards decks`.
type DeckInfo struct {
	Name      string `json:"name"`
	Cards     int    `json:"cards"`     // all cards, suspended included
	New       int    `json:"new"`       // never studied, not suspended
	Due       int    `json:"due"`       // studied, not suspended, due at now
	Suspended int    `json:"suspended"` // suspended (orphaned ones included)
}

// Decks lists every deck, by name, with its card counts at now.
func (s *Store) Decks(ctx context.Context, now time.Time) ([]DeckInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.name,
		count(c.id),
		coalesce(sum(c.suspended = 0 AND c.state = 0), 0),
		coalesce(sum(c.suspended = 0 AND c.state <> 0 AND c.due <= ?), 0),
		coalesce(sum(c.suspended = 1), 0)
		FROM decks d LEFT JOIN cards c ON c.deck = d.name
		GROUP BY d.name ORDER BY d.name`, nanos(now))
	if err != nil {
		return nil, fmt.Errorf("list decks: %w", err)
	}
	defer rows.Close()
	out := []DeckInfo{}
	for rows.Next() {
		var d DeckInfo
		if err := rows.Scan(&d.Name, &d.Cards, &d.New, &d.Due, &d.Suspended); err != nil {
			return nil, fmt.Errorf("list decks: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list decks: %w", err)
	}
	return out, nil
}

// Stats is a deck's (or the collection's) state for `feedcards stats`.
// Cards = New + Learning + Review + Suspended: the three states count
// unsuspended cards only. Due counts exclude new and suspended cards.
type Stats struct {
	Cards        int      `json:"cards"`
	New          int      `json:"new"`
	Learning     int      `json:"learning"` // learning and relearning
	Review       int      `json:"review"`
	Suspended    int      `json:"suspended"`
	Due          int      `json:"due"`           // due at now
	DueToday     int      `json:"due_today"`     // due before the end of the day (overdue included)
	Reviews      int      `json:"reviews"`       // review log entries, all time
	ReviewsToday int      `json:"reviews_today"` // since the start of the day
	Forecast     [7]int   `json:"forecast"`      // due on each of the next 7 days, tomorrow first
	Retention    *float64 `json:"retention"`     // share of answers to review-state cards that were not Again; nil before any
}

// Stats returns the statistics of deck ("" = all decks) at now; the
// learner's day starts at dayStart, and the next days follow it by calendar
// days in dayStart's location.
func (s *Store) Stats(ctx context.Context, deck string, now, dayStart time.Time) (Stats, error) {
	var st Stats
	if err := s.checkDeck(ctx, deck); err != nil {
		return st, err
	}
	fail := func(err error) (Stats, error) { return Stats{}, fmt.Errorf("stats of %s: %w", deckLabel(deck), err) }
	cond, args := "", []any{}
	if deck != "" {
		cond, args = " WHERE deck = ?", []any{deck}
	}
	// Day boundaries: [0] end of today, [i] end of day i after today.
	var ends [8]int64
	for i := range ends {
		ends[i] = nanos(dayStart.AddDate(0, 0, i+1))
	}
	q := `SELECT count(*),
		coalesce(sum(suspended = 0 AND state = 0), 0),
		coalesce(sum(suspended = 0 AND state IN (1, 3)), 0),
		coalesce(sum(suspended = 0 AND state = 2), 0),
		coalesce(sum(suspended = 1), 0),
		coalesce(sum(suspended = 0 AND state <> 0 AND due <= ?), 0),
		coalesce(sum(suspended = 0 AND state <> 0 AND due < ?), 0)`
	qargs := []any{nanos(now), ends[0]}
	for i := 1; i <= 7; i++ {
		q += ", coalesce(sum(suspended = 0 AND state <> 0 AND due >= ? AND due < ?), 0)"
		qargs = append(qargs, ends[i-1], ends[i])
	}
	dst := []any{&st.Cards, &st.New, &st.Learning, &st.Review, &st.Suspended, &st.Due, &st.DueToday}
	for i := range st.Forecast {
		dst = append(dst, &st.Forecast[i])
	}
	if err := s.db.QueryRowContext(ctx, q+" FROM cards"+cond, append(qargs, args...)...).Scan(dst...); err != nil {
		return fail(err)
	}
	var answered, recalled int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(at >= ?), 0),
		coalesce(sum(state_before = 2), 0), coalesce(sum(state_before = 2 AND rating <> 1), 0)
		FROM revlog`+cond, append([]any{nanos(dayStart)}, args...)...).Scan(&st.Reviews, &st.ReviewsToday, &answered, &recalled); err != nil {
		return fail(err)
	}
	if answered > 0 {
		r := float64(recalled) / float64(answered)
		st.Retention = &r
	}
	return st, nil
}
