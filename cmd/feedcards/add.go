package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/sqlite"
)

// addOptions are the flags of `feedcards add`.
type addOptions struct {
	deck    string
	reverse bool
}

func newAddCmd(a *app) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:   "add SOURCE...",
		Short: "Import sources into the collection (re-running updates, never duplicates)",
		Long: `Add extracts the cards of each SOURCE (a feed or page file, an http(s) URL,
or - for stdin) and imports them into the collection, in one transaction per
source. The deck defaults to the feed's title (a page's title).

Re-running is safe: unchanged articles are skipped, edited ones update their
cards in place (review history kept), and cards whose item vanished from an
article still in the feed are reported as orphaned and suspended, never
deleted. URLs are fetched conditionally (ETag, Last-Modified).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAdd(cmd, args, opts)
		},
	}
	cmd.Flags().StringVar(&opts.deck, "deck", "", "deck to add to (default: the feed's or page's title)")
	cmd.Flags().BoolVar(&opts.reverse, "reverse", false, "also make definition → term cards")
	return cmd
}

func (a *app) runAdd(cmd *cobra.Command, srcs []string, opts *addOptions) error {
	now, err := a.clock()
	if err != nil {
		return err
	}
	stdin := 0
	for _, s := range srcs {
		if s == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usageErrorf("standard input (-) can be read only once")
	}
	store, err := a.openStore(cmd)
	if err != nil {
		return err
	}
	defer store.Close()

	var total sqlite.ImportStats
	for _, src := range srcs {
		st, deck, err := a.addSource(cmd, store, src, opts, now)
		if err != nil {
			return err
		}
		total.Add(st)
		if deck == "" {
			fmt.Fprintf(a.out, "%s: not modified: %s\n", sourceName(src), st)
		} else {
			fmt.Fprintf(a.out, "%s → deck %q: %s\n", sourceName(src), deck, st)
		}
	}
	if len(srcs) > 1 {
		fmt.Fprintf(a.out, "total: %s\n", total)
	}
	return nil
}

// addSource loads and imports one source. deck is "" when the source
// answered 304 Not Modified (nothing imported).
func (a *app) addSource(cmd *cobra.Command, store *sqlite.Store, src string, opts *addOptions, now time.Time) (sqlite.ImportStats, string, error) {
	ctx := cmd.Context()
	var lo extract.Options
	conditional := false
	contentHash := ""
	if src != "-" && !extract.IsURL(src) {
		// A file: the same bytes (and options) as last time need no extraction.
		// (When the file cannot be read, the loader below says why.)
		contentHash, _ = fileHash(src, opts)
		if old, err := store.SourceHash(ctx, src); err != nil {
			return sqlite.ImportStats{}, "", err
		} else if contentHash != "" && old == contentHash {
			deck := opts.deck
			if deck == "" {
				if deck, err = store.FeedDeck(ctx, src); err != nil {
					return sqlite.ImportStats{}, "", err
				}
			}
			if n, err := store.FeedCards(ctx, deck, src); err != nil {
				return sqlite.ImportStats{}, "", err
			} else if n > 0 && deck != "" {
				return sqlite.ImportStats{Unchanged: n}, deck, nil
			}
		}
	}
	if extract.IsURL(src) {
		// Only ask "changed since?" when the target deck already has this feed's cards.
		n, err := store.FeedCards(ctx, opts.deck, src)
		if err != nil {
			return sqlite.ImportStats{}, "", err
		}
		if n > 0 {
			if lo.ETag, lo.LastModified, err = store.FeedState(ctx, src); err != nil {
				return sqlite.ImportStats{}, "", err
			}
			conditional = lo.ETag != "" || lo.LastModified != ""
		}
	}
	// H1's loader: progress bar on a terminal, warnings on stderr.
	results, err := a.loadSources(ctx, []string{src}, lo)
	if conditional && errors.Is(err, extract.ErrNotModified) {
		n, err := store.FeedCards(ctx, opts.deck, src)
		return sqlite.ImportStats{Unchanged: n}, "", err
	}
	if err != nil {
		return sqlite.ImportStats{}, "", err
	}
	res := results[0]
	deck := opts.deck
	if deck == "" {
		deck = sqlite.DefaultDeck(res)
	}
	st, err := store.Import(ctx, deck, res, quiz.BuildOptions{Reverse: opts.reverse}, now)
	if err != nil {
		return st, deck, err
	}
	if contentHash != "" {
		err = store.SetSourceHash(ctx, res.FeedURL, contentHash)
	}
	return st, deck, err
}

// fileHash fingerprints a source file's bytes together with the add options.
func fileHash(path string, opts *addOptions) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	fmt.Fprintf(h, "feedcards-source\x1fdeck=%s\x1freverse=%t\x1f", opts.deck, opts.reverse)
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
