package extract

import (
	"net/url"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// entryInput is one entry's HTML (or a whole page) with what the feed said of it.
type entryInput struct {
	Src  Source // Feed, FeedURL, EntryID, Title, URL as the feed gives them; SectionURL empty
	HTML string // the entry's content, or the whole page
	Page bool   // HTML is a whole page (see extractEntry)
}

// head is one heading on the current heading path.
type head struct {
	level int
	text  string
}

// extractor holds the state of one walk over one entry. It is created per
// entry, so extractEntry is safe for concurrent use.
type extractor struct {
	src         Source
	base        *url.URL
	heads       []head
	pseudo      string               // bold run-in pseudo-heading of the current section
	anchor      string               // id of the nearest preceding heading/section/anchor
	faqLevel    int                  // > 0 inside an FAQ section headed at that level
	inFAQBox    int                  // > 0 inside an FAQ/accordion container
	prose       *xhtml.Node          // heading whose first paragraph may define it
	leadIn      string               // the paragraph introducing the list being read
	seqs        map[*xhtml.Node]Item // lists of subheadings, keyed by their parent heading
	memos       map[memoKey]bool     // cached regexp tests, see memo
	nested      bool                 // reading the items of a nested list
	collect     *[]defCand           // when set, list item definitions go here
	laterProse  []proseJob           // list item texts read for prose once the list is settled
	headToks    map[string]bool      // headingTokens cache, for the path headToksKey
	headToksKey string
	lastWhy     string                 // why defCandidate last rejected a label
	texts       map[*xhtml.Node]string // textOf(n, textOpts{}) cache
	owns        map[*xhtml.Node]string // textOf(n, textOpts{skipLists: true}) cache
	proseFirst  bool                   // the paragraph under x.prose is the heading's first
	used        map[*xhtml.Node]bool
	items       []Item
	seen        map[string]int // kind + normalised front → index in items
	ldjson      []string

	proseHead     *xhtml.Node // the heading proseTerm last read
	proseHeadTerm string      // its term
	proseHeadOK   bool        // whether the term is one concept

	candBuf []defCand // a list's definition candidates, reused from list to list
}

// extractEntry parses the entry's HTML once and returns its article and
// items in document order. For a page it also fills the title (<title>,
// og:title or the first h1) and the canonical URL, and keeps only the main
// content (<article>, <main>, else <body> without nav/header/footer/aside).
// The Hash field is left for the caller.
func extractEntry(in entryInput) Article {
	art := Article{EntryID: in.Src.EntryID, Title: in.Src.Title, URL: in.Src.URL}
	doc, err := xhtml.Parse(strings.NewReader(in.HTML))
	if err != nil {
		return art
	}
	x := &extractor{src: in.Src, used: map[*xhtml.Node]bool{}, seen: map[string]int{}}
	if in.Src.URL != "" {
		if u, err := url.Parse(in.Src.URL); err == nil {
			x.base = u
		}
	}
	x.prepare(doc)
	root := findFirst(doc, func(n *xhtml.Node) bool { return n.DataAtom == atom.Body })
	if root == nil {
		root = doc
	}
	if in.Page {
		x.pageMeta(doc, &art)
		x.src.Title, x.src.URL = art.Title, art.URL
		if x.src.EntryID == "" {
			x.src.EntryID = art.URL
			art.EntryID = art.URL
		}
		if u, err := url.Parse(art.URL); err == nil && art.URL != "" {
			x.base = u
		}
		root = mainContent(root)
	}
	x.resolveLinks(root)
	x.headingSequences(root)
	x.walk(root)
	x.structuredFAQ()
	art.Items = x.items
	return art
}

// prepare restores math/tex scripts to text, collects JSON-LD, and drops
// the parts of the tree that never carry card text.
func (x *extractor) prepare(doc *xhtml.Node) {
	var drop, paras []*xhtml.Node
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.P:
				paras = append(paras, c)
			case atom.Script:
				typ := strings.ToLower(strings.TrimSpace(attr(c, "type")))
				switch {
				case strings.HasPrefix(typ, "math/tex"):
					var s string
					if c.FirstChild != nil {
						s = c.FirstChild.Data
					}
					drop = append(drop, c)
					c.Parent.InsertBefore(&xhtml.Node{Type: xhtml.TextNode, Data: "$" + s + "$"}, c)
				case typ == "application/ld+json":
					if c.FirstChild != nil {
						x.ldjson = append(x.ldjson, c.FirstChild.Data)
					}
					drop = append(drop, c)
				default:
					drop = append(drop, c)
				}
				continue
			case atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Form, atom.Svg, atom.Iframe:
				drop = append(drop, c)
				continue
			case atom.Header:
				// An article's own header holds its title; a page's is chrome.
				if attr(c, "itemtype") == "" && !insideContent(c) {
					drop = append(drop, c)
					continue
				}
			case atom.Footer, atom.Aside:
				if attr(c, "itemtype") == "" {
					drop = append(drop, c)
					continue
				}
			case atom.A:
				// Sphinx/MkDocs permalink anchors ("¶", "#").
				if hasClass(c, "headerlink") || hasClass(c, "anchor") || hasClass(c, "hash-link") || hasClass(c, "anchorjs-link") || hasClass(c, "permalink") {
					t := strings.TrimFunc(x.text(c), invisible)
					if !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
						if id := attr(c, "id"); id == "" {
							drop = append(drop, c)
							continue
						}
					}
				}
			}
			role := attr(c, "role")
			if role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
				isTOC(c) || x.apparatus(c) {
				drop = append(drop, c)
				continue
			}
			visit(c)
		}
	}
	visit(doc)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	for _, p := range paras {
		if p.Parent != nil {
			splitLabelLines(p)
		}
	}
}

// splitLabelLines turns a paragraph of <br>-separated lines that each open
// with a bold or code label ("<b>Latency:</b> …<br><b>Jitter:</b> …") into
// one paragraph a line, as if each had been written as its own.
func splitLabelLines(p *xhtml.Node) {
	var lines [][]*xhtml.Node // the lines before each <br>
	var line []*xhtml.Node
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.DataAtom == atom.Br {
			lines, line = append(lines, line), nil
			continue
		}
		line = append(line, c)
	}
	if len(lines) == 0 {
		return // no <br>
	}
	lines = append(lines, line)
	kept := lines[:0]
	for _, l := range lines {
		var first *xhtml.Node
		for _, c := range l {
			if c.Type == xhtml.TextNode && strings.TrimSpace(c.Data) == "" {
				continue
			}
			first = c
			break
		}
		if first == nil {
			continue // an empty line
		}
		if first.Type != xhtml.ElementNode || !isBold(first) && !isCode(first) {
			return // a line without a label: the paragraph stays whole
		}
		kept = append(kept, l)
	}
	if len(kept) < 2 {
		return
	}
	for i, l := range kept {
		np := &xhtml.Node{Type: xhtml.ElementNode, Data: "p", DataAtom: atom.P}
		if i == 0 {
			np.Attr = p.Attr
		}
		for _, c := range l {
			p.RemoveChild(c)
			np.AppendChild(c)
		}
		p.Parent.InsertBefore(np, p)
	}
	p.Parent.RemoveChild(p)
}

// invisible reports whether r prints nothing: space, or a zero-width
// character such as the one Docusaurus puts in its heading anchors.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

// apparatus reports whether element n is page apparatus rather than
// content: a wiki's "[edit]" links, status badges, citation and footnote
// markers ("[1]"), the footnote or reference list itself, and the
// one-word title of a note box ("Note", "tip").
func (x *extractor) apparatus(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Span, atom.Abbr:
		// Status badges beside a name ("Optional", "Deprecated").
		return hasClass(n, "mw-editsection") || hasClassLike(n, "badge") && wordCount(x.text(n)) <= 2
	case atom.Sup:
		if hasClass(n, "reference") || hasClassLike(n, "fnref", "footnote-ref", "noprint") {
			return true
		}
		// A bare footnote marker: "[1]", "[a]", or a number linking to
		// a note on the page.
		t := strings.TrimFunc(x.text(n), invisible)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && len(t) <= 24 {
			return true
		}
		a := firstElem(n)
		return a != nil && a.DataAtom == atom.A && strings.HasPrefix(attr(a, "href"), "#") && len(t) <= 4
	case atom.Div, atom.Section, atom.Ol:
		for _, f := range strings.Fields(strings.ToLower(attr(n, "class"))) {
			switch f {
			case "footnotes", "footnote-list", "references", "reflist", "mw-references-wrap", "citations":
				return true
			}
		}
		if n.DataAtom != atom.Div {
			return false
		}
	case atom.P:
	default:
		return false
	}
	// Note-box titles: Sphinx and MkDocs "admonition-title", Docusaurus
	// "admonitionHeading_…", GitHub "markdown-alert-title".
	if hasClassLike(n, "admonition-title", "admonitionheading", "admonition-heading", "markdown-alert-title", "callout-title") {
		return wordCount(x.text(n)) <= 3
	}
	return false
}

// insideContent reports whether n sits inside an <article> or <main>.
func insideContent(n *xhtml.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == xhtml.ElementNode && (p.DataAtom == atom.Article || p.DataAtom == atom.Main || attr(p, "role") == "main") {
			return true
		}
	}
	return false
}

// isTOC reports whether n is a table-of-contents container.
func isTOC(n *xhtml.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Ul && n.DataAtom != atom.Ol && n.DataAtom != atom.Section {
		return false
	}
	for _, f := range strings.Fields(strings.ToLower(attr(n, "class") + " " + attr(n, "id"))) {
		switch f {
		case "toc", "table-of-contents", "tableofcontents", "toc-container", "ez-toc-container", "contents", "toctree-wrapper", "md-nav", "table-of-contents__left-border":
			return true
		}
		if strings.HasPrefix(f, "toc-") || strings.HasSuffix(f, "-toc") || strings.HasPrefix(f, "toc_") {
			return true
		}
	}
	return false
}

// pageMeta fills the article title and canonical URL from a page's head.
func (x *extractor) pageMeta(doc *xhtml.Node, art *Article) {
	var og, title, canon, h1 string
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Meta:
				if p := attr(c, "property"); (p == "og:title" || attr(c, "name") == "og:title") && og == "" {
					og = collapse(attr(c, "content"))
				}
			case atom.Title:
				if title == "" {
					title = x.text(c)
				}
			case atom.Link:
				if canon == "" && strings.EqualFold(attr(c, "rel"), "canonical") {
					canon = strings.TrimSpace(attr(c, "href"))
				}
			case atom.H1:
				if h1 == "" {
					h1 = x.text(c)
				}
			}
			visit(c)
		}
	}
	visit(doc)
	switch {
	case og != "":
		art.Title = og
	case title != "":
		art.Title = cleanTitle(title)
	case h1 != "":
		art.Title = h1
	}
	if canon != "" {
		art.URL = x.resolve(canon)
	}
	if art.EntryID == "" {
		art.EntryID = art.URL
	}
}

// cleanTitle drops a " | Site" or " - Site" suffix from a <title>.
func cleanTitle(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			rest := t[i+len(sep):]
			if wordCount(rest) <= 5 && wordCount(t[:i]) >= 2 {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

// mainContent picks <article>, <main> or [role=main] under body, else body.
func mainContent(body *xhtml.Node) *xhtml.Node {
	if n := findFirst(body, func(n *xhtml.Node) bool { return n.DataAtom == atom.Main || attr(n, "role") == "main" }); n != nil {
		if a := findFirst(n, func(n *xhtml.Node) bool { return n.DataAtom == atom.Article }); a != nil && wordCount(textOf(a, textOpts{})) > wordCount(textOf(n, textOpts{}))/2 {
			return a
		}
		return n
	}
	if n := findFirst(body, func(n *xhtml.Node) bool { return n.DataAtom == atom.Article }); n != nil {
		return n
	}
	return body
}

// findFirst returns the first element under n (depth first) matching f.
func findFirst(n *xhtml.Node, f func(*xhtml.Node) bool) *xhtml.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		if f(c) {
			return c
		}
		if r := findFirst(c, f); r != nil {
			return r
		}
	}
	return nil
}

// resolve makes ref absolute against the article URL.
func (x *extractor) resolve(ref string) string {
	if x.base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return x.base.ResolveReference(u).String()
}

// resolveLinks rewrites relative href/src attributes under n.
func (x *extractor) resolveLinks(n *xhtml.Node) {
	if x.base == nil {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		if c.DataAtom == atom.A || c.DataAtom == atom.Img {
			for i, a := range c.Attr {
				if (a.Key == "href" || a.Key == "src") && a.Val != "" && !strings.HasPrefix(a.Val, "#") {
					c.Attr[i].Val = x.resolve(a.Val)
				}
			}
		}
		x.resolveLinks(c)
	}
}

// context returns a copy of the heading path (h2..h6), with a bold run-in
// pseudo-heading appended when the section uses them.
func (x *extractor) context() []string {
	out := make([]string, 0, len(x.heads)+1)
	for _, h := range x.heads {
		out = append(out, h.text)
	}
	if x.pseudo != "" {
		out = append(out, x.pseudo)
	}
	return out
}

// lowerOpeners are ordinary words that open a back written after a colon
// in lower case ("Producer: a client that …"); a card's back starts a
// sentence, so they get a capital. Other lower-case openers may be names
// ("npm is …") and stay.
var lowerOpeners = map[string]bool{
	"a": true, "an": true, "the": true, "any": true, "anything": true, "each": true, "every": true,
	"some": true, "all": true, "one": true, "how": true, "what": true, "when": true, "where": true,
	"which": true, "who": true, "whether": true, "used": true, "this": true, "these": true, "it": true,
}

// sentenceCase capitalises a back that opens with one of lowerOpeners.
func sentenceCase(s string) string {
	w := s
	if i := strings.IndexByte(s, ' '); i > 0 {
		w = s[:i]
	}
	if w == "" || w[0] < 'a' || w[0] > 'z' || !lowerOpeners[w] {
		return s
	}
	return string(w[0]-'a'+'A') + s[1:]
}

// contextFor is the heading path of item it: a question heading is the
// FAQ item itself, not a place it sits in.
func (x *extractor) contextFor(it Item) []string {
	c := x.context()
	if len(c) == 0 {
		return c
	}
	last := c[len(c)-1]
	// Inside an FAQ section a question heading is one of the questions,
	// not a section the next ones sit in.
	if it.Kind == FAQ && trimEnumerator(last) == it.Question || x.faqLevel > 0 && strings.HasSuffix(last, "?") {
		c = c[:len(c)-1]
	}
	return c
}

// nearestHeading is the innermost heading text, "" at the top.
func (x *extractor) nearestHeading() string {
	if len(x.heads) == 0 {
		return ""
	}
	return x.heads[len(x.heads)-1].text
}

// sectionURL is the article URL with the nearest anchor.
func (x *extractor) sectionURL() string {
	if x.anchor == "" || x.src.URL == "" {
		return ""
	}
	u := x.src.URL
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return u + "#" + x.anchor
}

// add appends an item unless the article already has one of the same kind
// and normalised prompt.
func (x *extractor) add(it Item) bool {
	front := normKey(it.Front())
	if front == "" {
		return false
	}
	key := string(it.Kind) + "\x1f" + front
	if it.Kind == Definition {
		key = string(it.Kind) + "\x1f" + conceptKey(it.Term)
	}
	if i, ok := x.seen[key]; ok && it.Kind == Definition && x.siblingSection(x.items[i].Context) {
		// The same term under two sibling sections ("Bucket Capacity" of
		// a token bucket and of a leaky bucket) is two concepts: keep
		// both, each with its heading as context.
		key += "\x1f" + x.nearestHeading()
	}
	if i, ok := x.seen[key]; ok {
		// Keep one card per concept: the most defining occurrence, at the
		// place of the first.
		if it.Kind == Definition && definingScore(it.Term, it.Definition) > definingScore(x.items[i].Term, x.items[i].Definition) {
			it.Context = x.contextFor(it)
			it.Source = x.src
			it.Source.SectionURL = x.sectionURL()
			it.ID = itemIDKey(x.src, it.Context, it.Kind, front)
			x.items[i] = it
		}
		return false
	}
	if it.Kind == Definition {
		it.Definition, it.DefinitionHTML = sentenceCase(it.Definition), sentenceCase(it.DefinitionHTML)
	}
	if it.Kind == FAQ {
		it.Question = trimEnumerator(it.Question) // "2. Where should backups live?"
	}
	x.seen[key] = len(x.items)
	it.Context = x.contextFor(it)
	it.Source = x.src
	it.Source.SectionURL = x.sectionURL()
	it.ID = itemIDKey(x.src, it.Context, it.Kind, front)
	x.items = append(x.items, it)
	if it.Kind == Definition {
		x.acronymLists(it.Definition, it.Term)
	}
	return true
}

// walk visits the children of n in document order.
func (x *extractor) walk(n *xhtml.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || x.used[c] {
			continue
		}
		if id := attr(c, "id"); id != "" && (headingLevel(c) > 0 || c.DataAtom == atom.Section) {
			x.anchor = id
		} else if c.DataAtom == atom.A && (attr(c, "id") != "" || attr(c, "name") != "") && strings.TrimSpace(x.text(c)) == "" {
			if id := attr(c, "id"); id != "" {
				x.anchor = id
			} else {
				x.anchor = attr(c, "name")
			}
		}
		if lvl := headingLevel(c); lvl > 0 {
			x.heading(c, lvl)
			// "What is X?" titles a section whose first sentences define X.
			if x.prose == nil && x.faqLevel == 0 && x.inFAQBox == 0 && whatIsTerm(cleanHeading(x.text(c))) != "" {
				x.prose, x.proseFirst = c, true
			}
			continue
		}
		if isMicrodataQuestion(c) {
			x.microdataQuestion(c)
			continue
		}
		switch c.DataAtom {
		case atom.P:
			x.paragraph(c)
		case atom.Ul, atom.Ol:
			x.list(c)
		case atom.Dl:
			x.dl(c)
		case atom.Table:
			x.table(c)
		case atom.Details:
			x.details(c)
		case atom.Pre, atom.Figure, atom.Img, atom.Hr:
		default:
			if x.accordion(c) {
				continue
			}
			if it, why, ok := x.termBlockItem(c); ok {
				if why == "" {
					x.add(it)
				}
				continue
			}
			box := hasClassLike(c, "faq")
			if box {
				x.inFAQBox++
			}
			x.walk(c)
			if box {
				x.inFAQBox--
			}
		}
	}
}

// text is x.text(n), computed once per node.
func (x *extractor) text(n *xhtml.Node) string {
	if t, ok := x.texts[n]; ok {
		return t
	}
	if x.texts == nil {
		x.texts = map[*xhtml.Node]string{}
	}
	t := textOf(n, textOpts{})
	x.texts[n] = t
	return t
}

// own is n's text without its nested lists, computed once per node.
func (x *extractor) own(n *xhtml.Node) string {
	if t, ok := x.owns[n]; ok {
		return t
	}
	if x.owns == nil {
		x.owns = map[*xhtml.Node]string{}
	}
	t := textOf(n, textOpts{skipLists: true})
	x.owns[n] = t
	return t
}

// siblingSection reports whether the current heading path is a sibling of
// ctx: same parents, different innermost heading.
func (x *extractor) siblingSection(ctx []string) bool {
	if len(x.heads) < 2 || len(ctx) < len(x.heads) {
		return false
	}
	for i := 0; i < len(x.heads)-1; i++ {
		if ctx[i] != x.heads[i].text {
			return false
		}
	}
	return ctx[len(x.heads)-1] != x.heads[len(x.heads)-1].text
}
