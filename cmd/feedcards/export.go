package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// placeholder until the export command lands.
func newExportCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "export", RunE: func(*cobra.Command, []string) error { return errors.New("export: not built yet") }}
}
