package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the decks command lands.
func newDecksCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "decks", RunE: func(*cobra.Command, []string) error { return errors.New("decks: not built yet") }}
}
