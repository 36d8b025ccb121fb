package quiz

import (
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// NoteType says which Anki-style note a Note becomes.
type NoteType string

// The note types. Basic: front → back. BasicReverse: also back → front.
// Cloze: an ordered list asked step by step.
const (
	Basic        NoteType = "basic"
	BasicReverse NoteType = "basic-reverse"
	Cloze        NoteType = "cloze"
)

// Note is one piece of knowledge in a deck, built from one item (or several
// items that say the same thing in different articles). A note gives one or
// more Cards. Its ID is stable across re-imports and is the Anki GUID.
type Note struct {
	ID      string           // stable id; also the Anki note GUID
	Deck    string           // deck name; "::" separates levels
	Type    NoteType         //
	Item    extract.Item     // the item the note was built from (the first, for merged duplicates)
	Sources []extract.Source // every source the note was seen in (len ≥ 1)
	Tags    []string         // tags without spaces
	// Updated is when the note's content (fields, sources) last changed;
	// zero when unknown. Anki exports use it as the note's mod time, so a
	// re-import updates exactly the notes whose content changed.
	Updated time.Time
}

// Template names which card of a note a Card is.
type Template string

// Card templates. Cloze cards are "cloze1", "cloze2", ... (see ClozeTemplate).
const (
	Forward Template = "forward" // question/term/list prompt → answer
	Reverse Template = "reverse" // definition → term
)

// Card is one thing to review: a note seen through one template, plus its
// scheduling state.
type Card struct {
	ID        string   // NoteID + "/" + Template
	NoteID    string   //
	Template  Template //
	Note      *Note    //
	Front     string   // plain text shown first
	Back      string   // plain text answer
	Memory    fsrs.Card
	Suspended bool
	Orphaned  bool // its item vanished from the source on re-import
	Added     time.Time
}
