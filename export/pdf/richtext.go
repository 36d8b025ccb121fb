package pdf

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// span is a run of cleaned text set in one face.
type span struct {
	text string
	fc   face
}

// codeSpans reads an answer's sanitised inline HTML into spans: text inside
// <code>, <kbd>, <samp> or <tt> in the mono face, the rest in base, <br> as a
// newline, every other tag ignored. It returns nil when the HTML holds no
// code, so the caller can use the plain text it already has.
func (m *metrics) codeSpans(src string, base face) []span {
	if !strings.Contains(src, "<") {
		return nil
	}
	var spans []span
	hasCode := false
	depth := 0
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if !hasCode {
				return nil
			}
			return spans
		case html.TextToken:
			fc := base
			if depth > 0 {
				fc, hasCode = mono, true
			}
			text := m.clean(string(z.Text()))
			if text == "" {
				continue
			}
			if n := len(spans); n > 0 && spans[n-1].fc == fc {
				spans[n-1].text += text
			} else {
				spans = append(spans, span{text: text, fc: fc})
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
				if tt == html.StartTagToken {
					depth++
				} else if tt == html.EndTagToken && depth > 0 {
					depth--
				}
			case atom.Br:
				spans = append(spans, span{text: "\n", fc: base})
			}
		}
	}
}

// spansText is the plain text of spans.
func spansText(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.text)
	}
	return b.String()
}

// wrapSpans breaks spans into lines no wider than w millimetres at size
// points, like wrap: at white space (whatever face it is in), at newlines,
// and inside a word only when the word alone is wider than a line. Text
// with no space between two faces ("<code>x</code>'s") stays one word.
func (m *metrics) wrapSpans(spans []span, size, w float64) [][]span {
	// Split into words; a word may mix faces.
	type word struct {
		parts []span
		nl    bool // a line break comes before the word
	}
	var words []word
	var cur word
	nl := false
	flushWord := func() {
		if len(cur.parts) > 0 {
			cur.nl = nl
			nl = false
			words = append(words, cur)
		}
		cur = word{}
	}
	for _, s := range spans {
		start := -1
		for i, r := range s.text {
			if unicode.IsSpace(r) {
				if start >= 0 {
					cur.parts = append(cur.parts, span{s.text[start:i], s.fc})
					start = -1
				}
				flushWord()
				if r == '\n' {
					nl = true
				}
				continue
			}
			if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			cur.parts = append(cur.parts, span{s.text[start:], s.fc})
		}
	}
	flushWord()

	var lines [][]span
	var line []span
	lineW := 0.0
	appendPart := func(p span, space bool) {
		n := len(line)
		if space && n > 0 {
			line[n-1].text += " "
		}
		if n > 0 && line[n-1].fc == p.fc {
			line[n-1].text += p.text
		} else {
			line = append(line, p)
		}
	}
	flushLine := func() {
		lines = append(lines, line)
		line, lineW = nil, 0
	}
	for _, wd := range words {
		if wd.nl && len(line) > 0 {
			flushLine()
		}
		ww := 0.0
		for _, p := range wd.parts {
			ww += m.width(p.fc, size, p.text)
		}
		if len(line) > 0 {
			sp := m.width(line[len(line)-1].fc, size, " ")
			if lineW+sp+ww <= w {
				for i, p := range wd.parts {
					appendPart(p, i == 0)
				}
				lineW += sp + ww
				continue
			}
			flushLine()
		}
		if ww <= w {
			for _, p := range wd.parts {
				appendPart(p, false)
			}
			lineW = ww
			continue
		}
		// A word wider than a line: cut it between characters.
		for _, p := range wd.parts {
			for _, r := range p.text {
				rw := m.runeWidth(p.fc, size, r)
				if lineW+rw > w && len(line) > 0 {
					flushLine()
				}
				appendPart(span{string(r), p.fc}, false)
				lineW += rw
			}
		}
	}
	if len(line) > 0 {
		flushLine()
	}
	return lines
}

// spansWidth is the width of a line of spans.
func (m *metrics) spansWidth(spans []span, size float64) float64 {
	var w float64
	for _, s := range spans {
		w += m.width(s.fc, size, s.text)
	}
	return w
}
