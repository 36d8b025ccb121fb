package anki

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

func writeAPKG(t testing.TB, cards []quiz.Card, opt PackageOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WritePackage(context.Background(), &b, cards, opt); err != nil {
		t.Fatalf("WritePackage: %v", err)
	}
	return b.Bytes()
}

// openAPKG checks the zip layout and opens its collection.
func openAPKG(t *testing.T, data []byte) *sql.DB {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = b
	}
	if !slices.Equal(names, []string{"collection.anki2", "media"}) {
		t.Fatalf("zip entries %q, want collection.anki2 and media", names)
	}
	if string(files["media"]) != "{}" {
		t.Errorf("media = %q, want {}", files["media"])
	}
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := os.WriteFile(path, files["collection.anki2"], 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	return db
}

func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestWritePackageStructure(t *testing.T) {
	notes := fixtureNotes()
	cards := fixtureCards(notes)
	db := openAPKG(t, writeAPKG(t, cards, PackageOptions{Now: fixNow}))

	tables := queryStrings(t, db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
	if !slices.Equal(tables, []string{"cards", "col", "graves", "notes", "revlog"}) {
		t.Errorf("tables %q", tables)
	}
	indexes := queryStrings(t, db, "SELECT name FROM sqlite_master WHERE type='index' ORDER BY name")
	if !slices.Equal(indexes, []string{"ix_cards_nid", "ix_cards_sched", "ix_cards_usn", "ix_notes_csum", "ix_notes_usn", "ix_revlog_cid", "ix_revlog_usn"}) {
		t.Errorf("indexes %q", indexes)
	}

	var id, crt, mod, scm, ver int64
	var conf, models, decks, dconf, tags string
	if err := db.QueryRow("SELECT id, crt, mod, scm, ver, conf, models, decks, dconf, tags FROM col").Scan(&id, &crt, &mod, &scm, &ver, &conf, &models, &decks, &dconf, &tags); err != nil {
		t.Fatal(err)
	}
	wantCrt := time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC).Unix()
	if id != 1 || ver != 11 || crt != wantCrt || mod != fixNow.UnixMilli() || tags != "{}" {
		t.Errorf("col id=%d ver=%d crt=%d (want %d) mod=%d tags=%q", id, ver, crt, wantCrt, mod, tags)
	}
	var c map[string]any
	mustUnmarshal(t, conf, &c)
	if c["schedVer"] != 2.0 || c["rollover"] != 4.0 || c["nextPos"] == nil {
		t.Errorf("conf = %s", conf)
	}

	var ms map[string]map[string]any
	mustUnmarshal(t, models, &ms)
	wantModels := map[int64]string{ModelBasic: NameBasic, ModelReverse: NameReverse, ModelCloze: NameCloze}
	if len(ms) != 3 {
		t.Errorf("%d models", len(ms))
	}
	for mid, name := range wantModels {
		m := ms[itoa(mid)]
		if m == nil {
			t.Errorf("model %d missing", mid)
			continue
		}
		requireKeys(t, "model "+name, m, "id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css")
		if m["id"] != float64(mid) || m["name"] != name || m["mod"] != float64(notetypeMod) {
			t.Errorf("model %d: id=%v name=%v mod=%v", mid, m["id"], m["name"], m["mod"])
		}
		flds := m["flds"].([]any)
		if len(flds) != 4 {
			t.Errorf("%s: %d fields", name, len(flds))
		}
		for i, f := range flds {
			fm := f.(map[string]any)
			requireKeys(t, name+" field", fm, "name", "ord", "sticky", "rtl", "font", "size")
			if fm["ord"] != float64(i) {
				t.Errorf("%s field %d ord %v", name, i, fm["ord"])
			}
		}
		for i, tm := range m["tmpls"].([]any) {
			tmm := tm.(map[string]any)
			requireKeys(t, name+" template", tmm, "name", "qfmt", "afmt", "ord")
			if tmm["ord"] != float64(i) {
				t.Errorf("%s template %d ord %v", name, i, tmm["ord"])
			}
		}
	}
	if ms[itoa(ModelCloze)]["type"] != 1.0 || !strings.Contains(ms[itoa(ModelCloze)]["tmpls"].([]any)[0].(map[string]any)["qfmt"].(string), "{{cloze:Text}}") {
		t.Error("cloze model is not a cloze note type")
	}

	var ds map[string]map[string]any
	mustUnmarshal(t, decks, &ds)
	if len(ds) != 2 || ds["1"]["name"] != "Default" {
		t.Errorf("decks = %s", decks)
	}
	for k, d := range ds {
		requireKeys(t, "deck "+k, d, "id", "name", "usn", "collapsed", "dyn", "conf", "newToday", "revToday", "lrnToday", "timeToday")
		if itoa(int64(d["id"].(float64))) != k {
			t.Errorf("deck key %s != id %v", k, d["id"])
		}
	}
	var dc map[string]map[string]any
	mustUnmarshal(t, dconf, &dc)
	requireKeys(t, "dconf 1", dc["1"], "id", "mod", "name", "usn", "maxTaken", "autoplay", "timer", "new", "rev", "lapse")

	// notes
	rows, err := db.Query("SELECT id, guid, mid, mod, usn, tags, flds, sfld, csum FROM notes ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	type noteRow struct {
		id, mid, mod, usn, csum int64
		guid, tags, flds, sfld  string
	}
	var nrows []noteRow
	for rows.Next() {
		var r noteRow
		if err := rows.Scan(&r.id, &r.guid, &r.mid, &r.mod, &r.usn, &r.tags, &r.flds, &r.sfld, &r.csum); err != nil {
			t.Fatal(err)
		}
		nrows = append(nrows, r)
	}
	rows.Close()
	if len(nrows) != 6 {
		t.Fatalf("%d notes, want 6", len(nrows))
	}
	guids := map[string]int64{}
	for _, r := range nrows {
		guids[r.guid] = r.mid
		if r.id < 1e12 || r.id > fixNow.UnixMilli() {
			t.Errorf("note id %d not a past ms timestamp", r.id)
		}
		if r.mod != fixAdded.Unix() {
			t.Errorf("note mod %d, want the content time %d (seconds)", r.mod, fixAdded.Unix())
		}
		if r.usn != -1 || !strings.HasPrefix(r.tags, " ") || !strings.HasSuffix(r.tags, " ") {
			t.Errorf("note usn=%d tags=%q", r.usn, r.tags)
		}
		f := strings.Split(r.flds, "\x1f")
		if len(f) != 4 {
			t.Errorf("note %s: %d fields", r.guid, len(f))
			continue
		}
		if r.sfld != stripHTML(f[0]) {
			t.Errorf("sfld %q, want %q", r.sfld, stripHTML(f[0]))
		}
		sum := sha1.Sum([]byte(stripHTML(f[0])))
		if r.csum != int64(binary.BigEndian.Uint32(sum[:4])) {
			t.Errorf("csum %d wrong for %q", r.csum, f[0])
		}
		for _, field := range f {
			if strings.ContainsAny(field, "\n\t\x00") || strings.Contains(strings.ToLower(field), "<script") {
				t.Errorf("bad field %q", field)
			}
		}
		if !strings.Contains(f[3], "Source: ") {
			t.Errorf("Source field = %q", f[3])
		}
	}
	for _, n := range notes {
		if _, ok := guids[n.ID]; !ok {
			t.Errorf("note id %s not a GUID in the package", n.ID)
		}
	}

	// cards: every note has exactly its template's cards
	type cardRow struct{ nid, did, ord, typ, queue, due int64 }
	crow, err := db.Query("SELECT c.nid, c.did, c.ord, c.type, c.queue, c.due, n.mid, n.flds FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.id")
	if err != nil {
		t.Fatal(err)
	}
	perNote := map[int64][]int64{}
	var dues []int64
	mids := map[int64]int64{}
	flds := map[int64]string{}
	for crow.Next() {
		var r cardRow
		var mid int64
		var f string
		if err := crow.Scan(&r.nid, &r.did, &r.ord, &r.typ, &r.queue, &r.due, &mid, &f); err != nil {
			t.Fatal(err)
		}
		if _, ok := ds[itoa(r.did)]; !ok || r.did == 1 {
			t.Errorf("card deck %d not the target deck", r.did)
		}
		if r.typ != 0 || r.queue != 0 {
			t.Errorf("card type %d queue %d, want new", r.typ, r.queue)
		}
		perNote[r.nid] = append(perNote[r.nid], r.ord)
		dues = append(dues, r.due)
		mids[r.nid] = mid
		flds[r.nid] = f
	}
	crow.Close()
	slices.Sort(dues)
	for i, d := range dues {
		if d != int64(i+1) {
			t.Errorf("new positions %v, want 1..n", dues)
			break
		}
	}
	for _, r := range nrows {
		ords := perNote[r.id]
		slices.Sort(ords)
		var want []int64
		switch r.mid {
		case ModelBasic:
			want = []int64{0}
		case ModelReverse:
			want = []int64{0, 1}
		case ModelCloze:
			for _, d := range parseClozes(t, strings.Split(flds[r.id], "\x1f")[0]) {
				want = append(want, int64(d.n-1))
			}
		}
		if !slices.Equal(ords, want) {
			t.Errorf("note %s (model %d): card ords %v, want %v", r.guid, r.mid, ords, want)
		}
	}
}

func mustUnmarshal(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("JSON %q: %v", s, err)
	}
}

func requireKeys(t *testing.T, where string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: missing key %q", where, k)
		}
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// TestWritePackageDeterministic: same cards and clock, same bytes; and the
// notes rows do not change when only the export time does.
func TestWritePackageDeterministic(t *testing.T) {
	cards := fixtureCards(fixtureNotes())
	a := writeAPKG(t, cards, PackageOptions{Now: fixNow})
	b := writeAPKG(t, cards, PackageOptions{Now: fixNow})
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same cards differ")
	}
	later := writeAPKG(t, cards, PackageOptions{Now: fixNow.Add(48 * time.Hour)})
	notesOf := func(data []byte) []string {
		return queryStrings(t, openAPKG(t, data), "SELECT id || '|' || guid || '|' || mod || '|' || flds || '|' || tags || '|' || csum FROM notes ORDER BY id")
	}
	if !slices.Equal(notesOf(a), notesOf(later)) {
		t.Error("re-exporting unchanged cards later changed the notes rows")
	}
}

// TestWritePackageUpdated: a changed note carries its change time as mod,
// so Anki's "update if newer" picks it up; the GUID stays.
func TestWritePackageUpdated(t *testing.T) {
	notes := fixtureNotes()
	changed := fixAdded.Add(24 * time.Hour)
	notes[0].Item.AnswerHTML = "Now a different answer."
	notes[0].Updated = changed
	db := openAPKG(t, writeAPKG(t, fixtureCards(notes), PackageOptions{Now: fixNow}))
	var mod int64
	var flds string
	if err := db.QueryRow("SELECT mod, flds FROM notes WHERE guid = ?", notes[0].ID).Scan(&mod, &flds); err != nil {
		t.Fatal(err)
	}
	if mod != changed.Unix() || !strings.Contains(flds, "Now a different answer.") {
		t.Errorf("mod %d flds %q", mod, flds)
	}
}

func TestWritePackageProgress(t *testing.T) {
	cards := fixtureCards(fixtureNotes())
	last := fixNow.Add(-3 * 24 * time.Hour)
	cards[0].Memory = fsrs.Card{State: fsrs.Review, Reps: 3, Lapses: 1, Stability: 12.345678, Difficulty: 5.5,
		ScheduledDays: 12, LastReview: last, Due: last.Add(12 * 24 * time.Hour)}
	cards[1].Memory = fsrs.Card{State: fsrs.Learning, Reps: 1, Stability: 0.5, Difficulty: 6, Due: fixNow.Add(time.Minute)}
	cards[2].Suspended = true

	plain := openAPKG(t, writeAPKG(t, cards, PackageOptions{Now: fixNow}))
	var n int
	plain.QueryRow("SELECT count(*) FROM cards WHERE type != 0 OR data != ''").Scan(&n)
	if n != 0 {
		t.Errorf("without --with-progress %d cards carry scheduling", n)
	}

	db := openAPKG(t, writeAPKG(t, cards, PackageOptions{Now: fixNow, WithProgress: true}))
	var typ, queue, due, ivl, reps, lapses int64
	var data string
	if err := db.QueryRow("SELECT c.type, c.queue, c.due, c.ivl, c.reps, c.lapses, c.data FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ? AND c.ord = 0", cards[0].NoteID).
		Scan(&typ, &queue, &due, &ivl, &reps, &lapses, &data); err != nil {
		t.Fatal(err)
	}
	if typ != 2 || queue != 2 || due != 9 || ivl != 12 || reps != 3 || lapses != 1 {
		t.Errorf("review card: type %d queue %d due %d ivl %d reps %d lapses %d", typ, queue, due, ivl, reps, lapses)
	}
	var d map[string]float64
	mustUnmarshal(t, data, &d)
	if d["s"] != 12.3457 || d["d"] != 5.5 || d["dr"] != 0.9 || d["lrt"] != float64(last.Unix()) {
		t.Errorf("data = %s", data)
	}
	var learnType int64
	db.QueryRow("SELECT c.type FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ? AND c.ord = 0", cards[1].NoteID).Scan(&learnType)
	if learnType != 0 {
		t.Errorf("a first-time learning card exported as type %d, want new", learnType)
	}
	var suspended int
	db.QueryRow("SELECT count(*) FROM cards WHERE queue = -1").Scan(&suspended)
	if suspended != 1 {
		t.Errorf("%d suspended cards, want 1", suspended)
	}
	var conf string
	db.QueryRow("SELECT conf FROM col").Scan(&conf)
	if !strings.Contains(conf, `"creationOffset":0`) {
		t.Errorf("conf without creationOffset: %s", conf)
	}
}

func TestWritePackageErrors(t *testing.T) {
	var b bytes.Buffer
	if err := WritePackage(context.Background(), &b, fixtureCards(fixtureNotes()), PackageOptions{}); err == nil {
		t.Error("no export time: no error")
	}
	if err := WritePackage(context.Background(), &b, fixtureCards(fixtureNotes()), PackageOptions{Now: fixNow, TempDir: filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Error("missing temp dir: no error")
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes on error", b.Len())
	}
}

func TestWritePackageGold(t *testing.T) {
	cards := goldCards(t, 1)
	db := openAPKG(t, writeAPKG(t, cards, PackageOptions{Now: fixNow}))
	var orphans, notes int
	db.QueryRow("SELECT count(*) FROM notes WHERE id NOT IN (SELECT nid FROM cards)").Scan(&orphans)
	db.QueryRow("SELECT count(*) FROM notes").Scan(&notes)
	if orphans != 0 || notes < 300 {
		t.Errorf("%d notes, %d without cards", notes, orphans)
	}
}

func TestIDAllocator(t *testing.T) {
	a := newIDAllocator(1000)
	got := []int64{a.next(500), a.next(500), a.next(499), a.next(2000), a.next(0), a.next(500)}
	want := []int64{500, 499, 498, 1000, 999, 497}
	if !slices.Equal(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
}

// TestWritePackageDecks: Anki matches deck names ignoring case, and deck 1
// is Default: "Default" and a case variant of another deck reuse those.
func TestWritePackageDecks(t *testing.T) {
	notes := fixtureNotes()
	notes[0].Deck = "Default"
	notes[1].Deck = "dev::example blog"
	notes[2].Deck = "Other"
	db := openAPKG(t, writeAPKG(t, fixtureCards(notes), PackageOptions{Now: fixNow}))
	var decks string
	db.QueryRow("SELECT decks FROM col").Scan(&decks)
	var ds map[string]map[string]any
	mustUnmarshal(t, decks, &ds)
	var names []string
	for _, d := range ds {
		names = append(names, d["name"].(string))
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Default", "Other", "dev::example blog"}) {
		t.Errorf("deck names %q", names)
	}
	var missing int
	db.QueryRow("SELECT count(*) FROM cards WHERE did NOT IN (1, ?, ?)", deckID("dev::example blog"), deckID("Other")).Scan(&missing)
	if missing != 0 {
		t.Errorf("%d cards in a deck the package does not define", missing)
	}
	var inDefault int
	db.QueryRow("SELECT count(*) FROM cards WHERE did = 1").Scan(&inDefault)
	if inDefault != 1 {
		t.Errorf("%d cards in Default, want 1", inDefault)
	}
}
