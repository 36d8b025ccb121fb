package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// panicReader stands in for a bug deep below a command.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("boom") }

func testApp(in interface{ Read([]byte) (int, error) }, env map[string]string) (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &app{
		in: in, out: &out, errOut: &errOut,
		getenv: func(k string) string { return env[k] },
		now:    func() time.Time { return time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC) },
		http:   &http.Client{Timeout: time.Second},
	}, &out, &errOut
}

func TestRunReportsPanicAsOneLine(t *testing.T) {
	a, out, errOut := testApp(panicReader{}, nil)
	code := run(context.Background(), []string{"extract", "-"}, a)
	if code != 1 {
		t.Fatalf("exit code = %d, want 1", code)
	}
	lines := strings.Split(strings.TrimRight(errOut.String(), "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "feedcards: internal error: boom") {
		t.Fatalf("stderr = %q, want one line 'feedcards: internal error: boom ...'", errOut.String())
	}
	if out.Len() != 0 {
		t.Fatalf("stdout = %q, want nothing", out.String())
	}
}

func TestClockHonoursFEEDCARDS_NOW(t *testing.T) {
	a, _, _ := testApp(strings.NewReader(""), map[string]string{"FEEDCARDS_NOW": "2030-05-06T07:08:09Z"})
	got, err := a.clock()
	if err != nil || !got.Equal(time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)) {
		t.Fatalf("clock() = %v, %v", got, err)
	}
	a, _, _ = testApp(strings.NewReader(""), map[string]string{"FEEDCARDS_NOW": "yesterday"})
	if _, err := a.clock(); err == nil || !strings.Contains(err.Error(), "FEEDCARDS_NOW") {
		t.Fatalf("bad FEEDCARDS_NOW: err = %v, want an error naming it", err)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"nosuch"}, {"extract", "--nosuchflag", "x"}} {
		a, _, errOut := testApp(strings.NewReader(""), nil)
		if code := run(context.Background(), args, a); code != 2 {
			t.Errorf("%v: exit code = %d, want 2 (stderr %q)", args, code, errOut)
		}
		if !strings.HasPrefix(errOut.String(), "feedcards: ") {
			t.Errorf("%v: stderr = %q, want a feedcards: line", args, errOut)
		}
	}
}
