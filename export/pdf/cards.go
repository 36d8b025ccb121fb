package pdf

import (
	"strconv"
	"strings"

	"github.com/feedcards/feedcards/quiz"
)

// Cut-out card geometry: a grid of cardCols × cardRows cards that touch,
// centred on the page, with crop marks in the margin around it.
const (
	cardCols     = 2
	cardRows     = 4
	cardsPerPage = cardCols * cardRows
	cardMargin   = 12.0 // mm from the page edge to the grid
	cardPad      = 5.0  // mm from a card's edge to its text
	cardLabel    = 6.5  // pt, the small label at the top of a card

	frontMaxSize = 14.0 // pt; text shrinks from here ...
	backMaxSize  = 12.0
	minTextSize  = 6.0 // ... down to here, then is cut with "…"
)

// rect is a rectangle in millimetres from the page's top-left corner.
type rect struct{ x, y, w, h float64 }

// slotRect returns where card slot (0 … cardsPerPage-1, row by row from the
// top left) sits on a page of the given size.
func slotRect(pageW, pageH float64, slot int) rect {
	w := (pageW - 2*cardMargin) / cardCols
	h := (pageH - 2*cardMargin) / cardRows
	col, row := slot%cardCols, slot/cardCols
	return rect{x: cardMargin + float64(col)*w, y: cardMargin + float64(row)*h, w: w, h: h}
}

// mirrorRect returns where r on a front page lands on the back page once
// the sheet is turned over: flipped about the vertical axis when the
// printer turns pages on the long edge (portrait), about the horizontal
// axis on the short edge.
func mirrorRect(r rect, pageW, pageH float64, flip string) rect {
	if flip == FlipShort {
		r.y = pageH - r.y - r.h
	} else {
		r.x = pageW - r.x - r.w
	}
	return r
}

// backSlot returns the slot on the back page that lies behind front slot:
// the column reversed for a long-edge flip, the row for a short-edge one.
func backSlot(slot int, flip string) int {
	col, row := slot%cardCols, slot/cardCols
	if flip == FlipShort {
		row = cardRows - 1 - row
	} else {
		col = cardCols - 1 - col
	}
	return row*cardCols + col
}

// fitText wraps cleaned text into box, in the largest size from maxSize
// down to minTextSize (half-point steps) at which it fits. Text that does
// not fit even at the minimum is cut, its last line ending in "…". It
// returns the lines, the size and the line height in millimetres.
func fitText(m *metrics, fc face, maxSize, w, h float64, text string) ([]string, float64, float64) {
	for size := maxSize; ; size -= 0.5 {
		lead := size * 1.22 * ptToMM
		lines := m.wrap(fc, size, w, text)
		if float64(len(lines))*lead <= h {
			return lines, size, lead
		}
		if size-0.5 < minTextSize {
			n := int(h / lead)
			if n < 1 {
				n = 1
			}
			lines = lines[:n]
			lines[n-1] = m.ellipsize(fc, size, w, lines[n-1]+" …")
			return lines, size, lead
		}
	}
}

// cardLabelText is the small line at the top of a card: its number and
// where it comes from.
func cardLabelText(c quiz.Card, n int) string {
	label := "#" + strconv.Itoa(n)
	if bc := breadcrumb(c); bc != "" {
		label += " · " + bc
	} else if src := cardSource(c); src.Title != "" {
		label += " · " + src.Title
	}
	return label
}

func breadcrumb(c quiz.Card) string {
	if c.Note == nil {
		return ""
	}
	return quiz.Breadcrumb(c.Note)
}

func writeCards(d *doc, cards []quiz.Card, opt Options) error {
	if opt.Calibration {
		writeCalibration(d, opt.Flip)
	}
	for start := 0; start < len(cards); start += cardsPerPage {
		end := min(start+cardsPerPage, len(cards))
		page := cards[start:end]
		d.addPage()
		drawCropMarks(d)
		for i, c := range page {
			r := slotRect(d.w, d.h, i)
			drawCard(d, r, cardLabelText(c, start+i+1), c.Front, bold, frontMaxSize, true)
		}
		d.addPage()
		drawCropMarks(d)
		for i, c := range page {
			r := slotRect(d.w, d.h, backSlot(i, opt.Flip))
			drawCard(d, r, "#"+strconv.Itoa(start+i+1)+" · answer", c.Back, regular, backMaxSize, false)
		}
	}
	return d.f.Error()
}

// drawCard draws a card's outline, label and text inside r.
func drawCard(d *doc, r rect, label, text string, fc face, maxSize float64, front bool) {
	d.f.SetDrawColor(215, 215, 215)
	d.f.SetLineWidth(0.1)
	d.f.Rect(r.x, r.y, r.w, r.h, "D")

	innerW := r.w - 2*cardPad
	label = d.m.ellipsize(regular, cardLabel, innerW, d.m.clean(label))
	d.text(r.x+cardPad, r.y+cardPad-1+cardLabel*ptToMM*0.8, regular, cardLabel, grey, label)

	top := r.y + cardPad + cardLabel*ptToMM*1.3
	innerH := r.y + r.h - cardPad - top
	lines, size, lead := fitText(d.m, fc, maxSize, innerW, innerH, d.m.clean(text))
	// Centre the block vertically; centre short texts line by line too.
	y := top + (innerH-float64(len(lines))*lead)/2
	centre := len(lines) <= 3 && !strings.Contains(text, "\n") || front && len(lines) <= 5
	for _, l := range lines {
		x := r.x + cardPad
		if centre {
			x = r.x + (r.w-d.m.width(fc, size, l))/2
		}
		d.text(x, y+lead*0.78, fc, size, black, l)
		y += lead
	}
}

// drawCropMarks draws short cut lines in the margin, in line with every
// edge of the card grid.
func drawCropMarks(d *doc) {
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.2)
	first, last := slotRect(d.w, d.h, 0), slotRect(d.w, d.h, cardsPerPage-1)
	left, top := first.x, first.y
	right, bottom := last.x+last.w, last.y+last.h
	const gap, long = 2.0, 7.0
	for c := 0; c <= cardCols; c++ {
		x := left + float64(c)*first.w
		d.f.Line(x, top-gap, x, top-gap-long)
		d.f.Line(x, bottom+gap, x, bottom+gap+long)
	}
	for r := 0; r <= cardRows; r++ {
		y := top + float64(r)*first.h
		d.f.Line(left-gap, y, left-gap-long, y)
		d.f.Line(right+gap, y, right+gap+long, y)
	}
}

// calibration targets, in millimetres from the top-left corner of a front
// page: the centres of the four corner cards and of the page.
func calibrationTargets(pageW, pageH float64) []rect {
	var pts []rect
	for _, slot := range []int{0, cardCols - 1, cardsPerPage - cardCols, cardsPerPage - 1} {
		r := slotRect(pageW, pageH, slot)
		pts = append(pts, rect{x: r.x + r.w/2, y: r.y + r.h/2})
	}
	return append(pts, rect{x: pageW / 2, y: pageH / 2})
}

// writeCalibration adds a front and a back page for checking a duplex
// printer: crosses on the front, and on the back, behind each cross, a
// millimetre ruler centred where the cross should fall.
func writeCalibration(d *doc, flip string) {
	edge := "long"
	if flip == FlipShort {
		edge = "short"
	}
	intro := []string{
		"Duplex calibration. Print this sheet two-sided, flipping on the " + edge + " edge, with the settings you will use for the cards.",
		"Hold it against a light and look at the back: each cross printed on the front should fall on the 0 of the rulers around its letter.",
		"Where a cross falls elsewhere, the ruler reading (in mm; right and down positive, as seen from the back) is how far the back side must move: enter it as your printer's duplex or back-side offset.",
	}
	targets := calibrationTargets(d.w, d.h)
	names := []string{"A", "B", "C", "D", "E"}

	d.addPage()
	drawCalibrationIntro(d, "Front", intro)
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.2)
	for i, p := range targets {
		d.f.Line(p.x-12, p.y, p.x+12, p.y)
		d.f.Line(p.x, p.y-12, p.x, p.y+12)
		d.f.Circle(p.x, p.y, 2, "D")
		d.text(p.x-6, p.y-3, bold, 9, black, names[i])
	}

	d.addPage()
	drawCalibrationIntro(d, "Back", intro)
	for i, p := range targets {
		q := mirrorRect(p, d.w, d.h, flip)
		drawRuler(d, q.x, q.y)
		d.text(q.x-6, q.y-3, bold, 9, black, names[i])
	}
}

func drawCalibrationIntro(d *doc, side string, lines []string) {
	y := cardMargin
	d.text(cardMargin, y, bold, 11, black, "feedcards duplex calibration: "+side)
	y += 6
	for _, l := range lines {
		for _, s := range d.m.wrap(regular, 8, d.w-2*cardMargin, l) {
			d.text(cardMargin, y, regular, 8, grey, s)
			y += 3.6
		}
	}
}

// drawRuler draws a horizontal and a vertical ruler from -10 to +10 mm
// crossing at (x, y), with a tick every millimetre.
func drawRuler(d *doc, x, y float64) {
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.1)
	d.f.Line(x-10, y, x+10, y)
	d.f.Line(x, y-10, x, y+10)
	for i := -10; i <= 10; i++ {
		t := 1.0
		if i%5 == 0 {
			t = 2.2
		}
		o := float64(i)
		d.f.Line(x+o, y-t/2, x+o, y+t/2)
		d.f.Line(x-t/2, y+o, x+t/2, y+o)
		if i%5 == 0 && i != 0 {
			s := strconv.Itoa(i)
			d.text(x+o-d.m.width(regular, 5, s)/2, y+4, regular, 5, grey, s)
			d.text(x+2.5, y+o+0.7, regular, 5, grey, s)
		}
	}
}
