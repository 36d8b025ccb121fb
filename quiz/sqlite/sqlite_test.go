package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/quiz"
)

func TestOpenCreatesAndMigrates(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
	var timeout int
	if err := s.db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&timeout); err != nil || timeout != 60000 {
		t.Errorf("busy_timeout = %d, %v; want 60000", timeout, err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n, max int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*), max(version) FROM schema_migrations").Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || max != ms[len(ms)-1].version {
		t.Errorf("schema_migrations has %d rows up to %d; want %d up to %d", n, max, len(ms), ms[len(ms)-1].version)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening applies nothing twice and keeps the data.
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	if err := s2.db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != len(ms) {
		t.Errorf("after reopen: %d migrations recorded, %v", n, err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := s.db.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "newer feedcards") {
		t.Fatalf("Open = %v; want a 'newer feedcards' error", err)
	}
}

// TestOpenRejectsForeignFiles: a file that is not a feedcards collection
// gives one clear error naming it, and its bytes stay as they were.
func TestOpenRejectsForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A real collection, then damaged in its middle pages.
	good := filepath.Join(dir, "good.db")
	s, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, "Deck", feedResult("feed.xml", 40, 3), optNone, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) < 8*4096 {
		t.Fatalf("collection is only %d bytes; the test needs several pages", len(body))
	}
	for i := 4096; i < len(body); i++ {
		body[i] = byte(i * 7)
	}
	corrupt := filepath.Join(dir, "corrupt.db")
	writeFile(t, corrupt, body)

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	text := filepath.Join(dir, "notes.txt")
	writeFile(t, text, []byte("these are my notes, not a database\n"))
	short := filepath.Join(dir, "short.db")
	writeFile(t, short, []byte("SQLite"))

	for _, tc := range []struct {
		name, path, why string
	}{
		{"text file", text, "not an SQLite database"},
		{"too short", short, "not an SQLite database"},
		{"other program's database", foreign, "another program's SQLite database"},
		{"damaged collection", corrupt, ""},
		{"directory", dir, "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before []byte
			if tc.path != dir {
				before = readFile(t, tc.path)
			}
			s, err := Open(ctx, tc.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.path+": not a feedcards collection: ") || !strings.Contains(msg, tc.why) || strings.Contains(msg, "\n") {
				t.Errorf("error = %q; want one line %q…%q", msg, tc.path+": not a feedcards collection: ", tc.why)
			}
			if tc.path != dir {
				if after := readFile(t, tc.path); !bytes.Equal(before, after) {
					t.Error("the file was modified")
				}
				for _, ext := range []string{"-wal", "-shm"} {
					if fi, err := os.Stat(tc.path + ext); err == nil && fi.Size() > 0 {
						t.Errorf("%s%s was written", tc.path, ext)
					}
				}
			}
		})
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenEmptyFileBecomesCollection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	writeFile(t, path, nil)
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(empty file) = %v", err)
	}
	defer s.Close()
	if _, err := s.Decks(context.Background(), t0); err != nil {
		t.Fatal(err)
	}
}

func TestErrNoDeck(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.Cards(ctx, "Nope"); !errors.Is(err, ErrNoDeck) {
		t.Errorf("Cards(unknown deck) = %v; want ErrNoDeck", err)
	}
	if _, err := s.Stats(ctx, "Nope", t0, t0); !errors.Is(err, ErrNoDeck) {
		t.Errorf("Stats(unknown deck) = %v; want ErrNoDeck", err)
	}
	cards, err := s.Cards(ctx, "")
	if err != nil || len(cards) != 0 {
		t.Errorf("Cards(all) on an empty collection = %d cards, %v", len(cards), err)
	}
}

// savedCollection writes a closed collection with entries×n item sets and
// returns its path and bytes.
func savedCollection(t *testing.T, entries, n int) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(context.Background(), "Deck", feedResult("feed.xml", entries, n), optNone, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, readFile(t, path)
}

// TestOpenChecksHeader: Open reads only the 100-byte header (not the whole
// file), and still refuses a damaged or foreign header with one line,
// leaving the file as it was.
func TestOpenChecksHeader(t *testing.T) {
	ctx := context.Background()
	_, good := savedCollection(t, 20, 2)
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		edit  func(b []byte) []byte
		why   string
		right bool // Open must succeed
	}{
		{"sound", func(b []byte) []byte { return b }, "", true},
		{"page size 1000", func(b []byte) []byte { binary.BigEndian.PutUint16(b[16:], 1000); return b }, "bad page size 1000", false},
		{"format version 7", func(b []byte) []byte { b[18] = 7; return b }, "unknown file format versions", false},
		{"payload fractions", func(b []byte) []byte { b[21] = 99; return b }, "bad payload fractions", false},
		{"text encoding", func(b []byte) []byte { binary.BigEndian.PutUint32(b[56:], 9); return b }, "unknown text encoding", false},
		{"cut header", func(b []byte) []byte { return b[:60] }, "header is cut short", false},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }, "damaged: truncated", false},
		{"another application id", func(b []byte) []byte { binary.BigEndian.PutUint32(b[68:], 0x0f055112); return b },
			"another program's SQLite database (application id 0xf055112)", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".db")
			writeFile(t, p, tc.edit(bytes.Clone(good)))
			before := readFile(t, p)
			old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
			s, err := Open(ctx, p)
			if tc.right {
				if err != nil {
					t.Fatalf("Open = %v", err)
				}
				if cards, err := s.Cards(ctx, "Deck"); err != nil || len(cards) != 20*2*cardsPerItemSet {
					t.Errorf("Cards = %d, %v", len(cards), err)
				}
				s.Close()
				// Opening and reading a current collection writes nothing.
				if fi, err := os.Stat(p); err != nil || !fi.ModTime().Equal(old) || !bytes.Equal(before, readFile(t, p)) {
					t.Errorf("opening and reading wrote to the collection (mtime %v, %v)", fi.ModTime(), err)
				}
				return
			}
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, p+": not a feedcards collection: ") || !strings.Contains(msg, tc.why) || strings.Contains(msg, "\n") {
				t.Errorf("error = %q; want one line …%q", msg, tc.why)
			}
			if !bytes.Equal(before, readFile(t, p)) {
				t.Error("the file was modified")
			}
			if _, err := os.Stat(p + "-wal"); err == nil {
				t.Error("a WAL was created")
			}
		})
	}
}

// TestDamagedPagesFailCleanly: a collection whose header and schema are
// sound but whose cards table is damaged opens (Open does not read every
// page), and the first query that reaches the damage returns one clean error
// line instead of a panic; the file is not modified.
func TestDamagedPagesFailCleanly(t *testing.T) {
	ctx := context.Background()
	path, good := savedCollection(t, 30, 3)
	// Find the cards table's root page with a plain read-only connection.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'cards'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	db.Close()
	bad := bytes.Clone(good)
	for i := (root - 1) * pageSize; i < root*pageSize; i++ {
		bad[i] = byte(i*13 + 5)
	}
	writeFile(t, path, bad)

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open = %v; the header and schema are sound", err)
	}
	_, err = s.Cards(ctx, "Deck")
	if err == nil {
		t.Fatal("Cards on a damaged cards table succeeded")
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "malformed") {
		t.Errorf("Cards error = %q; want one line saying the file is malformed", msg)
	}
	if _, err := s.StudyQueue(ctx, "Deck", t0, quiz.QueueOptions{}); err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("StudyQueue error = %v", err)
	}
	s.Close()
	if !bytes.Equal(bad, readFile(t, path)) {
		t.Error("the damaged file was modified")
	}
}

// BenchmarkOpen: opening an existing collection (what every command does
// first). It reads the header and the schema, never the whole file.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	s := bigCollection(b)
	path := s.Path()
	b.ResetTimer()
	for b.Loop() {
		s2, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := s2.checkDeck(ctx, "Bench"); err != nil {
			b.Fatal(err)
		}
		s2.Close()
	}
}
