// Command feedcards turns articles into flashcards and quizzes.
//
// Feed it an RSS, Atom or JSON feed (a file, an http(s) URL, or - for stdin)
// or a single article page. It pulls the FAQ blocks, definitions and lists out
// of each article, builds spaced-repetition decks from them, runs study and
// quiz sessions in the terminal, and exports Anki and PDF files.
//
// Usage:
//
//	feedcards extract SOURCE...            show what would be extracted (--json: JSON Lines)
//	feedcards add SOURCE... [--deck D]     import into the collection
//	feedcards study [DECK]                 spaced-repetition session on due cards (FSRS-6)
//	feedcards quiz [DECK|SOURCE] [-n N]    a test: multiple choice, typed or mixed
//	feedcards export [DECK|SOURCE] -o F    .csv, .apkg, .pdf, .json or .md
//	feedcards stats [DECK]                 counts, retention, due forecast
//	feedcards decks                        list decks
//
// The collection is one SQLite file, $XDG_DATA_HOME/feedcards/collection.db
// by default; --db or FEEDCARDS_DB override it. FEEDCARDS_NOW (RFC 3339)
// fixes the clock for every command.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newOSApp())
	stop()
	os.Exit(code)
}
