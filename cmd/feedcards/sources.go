package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/feedcards/feedcards/extract"
	"github.com/schollz/progressbar/v3"
)

// isSource reports whether a command-line argument names a source rather
// than a deck: "-" (stdin), an http(s) URL, or an existing path.
func isSource(arg string) bool {
	if arg == "-" || extract.IsURL(arg) {
		return true
	}
	_, err := os.Stat(arg)
	return err == nil
}

// maxConcurrentSources bounds how many sources are fetched and parsed at
// once (each one also extracts its entries on GOMAXPROCS workers).
const maxConcurrentSources = 4

// loadSources loads every source, several at once, and returns their
// results in argument order. Standard input feeds "-" and a.http fetches
// URLs unless opt says otherwise. Warnings go to a.errOut as
// "feedcards: warning: <src>: …". A progress bar shows on a terminal stderr
// when there are several sources or many entries. The first failing source
// (in argument order) is the error. With opt.Emit set the sources are
// loaded one after the other, so articles stream out in argument order.
func (a *app) loadSources(ctx context.Context, srcs []string, opt extract.Options) ([]*extract.Result, error) {
	stdin := 0
	for _, s := range srcs {
		if s == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, usageErrorf("standard input (-) can be read only once")
	}
	if opt.Stdin == nil {
		opt.Stdin = a.in
	}
	if opt.HTTP == nil {
		opt.HTTP = a.http
	}
	bar := a.newEntryBar(len(srcs))
	if bar != nil {
		defer bar.finish()
	}

	// A failing source cancels the sources after it, never those before
	// it: the error reported is always the first in argument order.
	ctxs := make([]context.Context, len(srcs))
	cancels := make([]context.CancelFunc, len(srcs))
	for i := range srcs {
		ctxs[i], cancels[i] = context.WithCancel(ctx)
		defer cancels[i]()
	}
	results := make([]*extract.Result, len(srcs))
	errs := make([]error, len(srcs))
	load := func(i int) {
		o := opt
		if bar != nil {
			o.Progress = bar.progressFunc()
		}
		results[i], errs[i] = extract.Load(ctxs[i], srcs[i], o)
		if errs[i] != nil {
			for _, c := range cancels[i+1:] {
				c()
			}
		}
	}
	if opt.Emit != nil {
		// Streamed articles must come out source by source.
		for i := range srcs {
			if load(i); errs[i] != nil {
				break
			}
		}
	} else {
		sem := make(chan struct{}, maxConcurrentSources)
		var wg sync.WaitGroup
		for i := range srcs {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				load(i)
			})
		}
		wg.Wait()
	}
	// A real failure beats the cancellations it caused in other sources.
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if bar != nil {
		bar.finish()
	}
	for i, r := range results {
		for _, w := range r.Warnings {
			fmt.Fprintf(a.errOut, "feedcards: warning: %s: %s\n", sourceName(srcs[i]), w)
		}
	}
	return results, nil
}

// sourceName is how messages name a source.
func sourceName(src string) string {
	if src == "-" {
		return "stdin"
	}
	return src
}

// entryBar counts extracted entries over all sources on stderr.
type entryBar struct {
	mu      sync.Mutex
	w       io.Writer
	bar     *progressbar.ProgressBar
	total   int64
	sources int
	done    bool
}

// barMinEntries is the entry count from which one source gets a bar.
const barMinEntries = 50

// newEntryBar returns a bar when stderr is a terminal, else nil.
func (a *app) newEntryBar(sources int) *entryBar {
	if !a.errTerminal {
		return nil
	}
	return &entryBar{w: a.errOut, sources: sources}
}

// progressFunc returns an extract.Options.Progress for one source.
func (b *entryBar) progressFunc() func(done, total int) {
	return func(done, total int) {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.done {
			return
		}
		if done == 0 {
			b.total += int64(total)
			if b.bar == nil && (b.sources > 1 || b.total >= barMinEntries) {
				b.bar = progressbar.NewOptions64(b.total,
					progressbar.OptionSetWriter(b.w),
					progressbar.OptionSetDescription("extracting"),
					progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100_000_000),
				)
			} else if b.bar != nil {
				b.bar.ChangeMax64(b.total)
			}
			return
		}
		if b.bar != nil {
			_ = b.bar.Add(1)
		}
	}
}

func (b *entryBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil && !b.done {
		_ = b.bar.Finish()
		_ = b.bar.Clear()
	}
	b.done = true
}
