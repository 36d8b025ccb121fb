package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// dbPath resolves the collection file: --db, then FEEDCARDS_DB, then
// $XDG_DATA_HOME/feedcards/collection.db, then ~/.local/share/feedcards/collection.db.
func (a *app) dbPath(cmd *cobra.Command) (string, error) {
	if f := cmd.Flags().Lookup("db"); f != nil && f.Value.String() != "" {
		return f.Value.String(), nil
	}
	if v := a.getenv("FEEDCARDS_DB"); v != "" {
		return v, nil
	}
	if v := a.getenv("XDG_DATA_HOME"); v != "" {
		return filepath.Join(v, "feedcards", "collection.db"), nil
	}
	home := a.getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find the collection: set --db or FEEDCARDS_DB (%v)", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "feedcards", "collection.db"), nil
}
