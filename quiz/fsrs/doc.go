// Package fsrs schedules reviews with FSRS-6, the Free Spaced Repetition
// Scheduler that Anki uses, and reproduces the reference implementation
// ts-fsrs 5.4.2 to the last day and minute (see testdata/fsrs).
//
// # The model
//
// Each card carries a memory state of two numbers. Stability S is how many
// days it takes for the chance of remembering the card to drop from 100% to
// 90%; difficulty D, from 1 to 10, says how hard the card is to make stick.
// The chance of recall t days after the last review, the retrievability, is
// a power-law forgetting curve R = (1 + F·t/S)^(−d), where the decay d is
// the last of the 21 weights and F is chosen so that R equals 0.9 when t
// equals S.
//
// Every answer (Again, Hard, Good or Easy) updates the state. The first
// answer sets S and D from the grade alone. Later answers move D up for
// Again and Hard and down for Easy, in steps that shrink near 10, with a
// slight pull back toward an easy card's difficulty. S grows after a
// successful recall, more for easy cards, less for cards that are already
// stable, and more the further the card had faded; after a lapse (Again) it
// collapses to a value that depends on D, on the old S and on how faded the
// card was. Answers given on the same calendar day as the previous one use
// a separate short-term rule, in which S changes by a grade-dependent
// factor that saturates for stable cards.
//
// The next review is placed where R is predicted to fall to the desired
// retention (0.9 by default), rounded to whole days and capped at the
// maximum interval. For a card in review, the Hard, Good and Easy intervals
// are then forced into increasing order, after the cap, as ts-fsrs does, so
// Good and Easy may exceed the maximum by a day or two.
//
// # States and steps
//
// A card is New, then Learning while it goes through the learning steps
// (1m and 10m by default: Again restarts them, Hard repeats the current one
// after the average of the first two, Good moves on, Easy graduates), then
// Review, scheduled in days. Again on a Review card counts a lapse and
// sends it to Relearning, through the relearning steps (10m by default),
// after which it graduates again. With short-term scheduling disabled,
// steps are skipped: every answer gives a day interval.
//
// Elapsed time is counted in whole calendar days: by default UTC days, as
// ts-fsrs and the vectors do; Params.Location and Params.DayStart move the
// boundary, for example to 4 a.m. local time as Anki does.
//
// # Fuzz
//
// With fuzz on, day intervals of 3 days or more are spread over a window
// that widens with the interval (see FuzzRange), so that cards learned
// together do not stay due together. The position in the window comes from
// the fuzzSeed given to Next and Preview through a small deterministic
// generator, so the same card, review count and seed always give the same
// interval (undo and redo agree).
//
// The package uses only the standard library and does no I/O; callers pass
// the time in.
package fsrs
