package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

var created = time.Date(2026, 4, 20, 9, 30, 0, 0, time.UTC)

// fixtureCards builds a small deck the way the collection does: FAQ pairs,
// a definition with its reverse card, an ordered list with cloze cards, and
// a term seen in two articles, over two articles with sections.
func fixtureCards(t testing.TB) []quiz.Card {
	t.Helper()
	git := extract.Source{Feed: "Eng blog", EntryID: "tag:x,2026:git", Title: "Git basics", URL: "https://example.com/git", SectionURL: "https://example.com/git#faq"}
	ms := extract.Source{Feed: "Eng blog", EntryID: "tag:x,2026:ms", Title: "Microservices – a field guide", URL: "https://example.com/ms", SectionURL: "https://example.com/ms#terms"}
	section := func(s extract.Source, anchor string) extract.Source {
		s.SectionURL = s.URL + "#" + anchor
		return s
	}
	items := []extract.Item{
		{Kind: extract.FAQ, Context: []string{"Frequently Asked Questions"}, Source: git,
			Question: "What is the difference between Git and GitHub?", Answer: "Git is the version control software that runs locally; GitHub hosts Git repositories."},
		{Kind: extract.FAQ, Context: []string{"Frequently Asked Questions"}, Source: git,
			Question: "Can I undo a commit in Git?", Answer: "Yes: “git revert” creates a new commit that undoes a previous one — history stays intact."},
		{Kind: extract.FAQ, Context: []string{"Frequently Asked Questions"}, Source: git,
			Question: "How do I record a change?", Answer: `Run git add notes.txt, then git commit -m "msg".`,
			AnswerHTML: `Run <code>git add notes.txt</code>, then <code>git commit -m &quot;msg&quot;</code>.`},
		{Kind: extract.List, Context: []string{"How Git works"}, Source: section(git, "how"),
			Prompt: "Name the three states of Git", Heading: "The three states", Items: []string{"Modified", "Staged", "Committed"}, Ordered: true},
		{Kind: extract.Definition, Context: []string{"Key terms"}, Source: section(git, "terms"),
			Term: "Commit", Definition: "A snapshot of the repository at one point in time, with a message."},
		{Kind: extract.Definition, Context: []string{"Glossary"}, Source: ms,
			Term: "Saga pattern", Definition: "A sequence of local transactions, each with a compensating action, that keeps data consistent across services."},
		{Kind: extract.FAQ, Context: []string{"FAQ"}, Source: section(ms, "faq"),
			Question: "Why choose microservices?", Answer: "Independent scalability, fault isolation and technological flexibility."},
		{Kind: extract.Definition, Context: []string{"Key terms"}, Source: ms,
			Term: "Commit", Definition: "A snapshot of the repository at one point in time, with a message."},
	}
	notes := quiz.BuildNotes("Engineering::Git", items, quiz.BuildOptions{Reverse: true})
	var cards []quiz.Card
	for i := range notes {
		cards = append(cards, quiz.CardsOf(&notes[i])...)
	}
	if len(cards) < 8 {
		t.Fatalf("fixture has %d cards, want at least 8", len(cards))
	}
	return cards
}

func mustWrite(t testing.TB, cards []quiz.Card, opt Options) []byte {
	t.Helper()
	if opt.CreatedAt.IsZero() {
		opt.CreatedAt = created
	}
	var buf bytes.Buffer
	if err := Write(&buf, cards, opt); err != nil {
		t.Fatalf("Write(%+v): %v", opt, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", buf.Bytes()[:min(20, buf.Len())])
	}
	return buf.Bytes()
}

// pdfText extracts the text of pages first…last (0 = all) with pdftotext,
// skipping the test when poppler-utils is not installed.
func pdfText(t testing.TB, pdf []byte, first, last int, layout bool) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found (apt-get install poppler-utils); skipping the text check")
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command(bin, append(args, path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// flat collapses all white space, so text wrapped over lines compares with
// the text given.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

var pageCountRe = regexp.MustCompile(`/Type /Pages\n/Kids \[[^\]]*\]\n/Count (\d+)`)

// pageCount reads the page count from gofpdf's page tree.
func pageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	m := pageCountRe.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no page tree in the PDF")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func TestSheetHasEveryQuestion(t *testing.T) {
	cards := fixtureCards(t)
	text := flat(pdfText(t, mustWrite(t, cards, Options{Title: "Engineering::Git"}), 0, 0, false))
	for _, c := range cards {
		if c.Template != quiz.Forward {
			continue // the sheet prints each note once, by its forward card
		}
		if !strings.Contains(text, flat(c.Front)) {
			t.Errorf("sheet text lacks the question %q", c.Front)
		}
	}
	for _, want := range []string{
		"Engineering › Git", "Study sheet",
		"Git basics", "Microservices – a field guide", // article headings
		"“git revert” creates a new commit that undoes a previous one — history stays intact.",
		"1. Modified 2. Staged 3. Committed",               // an ordered list as a list
		"Also in: Microservices – a field guide",           // the merged note's second source
		`Run git add notes.txt, then git commit -m "msg".`, // inline code, in mono
	} {
		if !strings.Contains(text, want) {
			t.Errorf("sheet text lacks %q\n%s", want, text)
		}
	}
	if !regexp.MustCompile(`\b1 ?/ ?1\b`).MatchString(text) {
		t.Errorf("no page number 1 / 1")
	}
	// Articles in order of first appearance, each question once.
	if i, j := strings.Index(text, "Git basics"), strings.Index(text, "Why choose microservices?"); i < 0 || j < i {
		t.Errorf("articles out of order")
	}
	if n := strings.Count(text, "Can I undo a commit in Git?"); n != 1 {
		t.Errorf("question printed %d times, want 1", n)
	}
}

func TestInlineCodeInMono(t *testing.T) {
	cards := fixtureCards(t)
	if out := mustWrite(t, cards, Options{}); !bytes.Contains(out, []byte("/BaseFont /utf8gomono")) {
		t.Errorf("a sheet with inline code does not embed Go Mono")
	}
	var plain []quiz.Card
	for _, c := range cards {
		if c.Note.Item.AnswerHTML == "" {
			plain = append(plain, c)
		}
	}
	if out := mustWrite(t, plain, Options{}); bytes.Contains(out, []byte("gomono")) {
		t.Errorf("a sheet without code embeds Go Mono")
	}
}

func TestSheetLinks(t *testing.T) {
	out := string(mustWrite(t, fixtureCards(t), Options{}))
	for _, url := range []string{"https://example.com/git", "https://example.com/git#faq", "https://example.com/git#how", "https://example.com/ms#terms", "https://example.com/ms#faq"} {
		if !strings.Contains(out, "/URI ("+url+")") {
			t.Errorf("no link annotation to %s", url)
		}
	}
}

func TestDeterministicBytes(t *testing.T) {
	cards := fixtureCards(t)
	for _, opt := range []Options{
		{Layout: LayoutSheet},
		{Layout: LayoutCards, Calibration: true},
		{Layout: LayoutCards, Paper: PaperLetter, Flip: FlipShort},
		{Layout: LayoutQuiz, Seed: 7, Mode: "mixed"},
	} {
		t.Run(opt.Layout, func(t *testing.T) {
			a, b := mustWrite(t, cards, opt), mustWrite(t, cards, opt)
			if !bytes.Equal(a, b) {
				t.Fatalf("two runs differ (%d and %d bytes)", len(a), len(b))
			}
			opt.CreatedAt = created.Add(time.Hour)
			if c := mustWrite(t, cards, opt); bytes.Equal(a, c) {
				t.Fatalf("a different creation date gave the same bytes")
			}
			if !bytes.Contains(a, []byte("/CreationDate (D:20260420093000")) {
				t.Errorf("creation date not set from Options.CreatedAt")
			}
		})
	}
}

func TestPaperSizes(t *testing.T) {
	cards := fixtureCards(t)
	for _, tc := range []struct {
		paper, mediaBox string
	}{
		{"", "/MediaBox [0 0 595.28 841.89]"},
		{PaperA4, "/MediaBox [0 0 595.28 841.89]"},
		{PaperLetter, "/MediaBox [0 0 612.00 792.00]"},
	} {
		for _, layout := range []string{LayoutSheet, LayoutCards, LayoutQuiz} {
			out := mustWrite(t, cards, Options{Paper: tc.paper, Layout: layout})
			if !bytes.Contains(out, []byte(tc.mediaBox)) {
				t.Errorf("paper %q layout %s: no %s", tc.paper, layout, tc.mediaBox)
			}
		}
	}
}

func TestOptionErrors(t *testing.T) {
	cards := fixtureCards(t)
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{Options{Layout: "poster"}, `unknown layout "poster"`},
		{Options{Paper: "a3"}, `unknown paper size "a3"`},
		{Options{Flip: "diagonal"}, `unknown flip edge "diagonal"`},
		{Options{Layout: LayoutQuiz, Mode: "essay"}, `unknown quiz mode "essay"`},
	} {
		var buf bytes.Buffer
		err := Write(&buf, cards, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Write(%+v) = %v, want an error containing %q", tc.opt, err, tc.want)
		}
		if buf.Len() != 0 {
			t.Errorf("Write(%+v) wrote %d bytes despite the error", tc.opt, buf.Len())
		}
	}
	if err := Write(&bytes.Buffer{}, nil, Options{}); !errors.Is(err, ErrNoCards) {
		t.Errorf("Write(no cards) = %v, want ErrNoCards", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterError(t *testing.T) {
	err := Write(failWriter{}, fixtureCards(t), Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Write to a failing writer = %v, want the writer's error", err)
	}
}

// awkward holds text gofpdf cannot draw as is.
var awkward = []struct{ name, in string }{
	{"emoji", "Ship it 🚀 today 👍🏽 ❤️ done"},
	{"cjk", "日本語のテキスト and 中文"},
	{"rtl", "שלום עולם and مرحبا بالعالم"},
	{"devanagari", "नमस्ते दुनिया"},
	{"combining", "cafe\u0301 and nai\u0308ve and x\u0301\u0327 end"},
	{"controls", "tab\there\x00nul\u200bzero\u200dwidth\u00adsoft\u202erlo"},
	{"invalid utf-8", "bad \xff\xfe bytes"},
	{"astral math", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 𝟙"},
}

// awkwardCards has one FAQ per awkward text, plus one that must render as is.
func awkwardCards(t testing.TB) []quiz.Card {
	t.Helper()
	var items []extract.Item
	src := extract.Source{Title: "Ünïcödé 🧪 テスト", URL: "https://example.com/u"}
	for _, a := range awkward {
		items = append(items, extract.Item{Kind: extract.FAQ, Source: src, Context: []string{"Section " + a.name + " 🚀"},
			Question: "Q " + a.name + ": " + a.in + "?", Answer: "A: " + a.in})
	}
	items = append(items, extract.Item{Kind: extract.FAQ, Source: src,
		Question: "Do “quotes”, dashes – — and accents (é, ñ, ø, Ł) render?", Answer: "Ελληνικά and Кириллица render; so does … and ’."})
	notes := quiz.BuildNotes("Ünïcödé 🧪", items, quiz.BuildOptions{})
	var cards []quiz.Card
	for i := range notes {
		cards = append(cards, quiz.CardsOf(&notes[i])...)
	}
	return cards
}

func TestAwkwardTextRenders(t *testing.T) {
	cards := awkwardCards(t)
	for _, layout := range []string{LayoutSheet, LayoutCards, LayoutQuiz} {
		t.Run(layout, func(t *testing.T) {
			out := mustWrite(t, cards, Options{Layout: layout, Title: "Ünïcödé 🧪", Mode: "typed"})
			text := pdfText(t, out, 0, 0, false)
			for _, bad := range []string{"🚀", "👍", "日本", "中文", "שלום", "مرحبا", "नमस्ते", "\u0301", "\u200b", "\uFFFD", "Ã", "â€"} {
				if strings.Contains(text, bad) {
					t.Errorf("text layer contains %q, want a placeholder", bad)
				}
			}
			for _, want := range []string{"Ship it □ today □ □ done", "□□□□□□□□ and □□", "café and naïve", "□□□□ □□□□ and □□□□□ □□□□□□□", "Ünïcödé □"} {
				if !strings.Contains(flat(text), want) && layout != LayoutCards {
					t.Errorf("text layer lacks %q", want)
				}
			}
			if layout == LayoutSheet {
				for _, want := range []string{"Do “quotes”, dashes – — and accents (é, ñ, ø, Ł) render?", "Ελληνικά and Кириллица render; so does … and ’."} {
					if !strings.Contains(flat(text), want) {
						t.Errorf("text layer lacks %q", want)
					}
				}
			}
		})
	}
}

func TestCardsPagesAndMirroring(t *testing.T) {
	cards := fixtureCards(t)
	n := len(cards)
	sheets := (n + cardsPerPage - 1) / cardsPerPage
	for _, tc := range []struct {
		opt   Options
		pages int
	}{
		{Options{Layout: LayoutCards}, 2 * sheets},
		{Options{Layout: LayoutCards, Calibration: true}, 2*sheets + 2},
		{Options{Layout: LayoutCards, Flip: FlipShort, Paper: PaperLetter}, 2 * sheets},
	} {
		out := mustWrite(t, cards, tc.opt)
		if got := pageCount(t, out); got != tc.pages {
			t.Errorf("%+v: %d pages, want %d", tc.opt, got, tc.pages)
		}
	}

	// Fronts on page 1, backs on page 2; on the back, card 1 sits on the
	// right (long edge) of card 2, or below card 7 (short edge).
	out := mustWrite(t, cards, Options{Layout: LayoutCards})
	front := flat(pdfText(t, out, 1, 1, false))
	back := pdfText(t, out, 2, 2, true)
	for i, c := range cards[:cardsPerPage] {
		if !strings.Contains(front, flat(c.Front)) && !strings.Contains(front, "#"+strconv.Itoa(i+1)+" ") {
			t.Errorf("front page lacks card %d %q", i+1, c.Front)
		}
		if !strings.Contains(back, "#"+strconv.Itoa(i+1)+" · answer") {
			t.Errorf("back page lacks the label of card %d", i+1)
		}
	}
	if !regexp.MustCompile(`#2 · answer +#1 · answer`).MatchString(back) {
		t.Errorf("long-edge back page does not put card 2 left of card 1:\n%s", back)
	}
	out = mustWrite(t, cards, Options{Layout: LayoutCards, Flip: FlipShort})
	back = pdfText(t, out, 2, 2, true)
	if !regexp.MustCompile(`#7 · answer +#8 · answer`).MatchString(back) ||
		strings.Index(back, "#7 · answer") > strings.Index(back, "#1 · answer") {
		t.Errorf("short-edge back page does not put card 7 above card 1:\n%s", back)
	}
	out = mustWrite(t, cards, Options{Layout: LayoutCards, Calibration: true})
	cal := pdfText(t, out, 1, 2, false)
	if !strings.Contains(cal, "duplex calibration: Front") || !strings.Contains(cal, "duplex calibration: Back") {
		t.Errorf("calibration pages missing:\n%s", cal)
	}
}

func TestBackSlot(t *testing.T) {
	for _, tc := range []struct {
		flip string
		want [cardsPerPage]int
	}{
		{FlipLong, [cardsPerPage]int{1, 0, 3, 2, 5, 4, 7, 6}},
		{FlipShort, [cardsPerPage]int{6, 7, 4, 5, 2, 3, 0, 1}},
	} {
		for slot, want := range tc.want {
			if got := backSlot(slot, tc.flip); got != want {
				t.Errorf("backSlot(%d, %s) = %d, want %d", slot, tc.flip, got, want)
			}
		}
	}
}

func TestMirrorRect(t *testing.T) {
	const a4w, a4h = 210.0, 297.0
	for _, tc := range []struct {
		in   rect
		flip string
		want rect
	}{
		{rect{10, 20, 30, 40}, FlipLong, rect{170, 20, 30, 40}},
		{rect{10, 20, 30, 40}, FlipShort, rect{10, 237, 30, 40}},
		{rect{105, 148.5, 0, 0}, FlipLong, rect{105, 148.5, 0, 0}}, // the centre stays put
		{rect{0, 0, 210, 297}, FlipShort, rect{0, 0, 210, 297}},
	} {
		if got := mirrorRect(tc.in, a4w, a4h, tc.flip); got != tc.want {
			t.Errorf("mirrorRect(%v, %s) = %v, want %v", tc.in, tc.flip, got, tc.want)
		}
	}
	// The back slot of every card is exactly its front slot mirrored, on
	// both papers and both edges, and the grid fits on the page.
	for _, paper := range []struct{ w, h float64 }{{210, 297}, {215.9, 279.4}} {
		for _, flip := range []string{FlipLong, FlipShort} {
			for slot := range cardsPerPage {
				front := slotRect(paper.w, paper.h, slot)
				got, want := mirrorRect(front, paper.w, paper.h, flip), slotRect(paper.w, paper.h, backSlot(slot, flip))
				if d := max(abs(got.x-want.x), abs(got.y-want.y), abs(got.w-want.w), abs(got.h-want.h)); d > 1e-9 {
					t.Errorf("paper %v flip %s slot %d: mirrored %v, back slot %v", paper, flip, slot, got, want)
				}
				if front.x < 10 || front.y < 10 || front.x+front.w > paper.w-10 || front.y+front.h > paper.h-10 {
					t.Errorf("slot %d %v leaves less than 10 mm of margin on %v", slot, front, paper)
				}
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestQuizLayout(t *testing.T) {
	cards := fixtureCards(t)
	for _, mode := range []string{"mc", "typed", "mixed"} {
		t.Run(mode, func(t *testing.T) {
			opt := Options{Layout: LayoutQuiz, Seed: 42, Mode: mode, N: 6, Title: "Engineering::Git"}
			qs, err := quiz.BuildQuiz(cards, quiz.QuizOptions{N: 6, Mode: quiz.Mode(mode), Seed: 42})
			if err != nil {
				t.Fatal(err)
			}
			out := mustWrite(t, cards, opt)
			pages := pageCount(t, out)
			// The key is on the last page(s) and nowhere else; questions before it.
			keyPage := 0
			for p := 1; p <= pages; p++ {
				if strings.Contains(pdfText(t, out, p, p, false), "Answer key") {
					keyPage = p
					break
				}
			}
			if keyPage < 2 {
				t.Fatalf("answer key on page %d of %d, want a page after the questions", keyPage, pages)
			}
			questions := flat(pdfText(t, out, 1, keyPage-1, true))
			key := flat(pdfText(t, out, keyPage, pages, false))
			if strings.Contains(questions, "Answer key") {
				t.Errorf("question pages mention the answer key")
			}
			for i, q := range qs {
				num := strconv.Itoa(i+1) + "."
				if !strings.Contains(questions, num+" "+flat(q.Prompt)) {
					t.Errorf("question %d %q missing from the question pages", i+1, q.Prompt)
				}
				if q.Mode == quiz.MultipleChoice {
					for j, o := range q.Options {
						if !strings.Contains(questions, string(optionLetters[j])+" "+flat(o)) {
							t.Errorf("question %d lacks option %c %q", i+1, optionLetters[j], o)
						}
					}
					want := num + " " + string(optionLetters[q.Answer]) + " — " + flat(q.Options[q.Answer])
					if !strings.Contains(key, want) {
						t.Errorf("key lacks %q\n%s", want, key)
					}
				} else if !strings.Contains(key, num+" "+flat(q.Expected)) {
					t.Errorf("key lacks %q", num+" "+q.Expected)
				}
			}
		})
	}
}

func TestQuizDefaultCount(t *testing.T) {
	var items []extract.Item
	for i := range 30 {
		items = append(items, extract.Item{Kind: extract.FAQ, Source: extract.Source{Title: "T", URL: "https://example.com/t"},
			Question: fmt.Sprintf("Question number %d?", i), Answer: fmt.Sprintf("Answer number %d.", i)})
	}
	notes := quiz.BuildNotes("D", items, quiz.BuildOptions{})
	var cards []quiz.Card
	for i := range notes {
		cards = append(cards, quiz.CardsOf(&notes[i])...)
	}
	for _, tc := range []struct{ n, want int }{{0, DefaultQuizQuestions}, {5, 5}, {-1, 30}} {
		text := flat(pdfText(t, mustWrite(t, cards, Options{Layout: LayoutQuiz, N: tc.n}), 0, 0, false))
		if !strings.Contains(text, fmt.Sprintf("%d questions", tc.want)) {
			t.Errorf("N=%d: quiz does not say %d questions", tc.n, tc.want)
		}
		if got := strings.Count(text, "Question number"); got != tc.want {
			t.Errorf("N=%d: %d questions printed, want %d", tc.n, got, tc.want)
		}
	}
}

// FuzzWrite feeds arbitrary text through every layout: Write must return
// a PDF or an error, never panic, and never fail on text alone.
func FuzzWrite(f *testing.F) {
	for _, a := range awkward {
		f.Add(a.in, "answer "+a.in)
	}
	f.Add(strings.Repeat("x", 300), strings.Repeat("long answer ", 200))
	f.Fuzz(func(t *testing.T, q, a string) {
		items := []extract.Item{
			{Kind: extract.FAQ, Source: extract.Source{Title: q, URL: "https://example.com/" + q}, Context: []string{a}, Question: q, Answer: a},
			{Kind: extract.FAQ, Source: extract.Source{Title: "t"}, Question: "other " + q, Answer: "other " + a},
		}
		notes := quiz.BuildNotes(q, items, quiz.BuildOptions{})
		var cards []quiz.Card
		for i := range notes {
			cards = append(cards, quiz.CardsOf(&notes[i])...)
		}
		if len(cards) == 0 {
			return
		}
		for _, layout := range []string{LayoutSheet, LayoutCards, LayoutQuiz} {
			var buf bytes.Buffer
			if err := Write(&buf, cards, Options{Layout: layout, Title: q, CreatedAt: created}); err != nil {
				t.Fatalf("%s: %v", layout, err)
			}
		}
	})
}

// TestBareCards prints cards that carry no note (no source, no context).
func TestBareCards(t *testing.T) {
	cards := []quiz.Card{
		{ID: "a/forward", Template: quiz.Forward, Front: "Bare question one?", Back: "Bare answer one."},
		{ID: "b/forward", Template: quiz.Forward, Front: "Bare question two?", Back: "Bare answer two."},
	}
	for _, layout := range []string{LayoutSheet, LayoutCards, LayoutQuiz} {
		text := flat(pdfText(t, mustWrite(t, cards, Options{Layout: layout, Mode: "typed"}), 0, 0, false))
		for _, c := range cards {
			if !strings.Contains(text, c.Front) || !strings.Contains(text, c.Back) {
				t.Errorf("%s: %q or %q missing from\n%s", layout, c.Front, c.Back, text)
			}
		}
		if layout == LayoutSheet && !strings.Contains(text, "Untitled") {
			t.Errorf("sheet: cards without a source are not grouped under Untitled")
		}
	}
}
