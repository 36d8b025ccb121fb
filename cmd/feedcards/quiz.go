package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the quiz command lands.
func newQuizCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "quiz", RunE: func(*cobra.Command, []string) error { return errors.New("quiz: not built yet") }}
}
