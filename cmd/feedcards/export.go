package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/feedcards/feedcards/export/anki"
	"github.com/feedcards/feedcards/export/pdf"
	"github.com/feedcards/feedcards/export/text"
	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/sqlite"
)

// exportOptions are the flags and argument of `feedcards export`.
type exportOptions struct {
	arg          string // DECK or SOURCE; "" = every deck of the collection
	out          string
	format       string
	deck         string // deck name for a SOURCE (default: the feed's title)
	layout       string
	paper        string
	flip         string
	calibration  bool
	reverse      bool
	seed         int64
	mode         string
	n            int
	withProgress bool
	basicName    string
	reverseName  string
	clozeName    string
}

// exportFormats maps file extensions to formats.
var exportFormats = map[string]string{
	".csv": "csv", ".apkg": "apkg", ".pdf": "pdf", ".json": "json", ".md": "md", ".markdown": "md",
}

func newExportCmd(a *app) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export [DECK|SOURCE] -o FILE",
		Short: "Write a deck or a source as Anki CSV, Anki package, PDF, JSON or Markdown",
		Long: `Export writes cards to FILE. The format follows FILE's extension (.csv, .apkg,
.pdf, .json, .md) unless --format says otherwise; -o - writes to standard
output (with --format).

An argument that is an existing path, an http(s) URL or - is a SOURCE: it is
extracted and converted directly, without a collection (its deck is named by
--deck, else the feed's title). Anything else names a deck of the collection;
with no argument every deck of the collection is exported.

  csv   Anki text import: Basic, "Basic (and reversed card)" and Cloze notes
        with stable GUIDs, so importing a newer export updates notes in place.
        Anki translates the stock note type names: --basic-name, --reverse-name
        and --cloze-name give the names of your Anki. Updating notes from a CSV
        replaces their tags (Anki's "marked" and "leech" included).
  apkg  Anki package with feedcards' own note types (feedcards Basic,
        feedcards Basic+Reverse, feedcards Cloze). --with-progress includes the
        FSRS memory state of reviewed cards; tick "Import any learning
        progress" in Anki's import dialog to use it (new cards only).
  pdf   --layout sheet (study sheet), cards (duplex cut-out cards: --flip,
        --calibration) or quiz (questions, then the answer key: --seed, --mode).
  json  every card with its id, sources and scheduling state.
  md    a Markdown study sheet.

The file is written atomically: a failed export leaves no file.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.arg = args[0]
			}
			return a.runExport(cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "output", "o", "", "file to write (required; - for standard output)")
	f.StringVar(&opts.format, "format", "", "csv, apkg, pdf, json or md (default: from the file extension)")
	f.StringVar(&opts.deck, "deck", "", "deck name for a SOURCE (default: the feed's title)")
	f.StringVar(&opts.layout, "layout", pdf.LayoutSheet, "pdf: sheet, cards or quiz")
	f.StringVar(&opts.paper, "paper", pdf.PaperA4, "pdf: a4 or letter")
	f.StringVar(&opts.flip, "flip", pdf.FlipLong, "pdf cards: duplex edge, long or short")
	f.BoolVar(&opts.calibration, "calibration", false, "pdf cards: add a page to check the printer's front/back offset")
	f.BoolVar(&opts.reverse, "reverse", false, "SOURCE: definitions also get a reverse card")
	f.Int64Var(&opts.seed, "seed", 1, "pdf quiz: seed for question order and distractors")
	f.StringVar(&opts.mode, "mode", "mc", "pdf quiz: mc, typed or mixed")
	f.IntVarP(&opts.n, "number", "n", 0, "pdf quiz: number of questions (0 = default, -1 = all)")
	f.BoolVar(&opts.withProgress, "with-progress", false, "apkg: include the FSRS memory state of reviewed cards")
	f.StringVar(&opts.basicName, "basic-name", anki.StockBasic, "csv: your Anki's name of the Basic note type")
	f.StringVar(&opts.reverseName, "reverse-name", anki.StockReverse, "csv: your Anki's name of the Basic (and reversed card) note type")
	f.StringVar(&opts.clozeName, "cloze-name", anki.StockCloze, "csv: your Anki's name of the Cloze note type")
	return cmd
}

// checkExportFlags validates the command line before any work, so every
// mistake is a usage error and nothing is written.
func checkExportFlags(opts *exportOptions) error {
	if opts.out == "" {
		return usageErrorf("export: -o FILE is required")
	}
	if opts.format == "" {
		if opts.out == "-" {
			return usageErrorf("export: -o - needs --format")
		}
		ext := strings.ToLower(filepath.Ext(opts.out))
		f, ok := exportFormats[ext]
		if !ok {
			return usageErrorf("export: cannot tell the format of %q from its extension; use --format csv|apkg|pdf|json|md", opts.out)
		}
		opts.format = f
	}
	switch opts.format = strings.ToLower(opts.format); opts.format {
	case "csv", "apkg", "pdf", "json", "md":
	case "markdown":
		opts.format = "md"
	default:
		return usageErrorf("export: unknown format %q; use csv, apkg, pdf, json or md", opts.format)
	}
	if opts.format == "apkg" && opts.out != "-" {
		if err := anki.CheckPackageName(opts.out); err != nil {
			return usageErrorf("export: %v", err)
		}
	}
	if opts.format == "pdf" {
		switch opts.layout {
		case pdf.LayoutSheet, pdf.LayoutCards, pdf.LayoutQuiz:
		default:
			return usageErrorf("export: unknown layout %q; use sheet, cards or quiz", opts.layout)
		}
		switch opts.paper {
		case pdf.PaperA4, pdf.PaperLetter:
		default:
			return usageErrorf("export: unknown paper %q; use a4 or letter", opts.paper)
		}
		switch opts.flip {
		case pdf.FlipLong, pdf.FlipShort:
		default:
			return usageErrorf("export: unknown flip edge %q; use long or short", opts.flip)
		}
		switch opts.mode {
		case "mc", "typed", "mixed":
		default:
			return usageErrorf("export: unknown quiz mode %q; use mc, typed or mixed", opts.mode)
		}
	}
	return nil
}

func (a *app) runExport(cmd *cobra.Command, opts exportOptions) error {
	if err := checkExportFlags(&opts); err != nil {
		return err
	}
	ctx := cmd.Context()
	now, err := a.clock()
	if err != nil {
		return err
	}
	deck, cards, err := a.exportCards(cmd, opts)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		switch opts.format {
		case "csv":
			return anki.WriteCSV(w, cards, anki.CSVOptions{BasicName: opts.basicName, ReverseName: opts.reverseName, ClozeName: opts.clozeName})
		case "apkg":
			// the scratch collection goes to the system's temporary directory;
			// only the finished package is renamed into place
			return anki.WritePackage(ctx, w, cards, anki.PackageOptions{Now: now, WithProgress: opts.withProgress})
		case "pdf":
			return pdf.Write(w, cards, pdf.Options{
				Layout: opts.layout, Paper: opts.paper, Flip: opts.flip, Calibration: opts.calibration,
				Seed: opts.seed, Mode: opts.mode, N: opts.n, CreatedAt: now, Title: deck,
			})
		case "json":
			return text.WriteJSON(w, deck, cards, now)
		default:
			return text.WriteMarkdown(w, deck, cards)
		}
	}
	if opts.out == "-" {
		if err := write(a.out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	if err := writeFileAtomic(opts.out, write); err != nil {
		return fmt.Errorf("export %s: %w", opts.out, err)
	}
	notes := map[string]bool{}
	for _, c := range cards {
		notes[c.NoteID] = true
	}
	fmt.Fprintf(a.out, "wrote %s: %d cards of %d notes (%s)\n", opts.out, len(cards), len(notes), opts.format)
	return nil
}

// exportCards loads what to export: a SOURCE converted directly, or a
// deck ("" = all) of the collection. It returns the title for the file.
func (a *app) exportCards(cmd *cobra.Command, opts exportOptions) (string, []quiz.Card, error) {
	ctx := cmd.Context()
	if opts.arg != "" && isSource(opts.arg) {
		return a.sourceCards(ctx, opts)
	}
	if opts.deck != "" {
		return "", nil, usageErrorf("export: --deck names the deck of a SOURCE; %q is not a file, URL or -", opts.arg)
	}
	path, err := a.dbPath(cmd)
	if err != nil {
		return "", nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if opts.arg != "" {
			return "", nil, fmt.Errorf("export: %q is neither a file, a URL nor a deck: there is no collection at %s", opts.arg, path)
		}
		return "", nil, fmt.Errorf("export: there is no collection at %s; add a source first (feedcards add) or export a SOURCE", path)
	}
	store, err := a.openStore(cmd)
	if err != nil {
		return "", nil, err
	}
	defer store.Close()
	cards, err := store.Cards(ctx, opts.arg)
	if errors.Is(err, sqlite.ErrNoDeck) {
		return "", nil, fmt.Errorf("export: %q is neither a file, a URL nor a deck of %s", opts.arg, path)
	}
	if err != nil {
		return "", nil, fmt.Errorf("export: %w", err)
	}
	if len(cards) == 0 {
		if opts.arg == "" {
			return "", nil, fmt.Errorf("export: the collection %s has no cards", path)
		}
		return "", nil, fmt.Errorf("export: deck %q has no cards", opts.arg)
	}
	title := opts.arg
	if title == "" {
		title = "feedcards"
	}
	return title, cards, nil
}

// sourceCards extracts a SOURCE and builds its cards without a collection.
func (a *app) sourceCards(ctx context.Context, opts exportOptions) (string, []quiz.Card, error) {
	results, err := a.loadSources(ctx, []string{opts.arg}, extract.Options{})
	if err != nil {
		return "", nil, err
	}
	res := results[0]
	deck := opts.deck
	if deck == "" {
		deck = sqlite.DefaultDeck(res)
	}
	notes := quiz.BuildNotes(deck, res.Items(), quiz.BuildOptions{Reverse: opts.reverse})
	var cards []quiz.Card
	for i := range notes {
		cards = append(cards, quiz.CardsOf(&notes[i])...)
	}
	if len(cards) == 0 {
		return "", nil, fmt.Errorf("export: %s: no cards found (nothing to export)", sourceName(opts.arg))
	}
	return deck, cards, nil
}

// writeFileAtomic writes path through a temporary file in the same
// directory, renamed into place only when write succeeded; on any error
// the temporary file is removed and path is left as it was.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return fmt.Errorf("the directory %s does not exist", dir)
	} else if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return errors.New("it is a directory")
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
