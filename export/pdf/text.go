package pdf

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// placeholder stands in for a character the Go fonts cannot draw. It is in
// every face we embed (checked by a test).
const placeholder = '□'

// face is one of the embedded fonts.
type face int

const (
	regular face = iota
	bold
	italic
	mono // inline code; embedded only in documents that use it
	numFaces
)

// family and style name a face for gofpdf.
var faceNames = [numFaces]struct{ family, style string }{
	regular: {"go", ""},
	bold:    {"go", "B"},
	italic:  {"go", "I"},
	mono:    {"gomono", ""},
}

var faceTTF = [numFaces][]byte{
	regular: goregular.TTF,
	bold:    gobold.TTF,
	italic:  goitalic.TTF,
	mono:    gomono.TTF,
}

// metrics holds, for every face, the advance width (in thousandths of the
// font size, as gofpdf counts it) of each rune all faces can draw. A rune
// absent from covered is replaced before text reaches gofpdf.
type metrics struct {
	covered [0x10000]bool
	widths  [numFaces][0x10000]uint16
}

var (
	metricsOnce sync.Once
	metricsVal  *metrics
	metricsErr  error
)

// fontMetrics builds the coverage and width tables once per process: the
// coverage from the fonts' cmap tables (a rune counts only when every face
// has a glyph for it), the widths from gofpdf itself, so that our line
// breaking and gofpdf's drawing agree to the unit.
func fontMetrics() (*metrics, error) {
	metricsOnce.Do(func() {
		m := new(metrics)
		var fonts [numFaces]*sfnt.Font
		for i, ttf := range faceTTF {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				metricsErr = err
				return
			}
			fonts[i] = f
		}
		var buf sfnt.Buffer
		for r := rune(0x20); r < 0x10000; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue // surrogates are not characters
			}
			ok := true
			for _, f := range fonts {
				g, err := f.GlyphIndex(&buf, r)
				if err != nil || g == 0 {
					ok = false
					break
				}
			}
			m.covered[r] = ok
		}
		doc := gofpdf.New("P", "mm", "A4", "")
		for i := range faceTTF {
			doc.AddUTF8FontFromBytes(faceNames[i].family, faceNames[i].style, faceTTF[i])
		}
		for i := range faceTTF {
			doc.SetFont(faceNames[i].family, faceNames[i].style, 10)
			for r := rune(0x20); r < 0x10000; r++ {
				if m.covered[r] {
					m.widths[i][r] = uint16(doc.GetStringSymbolWidth(string(r)))
				}
			}
		}
		if err := doc.Error(); err != nil {
			metricsErr = err
			return
		}
		metricsVal = m
	})
	return metricsVal, metricsErr
}

// ptToMM converts points to millimetres, the unit of every layout.
const ptToMM = 25.4 / 72

// width returns the width in millimetres of s, already cleaned, set in face
// at size points.
func (m *metrics) width(fc face, size float64, s string) float64 {
	var units int
	w := &m.widths[fc]
	for _, r := range s {
		if r < 0x10000 {
			units += int(w[r])
		}
	}
	return float64(units) * size / 1000 * ptToMM
}

// runeWidth is width for a single rune.
func (m *metrics) runeWidth(fc face, size float64, r rune) float64 {
	if r >= 0x10000 {
		return 0
	}
	return float64(m.widths[fc][r]) * size / 1000 * ptToMM
}

// clean makes s safe to hand to gofpdf with the Go fonts: it composes
// combining marks (NFC) and drops those left over, drops control and format
// characters (zero-width joiners, bidi marks, soft hyphens, variation
// selectors), turns tabs and odd spaces into spaces and line separators into
// newlines, and replaces every other character the fonts lack, including
// anything outside the Basic Multilingual Plane, by a visible placeholder.
// Newlines are kept; the result is valid UTF-8.
func (m *metrics) clean(s string) string {
	if s == "" {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if m.isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			// dropped: "\r\n" keeps its "\n", a lone "\r" is rare enough
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == utf8.RuneError:
			b.WriteRune(placeholder)
		case r < 0x10000 && m.covered[r] && r != '\u00ad':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Mn, unicode.Me, unicode.Variation_Selector),
			r >= 0x1F3FB && r <= 0x1F3FF: // emoji skin-tone modifiers belong to the emoji before them
			// invisible or combining: dropped
		default:
			b.WriteRune(placeholder)
		}
	}
	return b.String()
}

// isClean reports whether every rune of s is one clean would keep as is.
func (m *metrics) isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			continue
		}
		if c < 0x80 {
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r >= 0x10000 || !m.covered[r] || r == '\u00ad' {
			return false
		}
		i += n - 1
	}
	return true
}

// wrap breaks cleaned text into lines no wider than w millimetres when set
// in face at size points. Newlines start a new line; runs of spaces collapse
// at line breaks; a word wider than w is cut between characters. Empty
// paragraphs give empty lines, but a trailing newline adds nothing.
func (m *metrics) wrap(fc face, size, w float64, text string) []string {
	var lines []string
	space := m.width(fc, size, " ")
	paras := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for _, para := range paras {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for _, word := range words {
			ww := m.width(fc, size, word)
			if line.Len() > 0 && lineW+space+ww <= w {
				line.WriteByte(' ')
				line.WriteString(word)
				lineW += space + ww
				continue
			}
			if line.Len() > 0 {
				flush()
			}
			for ww > w {
				// Cut the longest prefix that fits (at least one rune).
				cut, cw := 0, 0.0
				for i, r := range word {
					rw := m.runeWidth(fc, size, r)
					if cw+rw > w && i > 0 {
						break
					}
					cw += rw
					cut = i + utf8.RuneLen(r)
				}
				line.WriteString(word[:cut])
				flush()
				word = word[cut:]
				ww = m.width(fc, size, word)
			}
			if word != "" {
				line.WriteString(word)
				lineW = ww
			}
		}
		if line.Len() > 0 {
			flush()
		}
	}
	return lines
}

// ellipsize shortens a cleaned single line to fit w millimetres, ending it
// with "…" when anything was cut.
func (m *metrics) ellipsize(fc face, size, w float64, line string) string {
	if m.width(fc, size, line) <= w {
		return line
	}
	ell := m.width(fc, size, "…")
	cw := 0.0
	for i, r := range line {
		cw += m.runeWidth(fc, size, r)
		if cw+ell > w {
			return strings.TrimRight(line[:i], " ") + "…"
		}
	}
	return line
}
