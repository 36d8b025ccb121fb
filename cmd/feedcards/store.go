package main

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/feedcards/feedcards/quiz/sqlite"
)

// openStore opens (creating when absent) the collection named by --db,
// FEEDCARDS_DB or the XDG default. Errors name the file.
func (a *app) openStore(cmd *cobra.Command) (*sqlite.Store, error) {
	path, err := a.dbPath(cmd)
	if err != nil {
		return nil, err
	}
	return sqlite.Open(cmd.Context(), path)
}

// learnerDayStart is the start of the learner's day containing now: flag
// ("HH:MM" local time), else $FEEDCARDS_DAY_START, else 04:00.
func (a *app) learnerDayStart(now time.Time, flag string) (time.Time, error) {
	if flag == "" {
		flag = a.getenv("FEEDCARDS_DAY_START")
	}
	if flag == "" {
		flag = "04:00"
	}
	off, err := parseDayStart(flag)
	if err != nil {
		return time.Time{}, usageErrorf("%v", err)
	}
	return dayStartAt(now, off, time.Local), nil
}
