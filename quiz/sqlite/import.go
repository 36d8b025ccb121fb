package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

// ImportStats counts the cards an import touched.
type ImportStats struct {
	New       int `json:"new"`       // cards added
	Updated   int `json:"updated"`   // cards whose text, deck or sources changed (history kept)
	Unchanged int `json:"unchanged"` // cards already there as they are
	Orphaned  int `json:"orphaned"`  // cards whose item vanished from its article: suspended, kept
}

// Add adds o's counts to st.
func (st *ImportStats) Add(o ImportStats) {
	st.New += o.New
	st.Updated += o.Updated
	st.Unchanged += o.Unchanged
	st.Orphaned += o.Orphaned
}

// String is the summary line: "3 new, 1 updated, 40 unchanged, 0 orphaned".
func (st ImportStats) String() string {
	return fmt.Sprintf("%d new, %d updated, %d unchanged, %d orphaned", st.New, st.Updated, st.Unchanged, st.Orphaned)
}

// builderVersion changes when the way items become notes changes, so that
// articles imported by an older feedcards are rebuilt once.
const builderVersion = "1"

// DefaultDeck is the deck a source goes to when none is named: the feed's
// title, else the (single) article's title, else the source as given.
func DefaultDeck(res *extract.Result) string {
	if t := strings.TrimSpace(res.Feed); t != "" {
		return t
	}
	for _, a := range res.Articles {
		if t := strings.TrimSpace(a.Title); t != "" {
			return t
		}
	}
	return res.FeedURL
}

// Import adds the items of one extracted source to deck ("" = DefaultDeck)
// in one transaction, so that an interrupted import leaves the collection as
// it was. It is idempotent: an article whose content hash is unchanged is
// skipped; a changed one updates its notes in place (same ids, review
// history kept, backs and sources refreshed); cards of an article still in
// the source whose item vanished are orphaned and suspended, never deleted.
// Entries that merely left the feed are left alone. now stamps new cards
// (a new card is due at now). The feed's ETag and Last-Modified are kept
// for the next conditional fetch.
func (s *Store) Import(ctx context.Context, deck string, res *extract.Result, opt quiz.BuildOptions, now time.Time) (ImportStats, error) {
	if deck == "" {
		deck = DefaultDeck(res)
	}
	build := func() []quiz.Note { return quiz.BuildNotes(deck, res.Items(), opt) }
	st, err := s.importNotes(ctx, deck, res, opt, build, now)
	if err != nil {
		return ImportStats{}, fmt.Errorf("import %s into deck %q: %w", sourceName(res), deck, err)
	}
	return st, nil
}

func sourceName(res *extract.Result) string {
	switch res.FeedURL {
	case "":
		return "source"
	case "-":
		return "stdin"
	}
	return res.FeedURL
}

// articleKey names an article the way quiz.NoteID does: its entry id, else its URL.
func articleKey(entryID, url string) string {
	if entryID != "" {
		return entryID
	}
	return url
}

// articleHash is what decides whether an article must be re-imported: its
// content hash (or, when the extractor left none, a hash of its items), the
// build options and the builder version.
func articleHash(a *extract.Article, opt quiz.BuildOptions) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "feedcards-article\x1f%s\x1freverse=%t\x1f", builderVersion, opt.Reverse)
	if a.Hash != "" {
		h.Write([]byte(a.Hash))
	} else {
		b, err := json.Marshal(struct {
			Title, URL string
			Items      []extract.Item
		}{a.Title, a.URL, a.Items})
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// noteHash fingerprints what a note stores: its type, item, sources, tags
// and its cards' text.
func noteHash(n *quiz.Note, item, sources, tags string, cards []quiz.Card) string {
	h := sha256.New()
	for _, s := range []string{string(n.Type), item, sources, tags} {
		h.Write([]byte(s))
		h.Write([]byte{0x1f})
	}
	for _, c := range cards {
		h.Write([]byte(c.ID + "\x1e" + c.Front + "\x1e" + c.Back + "\x1f"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// importer holds one import's transaction and prepared statements.
type importer struct {
	ctx  context.Context
	tx   *sql.Tx
	deck string
	now  int64
	seq  int64 // the last note seq used
	st   ImportStats

	insNote, updNote, getCard, insCard, updCard, linkMany *sql.Stmt

	links []any // pending (note id, article id) pairs, see addLink

	existing map[string]storedNote // the notes to import that are already stored
}

func (im *importer) prepare() error {
	var err error
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = im.tx.PrepareContext(im.ctx, q)
		return st
	}
	im.insNote = p("INSERT INTO notes (id, deck, seq, type, item, sources, tags, hash, created, modified, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	// updated moves only when the content (item, sources, tags) differs
	// from what is stored; the right-hand sides see the old row.
	im.updNote = p(`UPDATE notes SET deck = ?1, type = ?2, item = ?3, sources = ?4, tags = ?5, hash = ?6, modified = ?7,
		updated = CASE WHEN item <> ?3 OR sources <> ?4 OR tags <> ?5 THEN ?7 ELSE updated END WHERE id = ?8`)
	im.getCard = p("SELECT front, back, deck, orphaned FROM cards WHERE id = ?")
	im.insCard = p("INSERT INTO cards (id, note_id, deck, template, seq, front, back, due, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
	im.updCard = p("UPDATE cards SET front = ?, back = ?, deck = ?, suspended = CASE WHEN orphaned = 1 THEN 0 ELSE suspended END, orphaned = 0 WHERE id = ?")
	return err
}

func (im *importer) close() {
	for _, st := range []*sql.Stmt{im.insNote, im.updNote, im.getCard, im.insCard, im.updCard, im.linkMany} {
		if st != nil {
			st.Close()
		}
	}
}

// importNotes writes the notes build makes from res for deck, in one
// transaction; build is not called when no article changed.
func (s *Store) importNotes(ctx context.Context, deck string, res *extract.Result, opt quiz.BuildOptions, build func() []quiz.Note, now time.Time) (ImportStats, error) {
	if strings.TrimSpace(deck) == "" {
		return ImportStats{}, errors.New("no deck name")
	}
	feed := res.FeedURL
	if feed == "" {
		feed = "-"
	}
	// Build the notes before taking the write lock (building can take a
	// while on a big feed), unless no article changed.
	var notes []quiz.Note
	if changed, err := s.anyArticleChanged(ctx, deck, feed, res, opt); err != nil {
		return ImportStats{}, err
	} else if changed {
		notes = build()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportStats{}, err
	}
	defer tx.Rollback()
	im := &importer{ctx: ctx, tx: tx, deck: deck, now: nanos(now)}
	if err := im.prepare(); err != nil {
		return ImportStats{}, err
	}
	defer im.close()

	if _, err := tx.ExecContext(ctx, "INSERT INTO decks (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", deck, im.now); err != nil {
		return ImportStats{}, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO feeds (url, title, etag, last_modified, fetched) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag,
		last_modified = excluded.last_modified, fetched = excluded.fetched`,
		feed, res.Feed, res.ETag, res.LastModified, im.now); err != nil {
		return ImportStats{}, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM notes").Scan(&im.seq); err != nil {
		return ImportStats{}, err
	}

	// The articles this deck already has from this feed.
	type known struct {
		id    int64
		hash  string
		cards int
	}
	have := map[string]known{}
	rows, err := tx.QueryContext(ctx, "SELECT id, entry_id, hash, cards FROM articles WHERE deck = ? AND feed = ?", deck, feed)
	if err != nil {
		return ImportStats{}, err
	}
	for rows.Next() {
		var k known
		var entry string
		if err := rows.Scan(&k.id, &entry, &k.hash, &k.cards); err != nil {
			rows.Close()
			return ImportStats{}, err
		}
		have[entry] = k
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ImportStats{}, err
	}

	// Record new and changed articles; they are the only ones re-imported.
	changed := map[string]int64{} // article key → article row id
	var stale []int64             // changed articles imported before: check for vanished notes
	upsert, err := tx.PrepareContext(ctx, `INSERT INTO articles (deck, feed, entry_id, title, url, hash, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deck, feed, entry_id) DO UPDATE SET title = excluded.title,
		url = excluded.url, hash = excluded.hash, updated = excluded.updated RETURNING id`)
	if err != nil {
		return ImportStats{}, err
	}
	defer upsert.Close()
	for i := range res.Articles {
		a := &res.Articles[i]
		key := articleKey(a.EntryID, a.URL)
		if _, dup := changed[key]; dup {
			continue
		}
		h, err := articleHash(a, opt)
		if err != nil {
			return ImportStats{}, fmt.Errorf("article %s: %w", key, err)
		}
		k, ok := have[key]
		if ok && k.hash == h {
			continue
		}
		var id int64
		if err := upsert.QueryRowContext(ctx, deck, feed, key, a.Title, a.URL, h, im.now).Scan(&id); err != nil {
			return ImportStats{}, fmt.Errorf("article %s: %w", key, err)
		}
		changed[key] = id
		if ok {
			stale = append(stale, id)
		}
	}

	if len(changed) == 0 {
		// Nothing to rebuild: the articles present keep their cards.
		seen := map[string]bool{}
		for i := range res.Articles {
			key := articleKey(res.Articles[i].EntryID, res.Articles[i].URL)
			if !seen[key] {
				seen[key] = true
				im.st.Unchanged += have[key].cards
			}
		}
		return im.st, tx.Commit()
	}

	if notes == nil { // changed since the check above
		notes = build()
	}
	if im.existing, err = loadNotes(ctx, tx, notes); err != nil {
		return ImportStats{}, err
	}
	built := make(map[string]bool, len(notes))
	perArticle := map[string]int{} // cards by the article a note was first seen in
	for i := range notes {
		n := &notes[i]
		built[n.ID] = true
		cards := quiz.CardsOf(n)
		if len(n.Sources) > 0 {
			perArticle[articleKey(n.Sources[0].EntryID, n.Sources[0].URL)] += len(cards)
		}
		var links []int64
		for _, src := range n.Sources {
			if id, ok := changed[articleKey(src.EntryID, src.URL)]; ok {
				links = append(links, id)
			}
		}
		if len(links) == 0 {
			im.st.Unchanged += len(cards) // every article it comes from is unchanged
			continue
		}
		if err := im.note(n, cards); err != nil {
			return ImportStats{}, fmt.Errorf("note %s (%q): %w", n.ID, n.Item.Front(), err)
		}
		for _, id := range links {
			if err := im.addLink(n.ID, id); err != nil {
				return ImportStats{}, err
			}
		}
	}
	if err := im.flushLinks(); err != nil {
		return ImportStats{}, err
	}
	if err := im.orphan(stale, built); err != nil {
		return ImportStats{}, err
	}
	setCards, err := tx.PrepareContext(ctx, "UPDATE articles SET cards = ? WHERE id = ? AND cards <> ?")
	if err != nil {
		return ImportStats{}, err
	}
	defer setCards.Close()
	for i := range res.Articles {
		key := articleKey(res.Articles[i].EntryID, res.Articles[i].URL)
		id, ok := changed[key]
		if !ok {
			id = have[key].id
		}
		n := perArticle[key]
		if _, err := setCards.ExecContext(ctx, n, id, n); err != nil {
			return ImportStats{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return ImportStats{}, err
	}
	return im.st, nil
}

// linkBatch is how many (note, article) pairs one INSERT writes: a merged
// note of the bench feed is seen in 100 articles, and one statement per pair
// was a third of an import's time.
const linkBatch = 250

// addLink records that note was seen in article, in batches (flushLinks).
func (im *importer) addLink(note string, article int64) error {
	im.links = append(im.links, note, article)
	if len(im.links) >= 2*linkBatch {
		return im.flushLinks()
	}
	return nil
}

// flushLinks writes the pending (note, article) pairs.
func (im *importer) flushLinks() error {
	if len(im.links) == 0 {
		return nil
	}
	var err error
	if len(im.links) == 2*linkBatch {
		if im.linkMany == nil {
			im.linkMany, err = im.tx.PrepareContext(im.ctx, linkInsert(linkBatch))
			if err != nil {
				return err
			}
		}
		_, err = im.linkMany.ExecContext(im.ctx, im.links...)
	} else {
		_, err = im.tx.ExecContext(im.ctx, linkInsert(len(im.links)/2), im.links...)
	}
	im.links = im.links[:0]
	return err
}

// linkInsert is the statement inserting n (note, article) pairs.
func linkInsert(n int) string {
	return "INSERT OR IGNORE INTO note_articles (note_id, article_id) VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?),", n), ",")
}

// note inserts or updates one note and its cards.
func (im *importer) note(n *quiz.Note, cards []quiz.Card) error {
	ib, err := json.Marshal(n.Item)
	if err != nil {
		return err
	}
	tags := n.Tags
	if tags == nil {
		tags = []string{}
	}
	tb, err := json.Marshal(tags)
	if err != nil {
		return err
	}
	item, srcs := string(ib), sourcesJSON(n.Sources)
	hash := noteHash(n, item, srcs, string(tb), cards)

	old, found := im.existing[n.ID]
	seq := old.seq
	switch {
	case !found:
		im.seq++
		seq = im.seq
		if _, err := im.insNote.ExecContext(im.ctx, n.ID, im.deck, seq, string(n.Type), item, srcs, string(tb), hash,
			im.now, im.now, im.now); err != nil {
			return err
		}
		for i, c := range cards {
			if _, err := im.insCard.ExecContext(im.ctx, c.ID, n.ID, im.deck, string(c.Template), seq*1024+int64(i),
				c.Front, c.Back, im.now, im.now); err != nil {
				return fmt.Errorf("card %s: %w", c.ID, err)
			}
		}
		im.st.New += len(cards)
		return nil
	case old.hash == hash && old.deck == im.deck && old.orphans == 0:
		im.st.Unchanged += len(cards)
		return nil
	default:
		if _, err := im.updNote.ExecContext(im.ctx, im.deck, string(n.Type), item, srcs, string(tb), hash, im.now, n.ID); err != nil {
			return err
		}
	}
	for i, c := range cards {
		var front, back, deck string
		var orphaned bool
		err := im.getCard.QueryRowContext(im.ctx, c.ID).Scan(&front, &back, &deck, &orphaned)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := im.insCard.ExecContext(im.ctx, c.ID, n.ID, im.deck, string(c.Template), seq*1024+int64(i),
				c.Front, c.Back, im.now, im.now); err != nil {
				return fmt.Errorf("card %s: %w", c.ID, err)
			}
			im.st.New++
		case err != nil:
			return fmt.Errorf("card %s: %w", c.ID, err)
		case front == c.Front && back == c.Back && deck == im.deck && !orphaned:
			im.st.Unchanged++
		default:
			if _, err := im.updCard.ExecContext(im.ctx, c.Front, c.Back, im.deck, c.ID); err != nil {
				return fmt.Errorf("card %s: %w", c.ID, err)
			}
			im.st.Updated++
		}
	}
	// A card the note no longer gives (a shorter ordered list) is orphaned.
	ids := make([]any, 0, len(cards)+1)
	ids = append(ids, n.ID)
	for _, c := range cards {
		ids = append(ids, c.ID)
	}
	res, err := im.tx.ExecContext(im.ctx, "UPDATE cards SET orphaned = 1, suspended = 1 WHERE note_id = ? AND orphaned = 0 AND id NOT IN ("+
		strings.TrimSuffix(strings.Repeat("?,", len(cards)), ",")+")", ids...)
	if err != nil {
		return err
	}
	k, err := res.RowsAffected()
	im.st.Orphaned += int(k)
	return err
}

// orphan unlinks, from the changed articles in stale, the notes that were
// not built this time; a note left with no article has its cards orphaned
// and suspended.
func (im *importer) orphan(stale []int64, built map[string]bool) error {
	for _, aid := range stale {
		rows, err := im.tx.QueryContext(im.ctx, "SELECT note_id FROM note_articles WHERE article_id = ? ORDER BY note_id", aid)
		if err != nil {
			return err
		}
		var gone []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			if !built[id] {
				gone = append(gone, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range gone {
			if _, err := im.tx.ExecContext(im.ctx, "DELETE FROM note_articles WHERE article_id = ? AND note_id = ?", aid, id); err != nil {
				return err
			}
			var left int
			if err := im.tx.QueryRowContext(im.ctx, "SELECT count(*) FROM note_articles WHERE note_id = ?", id).Scan(&left); err != nil {
				return err
			}
			if left > 0 {
				continue
			}
			res, err := im.tx.ExecContext(im.ctx, "UPDATE cards SET orphaned = 1, suspended = 1 WHERE note_id = ? AND orphaned = 0", id)
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			im.st.Orphaned += int(k)
		}
	}
	return nil
}

// FeedState returns the ETag and Last-Modified kept from the last import of
// the feed at url, for a conditional fetch ("" when never imported).
func (s *Store) FeedState(ctx context.Context, url string) (etag, lastModified string, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT etag, last_modified FROM feeds WHERE url = ?", url).Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("feed state of %s: %w", url, err)
	}
	return etag, lastModified, nil
}

// FeedCards counts the cards of deck ("" = any) that came from the feed at
// url; `add` reports them as unchanged when the feed answers 304.
func (s *Store) FeedCards(ctx context.Context, deck, url string) (int, error) {
	q := `SELECT count(*) FROM cards WHERE orphaned = 0 AND note_id IN (SELECT na.note_id FROM note_articles na
		JOIN articles a ON a.id = na.article_id WHERE a.feed = ?`
	args := []any{url}
	if deck != "" {
		q += " AND a.deck = ?"
		args = append(args, deck)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q+")", args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("cards of feed %s: %w", url, err)
	}
	return n, nil
}

// anyArticleChanged reports, without taking the write lock, whether an
// article of res is new or changed for deck.
func (s *Store) anyArticleChanged(ctx context.Context, deck, feed string, res *extract.Result, opt quiz.BuildOptions) (bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT entry_id, hash FROM articles WHERE deck = ? AND feed = ?", deck, feed)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	have := map[string]string{}
	for rows.Next() {
		var e, h string
		if err := rows.Scan(&e, &h); err != nil {
			return false, err
		}
		have[e] = h
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	for i := range res.Articles {
		a := &res.Articles[i]
		h, err := articleHash(a, opt)
		if err != nil {
			return false, err
		}
		if have[articleKey(a.EntryID, a.URL)] != h {
			return true, nil
		}
	}
	return false, nil
}

// storedNote is what an import needs to know of a stored note.
type storedNote struct {
	deck, hash string
	orphans    int // orphaned cards
	seq        int64
}

// loadNotes reads the stored state of notes, 500 ids a query.
func loadNotes(ctx context.Context, tx *sql.Tx, notes []quiz.Note) (map[string]storedNote, error) {
	out := make(map[string]storedNote)
	for i := 0; i < len(notes); i += 500 {
		chunk := notes[i:min(i+500, len(notes))]
		args := make([]any, len(chunk))
		for j := range chunk {
			args[j] = chunk[j].ID
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, deck, hash, seq,
			(SELECT count(*) FROM cards WHERE note_id = notes.id AND orphaned = 1)
			FROM notes WHERE id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var n storedNote
			if err := rows.Scan(&id, &n.deck, &n.hash, &n.seq, &n.orphans); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SourceHash returns the content hash recorded by SetSourceHash for the
// source url ("" when none).
func (s *Store) SourceHash(ctx context.Context, url string) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, "SELECT content_hash FROM feeds WHERE url = ?", url).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("content hash of %s: %w", url, err)
	}
	return h, nil
}

// SetSourceHash records the hash of the bytes (and options) of source url
// after a complete import, so that `add` can skip extracting the very same
// bytes next time.
func (s *Store) SetSourceHash(ctx context.Context, url, hash string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE feeds SET content_hash = ? WHERE url = ?", hash, url); err != nil {
		return fmt.Errorf("content hash of %s: %w", url, err)
	}
	return nil
}

// FeedDeck returns the deck the feed at url was last imported into ("" when never).
func (s *Store) FeedDeck(ctx context.Context, url string) (string, error) {
	var deck string
	err := s.db.QueryRowContext(ctx, "SELECT deck FROM articles WHERE feed = ? ORDER BY updated DESC, id DESC LIMIT 1", url).Scan(&deck)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("deck of %s: %w", url, err)
	}
	return deck, nil
}
