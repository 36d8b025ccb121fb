package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
	"github.com/feedcards/feedcards/quiz/fsrs"
)

// benchFeed is a 1,000-entry feed with 8 item sets per entry: 48,000 cards,
// about what the sample feed's articles give per entry (≈50 cards).
func benchFeed(entries int) *extract.Result {
	res := feedResult("bench.xml", 0, 0)
	for e := 0; e < entries; e++ {
		res.Articles = append(res.Articles, article("bench.xml", e, 8, 0))
	}
	return res
}

// BenchmarkImport: the first import of a 1k-entry feed into a new collection.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	res := benchFeed(1000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "c.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := s.Import(ctx, "Bench", res, optNone, t0)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if st.New != 1000*8*cardsPerItemSet {
			b.Fatalf("import: %v", st)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkImportUnchanged: re-importing the same unchanged 1k-entry feed.
func BenchmarkImportUnchanged(b *testing.B) {
	ctx := context.Background()
	res := benchFeed(1000)
	s, err := Open(ctx, filepath.Join(b.TempDir(), "c.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, "Bench", res, optNone, t0); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := s.Import(ctx, "Bench", res, optNone, t0)
		if err != nil {
			b.Fatal(err)
		}
		if st.Unchanged != 1000*8*cardsPerItemSet {
			b.Fatalf("re-import: %v", st)
		}
	}
}

var big struct {
	once sync.Once
	s    *Store
	err  error
}

// bigCollection holds 100,800 cards (2,100 entries × 8 × 6): 90% in review
// with due dates spread over a year around now (≈ 1 in 8 overdue), the rest
// new. It is built once per test process and shared by the benchmarks.
func bigCollection(b *testing.B) *Store {
	b.Helper()
	big.once.Do(func() {
		ctx := context.Background()
		dir, err := os.MkdirTemp("", "feedcards-bench-")
		if err != nil {
			big.err = err
			return
		}
		benchCleanup = func() { os.RemoveAll(dir) }
		s, err := Open(ctx, filepath.Join(dir, "c.db"))
		if err != nil {
			big.err = err
			return
		}
		if _, err := s.Import(ctx, "Bench", benchFeed(2100), optNone, t0); err != nil {
			big.err = err
			return
		}
		day := int64(24 * time.Hour)
		if _, err := s.db.ExecContext(ctx, `UPDATE cards SET state = 2, stability = 10, difficulty = 5, reps = 3,
			last_review = ?, due = ? + ((seq * 7919) % 365 - 45) * ? WHERE seq % 10 <> 0`, nanos(t0.AddDate(0, 0, -10)), nanos(t0), day); err != nil {
			big.err = err
			return
		}
		if _, err := s.db.ExecContext(ctx, "ANALYZE"); err != nil {
			big.err = err
			return
		}
		big.s = s
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.s
}

// BenchmarkStudyQueue: the first screen of `study` on a 100k-card
// collection: the queue of due cards and today's new cards, capped at 200.
func BenchmarkStudyQueue(b *testing.B) {
	ctx := context.Background()
	s := bigCollection(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q, err := s.StudyQueue(ctx, "Bench", t0, quiz.QueueOptions{DayStart: t0.Add(-8 * time.Hour), Limit: 200})
		if err != nil {
			b.Fatal(err)
		}
		if len(q) != 200 {
			b.Fatalf("queue of %d cards", len(q))
		}
	}
}

// BenchmarkStudyQueueAll: the whole queue (every overdue card, ≈ 12k, and 20 new).
func BenchmarkStudyQueueAll(b *testing.B) {
	ctx := context.Background()
	s := bigCollection(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q, err := s.StudyQueue(ctx, "", t0, quiz.QueueOptions{DayStart: t0.Add(-8 * time.Hour)})
		if err != nil {
			b.Fatal(err)
		}
		if len(q) < 1000 {
			b.Fatalf("queue of %d cards", len(q))
		}
	}
}

// BenchmarkSaveReview: one grade saved (card update + log row, one transaction)
// in a 100k-card collection.
func BenchmarkSaveReview(b *testing.B) {
	ctx := context.Background()
	s := bigCollection(b)
	q, err := s.StudyQueue(ctx, "Bench", t0, quiz.QueueOptions{Limit: 500})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := q[i%len(q)]
		before := c.Memory
		c.Memory.Reps++
		c.Memory.Due = t0.AddDate(0, 0, 5)
		c.Memory.LastReview = t0
		if err := s.SaveReview(ctx, c, quiz.ReviewLog{CardID: c.ID, At: t0.Add(time.Duration(i)), Rating: fsrs.Good,
			StateBefore: before.State, StateAfter: fsrs.Review, Before: before}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCards: every card of a 100k-card deck with its note (what
// `export` reads).
func BenchmarkCards(b *testing.B) {
	ctx := context.Background()
	s := bigCollection(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cards, err := s.Cards(ctx, "Bench")
		if err != nil {
			b.Fatal(err)
		}
		if len(cards) != 2100*8*cardsPerItemSet {
			b.Fatalf("%d cards", len(cards))
		}
	}
}
