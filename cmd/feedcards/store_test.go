package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn runs feedcards in process on the collection db and returns its exit
// code, stdout and stderr.
func runIn(t *testing.T, db, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"FEEDCARDS_DB": db, "FEEDCARDS_NOW": "2026-03-01T12:00:00Z"}
	a := &app{in: strings.NewReader(input), out: &out, errOut: &errOut, now: time.Now,
		getenv: func(k string) string { return env[k] }}
	code := run(context.Background(), args, a)
	return code, out.String(), errOut.String()
}

// TestDamagedCollectionOneLine: a collection whose header and schema are
// sound but whose cards table is damaged deeper in the file (Open no longer
// reads every page) still gives, at the first query, exactly one error line
// and exit 1 — no panic — and the file is left as it was.
func TestDamagedCollectionOneLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errOut := runIn(t, db, "", "add", "../../testdata/feeds/software-engineering.atom.xml"); code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int
	if err := conn.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'cards'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	body, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := (root - 1) * pageSize; i < root*pageSize; i++ {
		body[i] = byte(i*29 + 3)
	}
	if err := os.WriteFile(db, body, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"study"}, {"quiz", "-n", "3", "--seed", "1"}, {"export", "--format", "json", "-o", filepath.Join(t.TempDir(), "x.json")}} {
		code, _, errOut := runIn(t, db, "\n3\n", args...)
		t.Logf("%s: %s", args[0], errOut)
		if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "feedcards: ") || !strings.Contains(errOut, "malformed") {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and one line saying the collection is malformed", args, code, errOut)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, body) {
		t.Error("the damaged collection was modified")
	}
}
