package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// statsOptions are the flags of `feedcards stats`.
type statsOptions struct {
	deck     string
	json     bool
	dayStart string
}

func newStatsCmd(a *app) *cobra.Command {
	opts := &statsOptions{}
	cmd := &cobra.Command{
		Use:   "stats [DECK]",
		Short: "Show card counts, due forecast and retention",
		Long: `Stats shows, for DECK (all decks when omitted): the cards by state (new,
learning, review, suspended), the cards due now and today, the cards due on
each of the next 7 days, the reviews done (in all and today), and the true
retention: the share of answers to cards in review that were not Again.

--json prints one object with the integer keys cards, new, learning, review,
suspended, due, due_today, reviews, reviews_today, plus forecast (7 integers,
tomorrow first) and retention (0-1, or null before any review).

The learner's day starts at --day-start local time (default 04:00, or
$FEEDCARDS_DAY_START).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.deck = args[0]
			}
			return a.runStats(cmd, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print one JSON object")
	cmd.Flags().StringVar(&opts.dayStart, "day-start", "", "local time the day starts, HH:MM (default $FEEDCARDS_DAY_START, else 04:00)")
	return cmd
}

func (a *app) runStats(cmd *cobra.Command, opts *statsOptions) error {
	now, err := a.clock()
	if err != nil {
		return err
	}
	dayStart, err := a.learnerDayStart(now, opts.dayStart)
	if err != nil {
		return err
	}
	store, err := a.openStore(cmd)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(cmd.Context(), opts.deck, now, dayStart)
	if err != nil {
		return err
	}
	if opts.json {
		b, err := json.Marshal(st)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "%s\n", b)
		return nil
	}
	name := "all decks"
	if opts.deck != "" {
		name = fmt.Sprintf("deck %q", opts.deck)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Stats of %s at %s\n", name, now.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "  cards      %d (new %d, learning %d, review %d, suspended %d)\n",
		st.Cards, st.New, st.Learning, st.Review, st.Suspended)
	fmt.Fprintf(&b, "  due        %d now, %d today\n", st.Due, st.DueToday)
	fmt.Fprintf(&b, "  next days ")
	for i, n := range st.Forecast {
		fmt.Fprintf(&b, " %s %d", now.AddDate(0, 0, i+1).Format("Mon"), n)
	}
	b.WriteByte('\n')
	fmt.Fprintf(&b, "  reviews    %d (%d today)\n", st.Reviews, st.ReviewsToday)
	if st.Retention == nil {
		b.WriteString("  retention  n/a (no review of a card in review yet)\n")
	} else {
		fmt.Fprintf(&b, "  retention  %.1f%%\n", *st.Retention*100)
	}
	_, err = fmt.Fprint(a.out, b.String())
	return err
}
