package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// glossaryHeadings title a glossary: a list of defined terms under one
// is not an enumeration to learn by heart.
var glossaryHeadings = map[string]bool{
	"terms": true, "key terms": true, "glossary": true, "definitions": true, "vocabulary": true,
	"terminology": true, "key vocabulary": true, "glossary of terms": true, "terms to know": true,
}

// excludedListHeadingWords matches sections whose lists are never cards.
var excludedListHeadingWords = newWordSet("about the author", "acknowledg*", "bibliography", "citations", "credits", "downloads", "footnotes", "further reading", "in this article", "in this guide", "in this post", "learn more", "more from", "on this page", "read more", "reading list", "recommended articles", "recommended posts", "recommended reading", "references", "related reading", "related posts", "related articles", "related links", "resources", "see also", "subscribe", "table of contents", "you might also like", "useful links", "example", "examples", "worked example", "sample output", "what's next", "whats next", "next steps", "read next", "further information", "external links", "review questions", "discussion questions", "practice questions", "study questions", "exercises", "practice problems", "check your understanding", "test yourself", "self-check", "quiz")

// excludedListHeadingExact are headings that exclude a list only when
// they are the whole heading ("Tags", but not "Objects: Blobs and Tags").
var excludedListHeadingExact = map[string]bool{
	"contents": true, "tags": true, "categories": true, "share": true, "links": true, "sources": true,
	"related": true, "share this": true, "share this post": true, "topics": true, "archives": true,
	// A tutorial's setup apparatus.
	"prerequisites": true, "before you begin": true, "before you start": true, "what you ll need": true,
	"what you will need": true, "you will need": true, "you ll need": true,
}

// excludedListHeading reports whether lists under heading h are never cards.
func excludedListHeading(h string) bool {
	return excludedListHeadingWords.match(h) || excludedListHeadingExact[normKey(h)] || firstPersonSingular(h)
}

// firstPersonSingular reports whether heading h speaks as "I" ("What I
// Do Now", "My Favourite Tools"): the list under it is the author's own
// story or picks, not a set a reader learns.
func firstPersonSingular(h string) bool {
	for _, w := range strings.Fields(h) {
		w = strings.Trim(w, ",.:;!?\"'()\u201c\u201d")
		if w == "I" {
			return true
		}
		switch strings.ToLower(strings.ReplaceAll(w, "\u2019", "'")) {
		case "i'm", "i've", "i'd", "i'll", "my", "me", "myself", "mine":
			return true
		}
	}
	return false
}

// enumeratorRE matches an explicit item number: "1.", "2)", "Step 3:".
var enumeratorRE = regexp.MustCompile(`^(?:\d+[.)]|(?i:step|phase|stage)\s+\d+\s*[:.)-])\s*`)

// enumeratorCue is a necessary condition for enumeratorRE: s opens with
// a digit, an "s" or a "p" (text opening beyond ASCII, where case folding
// is wider, always goes to the regexp).
func enumeratorCue(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c >= '0' && c <= '9' || c == 's' || c == 'S' || c == 'p' || c == 'P' || c >= utf8.RuneSelf
}

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
	cands := x.candBuf[:0]
	x.collect = &cands
	for _, li := range lis {
		x.listItemDef(li)
	}
	x.collect = nil
	x.decideListDefs(cands)
	x.candBuf = cands[:0]
	x.leadIn = ""
	for _, li := range lis {
		x.acronymLists(x.own(li), "")
	}
	x.enumeration(l, lis, listOwner{})
	x.nestedLists(lis, 1, "")
}

// nestedLists reads the lists nested in items (to any depth): their
// label definitions, acronyms, and — when they form a named set — the
// lists themselves.
func (x *extractor) nestedLists(lis []*xhtml.Node, depth int, outer string) {
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
			cands := x.candBuf[:0]
			x.collect = &cands
			for _, n := range nested {
				x.listItemDef(n)
			}
			x.collect = nil
			x.decideListDefs(cands)
			x.candBuf = cands[:0]
			x.nested = false
			x.leadIn = ""
			for _, n := range nested {
				x.acronymLists(x.own(n), "")
			}
			// A nested list is its own named set when its parent is a bare
			// label ("Types:") or when all its items are labelled; else it
			// is detail of the parent item.
			own := x.own(li)
			o := listOwner{outer: outer}
			if own != "" && wordCount(own) <= 6 && strings.HasSuffix(own, ":") {
				o.label, o.bare = strings.TrimSuffix(own, ":"), true
			} else if allLabelled(nested) {
				o.label, _ = x.itemLabel(li)
			}
			if o.label != "" {
				x.enumeration(c, nested, o)
			}
			lab, _ := x.itemLabel(li)
			x.nestedLists(nested, depth+1, lab)
		}
	}
}

// itemLabel returns a list item's short label: its bold/code lead without
// the colon, the part before "Label: " or the whole item when short. The
// texts come from x's per-node caches.
func (x *extractor) itemLabel(li *xhtml.Node) (string, bool) {
	f := firstElem(li)
	if f != nil && f.DataAtom == atom.P {
		f = firstElem(f)
	}
	if f != nil && (isBold(f) || isCode(f)) {
		t := strings.TrimSpace(strings.TrimSuffix(x.text(f), ":"))
		t = trimEnumerator(t)
		if isCode(f) {
			t = cleanTerm(t, true)
		}
		if t != "" && !allDigits(t) { // "<b>443</b> – HTTPS": the number alone says nothing
			return t, true
		}
	}
	own := x.own(li)
	if enumeratorCue(own) {
		own = enumeratorRE.ReplaceAllString(own, "")
	}
	if i := strings.Index(own, ": "); i > 0 && wordCount(own[:i]) <= 5 {
		return own[:i], true
	}
	return own, false
}

// listOwner is the list item a nested list belongs to.
type listOwner struct {
	label string // its label ("Pros", "NoSQL Databases", "git reset")
	bare  bool   // the item is only the label ("Pros:"), so it introduces the list
	outer string // label of the item holding that item, "" if none
}

// enumeration emits a list item for a ul/ol with 2–12 short parallel items
// under a heading or lead-in; owner names the set for nested lists.
func (x *extractor) enumeration(l *xhtml.Node, lis []*xhtml.Node, owner listOwner) {
	if len(lis) < 2 || len(lis) > 12 {
		return
	}
	items := make([]string, 0, len(lis))
	links, codes, questions, long := 0, 0, 0, 0
	numbered, codeLabels, options, labels := 0, 0, 0, 0
	for _, li := range lis {
		own := x.own(li)
		if own == "" {
			return
		}
		if enumeratorCue(own) && enumeratorRE.MatchString(own) {
			numbered++
		}
		if linkOnly(li, own) {
			links++
		}
		if codeOnly(li, own) {
			codes++
		}
		lab, labelled := x.itemLabel(li)
		if labelled {
			labels++
		}
		if f := leadElem(li); labelled && f != nil && isCode(f) {
			codeLabels++
			if strings.HasPrefix(lab, "-") {
				options++
			}
		}
		if strings.HasSuffix(lab, "?") || !labelled && strings.HasSuffix(own, "?") {
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
	if long > 0 && evaluativeLead(x, l, owner) {
		long = 0 // "Pros of rebasing:" may list whole sentences
	}
	if links*2 > n || codes*2 > n || questions*2 >= n || long*2 > n || long*2 > len(items) || len(items) < 2 {
		return
	}
	src := listSource{n: len(items), heading: x.nearestHeading()}
	if len(x.heads) > 1 {
		src.parent = x.heads[len(x.heads)-2].text
	}
	if x.pseudo != "" {
		src.heading, src.parent = x.pseudo, x.nearestHeading()
	}
	heading := ""
	if owner.label != "" {
		src.owner, src.outer, src.bare = owner.label, owner.outer, owner.bare
		if owner.bare {
			heading = owner.label // the label is the list's lead-in
		}
	} else if prev := prevElem(l); prev != nil && prev.DataAtom == atom.P && !x.used[prev] {
		t := x.text(prev)
		if strings.HasSuffix(t, ":") {
			heading = lastSentence(t)
			src.lead, src.para = heading, t
			if f := firstElem(prev); x.pseudo != "" && f != nil && isBold(f) && strings.HasPrefix(t, strings.TrimSpace(x.text(f))) {
				// A bold label lead-in ("Pros:") ends the run-in section
				// of an earlier one ("Example:").
				src.heading, src.parent = x.nearestHeading(), ""
				if len(x.heads) > 1 {
					src.parent = x.heads[len(x.heads)-2].text
				}
			}
		}
	}
	h := src.heading
	if x.memo("excl", h, excludedListHeading) || heading != "" && x.memo("excl", heading, excludedListHeading) {
		return
	}
	if labels == n && glossaryHeadings[strings.ToLower(strings.TrimSuffix(strings.TrimSpace(h), ":"))] {
		return // a glossary: its entries are cards, not a set to recite
	}
	if heading == "" {
		heading = h
	}
	if heading == "" {
		return
	}
	ordered := l.DataAtom == atom.Ol || numbered*2 > n
	src.ordered = ordered
	if codeLabels*2 > len(items) {
		src.kind = "commands"
		if options*2 > len(items) {
			src.kind = "options"
		}
	}
	prompt := listPrompt(src)
	if givesAway(prompt, items) || givesAway(src.heading, items) {
		return // "Loose Coupling and High Cohesion — name both.", also in the breadcrumb
	}
	if strings.HasSuffix(prompt, " — "+nameAll(2)) && weakPair(items) {
		return // "SSH — name the two": properties or cases, not a named pair
	}
	x.add(Item{Kind: List, Prompt: prompt, Heading: heading, Items: items, Ordered: ordered})
}

// weakPair reports whether two items under no named set are remarks
// rather than names: sentences ("Easier to set up initially."), cases
// ("If Allowed", "For Redis") or the labels of sub-sections ("Strengths",
// "Implementation Example").
func weakPair(items []string) bool {
	cases := 0
	for _, it := range items {
		if strings.HasSuffix(strings.TrimSpace(it), ".") {
			return true
		}
		if termOpenStop[firstWord(it)] {
			cases++
		}
		if genericLabels[strings.ToLower(it)] || genericHeadWords[lastWord(dropParens(it))] || subsectionLabels.matchFirst(it) {
			return true
		}
	}
	return cases == len(items)
}

// subsectionLabels open the labels of an item's sub-sections.
var subsectionLabels = newWordSet("implementation example", "example", "examples", "key features", "features", "strengths", "weaknesses", "use cases", "how it works")

// givesAway reports whether a prompt names half or more of the items it
// asks for: such a card tests nothing.
func givesAway(prompt string, items []string) bool {
	p := " " + normKey(prompt) + " "
	given := 0
	for _, it := range items {
		if k := normKey(cleanLabel(it)); len(k) > 3 && strings.Contains(p, " "+k+" ") {
			given++
		}
	}
	return given*2 >= len(items)
}

// evaluativeLead reports whether the list is introduced by an evaluative
// label ("Pros:", "Drawbacks of X:"), whose items may be sentences.
func evaluativeLead(x *extractor, l *xhtml.Node, owner listOwner) bool {
	lead := owner.label
	if lead == "" {
		if prev := prevElem(l); prev != nil && prev.DataAtom == atom.P {
			if t := x.text(prev); strings.HasSuffix(t, ":") && wordCount(t) <= 6 {
				lead = t
			}
		}
	}
	eval, ok := setLabels[firstWords(labelKey(lead))]
	return ok && eval
}

// leadElem is the element a list item opens with (looking into a first <p>).
func leadElem(li *xhtml.Node) *xhtml.Node {
	f := firstElem(li)
	if f != nil && f.DataAtom == atom.P {
		f = firstElem(f)
	}
	return f
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
		if h.level < 2 || i+1 == len(hs) || hs[i+1].level <= h.level {
			continue // no sub-headings
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
		if isFAQHeading(h.text) || excludedListHeading(h.text) {
			continue
		}
		if numbered*2 <= n && !setNounWords.match(h.text) && !hasDigitWord(h.text) {
			continue
		}
		if x.seqs == nil {
			x.seqs = map[*xhtml.Node]Item{}
		}
		ordered := numbered == n && n > 1
		if givesAway(h.text, items) {
			continue
		}
		parent := ""
		for j := i - 1; j >= 0; j-- {
			if hs[j].level < h.level && hs[j].level >= 2 {
				parent = hs[j].text
				break
			}
		}
		x.seqs[h.n] = Item{Kind: List, Heading: h.text, Items: items, Ordered: ordered,
			Prompt: listPrompt(listSource{heading: h.text, parent: parent, n: n, ordered: ordered})}
	}
}

// possessives and other words that open a noun phrase taking no "the".
var noTheBefore = map[string]bool{
	"the": true, "a": true, "an": true, "our": true, "your": true, "my": true, "their": true, "his": true,
	"her": true, "its": true, "this": true, "these": true, "that": true, "those": true,
}

// hasDigitWord reports whether s has a word made of digits ("7 Habits").
func hasDigitWord(s string) bool {
	for _, w := range words(s) {
		if allDigits(w) {
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
	if !strings.Contains(text, "(") || !hasAcronym(text) || !acronymParenCue(text) {
		return nil
	}
	return acronymParenRE.FindAllStringSubmatch(text, -1)
}

// acronymParenCue is a necessary condition for acronymParenRE: some "("
// has three capitals in a row within the 48 runes before it, with none
// of "().;:" between.
func acronymParenCue(s string) bool {
	for p := strings.IndexByte(s, '('); p >= 0; {
		runes, run := 0, 0
		for i := p - 1; i >= 0; i-- {
			c := s[i]
			if c == '(' || c == ')' || c == '.' || c == ';' || c == ':' {
				break
			}
			if c&0xC0 != 0x80 {
				runes++
			}
			if c >= 'A' && c <= 'Z' {
				if run++; run >= 3 {
					return true
				}
			} else {
				run = 0
			}
			if runes >= 48 {
				break
			}
		}
		next := strings.IndexByte(s[p+1:], '(')
		if next < 0 {
			break
		}
		p += 1 + next
	}
	return false
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
	// A run of three or more capitals includes s[i+2] if it starts at i or
	// i+1, so when s[i+2] is no capital the scan moves on by three.
	for i := 0; i+2 < len(s); {
		if !isUpperASCII(s[i+2]) {
			i += 3
			continue
		}
		j, k := i+2, i+2 // the run of capitals around s[i+2] is s[j:k+1]
		for j > 0 && isUpperASCII(s[j-1]) {
			j--
		}
		for k+1 < len(s) && isUpperASCII(s[k+1]) {
			k++
		}
		if k-j >= 2 && (j == 0 || !isAlnumASCII(s[j-1])) && (k+1 == len(s) || !isAlnumASCII(s[k+1])) {
			return true
		}
		i = k + 1
	}
	return false
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
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

// listSource says where a list came from; listPrompt turns it into the
// card's question.
type listSource struct {
	lead    string // lead-in sentence or bare label introducing the list ("Pros:"), verbatim
	owner   string // label of the list item a nested list belongs to, "" if none
	outer   string // label of the item holding owner, "" if none
	bare    bool   // the owner item is only its label ("NoSQL Databases:")
	heading string // nearest section heading (or bold pseudo-heading)
	parent  string // the heading above heading, "" at the top
	n       int    // number of items
	ordered bool
	kind    string // what the items are when evident ("commands", "options"), else ""
	para    string // the whole paragraph lead ends, for the sentence before a "This …" lead-in
}

// countWords are spelled-out counts a lead-in or heading may carry.
var countWords = map[string]int{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// quantifiers stand for an unspecified count ("several features").
var quantifiers = map[string]bool{
	"several": true, "various": true, "multiple": true, "many": true, "numerous": true,
	"some": true, "few": true, "following": true,
}

// setLabels are generic labels naming a set of things about a topic;
// evaluative ones ("pros") are asked as "Name 3 pros of X", structural
// ones ("types") as "Name the 3 types of X".
var setLabels = map[string]bool{ // value: evaluative
	"pros": true, "cons": true, "advantages": true, "disadvantages": true, "benefits": true,
	"drawbacks": true, "challenges": true, "limitations": true, "risks": true, "examples": true,
	"use cases": true, "tips": true, "best practices": true, "pitfalls": true, "mitigations": true,
	"considerations": true, "strengths": true, "weaknesses": true, "trade-offs": true, "tradeoffs": true,
	"applications": true, "uses": true, "problems": true, "solutions": true, "strategies": true,
	"features": false, "types": false, "kinds": false, "steps": false, "stages": false, "phases": false,
	"components": false, "parts": false, "options": false, "commands": false, "categories": false,
	"characteristics": false, "properties": false, "principles": false, "requirements": false,
	"elements": false, "layers": false, "levels": false, "modes": false, "goals": false, "functions": false,
	"responsibilities": false, "capabilities": false, "tools": false, "metrics": false,
}

// forLabels take "for" rather than "of" before their topic.
var forLabels = map[string]bool{
	"use cases": true, "tips": true, "best practices": true, "considerations": true, "requirements": true,
	"mitigations": true, "tools": true, "strategies": true, "solutions": true, "metrics": true, "uses": true,
}

// wayLabels are labels asking for ways to do something to the topic.
var wayLabels = map[string]string{
	"how to avoid": "avoid", "avoidance": "avoid", "how to avoid it": "avoid", "how to avoid them": "avoid",
	"mitigation": "mitigate", "how to mitigate": "mitigate", "prevention": "prevent", "how to prevent": "prevent",
	"how to fix": "fix", "how to fix it": "fix", "remedies": "address", "how to overcome": "overcome",
}

// labelAdjectives may precede a generic label ("Key Advantages").
var labelAdjectives = map[string]bool{
	"the": true, "key": true, "common": true, "main": true, "major": true, "primary": true, "core": true,
	"essential": true, "important": true, "notable": true, "typical": true, "top": true, "potential": true,
	"other": true, "additional": true, "some": true, "general": true, "basic": true, "critical": true,
}

// sequenceNouns name ordered procedures: their lists are asked "in order".
var sequenceNouns = newWordSet("step", "steps", "stage", "stages", "phase", "phases", "process", "procedure",
	"workflow", "lifecycle", "life cycle", "sequence", "cycle", "flow", "algorithm", "recipe", "checklist", "pipeline")

// subordinators open a clause that cannot stand as a noun phrase.
var subordinators = map[string]bool{
	"when": true, "if": true, "once": true, "after": true, "before": true, "while": true, "whenever": true,
	"as": true, "since": true, "until": true, "unless": true, "during": true, "upon": true,
}

// deictics at the start of a lead-in point back to text the card lacks.
var deictics = map[string]bool{
	"this": true, "these": true, "that": true, "those": true, "it": true, "they": true, "such": true,
	"here": true, "he": true, "she": true, "its": true, "their": true,
}

// determiners open a noun phrase (after a verb).
var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "several": true, "many": true, "some": true, "its": true, "their": true,
	"two": true, "three": true, "four": true, "five": true, "various": true, "multiple": true, "these": true,
}

// auxVerbs end a sentence subject.
var auxVerbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"can": true, "could": true, "will": true, "would": true, "should": true, "must": true, "may": true,
	"might": true, "do": true, "does": true, "did": true, "shall": true, "isn't": true, "aren't": true,
	"can't": true, "cannot": true, "won't": true, "don't": true, "doesn't": true,
}

// introPrepositions open a scene-setting phrase ("Inside the repository, …").
var introPrepositions = map[string]bool{
	"in": true, "inside": true, "within": true, "on": true, "at": true, "among": true, "across": true,
	"for": true, "under": true, "beyond": true,
}

// npBreaks end the noun phrase after a count.
var npBreaks = []string{", ", "; ", " (", " — ", " – ", " - ", " such as", " including", " e.g.", " like ", " that are", " which are"}

// openEnders are last words of a lead-in that expect the list to finish
// the sentence ("… where you can:").
var openEnders = map[string]bool{
	"can": true, "could": true, "will": true, "should": true, "must": true, "may": true, "to": true,
	"as": true, "like": true, "include": true, "includes": true, "are": true, "is": true, "be": true,
	"involves": true, "involve": true, "means": true, "for": true, "of": true, "with": true, "by": true,
	"into": true, "between": true, "following": true, "from": true, "on": true, "about": true, "need": true,
	"needs": true, "want": true, "you": true, "help": true, "helps": true, "allows": true, "lets": true,
}

// involveVerbs end a lead-in whose subject the list spells out
// ("The architecture involves:").
var involveVerbs = map[string]string{
	"involves": "involve", "involve": "involve", "includes": "include", "include": "include",
	"requires": "require", "require": "require", "entails": "entail", "covers": "cover",
	"comprises": "comprise", "contains": "contain", "consists of": "consist of", "consist of": "consist of",
}

// countText renders n for a prompt: the lead's own count word when it agrees.
func countText(word string, n int) string {
	if v, ok := countWords[strings.ToLower(word)]; ok && v == n {
		return strings.ToLower(word)
	}
	if word != "" && word[0] >= '0' && word[0] <= '9' && word == fmt.Sprint(n) {
		return word
	}
	return fmt.Sprint(n)
}

// nameAll is the neutral ending "name all 4" ("name the two" for two items).
func nameAll(n int) string {
	if n == 2 {
		return "name the two"
	}
	return fmt.Sprintf("name all %d", n)
}

// commonSuffixes mark common nouns that may be lower-cased mid-sentence.
var commonSuffixes = []string{"ity", "ities", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ance", "ances",
	"ence", "ences", "ing", "ings", "ies", "ure", "ures", "ics", "ism", "isms", "ist", "ists", "ers", "ors", "ages", "ques",
	"ed", "al", "ive", "ous", "able", "ible", "ful", "less"}

// commonWord reports whether a capitalised word is an ordinary word that a
// sentence would write in lower case (not a name, acronym or brand).
func commonWord(w string) bool {
	if w == "" || strings.ToLower(w[1:]) != w[1:] {
		return false // "API", "GitHub", "iOS"
	}
	l := strings.ToLower(w)
	if labelAdjectives[l] || setLabels[l] || setNounWords.match(l) || genericLabels[l] || countWords[l] > 0 ||
		quantifiers[l] || deictics[l] || subordinators[l] || functionWords[l] || auxVerbs[l] || introPrepositions[l] ||
		l == "a" || l == "of" || l == "best" || l == "use" || l == "cases" || l == "how" || determinerWords[l] {
		return true
	}
	for _, s := range commonSuffixes {
		if strings.HasSuffix(l, s) && len(l) > len(s)+2 {
			return true
		}
	}
	return false
}

// determinerWords open ordinary noun phrases ("Every request", "Most teams").
var determinerWords = map[string]bool{
	"every": true, "each": true, "all": true, "any": true, "most": true, "both": true, "either": true,
	"neither": true, "no": true, "our": true, "your": true, "my": true, "an": true, "one": true,
	"another": true, "such": true, "what": true, "which": true, "modern": true, "new": true, "old": true,
	"good": true, "large": true, "small": true, "simple": true, "typical": true, "popular": true,
}

// lowerCommon lower-cases the ordinary capitalised words of a title or
// sentence start so it reads inside a sentence; names stay as written.
func lowerCommon(s string) string {
	ws := strings.Split(s, " ")
	for i, w := range ws {
		core := strings.TrimLeft(w, "\"'(“‘")
		lead := w[:len(w)-len(core)]
		end := len(core)
		for end > 0 && strings.ContainsRune(",.:;)\"'”’", rune(core[end-1])) {
			end--
		}
		word := core[:end]
		if strings.Contains(word, "-") {
			parts := strings.Split(word, "-")
			ok := true
			for _, p := range parts {
				if p != "" && !commonWord(p) && strings.ToLower(p) != p {
					ok = false
				}
			}
			if ok {
				ws[i] = lead + strings.ToLower(word) + core[end:]
			}
			continue
		}
		if commonWord(word) {
			ws[i] = lead + strings.ToLower(word) + core[end:]
		}
	}
	return strings.Join(ws, " ")
}

// lowerFirst lower-cases the first word of s when it is an ordinary word.
func lowerFirst(s string) string {
	w, rest, _ := strings.Cut(s, " ")
	if commonWord(w) {
		w = strings.ToLower(w)
	}
	if rest == "" {
		return w
	}
	return w + " " + rest
}

// genericPairRE matches headings like "Pros & Cons of Using Git" or
// "Advantages and Challenges of X" and captures the topic.
var genericPairRE = regexp.MustCompile(`(?i)^(?:(?:the|key|common|main)\s+)?(?:pros|cons|advantages|disadvantages|benefits|drawbacks|challenges|limitations|risks|strengths|weaknesses|trade-?offs|considerations|pitfalls|best practices|use cases|examples|types|features)(?:\s*(?:&|and|,|vs\.?|versus|or)\s*(?:the\s+)?(?:pros|cons|advantages|disadvantages|benefits|drawbacks|challenges|limitations|risks|strengths|weaknesses|trade-?offs|considerations|pitfalls|best practices|use cases|examples|types|features))*\s+(?:of|for|in|with|to)\s+(?:using\s+|adopting\s+|implementing\s+)?(.+)$`)

// genericPairFirst are the words genericPairRE can open with (letters
// only, lower case).
var genericPairFirst = [...]string{"the", "key", "common", "main", "pros", "cons", "advantages",
	"disadvantages", "benefits", "drawbacks", "challenges", "limitations", "risks", "strengths",
	"weaknesses", "trade", "tradeoffs", "considerations", "pitfalls", "best", "use", "examples", "types",
	"features"}

// genericPairMatch is genericPairRE.FindStringSubmatch(t), skipping the
// regexp unless t's first word starts with one of its words ("and" may
// follow without a space).
func genericPairMatch(t string) []string {
	return firstWordGatedMatch(genericPairRE, genericPairFirst[:], t)
}

// topicOf names what a section is about: its heading without enumerator
// and subtitle; a generic heading ("Pros") defers to its parent, and
// "Pros & Cons of Using X" yields X.
func topicOf(heading, parent string) string {
	t := headingTerm(heading)
	if w := whatIsTerm(strings.TrimSpace(heading)); w != "" {
		t = w // "What is SQL?" is about SQL
	}
	if h := trimEnumerator(heading); strings.Contains(h, ": ") && endsInDigit(h[:strings.Index(h, ": ")]) {
		t = headingTerm(h[strings.Index(h, ": ")+2:]) // "Scenario 1: Negotiating an Offer"
	}
	if g := labelKey(t); setLabels[g] || genericLabels[g] || wayLabels[g] != "" {
		if parent == "" {
			return ""
		}
		return topicOf(parent, "")
	}
	if m := genericPairMatch(t); m != nil {
		return strings.TrimSpace(m[1])
	}
	return t
}

// labelKey lower-cases a label and drops leading adjectives and the colon:
// "The Key Advantages:" → "advantages".
func labelKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":")))
	for {
		w, rest, ok := strings.Cut(s, " ")
		if !ok || !labelAdjectives[w] {
			return s
		}
		s = rest
	}
}

// sharesContent reports whether a and b share a word of four or more letters.
func sharesContent(a, b string) bool {
	bw := map[string]bool{}
	for _, w := range words(b) {
		if len(w) >= 4 {
			bw[strings.TrimSuffix(w, "s")] = true
		}
	}
	for _, w := range words(a) {
		if len(w) >= 4 && bw[strings.TrimSuffix(w, "s")] {
			return true
		}
	}
	return false
}

// plural reports whether a word looks like a plural noun.
func plural(w string) bool {
	w = strings.Trim(w, ",.:;()\"'")
	if strings.ToUpper(w) == w {
		return false // "HTTPS", "DVCS"
	}
	w = strings.ToLower(w)
	switch w {
	case "data", "criteria", "people", "phenomena", "media", "dos", "don'ts":
		return true
	case "its", "this", "his", "is", "was", "has", "does", "us", "as", "yes", "less", "across", "thus", "plus", "various", "always", "perhaps":
		return false
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// listPrompt builds a list card's question from where the list came from:
// a real question where the lead-in or heading can be rephrased safely,
// else the lead-in or heading with "— name all N".
//
// Prompts carry no closing period ("Name the three states of Git"): the
// quiz package appends ":" to an ordered list's prompt for its cloze cards.
func listPrompt(s listSource) string {
	return strings.TrimSuffix(buildPrompt(s), ".")
}

// buildPrompt is listPrompt with the sentence's closing period.
func buildPrompt(s listSource) string {
	s.owner, s.outer = strings.TrimSpace(cleanLabel(s.owner)), strings.TrimSpace(cleanLabel(s.outer))
	topic := topicOf(s.heading, s.parent)
	if lead := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s.lead), ":")); lead != "" {
		ltopic := topic
		if s.owner != "" {
			ltopic = s.owner
		}
		if isLabelPhrase(lead) {
			return labelPrompt(lead, ltopic, s, false)
		}
		// "These states dictate …" under "The Three States of Git": the
		// heading names the set.
		if ws := strings.Fields(lead); len(ws) > 2 && (strings.EqualFold(ws[0], "these") || strings.EqualFold(ws[0], "those")) &&
			s.owner == "" && sharesContent(ws[1], s.heading) && (pluralHead(headingTerm(s.heading)) || countIn(s.heading)) {
			return labelPrompt(s.heading, topicOf(s.parent, ""), s, true)
		}
		// "When the cache is full, one of these policies decides …"
		// under "Eviction Policies": the lead-in calls the items by the
		// heading's head noun, so the heading names their set.
		if h := headingTerm(s.heading); s.owner == "" && pluralHead(h) && strings.EqualFold(lastWord(h), deicticNoun(lead)) {
			p := labelPrompt(s.heading, topicOf(s.parent, ""), s, true)
			if strings.HasSuffix(p, " — "+nameAll(s.n)+".") {
				return fmt.Sprintf("Name the %d %s.", s.n, lowerFirst(lowerCommonIfTitle(h)))
			}
			return p
		}
		if p := sentencePrompt(lead, topic, s); p != "" {
			return p
		}
		if topic == "" {
			topic = headingTerm(s.heading)
		}
		return fallbackPrompt(lead, topic, s)
	}
	if s.owner != "" {
		if s.outer != "" {
			topic = s.outer
		}
		if p := labelPrompt(s.owner, topic, s, false); p != "" {
			return p
		}
	}
	return labelPrompt(s.heading, topicOf(s.parent, ""), s, true)
}

// deicticNoun returns the word after "these", "those" or "the following"
// in a lead-in: the kind of thing the list holds.
func deicticNoun(lead string) string {
	ws := strings.Fields(lead)
	for i := 0; i+1 < len(ws); i++ {
		w := strings.ToLower(ws[i])
		if (w == "these" || w == "those" || w == "following" && i > 0 && strings.EqualFold(ws[i-1], "the")) && i+2 <= len(ws) {
			return strings.Trim(ws[i+1], ",.;:\"'")
		}
	}
	return ""
}

// fallbackPrompt is "<lead-in> — name all N.", with the section named
// first when the lead-in points back with "this"/"these".
func fallbackPrompt(lead, topic string, s listSource) string {
	n := s.n
	ws := strings.Fields(lead)
	if len(ws) == 0 {
		return ""
	}
	last := strings.ToLower(strings.Trim(ws[len(ws)-1], ",.;\"'"))
	if openEnders[last] {
		lead += " …"
	}
	first := strings.ToLower(ws[0])
	if deictics[first] || strings.Contains(strings.ToLower(lead), " these ") {
		if s.ordered && topic != "" && sequenceNouns.match(lead) && !sharesContent(lead, topic) {
			return fmt.Sprintf("%s: name the %d steps in order.", topic, n) // "Follow these steps:"
		}
	}
	if deictics[first] {
		// The sentence before says what "it" is, when it is short.
		if prev := prevSentence(s.para, s.lead); prev != "" && wordCount(prev) <= 25 && !strings.HasSuffix(prev, "?") {
			return prev + " " + lead + " — " + nameAll(n) + "."
		}
		if topic != "" && !sharesContent(lead, topic) {
			return topic + ": " + lowerFirst(lead) + " — " + nameAll(n) + "."
		}
	}
	return lead + " — " + nameAll(n) + "."
}

// prevSentence returns the sentence of para just before its last one, last.
func prevSentence(para, last string) string {
	para = strings.TrimSpace(para)
	if para == "" || last == "" || !strings.HasSuffix(para, last) {
		return ""
	}
	before := strings.TrimSpace(strings.TrimSuffix(para, last))
	if before == "" {
		return ""
	}
	return lastSentence(before)
}

// isLabelPhrase reports whether a lead-in is a short noun phrase
// ("Key Advantages", "Benefits of time blocking", "How to Avoid") rather
// than a sentence.
func isLabelPhrase(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 8 || strings.Contains(s, ", ") {
		return false
	}
	first := strings.ToLower(ws[0])
	if wayLabels[labelKey(s)] != "" || strings.HasPrefix(strings.ToLower(s), "how to ") {
		return true
	}
	if subordinators[first] || deictics[first] || first == "there" || first == "here" || imperativeVerbs[first] || quantifiers[first] {
		return false
	}
	for i, w := range ws {
		lw := strings.ToLower(w)
		if auxVerbs[lw] {
			return false
		}
		if i >= 2 && (countWords[lw] > 0 || quantifiers[lw]) {
			return false // "The matrix divides tasks into four quadrants"
		}
		if i >= 1 && i+1 < len(ws) && r0lower(w) && strings.HasSuffix(lw, "s") && determiners[strings.ToLower(ws[i+1])] {
			return false // "Gitflow defines a strict model"
		}
	}
	if _, ok := involveVerbs[strings.ToLower(ws[len(ws)-1])]; ok {
		return false
	}
	return true
}

// labelPrompt asks for the items of a list named by a label or heading:
// generic labels ("Pros", "Types", "How to Avoid") are combined with the
// topic they belong to, set names ("The Three Pillars of X") become
// "Name the three pillars of X", anything else "<Heading>: name the 4
// commands listed" or "<Heading> — name all 4".
func labelPrompt(label, topic string, s listSource, fromHeading bool) string {
	l := trimEnumerator(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(label), ":")))
	subtitled := false
	if i := strings.Index(l, ": "); i > 0 && wordCount(l[:i]) <= 6 {
		main, sub := l[:i], strings.TrimSpace(l[i+2:])
		switch {
		case endsInDigit(main):
			l = sub // "Scenario 2: Negotiating a Raise"
		case setHead(main):
			// "Git Workflow Strategies: Best Practices for Teams"
			l = main
			if genericHeavy(strings.TrimPrefix(main, "The ")) && setHead(sub) {
				topic = sub // "The Foundational Pillars: Principles of X"
			}
		default:
			l, subtitled = main, true // "Branches: Powering Parallel Development"
		}
	}
	key := labelKey(l)
	n := s.n
	if topic != "" && normKey(topic) == normKey(l) {
		topic = ""
	}
	if v := wayLabels[key]; v != "" && topic != "" {
		return fmt.Sprintf("Name %d ways to %s %s.", n, v, lowerCommonIfTitle(topic))
	}
	if lk := strings.ToLower(l); strings.HasPrefix(lk, "how to ") && s.ordered && wordCount(l) >= 3 {
		// "How to Add an Index" over "Step 1: …", "Step 2: …".
		task := strings.TrimSuffix(strings.TrimSpace(l[len("how to "):]), "?")
		if i := strings.Index(task, ": "); i > 0 {
			task = task[:i] // "…: A Step-by-Step Approach"
		}
		return fmt.Sprintf("List the %d steps to %s, in order.", n, lowerFirst(lowerCommonIfTitle(task)))
	}
	if strings.HasPrefix(key, "how to ") && topic != "" && wordCount(key) <= 4 {
		return fmt.Sprintf("Name %d ways to %s %s.", n, strings.TrimPrefix(key, "how to "), lowerCommonIfTitle(topic))
	}
	if eval, ok := setLabels[key]; ok && topic != "" {
		prep := "of"
		if forLabels[key] {
			prep = "for"
		}
		phrase := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(l, "The "), "the "))
		if s.ordered && sequenceNouns.match(key) {
			return fmt.Sprintf("List the %d %s %s %s, in order.", n, phrase, prep, topic)
		}
		if eval {
			return fmt.Sprintf("Name %d %s %s %s.", n, phrase, prep, topic)
		}
		return fmt.Sprintf("Name the %d %s %s %s.", n, phrase, prep, topic)
	}
	if genericLabels[key] {
		if topic != "" {
			return topic + ": " + key + " — " + nameAll(n) + "."
		}
		return upperFirst(key) + " — " + nameAll(n) + "."
	}
	ws := strings.Fields(l)
	if len(ws) == 0 {
		return ""
	}
	if !fromHeading && subordinators[strings.ToLower(ws[0])] && wordCount(l) >= 3 && !strings.EqualFold(ws[1], "to") {
		return clausePrompt(l, topic, s)
	}
	// A named set: a count word or a plural head noun.
	countAt := -1
	for i, w := range ws {
		lw := strings.ToLower(w)
		if countWords[lw] > 0 {
			countAt = i
			break
		}
	}
	setName := countAt >= 0 || pluralHead(l) && !subtitled
	if fromHeading || s.owner != "" && !s.bare {
		// Headings and item terms name sets less reliably than lead-ins.
		setName = countAt >= 0 || setHead(l) && !subtitled
	}
	if fromHeading && strings.HasSuffix(strings.ToLower(ws[0]), "ing") && countAt < 0 && !setLabels[strings.ToLower(ws[0])] {
		setName = false // "Implementing Best Practices …" is a task, not a set
	}
	if setName && !strings.HasSuffix(l, "?") && !questionWords[strings.ToLower(ws[0])] {
		phrase := l
		art := "the "
		if eval, ok := setLabels[firstWords(key)]; ok && eval {
			art = "" // "Name 4 benefits of time blocking."
		}
		if s.owner != "" && s.bare && countAt < 0 && len(ws) >= 2 && !setLabels[firstWords(key)] && !setNounWords.match(key) && !strings.Contains(key, " of ") && !strings.Contains(key, " for ") {
			// A nested list under "NoSQL Databases:" names its kinds.
			phrase = "types of " + l
		}
		cnt := fmt.Sprint(n)
		if countAt >= 2 && strings.EqualFold(ws[countAt-1], "in") && countAt+1 < len(ws) {
			// "Adding a Cache in Four Steps": the steps of a task.
			task := lowerFirst(lowerCommonIfTitle(strings.Join(ws[:countAt-1], " ")))
			noun := strings.ToLower(strings.Join(ws[countAt+1:], " "))
			if s.ordered {
				return fmt.Sprintf("List the %s %s of %s, in order.", countText(ws[countAt], n), noun, task)
			}
			return fmt.Sprintf("Name the %s %s of %s.", countText(ws[countAt], n), noun, task)
		}
		if countAt >= 0 {
			cnt = countText(ws[countAt], n)
			phrase = strings.Join(append(append([]string{}, ws[:countAt]...), ws[countAt+1:]...), " ")
		}
		phrase = strings.TrimSpace(phrase)
		if lw := strings.ToLower(phrase); strings.HasPrefix(lw, "the ") {
			phrase = phrase[4:]
		}
		phrase = lowerLeadingLabel(lowerCommonIfTitle(phrase))
		if len(phrase) > 0 && !titleCase(l) {
			phrase = lowerFirst(phrase)
		}
		ctx := ""
		if topic != "" && !sharesContent(phrase, topic) && genericHeavy(phrase) {
			ctx = " (" + topic + ")"
		}
		if s.ordered && (sequenceNouns.match(phrase) || sequenceNouns.match(topic)) {
			return fmt.Sprintf("List the %s %s%s, in order.", cnt, phrase, ctx)
		}
		return fmt.Sprintf("Name %s%s %s%s.", art, cnt, phrase, ctx)
	}
	kind := s.kind
	if kind == "" && subtitled {
		kind = "items"
	}
	if kind != "" {
		if topic != "" && s.owner != "" && !sharesContent(l, topic) {
			return fmt.Sprintf("%s (%s): name the %d %s listed.", l, topic, n, kind)
		}
		return fmt.Sprintf("%s: name the %d %s listed.", l, n, kind)
	}
	if s.ordered && sequenceNouns.match(l) && !subtitled {
		p := lowerFirst(l)
		if !noTheBefore[firstWord(p)] {
			p = "the " + p // "the deployment process"; but "our checklist"
		}
		return fmt.Sprintf("List the %d steps of %s, in order.", n, p)
	}
	if topic != "" && (s.owner != "" || hasDeictic(l)) && !sharesContent(l, topic) {
		if hasDeictic(l) {
			return fmt.Sprintf("%s: %s — %s.", topic, lowerFirst(l), nameAll(n))
		}
		return fmt.Sprintf("%s (%s) — %s.", l, topic, nameAll(n))
	}
	return l + " — " + nameAll(n) + "."
}

// headSetNouns are head nouns that make a heading name a set of its
// items ("Load Balancing Algorithms"); other plural headings ("Service
// Meshes", "Stateless Services") are topics whose lists say something else.
var headSetNouns = newWordSet("types", "kinds", "principles", "patterns", "strategies", "techniques", "practices",
	"algorithms", "pillars", "steps", "stages", "phases", "components", "layers", "levels", "methods", "approaches",
	"tools", "trends", "challenges", "pitfalls", "mistakes", "tips", "benefits", "advantages", "disadvantages",
	"ways", "rules", "elements", "factors", "models", "modes", "frameworks", "categories", "features", "concepts",
	"commands", "options", "dimensions", "lessons", "habits", "pros", "cons", "drawbacks", "limitations", "risks",
	"states", "building blocks", "use cases", "considerations", "metrics", "guidelines", "areas", "examples",
	"characteristics", "properties", "requirements", "responsibilities", "capabilities", "methodologies", "workflows",
	"applications", "stages", "tactics", "values", "skills", "questions", "criteria", "parts", "constraints", "guarantees")

// setHead reports whether a title's head noun names a set of parts.
func setHead(l string) bool {
	ws := strings.Fields(l)
	head := ""
	for _, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ",.:;\"'"))
		if lw == "of" || lw == "for" || lw == "in" || lw == "to" || lw == "with" || lw == "on" || lw == "by" || lw == "from" || strings.HasPrefix(w, "(") {
			break
		}
		head = lw
	}
	return head != "" && headSetNouns.match(head)
}

// endsInDigit reports whether s ends with a digit ("Scenario 2").
func endsInDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// hasDeictic reports whether s has a word pointing back to its section ("it", "this").
func hasDeictic(s string) bool {
	for _, w := range words(s) {
		if w == "it" || w == "this" || w == "these" || w == "they" || w == "them" || w == "its" {
			return true
		}
	}
	return false
}

// cleanLabel drops an example list in parentheses from an item label:
// "NoSQL Databases (e.g., MongoDB, Redis)" → "NoSQL Databases".
func cleanLabel(s string) string {
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		in := s[i+2 : len(s)-1]
		if strings.Contains(in, ",") || wordCount(in) > 3 || strings.HasPrefix(strings.ToLower(in), "e.g") {
			return s[:i]
		}
	}
	return s
}

// firstWords returns the set label a label key opens with: "benefits of
// time blocking" → "benefits", "use cases for x" → "use cases".
func firstWords(key string) string {
	ws := strings.Fields(key)
	if len(ws) >= 2 && setLabels[ws[0]+" "+ws[1]] {
		return ws[0] + " " + ws[1]
	}
	if len(ws) > 0 {
		return ws[0]
	}
	return ""
}

// questionWords open headings that are questions or how-to titles.
var questionWords = map[string]bool{"why": true, "how": true, "what": true, "when": true, "where": true, "which": true, "who": true}

// genericHeavy reports whether a set name is mostly generic words and so
// needs its section to make sense ("Key Features", "Benefits for Scalability").
func genericHeavy(phrase string) bool {
	content := 0
	for _, raw := range strings.Fields(phrase) {
		raw = strings.Trim(raw, ",.:;()\"'“”‘’")
		w := strings.ToLower(raw)
		if w == "" {
			continue
		}
		if labelAdjectives[w] || setLabels[w] || genericLabels[w] || functionWords[w] || w == "of" || w == "for" || w == "use" || w == "cases" || setNounWords.match(w) || countWords[w] > 0 {
			continue
		}
		if r0lower(raw) || commonWord(raw) {
			content++
			continue
		}
		content += 2 // a name ("Git") makes the phrase specific
	}
	return content <= 1
}

// pluralHead reports whether a noun phrase names several things: its
// head (the last word before "of", "for", … or the end) is plural.
func pluralHead(l string) bool {
	ws := strings.Fields(l)
	head := ""
	for _, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ",.:;()\"'"))
		switch lw {
		case "of", "for", "in", "to", "with", "on", "by", "from", "employed", "used", "that", "across", "why", "which", "where", "when", "how", "who", "you", "we", "vs", "vs.", "versus":
			return head != "" && plural(head)
		}
		if strings.HasPrefix(w, "(") {
			break
		}
		head = w
	}
	return head != "" && plural(head)
}

// titleCase reports whether most words of s are capitalised (a title).
func titleCase(s string) bool {
	caps, n := 0, 0
	for _, w := range strings.Fields(s) {
		if len(w) < 4 {
			continue
		}
		n++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	return n > 0 && caps*2 > n
}

// lowerCommonIfTitle lower-cases a title-case phrase when all its
// capitalised words are ordinary words ("Key Security Strategies"); a
// title with a name in it stays as written ("Common Rate Limiting
// Algorithms" keeps its capitals rather than mixing cases).
func lowerCommonIfTitle(s string) string {
	if !titleCase(s) {
		return s
	}
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "\"'(),.:;“”‘’")
		for _, p := range strings.Split(w, "-") {
			if r, _ := utf8.DecodeRuneInString(p); unicode.IsUpper(r) && !commonWord(p) {
				return s
			}
		}
	}
	return lowerCommon(s)
}

// clausePrompt handles "When a client sends a request:" lead-ins.
func clausePrompt(clause, topic string, s listSource) string {
	c := lowerFirst(clause)
	if s.ordered {
		return fmt.Sprintf("List the %d steps, in order, %s.", s.n, c)
	}
	return fallbackPrompt(clause, topic, s)
}

// sentencePrompt rephrases a lead-in sentence into a question, or returns
// "" when it cannot do so safely.
func sentencePrompt(lead, topic string, s listSource) string {
	ws := strings.Fields(lead)
	first := strings.ToLower(ws[0])
	if subordinators[first] && !strings.Contains(lead, ", ") {
		return clausePrompt(lead, topic, s)
	}
	lower := strings.ToLower(lead)
	// "Here are the primary reasons why …"
	for _, p := range []string{"here are ", "here is ", "here's ", "below are ", "the following are "} {
		if strings.HasPrefix(lower, p) {
			np := strings.TrimSpace(lead[len(p):])
			if pluralHead(np) || countIn(np) {
				return npPrompt(np, "", topic, s)
			}
			return ""
		}
	}
	if deictics[first] {
		// "This involves:" → what the section's subject involves.
		if len(ws) == 2 && topic != "" {
			if v, ok := involveVerbs[strings.ToLower(ws[1])]; ok && (first == "this" || first == "it") {
				return involvePrompt(topic, v, true, s)
			}
		}
		return ""
	}
	if p := countPrompt(lead, topic, s); p != "" {
		return p
	}
	// "There are files you don't want to track, such as:"
	if i := strings.Index(lower, "there are "); i >= 0 {
		np := strings.TrimSpace(lead[i+len("there are "):])
		examples := false
		for _, e := range []string{", such as", " such as", ", for example", ", e.g.", " like", ", including", " including"} {
			if strings.HasSuffix(strings.ToLower(np), e) {
				np = strings.TrimSpace(np[:len(np)-len(e)])
				examples = true
			}
		}
		if strings.Contains(np, ", ") || !pluralHead(np) && !plural(strings.Fields(np)[0]) {
			return ""
		}
		if examples {
			return fmt.Sprintf("Name %d examples of %s.", s.n, np)
		}
		return npPrompt(np, "", topic, s)
	}
	// "A common architecture … involves:" → "What does … involve?"
	for k, v := range involveVerbs {
		if strings.HasSuffix(lower, " "+k) {
			subj := strings.TrimSpace(lead[:len(lead)-len(k)-1])
			subj = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(subj, " often"), " usually"))
			if subj == "" || strings.Contains(subj, ", ") || wordCount(subj) > 9 {
				return ""
			}
			sw := strings.Fields(subj)
			if deictics[strings.ToLower(sw[0])] || imperativeVerbs[strings.ToLower(sw[0])] {
				return ""
			}
			singular := strings.HasSuffix(k, "s") || strings.HasPrefix(k, "consists")
			subj = lowerFirst(subj)
			if strings.ToLower(sw[0]) == "the" && len(sw) <= 3 && topic != "" && !sharesContent(subj, topic) {
				subj += " (" + topic + ")"
			}
			return involvePrompt(subj, v, singular, s)
		}
	}
	// "The five core steps of GTD are:" / "Key benefits include:"
	for _, v := range []string{" are", " include", " were"} {
		if strings.HasSuffix(lower, v) {
			np := strings.TrimSpace(lead[:len(lead)-len(v)])
			if !strings.Contains(np, ", ") && wordCount(np) <= 10 && pluralHead(np) {
				return npPrompt(np, "", topic, s)
			}
		}
	}
	return ""
}

// involvePrompt is "What does X involve? Name all 4." (ordered: the steps).
func involvePrompt(subj, verb string, singular bool, s listSource) string {
	do := "do"
	if singular {
		do = "does"
	}
	order := ""
	if s.ordered {
		order = " in order"
	}
	return fmt.Sprintf("What %s %s %s? Name %s%s.", do, subj, verb, strings.TrimPrefix(nameAll(s.n), "name "), order)
}

// countIn reports whether s has a count word or quantifier.
func countIn(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if countWords[w] > 0 || quantifiers[w] {
			return true
		}
	}
	return false
}

// npPrompt asks for the items of a plural noun phrase ("the primary
// reasons why …", "The five core steps of GTD").
func npPrompt(np, ctx, topic string, s listSource) string {
	ws := strings.Fields(np)
	cnt := fmt.Sprint(s.n)
	var out []string
	for i, w := range ws {
		lw := strings.ToLower(w)
		if i == 0 && (lw == "the" || lw == "a" || lw == "some") {
			continue
		}
		if countWords[lw] > 0 || quantifiers[lw] || lw == "a" && i+1 < len(ws) && strings.ToLower(ws[i+1]) == "few" {
			if countWords[lw] > 0 {
				cnt = countText(w, s.n)
			}
			continue
		}
		out = append(out, w)
	}
	phrase := strings.Join(out, " ")
	if len(out) == 0 {
		return ""
	}
	if !titleCase(phrase) {
		phrase = lowerFirst(phrase)
	} else {
		phrase = lowerCommonIfTitle(phrase)
	}
	verb := "Name the"
	tail := ""
	if s.ordered && sequenceNouns.match(phrase) {
		verb, tail = "List the", ", in order"
	}
	if ctx == "" && topic != "" && genericHeavy(phrase) && !sharesContent(phrase, topic) {
		ctx = " (" + topic + ")"
	}
	return fmt.Sprintf("%s %s %s%s%s.", verb, cnt, phrase, ctx, tail)
}

// countPrompt rephrases a lead-in that counts its items: "Git operates
// with three states that files can be in" → "Name the three states that
// files can be in (Git)."; "Kubernetes provides several critical features
// for distributed systems" → "Name the 3 critical features Kubernetes
// provides for distributed systems."
func countPrompt(lead, topic string, s listSource) string {
	ws := strings.Fields(lead)
	at := -1
	for i, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ",;"))
		if countWords[lw] == 0 && !quantifiers[lw] {
			continue
		}
		if i+1 >= len(ws) {
			break
		}
		next := strings.ToLower(ws[i+1])
		if next == "of" || countWords[next] > 0 || quantifiers[next] || strings.HasSuffix(w, ",") {
			continue // "two of the following three guarantees"
		}
		at = i
	}
	if at < 0 {
		return ""
	}
	// The noun phrase after the count, up to a clause break.
	rest := strings.Join(ws[at+1:], " ")
	examples := false
	for _, b := range npBreaks {
		if i := strings.Index(rest, b); i > 0 {
			if b == " such as" || b == " including" || b == " e.g." || b == " like " {
				examples = examples || i+len(b) >= len(rest)-1
			}
			rest = rest[:i]
		}
	}
	rest = strings.TrimSpace(rest)
	for _, v := range []string{" are", " is", " include", " were"} {
		rest = strings.TrimSuffix(rest, v)
	}
	np := strings.Fields(rest)
	if len(np) == 0 || len(np) > 14 {
		return ""
	}
	// The head noun: the first plural among the first words.
	head := -1
	for i, w := range np {
		if i > 4 {
			break
		}
		if plural(w) || strings.EqualFold(w, "data") {
			head = i
			break
		}
	}
	if head < 0 {
		return ""
	}
	cnt := countText(strings.Trim(ws[at], ",;"), s.n)
	pre := ws[:at]
	// "Several patterns enhance resilience": the sentence's own verb
	// follows the head noun.
	if len(pre) == 0 || len(pre) == 1 && strings.EqualFold(pre[0], "the") {
		if head+1 < len(np) && !relStart(np[head+1]) && !strings.EqualFold(np[head+1], "of") && !strings.EqualFold(np[head+1], "and") {
			np = append(append(append([]string{}, np[:head+1]...), "that"), np[head+1:]...)
		}
		return npPromptWords(np, cnt, "", s, examples)
	}
	// Split the noun phrase at its first preposition after the head.
	split := len(np)
	relative := false
	for i := head + 1; i < len(np); i++ {
		lw := strings.ToLower(np[i])
		if relStart(np[i]) {
			relative = true
			split = i
			break
		}
		if lw == "for" || lw == "to" || lw == "in" || lw == "on" || lw == "with" || lw == "across" || lw == "during" || lw == "between" || lw == "when" {
			split = i
			break
		}
	}
	// The clause holding the count: after the last comma before it.
	clause := pre
	intro := ""
	for i := len(pre) - 1; i >= 0; i-- {
		if strings.HasSuffix(pre[i], ",") {
			clause = pre[i+1:]
			if introPrepositions[strings.ToLower(pre[0])] {
				intro = strings.TrimSuffix(strings.Join(pre[:i+1], " "), ",")
			}
			break
		}
	}
	subj, verb := splitSubject(clause)
	if subj != "" && strings.ToLower(subj) == strings.ToLower(strings.Fields(subj)[0]) && deictics[strings.ToLower(subj)] {
		subj = ""
	}
	if sw := strings.Fields(subj); len(sw) == 2 && strings.EqualFold(sw[0], "the") && topic != "" &&
		strings.Contains(strings.ToLower(topic), strings.ToLower(sw[1])) {
		subj = "the " + topic // "the matrix" under "The Eisenhower Matrix"
	} else if len(sw) > 0 && (strings.EqualFold(sw[0], "the") || strings.EqualFold(sw[0], "a")) {
		subj = lowerFirst(subj)
	}
	switch {
	case subj != "" && verb != "" && !relative && wordCount(verb) <= 5 && !strings.Contains(verb, ","):
		words := append(append(append([]string{}, np[:split]...), strings.Fields(lowerFirst(subj))...), strings.Fields(verb)...)
		words = append(words, np[split:]...)
		return npPromptWords(words, cnt, "", s, examples)
	case subj != "":
		return npPromptWords(np, cnt, " ("+lowerFirst(subj)+")", s, examples)
	case intro != "":
		return npPromptWords(np, cnt, " "+lowerFirst(intro), s, examples)
	}
	ctx := ""
	if topic != "" && genericHeavy(strings.Join(np, " ")) && !sharesContent(strings.Join(np, " "), topic) {
		ctx = " (" + topic + ")"
	}
	return npPromptWords(np, cnt, ctx, s, examples)
}

// relStart reports whether w opens a relative clause.
func relStart(w string) bool {
	switch strings.ToLower(w) {
	case "that", "which", "who", "whose", "where", "you", "we", "your":
		return true
	}
	return false
}

// npPromptWords renders "Name the <cnt> <np><ctx>." (or a list in order).
func npPromptWords(np []string, cnt, ctx string, s listSource, examples bool) string {
	phrase := strings.Join(np, " ")
	phrase = strings.TrimRight(phrase, ",;:")
	if examples {
		return fmt.Sprintf("Name %s examples of %s%s.", cnt, lowerFirst(phrase), ctx)
	}
	if s.ordered && sequenceNouns.match(phrase) {
		return fmt.Sprintf("List the %s %s%s, in order.", cnt, lowerFirst(phrase), ctx)
	}
	return fmt.Sprintf("Name the %s %s%s.", cnt, lowerFirst(phrase), ctx)
}

// splitSubject splits "Git's internal database is built around" into
// its subject and verb phrase; it returns "" for either when unsure.
func splitSubject(clause []string) (string, string) {
	if len(clause) < 2 {
		return "", ""
	}
	f := strings.ToLower(clause[0])
	if subordinators[f] || introPrepositions[f] || f == "you" || f == "we" || f == "i" || f == "which" || f == "that" || f == "there" || strings.HasPrefix(f, "you'") || strings.HasPrefix(f, "we'") {
		return "", ""
	}
	for i := 1; i < len(clause) && i <= 4; i++ {
		lw := strings.ToLower(clause[i])
		next := ""
		if i+1 < len(clause) {
			next = strings.ToLower(clause[i+1])
		}
		if auxVerbs[lw] || (strings.HasSuffix(lw, "s") && plural(lw) && !strings.HasSuffix(lw, "'s") && !auxVerbs[next] && r0lower(clause[i]) && !functionWords[lw]) {
			return strings.Join(clause[:i], " "), strings.Join(clause[i:], " ")
		}
		if lw == "primarily" || lw == "mainly" || lw == "typically" || lw == "usually" || lw == "often" || lw == "generally" {
			return strings.Join(clause[:i], " "), strings.Join(clause[i:], " ")
		}
	}
	return "", ""
}

// r0lower reports whether w starts with a lower-case letter.
func r0lower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// upperFirst upper-cases the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerLeadingLabel lower-cases the generic words a title opens with when
// a preposition follows them: "Benefits of Meal Prep" → "benefits of Meal
// Prep", "Key Tips for X" → "key tips for X".
func lowerLeadingLabel(s string) string {
	ws := strings.Fields(s)
	i := 0
	for i < len(ws) && (labelAdjectives[strings.ToLower(ws[i])] || setLabels[strings.ToLower(ws[i])] || headSetNouns.match(strings.ToLower(ws[i]))) {
		i++
	}
	if i == 0 || i >= len(ws) {
		return s
	}
	if len(ws)-i-1 > 3 {
		return s // a long title reads better in one case throughout
	}
	switch strings.ToLower(ws[i]) {
	case "of", "for", "to", "in", "with", "from", "on":
		for k := 0; k < i; k++ {
			ws[k] = strings.ToLower(ws[k])
		}
		return strings.Join(ws, " ")
	}
	return s
}
