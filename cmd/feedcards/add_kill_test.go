package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/quiz/sqlite"
)

// bigFeed writes an Atom feed of the sample feed's entries repeated copies
// times, each copy with its own id, link and title, and returns its path.
func bigFeed(t *testing.T, copies int) string {
	t.Helper()
	seed, err := os.ReadFile("../../testdata/feeds/software-engineering.atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	entryRE := regexp.MustCompile(`(?s)<entry>.*?</entry>`)
	entries := entryRE.FindAll(seed, -1)
	if len(entries) == 0 {
		t.Fatal("no entries in the sample feed")
	}
	head := seed[:entryRE.FindIndex(seed)[0]]
	idRE := regexp.MustCompile(`<id>([^<]*)</id>`)
	linkRE := regexp.MustCompile(`(<link href="[^"]*?)/?(" rel="alternate"/>)`)
	titleRE := regexp.MustCompile(`<title>([^<]*)</title>`)
	var b bytes.Buffer
	b.Write(head)
	for c := 0; c < copies; c++ {
		for _, e := range entries {
			e = idRE.ReplaceAll(e, []byte(fmt.Sprintf("<id>${1}copy-%d</id>", c)))
			e = linkRE.ReplaceAll(e, []byte(fmt.Sprintf("${1}/copy-%d/${2}", c)))
			e = titleRE.ReplaceAll(e, []byte(fmt.Sprintf("<title>${1} (copy %d)</title>", c)))
			b.Write(e)
		}
	}
	b.WriteString("</feed>\n")
	path := filepath.Join(t.TempDir(), "big.atom.xml")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAddKilledMidImport kills `feedcards add` (SIGKILL) while its import
// transaction is writing: the collection passes integrity_check, holds
// nothing of the killed import, and a re-run completes; a second re-run
// finds every card unchanged.
func TestAddKilledMidImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs feedcards in a subprocess")
	}
	if _, err := exec.LookPath("feedcards"); err != nil {
		t.Skip("feedcards is not on PATH (TestMain sets it up)")
	}
	feed := bigFeed(t, 12)
	db := filepath.Join(t.TempDir(), "collection.db")
	env := append(os.Environ(), "FEEDCARDS_DB="+db, "FEEDCARDS_NOW=2026-03-01T12:00:00Z")
	run := func(args ...string) (string, error) {
		cmd := exec.Command("feedcards", args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	// An empty collection, closed (its WAL checkpointed away).
	if out, err := run("decks"); err != nil {
		t.Fatalf("feedcards decks: %v\n%s", err, out)
	}

	killedMid := 0
	for round := 0; round < 3 && killedMid == 0; round++ {
		var stdout bytes.Buffer
		cmd := exec.Command("feedcards", "add", feed)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, &stdout, &stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The import transaction spills its pages to the WAL as it writes:
		// kill once the WAL passes 256 KiB.
		deadline := time.Now().Add(2 * time.Minute)
		for time.Now().Before(deadline) {
			if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 256<<10 {
				break
			}
			time.Sleep(500 * time.Microsecond)
		}
		cmd.Process.Kill()
		cmd.Wait()

		s, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		integrity, err := s.IntegrityCheck(context.Background())
		if err != nil || integrity != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", round, integrity, err)
		}
		cards, err := s.Cards(context.Background(), "")
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(stdout.String(), " new, "):
			t.Logf("round %d: the import finished before the kill (%d cards)", round, len(cards))
		case len(cards) != 0:
			t.Fatalf("round %d: killed mid-import, yet %d cards are in the collection", round, len(cards))
		default:
			killedMid++
		}
	}
	if killedMid == 0 {
		t.Fatal("no kill landed inside the import transaction")
	}

	out, err := run("add", feed)
	if err != nil {
		t.Fatalf("re-run after the kill: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`: ([1-9][0-9]*) new, 0 updated, 0 unchanged, 0 orphaned`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("re-run after the kill said %q", out)
	}
	out, err = run("add", feed)
	if err != nil || !strings.Contains(out, ": 0 new, 0 updated, "+m[1]+" unchanged, 0 orphaned") {
		t.Fatalf("second re-run: %v: %q; want all %s cards unchanged", err, out, m[1])
	}
}

// TestAddWhileStudying runs `feedcards study` sessions that grade cards
// while `feedcards add` imports a big feed into the same collection: no
// process fails with "database is locked", and every grade is kept.
func TestAddWhileStudying(t *testing.T) {
	if testing.Short() {
		t.Skip("runs feedcards in subprocesses")
	}
	if _, err := exec.LookPath("feedcards"); err != nil {
		t.Skip("feedcards is not on PATH (TestMain sets it up)")
	}
	feed := bigFeed(t, 12)
	db := filepath.Join(t.TempDir(), "collection.db")
	env := append(os.Environ(), "FEEDCARDS_DB="+db)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	sample := "../../testdata/feeds/software-engineering.atom.xml"
	if out, err := exec.Command("feedcards", "--db", db, "add", sample).CombinedOutput(); err != nil {
		t.Fatalf("add sample: %v\n%s", err, out)
	}

	add := exec.Command("feedcards", "add", feed)
	add.Env = append(env, "FEEDCARDS_NOW="+now.Format(time.RFC3339))
	var addOut bytes.Buffer
	add.Stdout, add.Stderr = &addOut, &addOut
	if err := add.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- add.Wait() }()

	graded, during := 0, 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("feedcards add: %v\n%s", err, addOut.String())
			}
			running = false
			continue
		default:
		}
		// Each session is on a new day: one new card to grade.
		day := now.AddDate(0, 0, graded+1)
		study := exec.Command("feedcards", "study", "--plain", "--new", "1", "--limit", "1")
		study.Env = append(env, "FEEDCARDS_NOW="+day.Format(time.RFC3339))
		study.Stdin = strings.NewReader("\ngood\n")
		out, err := study.CombinedOutput()
		if err != nil || strings.Contains(string(out), "locked") {
			t.Fatalf("study while adding: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "Reviewed 1 card") {
			t.Fatalf("study did not grade a card:\n%s", out)
		}
		graded++
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("feedcards add: %v\n%s", err, addOut.String())
			}
			running = false
		default:
			during++ // the import was still running when this grade was saved
		}
	}
	if during == 0 {
		t.Skip("the import finished before a study session overlapped it")
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	logs, err := s.Reviews(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != graded {
		t.Errorf("%d reviews logged; %d grades were given", len(logs), graded)
	}
	if !strings.Contains(addOut.String(), " new, ") {
		t.Errorf("feedcards add said %q", addOut.String())
	}
	t.Logf("%d grades saved, %d while the import ran", graded, during)
}
