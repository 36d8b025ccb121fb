// Package sqlite is the feedcards collection: one SQLite file (pure Go,
// modernc.org/sqlite) holding decks, feeds, articles, notes, cards with their
// FSRS memory state, and the review log.
//
// The file runs in WAL mode with foreign keys on and a busy timeout, so a
// study session and an import can share it. Every change happens in one
// transaction (BEGIN IMMEDIATE). The schema is built by embedded, ordered
// migrations recorded in the schema_migrations table; the file is marked
// with a SQLite application_id so that a foreign database is never touched.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// applicationID marks a feedcards collection in the SQLite header ("FCds").
const applicationID = 0x46436473

// busyTimeout is how long a statement waits for another process's lock:
// long enough for a big import to finish while a study session grades.
const busyTimeout = 60 * time.Second

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open collection. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// sqliteMagic opens every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the collection at path, creating it (and its directory) when
// absent and bringing its schema up to date. A file that is not SQLite, is
// damaged, or is some other program's database gives an error naming path
// ("<path>: not a feedcards collection: …") and is left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open collection: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open collection %s: %w", path, err)
	}
	if err := checkHeader(path, abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open collection %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	q.Set("_foreign_keys", "1")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	// A 32 MiB page cache keeps a big import's pages in memory until commit.
	q.Add("_pragma", "cache_size(-32768)")
	dsn := (&url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open collection %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkHeader rejects an existing file that is not an SQLite database
// before SQLite opens (and could modify) it.
func checkHeader(path, abs string) error {
	f, err := os.Open(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open collection %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open collection %s: %w", path, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("%s: not a feedcards collection: it is a directory", path)
	}
	if fi.Size() == 0 {
		return nil // an empty file is an empty database
	}
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return fmt.Errorf("%s: not a feedcards collection: not an SQLite database", path)
	}
	return nil
}

// init checks that the file is ours (or empty), then switches to WAL and
// runs the pending migrations.
func (s *Store) init(ctx context.Context) error {
	notOurs := func(why string, args ...any) error {
		return fmt.Errorf("%s: not a feedcards collection: %s", s.path, fmt.Sprintf(why, args...))
	}
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return notOurs("%s", sqliteReason(err))
	}
	var tables int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return notOurs("%s", sqliteReason(err))
	}
	switch {
	case appID == applicationID:
	case appID == 0 && tables == 0: // a new, empty database
	case appID == 0:
		return notOurs("it is another program's SQLite database (%d schema objects, no feedcards mark)", tables)
	default:
		return notOurs("it is another program's SQLite database (application id %#x)", appID)
	}
	if appID == applicationID {
		// A damaged file can pass the header checks; find out before writing.
		var res string
		if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&res); err != nil {
			return notOurs("%s", sqliteReason(err))
		}
		if res != "ok" {
			return notOurs("damaged: %s", res)
		}
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("open collection %s: set WAL mode: %w", s.path, err)
	}
	return s.migrate(ctx)
}

// sqliteReason is SQLite's explanation of err.
func sqliteReason(err error) string { return err.Error() }

// migration is one embedded schema step, applied once, in version order.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	ents, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range ents {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and _", name)
		}
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies the migrations the file has not seen, each in its own
// transaction together with its record in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("open collection %s: %w", s.path, err)
	}
	fail := func(err error) error { return fmt.Errorf("open collection %s: migrate: %w", s.path, err) }
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	// Inside the immediate transaction, so two processes opening a new file
	// at once do not both create the schema.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL) STRICT`); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fail(err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fail(err)
	}
	if last := ms[len(ms)-1].version; current > last {
		return fmt.Errorf("open collection %s: made by a newer feedcards (schema %d, this one knows %d)", s.path, current, last)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fail(fmt.Errorf("%s: %w", m.name, err))
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, unixepoch())",
			m.version, m.name); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// Close closes the collection, checkpointing the WAL.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close collection %s: %w", s.path, err)
	}
	return nil
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }
