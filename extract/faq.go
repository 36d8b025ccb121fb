package extract

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// faqHeadingRE matches headings that open an FAQ section.
var faqHeadingRE = regexp.MustCompile(`(?i)^(?:\d+[.)]\s*)?(?:faqs?\b|f\.a\.q|frequently[ -]asked questions|(?:common|popular|frequent|general|top|your|some|more|other|key)(?: \w+)? questions|questions (?:and|&) answers|q\s*&\s*a\b|q&a\b|ask(?:ed)? questions)`)

// qMarkerRE and aMarkerRE match the Q:/A: markers of FAQ paragraphs.
var (
	qMarkerRE = regexp.MustCompile(`^(?i:q|question)\s*(?:\d+\s*)?[:.]\s*`)
	aMarkerRE = regexp.MustCompile(`^(?i:a|answer)\s*[:.]\s*`)
)

// inlineAnswerRE matches an answer marker inside a Q: paragraph.
var inlineAnswerRE = regexp.MustCompile(`\s(?i:a|answer):\s`)

// isFAQHeading reports whether a heading text opens an FAQ section: a
// known FAQ title, or a short heading about questions ("Questions Readers
// Asked", "Common Kubernetes Interview Questions") that is neither a call
// to action nor a set of exercises.
func isFAQHeading(s string) bool {
	s = strings.TrimSpace(s)
	if !faqCue(s) {
		return false
	}
	if faqHeadingRE.MatchString(s) {
		return true
	}
	if wordCount(s) > 10 || !questionsWordRE.MatchString(s) || exerciseQuestionsRE.MatchString(s) || callToAction(s) {
		return false
	}
	// "Asking Good Questions at Work", "How to Answer Interview
	// Questions": questions as a topic, not a set of them answered.
	fw := firstWord(s)
	return !strings.HasSuffix(fw, "ing") && !imperativeVerbs[fw] && !headingStopWords[fw] || fw == "common" || fw == "key" || fw == "top" || fw == "frequently"
}

// questionsWordRE finds the word "questions" (or "Q&A", "people also ask")
// anywhere in a heading; exerciseQuestionsRE the headings of exercises,
// whose questions come without answers.
var (
	questionsWordRE     = regexp.MustCompile(`(?i)\bquestions\b|\bpeople also ask\b`)
	exerciseQuestionsRE = regexp.MustCompile(`(?i)\b(?:review|discussion|practice|study|exam|quiz|homework|essay|test|self-check|check your understanding)\b`)
)

// faqCue is a cheap necessary condition for faqHeadingRE and for
// questionsWordRE: every branch has "faq", "f.a.q", "question", "people
// also ask" or an "&", matched without regard to ASCII case. Beyond ASCII
// only the long s (ſ) and the Kelvin sign fold onto those letters, so text
// holding either always goes to the regexps.
func faqCue(s string) bool {
	if strings.Contains(s, "&") || strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a") {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 'f':
			if foldPrefixASCII(s[i:], "faq") || foldPrefixASCII(s[i:], "f.a.q") {
				return true
			}
		case 'q':
			if foldPrefixASCII(s[i:], "question") {
				return true
			}
		case 'p':
			if foldPrefixASCII(s[i:], "people also ask") {
				return true
			}
		}
	}
	return false
}

// foldPrefixASCII reports whether s opens with p (lower-case ASCII) when
// ASCII letters of s are lower-cased.
func foldPrefixASCII(s, p string) bool {
	return len(s) >= len(p) && equalLower(s[:len(p)], p)
}

// cleanHeading strips permalink symbols from a heading's text.
func cleanHeading(s string) string {
	s = strings.TrimRight(s, " ¶#§🔗")
	return strings.TrimSpace(s)
}

// heading updates the heading path and handles question headings.
func (x *extractor) heading(n *xhtml.Node, lvl int) {
	text := cleanHeading(x.text(n))
	x.pseudo = ""
	x.prose = nil
	if x.faqLevel > 0 && lvl <= x.faqLevel {
		x.faqLevel = 0
	}
	if lvl == 1 {
		x.heads = x.heads[:0]
		if isFAQHeading(text) {
			x.faqLevel = 1
			return
		}
		// A page titled by a concept ("Latency") may define it first thing.
		x.prose, x.proseFirst = n, true
		return
	}
	for len(x.heads) > 0 && x.heads[len(x.heads)-1].level >= lvl {
		x.heads = x.heads[:len(x.heads)-1]
	}
	x.heads = append(x.heads, head{level: lvl, text: text})
	if it, ok := x.seqs[n]; ok {
		x.add(it)
	}
	if isFAQHeading(text) {
		x.faqLevel = lvl
		return
	}
	if strings.HasSuffix(text, "?") {
		x.questionHeading(n, lvl, text)
		return
	}
	x.prose, x.proseFirst = n, true
}

// questionHeading turns a question heading into an FAQ pair: always inside
// an FAQ section, elsewhere only when a short direct answer follows and the
// heading does not title a section with subsections.
func (x *extractor) questionHeading(n *xhtml.Node, lvl int, q string) {
	var blocks []*xhtml.Node
	for s := nextElem(n); s != nil; s = nextElem(s) {
		if l := headingLevel(s); l > 0 {
			if x.faqLevel == 0 && l > lvl {
				return // a section title with its own subsections
			}
			break
		}
		if s.DataAtom == atom.Pre || s.DataAtom == atom.Table {
			if x.faqLevel == 0 {
				return
			}
			continue
		}
		if x.questionBlock(s) {
			break // the next question's paragraph: its own pair
		}
		blocks = append(blocks, s)
	}
	if len(blocks) == 0 || callToAction(q) {
		return
	}
	if x.faqLevel == 0 && x.inFAQBox == 0 {
		// Outside an FAQ section: only a short, direct answer.
		if len(blocks) > 2 {
			return
		}
		words := 0
		for _, b := range blocks {
			if b.DataAtom != atom.P {
				return
			}
			words += wordCount(x.text(b))
		}
		if words > 80 || words < 3 {
			return
		}
	}
	ans, ansHTML := blocksText(blocks)
	if ans == "" {
		return
	}
	if x.add(Item{Kind: FAQ, Question: q, Answer: ans, AnswerHTML: ansHTML}) {
		for _, b := range blocks {
			x.used[b] = true
		}
	}
}

// blocksText joins the text of several blocks.
func blocksText(blocks []*xhtml.Node) (string, string) {
	var ps, hs []string
	for _, b := range blocks {
		var p, h string
		if b.DataAtom == atom.Ul || b.DataAtom == atom.Ol {
			p, h = listText(b)
		} else {
			p, h = textHTMLOf(b, textOpts{})
		}
		if p != "" {
			ps = append(ps, p)
			hs = append(hs, h)
		}
	}
	return strings.Join(ps, " "), strings.Join(hs, " ")
}

// answerText is the text and HTML of an answer box n (without its child
// skip, the question). Where the box holds blocks and a list among them,
// they are read block by block so the list's items stay apart
// (blocksText); otherwise it is n's text.
func answerText(n, skip *xhtml.Node) (string, string) {
	var blocks []*xhtml.Node
	lists := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == skip:
		case c.Type == xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return textHTMLOf(n, textOpts{skip: skip})
			}
		case c.Type == xhtml.ElementNode:
			blocks = append(blocks, c)
			lists = lists || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol
		}
	}
	if len(blocks) == 1 && (blocks[0].DataAtom == atom.Div || blocks[0].DataAtom == atom.Section) {
		return answerText(blocks[0], nil)
	}
	if !lists {
		return textHTMLOf(n, textOpts{skip: skip})
	}
	for _, b := range blocks {
		if !isBlock(b.DataAtom) {
			return textHTMLOf(n, textOpts{skip: skip}) // inline markup beside the blocks
		}
	}
	return blocksText(blocks)
}

// listText renders a list inside an answer on one line: its items
// separated by semicolons ("Pods; Deployments; Services"), or by spaces
// when every item is a sentence; an ordered list's items numbered.
func listText(l *xhtml.Node) (string, string) {
	var ps, hs []string
	sentences := true
	for i, li := range listItems(l) {
		p, h := textHTMLOf(li, textOpts{})
		if p == "" {
			continue
		}
		if !strings.HasSuffix(p, ".") && !strings.HasSuffix(p, "!") && !strings.HasSuffix(p, "?") {
			sentences = false
		}
		if l.DataAtom == atom.Ol {
			n := fmt.Sprintf("%d. ", i+1)
			p, h = n+p, n+h
		}
		ps, hs = append(ps, p), append(hs, h)
	}
	sep := "; "
	if sentences {
		sep = " "
	}
	return strings.Join(ps, sep), strings.Join(hs, sep)
}

// faqParagraph handles a paragraph inside an FAQ section. It reports
// whether the paragraph was used as (part of) an FAQ pair.
func (x *extractor) faqParagraph(p *xhtml.Node, text string) bool {
	if loc := qMarkerRE.FindStringIndex(text); loc != nil {
		q := strings.TrimSpace(text[loc[1]:])
		// Q and A in one paragraph.
		if i := strings.Index(q, "? "); i > 0 {
			rest := strings.TrimSpace(q[i+2:])
			if m := aMarkerRE.FindStringIndex(rest); m != nil {
				a := strings.TrimSpace(rest[m[1]:])
				x.add(Item{Kind: FAQ, Question: q[:i+1], Answer: a, AnswerHTML: escapeText(a)})
				return true
			}
		}
		if m := inlineAnswerRE.FindStringIndex(q); m != nil {
			a := strings.TrimSpace(q[m[1]:])
			x.add(Item{Kind: FAQ, Question: strings.TrimSpace(q[:m[0]]), Answer: a, AnswerHTML: escapeText(a)})
			return true
		}
		blocks := x.answerBlocks(p)
		if len(blocks) == 0 {
			return false
		}
		a, ah := blocksText(blocks)
		a = aMarkerRE.ReplaceAllString(a, "")
		ah = aMarkerRE.ReplaceAllString(ah, "")
		if a == "" {
			return false
		}
		for _, b := range blocks {
			x.used[b] = true
		}
		x.add(Item{Kind: FAQ, Question: q, Answer: a, AnswerHTML: ah})
		return true
	}
	// A bold question, answered in the rest of the paragraph or below.
	if f := firstElem(p); isBold(f) {
		q := x.text(f)
		if strings.HasSuffix(q, "?") || strings.HasSuffix(q, "?:") {
			q = strings.TrimSuffix(q, ":")
			rest, restHTML := textHTMLOf(p, textOpts{skip: f})
			rest = aMarkerRE.ReplaceAllString(rest, "")
			if wordCount(rest) >= 3 {
				x.add(Item{Kind: FAQ, Question: q, Answer: rest, AnswerHTML: aMarkerRE.ReplaceAllString(restHTML, "")})
				return true
			}
			blocks := x.answerBlocks(p)
			if len(blocks) > 0 {
				a, ah := blocksText(blocks)
				for _, b := range blocks {
					x.used[b] = true
				}
				x.add(Item{Kind: FAQ, Question: q, Answer: aMarkerRE.ReplaceAllString(a, ""), AnswerHTML: ah})
				return true
			}
		}
	}
	return false
}

// answerBlocks collects the blocks after a question paragraph up to the
// next question or heading.
func (x *extractor) answerBlocks(p *xhtml.Node) []*xhtml.Node {
	var out []*xhtml.Node
	for s := nextElem(p); s != nil; s = nextElem(s) {
		if headingLevel(s) > 0 || s.DataAtom == atom.Hr {
			break
		}
		if s.DataAtom == atom.Pre {
			continue
		}
		if x.questionBlock(s) {
			break
		}
		if len(out) > 0 && aMarkerRE.MatchString(x.text(s)) {
			break
		}
		out = append(out, s)
		if len(out) == 4 {
			break
		}
	}
	return out
}

// questionBlock reports whether block s opens a question of its own: a
// "Q:" paragraph, a paragraph led by a bold question, or a list or <dl>
// of such questions.
func (x *extractor) questionBlock(s *xhtml.Node) bool {
	switch s.DataAtom {
	case atom.Ul, atom.Ol:
		// A list of bold questions, each answered in its item.
		lis := listItems(s)
		if len(lis) == 0 {
			return false
		}
		f := leadElem(lis[0])
		return isBold(f) && strings.HasSuffix(strings.TrimSuffix(x.text(f), ":"), "?") || qMarkerRE.MatchString(x.own(lis[0]))
	case atom.Dl:
		dt := firstElem(s)
		return dt != nil && dt.DataAtom == atom.Dt && strings.HasSuffix(x.text(dt), "?")
	case atom.P, atom.Div:
	default:
		return false
	}
	if f := firstElem(s); isBold(f) && s.DataAtom == atom.P {
		q := strings.TrimSuffix(x.text(f), ":")
		if strings.HasSuffix(q, "?") {
			return true
		}
	}
	return qMarkerRE.MatchString(x.text(s))
}

// callToActionRE matches headings that invite contact rather than ask a
// question with an answer: "Still have questions?", "Need help?".
var callToActionRE = regexp.MustCompile(`(?i)^(?:(?:still|got|have|any|more|other)\s+(?:have\s+)?(?:any\s+|more\s+|other\s+|a\s+)?questions?|questions|need\s+(?:more\s+|any\s+|some\s+)?(?:help|assistance|support)|(?:can't|cannot|didn't|did not|couldn't)\s+find\s+(?:what|the answer|an answer|your answer).*|ready to (?:get started|start|begin|join|try).*|want to (?:learn|know|find out|read) more.*|(?:is there )?anything else.*|how can we help(?: you)?)\s*\?$`)

// callToAction reports whether question q is a call to action.
func callToAction(q string) bool {
	return callToActionRE.MatchString(strings.TrimSpace(q))
}

// escapeText returns s as HTML text.
func escapeText(s string) string {
	return html.EscapeString(s)
}

// details handles <details><summary>: an FAQ pair when the summary is a
// question (or the element sits in an FAQ section).
func (x *extractor) details(d *xhtml.Node) {
	var sum *xhtml.Node
	for c := d.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.DataAtom == atom.Summary {
			sum = c
			break
		}
	}
	if sum == nil {
		x.walk(d)
		return
	}
	q := x.text(sum)
	if strings.HasSuffix(q, "?") || (x.faqLevel > 0 || x.inFAQBox > 0) && wordCount(q) >= 3 {
		a, ah := answerText(d, sum)
		if wordCount(a) >= 2 {
			x.add(Item{Kind: FAQ, Question: q, Answer: a, AnswerHTML: ah})
			return
		}
	}
	x.used[sum] = true
	x.walk(d)
}

// accordion handles a container of toggles that hold question/answer
// pairs (button/summary/heading toggles, aria-controls, common class
// names). It reports whether it found any pair.
func (x *extractor) accordion(n *xhtml.Node) bool {
	if !hasClassLike(n, "faq", "accordion", "collapse", "toggle", "question", "qa-", "q-a") && !hasAriaToggle(n) {
		return false
	}
	type pair struct {
		q, a, ah string
		nodes    []*xhtml.Node
	}
	var pairs []pair
	var find func(m *xhtml.Node)
	find = func(m *xhtml.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			if isQuestionToggle(c) && !outlineHeading(c) {
				q := x.text(c)
				ans := answerFor(n, c)
				if ans != nil {
					a, ah := answerText(ans, nil)
					if wordCount(a) >= 2 {
						pairs = append(pairs, pair{q: q, a: a, ah: ah, nodes: []*xhtml.Node{c, ans}})
						continue
					}
				}
			}
			find(c)
		}
	}
	find(n)
	if len(pairs) == 0 {
		return false
	}
	for _, p := range pairs {
		x.add(Item{Kind: FAQ, Question: p.q, Answer: p.a, AnswerHTML: p.ah})
		for _, n := range p.nodes {
			x.used[n] = true
		}
	}
	// The rest of the container is read as usual.
	x.inFAQBox++
	x.walk(n)
	x.inFAQBox--
	return true
}

// outlineHeading reports whether heading n titles a document section
// (Sphinx and other generators wrap each section in <section> or
// <div class="section">) rather than an accordion's toggle: the heading
// path then reads it, with its context.
func outlineHeading(n *xhtml.Node) bool {
	p := n.Parent
	return headingLevel(n) > 0 && p != nil && (p.DataAtom == atom.Section || p.DataAtom == atom.Article || hasClass(p, "section"))
}

// hasAriaToggle reports whether n directly contains an aria-controls toggle.
func hasAriaToggle(n *xhtml.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && attr(c, "aria-controls") != "" {
			return true
		}
	}
	return false
}

// isQuestionToggle reports whether n is the question half of a toggle.
func isQuestionToggle(n *xhtml.Node) bool {
	if !(n.DataAtom == atom.Button || n.DataAtom == atom.Summary || attr(n, "aria-controls") != "" ||
		attr(n, "aria-expanded") != "" || attr(n, "role") == "button" || headingLevel(n) > 0 || isBold(n) ||
		hasClassLike(n, "question", "title", "header", "heading", "toggle", "trigger")) {
		return false
	}
	q := textOf(n, textOpts{})
	// A container holding both question and answer is not the toggle.
	return q != "" && len(q) <= 300 && wordCount(q) <= 40 && strings.HasSuffix(strings.TrimRight(q, " +−-▾▸"), "?")
}

// answerFor finds the answer of a question toggle q inside box: the
// aria-controls target, else the next element after q or after its parent.
func answerFor(box, q *xhtml.Node) *xhtml.Node {
	if id := attr(q, "aria-controls"); id != "" {
		if t := findFirst(box, func(n *xhtml.Node) bool { return attr(n, "id") == id }); t != nil {
			return t
		}
	}
	for m := q; m != nil && m != box; m = m.Parent {
		if s := nextElem(m); s != nil && !isQuestionToggle(s) {
			return s
		}
		if c := findFirst(m, func(n *xhtml.Node) bool { return attr(n, "aria-controls") != "" }); c != nil && c != q {
			return nil
		}
	}
	return nil
}

// isMicrodataQuestion reports whether n is a schema.org Question in microdata.
func isMicrodataQuestion(n *xhtml.Node) bool {
	t := attr(n, "itemtype")
	return t != "" && strings.HasSuffix(strings.TrimRight(t, "/"), "schema.org/Question")
}

// microdataQuestion turns a microdata Question into an FAQ pair.
func (x *extractor) microdataQuestion(n *xhtml.Node) {
	name := findFirst(n, func(m *xhtml.Node) bool { return attr(m, "itemprop") == "name" })
	ans := findFirst(n, func(m *xhtml.Node) bool {
		return attr(m, "itemprop") == "acceptedAnswer" || attr(m, "itemprop") == "suggestedAnswer"
	})
	if name == nil || ans == nil {
		x.walk(n)
		return
	}
	if t := findFirst(ans, func(m *xhtml.Node) bool { return attr(m, "itemprop") == "text" }); t != nil {
		ans = t
	}
	q := x.text(name)
	if q == "" {
		q = strings.TrimSpace(attr(name, "content"))
	}
	a, ah := answerText(ans, nil)
	if q != "" && a != "" {
		x.add(Item{Kind: FAQ, Question: q, Answer: a, AnswerHTML: ah})
	}
}

// structuredFAQ adds the schema.org FAQPage pairs from JSON-LD that the
// visible page did not already give.
func (x *extractor) structuredFAQ() {
	for _, raw := range x.ldjson {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(raw)), &v); err != nil {
			continue
		}
		x.ldWalk(v, false)
	}
}

// ldWalk finds Question objects under FAQPage objects (also in @graph
// and arrays).
func (x *extractor) ldWalk(v any, inFAQ bool) {
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			x.ldWalk(e, inFAQ)
		}
	case map[string]any:
		if ldHasType(t, "Question") {
			q := ldString(t["name"])
			a := ""
			for _, key := range []string{"acceptedAnswer", "suggestedAnswer"} {
				if a != "" {
					break
				}
				switch ans := t[key].(type) {
				case map[string]any:
					a = ldString(ans["text"])
				case []any:
					if len(ans) > 0 {
						if m, ok := ans[0].(map[string]any); ok {
							a = ldString(m["text"])
						}
					}
				}
			}
			q = htmlToText(q)
			ap, ah := htmlToTextHTML(a)
			if q != "" && ap != "" {
				x.addStructured(Item{Kind: FAQ, Question: q, Answer: ap, AnswerHTML: ah})
			}
			return
		}
		faq := inFAQ || ldHasType(t, "FAQPage")
		for _, k := range []string{"@graph", "mainEntity", "hasPart", "itemListElement"} {
			if e, ok := t[k]; ok {
				x.ldWalk(e, faq)
			}
		}
	}
}

// addStructured adds a structured-data FAQ pair at the top level of the
// article (no heading path), unless the visible page gave it already.
func (x *extractor) addStructured(it Item) {
	heads, pseudo, anchor := x.heads, x.pseudo, x.anchor
	x.heads, x.pseudo, x.anchor = nil, "", ""
	x.add(it)
	x.heads, x.pseudo, x.anchor = heads, pseudo, anchor
}

func ldHasType(m map[string]any, typ string) bool {
	switch t := m["@type"].(type) {
	case string:
		return t == typ || strings.HasSuffix(t, "/"+typ)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && (s == typ || strings.HasSuffix(s, "/"+typ)) {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	}
	return ""
}

// htmlToText renders an HTML fragment (e.g. a JSON-LD answer) as text.
func htmlToText(s string) string {
	p, _ := htmlToTextHTML(s)
	return p
}

func htmlToTextHTML(s string) (string, string) {
	if !strings.ContainsAny(s, "<&") {
		c := collapse(s)
		return c, escapeText(c)
	}
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, DataAtom: atom.Div, Data: "div"})
	if err != nil {
		return collapse(s), escapeText(collapse(s))
	}
	root := &xhtml.Node{Type: xhtml.ElementNode, DataAtom: atom.Div, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return answerText(root, nil)
}
