package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

// Study sheet geometry, in millimetres and points. The same parameters as
// the reportlab peer in the project's benchmarks: 15 mm margins, two columns
// 6 mm apart, an 8 mm header, a 9 pt bold question on 11 pt leading and an
// 8.5 pt answer on 10.5 pt leading.
const (
	sheetMargin = 15.0
	sheetGap    = 6.0
	sheetHeader = 8.0
	sheetCols   = 2

	questionSize = 9.0
	questionLead = 11.0
	answerSize   = 8.5
	answerLead   = 10.5
	entryAfter   = 6.0 // pt of space after each card
	articleSize  = 11.0
	articleLead  = 14.0
	sectionSize  = 8.0
	sectionLead  = 10.5
	noteSize     = 7.0
	noteLead     = 9.0
	listIndent   = 4.0 // mm
)

// sheetLine is one line of text in a column, or a vertical gap when text is
// empty and no rule is drawn.
type sheetLine struct {
	text   string
	marker string // list bullet or number, drawn in the indent
	fc     face
	size   float64
	lead   float64 // line height in mm
	indent float64 // mm from the column's left edge
	color  [3]int
	link   string // URL the line points to
	rule   bool   // draw a hairline across the column at the line's middle
	circle bool   // draw a circle around the marker (a multiple-choice box)
	ruled  bool   // a blank line to write on: a rule from the indent to the column's end
	spans  []span // when set, text in several faces (inline code); text is their concatenation
	cont   bool   // the "(continued)" head of a column
}

// isGap reports whether l only makes vertical space.
func (l sheetLine) isGap() bool {
	return l.text == "" && l.marker == "" && !l.rule && !l.ruled
}

// sheetBlock is a run of lines that should stay in one column: a card, with
// the article and section headings that come before it if it is the first
// of its group.
type sheetBlock struct {
	lines []sheetLine
}

type sheetSection struct {
	path    string // "Heading › Subheading", "" when none
	url     string
	entries []quiz.Card
}

type sheetArticle struct {
	title    string
	url      string
	sections []*sheetSection
	index    map[string]int
}

// groupCards picks one card per note (its forward card when present, as
// the sheet shows each question once with its full answer) and groups them
// by article and section in the order they first appear.
func groupCards(cards []quiz.Card) []*sheetArticle {
	picked := make(map[string]int)
	var picks []quiz.Card
	for _, c := range cards {
		key := c.NoteID
		if key == "" {
			key = c.ID
		}
		if i, ok := picked[key]; ok {
			if c.Template == quiz.Forward && picks[i].Template != quiz.Forward {
				picks[i] = c
			}
			continue
		}
		picked[key] = len(picks)
		picks = append(picks, c)
	}
	var articles []*sheetArticle
	byArticle := make(map[string]*sheetArticle)
	for _, c := range picks {
		src := cardSource(c)
		key := src.URL + "\x00" + src.EntryID + "\x00" + src.Title
		a := byArticle[key]
		if a == nil {
			title := src.Title
			if title == "" {
				title = src.URL
			}
			a = &sheetArticle{title: title, url: src.URL, index: make(map[string]int)}
			byArticle[key] = a
			articles = append(articles, a)
		}
		var path string
		if c.Note != nil {
			path = quiz.Breadcrumb(c.Note)
		}
		i, ok := a.index[path]
		if !ok {
			i = len(a.sections)
			a.index[path] = i
			url := src.SectionURL
			if url == "" {
				url = src.URL
			}
			a.sections = append(a.sections, &sheetSection{path: path, url: url})
		}
		a.sections[i].entries = append(a.sections[i].entries, c)
	}
	return articles
}

// cardSource returns where a card was first seen.
func cardSource(c quiz.Card) extract.Source {
	if c.Note == nil {
		return extract.Source{}
	}
	if len(c.Note.Sources) > 0 {
		return c.Note.Sources[0]
	}
	return c.Note.Item.Source
}

// sheetBlocks turns the grouped cards into blocks of wrapped lines for a
// column colW millimetres wide.
func sheetBlocks(m *metrics, articles []*sheetArticle, colW float64) []sheetBlock {
	var blocks []sheetBlock
	pt := ptToMM
	add := func(lines []sheetLine, fc face, size, lead, indent float64, color [3]int, link, text string) []sheetLine {
		for _, s := range m.wrap(fc, size, colW-indent, m.clean(text)) {
			lines = append(lines, sheetLine{text: s, fc: fc, size: size, lead: lead * pt, indent: indent, color: color, link: link})
		}
		return lines
	}
	for ai, a := range articles {
		for si, s := range a.sections {
			for ei, c := range s.entries {
				var lines []sheetLine
				if si == 0 && ei == 0 {
					if ai > 0 {
						lines = append(lines, sheetLine{lead: 4 * pt})
					}
					title := a.title
					if title == "" {
						title = "Untitled"
					}
					lines = add(lines, bold, articleSize, articleLead, 0, blue, a.url, title)
					lines = append(lines, sheetLine{lead: 3 * pt, rule: true})
				}
				if ei == 0 && s.path != "" {
					lines = add(lines, italic, sectionSize, sectionLead, 0, grey, s.url, s.path)
					lines = append(lines, sheetLine{lead: 2 * pt})
				}
				lines = appendEntry(lines, m, c, colW, add)
				blocks = append(blocks, sheetBlock{lines: lines})
			}
		}
	}
	return blocks
}

type addFunc func(lines []sheetLine, fc face, size, lead, indent float64, color [3]int, link, text string) []sheetLine

// appendEntry adds a card's question and answer lines.
func appendEntry(lines []sheetLine, m *metrics, c quiz.Card, colW float64, add addFunc) []sheetLine {
	pt := ptToMM
	front, back := c.Front, c.Back
	var items []string
	var backHTML string
	ordered := false
	if c.Note != nil && c.Template == quiz.Forward {
		it := c.Note.Item
		switch it.Kind {
		case extract.FAQ:
			if front == "" {
				front, back = it.Question, it.Answer
			}
			backHTML = it.AnswerHTML
		case extract.Definition:
			if front == "" {
				front, back = it.Term, it.Definition
			}
			backHTML = it.DefinitionHTML
		case extract.List:
			if len(it.Items) > 0 {
				items, ordered = it.Items, it.Ordered
				if front == "" {
					front = it.Prompt
				}
			}
		}
	}
	lines = add(lines, bold, questionSize, questionLead, 0, black, "", front)
	lines = append(lines, sheetLine{lead: 1 * pt})
	if items != nil {
		for i, item := range items {
			marker := "•"
			if ordered {
				marker = strconv.Itoa(i+1) + "."
			}
			start := len(lines)
			lines = add(lines, regular, answerSize, answerLead, listIndent+1.5, black, "", item)
			if len(lines) > start {
				lines[start].marker = marker
			}
		}
	} else if spans := m.codeSpans(backHTML, regular); spans != nil {
		for _, l := range m.wrapSpans(spans, answerSize, colW) {
			lines = append(lines, sheetLine{text: spansText(l), spans: l, fc: regular, size: answerSize, lead: answerLead * pt, color: black})
		}
	} else {
		lines = add(lines, regular, answerSize, answerLead, 0, black, "", back)
	}
	if c.Note != nil && len(c.Note.Sources) > 1 {
		for _, src := range c.Note.Sources[1:] {
			title := src.Title
			if title == "" {
				title = src.URL
			}
			url := src.SectionURL
			if url == "" {
				url = src.URL
			}
			lines = add(lines, italic, noteSize, noteLead, 0, blue, url, "Also in: "+title)
		}
	}
	lines = append(lines, sheetLine{lead: entryAfter * pt})
	return lines
}

// contentHeight is the block's height without the space after its last
// line of text: trailing space need not fit in the column.
func (b *sheetBlock) contentHeight() float64 {
	n := len(b.lines)
	for n > 0 && b.lines[n-1].isGap() {
		n--
	}
	var h float64
	for _, l := range b.lines[:n] {
		h += l.lead
	}
	return h
}

// placedLine is a sheet line at its position on a page.
type placedLine struct {
	x, top float64
	w      float64 // column width
	sheetLine
}

// continued heads a column that carries on a block split at the foot of
// the one before.
var continued = sheetLine{text: "(continued)", fc: italic, size: noteSize, lead: noteLead * ptToMM, color: grey, cont: true}

// flowColumns places blocks into columns of height colH, cols per page, and
// returns the pages. A block moves whole to the next column when it does
// not fit in what is left of the current one; only a block taller than a
// whole column is split, line by line.
func flowColumns(blocks []sheetBlock, cols int, colW, gap, top, colH float64) [][]placedLine {
	var pages [][]placedLine
	page := []placedLine{}
	col := 0
	y := 0.0 // used height in the current column
	next := func() {
		col++
		y = 0
		if col == cols {
			pages = append(pages, page)
			page = []placedLine{}
			col = 0
		}
	}
	for _, b := range blocks {
		h := b.contentHeight()
		switch {
		case y > 0 && h <= colH && y+h > colH:
			next() // keep the block together
		case y > 0 && h > colH && colH-y < colH/4:
			next() // a block that must be split starts high in a column
		}
		for i, l := range b.lines {
			if y+l.lead > colH && y > 0 {
				if l.isGap() {
					continue // a gap at the foot of a column is dropped
				}
				next()
				if i > 0 {
					// A split block says so at the head of its next column.
					page = append(page, placedLine{x: float64(col) * (colW + gap), top: top, w: colW, sheetLine: continued})
					y = continued.lead
				}
			}
			if y == 0 && l.isGap() {
				continue // and so is one at the top
			}
			page = append(page, placedLine{x: float64(col) * (colW + gap), top: top + y, w: colW, sheetLine: l})
			y += l.lead
		}
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	return pages
}

func writeSheet(d *doc, cards []quiz.Card, opt Options) error {
	colW := (d.w - 2*sheetMargin - float64(sheetCols-1)*sheetGap) / sheetCols
	top := sheetMargin + sheetHeader
	colH := d.h - sheetMargin - top
	blocks := sheetBlocks(d.m, groupCards(cards), colW)
	pages := flowColumns(blocks, sheetCols, colW, sheetGap, top, colH)
	drawPages(d, pages, opt.Title, "Study sheet")
	return d.f.Error()
}

// drawPages draws laid-out pages with a header (the deck name on the left,
// kind on the right, a rule) and a page number "3 / 12" at the foot.
func drawPages(d *doc, pages [][]placedLine, title, kind string) {
	title = d.m.ellipsize(bold, 9, d.w-2*sheetMargin-30, d.m.clean(title))
	for i, page := range pages {
		d.addPage()
		d.text(sheetMargin, sheetMargin+3.5, bold, 9, black, title)
		d.text(d.w-sheetMargin-d.m.width(regular, 8, kind), sheetMargin+3.5, regular, 8, grey, kind)
		d.f.SetDrawColor(160, 160, 160)
		d.f.SetLineWidth(0.2)
		d.f.Line(sheetMargin, sheetMargin+5.5, d.w-sheetMargin, sheetMargin+5.5)
		num := strconv.Itoa(i+1) + " / " + strconv.Itoa(len(pages))
		d.text((d.w-d.m.width(regular, 8, num))/2, d.h-sheetMargin/2, regular, 8, grey, num)
		for _, l := range page {
			drawLine(d, sheetMargin+l.x, l)
		}
	}
}

// linkURL returns u as a link target: only http and https URLs become
// links (a feed's "javascript:" or "file:" URL does not), with anything
// outside printable ASCII percent-encoded, as PDF URIs are 7-bit.
func linkURL(u string) string {
	low := strings.ToLower(u)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// drawLine draws one placed line in a column starting at x.
func drawLine(d *doc, x float64, l placedLine) {
	colW := l.w
	switch {
	case l.rule:
		d.f.SetLineWidth(0.3)
		d.f.SetDrawColor(blue[0], blue[1], blue[2])
		d.f.Line(x, l.top+l.lead/2, x+colW, l.top+l.lead/2)
		return
	case l.ruled:
		d.f.SetLineWidth(0.15)
		d.f.SetDrawColor(150, 150, 150)
		d.f.Line(x+l.indent, l.top+l.lead-1, x+colW, l.top+l.lead-1)
		return
	}
	base := l.top + 0.78*l.lead
	if l.marker != "" {
		mw := d.m.width(l.fc, l.size, l.marker)
		mx := x + l.indent - 1.5 - mw
		if l.circle {
			mx = x + l.indent - 4 - mw/2
			r := l.size * ptToMM * 0.62
			d.f.SetLineWidth(0.2)
			d.f.SetDrawColor(90, 90, 90)
			d.f.Circle(mx+mw/2, base-l.size*ptToMM*0.36, r, "D")
		}
		d.text(mx, base, l.fc, l.size, l.color, l.marker)
	}
	if l.text == "" {
		return
	}
	if l.spans != nil {
		sx := x + l.indent
		for _, s := range l.spans {
			d.text(sx, base, s.fc, l.size, l.color, s.text)
			sx += d.m.width(s.fc, l.size, s.text)
		}
		return
	}
	d.text(x+l.indent, base, l.fc, l.size, l.color, l.text)
	if url := linkURL(l.link); url != "" {
		d.f.LinkString(x+l.indent, l.top, d.m.width(l.fc, l.size, l.text), l.lead, url)
	}
}
