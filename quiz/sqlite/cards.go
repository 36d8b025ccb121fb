package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// ErrNoDeck is returned (wrapped) when a named deck is not in the collection.
var ErrNoDeck = errors.New("no such deck")

// ErrNoCard is returned (wrapped) when a card or review is not in the collection.
var ErrNoCard = errors.New("no such card")

// Compile-time check: the store is what a study session needs.
var _ quiz.Store = (*Store)(nil)

// nanos stores a time as Unix nanoseconds; the zero time is 0.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromNanos is the inverse of nanos, in UTC.
func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// cardColumns are read by scanCard, in this order, from cards c JOIN notes n.
const cardColumns = `c.id, c.note_id, c.template, c.front, c.back,
	c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, c.step,
	c.reps, c.lapses, c.state, c.last_review, c.suspended, c.orphaned, c.added,
	n.deck, n.type, n.item, n.sources, n.tags, n.updated`

// cardScanner turns rows into cards, sharing one *quiz.Note per note.
type cardScanner struct {
	notes map[string]*quiz.Note
}

func (cs *cardScanner) scan(rows *sql.Rows) (quiz.Card, error) {
	var (
		c                      quiz.Card
		template               string
		due, lastReview, added int64
		updated                int64
		state                  int
		suspended, orphaned    bool
		deck, typ              string
		item, srcs, tags       sql.RawBytes // decoded once per note
	)
	m := &c.Memory
	if err := rows.Scan(&c.ID, &c.NoteID, &template, &c.Front, &c.Back,
		&due, &m.Stability, &m.Difficulty, &m.ElapsedDays, &m.ScheduledDays, &m.LearningSteps,
		&m.Reps, &m.Lapses, &state, &lastReview, &suspended, &orphaned, &added,
		&deck, &typ, &item, &srcs, &tags, &updated); err != nil {
		return c, err
	}
	c.Template = quiz.Template(template)
	m.Due, m.LastReview, m.State = fromNanos(due), fromNanos(lastReview), fsrs.State(state)
	c.Suspended, c.Orphaned, c.Added = suspended, orphaned, fromNanos(added)
	n := cs.notes[c.NoteID]
	if n == nil {
		n = &quiz.Note{ID: c.NoteID, Deck: deck, Type: quiz.NoteType(typ), Updated: fromNanos(updated)}
		if err := decodeItem(item, &n.Item); err != nil {
			return c, fmt.Errorf("note %s: item: %w", c.NoteID, err)
		}
		if err := json.Unmarshal(srcs, &n.Sources); err != nil {
			return c, fmt.Errorf("note %s: sources: %w", c.NoteID, err)
		}
		if err := json.Unmarshal(tags, &n.Tags); err != nil {
			return c, fmt.Errorf("note %s: tags: %w", c.NoteID, err)
		}
		if cs.notes == nil {
			cs.notes = make(map[string]*quiz.Note)
		}
		cs.notes[c.NoteID] = n
	}
	c.Note = n
	return c, nil
}

// queryCards runs a query selecting cardColumns and returns its cards.
func (s *Store) queryCards(ctx context.Context, cs *cardScanner, query string, args ...any) ([]quiz.Card, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quiz.Card
	for rows.Next() {
		c, err := cs.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// checkDeck returns an error wrapping ErrNoDeck when deck is named but absent.
func (s *Store) checkDeck(ctx context.Context, deck string) error {
	if deck == "" {
		return nil
	}
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM decks WHERE name = ?", deck).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("deck %q: %w", deck, ErrNoDeck)
	}
	if err != nil {
		return fmt.Errorf("deck %q: %w", deck, err)
	}
	return nil
}

// Cards returns every card of deck ("" = all decks), suspended and orphaned
// ones included, with their notes, in a stable order: by deck name, then in
// the order the notes were first imported (document order), then by template.
func (s *Store) Cards(ctx context.Context, deck string) ([]quiz.Card, error) {
	if err := s.checkDeck(ctx, deck); err != nil {
		return nil, err
	}
	q := "SELECT " + cardColumns + " FROM cards c JOIN notes n ON n.id = c.note_id"
	var args []any
	if deck != "" {
		q += " WHERE c.deck = ?"
		args = append(args, deck)
	}
	q += " ORDER BY c.deck, c.seq, c.id"
	cards, err := s.queryCards(ctx, &cardScanner{}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read cards of %s: %w", deckLabel(deck), err)
	}
	return cards, nil
}

// Card returns one card by id, with its note.
func (s *Store) Card(ctx context.Context, id string) (quiz.Card, error) {
	cards, err := s.queryCards(ctx, &cardScanner{},
		"SELECT "+cardColumns+" FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?", id)
	if err != nil {
		return quiz.Card{}, fmt.Errorf("card %s: %w", id, err)
	}
	if len(cards) == 0 {
		return quiz.Card{}, fmt.Errorf("card %s: %w", id, ErrNoCard)
	}
	return cards[0], nil
}

func deckLabel(deck string) string {
	if deck == "" {
		return "all decks"
	}
	return fmt.Sprintf("deck %q", deck)
}

// defaultNewPerDay is the new-card allowance when QueueOptions.NewPerDay is 0.
const defaultNewPerDay = 20

// StudyQueue returns the cards to study in deck ("" = all decks) at now:
// first the due cards in learning and relearning (due ≤ now) and in review
// (due before the end of the learner's day, as Anki counts days), earliest
// due first; then new cards in document order, up to NewPerDay (0 means 20,
// negative means none) minus the new cards first answered since DayStart.
// Suspended cards never appear. A zero DayStart means midnight UTC of now.
func (s *Store) StudyQueue(ctx context.Context, deck string, now time.Time, opts quiz.QueueOptions) ([]quiz.Card, error) {
	if err := s.checkDeck(ctx, deck); err != nil {
		return nil, err
	}
	fail := func(err error) ([]quiz.Card, error) {
		return nil, fmt.Errorf("study queue of %s: %w", deckLabel(deck), err)
	}
	dayStart := opts.DayStart
	if dayStart.IsZero() {
		dayStart = now.UTC().Truncate(24 * time.Hour)
	}
	dayEnd := dayStart.AddDate(0, 0, 1)
	hi := nanos(dayEnd)
	if n := nanos(now) + 1; n > hi {
		hi = n
	}
	limit := -1 // SQLite: no limit
	if opts.Limit > 0 {
		limit = opts.Limit
	}

	deckCond, args := "", []any{}
	if deck != "" {
		deckCond, args = "c.deck = ? AND ", []any{deck}
	}
	cs := &cardScanner{}
	due, err := s.queryCards(ctx, cs, "SELECT "+cardColumns+
		" FROM cards c JOIN notes n ON n.id = c.note_id WHERE "+deckCond+
		"c.suspended = 0 AND c.state <> 0 AND c.due < ? AND (c.due <= ? OR c.state = 2)"+
		" ORDER BY c.due, c.seq LIMIT ?", append(args, hi, nanos(now), limit)...)
	if err != nil {
		return fail(err)
	}

	newLeft := opts.NewPerDay
	switch {
	case newLeft == 0:
		newLeft = defaultNewPerDay
	case newLeft < 0:
		newLeft = 0
	}
	if newLeft > 0 {
		q := "SELECT count(DISTINCT card_id) FROM revlog WHERE at >= ? AND state_before = 0"
		qargs := []any{nanos(dayStart)}
		if deck != "" {
			q += " AND deck = ?"
			qargs = append(qargs, deck)
		}
		var studied int
		if err := s.db.QueryRowContext(ctx, q, qargs...).Scan(&studied); err != nil {
			return fail(err)
		}
		newLeft -= studied
	}
	if opts.Limit > 0 && newLeft > opts.Limit-len(due) {
		newLeft = opts.Limit - len(due)
	}
	if newLeft <= 0 {
		return due, nil
	}
	fresh, err := s.queryCards(ctx, cs, "SELECT "+cardColumns+
		" FROM cards c JOIN notes n ON n.id = c.note_id WHERE "+deckCond+
		"c.suspended = 0 AND c.state = 0 ORDER BY c.seq LIMIT ?", append(args, newLeft)...)
	if err != nil {
		return fail(err)
	}
	return append(due, fresh...), nil
}

// SaveReview stores c's new memory state (c.Memory) and appends log to the
// review log, in one transaction. log.CardID defaults to c.ID.
func (s *Store) SaveReview(ctx context.Context, c quiz.Card, log quiz.ReviewLog) error {
	if log.CardID == "" {
		log.CardID = c.ID
	}
	if log.CardID != c.ID {
		return fmt.Errorf("save review of card %s: log is for card %s", c.ID, log.CardID)
	}
	fail := func(err error) error { return fmt.Errorf("save review of card %s: %w", c.ID, err) }
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	m := c.Memory
	res, err := tx.ExecContext(ctx, `UPDATE cards SET due = ?, stability = ?, difficulty = ?,
		elapsed_days = ?, scheduled_days = ?, step = ?, reps = ?, lapses = ?, state = ?, last_review = ?
		WHERE id = ?`,
		nanos(m.Due), m.Stability, m.Difficulty, m.ElapsedDays, m.ScheduledDays, m.LearningSteps,
		m.Reps, m.Lapses, int(m.State), nanos(m.LastReview), c.ID)
	if err != nil {
		return fail(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail(err)
	} else if n == 0 {
		return fail(ErrNoCard)
	}
	b := log.Before
	if _, err := tx.ExecContext(ctx, `INSERT INTO revlog (card_id, deck, at, rating, elapsed_days,
		scheduled_days, state_before, state_after, duration_ms, b_due, b_stability, b_difficulty,
		b_elapsed_days, b_scheduled, b_step, b_reps, b_lapses, b_state, b_last_review)
		SELECT ?, deck, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM cards WHERE id = ?`,
		c.ID, nanos(log.At), int(log.Rating), log.ElapsedDays, log.Scheduled, int(log.StateBefore),
		int(log.StateAfter), log.Duration.Milliseconds(), nanos(b.Due), b.Stability, b.Difficulty,
		b.ElapsedDays, b.ScheduledDays, b.LearningSteps, b.Reps, b.Lapses, int(b.State),
		nanos(b.LastReview), c.ID); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// UndoReview deletes the review log entry log (by log.ID when set, else the
// latest entry of log.CardID at log.At) and puts the card back in the memory
// state recorded before that answer, in one transaction.
func (s *Store) UndoReview(ctx context.Context, log quiz.ReviewLog) error {
	fail := func(err error) error { return fmt.Errorf("undo review of card %s: %w", log.CardID, err) }
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var row *sql.Row
	if log.ID > 0 {
		row = tx.QueryRowContext(ctx, "SELECT id, card_id FROM revlog WHERE id = ?", log.ID)
	} else {
		row = tx.QueryRowContext(ctx, "SELECT id, card_id FROM revlog WHERE card_id = ? AND at = ? ORDER BY id DESC LIMIT 1",
			log.CardID, nanos(log.At))
	}
	var id int64
	var cardID string
	if err := row.Scan(&id, &cardID); errors.Is(err, sql.ErrNoRows) {
		return fail(fmt.Errorf("no review at %s: %w", log.At.Format(time.RFC3339), ErrNoCard))
	} else if err != nil {
		return fail(err)
	}
	if log.CardID != "" && cardID != log.CardID {
		return fail(fmt.Errorf("review %d is of card %s", id, cardID))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cards SET (due, stability, difficulty, elapsed_days,
		scheduled_days, step, reps, lapses, state, last_review) = (SELECT b_due, b_stability,
		b_difficulty, b_elapsed_days, b_scheduled, b_step, b_reps, b_lapses, b_state, b_last_review
		FROM revlog WHERE id = ?) WHERE id = ?`, id, cardID); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM revlog WHERE id = ?", id); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// SetSuspended suspends or unsuspends the card cardID.
func (s *Store) SetSuspended(ctx context.Context, cardID string, suspended bool) error {
	res, err := s.db.ExecContext(ctx, "UPDATE cards SET suspended = ? WHERE id = ?", suspended, cardID)
	if err != nil {
		return fmt.Errorf("suspend card %s: %w", cardID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("suspend card %s: %w", cardID, err)
	} else if n == 0 {
		return fmt.Errorf("suspend card %s: %w", cardID, ErrNoCard)
	}
	return nil
}

// Reviews returns the review log of card cardID ("" = every card), oldest first.
func (s *Store) Reviews(ctx context.Context, cardID string) ([]quiz.ReviewLog, error) {
	q := `SELECT id, card_id, at, rating, elapsed_days, scheduled_days, state_before, state_after,
		duration_ms, b_due, b_stability, b_difficulty, b_elapsed_days, b_scheduled, b_step, b_reps,
		b_lapses, b_state, b_last_review FROM revlog`
	var args []any
	if cardID != "" {
		q += " WHERE card_id = ?"
		args = append(args, cardID)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("read review log: %w", err)
	}
	defer rows.Close()
	var out []quiz.ReviewLog
	for rows.Next() {
		var (
			l                               quiz.ReviewLog
			at, durMS, bDue, bLast          int64
			rating, sBefore, sAfter, bState int
		)
		b := &l.Before
		if err := rows.Scan(&l.ID, &l.CardID, &at, &rating, &l.ElapsedDays, &l.Scheduled, &sBefore, &sAfter,
			&durMS, &bDue, &b.Stability, &b.Difficulty, &b.ElapsedDays, &b.ScheduledDays, &b.LearningSteps,
			&b.Reps, &b.Lapses, &bState, &bLast); err != nil {
			return nil, fmt.Errorf("read review log: %w", err)
		}
		l.At, l.Rating, l.StateBefore, l.StateAfter = fromNanos(at), fsrs.Rating(rating), fsrs.State(sBefore), fsrs.State(sAfter)
		l.Duration = time.Duration(durMS) * time.Millisecond
		b.Due, b.LastReview, b.State = fromNanos(bDue), fromNanos(bLast), fsrs.State(bState)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read review log: %w", err)
	}
	return out, nil
}

// sourcesJSON is how a note's sources are stored.
func sourcesJSON(srcs []extract.Source) string {
	if srcs == nil {
		srcs = []extract.Source{}
	}
	b, _ := json.Marshal(srcs)
	return string(b)
}

// storedItem reads the JSON shape extract.Item marshals to (the
// `extract --json` shape) in one pass, without Item's own UnmarshalJSON.
type storedItem struct {
	ID             string         `json:"id"`
	Kind           extract.Kind   `json:"kind"`
	Context        []string       `json:"context"`
	Source         extract.Source `json:"source"`
	Question       string         `json:"question"`
	Answer         string         `json:"answer"`
	AnswerHTML     string         `json:"answer_html"`
	Term           string         `json:"term"`
	Definition     string         `json:"definition"`
	DefinitionHTML string         `json:"definition_html"`
	Prompt         string         `json:"prompt"`
	Heading        string         `json:"heading"`
	Items          []string       `json:"items"`
	Ordered        bool           `json:"ordered"`
}

func decodeItem(b []byte, it *extract.Item) error {
	var j storedItem
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*it = extract.Item{ID: j.ID, Kind: j.Kind, Context: j.Context, Source: j.Source,
		Question: j.Question, Answer: j.Answer, AnswerHTML: j.AnswerHTML,
		Term: j.Term, Definition: j.Definition, DefinitionHTML: j.DefinitionHTML,
		Prompt: j.Prompt, Heading: j.Heading, Items: j.Items, Ordered: j.Ordered}
	return nil
}
