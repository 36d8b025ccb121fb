package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// DeckConfig is a deck's scheduling settings. Zero values mean the
// defaults: the FSRS-6 weights, retention 0.9, 36500 days, 20 new a day.
type DeckConfig struct {
	DesiredRetention float64   `json:"desired_retention"`
	Weights          []float64 `json:"weights,omitempty"` // nil: the FSRS-6 defaults; else 21 numbers
	MaximumInterval  int       `json:"maximum_interval"`  // days
	NewPerDay        int       `json:"new_per_day"`
}

// DeckConfig returns the scheduling settings of deck.
func (s *Store) DeckConfig(ctx context.Context, deck string) (DeckConfig, error) {
	var (
		c       DeckConfig
		weights string
	)
	err := s.db.QueryRowContext(ctx, "SELECT desired_retention, weights, maximum_interval, new_per_day FROM decks WHERE name = ?", deck).
		Scan(&c.DesiredRetention, &weights, &c.MaximumInterval, &c.NewPerDay)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("deck %q: %w", deck, ErrNoDeck)
	}
	if err != nil {
		return c, fmt.Errorf("settings of deck %q: %w", deck, err)
	}
	if weights != "" {
		if err := json.Unmarshal([]byte(weights), &c.Weights); err != nil {
			return c, fmt.Errorf("settings of deck %q: weights: %w", deck, err)
		}
	}
	return c, nil
}

// SetDeckConfig changes the scheduling settings of deck.
func (s *Store) SetDeckConfig(ctx context.Context, deck string, c DeckConfig) error {
	switch {
	case c.DesiredRetention <= 0 || c.DesiredRetention >= 1:
		return fmt.Errorf("deck %q: desired retention %g is not between 0 and 1", deck, c.DesiredRetention)
	case c.Weights != nil && len(c.Weights) != 21:
		return fmt.Errorf("deck %q: %d FSRS weights; want 21", deck, len(c.Weights))
	case c.MaximumInterval < 1:
		return fmt.Errorf("deck %q: maximum interval %d days is below 1", deck, c.MaximumInterval)
	case c.NewPerDay < 0:
		return fmt.Errorf("deck %q: negative new cards a day", deck)
	}
	weights := ""
	if c.Weights != nil {
		b, err := json.Marshal(c.Weights)
		if err != nil {
			return fmt.Errorf("deck %q: %w", deck, err)
		}
		weights = string(b)
	}
	res, err := s.db.ExecContext(ctx, "UPDATE decks SET desired_retention = ?, weights = ?, maximum_interval = ?, new_per_day = ? WHERE name = ?",
		c.DesiredRetention, weights, c.MaximumInterval, c.NewPerDay, deck)
	if err != nil {
		return fmt.Errorf("settings of deck %q: %w", deck, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("settings of deck %q: %w", deck, err)
	} else if n == 0 {
		return fmt.Errorf("deck %q: %w", deck, ErrNoDeck)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and foreign key check; it
// returns "ok" for a sound collection, else the first problems found.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check(10)").Scan(&res); err != nil {
		return "", fmt.Errorf("check collection %s: %w", s.path, err)
	}
	if res != "ok" {
		return res, nil
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return "", fmt.Errorf("check collection %s: %w", s.path, err)
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return "", fmt.Errorf("check collection %s: %w", s.path, err)
		}
		return fmt.Sprintf("foreign key violation: %s row %d refers to a missing %s", table, rowid.Int64, parent), nil
	}
	return "ok", rows.Err()
}
