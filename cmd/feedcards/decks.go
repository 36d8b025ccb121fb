package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newDecksCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "decks",
		Short: "List the decks with their card and due counts",
		Long: `Decks lists the decks of the collection by name, with their cards (all),
new cards, cards due now and suspended cards. --json prints a JSON array of
objects with the keys name, cards, new, due and suspended.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDecks(cmd, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

func (a *app) runDecks(cmd *cobra.Command, asJSON bool) error {
	now, err := a.clock()
	if err != nil {
		return err
	}
	store, err := a.openStore(cmd)
	if err != nil {
		return err
	}
	defer store.Close()
	decks, err := store.Decks(cmd.Context(), now)
	if err != nil {
		return err
	}
	if asJSON {
		b, err := json.Marshal(decks)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "%s\n", b)
		return nil
	}
	if len(decks) == 0 {
		fmt.Fprintln(a.out, "No decks yet: add a source with 'feedcards add SOURCE'.")
		return nil
	}
	tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CARDS\tNEW\tDUE\tSUSPENDED\t  DECK")
	for _, d := range decks {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t  %s\n", d.Cards, d.New, d.Due, d.Suspended, d.Name)
	}
	return tw.Flush()
}
