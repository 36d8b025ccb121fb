package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// runEntries decodes and extracts n entries on up to opt.Workers goroutines
// (GOMAXPROCS by default). decode(i) reads entry i from the source. The
// articles come back in document order — or, with opt.Emit, go to Emit in
// document order as soon as they and all before them are done, and are not
// kept. An entry that cannot be read or extracted is left out and named in
// a warning instead. ok counts the articles extracted.
func runEntries(ctx context.Context, n int, opt Options, decode func(i int) (entryInput, error)) (arts []Article, warns []string, ok int) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	arts = make([]Article, n)
	errs := make([]error, n)
	ids := make([]string, n)
	finished := make([]bool, n)

	var mu sync.Mutex // guards finished, done, emitted; serialises Progress and Emit
	done, emitted := 0, 0
	if opt.Progress != nil {
		opt.Progress(0, n)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				art, id, err := extractOne(i, decode, !opt.NoHash)
				mu.Lock()
				arts[i], ids[i], errs[i], finished[i] = art, id, err, true
				done++
				if opt.Progress != nil {
					opt.Progress(done, n)
				}
				if opt.Emit != nil {
					for emitted < n && finished[emitted] {
						if errs[emitted] == nil {
							opt.Emit(arts[emitted])
							arts[emitted] = Article{} // emitted: let it go
						}
						emitted++
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()

	out := arts[:0]
	for i := range n {
		if !finished[i] {
			continue // canceled before its turn
		}
		if errs[i] != nil {
			if ids[i] != "" {
				warns = append(warns, oneLineMsg(fmt.Sprintf("entry %d (%s): %v", i+1, ids[i], errs[i])))
			} else {
				warns = append(warns, oneLineMsg(fmt.Sprintf("entry %d: %v", i+1, errs[i])))
			}
			continue
		}
		ok++
		if opt.Emit == nil {
			out = append(out, arts[i])
		}
	}
	clear(arts[len(out):]) // let skipped slots' items be collected
	if opt.Emit != nil {
		out = nil
	}
	return out, warns, ok
}

// extractOne reads and extracts entry i. A panic in extraction becomes that
// entry's error: one odd page must not take the whole feed down.
func extractOne(i int, decode func(int) (entryInput, error), hash bool) (art Article, id string, err error) {
	defer func() {
		if r := recover(); r != nil {
			art, err = Article{}, fmt.Errorf("internal error while extracting: %v", r)
		}
	}()
	in, err := decode(i)
	id = in.Src.EntryID
	if err != nil {
		return Article{}, id, err
	}
	art = extractEntry(in)
	if art.EntryID == "" {
		art.EntryID = in.Src.EntryID
	}
	if art.Title == "" {
		art.Title = in.Src.Title
	}
	if art.URL == "" {
		art.URL = in.Src.URL
	}
	if hash {
		art.Hash = articleHash(art.Title, art.URL, in.HTML)
	}
	return art, id, nil
}

// articleHash is the hex SHA-256 of an article's title, URL and content
// (NUL-separated, so fields cannot run into each other).
func articleHash(title, url, content string) string {
	h := sha256.New()
	// Through one small buffer: []byte(content) would copy the whole page.
	var buf [4096]byte
	for _, s := range [...]string{title, "\x00", url, "\x00", content} {
		for len(s) > 0 {
			n := copy(buf[:], s)
			h.Write(buf[:n])
			s = s[n:]
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
