package pdf

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

// longCards holds the overflow cases: a 2,000-character answer, a
// 200-character word with no break, and an answer longer than a column.
func longCards(t testing.TB) []quiz.Card {
	t.Helper()
	sentence := "Consistency, availability and partition tolerance trade off against each other in distributed systems. "
	answer2k := strings.Repeat(sentence, 2000/len(sentence)+1)[:2000]
	word := strings.Repeat("Supercalifragilistic", 10)
	src := extract.Source{Title: "Long answers", URL: "https://example.com/long"}
	items := []extract.Item{
		{Kind: extract.FAQ, Source: src, Question: "What does a two-thousand-character answer look like?", Answer: answer2k},
		{Kind: extract.FAQ, Source: src, Question: "Does " + word + " fit?", Answer: "It must: " + word + " is cut between characters."},
		{Kind: extract.FAQ, Source: src, Question: "What about an answer longer than a whole column?", Answer: strings.Repeat(sentence, 80)},
	}
	notes := quiz.BuildNotes("Long", items, quiz.BuildOptions{})
	var cards []quiz.Card
	for i := range notes {
		cards = append(cards, quiz.CardsOf(&notes[i])...)
	}
	return cards
}

// TestSheetNeverOverflows lays out the overflow cases and the fixture on
// both papers and checks every line sits inside its column, and that no
// card that fits in a column is split.
func TestSheetNeverOverflows(t *testing.T) {
	m := testMetrics(t)
	cards := append(fixtureCards(t), longCards(t)...)
	for _, paper := range []struct{ w, h float64 }{{210, 297}, {215.9, 279.4}} {
		colW := (paper.w - 2*sheetMargin - sheetGap) / 2
		top := sheetMargin + sheetHeader
		colH := paper.h - sheetMargin - top
		blocks := sheetBlocks(m, groupCards(cards), colW)
		pages := flowColumns(blocks, 2, colW, sheetGap, top, colH)
		placed := 0
		for p, page := range pages {
			for _, l := range page {
				placed++
				if l.top < top-1e-9 || l.top+l.lead > top+colH+1e-9 {
					t.Errorf("page %d: line %q at %.1f–%.1f mm leaves the column (%.1f–%.1f)", p+1, l.text, l.top, l.top+l.lead, top, top+colH)
				}
				w := m.width(l.fc, l.size, l.text)
				if l.spans != nil {
					w = m.spansWidth(l.spans, l.size)
				}
				if l.indent+w > colW+1e-9 {
					t.Errorf("page %d: line %q is %.1f mm wide, column %.1f", p+1, l.text, l.indent+w, colW)
				}
				if l.x != 0 && l.x != colW+sheetGap {
					t.Errorf("line %q at x=%.1f, not at a column", l.text, l.x)
				}
			}
		}
		// Every line of text was placed (only gaps may be dropped).
		want := 0
		for _, b := range blocks {
			for _, l := range b.lines {
				if !l.isGap() {
					want++
				}
			}
		}
		got := 0
		for _, page := range pages {
			for _, l := range page {
				if !l.isGap() && !l.cont {
					got++
				}
			}
		}
		if got != want {
			t.Errorf("%d lines of text placed, want %d", got, want)
		}
		_ = placed
		// Blocks that fit in a column stay in one column.
		if len(pages) < 2 {
			t.Errorf("long answers fit on %d page(s); the test needs them to continue", len(pages))
		}
	}
}

func TestFlowColumnsKeepsBlocksTogether(t *testing.T) {
	line := sheetLine{text: "x", lead: 10}
	gap := sheetLine{lead: 5}
	block := func(n int) sheetBlock {
		b := sheetBlock{}
		for range n {
			b.lines = append(b.lines, line)
		}
		b.lines = append(b.lines, gap)
		return b
	}
	// Column height 100: blocks of 6, 6, 3 and 25 lines.
	pages := flowColumns([]sheetBlock{block(6), block(6), block(3), block(25)}, 2, 50, 5, 0, 100)
	type pos struct {
		page int
		x    float64
		top  float64
	}
	var got []pos
	conts := 0
	for p, page := range pages {
		for _, l := range page {
			switch {
			case l.cont:
				conts++
			case !l.isGap():
				got = append(got, pos{p, l.x, math.Round(l.top*1000) / 1000})
			}
		}
	}
	// Block 1 fills lines 0–5 of column 1 (+ a gap at 60); block 2 does not
	// fit in the 35 mm left, so it starts column 2; block 3 follows it; block
	// 4 is taller than a column, starts a new page and continues over three
	// columns, each continuation headed by "(continued)" (3.175 mm).
	checks := []struct {
		i int
		p pos
	}{
		{0, pos{0, 0, 0}},
		{5, pos{0, 0, 50}},
		{6, pos{0, 55, 0}},
		{12, pos{0, 55, 65}},
		{15, pos{1, 0, 0}},
		{24, pos{1, 0, 90}},
		{25, pos{1, 55, 3.175}},
		{33, pos{1, 55, 83.175}},
		{34, pos{2, 0, 3.175}},
		{39, pos{2, 0, 53.175}},
	}
	if len(got) != 40 || conts != 2 {
		t.Fatalf("%d lines and %d continuation marks placed, want 40 and 2", len(got), conts)
	}
	for _, c := range checks {
		if got[c.i] != c.p {
			t.Errorf("line %d at %+v, want %+v", c.i, got[c.i], c.p)
		}
	}
}

func TestFitText(t *testing.T) {
	m := testMetrics(t)
	cards := longCards(t)
	for _, paper := range []struct{ w, h float64 }{{210, 297}, {215.9, 279.4}} {
		r := slotRect(paper.w, paper.h, 0)
		w := r.w - 2*cardPad
		h := r.h - 2*cardPad - cardLabel*ptToMM*1.3
		for _, c := range cards {
			for _, side := range []string{c.Front, c.Back} {
				lines, size, lead := fitText(m, regular, backMaxSize, w, h, m.clean(side))
				if size < minTextSize || size > backMaxSize {
					t.Errorf("size %.1f outside %.1f–%.1f", size, minTextSize, backMaxSize)
				}
				if float64(len(lines))*lead > h+1e-9 {
					t.Errorf("%d lines of %.2f mm overflow a %.1f mm box", len(lines), lead, h)
				}
				for _, l := range lines {
					if m.width(regular, size, l) > w+1e-9 {
						t.Errorf("line %q overflows %.1f mm", l, w)
					}
				}
				if len(side) > 1500 && !strings.HasSuffix(lines[len(lines)-1], "…") {
					t.Errorf("a %d-byte text that cannot fit was not cut with …", len(side))
				}
			}
		}
	}
	// Short text keeps the largest size.
	if _, size, _ := fitText(m, bold, frontMaxSize, 80, 50, "What is Git?"); size != frontMaxSize {
		t.Errorf("short text shrunk to %.1f pt", size)
	}
}

func TestLongTextInEveryLayout(t *testing.T) {
	cards := longCards(t)
	word := strings.Repeat("Supercalifragilistic", 10)
	for _, layout := range []string{LayoutSheet, LayoutCards, LayoutQuiz} {
		out := mustWrite(t, cards, Options{Layout: layout, Mode: "typed"})
		text := pdfText(t, out, 0, 0, false)
		if !strings.Contains(strings.Join(strings.Fields(text), ""), word) {
			t.Errorf("%s: the 200-character word is not in the text layer in one piece across lines", layout)
		}
	}
}

// TestWriteSamples writes sample documents for looking at by eye when
// FEEDCARDS_PDF_SAMPLES names a directory.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("FEEDCARDS_PDF_SAMPLES")
	if dir == "" {
		t.Skip("set FEEDCARDS_PDF_SAMPLES=DIR to write sample PDFs there")
	}
	cards := append(append(fixtureCards(t), longCards(t)...), awkwardCards(t)...)
	for _, opt := range []Options{
		{Layout: LayoutSheet, Title: "Samples"},
		{Layout: LayoutCards, Calibration: true, Title: "Samples"},
		{Layout: LayoutQuiz, Mode: "mixed", Seed: 3, N: -1, Title: "Samples"},
	} {
		out := mustWrite(t, cards, opt)
		if err := os.WriteFile(filepath.Join(dir, opt.Layout+".pdf"), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
