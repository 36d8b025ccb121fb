package extract

import (
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textOpts says which parts of a subtree textOf skips.
type textOpts struct {
	skipLists bool        // nested ul/ol/dl contribute nothing
	skip      *xhtml.Node // a child subtree to leave out (e.g. the label)
}

// textBuf accumulates the plain and the inline-HTML rendering of a subtree
// in one walk. Block boundaries become one space; inline elements join
// without one. White space collapses as the text is written, exactly as
// collapse would collapse the whole; a text node that is not valid UTF-8
// (where runes could span nodes) makes the caller redo the walk raw.
// The renderings grow in byte slices that textOf and textHTMLOf borrow
// from textScratch, so a walk allocates only the strings it returns.
type textBuf struct {
	plain   []byte
	html    []byte
	noHTML  bool    // plain text only
	raw     bool    // write as is; the caller collapses
	sp, hsp bool    // a space is pending in plain, in html
	invalid bool    // a text node is not valid UTF-8
	pp, hp  *[]byte // the borrowed scratch, if any
}

// textScratch holds byte slices for textBuf renderings between walks.
var textScratch = sync.Pool{New: func() any { return new([]byte) }}

// borrow gives b scratch slices for its renderings; done returns them.
func (b *textBuf) borrow() {
	b.pp = textScratch.Get().(*[]byte)
	b.plain = (*b.pp)[:0]
	if !b.noHTML {
		b.hp = textScratch.Get().(*[]byte)
		b.html = (*b.hp)[:0]
	}
}

func (b *textBuf) done() {
	*b.pp = b.plain
	textScratch.Put(b.pp)
	if b.hp != nil {
		*b.hp = b.html
		textScratch.Put(b.hp)
	}
	*b = textBuf{}
}

func (b *textBuf) space() {
	if b.raw {
		b.plain = append(b.plain, ' ')
		if !b.noHTML {
			b.html = append(b.html, ' ')
		}
		return
	}
	b.sp = true
	b.hsp = true
}

func (b *textBuf) text(s string) {
	if b.raw {
		b.plain = append(b.plain, s...)
		if !b.noHTML {
			b.html = append(b.html, html.EscapeString(s)...)
		}
		return
	}
	if !utf8.ValidString(s) {
		b.invalid = true
	}
	b.plain = appendCollapsed(b.plain, &b.sp, s)
	if !b.noHTML {
		b.html = appendCollapsed(b.html, &b.hsp, html.EscapeString(s))
	}
}

// tag writes markup (no white space) to the html rendering.
func (b *textBuf) tag(s string) {
	if b.raw {
		b.html = append(b.html, s...)
		return
	}
	b.html = appendCollapsed(b.html, &b.hsp, s)
}

// appendCollapsed appends s to b as collapse would, given whether a space
// is pending before s; it updates the pending state.
func appendCollapsed(b []byte, sp *bool, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				*sp = true
				i++
				continue
			}
			// A run of ASCII non-space bytes and single spaces between
			// them, copied at once.
			j := i + 1
			for j < len(s) {
				if d := s[j]; d < utf8.RuneSelf && !asciiSpace[d] {
					j++
				} else if d == ' ' && j+1 < len(s) && s[j+1] < utf8.RuneSelf && !asciiSpace[s[j+1]] {
					j += 2
				} else {
					break
				}
			}
			if *sp && len(b) > 0 {
				b = append(b, ' ')
			}
			*sp = false
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			i += n
			*sp = true
			continue
		}
		if *sp && len(b) > 0 {
			b = append(b, ' ')
		}
		*sp = false
		b = append(b, s[i:i+n]...)
		i += n
	}
	return b
}

// isBlock reports whether an element starts a new block for text purposes.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Br, atom.Hr,
		atom.Blockquote, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Section,
		atom.Article, atom.Details, atom.Summary, atom.Figure, atom.Figcaption,
		atom.Header, atom.Footer, atom.Main, atom.Aside, atom.Nav, atom.Pre,
		atom.Thead, atom.Tbody, atom.Caption, atom.Form, atom.Button:
		return true
	}
	return false
}

func (b *textBuf) walk(n *xhtml.Node, o textOpts) {
	switch n.Type {
	case xhtml.TextNode:
		b.text(n.Data)
		return
	case xhtml.ElementNode:
	case xhtml.DocumentNode:
	default:
		return
	}
	if n == o.skip {
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Pre, atom.Noscript, atom.Template, atom.Svg,
		atom.Iframe, atom.Object, atom.Select, atom.Textarea, atom.Img:
		return
	case atom.Ul, atom.Ol, atom.Dl:
		if o.skipLists {
			return
		}
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		if !b.noHTML {
			b.tag("<code>")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.walk(c, o)
		}
		if !b.noHTML {
			b.tag("</code>")
		}
		return
	}
	block := n.Type == xhtml.ElementNode && isBlock(n.DataAtom)
	if block {
		b.space()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c, o)
	}
	if block {
		b.space()
	}
}

// textOf returns the normalised plain text of n.
func textOf(n *xhtml.Node, o textOpts) string {
	b := textBuf{noHTML: true}
	b.borrow()
	defer b.done()
	b.walk(n, o)
	if !b.invalid {
		return string(b.plain)
	}
	r := textBuf{noHTML: true, raw: true}
	r.borrow()
	defer r.done()
	r.walk(n, o)
	return cleanText(string(r.plain))
}

// textHTMLOf returns the normalised plain text and inline HTML of n.
func textHTMLOf(n *xhtml.Node, o textOpts) (string, string) {
	var b textBuf
	b.borrow()
	defer b.done()
	b.walk(n, o)
	if !b.invalid {
		return string(b.plain), string(b.html)
	}
	r := textBuf{raw: true}
	r.borrow()
	defer r.done()
	r.walk(n, o)
	return cleanText(string(r.plain)), collapse(string(r.html))
}

// cleanText collapses whitespace.
func cleanText(s string) string {
	return collapse(s)
}

// collapse turns every run of white space (also NBSP and zero-width
// space) into one space and trims.
func collapse(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	sp := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				sp = true
				i++
				continue
			}
			// A run of ASCII non-space bytes, copied at once.
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
				j++
			}
			if sp && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sp = false
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			i += n
			sp = true
			continue
		}
		if sp && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sp = false
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

// asciiSpace marks the ASCII bytes collapse treats as white space.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

// collapsed reports whether collapse(s) == s: no white space but single
// ASCII spaces between non-space characters.
func collapsed(s string) bool {
	prevSpace := true // a leading space is not collapsed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			case '\t', '\n', '\r', '\f', '\v':
				return false
			}
			prevSpace = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			return false
		}
		prevSpace = false
		i += n
	}
	return !prevSpace || s == ""
}

// wordCount counts space-separated words.
func wordCount(s string) int {
	return wordCountUpTo(s, len(s))
}

// wordCountUpTo is min(wordCount(s), limit): it stops reading at the
// limit-th word.
func wordCountUpTo(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n < limit; i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			in = false
			continue
		}
		if !in {
			n++
			in = true
		}
	}
	return n
}

// normKey is the normalisation used for comparing prompts and for ids:
// lower case, quotes folded, punctuation dropped, spaces collapsed.
func normKey(s string) string {
	// One pass, lower-casing rune by rune as strings.ToLower does, and
	// no copy at all when s is already a key.
	same := true // the key is s itself
	sp := true
	for i := 0; i < len(s) && same; i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			sp = false
		case c == ' ' && !sp && i+1 < len(s):
			sp = true
		default:
			same = false
		}
	}
	if same && !sp {
		return s
	}
	b := make([]byte, 0, len(s))
	sp = false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				if sp && len(b) > 0 {
					b = append(b, ' ')
				}
				sp = false
				b = append(b, c)
				continue
			}
			sp = true
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sp && len(b) > 0 {
				b = append(b, ' ')
			}
			sp = false
			b = utf8.AppendRune(b, r)
			continue
		}
		sp = true
	}
	return string(b)
}

// firstSentence returns s up to the end of its first sentence.
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' || c == '!' || c == '?' {
			if i+1 == len(s) {
				return s
			}
			// A closing quote ends the sentence with its period:
			// 'as simply "adding more servers." In …'.
			if q := closingQuoteLen(s[i+1:]); q > 0 && i+1+q+2 < len(s) && s[i+1+q] == ' ' {
				next, _ := utf8.DecodeRuneInString(s[i+2+q:])
				if unicode.IsUpper(next) && !abbrevBefore(s[:i]) {
					return s[:i+1+q]
				}
			}
			if s[i+1] == ' ' && i+2 < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+2:])
				// "e.g. foo" and "vs. bar" do not end a sentence.
				if unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '\u201c' || camelWord(s[i+2:]) {
					if !abbrevBefore(s[:i]) {
						return s[:i+1]
					}
				}
			}
		}
	}
	return s
}

// camelWord reports whether s opens with a word like "gRPC" or "iOS":
// lower-case first letter, upper-case later, so still a sentence start.
func camelWord(s string) bool {
	for i, r := range s {
		if r == ' ' || i > 20 {
			return false
		}
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
		if i == 0 && !unicode.IsLower(r) {
			return false
		}
	}
	return false
}

// closingQuoteLen returns the byte length of a closing quote mark that
// opens s, or 0.
func closingQuoteLen(s string) int {
	switch {
	case strings.HasPrefix(s, "\""), strings.HasPrefix(s, "'"):
		return 1
	case strings.HasPrefix(s, "\u201d"), strings.HasPrefix(s, "\u2019"):
		return len("\u201d")
	}
	return 0
}

func abbrevBefore(s string) bool {
	j := strings.LastIndexByte(s, ' ')
	w := strings.ToLower(s[j+1:])
	switch w {
	case "e.g", "i.e", "vs", "etc", "mr", "dr", "ms", "st", "no", "fig", "approx", "cf":
		return true
	}
	return len(w) == 1
}

// lastSentence returns the last sentence of s.
func lastSentence(s string) string {
	s = strings.TrimSpace(s)
	best := 0
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			next, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(next) && !abbrevBefore(s[:i]) {
				best = i + 2
			}
		}
	}
	return s[best:]
}

// attr returns the value of the attribute key of n.
func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClassLike reports whether n's class or id contains any of the words.
func hasClassLike(n *xhtml.Node, words ...string) bool {
	c := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(c) == "" {
		return false
	}
	for _, w := range words {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// hasClass reports whether n has the class token cls.
func hasClass(n *xhtml.Node, cls string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == cls {
			return true
		}
	}
	return false
}

// firstElem returns the first child element of n, skipping blank text;
// nil if n starts with non-blank text or has no element children.
func firstElem(n *xhtml.Node) *xhtml.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		case xhtml.ElementNode:
			return c
		}
	}
	return nil
}

// nextElem returns the next sibling element of n, skipping blank text and
// comments; nil at the end or when non-blank text comes first.
func nextElem(n *xhtml.Node) *xhtml.Node {
	return siblingElem(n.NextSibling, func(c *xhtml.Node) *xhtml.Node { return c.NextSibling })
}

// prevElem is nextElem backwards.
func prevElem(n *xhtml.Node) *xhtml.Node {
	return siblingElem(n.PrevSibling, func(c *xhtml.Node) *xhtml.Node { return c.PrevSibling })
}

// siblingElem walks from c with step to the first element, skipping blank
// text and comments; nil at the end or when non-blank text comes first.
func siblingElem(c *xhtml.Node, step func(*xhtml.Node) *xhtml.Node) *xhtml.Node {
	for ; c != nil; c = step(c) {
		switch c.Type {
		case xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		case xhtml.ElementNode:
			return c
		}
	}
	return nil
}

// headingLevel returns 1..6 for h1..h6, else 0.
func headingLevel(n *xhtml.Node) int {
	if n == nil || n.Type != xhtml.ElementNode {
		return 0
	}
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// isBold reports whether n is a bold-ish inline element.
func isBold(n *xhtml.Node) bool {
	return n != nil && n.Type == xhtml.ElementNode && (n.DataAtom == atom.Strong || n.DataAtom == atom.B)
}

// isItalic reports whether n is an italic inline element.
func isItalic(n *xhtml.Node) bool {
	return n != nil && n.Type == xhtml.ElementNode && (n.DataAtom == atom.Em || n.DataAtom == atom.I)
}

// isCode reports whether n is an inline code element.
func isCode(n *xhtml.Node) bool {
	return n != nil && n.Type == xhtml.ElementNode && (n.DataAtom == atom.Code || n.DataAtom == atom.Kbd || n.DataAtom == atom.Samp)
}

// trimEnumerator removes a leading "1. ", "2) ", "Step 3:" or "Principle 4:".
func trimEnumerator(s string) string {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')' || s[i] == ':') {
		j := i + 1
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
			j++
		}
		return strings.TrimSpace(s[j:])
	}
	for _, p := range [...]string{"step ", "principle ", "phase ", "stage ", "rule ", "tip ", "part "} {
		if hasPrefixFold(s, p) {
			k := len(p)
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			if k > len(p) && k < len(s) && (s[k] == ':' || s[k] == '.' || s[k] == ')') {
				return strings.TrimSpace(s[k+1:])
			}
		}
	}
	return s
}

// hasPrefixFold reports whether strings.ToLower(s) starts with p, a
// lower-case ASCII prefix, without lower-casing all of s.
func hasPrefixFold(s, p string) bool {
	n := min(len(s), len(p))
	for i := 0; i < n; i++ {
		if s[i] >= utf8.RuneSelf {
			// Lower-casing may change the length of what precedes.
			return strings.HasPrefix(strings.ToLower(s), p)
		}
	}
	return len(s) >= len(p) && equalLower(s[:len(p)], p)
}

// trimQuotes removes surrounding quotes and spaces.
func trimQuotes(s string) string {
	return strings.Trim(s, " \"'\u201c\u201d\u2018\u2019`")
}

// wordSet matches whole words and phrases in text, case-insensitively:
// a faster stand-in for big `(?i)\b(a|b c|d\w*)\b` alternations. An entry
// ending in "*" matches any word starting with it.
type wordSet struct {
	phrases  map[string][][]string // first word → phrases (as words)
	prefixes []string
}

// newWordSet builds a wordSet from entries like "benefits", "how to",
// "mitigat*".
func newWordSet(entries ...string) *wordSet {
	w := &wordSet{phrases: map[string][][]string{}}
	for _, e := range entries {
		e = strings.ToLower(e)
		if strings.HasSuffix(e, "*") && !strings.Contains(e, " ") {
			w.prefixes = append(w.prefixes, strings.TrimSuffix(e, "*"))
			continue
		}
		ws := strings.Fields(e)
		w.phrases[ws[0]] = append(w.phrases[ws[0]], ws)
	}
	return w
}

// words splits s into lower-case words (letters, digits, ' and -).
func words(s string) []string {
	// ASCII fast path: one lower-cased copy at most, words sliced from it.
	n, in, upper := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return wordsRunes(s)
		}
		w := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'' || c == '-'
		if c >= 'A' && c <= 'Z' {
			w, upper = true, true
		}
		if w && !in {
			n++
		}
		in = w
	}
	if n == 0 {
		return nil
	}
	if upper {
		s = strings.ToLower(s)
	}
	out := make([]string, 0, n)
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'' || c == '-' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// wordsRunes is words for text beyond ASCII.
func wordsRunes(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' || r == '-')
	})
}

// match reports whether any entry occurs in s as whole words.
func (w *wordSet) match(s string) bool {
	if ascii(s) {
		for i := 0; ; {
			a, b := asciiToken(s, i)
			if a == b {
				return false
			}
			if w.matchASCII(s, a, b) {
				return true
			}
			i = b
		}
	}
	ws := words(s)
	for i, t := range ws {
		if w.matchAt(ws, i, t) {
			return true
		}
	}
	return false
}

// matchFirst reports whether s starts with an entry.
func (w *wordSet) matchFirst(s string) bool {
	if len(s) > 64 {
		// Entries are a few words long: look at the start only.
		cut := 64
		for cut < len(s) && s[cut] != ' ' {
			cut++
		}
		s = s[:cut]
	}
	if ascii(s) {
		a, b := asciiToken(s, 0)
		return a < b && w.matchASCII(s, a, b)
	}
	ws := words(s)
	return len(ws) > 0 && w.matchAt(ws, 0, ws[0])
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordsByte reports whether an ASCII byte belongs to a word of words().
func isWordsByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\'' || c == '-'
}

// asciiToken returns the bounds of the first word of ASCII s at or after
// i (as words() splits it); a == b when there is none.
func asciiToken(s string, i int) (a, b int) {
	for i < len(s) && !isWordsByte(s[i]) {
		i++
	}
	b = i
	for b < len(s) && isWordsByte(s[b]) {
		b++
	}
	return i, b
}

// equalLower reports whether ASCII word t lower-cased equals lower.
func equalLower(t, lower string) bool {
	if len(t) != len(lower) {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// matchASCII is matchAt for the word s[a:b] of ASCII s, without
// splitting s into lower-cased words first.
func (w *wordSet) matchASCII(s string, a, b int) bool {
	var buf [64]byte
	t := s[a:b]
	var lt []byte // t lower-cased, when t has capitals
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 'A' && c <= 'Z' {
			if len(t) > len(buf) {
				lt = []byte(strings.ToLower(t))
			} else {
				lt = buf[:len(t)]
				for k := 0; k < len(t); k++ {
					c := t[k]
					if c >= 'A' && c <= 'Z' {
						c += 'a' - 'A'
					}
					lt[k] = c
				}
			}
			break
		}
	}
	for _, p := range w.prefixes {
		if lt != nil {
			if len(lt) >= len(p) && string(lt[:len(p)]) == p {
				return true
			}
		} else if strings.HasPrefix(t, p) {
			return true
		}
	}
	var phs [][]string
	if lt != nil {
		phs = w.phrases[string(lt)]
	} else {
		phs = w.phrases[t]
	}
	for _, ph := range phs {
		ok := true
		for k, pos := 1, b; k < len(ph); k++ {
			x, y := asciiToken(s, pos)
			if x == y || !equalLower(s[x:y], ph[k]) {
				ok = false
				break
			}
			pos = y
		}
		if ok {
			return true
		}
	}
	return false
}

func (w *wordSet) matchAt(ws []string, i int, t string) bool {
	for _, p := range w.prefixes {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	for _, ph := range w.phrases[t] {
		if i+len(ph) > len(ws) {
			continue
		}
		ok := true
		for k := 1; k < len(ph); k++ {
			if ws[i+k] != ph[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// phrases is a set of substrings looked for together: in reports whether
// any occurs in s, as a loop of strings.Contains would, in one pass over s.
type phrases struct {
	byFirst [256][]string // phrases by their first byte
}

func newPhrases(ps ...string) *phrases {
	p := &phrases{}
	for _, q := range ps {
		p.byFirst[q[0]] = append(p.byFirst[q[0]], q)
	}
	return p
}

func (p *phrases) in(s string) bool {
	for i := 0; i < len(s); i++ {
		for _, q := range p.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], q) {
				return true
			}
		}
	}
	return false
}
