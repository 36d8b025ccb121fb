package anki

import (
	"html"
	"strings"
	"sync"
	"unicode"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the allow-list for HTML that comes from articles (ANKI.md §3):
// text structure, emphasis, code, lists, simple tables and http(s) links.
// Scripts, styles, iframes, images (a CSV cannot carry media), event
// attributes, comments and javascript: URLs are dropped.
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small",
		"code", "pre", "kbd", "samp", "var", "sub", "sup", "blockquote", "q", "cite", "abbr",
		"ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
		"caption", "hr", "span", "div")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("abbr")
	return p
})

// escapeText turns plain text into field HTML: control characters dropped,
// tabs as spaces, & < > " escaped, newlines as <br>.
func escapeText(s string) string {
	s = cleanControls(s)
	if !strings.ContainsAny(s, "&<>\"\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		case '\n':
			rep = "<br>"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
	return b.String()
}

// textHTML is escapeText plus inline code: a `span` in backticks, on one
// line, becomes <code>span</code>.
func textHTML(s string) string {
	e := escapeText(s)
	if strings.Count(e, "`") < 2 {
		return e
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(e, '`')
		if i < 0 {
			break
		}
		j := strings.IndexByte(e[i+1:], '`')
		if j <= 0 || strings.Contains(e[i+1:i+1+j], "<br>") || strings.TrimSpace(e[i+1:i+1+j]) == "" {
			b.WriteString(e[:i+1])
			e = e[i+1:]
			continue
		}
		b.WriteString(e[:i])
		b.WriteString("<code>" + e[i+1:i+1+j] + "</code>")
		e = e[i+2+j:]
	}
	b.WriteString(e)
	return b.String()
}

// cleanControls normalises line ends to \n, turns tabs into spaces and
// removes every other control character (0x1f, the field separator, too),
// plus U+FFFD left by invalid UTF-8.
func cleanControls(s string) string {
	clean := true
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || r == '\uFFFD' || (r >= 0x80 && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case r < 0x20 || r == 0x7f || r == '\uFFFD' || (r >= 0x80 && r < 0xa0):
			return -1
		}
		return r
	}, s)
}

// sanitizeHTML reduces article HTML to the allow-list. Raw newlines become
// <br> inside <pre> and spaces elsewhere, so no field holds a line break.
func sanitizeHTML(s string) string {
	s = policy().Sanitize(cleanControls(s))
	if !strings.ContainsRune(s, '\n') {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	inPre := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<' && strings.HasPrefix(s[i:], "<pre"):
			inPre++
		case c == '<' && strings.HasPrefix(s[i:], "</pre>"):
			if inPre > 0 {
				inPre--
			}
		case c == '\n':
			if inPre > 0 {
				b.WriteString("<br>")
			} else {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

// clozeEscape escapes text placed inside a cloze deletion (or anywhere in a
// cloze field) so that Anki's cloze parser cannot see "::" (a hint), "}}"
// (an early close) or "{{" (a nested deletion) in it: every ':' '{' '}' is
// written as a character reference, which renders the same. s is HTML.
func clozeEscape(s string) string {
	if !strings.ContainsAny(s, ":{}") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ':':
			b.WriteString("&#58;")
		case '{':
			b.WriteString("&#123;")
		case '}':
			b.WriteString("&#125;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripHTML is Anki's field text for sorting and checksums: comments,
// style and script blocks and all tags removed, entities decoded.
func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' {
			b.WriteByte(c)
			i++
			continue
		}
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 3
			}
			continue
		case hasPrefixFold(rest, "<script"), hasPrefixFold(rest, "<style"):
			closing := "</script>"
			if hasPrefixFold(rest, "<style") {
				closing = "</style>"
			}
			end := strings.Index(strings.ToLower(rest), closing)
			if end < 0 {
				i = len(s)
			} else {
				i += end + len(closing)
			}
			continue
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			b.WriteString(rest)
			break
		}
		i += end + 1
	}
	return html.UnescapeString(b.String())
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// cleanTag makes one Anki tag: whitespace runs become '-', control
// characters go, and empty "::" levels are dropped.
func cleanTag(t string) string {
	t = cleanControls(t)
	var parts []string
	for _, p := range strings.Split(t, "::") {
		p = strings.Join(strings.FieldsFunc(p, func(r rune) bool {
			return unicode.IsSpace(r) || r == '\u3000'
		}), "-")
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "::")
}

// slug makes a tag-friendly name: lower-case letters and digits joined by
// '-', at most 60 runes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range strings.ToLower(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		if n >= 60 {
			break
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
			n++
		}
		dash = false
		b.WriteRune(r)
		n++
	}
	return strings.TrimRight(b.String(), "-")
}

// CleanDeck makes a deck name Anki keeps as written: levels split on "::",
// each trimmed of whitespace and ':' with control characters removed, an
// empty level becomes "blank", and a purely numeric name (which Anki would
// take for a deck id) gets a "Deck " prefix. "" becomes "feedcards".
func CleanDeck(name string) string {
	name = strings.ReplaceAll(cleanControls(name), "\n", " ")
	if strings.TrimSpace(name) == "" {
		return "feedcards"
	}
	parts := strings.Split(name, "::")
	for i, p := range parts {
		p = strings.Trim(p, " :\u00a0\u3000")
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			p = "blank"
		}
		parts[i] = p
	}
	out := strings.Join(parts, "::")
	numeric := true
	for _, r := range out {
		if !unicode.IsDigit(r) {
			numeric = false
			break
		}
	}
	if numeric {
		out = "Deck " + out
	}
	return out
}
