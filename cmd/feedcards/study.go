package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the study command lands.
func newStudyCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "study", RunE: func(*cobra.Command, []string) error { return errors.New("study: not built yet") }}
}
