package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the extract command lands.
func newExtractCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "extract", RunE: func(*cobra.Command, []string) error { return errors.New("extract: not built yet") }}
}
