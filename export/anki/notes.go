package anki

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

// kind is an Anki note's type, independent of its name in a file.
type kind int

const (
	kindBasic   kind = iota // Front, Back; one card
	kindReverse             // Front, Back; a card each way
	kindCloze               // Text, Back Extra; a card per deletion
)

// maxCloze is the highest cloze number Anki makes a card for.
const maxCloze = 499

// ankiNote is one Anki note built from a feedcards note.
type ankiNote struct {
	guid    string
	kind    kind
	deck    string // cleaned deck name
	front   string // Front or Text (HTML, never empty)
	back    string // Back (HTML); "" for a cloze
	context string // heading path (HTML)
	source  string // the source line (HTML)
	tags    []string
	ords    int // number of cards: 1, 2, or the deletions of a cloze
	// memory holds the feedcards card of each ord, when the input had it.
	memory map[int]*quiz.Card
	added  time.Time // earliest Added of its cards (zero when unknown)
	mod    time.Time // when the content last changed (zero when unknown)
}

// csvBack is the second column of a CSV row: the back (or Back Extra) with
// the source line, since the stock note types have no Source field.
func (n *ankiNote) csvBack() string {
	if n.back == "" {
		return n.source
	}
	if n.source == "" {
		return n.back
	}
	return n.back + "<br><br>" + n.source
}

// group is the cards of one feedcards note, in input order.
type group struct {
	note  *quiz.Note
	cards []*quiz.Card
}

// groupCards collects the cards of each note, notes in order of first
// appearance (the caller's order is deterministic: build order or the
// store's stable order).
func groupCards(cards []quiz.Card) ([]*group, error) {
	var groups []*group
	byID := make(map[string]*group)
	for i := range cards {
		c := &cards[i]
		id := c.NoteID
		if c.Note != nil && c.Note.ID != "" {
			id = c.Note.ID
		}
		if c.Note == nil {
			return nil, fmt.Errorf("card %q: no note", c.ID)
		}
		if id == "" {
			return nil, fmt.Errorf("card %q: note has no id", c.ID)
		}
		g := byID[id]
		if g == nil {
			g = &group{note: c.Note}
			byID[id] = g
			groups = append(groups, g)
		}
		g.cards = append(g.cards, c)
	}
	return groups, nil
}

// buildNotes turns cards into Anki notes, in a deterministic order.
func buildNotes(cards []quiz.Card) ([]*ankiNote, error) {
	groups, err := groupCards(cards)
	if err != nil {
		return nil, err
	}
	out := make([]*ankiNote, 0, len(groups))
	for _, g := range groups {
		ns, err := notesOf(g)
		if err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	return out, nil
}

// notesOf maps one feedcards note to its Anki notes: one, or two for a list
// that has both an enumeration card and cloze cards.
func notesOf(g *group) ([]*ankiNote, error) {
	n := g.note
	var fwd, rev *quiz.Card
	clozes := map[int]*quiz.Card{}
	var added time.Time
	for _, c := range g.cards {
		switch c.Template {
		case quiz.Forward:
			fwd = c
		case quiz.Reverse:
			rev = c
		default:
			k, ok := quiz.ClozeIndex(c.Template)
			if !ok {
				return nil, fmt.Errorf("note %s: card %q has unknown template %q", n.ID, c.ID, c.Template)
			}
			clozes[k] = c
		}
		if !c.Added.IsZero() && (added.IsZero() || c.Added.Before(added)) {
			added = c.Added
		}
	}
	crumb := quiz.Breadcrumb(n)
	base := ankiNote{
		deck:    CleanDeck(n.Deck),
		context: textHTML(crumb),
		source:  sourceLine(n, crumb),
		tags:    noteTags(n),
		added:   added,
		mod:     added,
	}
	if !n.Updated.IsZero() {
		base.mod = n.Updated
	}

	var out []*ankiNote
	hasBasic := fwd != nil || rev != nil || n.Type != quiz.Cloze
	hasCloze := len(clozes) > 0 || n.Type == quiz.Cloze
	if hasBasic {
		an := base
		an.kind = kindBasic
		an.ords = 1
		an.memory = map[int]*quiz.Card{0: fwd}
		if n.Type == quiz.BasicReverse || rev != nil {
			an.kind = kindReverse
			an.ords = 2
			an.memory[1] = rev
		}
		an.guid = n.ID
		if hasCloze && n.Type == quiz.Cloze {
			an.guid = derivedGUID(n.ID, "enumeration")
		}
		front := ""
		if fwd != nil {
			front = fwd.Front
		}
		if strings.TrimSpace(front) == "" {
			front = n.Item.Front()
		}
		an.front = textHTML(strings.TrimSpace(front))
		an.back = backHTML(n, fwd, rev)
		if strings.TrimSpace(stripHTML(an.front)) == "" {
			return nil, fmt.Errorf("note %s: the front is empty", n.ID)
		}
		if strings.TrimSpace(stripHTML(an.back)) == "" {
			return nil, fmt.Errorf("note %s (%q): the back is empty", n.ID, n.Item.Front())
		}
		out = append(out, &an)
	}
	if hasCloze {
		an := base
		an.kind = kindCloze
		an.guid = n.ID
		if n.Type != quiz.Cloze {
			an.guid = derivedGUID(n.ID, "cloze")
		}
		text, count, err := clozeText(n)
		if err != nil {
			return nil, err
		}
		an.front = text
		an.ords = count
		an.memory = make(map[int]*quiz.Card, count)
		for k, c := range clozes {
			if k <= count {
				an.memory[k-1] = c
			}
		}
		out = append(out, &an)
	}
	return out, nil
}

// backHTML is the answer side: the item's HTML when the extractor kept it
// (sanitised), else the escaped plain text; a list's items as an HTML list.
func backHTML(n *quiz.Note, fwd, rev *quiz.Card) string {
	it := n.Item
	switch {
	case it.Kind == extract.FAQ && strings.TrimSpace(it.AnswerHTML) != "":
		return sanitizeHTML(it.AnswerHTML)
	case it.Kind == extract.FAQ && strings.TrimSpace(it.Answer) != "":
		return textHTML(strings.TrimSpace(it.Answer))
	case it.Kind == extract.Definition && strings.TrimSpace(it.DefinitionHTML) != "":
		return sanitizeHTML(it.DefinitionHTML)
	case it.Kind == extract.Definition && strings.TrimSpace(it.Definition) != "":
		return textHTML(strings.TrimSpace(it.Definition))
	case it.Kind == extract.List && len(it.Items) > 0:
		tag := "ul"
		if it.Ordered {
			tag = "ol"
		}
		var b strings.Builder
		b.WriteString("<" + tag + ">")
		for _, s := range it.Items {
			b.WriteString("<li>" + textHTML(strings.TrimSpace(s)) + "</li>")
		}
		b.WriteString("</" + tag + ">")
		return b.String()
	}
	switch {
	case fwd != nil && strings.TrimSpace(fwd.Back) != "":
		return textHTML(strings.TrimSpace(fwd.Back))
	case rev != nil && strings.TrimSpace(rev.Front) != "":
		return textHTML(strings.TrimSpace(rev.Front))
	}
	return ""
}

// clozeText is a cloze note's Text: the prompt, then the steps as an
// ordered list, step i hidden by deletion ci. Every piece is escaped so the
// cloze syntax cannot break.
func clozeText(n *quiz.Note) (string, int, error) {
	it := n.Item
	var items []string
	for _, s := range it.Items {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	if len(items) == 0 {
		return "", 0, fmt.Errorf("note %s (%q): a cloze note needs list items", n.ID, it.Front())
	}
	if len(items) > maxCloze {
		items = items[:maxCloze]
	}
	lead := strings.TrimSpace(it.Prompt)
	if lead == "" {
		lead = strings.TrimSpace(it.Heading)
	}
	var b strings.Builder
	if lead != "" {
		b.WriteString(clozeEscape(textHTML(lead)))
	}
	b.WriteString("<ol>")
	for i, s := range items {
		fmt.Fprintf(&b, "<li>{{c%d::%s}}</li>", i+1, clozeEscape(textHTML(s)))
	}
	b.WriteString("</ol>")
	return b.String(), len(items), nil
}

// sourceLine is "Source: " and a link per source: the first with the
// heading path (crumb), linked to the nearest section.
func sourceLine(n *quiz.Note, crumb string) string {
	srcs := n.Sources
	if len(srcs) == 0 {
		srcs = []extract.Source{n.Item.Source}
	}
	var parts []string
	seen := map[string]bool{}
	for i, s := range srcs {
		label := strings.TrimSpace(s.Title)
		if path := crumb; i == 0 && path != "" {
			if label == "" {
				label = path
			} else {
				label += " › " + path
			}
		}
		if label == "" {
			label = s.URL
		}
		if label == "" {
			continue
		}
		href := s.SectionURL
		if href == "" {
			href = s.URL
		}
		key := label + "\x00" + href
		if seen[key] {
			continue
		}
		seen[key] = true
		if safeURL(href) {
			parts = append(parts, `<a href="`+escapeText(href)+`">`+escapeText(label)+`</a>`)
		} else {
			parts = append(parts, escapeText(label))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return `<span class="fc-source">Source: ` + strings.Join(parts, " · ") + `</span>`
}

// safeURL reports whether u is an absolute http(s) URL.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return false
	}
	return p.Scheme == "http" || p.Scheme == "https"
}

// noteTags are the note's own tags, cleaned; without any, slugs of the deck
// and of each source article. Sorted, without duplicates.
func noteTags(n *quiz.Note) []string {
	var tags []string
	for _, t := range n.Tags {
		if t = cleanTag(t); t != "" {
			tags = append(tags, t)
		}
	}
	if len(tags) == 0 {
		if s := slug(n.Deck); s != "" {
			tags = append(tags, s)
		}
		srcs := n.Sources
		if len(srcs) == 0 {
			srcs = []extract.Source{n.Item.Source}
		}
		for _, s := range srcs {
			if t := slug(s.Title); t != "" {
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	return slices.Compact(tags)
}

// base91 is Anki's GUID alphabet (notes/mod.rs, genanki util.py).
const base91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"

// derivedGUID is the GUID of an extra Anki note made from one feedcards
// note (the enumeration beside a cloze): base-91 of the first 8 bytes of
// SHA-256("feedcards" ␟ note id ␟ role), in the spirit of ANKI.md §2.7.
func derivedGUID(noteID, role string) string {
	sum := sha256.Sum256([]byte("feedcards\x1f" + noteID + "\x1f" + role))
	v := binary.BigEndian.Uint64(sum[:8])
	var buf []byte
	for v > 0 {
		buf = append(buf, base91[v%91])
		v /= 91
	}
	if len(buf) == 0 {
		buf = append(buf, base91[0])
	}
	slices.Reverse(buf)
	return string(buf)
}
