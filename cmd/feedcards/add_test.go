package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestAddConditionalGET: re-adding a URL sends its ETag and Last-Modified;
// a 304 answer imports nothing and reports the cards as unchanged; a changed
// feed (new ETag) is imported again.
func TestAddConditionalGET(t *testing.T) {
	feed, err := os.ReadFile("../../testdata/feeds/software-engineering.atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu      sync.Mutex
		etag    = `"v1"`
		gets    []string // If-None-Match of each request
		answers []int
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		gets = append(gets, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == etag {
			answers = append(answers, 304)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		answers = append(answers, 200)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Sun, 01 Mar 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(feed)
	}))
	defer srv.Close()
	url := srv.URL + "/feed.atom"
	db := filepath.Join(t.TempDir(), "c.db")

	add := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		a := &app{in: strings.NewReader(""), out: &out, errOut: &errOut, http: srv.Client(),
			now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) },
			getenv: func(k string) string {
				if k == "FEEDCARDS_DB" {
					return db
				}
				return ""
			}}
		if code := run(context.Background(), append([]string{"add"}, args...), a); code != 0 {
			t.Fatalf("feedcards add %v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	counts := regexp.MustCompile(`(\d+) new, (\d+) updated, (\d+) unchanged, (\d+) orphaned`)

	first := counts.FindStringSubmatch(add(url))
	if first == nil || first[1] == "0" {
		t.Fatalf("first add: %q", first)
	}
	out := add(url)
	if want := url + ": not modified: 0 new, 0 updated, " + first[1] + " unchanged, 0 orphaned\n"; out != want {
		t.Errorf("second add = %q; want %q", out, want)
	}
	// Another deck has none of these cards yet: fetched in full.
	out = add("--deck", "Second", url)
	if !strings.Contains(out, `→ deck "Second": 0 new, `+first[1]+" updated,") {
		t.Errorf("add to another deck = %q", out)
	}
	mu.Lock()
	etag = `"v2"` // the feed changed
	mu.Unlock()
	out = add("--deck", "Second", url)
	if !strings.Contains(out, `→ deck "Second": 0 new, 0 updated, `+first[1]+" unchanged, 0 orphaned") {
		t.Errorf("add after the feed changed = %q", out)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"|", `"v1"|Sun, 01 Mar 2026 10:00:00 GMT`, "|", `"v1"|Sun, 01 Mar 2026 10:00:00 GMT`}
	if strings.Join(gets, " ") != strings.Join(want, " ") {
		t.Errorf("requests sent validators %q; want %q", gets, want)
	}
	if got := []int{200, 304, 200, 200}; len(answers) != 4 || answers[1] != got[1] || answers[3] != got[3] {
		t.Errorf("server answered %v; want %v", answers, got)
	}
}
