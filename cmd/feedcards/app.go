package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// app is the program's world: streams, environment, clock and HTTP client.
// Commands receive it; nothing below cmd touches os, env or the clock.
type app struct {
	in     io.Reader
	out    io.Writer
	errOut io.Writer

	getenv func(string) string
	now    func() time.Time
	http   *http.Client

	inTerminal  bool // stdin is a terminal
	outTerminal bool // stdout is a terminal
	errTerminal bool // stderr is a terminal
}

func newOSApp() *app {
	return &app{
		in:          os.Stdin,
		out:         os.Stdout,
		errOut:      os.Stderr,
		getenv:      os.Getenv,
		now:         time.Now,
		http:        &http.Client{Timeout: 30 * time.Second},
		inTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		outTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		errTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// clock returns the current time: FEEDCARDS_NOW (RFC 3339) when set.
func (a *app) clock() (time.Time, error) {
	if v := a.getenv("FEEDCARDS_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("FEEDCARDS_NOW: %q is not an RFC 3339 time", v)
		}
		return t, nil
	}
	return a.now(), nil
}

// color reports whether output to a terminal may use colours.
func (a *app) color() bool {
	_, noColor := os.LookupEnv("NO_COLOR")
	return a.outTerminal && !noColor && a.getenv("NO_COLOR") == "" && a.getenv("TERM") != "dumb"
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "feedcards",
		Short:         "Turn articles into flashcards and quizzes",
		Long:          "feedcards turns feeds (RSS, Atom, JSON Feed) and article pages into flashcards:\nit extracts FAQ pairs, definitions and lists, schedules them with FSRS-6,\nruns study and quiz sessions, and exports Anki (.csv, .apkg) and PDF files.",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().String("db", "", "collection file (default $FEEDCARDS_DB, else $XDG_DATA_HOME/feedcards/collection.db)")
	root.AddCommand(
		newExtractCmd(a),
		newAddCmd(a),
		newStudyCmd(a),
		newQuizCmd(a),
		newExportCmd(a),
		newStatsCmd(a),
		newDecksCmd(a),
	)
	return root
}

// run executes the command line and returns the exit code. A panic in a
// command is reported as one error line (exit 1), never as a stack trace.
func run(ctx context.Context, args []string, a *app) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = printError(a.errOut, fmt.Errorf("internal error: %v (please report this)", r))
		}
	}()
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(a.in)
	root.SetOut(a.out)
	root.SetErr(a.errOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v", err)
	})
	if err := root.ExecuteContext(ctx); err != nil {
		return printError(a.errOut, err)
	}
	return 0
}
