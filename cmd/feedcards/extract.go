package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/feedcards/feedcards/extract"
	"github.com/spf13/cobra"
)

// extractOptions are the flags of `feedcards extract`.
type extractOptions struct {
	json  bool
	kinds string
}

func newExtractCmd(a *app) *cobra.Command {
	var o extractOptions
	cmd := &cobra.Command{
		Use:   "extract SOURCE...",
		Short: "Show the study items found in feeds and pages",
		Long: "Extract reads each SOURCE — a feed (RSS, Atom, JSON Feed) or an HTML page, given as a\n" +
			"file path, an http(s) URL or - for standard input — and lists the FAQ pairs,\n" +
			"definitions and lists it finds, grouped by article and section, with counts per\n" +
			"kind at the end. --json prints JSON Lines instead: one item per line, in document order.",
		Example: "  feedcards extract testdata/feeds/software-engineering.atom.xml\n" +
			"  feedcards extract --json --kind faq,definition https://example.com/feed.xml\n" +
			"  curl -s https://example.com/feed.xml | feedcards extract -",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExtract(cmd, args, o)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON Lines, one item per line")
	cmd.Flags().StringVar(&o.kinds, "kind", "", "only these kinds, comma-separated: faq, definition, list")
	return cmd
}

// parseKinds reads a --kind value; "" means every kind.
func parseKinds(s string) (map[extract.Kind]bool, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	kinds := map[extract.Kind]bool{}
	for _, k := range strings.Split(s, ",") {
		switch kind := extract.Kind(strings.ToLower(strings.TrimSpace(k))); kind {
		case extract.FAQ, extract.Definition, extract.List:
			kinds[kind] = true
		default:
			return nil, usageErrorf("--kind: unknown kind %q (want faq, definition or list)", strings.TrimSpace(k))
		}
	}
	return kinds, nil
}

// checkSources rejects arguments that are not sources before anything runs.
func checkSources(args []string) error {
	for _, arg := range args {
		if !isSource(arg) {
			return fmt.Errorf("%s: no such file", arg)
		}
	}
	return nil
}

func (a *app) runExtract(cmd *cobra.Command, args []string, o extractOptions) error {
	kinds, err := parseKinds(o.kinds)
	if err != nil {
		return err
	}
	if err := checkSources(args); err != nil {
		return err
	}
	w := bufio.NewWriterSize(a.out, 64<<10)
	var out itemOutput = &listing{w: w, kinds: kinds, multi: len(args) > 1}
	if o.json {
		out = &jsonLines{w: w, kinds: kinds}
	}
	opt := extract.Options{NoHash: true} // the hash only serves `add`
	var werr error
	if len(args) == 1 {
		// One source: stream the articles out as they are extracted, so a
		// big feed never holds all its items. Every source-level error
		// comes before the first article.
		opt.Emit = func(art extract.Article) {
			if werr == nil {
				werr = out.article(art)
			}
		}
	}
	results, err := a.loadSources(cmd.Context(), args, opt)
	if err != nil {
		return err
	}
	for _, r := range results {
		if werr == nil && opt.Emit == nil {
			werr = out.source(r)
			for _, art := range r.Articles {
				if werr == nil {
					werr = out.article(art)
				}
			}
		}
	}
	if werr == nil {
		werr = out.finish()
	}
	if werr == nil {
		werr = w.Flush()
	}
	if werr != nil {
		return fmt.Errorf("writing output: %w", werr)
	}
	return nil
}

// itemOutput writes extracted articles in one of extract's output formats.
type itemOutput interface {
	source(r *extract.Result) error // a new source begins (several sources only)
	article(art extract.Article) error
	finish() error
}

// jsonLines writes one JSON object per item, in document order.
type jsonLines struct {
	w     *bufio.Writer
	kinds map[extract.Kind]bool
	buf   []byte // one line, reused
}

func (j *jsonLines) source(*extract.Result) error { return nil }
func (j *jsonLines) finish() error                { return nil }

func (j *jsonLines) article(art extract.Article) error {
	for _, it := range art.Items {
		if j.kinds != nil && !j.kinds[it.Kind] {
			continue
		}
		j.buf = append(it.AppendJSON(j.buf[:0]), '\n')
		if _, err := j.w.Write(j.buf); err != nil {
			return err
		}
	}
	return nil
}

// listing is the readable output: per article its title and URL, then its
// items under section breadcrumbs; the counts per kind at the end.
type listing struct {
	w                   io.Writer
	kinds               map[extract.Kind]bool
	multi               bool // several sources: a header before each
	counts              [3]int
	articles, withItems int
}

func (l *listing) source(r *extract.Result) error {
	if !l.multi {
		return nil
	}
	title := r.Feed
	if title == "" {
		title = "(page)"
	}
	_, err := fmt.Fprintf(l.w, "# %s — %s\n\n", title, sourceName(r.FeedURL))
	return err
}

func (l *listing) article(art extract.Article) error {
	l.articles++
	var items []extract.Item
	for _, it := range art.Items {
		if l.kinds == nil || l.kinds[it.Kind] {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil
	}
	l.withItems++
	fmt.Fprintf(l.w, "%s\n", art.Title)
	if art.URL != "" {
		fmt.Fprintf(l.w, "%s\n", art.URL)
	}
	section := "\x00"
	for _, it := range items {
		switch it.Kind {
		case extract.FAQ:
			l.counts[0]++
		case extract.Definition:
			l.counts[1]++
		case extract.List:
			l.counts[2]++
		}
		if crumbs := strings.Join(it.Context, " › "); crumbs != section {
			section = crumbs
			if crumbs == "" {
				crumbs = "(top)"
			}
			fmt.Fprintf(l.w, "\n  %s\n", crumbs)
		}
		writeItem(l.w, it)
	}
	_, err := fmt.Fprintln(l.w)
	return err
}

func (l *listing) finish() error {
	total := l.counts[0] + l.counts[1] + l.counts[2]
	_, err := fmt.Fprintf(l.w, "%d items from %d of %d articles: %d faq, %d definition, %d list\n",
		total, l.withItems, l.articles, l.counts[0], l.counts[1], l.counts[2])
	return err
}

func writeItem(w io.Writer, it extract.Item) {
	switch it.Kind {
	case extract.FAQ:
		fmt.Fprintf(w, "    Q: %s\n    A: %s\n", it.Question, it.Answer)
	case extract.Definition:
		fmt.Fprintf(w, "    %s — %s\n", it.Term, it.Definition)
	case extract.List:
		var b strings.Builder
		for i, s := range it.Items {
			if i > 0 {
				b.WriteByte(' ')
			}
			if it.Ordered {
				fmt.Fprintf(&b, "%d. %s", i+1, s)
			} else {
				fmt.Fprintf(&b, "• %s", s)
			}
		}
		sep := ": "
		if strings.HasSuffix(it.Prompt, ":") || strings.HasSuffix(it.Prompt, "?") {
			sep = " "
		}
		fmt.Fprintf(w, "    %s%s%s\n", it.Prompt, sep, b.String())
	}
}
