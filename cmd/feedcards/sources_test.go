package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedcards/feedcards/extract"
)

func TestIsSource(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(feed, []byte("<rss/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		arg  string
		want bool
	}{
		{"-", true},
		{"https://example.com/feed.xml", true},
		{"HTTP://EXAMPLE.COM/", true},
		{feed, true},
		{dir, true}, // an existing path: Load then says it is a directory
		{filepath.Join(dir, "missing.xml"), false},
		{"My Deck", false},
		{"ftp://example.com/feed.xml", false},
	}
	for _, c := range cases {
		if got := isSource(c.arg); got != c.want {
			t.Errorf("isSource(%q) = %v, want %v", c.arg, got, c.want)
		}
	}
}

// TestLoadSources: results in argument order, warnings on errOut with the
// source named, stdin from a.in, no progress bar when stderr is not a terminal.
func TestLoadSources(t *testing.T) {
	var errOut bytes.Buffer
	rss, err := os.ReadFile("../../extract/testdata/feeds/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{in: bytes.NewReader(rss), out: &bytes.Buffer{}, errOut: &errOut, getenv: func(string) string { return "" }}
	srcs := []string{"../../extract/testdata/feeds/broken-entry.xml", "-", "../../extract/testdata/feeds/rdf.xml"}
	res, err := a.loadSources(context.Background(), srcs, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var formats []string
	for _, r := range res {
		formats = append(formats, r.Format+":"+r.FeedURL)
	}
	if got := strings.Join(formats, " "); got != "atom:"+srcs[0]+" rss:- rss:"+srcs[2] {
		t.Errorf("results %s", got)
	}
	want := "feedcards: warning: ../../extract/testdata/feeds/broken-entry.xml: entry 2 (tag:b): XML syntax error at line 9: element <title> closed by </titel>\n" +
		"feedcards: warning: ../../extract/testdata/feeds/broken-entry.xml: entry 3 (tag:c): in <content>: invalid character entity &bogus;\n"
	if errOut.String() != want {
		t.Errorf("errOut:\n%s\nwant:\n%s", errOut.String(), want)
	}

	// The first failing source in argument order is the error.
	_, err = a.loadSources(context.Background(), []string{"../../extract/testdata/feeds/rdf.xml", "../../extract/testdata/feeds/empty.xml", "../../extract/testdata/feeds/binary.bin"}, extract.Options{})
	if err == nil || err.Error() != "../../extract/testdata/feeds/empty.xml: empty input" {
		t.Errorf("error %v", err)
	}
	if _, err := a.loadSources(context.Background(), []string{"-", "-"}, extract.Options{}); err == nil {
		t.Error("stdin twice: no error")
	}
}
