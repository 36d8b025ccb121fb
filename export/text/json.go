package text

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// Version is the version of the JSON document's shape.
const Version = 1

// Document is the JSON export: the deck and its cards in the given order.
type Document struct {
	Version  int       `json:"version"`
	Deck     string    `json:"deck"` // "" when several decks are exported
	Exported time.Time `json:"exported"`
	Cards    []Card    `json:"cards"`
}

// Card is one card of the JSON export.
type Card struct {
	ID        string           `json:"id"`
	NoteID    string           `json:"note_id"`
	Template  string           `json:"template"`
	Deck      string           `json:"deck"`
	NoteType  string           `json:"note_type"`
	Kind      string           `json:"kind"`
	Front     string           `json:"front"`
	Back      string           `json:"back"`
	Context   []string         `json:"context"`
	Items     []string         `json:"items,omitempty"`
	Sources   []extract.Source `json:"sources"`
	Tags      []string         `json:"tags"`
	Suspended bool             `json:"suspended"`
	Orphaned  bool             `json:"orphaned"`
	Added     *time.Time       `json:"added"`
	Schedule  Schedule         `json:"schedule"`
}

// Schedule is a card's FSRS memory state. Times are null before the first
// review.
type Schedule struct {
	State         string     `json:"state"` // new, learning, review, relearning
	Due           *time.Time `json:"due"`
	Stability     float64    `json:"stability"`
	Difficulty    float64    `json:"difficulty"`
	ScheduledDays int        `json:"scheduled_days"`
	Reps          int        `json:"reps"`
	Lapses        int        `json:"lapses"`
	LastReview    *time.Time `json:"last_review"`
}

var stateNames = map[fsrs.State]string{fsrs.New: "new", fsrs.Learning: "learning", fsrs.Review: "review", fsrs.Relearning: "relearning"}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// NewDocument converts cards for the JSON export.
func NewDocument(deck string, cards []quiz.Card, exported time.Time) (*Document, error) {
	doc := &Document{Version: Version, Deck: deck, Exported: exported.UTC(), Cards: make([]Card, 0, len(cards))}
	for _, c := range cards {
		if c.Note == nil {
			return nil, fmt.Errorf("card %q: no note", c.ID)
		}
		n := c.Note
		state, ok := stateNames[c.Memory.State]
		if !ok {
			state = fmt.Sprintf("state-%d", c.Memory.State)
		}
		sources := n.Sources
		if len(sources) == 0 {
			sources = []extract.Source{n.Item.Source}
		}
		out := Card{
			ID: c.ID, NoteID: c.NoteID, Template: string(c.Template), Deck: n.Deck,
			NoteType: string(n.Type), Kind: string(n.Item.Kind),
			Front: c.Front, Back: c.Back,
			Context: nonNil(n.Item.Context), Sources: sources, Tags: nonNil(n.Tags),
			Suspended: c.Suspended, Orphaned: c.Orphaned, Added: timePtr(c.Added),
			Schedule: Schedule{
				State: state, Stability: c.Memory.Stability, Difficulty: c.Memory.Difficulty,
				ScheduledDays: c.Memory.ScheduledDays, Reps: c.Memory.Reps, Lapses: c.Memory.Lapses,
				LastReview: timePtr(c.Memory.LastReview),
			},
		}
		if c.Memory.State != fsrs.New || c.Memory.Reps > 0 {
			out.Schedule.Due = timePtr(c.Memory.Due)
		}
		if n.Item.Kind == extract.List {
			out.Items = n.Item.Items
		}
		if out.NoteID == "" {
			out.NoteID = n.ID
		}
		doc.Cards = append(doc.Cards, out)
	}
	return doc, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteJSON writes the cards of deck as one indented JSON document.
func WriteJSON(w io.Writer, deck string, cards []quiz.Card, exported time.Time) error {
	doc, err := NewDocument(deck, cards, exported)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
