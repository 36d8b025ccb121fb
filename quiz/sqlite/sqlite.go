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
	"encoding/binary"
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
// absent and bringing its schema up to date. A file that is not SQLite, has
// a damaged header or schema, or is some other program's database gives an
// error naming path ("<path>: not a feedcards collection: …") and is left
// untouched. Open reads the header and the schema only, so it costs the same
// on a 100 MB collection as on an empty one, and it writes nothing when the
// schema is current; damage deeper in the file is reported, as one line, by
// the first query that meets it.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open collection: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open collection %s: %w", path, err)
	}
	h, err := checkHeader(path, abs)
	if err != nil {
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
	if err := s.init(ctx, h); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// headerSize is the size of the SQLite database header (fileformat2 §1.3).
const headerSize = 100

// fileHeader is what Open needs of an existing file's 100-byte header.
type fileHeader struct {
	appID uint32 // application_id (offset 68)
	wal   bool   // read/write versions are 2: the file is in WAL mode
}

// checkHeader rejects, before SQLite opens (and could modify) it, an
// existing file that is not a sound SQLite database or that another program
// has marked as its own. It reads the 100-byte header only, never the whole
// file, so that opening a big collection stays cheap; damage deeper in the
// file surfaces, as an error, when a query reaches it.
func checkHeader(path, abs string) (fileHeader, error) {
	var h fileHeader
	notOurs := func(why string, args ...any) error {
		return fmt.Errorf("%s: not a feedcards collection: %s", path, fmt.Sprintf(why, args...))
	}
	f, err := os.Open(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("open collection %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return h, fmt.Errorf("open collection %s: %w", path, err)
	}
	if fi.IsDir() {
		return h, notOurs("it is a directory")
	}
	if fi.Size() == 0 {
		return h, nil // an empty file is an empty database
	}
	b := make([]byte, headerSize)
	n, err := io.ReadFull(f, b)
	if n < len(sqliteMagic) || !bytes.Equal(b[:len(sqliteMagic)], sqliteMagic) {
		return h, notOurs("not an SQLite database")
	}
	if err != nil {
		return h, notOurs("damaged: the %d-byte SQLite header is cut short at %d bytes", headerSize, n)
	}
	be := binary.BigEndian
	pageSize := int64(be.Uint16(b[16:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	switch {
	case pageSize < 512 || pageSize&(pageSize-1) != 0:
		return h, notOurs("damaged: bad page size %d in the SQLite header", pageSize)
	case b[18] < 1 || b[18] > 2 || b[19] < 1 || b[19] > 2:
		return h, notOurs("damaged: unknown file format versions %d/%d in the SQLite header", b[18], b[19])
	case b[21] != 64 || b[22] != 32 || b[23] != 32:
		return h, notOurs("damaged: bad payload fractions in the SQLite header")
	case be.Uint32(b[44:]) > 4:
		return h, notOurs("damaged: unknown schema format %d in the SQLite header", be.Uint32(b[44:]))
	case be.Uint32(b[56:]) > 3:
		return h, notOurs("damaged: unknown text encoding %d in the SQLite header", be.Uint32(b[56:]))
	case fi.Size() < pageSize:
		return h, notOurs("damaged: %d bytes, less than one %d-byte page", fi.Size(), pageSize)
	}
	// The page count is valid when the change counter matches the
	// version-valid-for number. Unless a WAL or journal may still complete
	// the file, it must hold that many pages.
	pages := int64(be.Uint32(b[28:]))
	if pages > 0 && be.Uint32(b[24:]) == be.Uint32(b[92:]) && fi.Size() < pages*pageSize &&
		!hasData(abs+"-wal") && !hasData(abs+"-journal") {
		return h, notOurs("damaged: truncated to %d bytes, its header counts %d pages of %d bytes", fi.Size(), pages, pageSize)
	}
	h.appID = be.Uint32(b[68:])
	h.wal = b[18] == 2 && b[19] == 2
	if h.appID != 0 && h.appID != applicationID {
		return h, notOurs("it is another program's SQLite database (application id %#x)", h.appID)
	}
	return h, nil
}

// hasData reports whether path is a file with something in it.
func hasData(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > 0
}

// init checks that the file is ours (or empty), then switches to WAL and
// runs the pending migrations. It reads the schema only (the first query
// parses it), not the whole file: Open stays fast on a big collection.
func (s *Store) init(ctx context.Context, h fileHeader) error {
	notOurs := func(why string, args ...any) error {
		return fmt.Errorf("%s: not a feedcards collection: %s", s.path, fmt.Sprintf(why, args...))
	}
	// The header may be older than the WAL: SQLite's own view decides.
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return notOurs("damaged: %s", sqliteReason(err))
	}
	var tables, marked int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name = 'schema_migrations') FROM sqlite_schema").
		Scan(&tables, &marked); err != nil {
		return notOurs("damaged: %s", sqliteReason(err))
	}
	current := 0
	switch {
	case appID == applicationID && marked == 1:
		// The schema marker: its latest version, read through the schema
		// (a damaged schema page fails here, before anything is written).
		if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
			return notOurs("damaged: %s", sqliteReason(err))
		}
	case appID == applicationID:
		return notOurs("damaged: marked as a collection but it has no schema_migrations table")
	case appID == 0 && tables == 0: // a new, empty database
	case appID == 0:
		return notOurs("it is another program's SQLite database (%d schema objects, no feedcards mark)", tables)
	default:
		return notOurs("it is another program's SQLite database (application id %#x)", appID)
	}
	if !h.wal {
		var mode string
		if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
			return fmt.Errorf("open collection %s: set WAL mode: %w", s.path, err)
		}
	}
	return s.migrate(ctx, current)
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

// migrate applies the migrations the file has not seen, all in one
// transaction together with their records in schema_migrations. current is
// the version read before taking the write lock: an up-to-date collection is
// not written to at all.
func (s *Store) migrate(ctx context.Context, current int) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("open collection %s: %w", s.path, err)
	}
	if last := ms[len(ms)-1].version; current > last {
		return fmt.Errorf("open collection %s: made by a newer feedcards (schema %d, this one knows %d)", s.path, current, last)
	} else if current == last {
		return nil
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
