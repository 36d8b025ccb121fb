// Package quiz turns extracted items into notes and cards, builds seeded
// quizzes over them, and runs spaced-repetition study sessions.
//
// The flow is:
//
//	[]extract.Item ─BuildNotes─▶ []Note ─CardsOf─▶ []Card
//	[]Card ─BuildQuiz─▶ []Question          (a test; no scheduling)
//	Store + *fsrs.Scheduler ─NewSession─▶ *Session   (study: next, grade, undo, suspend)
//
// Everything here is pure: no terminal, no clock, no environment. Callers
// pass the time in, and the collection comes in through the Store
// interface (quiz/sqlite implements it). Identity is stable: a note's ID
// (its Anki GUID) is derived from the item's source, heading path, kind and
// normalised prompt, and a card's ID is the note ID plus its template, so
// re-importing an edited article keeps the review history of every card
// whose prompt survives.
package quiz
