package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// The test binary doubles as a second feedcards process: with
// FEEDCARDS_SQLITE_CHILD set it imports or grades instead of testing.
func TestMain(m *testing.M) {
	switch os.Getenv("FEEDCARDS_SQLITE_CHILD") {
	case "":
		code := m.Run()
		benchCleanup()
		os.Exit(code)
	case "import":
		os.Exit(childImport())
	case "review":
		os.Exit(childReview())
	default:
		fmt.Fprintln(os.Stderr, "unknown FEEDCARDS_SQLITE_CHILD")
		os.Exit(2)
	}
}

// benchCleanup removes the benchmarks' shared collection.
var benchCleanup = func() {}

// Sizes of the child's feed: entries × item sets × cardsPerItemSet cards.
const childEntries, childSets = 300, 3

// childFeed is the child's feed at revision rev (every answer names it).
func childFeed(rev int) *extract.Result {
	res := feedResult("child.xml", 0, 0)
	for e := 0; e < childEntries; e++ {
		res.Articles = append(res.Articles, article("child.xml", e, childSets, rev))
	}
	return res
}

// childImport imports alternating revisions of the child feed, printing
// "committed N" after each, until killed or FEEDCARDS_SQLITE_ROUNDS rounds.
func childImport() int {
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv("FEEDCARDS_SQLITE_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	rounds, _ := strconv.Atoi(os.Getenv("FEEDCARDS_SQLITE_ROUNDS"))
	for r := 0; rounds == 0 || r < rounds; r++ {
		if _, err := s.Import(ctx, "Child", childFeed(r%2+1), optNone, t0); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("committed %d\n", r)
	}
	return 0
}

// childReview grades FEEDCARDS_SQLITE_GRADES cards, one transaction each.
func childReview() int {
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv("FEEDCARDS_SQLITE_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	n, _ := strconv.Atoi(os.Getenv("FEEDCARDS_SQLITE_GRADES"))
	now := t0
	for i := 0; i < n; i++ {
		q, err := s.StudyQueue(ctx, "", now, quiz.QueueOptions{NewPerDay: 1, Limit: 1, DayStart: now})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if len(q) == 0 {
			fmt.Fprintln(os.Stderr, "empty queue")
			return 1
		}
		c := q[0]
		before := c.Memory
		c.Memory.State, c.Memory.Reps, c.Memory.LastReview, c.Memory.Due = fsrs.Review, before.Reps+1, now, now.AddDate(0, 0, 3)
		if err := s.SaveReview(ctx, c, quiz.ReviewLog{CardID: c.ID, At: now, Rating: fsrs.Easy,
			StateBefore: before.State, StateAfter: fsrs.Review, Before: before}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		now = now.AddDate(0, 0, 1) // a new day: one more new card allowed
	}
	fmt.Println("graded", n)
	return 0
}

func childCmd(t *testing.T, mode, db string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FEEDCARDS_SQLITE_CHILD="+mode, "FEEDCARDS_SQLITE_DB="+db)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}

var revision = regexp.MustCompile(`\(revision (\d+)\)`)

// checkConsistent opens the collection at path and checks it is whole:
// integrity, foreign keys, and each import entirely in or entirely out.
func checkConsistent(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer s.Close()
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check reports violations")
	}
	rows.Close()
	cards, err := s.Cards(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := childEntries * childSets * cardsPerItemSet; len(cards) != want {
		t.Fatalf("%d cards after kill; want %d", len(cards), want)
	}
	revs := map[string]bool{}
	for _, c := range cards {
		if m := revision.FindStringSubmatch(c.Back); m != nil {
			revs[m[1]] = true
		}
	}
	if len(revs) != 1 {
		t.Errorf("cards of %d different revisions: an import was half applied (%v)", len(revs), revs)
	}
}

// TestKillMidImport kills an importing process (SIGKILL) at several moments;
// each time the collection passes integrity_check, holds one whole import,
// and a re-run completes.
func TestKillMidImport(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	_, path := openTemp(t)
	for i, delay := range []time.Duration{0, 37 * time.Millisecond, 91 * time.Millisecond, 160 * time.Millisecond} {
		cmd := childCmd(t, "import", path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		if !sc.Scan() || !strings.HasPrefix(sc.Text(), "committed") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: child did not commit: %q", i, sc.Text())
		}
		time.Sleep(delay)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		checkConsistent(t, path)
	}
	// A re-run completes, and a second one finds nothing to do.
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, "Child", childFeed(7), optNone, t0); err != nil {
		t.Fatalf("re-run after kill: %v", err)
	}
	st, err := s.Import(ctx, "Child", childFeed(7), optNone, t0)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportStats{Unchanged: childEntries * childSets * cardsPerItemSet}); st != want {
		t.Errorf("second re-run: %v; want %v", st, want)
	}
}

// TestTwoProcesses: a process grading cards and this one importing share
// the collection; neither fails with "database is locked".
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := s.Import(ctx, "Child", childFeed(1), optNone, t0); err != nil {
		t.Fatal(err)
	}
	const grades = 150
	cmd := childCmd(t, "review", path, fmt.Sprintf("FEEDCARDS_SQLITE_GRADES=%d", grades))
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	imports := 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("grading process: %v", err)
			}
			running = false
		default:
			if _, err := s.Import(ctx, "Child", childFeed(imports%2+2), optNone, t0); err != nil {
				t.Fatalf("import %d while grading: %v", imports, err)
			}
			imports++
		}
	}
	if !strings.Contains(out.String(), fmt.Sprintf("graded %d", grades)) {
		t.Errorf("grading process said %q", out.String())
	}
	logs, err := s.Reviews(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != grades || imports == 0 {
		t.Errorf("%d reviews logged (want %d), %d imports done", len(logs), grades, imports)
	}
	t.Logf("%d imports of %d cards ran while %d grades were saved", imports, childEntries*childSets*cardsPerItemSet, grades)
}
