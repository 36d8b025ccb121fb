package text

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

// WriteMarkdown writes a study sheet: a title, then per article (in order
// of first appearance) a linked heading, per section its breadcrumb, and
// per note its question in bold with the answer below (lists as lists).
// Each note appears once, whatever its number of cards.
func WriteMarkdown(w io.Writer, title string, cards []quiz.Card) error {
	type entry struct {
		note  *quiz.Note
		front string
		back  string
	}
	type section struct {
		name    string
		entries []*entry
	}
	type article struct {
		title, url string
		sections   []*section
		byName     map[string]*section
	}
	var articles []*article
	byArticle := map[string]*article{}
	seen := map[string]bool{}
	notes := 0
	for i := range cards {
		c := &cards[i]
		n := c.Note
		if n == nil {
			return fmt.Errorf("card %q: no note", c.ID)
		}
		if seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		notes++
		src := n.Item.Source
		if len(n.Sources) > 0 {
			src = n.Sources[0]
		}
		key := src.EntryID + "\x00" + src.URL + "\x00" + src.Title
		a := byArticle[key]
		if a == nil {
			a = &article{title: src.Title, url: src.URL, byName: map[string]*section{}}
			if a.title == "" {
				a.title = "Untitled article"
			}
			byArticle[key] = a
			articles = append(articles, a)
		}
		name := quiz.Breadcrumb(n)
		s := a.byName[name]
		if s == nil {
			s = &section{name: name}
			a.byName[name] = s
			a.sections = append(a.sections, s)
		}
		front, back := c.Front, c.Back
		if c.Template != quiz.Forward {
			// the note's forward side reads best on a sheet
			front, back = n.Item.Front(), ""
			for j := range cards {
				if cards[j].Note != nil && cards[j].Note.ID == n.ID && cards[j].Template == quiz.Forward {
					front, back = cards[j].Front, cards[j].Back
					break
				}
			}
		}
		s.entries = append(s.entries, &entry{note: n, front: front, back: back})
	}

	bw := bufio.NewWriter(w)
	if title == "" {
		title = "feedcards"
	}
	fmt.Fprintf(bw, "# %s\n\n", mdInline(title))
	fmt.Fprintf(bw, "%d notes from %d articles.\n", notes, len(articles))
	for _, a := range articles {
		if a.url != "" {
			fmt.Fprintf(bw, "\n## [%s](%s)\n", mdInline(a.title), mdURL(a.url))
		} else {
			fmt.Fprintf(bw, "\n## %s\n", mdInline(a.title))
		}
		for _, s := range a.sections {
			if s.name != "" {
				fmt.Fprintf(bw, "\n### %s\n", mdInline(s.name))
			}
			for _, e := range s.entries {
				writeEntry(bw, e.note, e.front, e.back)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	return nil
}

func writeEntry(w *bufio.Writer, n *quiz.Note, front, back string) {
	it := n.Item
	if strings.TrimSpace(front) == "" {
		front = it.Front()
	}
	fmt.Fprintf(w, "\n**%s**\n", mdInline(strings.TrimSpace(front)))
	switch {
	case it.Kind == extract.List && len(it.Items) > 0:
		w.WriteString("\n")
		for i, item := range it.Items {
			if it.Ordered {
				fmt.Fprintf(w, "%d. %s\n", i+1, mdInline(item))
			} else {
				fmt.Fprintf(w, "- %s\n", mdInline(item))
			}
		}
	default:
		ans := back
		if strings.TrimSpace(ans) == "" {
			if it.Kind == extract.FAQ {
				ans = it.Answer
			} else {
				ans = it.Definition
			}
		}
		for _, line := range strings.Split(strings.TrimSpace(ans), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				fmt.Fprintf(w, "\n%s\n", mdBlock(line))
			}
		}
	}
	if len(n.Sources) > 1 {
		var links []string
		for _, s := range n.Sources[1:] {
			if s.URL != "" {
				links = append(links, fmt.Sprintf("[%s](%s)", mdInline(s.Title), mdURL(s.URL)))
			} else {
				links = append(links, mdInline(s.Title))
			}
		}
		fmt.Fprintf(w, "\n_Also in: %s_\n", strings.Join(links, ", "))
	}
}

// mdInline escapes text for inline Markdown, keeping `code` spans as they
// are and folding line breaks into spaces.
func mdInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	inCode := false
	if strings.Count(s, "`")%2 == 1 {
		s = strings.ReplaceAll(s, "`", "\\`")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && s[i+1] == '`' {
			b.WriteString("\\`")
			i++
			continue
		}
		if c == '`' {
			inCode = !inCode
			b.WriteByte(c)
			continue
		}
		if !inCode && strings.IndexByte("\\*_[]<>|", c) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdBlock is mdInline for a paragraph: a line that would start a heading,
// list or quote gets its marker escaped.
func mdBlock(s string) string {
	s = mdInline(s)
	switch {
	case strings.HasPrefix(s, "#"), strings.HasPrefix(s, "- "), strings.HasPrefix(s, "+ "), strings.HasPrefix(s, "="):
		return "\\" + s
	}
	if i := strings.IndexAny(s, ".)"); i > 0 && i < 10 && strings.Trim(s[:i], "0123456789") == "" && (len(s) == i+1 || s[i+1] == ' ') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// mdURL makes a URL safe inside (…): spaces and parentheses encoded.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}
