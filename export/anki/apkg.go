package anki

import (
	"archive/zip"
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// Fixed ids and names of feedcards' own note types. They never change:
// Anki matches note types by id, and a changed schema would make it copy
// the note type instead of updating notes (ANKI.md §2.4).
const (
	ModelBasic   int64 = 1764547200001
	ModelReverse int64 = 1764547200002
	ModelCloze   int64 = 1764547200003

	NameBasic   = "feedcards Basic"
	NameReverse = "feedcards Basic+Reverse"
	NameCloze   = "feedcards Cloze"

	// notetypeMod is the note types' mod time in seconds (2025-12-01). Bump
	// it only when templates or CSS change, so Anki updates them then and
	// only then.
	notetypeMod int64 = 1764547200
)

// desiredRetention is written with exported memory states (DESIGN.md).
const desiredRetention = 0.9

// PackageOptions control WritePackage.
type PackageOptions struct {
	// Now is the export time: the collection's creation day (crt), its
	// mod, and the upper bound of every id and mod time. Required.
	Now time.Time
	// WithProgress includes the FSRS memory state of reviewed cards
	// (ANKI.md §2.8). Off: every card is new.
	WithProgress bool
	// TempDir holds the temporary collection file ("" = the system default).
	TempDir string
}

// CheckPackageName refuses the file names Anki imports as a whole
// collection, replacing the user's own: collection.apkg and backup-*.
func CheckPackageName(path string) error {
	base := strings.ToLower(filepath.Base(path))
	if base == "collection.apkg" || strings.HasPrefix(base, "backup-") {
		return fmt.Errorf("%s: Anki would import a file of this name as a whole collection, replacing the user's; choose another name", filepath.Base(path))
	}
	return nil
}

// WritePackage writes cards as a Legacy 1 .apkg (a zip of collection.anki2
// at schema 11 and an empty media map) that every Anki version imports,
// with feedcards' note types "feedcards Basic", "feedcards Basic+Reverse"
// and "feedcards Cloze". The collection is built with SQLite in a temporary
// file that is removed afterwards. For a fixed opt.Now and input the bytes
// are the same on every run.
func WritePackage(ctx context.Context, w io.Writer, cards []quiz.Card, opt PackageOptions) (err error) {
	if opt.Now.IsZero() {
		return errors.New("write apkg: no export time")
	}
	notes, err := buildNotes(cards)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp(opt.TempDir, "feedcards-apkg-")
	if err != nil {
		return fmt.Errorf("write apkg: %w", err)
	}
	defer os.RemoveAll(dir)
	dbPath := filepath.Join(dir, "collection.anki2")
	if err := writeCollection(ctx, dbPath, notes, opt); err != nil {
		return fmt.Errorf("write apkg: %w", err)
	}
	if err := zipPackage(w, dbPath, opt.Now); err != nil {
		return fmt.Errorf("write apkg: %w", err)
	}
	return nil
}

// zipPackage writes the zip: collection.anki2 and media ("{}": feedcards
// fields reference no files), both deflated, with a fixed time.
func zipPackage(w io.Writer, dbPath string, now time.Time) error {
	zw := zip.NewWriter(w)
	mtime := now.UTC().Truncate(2 * time.Second)
	add := func(name string, r io.Reader) error {
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mtime})
		if err != nil {
			return err
		}
		_, err = io.Copy(hw, r)
		return err
	}
	f, err := os.Open(dbPath)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := add("collection.anki2", f); err != nil {
		return err
	}
	if err := add("media", strings.NewReader("{}")); err != nil {
		return err
	}
	return zw.Close()
}

// schema11 is Anki's schema 11 (ANKI.md §2.2): 5 tables, 7 indexes.
const schema11 = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`

// rolloverStart is the start of now's Anki day: 04:00 in now's zone, the
// previous day's when now is earlier.
func rolloverStart(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 4, 0, 0, 0, now.Location())
	if now.Before(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// idAllocator hands out unique millisecond ids: the wanted time if free,
// else the nearest earlier free one, never later than max. Many cards
// share one wanted time (one import), so it remembers where the last
// search for each wanted time ended.
type idAllocator struct {
	used map[int64]bool
	from map[int64]int64 // wanted time → next candidate
	max  int64
}

func newIDAllocator(max int64) *idAllocator {
	return &idAllocator{used: map[int64]bool{}, from: map[int64]int64{}, max: max}
}

func (a *idAllocator) next(want int64) int64 {
	if want <= 0 || want > a.max {
		want = a.max
	}
	id, ok := a.from[want]
	if !ok {
		id = want
	}
	for a.used[id] {
		id--
	}
	a.used[id] = true
	a.from[want] = id - 1
	return id
}

// writeCollection creates the schema 11 collection at path in one
// transaction.
func writeCollection(ctx context.Context, path string, notes []*ankiNote, opt PackageOptions) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, p := range []string{"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA page_size=4096"} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema11); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}

	now := opt.Now
	nowMs, nowS := now.UnixMilli(), now.Unix()
	crt := rolloverStart(now)

	// Decks in order of first use, ids stable per name. Anki matches deck
	// names ignoring case, so names that differ only in case are one deck
	// (the first spelling wins), and "Default" is deck 1.
	deckIDs := map[string]int64{}
	var decks []deckRef
	for _, n := range notes {
		key := strings.ToLower(n.deck)
		if _, ok := deckIDs[key]; ok {
			continue
		}
		id := deckID(n.deck)
		if key == "default" {
			id = 1
		} else {
			decks = append(decks, deckRef{id: id, name: n.deck})
		}
		deckIDs[key] = id
	}

	insNote, err := tx.PrepareContext(ctx, `INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`)
	if err != nil {
		return err
	}
	defer insNote.Close()
	insCard, err := tx.PrepareContext(ctx, `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)`)
	if err != nil {
		return err
	}
	defer insCard.Close()

	noteIDs := newIDAllocator(nowMs)
	cardIDs := newIDAllocator(nowMs)
	pos := int64(0)
	guids := map[string]bool{}
	var flds strings.Builder
	for _, n := range notes {
		if guids[n.guid] {
			return fmt.Errorf("note %s: GUID used twice", n.guid)
		}
		guids[n.guid] = true
		mid := modelID(n.kind)
		added := n.added
		if added.IsZero() || added.After(now) {
			added = now
		}
		mod := n.mod
		if mod.IsZero() || mod.After(now) {
			mod = now
		}
		nid := noteIDs.next(added.UnixMilli())
		flds.Reset()
		flds.WriteString(n.front)
		flds.WriteByte(0x1f)
		flds.WriteString(n.back)
		flds.WriteByte(0x1f)
		flds.WriteString(n.context)
		flds.WriteByte(0x1f)
		flds.WriteString(n.source)
		sort := stripHTML(n.front)
		tags := ""
		if len(n.tags) > 0 {
			tags = " " + strings.Join(n.tags, " ") + " "
		}
		if _, err := insNote.ExecContext(ctx, nid, n.guid, mid, mod.Unix(), tags, flds.String(), sort, checksum(sort)); err != nil {
			return fmt.Errorf("note %s: %w", n.guid, err)
		}
		did := deckIDs[strings.ToLower(n.deck)]
		for ord := 0; ord < n.ords; ord++ {
			c := n.memory[ord]
			want := added.UnixMilli()
			if c != nil && !c.Added.IsZero() && !c.Added.After(now) {
				want = c.Added.UnixMilli()
			}
			cid := cardIDs.next(want)
			pos++
			s := sched{typ: 0, queue: 0, due: pos, data: ""}
			if opt.WithProgress && c != nil {
				s = progress(c, pos, crt, now)
			}
			if c != nil && c.Suspended {
				s.queue = -1
			}
			if _, err := insCard.ExecContext(ctx, cid, nid, did, ord, mod.Unix(), s.typ, s.queue, s.due, s.ivl, s.factor, s.reps, s.lapses, s.data); err != nil {
				return fmt.Errorf("note %s card %d: %w", n.guid, ord, err)
			}
		}
	}

	conf, models, decksJSON, dconf := colJSON(decks, pos+1, nowS, now, opt.WithProgress)
	if _, err := tx.ExecContext(ctx, `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags) VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		crt.Unix(), nowMs, nowMs, conf, models, decksJSON, dconf); err != nil {
		return fmt.Errorf("col: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return db.Close()
}

// checksum is Anki's csum: the first 4 bytes of SHA-1 of the stripped first
// field, as a big-endian integer.
func checksum(stripped string) int64 {
	sum := sha1.Sum([]byte(stripped))
	return int64(binary.BigEndian.Uint32(sum[:4]))
}

// deckRef is a deck of the package other than Default.
type deckRef struct {
	id   int64
	name string
}

// deckID is a stable id for a deck name (Anki matches decks by name; the
// id only has to be unique in the package and not 1).
func deckID(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(name)))
	return 1_600_000_000_000 + int64(h.Sum64()%100_000_000_000)
}

func modelID(k kind) int64 {
	switch k {
	case kindReverse:
		return ModelReverse
	case kindCloze:
		return ModelCloze
	}
	return ModelBasic
}

// sched is a card's scheduling columns.
type sched struct {
	typ, queue, due, ivl, factor, reps, lapses int64
	data                                       string
}

// progress maps a feedcards memory state to Anki's columns (ANKI.md §2.8):
// review and relearning cards become review cards due relative to crt with
// their FSRS state in data; new and (first-time) learning cards stay new.
func progress(c *quiz.Card, pos int64, crt, now time.Time) sched {
	m := c.Memory
	if m.Reps == 0 || (m.State != fsrs.Review && m.State != fsrs.Relearning) {
		return sched{due: pos}
	}
	due := int64(0)
	if !m.Due.IsZero() {
		d := rolloverStart(m.Due.In(crt.Location()))
		due = int64(d.Sub(crt).Round(time.Hour).Hours()) / 24
	}
	if due < 0 {
		due = 0
	}
	ivl := int64(m.ScheduledDays)
	if ivl < 1 {
		ivl = 1
	}
	data := cardData{S: round4(m.Stability), D: round4(m.Difficulty), DR: desiredRetention}
	if !m.LastReview.IsZero() && !m.LastReview.After(now) {
		data.LRT = m.LastReview.Unix()
	}
	js, _ := json.Marshal(data)
	return sched{typ: 2, queue: 2, due: due, ivl: ivl, factor: 2500, reps: int64(m.Reps), lapses: int64(m.Lapses), data: string(js)}
}

// cardData is the FSRS part of cards.data.
type cardData struct {
	S   float64 `json:"s"`
	D   float64 `json:"d"`
	DR  float64 `json:"dr"`
	LRT int64   `json:"lrt,omitempty"`
}

func round4(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 4, 64), 64)
	return f
}
