package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the add command lands.
func newAddCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "add", RunE: func(*cobra.Command, []string) error { return errors.New("add: not built yet") }}
}
