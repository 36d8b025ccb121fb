package extract

import (
	"fmt"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// excludedListHeadingWords matches sections whose lists are never cards.
var excludedListHeadingWords = newWordSet("about the author", "acknowledg*", "bibliography", "citations", "credits", "downloads", "footnotes", "further reading", "in this article", "in this guide", "in this post", "learn more", "more from", "on this page", "read more", "reading list", "recommended articles", "recommended posts", "recommended reading", "references", "related reading", "related posts", "related articles", "related links", "resources", "see also", "subscribe", "table of contents", "you might also like", "useful links", "example", "examples", "worked example", "sample output", "what's next", "whats next", "next steps", "read next", "further information", "external links")

// excludedListHeadingExact are headings that exclude a list only when
// they are the whole heading ("Tags", but not "Objects: Blobs and Tags").
var excludedListHeadingExact = map[string]bool{
	"contents": true, "tags": true, "categories": true, "share": true, "links": true, "sources": true,
	"related": true, "share this": true, "share this post": true, "topics": true, "archives": true,
}

// excludedListHeading reports whether lists under heading h are never cards.
func excludedListHeading(h string) bool {
	return excludedListHeadingWords.match(h) || excludedListHeadingExact[normKey(h)]
}

// enumeratorRE matches an explicit item number: "1.", "2)", "Step 3:".
var enumeratorRE = regexp.MustCompile(`^(?:\d+[.)]|(?i:step|phase|stage)\s+\d+\s*[:.)-])\s*`)

// listItems returns the direct li children of a ul/ol.
func listItems(l *xhtml.Node) []*xhtml.Node {
	var out []*xhtml.Node
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.DataAtom == atom.Li {
			out = append(out, c)
		}
	}
	return out
}

// list handles a ul/ol: label-colon items become definitions, the list
// itself an enumeration, and nested named sets their own enumerations.
func (x *extractor) list(l *xhtml.Node) {
	if x.faqLevel > 0 {
		x.faqList(l)
		return
	}
	lis := listItems(l)
	x.leadIn = ""
	if prev := prevElem(l); prev != nil && prev.DataAtom == atom.P {
		x.leadIn = x.text(prev)
	}
	var cands []defCand
	x.collect = &cands
	for _, li := range lis {
		x.listItemDef(li)
	}
	x.collect = nil
	x.decideListDefs(cands)
	x.leadIn = ""
	for _, li := range lis {
		x.acronymLists(x.own(li), "")
	}
	x.enumeration(l, lis, "")
	x.nestedLists(lis, 1)
}

// nestedLists reads the lists nested in items (to any depth): their
// label definitions, acronyms, and — when they form a named set — the
// lists themselves.
func (x *extractor) nestedLists(lis []*xhtml.Node, depth int) {
	if depth > 8 {
		return
	}
	for _, li := range lis {
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode || (c.DataAtom != atom.Ul && c.DataAtom != atom.Ol) {
				continue
			}
			nested := listItems(c)
			x.nested = true
			// The parent item introduces the nested items ("Pros:").
			x.leadIn = x.own(li)
			var cands []defCand
			x.collect = &cands
			for _, n := range nested {
				x.listItemDef(n)
			}
			x.collect = nil
			x.decideListDefs(cands)
			x.nested = false
			x.leadIn = ""
			for _, n := range nested {
				x.acronymLists(x.own(n), "")
			}
			// A nested list is its own named set when its parent is a bare
			// label ("Types:") or when all its items are labelled; else it
			// is detail of the parent item.
			own := x.own(li)
			parent := ""
			if own != "" && wordCount(own) <= 6 && strings.HasSuffix(own, ":") {
				parent = strings.TrimSuffix(own, ":")
			} else if allLabelled(nested) {
				parent, _ = itemLabel(li)
			}
			if parent != "" {
				x.enumeration(c, nested, parent)
			}
			x.nestedLists(nested, depth+1)
		}
	}
}

// itemLabel returns a list item's short label: its bold/code lead without
// the colon, the part before "Label: " or the whole item when short.
func itemLabel(li *xhtml.Node) (string, bool) {
	f := firstElem(li)
	if f != nil && f.DataAtom == atom.P {
		f = firstElem(f)
	}
	if f != nil && (isBold(f) || isCode(f)) {
		t := strings.TrimSpace(strings.TrimSuffix(textOf(f, textOpts{}), ":"))
		t = trimEnumerator(t)
		if isCode(f) {
			t = cleanTerm(t, true)
		}
		if t != "" {
			return t, true
		}
	}
	own := textOf(li, textOpts{skipLists: true})
	own = enumeratorRE.ReplaceAllString(own, "")
	if i := strings.Index(own, ": "); i > 0 && wordCount(own[:i]) <= 5 {
		return own[:i], true
	}
	return own, false
}

// enumeration emits a list item for a ul/ol with 2–12 short parallel items
// under a heading or lead-in; parent names the set for nested lists.
func (x *extractor) enumeration(l *xhtml.Node, lis []*xhtml.Node, parent string) {
	if len(lis) < 2 || len(lis) > 12 {
		return
	}
	items := make([]string, 0, len(lis))
	links, codes, questions, long := 0, 0, 0, 0
	numbered := 0
	for _, li := range lis {
		own := x.own(li)
		if own == "" {
			return
		}
		if enumeratorRE.MatchString(own) {
			numbered++
		}
		if linkOnly(li, own) {
			links++
		}
		if codeOnly(li, own) {
			codes++
		}
		lab, labelled := itemLabel(li)
		if strings.HasSuffix(own, "?") || strings.HasSuffix(lab, "?") {
			questions++
		}
		if !labelled && (wordCount(lab) > 14 || l.DataAtom == atom.Ul && wordCount(lab) >= 6 && strings.HasSuffix(lab, ".")) {
			long++ // a sentence, not a short item
		}
		if genericLabels[strings.ToLower(lab)] {
			continue
		}
		items = append(items, lab)
	}
	n := len(lis)
	if links*2 > n || codes*2 > n || questions*2 > n || long*2 > n || len(items) < 2 {
		return
	}
	heading, prompt := "", ""
	if parent != "" {
		heading = parent
	} else if prev := prevElem(l); prev != nil && prev.DataAtom == atom.P && !x.used[prev] {
		t := x.text(prev)
		if strings.HasSuffix(t, ":") {
			heading = lastSentence(t)
		}
	}
	h := x.nearestHeading()
	if x.pseudo != "" {
		h = x.pseudo
	}
	if x.memo("excl", h, excludedListHeading) || heading != "" && x.memo("excl", heading, excludedListHeading) {
		return
	}
	if heading == "" {
		heading = h
	}
	if heading == "" {
		return
	}
	ordered := l.DataAtom == atom.Ol || numbered*2 > n
	prompt = listPrompt(heading, len(items), ordered, x.nearestHeading())
	x.add(Item{Kind: List, Prompt: prompt, Heading: heading, Items: items, Ordered: ordered})
}

// listPrompt builds the card question for a list.
func listPrompt(heading string, n int, ordered bool, parent string) string {
	h := strings.TrimSpace(strings.TrimSuffix(heading, ":"))
	if genericLabels[strings.ToLower(h)] && parent != "" && parent != heading {
		return fmt.Sprintf("Name the %d %s: %s", n, strings.ToLower(h), headingTerm(parent))
	}
	if strings.HasSuffix(strings.TrimSpace(heading), ":") {
		return h + ":"
	}
	h = trimEnumerator(h)
	if ordered {
		return fmt.Sprintf("%s — list the %d items in order", h, n)
	}
	return fmt.Sprintf("%s — name the %d items", h, n)
}

// allLabelled reports whether every item opens with a "Label:" lead.
func allLabelled(lis []*xhtml.Node) bool {
	if len(lis) < 2 {
		return false
	}
	for _, li := range lis {
		f := firstElem(li)
		if f != nil && f.DataAtom == atom.P {
			f = firstElem(f)
		}
		if f == nil || !(isBold(f) || isCode(f)) {
			return false
		}
		p := f.Parent
		if !splitLabel(p, f).sep {
			return false
		}
	}
	return true
}

// linkOnly reports whether an item's text is (almost) all link text.
func linkOnly(li *xhtml.Node, own string) bool {
	var lt strings.Builder
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
				continue
			}
			if c.DataAtom == atom.A {
				lt.WriteString(textOf(c, textOpts{}))
				continue
			}
			visit(c)
		}
	}
	visit(li)
	return len(lt.String())*10 >= len(own)*7
}

// codeOnly reports whether an item is only inline code.
func codeOnly(li *xhtml.Node, own string) bool {
	var ct strings.Builder
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
				continue
			}
			if isCode(c) {
				ct.WriteString(textOf(c, textOpts{}))
				continue
			}
			visit(c)
		}
	}
	visit(li)
	return len(ct.String())*10 >= len(own)*8
}

// setNounWords matches headings that announce a set of parts.
var setNounWords = newWordSet("advantages", "algorithms", "approaches", "areas", "benefits", "building blocks", "categories", "causes", "challenges", "components", "concepts", "dimensions", "eight", "elements", "factors", "five", "four", "frameworks", "habits", "kinds", "laws", "layers", "lessons", "levels", "life cycle", "lifecycle", "methods", "mistakes", "models", "modes", "nine", "options", "patterns", "phases", "pillar", "pillars", "pitfalls", "practices", "principles", "rules", "seven", "signs", "six", "stages", "states", "steps", "strategies", "strategy", "symptoms", "techniques", "ten", "three", "tips", "tools", "trends", "two", "types", "ways", "workflows")

// headingSequences finds headings whose direct subheadings form a set
// ("Five Pillars of X" → its h3s) and prepares a list item for each; the
// walk adds it when it reaches the parent heading.
func (x *extractor) headingSequences(root *xhtml.Node) {
	type hd struct {
		n     *xhtml.Node
		level int
		text  string
	}
	var hs []hd
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			if l := headingLevel(c); l > 0 {
				hs = append(hs, hd{c, l, cleanHeading(x.text(c))})
				continue
			}
			visit(c)
		}
	}
	visit(root)
	for i, h := range hs {
		if h.level < 2 || isFAQHeading(h.text) || excludedListHeading(h.text) {
			continue
		}
		minLevel := 7
		for _, k := range hs[i+1:] {
			if k.level <= h.level {
				break
			}
			minLevel = min(minLevel, k.level)
		}
		var items []string
		numbered, questions := 0, 0
		for _, k := range hs[i+1:] {
			if k.level <= h.level {
				break
			}
			if k.level != minLevel {
				continue
			}
			t := trimEnumerator(k.text)
			if t != k.text {
				numbered++
			}
			if strings.HasSuffix(t, "?") {
				questions++
			}
			items = append(items, t)
		}
		n := len(items)
		if n < 2 || n > 12 || questions > 0 || n == 2 && numbered < n {
			continue
		}
		if numbered*2 <= n && !setNounWords.match(h.text) && !hasDigitWord(h.text) {
			continue
		}
		if x.seqs == nil {
			x.seqs = map[*xhtml.Node]Item{}
		}
		ordered := numbered == n && n > 1
		x.seqs[h.n] = Item{Kind: List, Heading: h.text, Items: items, Ordered: ordered,
			Prompt: listPrompt(h.text, n, ordered, "")}
	}
}

// hasDigitWord reports whether s has a word made of digits ("7 Habits").
func hasDigitWord(s string) bool {
	for _, w := range words(s) {
		if w != "" && strings.Trim(w, "0123456789") == "" {
			return true
		}
	}
	return false
}

// acronymParenRE matches "ACID compliance (Atomicity, Consistency, …)".
var acronymParenRE = regexp.MustCompile(`\b([A-Z]{3,8})\b[^().;:]{0,40}?\(([^()]{5,200})\)`)

// capSeriesRE matches a series of three or more capitalised items:
// "Specific, Measurable, Achievable, Relevant, and Time-bound".
var capSeriesRE = regexp.MustCompile(`[A-Z][\w-]*(?: [A-Z][\w-]*)?(?:, (?:and |or )?[A-Z][\w-]*(?: [A-Z][\w-]*)?){2,}`)

// acronymLists finds inline expansions of acronyms in text and emits each
// as a list ("What does ACID stand for?"). context is nearby text (the
// heading path, the previous paragraph) where the acronym may be named.
func (x *extractor) acronymLists(text, context string) {
	// Cheap tests first: this runs on every paragraph and item.
	if strings.Count(text, ",") < 2 || !hasAcronym(text) && !hasAcronym(context) {
		return
	}
	for _, m := range parenMatches(text) { // needs an acronym in text
		if items := expansion(m[2], m[1]); items != nil {
			x.addAcronym(m[1], items)
		}
	}
	if capsAfterComma(text) < 2 {
		return
	}
	for _, s := range capSeriesRE.FindAllString(text, -1) {
		items := splitSeries(s)
		ac := initials(items)
		if len(ac) < 3 {
			continue
		}
		for _, w := range strings.Fields(text + " " + context) {
			if strings.Trim(w, ".,:;()\"'\u201c\u201d") == ac {
				x.addAcronym(ac, items)
				break
			}
		}
	}
}

// parenMatches runs acronymParenRE only on text with parentheses.
func parenMatches(text string) [][]string {
	if !strings.Contains(text, "(") || !hasAcronym(text) {
		return nil
	}
	return acronymParenRE.FindAllStringSubmatch(text, -1)
}

// expansion returns the items of inner when their initials spell ac.
func expansion(inner, ac string) []string {
	items := splitSeries(inner)
	if len(items) != len(ac) || initials(items) != ac {
		return nil
	}
	return items
}

// splitSeries splits "A, B, and C" into its items.
func splitSeries(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		p = strings.TrimPrefix(p, "and ")
		p = strings.TrimPrefix(p, "or ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// initials joins the upper-cased first letters of the items.
func initials(items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(strings.ToUpper(it[:1]))
	}
	return b.String()
}

func (x *extractor) addAcronym(ac string, items []string) {
	x.add(Item{Kind: List, Heading: ac, Items: items, Prompt: "What does " + ac + " stand for?"})
}

// faqList reads a list in an FAQ section whose items open with a bold
// question: <li><strong>Question?</strong> answer</li>.
func (x *extractor) faqList(l *xhtml.Node) {
	for _, li := range listItems(l) {
		f := firstElem(li)
		if f != nil && f.DataAtom == atom.P {
			f = firstElem(f)
		}
		if !isBold(f) {
			continue
		}
		q := x.text(f)
		if !strings.HasSuffix(q, "?") {
			continue
		}
		a, ah := textHTMLOf(li, textOpts{skip: f})
		a = aMarkerRE.ReplaceAllString(a, "")
		if wordCount(a) >= 2 {
			x.add(Item{Kind: FAQ, Question: q, Answer: a, AnswerHTML: aMarkerRE.ReplaceAllString(ah, "")})
		}
	}
}

// hasAcronym reports whether s has a word of three or more capital letters.
func hasAcronym(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			run++
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			run = -100 // part of a longer word
		default:
			if run >= 3 {
				return true
			}
			run = 0
		}
	}
	return run >= 3
}

// capsAfterComma counts ", X" with X a capital letter: a cheap pre-test
// for capSeriesRE.
func capsAfterComma(s string) int {
	n := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == ',' && s[i+1] == ' ' {
			c := s[i+2]
			if c == 'a' && strings.HasPrefix(s[i+2:], "and ") {
				if i+6 < len(s) && s[i+6] >= 'A' && s[i+6] <= 'Z' {
					n++
				}
				continue
			}
			if c >= 'A' && c <= 'Z' {
				n++
			}
		}
	}
	return n
}
