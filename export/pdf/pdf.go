// Package pdf prints a deck as PDF: a two-column study sheet, cut-out
// flashcards for duplex printing, or a quiz with its answer key.
//
// It is the only importer of github.com/jung-kurt/gofpdf. Text is set in
// the Go fonts (golang.org/x/image/font/gofont: regular, bold, italic, and
// mono for inline code), embedded as UTF-8 TrueType subsets, and cleaned
// before it reaches gofpdf: combining marks are composed (NFC) or dropped,
// invisible format characters dropped, and any character the Go fonts
// cannot draw (CJK, Arabic, Hebrew, Devanagari, emoji and everything else
// outside the Basic Multilingual Plane) becomes a visible "□". Latin,
// Greek, Cyrillic, curly quotes and dashes are drawn as they are.
//
// The package does its own line breaking and page layout, from the fonts'
// advance widths as gofpdf measures them, so text never leaves its column
// or card, a card is never split across columns when it fits in one, and
// the page count is known before the first page is drawn ("3 / 12").
// Only http and https URLs become links. Output is deterministic: the same
// cards and Options give the same bytes.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/feedcards/feedcards/quiz"
)

// Layouts, paper sizes and flip edges accepted in Options.
const (
	LayoutSheet = "sheet"
	LayoutCards = "cards"
	LayoutQuiz  = "quiz"

	PaperA4     = "a4"
	PaperLetter = "letter"

	FlipLong  = "long"
	FlipShort = "short"
)

// DefaultQuizQuestions is the number of quiz questions printed when
// Options.N is zero, the same default as `feedcards quiz`.
const DefaultQuizQuestions = 20

// Options says how Write prints a deck. The zero value is a valid A4 study
// sheet.
type Options struct {
	Layout      string    // LayoutSheet (default), LayoutCards or LayoutQuiz
	Paper       string    // PaperA4 (default) or PaperLetter
	Flip        string    // cards layout: the duplex edge, FlipLong (default) or FlipShort
	Calibration bool      // cards layout: start with a front/back pair of pages to check a printer's duplex offset
	Seed        int64     // quiz layout: the question order and distractors, as in `feedcards quiz --seed`
	Mode        string    // quiz layout: "mc" (default), "typed" or "mixed"
	N           int       // quiz layout: number of questions; 0 means DefaultQuizQuestions, negative means every card
	CreatedAt   time.Time // creation and modification date in the PDF; zero means the Unix epoch, so bytes stay deterministic
	Title       string    // deck name for the header and the PDF title ("::" shown as " › "); "" prints "feedcards"
}

// ErrNoCards is returned by Write when it is given no cards to print.
var ErrNoCards = errors.New("no cards to print")

func (o Options) withDefaults() (Options, error) {
	switch o.Layout {
	case "":
		o.Layout = LayoutSheet
	case LayoutSheet, LayoutCards, LayoutQuiz:
	default:
		return o, fmt.Errorf("unknown layout %q (want sheet, cards or quiz)", o.Layout)
	}
	switch o.Paper {
	case "":
		o.Paper = PaperA4
	case PaperA4, PaperLetter:
	default:
		return o, fmt.Errorf("unknown paper size %q (want a4 or letter)", o.Paper)
	}
	switch o.Flip {
	case "":
		o.Flip = FlipLong
	case FlipLong, FlipShort:
	default:
		return o, fmt.Errorf("unknown flip edge %q (want long or short)", o.Flip)
	}
	switch o.Mode {
	case "":
		o.Mode = "mc"
	case "mc", "typed", "mixed":
	default:
		return o, fmt.Errorf("unknown quiz mode %q (want mc, typed or mixed)", o.Mode)
	}
	if o.N == 0 {
		o.N = DefaultQuizQuestions
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = time.Unix(0, 0)
	}
	if o.Title == "" {
		o.Title = "feedcards"
	}
	o.Title = strings.ReplaceAll(o.Title, "::", " › ") // deck hierarchy, as Anki shows it
	return o, nil
}

// Write prints cards as a PDF document laid out as opt says and writes it
// to w. Nothing is written to w unless the whole document was produced.
func Write(w io.Writer, cards []quiz.Card, opt Options) (err error) {
	opt, err = opt.withDefaults()
	if err != nil {
		return err
	}
	if len(cards) == 0 {
		return ErrNoCards
	}
	m, err := fontMetrics()
	if err != nil {
		return fmt.Errorf("load the Go fonts: %w", err)
	}
	var buf bytes.Buffer
	if err := render(&buf, m, cards, opt); err != nil {
		return fmt.Errorf("%s layout: %w", opt.Layout, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// render lays the document out and serialises it into buf. gofpdf reports
// most problems through a sticky error checked once at the end, but some
// inputs make it panic: those panics become errors here.
func render(buf *bytes.Buffer, m *metrics, cards []quiz.Card, opt Options) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gofpdf failed: %v", r)
		}
	}()
	d := newDoc(m, opt)
	switch opt.Layout {
	case LayoutSheet:
		err = writeSheet(d, cards, opt)
	case LayoutCards:
		err = writeCards(d, cards, opt)
	case LayoutQuiz:
		err = writeQuiz(d, cards, opt)
	}
	if err != nil {
		return err
	}
	if err := d.f.Output(buf); err != nil {
		return fmt.Errorf("gofpdf: %w", err)
	}
	return nil
}

// doc wraps a gofpdf document with the state our drawing helpers share.
// Every string handed to it must have been cleaned.
type doc struct {
	f     *gofpdf.Fpdf
	m     *metrics
	w, h  float64 // page size in millimetres
	face  face
	size  float64
	color [3]int
	mono  bool // the mono face has been added
}

var paperSizes = map[string]string{PaperA4: "A4", PaperLetter: "Letter"}

func newDoc(m *metrics, opt Options) *doc {
	f := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		SizeStr:        paperSizes[opt.Paper],
	})
	for _, fc := range []face{regular, bold, italic} {
		f.AddUTF8FontFromBytes(faceNames[fc].family, faceNames[fc].style, faceTTF[fc])
	}
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(opt.CreatedAt)
	f.SetModificationDate(opt.CreatedAt)
	f.SetTitle(m.clean(opt.Title), true)
	f.SetCreator("feedcards", true)
	f.SetProducer("feedcards with gofpdf", true)
	w, h := f.GetPageSize()
	d := &doc{f: f, m: m, w: w, h: h, face: -1}
	return d
}

func (d *doc) setFont(fc face, size float64) {
	if fc == mono && !d.mono {
		d.f.AddUTF8FontFromBytes(faceNames[mono].family, faceNames[mono].style, faceTTF[mono])
		d.mono = true
	}
	if fc != d.face || size != d.size {
		d.f.SetFont(faceNames[fc].family, faceNames[fc].style, size)
		d.face, d.size = fc, size
	}
}

func (d *doc) setColor(c [3]int) {
	if c != d.color {
		d.f.SetTextColor(c[0], c[1], c[2])
		d.color = c
	}
}

// addPage starts a new page; gofpdf resets the font there, so we forget ours.
func (d *doc) addPage() {
	d.f.AddPage()
	d.face, d.size = -1, 0
	d.f.SetTextColor(0, 0, 0)
	d.color = [3]int{}
}

// text draws cleaned s with its baseline at y.
func (d *doc) text(x, y float64, fc face, size float64, c [3]int, s string) {
	if s == "" {
		return
	}
	d.setFont(fc, size)
	d.setColor(c)
	d.f.Text(x, y, s)
}

// Colours.
var (
	black = [3]int{0, 0, 0}
	grey  = [3]int{100, 100, 100}
	blue  = [3]int{20, 70, 160}
)
