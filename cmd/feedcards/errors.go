package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// printError reports err as one line, `feedcards: <what failed>: <why>`,
// and returns the exit code: 2 for usage errors, 1 otherwise.
func printError(w io.Writer, err error) int {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "accepts ") ||
		strings.HasPrefix(msg, "requires at least") || strings.HasPrefix(msg, "unknown flag") {
		err = &usageError{msg: msg}
	}
	fmt.Fprintf(w, "feedcards: %s\n", msg)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(w, "run 'feedcards --help' for usage")
		return 2
	}
	return 1
}
