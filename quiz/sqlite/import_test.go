package sqlite

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

var optNone = quiz.BuildOptions{}

func TestImportIdempotent(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	res := feedResult("https://example.org/feed.xml", 5, 2)
	res.ETag, res.LastModified = `"v1"`, "Sun, 01 Mar 2026 10:00:00 GMT"
	total := 5 * 2 * cardsPerItemSet

	st, err := s.Import(ctx, "", res, optNone, t0)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportStats{New: total}); st != want {
		t.Errorf("first import: %v; want %v", st, want)
	}
	first, err := s.Cards(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != total {
		t.Fatalf("%d cards stored; want %d", len(first), total)
	}
	if first[0].Note.Deck != "Example Feed" {
		t.Errorf("deck = %q; want the feed title", first[0].Note.Deck)
	}
	for _, c := range first {
		if c.Memory.State != fsrs.New || !c.Memory.Due.Equal(t0) || !c.Added.Equal(t0) || c.Suspended || c.Orphaned {
			t.Fatalf("new card %s: %+v", c.ID, c)
		}
	}
	// Document order: the first article's first FAQ comes first.
	if !strings.Contains(first[0].Front, "rule 0 of post 0") {
		t.Errorf("first card %q; want the first item of the first article", first[0].Front)
	}

	etag, lm, err := s.FeedState(ctx, "https://example.org/feed.xml")
	if err != nil || etag != `"v1"` || lm != "Sun, 01 Mar 2026 10:00:00 GMT" {
		t.Errorf("FeedState = %q, %q, %v", etag, lm, err)
	}
	if n, err := s.FeedCards(ctx, "Example Feed", "https://example.org/feed.xml"); err != nil || n != total {
		t.Errorf("FeedCards = %d, %v; want %d", n, err, total)
	}

	for i := 0; i < 2; i++ {
		st, err = s.Import(ctx, "", feedResult("https://example.org/feed.xml", 5, 2), optNone, t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if want := (ImportStats{Unchanged: total}); st != want {
			t.Errorf("re-import %d: %v; want %v", i+1, st, want)
		}
	}
	again, err := s.Cards(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Error("cards differ after an unchanged re-import")
	}
}

// TestImportRebuildsWhenHashMissing: without a content hash from the
// extractor, an article is hashed from its items; nothing is duplicated.
func TestImportRebuildsWhenHashMissing(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	res := feedResult("feed.xml", 2, 1)
	for i := range res.Articles {
		res.Articles[i].Hash = ""
	}
	if _, err := s.Import(ctx, "D", res, optNone, t0); err != nil {
		t.Fatal(err)
	}
	st, err := s.Import(ctx, "D", res, optNone, t0)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportStats{Unchanged: 2 * cardsPerItemSet}); st != want {
		t.Errorf("re-import: %v; want %v", st, want)
	}
}

func TestImportEditedArticleKeepsHistory(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	res := feedResult("feed.xml", 3, 1)
	if _, err := s.Import(ctx, "D", res, optNone, t0); err != nil {
		t.Fatal(err)
	}
	cards, err := s.Cards(ctx, "D")
	if err != nil {
		t.Fatal(err)
	}
	// Review the FAQ card of post 1.
	var faq quiz.Card
	for _, c := range cards {
		if strings.Contains(c.Front, "rule 0 of post 1") {
			faq = c
		}
	}
	if faq.ID == "" {
		t.Fatal("no FAQ card for post 1")
	}
	reviewed := grade(t, s, faq, t0.Add(time.Minute), fsrs.Good)

	// Post 1 is edited: its answers change; posts 0 and 2 are untouched.
	res.Articles[1] = article("feed.xml", 1, 1, 2)
	st, err := s.Import(ctx, "D", res, optNone, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// FAQ and definition backs change, the enumeration back and one cloze
	// back change ("Do the work (r2)"); the other two cloze cards keep their
	// text but their note's cloze fronts show the new step.
	if st.New != 0 || st.Orphaned != 0 || st.Updated == 0 || st.Updated+st.Unchanged != 3*cardsPerItemSet {
		t.Errorf("edited import: %v", st)
	}
	after, err := s.Card(ctx, faq.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(after.Back, "revision 2") {
		t.Errorf("back not updated: %q", after.Back)
	}
	if !reflect.DeepEqual(after.Memory, reviewed.Memory) {
		t.Errorf("memory state lost:\n got %+v\nwant %+v", after.Memory, reviewed.Memory)
	}
	logs, err := s.Reviews(ctx, faq.ID)
	if err != nil || len(logs) != 1 {
		t.Errorf("review log after edit: %d entries, %v; want 1", len(logs), err)
	}
	if !strings.Contains(after.Note.Item.Answer, "revision 2") {
		t.Errorf("note item not updated: %q", after.Note.Item.Answer)
	}
}

func TestImportVanishedItemOrphans(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	res := feedResult("feed.xml", 3, 2)
	if _, err := s.Import(ctx, "D", res, optNone, t0); err != nil {
		t.Fatal(err)
	}
	// Post 0 loses its second item set (FAQ, definition, list: 6 cards);
	// post 2 leaves the feed (old entries roll off: not orphaned).
	full := res.Articles[0].Items
	res.Articles[0].Items = full[:3]
	res.Articles[0].Hash += "-edited"
	res.Articles = res.Articles[:2]
	st, err := s.Import(ctx, "D", res, optNone, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportStats{Unchanged: 3 * cardsPerItemSet, Orphaned: cardsPerItemSet}); st != want {
		t.Errorf("import: %v; want %v", st, want)
	}
	cards, err := s.Cards(ctx, "D")
	if err != nil {
		t.Fatal(err)
	}
	if len(cards) != 3*2*cardsPerItemSet {
		t.Errorf("%d cards; orphaned cards must be kept (want %d)", len(cards), 3*2*cardsPerItemSet)
	}
	var orphaned int
	for _, c := range cards {
		if c.Orphaned {
			orphaned++
			if !c.Suspended || !strings.Contains(c.Note.Item.Front(), "1") {
				t.Errorf("orphaned card %s: suspended=%v front %q", c.ID, c.Suspended, c.Note.Item.Front())
			}
		}
	}
	if orphaned != cardsPerItemSet {
		t.Errorf("%d orphaned cards; want %d", orphaned, cardsPerItemSet)
	}
	q, err := s.StudyQueue(ctx, "D", t0.Add(time.Hour), quiz.QueueOptions{NewPerDay: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 3*2*cardsPerItemSet-cardsPerItemSet {
		t.Errorf("queue has %d cards; orphaned ones must not be studied", len(q))
	}

	// The item comes back: its cards are restored, unsuspended.
	res.Articles[0].Items = full
	res.Articles[0].Hash += "-restored"
	st, err = s.Import(ctx, "D", res, optNone, t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportStats{Updated: cardsPerItemSet, Unchanged: 3 * cardsPerItemSet}); st != want {
		t.Errorf("restore: %v; want %v", st, want)
	}
	stats, err := s.Stats(ctx, "D", t0, t0)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Suspended != 0 {
		t.Errorf("%d cards still suspended after the item came back", stats.Suspended)
	}
}

// TestImportReverse: --reverse adds a reverse card to each definition.
func TestImportReverse(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	st, err := s.Import(ctx, "D", feedResult("feed.xml", 1, 1), quiz.BuildOptions{Reverse: true}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != cardsPerItemSet+1 {
		t.Errorf("new = %d; want %d", st.New, cardsPerItemSet+1)
	}
	cards, err := s.Cards(ctx, "D")
	if err != nil {
		t.Fatal(err)
	}
	var rev int
	for _, c := range cards {
		if c.Template == quiz.Reverse {
			rev++
		}
	}
	if rev != 1 {
		t.Errorf("%d reverse cards; want 1", rev)
	}
}

// TestImportTwoFeedsOneDeck: two sources share a deck without touching
// each other's cards.
func TestImportTwoFeedsOneDeck(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := feedResult("a.xml", 2, 1)
	b := feedResult("b.xml", 1, 1)
	for i := range b.Articles { // different entries
		b.Articles[i] = article("b.xml", 100+i, 1, 0)
	}
	if _, err := s.Import(ctx, "Shared", a, optNone, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, "Shared", b, optNone, t0); err != nil {
		t.Fatal(err)
	}
	b.Articles = b.Articles[:0] // b now lists nothing: nothing orphaned
	st, err := s.Import(ctx, "Shared", b, optNone, t0)
	if err != nil || st != (ImportStats{}) {
		t.Errorf("empty re-import: %v, %v", st, err)
	}
	decks, err := s.Decks(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []DeckInfo{{Name: "Shared", Cards: 3 * cardsPerItemSet, New: 3 * cardsPerItemSet}}; !reflect.DeepEqual(decks, want) {
		t.Errorf("Decks = %+v; want %+v", decks, want)
	}
}

// grade answers c with r at now and saves it. The new memory state is made
// up (the scheduler is tested in quiz/fsrs); the store must keep it exactly.
func grade(t testing.TB, s *Store, c quiz.Card, now time.Time, r fsrs.Rating) quiz.Card {
	t.Helper()
	before := c.Memory
	after := before
	after.Reps++
	after.State = fsrs.Learning
	after.Stability, after.Difficulty = 2.3, 5.1
	after.LastReview = now
	after.Due = now.Add(10 * time.Minute)
	if r == fsrs.Easy {
		after.State, after.Due, after.ScheduledDays = fsrs.Review, now.AddDate(0, 0, 8), 8
	}
	if r == fsrs.Again && before.State == fsrs.Review {
		after.State, after.Lapses = fsrs.Relearning, after.Lapses+1
	}
	c.Memory = after
	log := quiz.ReviewLog{CardID: c.ID, At: now, Rating: r, StateBefore: before.State, StateAfter: after.State,
		Scheduled: after.ScheduledDays, Duration: 3 * time.Second, Before: before}
	if err := s.SaveReview(context.Background(), c, log); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestImportToggleReverseKeepsHistory: a definition's note id does not
// depend on --reverse (Basic and BasicReverse are one note family), so
// re-adding with --reverse keeps every forward card with its history and
// only adds reverse cards; toggling back orphans just the reverse cards,
// and toggling on again restores them.
func TestImportToggleReverseKeepsHistory(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	res := feedResult("feed.xml", 2, 2) // 4 definitions among 24 cards
	total, defs := 2*2*cardsPerItemSet, 2*2
	if _, err := s.Import(ctx, "D", res, optNone, t0); err != nil {
		t.Fatal(err)
	}
	cards, err := s.Cards(ctx, "D")
	if err != nil {
		t.Fatal(err)
	}
	var def quiz.Card
	for _, c := range cards {
		if c.Note.Item.Term == "Widget1-1" {
			def = c
		}
	}
	if def.ID == "" || def.Template != quiz.Forward {
		t.Fatalf("no forward card for Widget1-1 (%+v)", def)
	}
	reviewed := grade(t, s, def, t0.Add(time.Minute), fsrs.Good)

	check := func(step string, opt quiz.BuildOptions, want ImportStats, live, reverse int) {
		t.Helper()
		st, err := s.Import(ctx, "D", res, opt, t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if st != want {
			t.Errorf("%s: %v; want %v", step, st, want)
		}
		cards, err := s.Cards(ctx, "D")
		if err != nil {
			t.Fatal(err)
		}
		var gotLive, gotReverse, orphanedForward int
		for _, c := range cards {
			switch {
			case c.Template == quiz.Reverse && !c.Orphaned:
				gotReverse++
				if c.Memory.State != fsrs.New || c.Suspended {
					t.Errorf("%s: reverse card %s: state %v, suspended %v; want a new card", step, c.ID, c.Memory.State, c.Suspended)
				}
			case c.Template != quiz.Reverse && c.Orphaned:
				orphanedForward++
			}
			if !c.Orphaned {
				gotLive++
			}
		}
		if gotLive != live || gotReverse != reverse || orphanedForward != 0 {
			t.Errorf("%s: %d live cards, %d reverse, %d orphaned forward; want %d, %d, 0", step, gotLive, gotReverse, orphanedForward, live, reverse)
		}
		after, err := s.Card(ctx, def.ID)
		if err != nil {
			t.Fatalf("%s: the reviewed card is gone: %v", step, err)
		}
		if after.Orphaned || after.Suspended || !reflect.DeepEqual(after.Memory, reviewed.Memory) {
			t.Errorf("%s: reviewed card orphaned=%v suspended=%v memory %+v; want %+v", step, after.Orphaned, after.Suspended, after.Memory, reviewed.Memory)
		}
		if logs, err := s.Reviews(ctx, def.ID); err != nil || len(logs) != 1 {
			t.Errorf("%s: %d review log entries, %v; want 1", step, len(logs), err)
		}
	}
	rev := quiz.BuildOptions{Reverse: true}
	check("add --reverse", rev, ImportStats{New: defs, Unchanged: total}, total+defs, defs)
	check("add without --reverse", optNone, ImportStats{Unchanged: total, Orphaned: defs}, total, 0)
	check("add --reverse again", rev, ImportStats{Updated: defs, Unchanged: total}, total+defs, defs)
}

// TestImportNoteUpdated: a note's Updated time is set when it is created
// and moves only when its content (item fields, sources) changes on import;
// the Anki export uses it as the note's mod time.
func TestImportNoteUpdated(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	res := feedResult("feed.xml", 2, 1)
	if _, err := s.Import(ctx, "D", res, optNone, t0); err != nil {
		t.Fatal(err)
	}
	updated := func() map[string]time.Time {
		t.Helper()
		cards, err := s.Cards(ctx, "D")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]time.Time{}
		for _, c := range cards {
			m[c.Note.ID+" "+c.Note.Item.Front()] = c.Note.Updated
		}
		return m
	}
	first := updated()
	for k, u := range first {
		if !u.Equal(t0) {
			t.Errorf("new note %s: Updated = %v; want the import time %v", k, u, t0)
		}
	}

	// The FAQ answer of post 1 is edited at t1; nothing else changes.
	t1 := t0.Add(3 * time.Hour)
	res.Articles[1].Items[0].Answer = "It now says something else."
	res.Articles[1].Hash += "-edited"
	st, err := s.Import(ctx, "D", res, optNone, t1)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != 1 {
		t.Errorf("edit import: %v; want 1 updated card", st)
	}
	second := updated()
	var moved []string
	for k, u := range second {
		switch {
		case u.Equal(t1):
			moved = append(moved, k)
		case !u.Equal(first[k]):
			t.Errorf("note %s: Updated %v → %v", k, first[k], u)
		}
	}
	if len(moved) != 1 || !strings.Contains(moved[0], "rule 0 of post 1") {
		t.Errorf("notes whose Updated moved: %q; want only the edited FAQ of post 1", moved)
	}

	// Rebuilding with the same content and adding reverse cards (another
	// note type, same content) keep Updated.
	res.Articles[1].Hash += "-again"
	if _, err := s.Import(ctx, "D", res, optNone, t1.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Import(ctx, "D", res, quiz.BuildOptions{Reverse: true}, t1.Add(2*time.Hour)); err != nil || st.New != 2 {
		t.Fatalf("add --reverse: %v, %v", st, err)
	}
	if third := updated(); !reflect.DeepEqual(third, second) {
		t.Error("an import without content changes moved Updated")
	}
	if st, err := s.Import(ctx, "E", res, quiz.BuildOptions{Reverse: true}, t1.Add(3*time.Hour)); err != nil || st.Updated == 0 {
		t.Fatalf("move to deck E: %v, %v", st, err)
	}
	cards, err := s.Cards(ctx, "E")
	if err != nil || len(cards) != 2*cardsPerItemSet+2 {
		t.Fatalf("deck E: %d cards, %v", len(cards), err)
	}
	// Moving to another deck changes the notes' deck tag: content.
	for _, c := range cards {
		if !c.Note.Updated.Equal(t1.Add(3 * time.Hour)) {
			t.Errorf("note %s moved to deck E (new deck tag): Updated %v; want the move's time", c.Note.ID, c.Note.Updated)
		}
	}
}

// TestMigrateNoteUpdated: a collection from before migration 0002 gets each
// note's Updated from its modified time; the first rebuild with unchanged
// content keeps it, a later edit moves it.
func TestMigrateNoteUpdated(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	res := feedResult("feed.xml", 1, 1)
	if _, err := s.Import(ctx, "D", res, optNone, t0); err != nil {
		t.Fatal(err)
	}
	// Back to schema 1, as an older feedcards left it.
	old := t0.Add(-48 * time.Hour)
	for _, q := range []string{"ALTER TABLE notes DROP COLUMN updated",
		"DELETE FROM schema_migrations WHERE version > 1", fmt.Sprintf("UPDATE notes SET modified = %d", nanos(old))} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check := func(step string, want time.Time) {
		t.Helper()
		cards, err := s.Cards(ctx, "D")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cards {
			if !c.Note.Updated.Equal(want) {
				t.Fatalf("%s: note %s (%q) Updated = %v; want %v", step, c.NoteID, c.Note.Item.Front(), c.Note.Updated, want)
			}
		}
	}
	check("migrated", old)
	res.Articles[0].Hash += "-rebuilt"
	if _, err := s.Import(ctx, "D", res, optNone, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	check("rebuilt, same content", old)
	res.Articles[0] = article("feed.xml", 0, 1, 5) // every answer edited
	if _, err := s.Import(ctx, "D", res, optNone, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	check("edited", t0.Add(2*time.Hour))
}
