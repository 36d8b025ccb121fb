package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the stats command lands.
func newStatsCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "stats", RunE: func(*cobra.Command, []string) error { return errors.New("stats: not built yet") }}
}
