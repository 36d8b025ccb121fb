package quiz

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/feedcards/feedcards/quiz/fsrs"
)

// Verdict is the grade of one typed answer, with the reason shown to the
// user.
type Verdict struct {
	Correct bool
	Grade   fsrs.Rating // exact → Good, accepted with typos → Hard, wrong or partly → Again
	Reason  string      // "exact", "accepted: 1 typo", "wrong: expected …", ...
}

// Typed answers are graded offline, in this order:
//
//  1. identical after trimming: exact (Good);
//  2. identical after NormalizeAnswer: accepted, naming what was ignored
//     (case, accents, punctuation, a leading article, spacing) (Good);
//  3. within a typo allowance that grows with the expected answer's length
//     (Damerau–Levenshtein distance; none up to 3 letters, 1 up to 7, 2 up
//     to 14, then 15%), and with every number exactly right (Hard);
//  4. rules 2 and 3 against each part of an expected answer with brackets:
//     "DNS" or "Domain Name System" for "Domain Name System (DNS)";
//  5. for long answers (a definition with at least ansKeyWordMin content
//     words): covering at least 60% of the expected content words, each
//     matched by stem, by a long common prefix or within its own typo
//     allowance (Good when all are there, else Hard);
//  6. otherwise wrong (Again).

// ansKeyWordMin is the number of content words from which an expected
// answer is graded by key words rather than as a whole.
const ansKeyWordMin = 5

// ansKeyWordShare is the share of key words an answer must cover.
const ansKeyWordShare = 0.6

// GradeTyped grades a typed answer against the expected one.
func GradeTyped(answer, expected string) Verdict {
	a, e := strings.TrimSpace(answer), strings.TrimSpace(expected)
	if a == e {
		return Verdict{Correct: true, Grade: fsrs.Good, Reason: "exact"}
	}
	if a == "" {
		return ansWrong("no answer; expected " + ansQuote(e))
	}
	m := ansMatch(a, e)
	if m.ok && m.keyWords == 0 {
		if m.typos > 0 {
			return Verdict{Correct: true, Grade: fsrs.Hard, Reason: "accepted: " + ansPlural(m.typos, "typo")}
		}
		return Verdict{Correct: true, Grade: fsrs.Good, Reason: "accepted: ignoring " + ansIgnored(a, e)}
	}
	// "Domain Name System (DNS)": either part alone is a right answer.
	for _, alt := range ansAlternatives(e) {
		if am := ansMatch(a, alt); am.ok && am.keyWords == 0 {
			if am.typos > 0 {
				return Verdict{Correct: true, Grade: fsrs.Hard,
					Reason: fmt.Sprintf("accepted: %s, matching %s", ansPlural(am.typos, "typo"), ansQuote(alt))}
			}
			return Verdict{Correct: true, Grade: fsrs.Good, Reason: "accepted: matches " + ansQuote(alt)}
		}
	}
	switch {
	case m.ok && m.matched == m.keyWords:
		return Verdict{Correct: true, Grade: fsrs.Good, Reason: fmt.Sprintf("accepted: all %d key words", m.keyWords)}
	case m.ok:
		return Verdict{Correct: true, Grade: fsrs.Hard, Reason: fmt.Sprintf("accepted: %d of %d key words", m.matched, m.keyWords)}
	case m.keyWords > 0:
		return ansWrong(fmt.Sprintf("expected %s (%d of %d key words)", ansQuote(e), m.matched, m.keyWords))
	}
	return ansWrong("expected " + ansQuote(e))
}

// ansAlternatives returns the other accepted forms of an expected answer
// with a part in brackets: the text without it, and the bracketed part.
func ansAlternatives(e string) []string {
	var inner []string
	var outer strings.Builder
	depth, start := 0, 0
	for i, r := range e {
		switch r {
		case '(', '[':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')', ']':
			if depth == 1 {
				inner = append(inner, e[start:i])
			}
			depth = max(depth-1, 0)
		default:
			if depth == 0 {
				outer.WriteRune(r)
			}
		}
	}
	if len(inner) == 0 {
		return nil
	}
	var out []string
	for _, alt := range append([]string{outer.String()}, inner...) {
		if alt = strings.Join(strings.Fields(alt), " "); NormalizeAnswer(alt) != "" {
			out = append(out, alt)
		}
	}
	return out
}

func ansWrong(why string) Verdict {
	return Verdict{Correct: false, Grade: fsrs.Again, Reason: "wrong: " + why}
}

// GradeList grades an answer naming the items of a list, in any order. The
// answer's items are separated by commas, semicolons, newlines or the word
// "and". Each expected item is matched at most once, like a typed answer
// (case, accents, punctuation and small typos ignored). All items named →
// correct; some → "partly", graded Again, listing what was missing.
func GradeList(answer string, items []string) Verdict {
	var want []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			want = append(want, it)
		}
	}
	if len(want) == 0 {
		return GradeTyped(answer, "")
	}
	pieces := ansSplitList(answer, want)
	if len(pieces) == 0 {
		return ansWrong("no answer; expected " + ansQuote(strings.Join(want, ", ")))
	}

	// Score every (piece, item) pair, then assign greedily from the best
	// pairs: exact before typos, fewer typos first, earlier items first.
	type pair struct{ piece, item, cost int }
	var pairs []pair
	prepared := make([]*ansText, len(want))
	for j, it := range want {
		prepared[j] = ansPrepare(NormalizeAnswer(it))
	}
	for i, p := range pieces {
		np := ansPrepare(NormalizeAnswer(p))
		for j, it := range prepared {
			if m := np.match(it); m.ok {
				cost := m.typos
				if m.keyWords > 0 {
					cost = 100 + m.keyWords - m.matched
				}
				pairs = append(pairs, pair{i, j, cost})
			}
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool {
		if pairs[x].cost != pairs[y].cost {
			return pairs[x].cost < pairs[y].cost
		}
		if pairs[x].item != pairs[y].item {
			return pairs[x].item < pairs[y].item
		}
		return pairs[x].piece < pairs[y].piece
	})
	usedPiece := make([]bool, len(pieces))
	gotItem := make([]bool, len(want))
	matched, inexact := 0, 0
	for _, p := range pairs {
		if usedPiece[p.piece] || gotItem[p.item] {
			continue
		}
		usedPiece[p.piece], gotItem[p.item] = true, true
		matched++
		if p.cost > 0 {
			inexact++
		}
	}
	n := len(want)
	if matched == n {
		v := Verdict{Correct: true, Grade: fsrs.Good, Reason: fmt.Sprintf("accepted: %d of %d items, any order", n, n)}
		var notes []string
		if inexact > 0 {
			notes = append(notes, fmt.Sprintf("%d with typos", inexact))
		}
		var extra []string
		for i, used := range usedPiece {
			if !used {
				extra = append(extra, strings.TrimSpace(pieces[i]))
			}
		}
		if len(extra) > 0 {
			notes = append(notes, ansPlural(len(extra), "extra")+" "+ansQuote(strings.Join(extra, ", ")))
		}
		if len(notes) > 0 {
			v.Grade = fsrs.Hard
			v.Reason += " (" + strings.Join(notes, "; ") + ")"
		}
		return v
	}
	var missing []string
	for j, ok := range gotItem {
		if !ok {
			missing = append(missing, want[j])
		}
	}
	if matched == 0 {
		return ansWrong("expected " + ansQuote(strings.Join(want, ", ")))
	}
	return Verdict{Correct: false, Grade: fsrs.Again,
		Reason: fmt.Sprintf("partly: %d of %d items; missing %s", matched, n, ansQuote(strings.Join(missing, ", ")))}
}

// ansSplitList cuts a list answer into items at commas, semicolons and
// newlines, and then at the word "and" unless the piece is itself one of
// the expected items ("research and development").
func ansSplitList(answer string, items []string) []string {
	whole := map[string]bool{}
	for _, it := range items {
		whole[NormalizeAnswer(it)] = true
	}
	var out []string
	for _, p := range strings.FieldsFunc(answer, func(r rune) bool {
		return r == ',' || r == ';' || r == '\n' || r == '\r'
	}) {
		if NormalizeAnswer(p) == "" {
			continue
		}
		if whole[NormalizeAnswer(p)] {
			out = append(out, p)
			continue
		}
		var cur []string
		for _, w := range strings.Fields(p) {
			if strings.EqualFold(w, "and") || w == "&" {
				if len(cur) > 0 {
					out = append(out, strings.Join(cur, " "))
				}
				cur = cur[:0]
				continue
			}
			cur = append(cur, w)
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
	}
	return out
}

// NormalizeAnswer puts an answer into the form answers are compared in:
// lower case, accents and apostrophes dropped, other punctuation turned into
// spaces (except + and #, which name things like C++ and C#), runs of space
// collapsed, and a leading article (a, an, the) removed.
func NormalizeAnswer(s string) string {
	return ansNormalize(s, ansAll)
}

// The normalisation steps, so that a verdict can say which ones mattered.
const (
	ansCase = 1 << iota
	ansAccents
	ansPunct
	ansArticle
	ansAll = ansCase | ansAccents | ansPunct | ansArticle
)

var ansArticles = map[string]bool{"a": true, "an": true, "the": true}

// ansFold spells out letters that Unicode decomposition leaves alone.
var ansFold = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "TH", 'ı': "i",
}

func ansNormalize(s string, steps int) string {
	if steps&ansAccents != 0 {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case steps&ansAccents != 0 && unicode.Is(unicode.Mn, r):
			continue
		case steps&ansAccents != 0 && ansFold[r] != "":
			if steps&ansCase != 0 {
				b.WriteString(strings.ToLower(ansFold[r]))
			} else {
				b.WriteString(ansFold[r])
			}
			continue
		case steps&ansPunct != 0 && (r == '\'' || r == '’' || r == 'ʼ' || r == '‘'):
			continue
		case steps&ansPunct != 0 && r != '+' && r != '#' && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
			r = ' '
		}
		if steps&ansCase != 0 {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	words := strings.Fields(b.String())
	for steps&ansArticle != 0 && len(words) > 1 && ansArticles[strings.ToLower(words[0])] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// ansIgnored names the normalisation steps that made a and e equal.
func ansIgnored(a, e string) string {
	var names []string
	for _, st := range []struct {
		bit  int
		name string
	}{{ansCase, "case"}, {ansAccents, "accents"}, {ansPunct, "punctuation"}, {ansArticle, "articles"}} {
		if ansNormalize(a, ansAll&^st.bit) != ansNormalize(e, ansAll&^st.bit) {
			names = append(names, st.name)
		}
	}
	if len(names) == 0 {
		return "spacing"
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// ansResult is how an answer matched an expected text.
type ansResult struct {
	ok       bool
	typos    int // edits accepted (whole-answer match)
	keyWords int // > 0 when graded by key words: how many the expected text has
	matched  int // key words found
}

// ansMatch compares an answer to an expected text (both raw).
func ansMatch(answer, expected string) ansResult {
	a, e := NormalizeAnswer(answer), NormalizeAnswer(expected)
	if a == e && a == "" {
		return ansResult{ok: strings.TrimSpace(answer) == strings.TrimSpace(expected)}
	}
	return ansPrepare(a).match(ansPrepare(e))
}

// ansWholeMax is the longest text (in runes) compared as a whole string;
// longer expected answers are graded by key words only, which keeps grading
// fast whatever is pasted in.
const ansWholeMax = 400

// ansText is a normalised text with what matching needs precomputed.
type ansText struct {
	norm      string
	runes     []rune // nil if longer than ansWholeMax
	spaceless []rune // nil if longer than ansWholeMax
	digits    string
	words     []ansWord // distinct content words
}

type ansWord struct {
	s, stem string
	runes   []rune
	digits  bool
}

func ansPrepare(norm string) *ansText {
	t := &ansText{norm: norm, digits: ansDigits(norm)}
	if r := []rune(norm); len(r) <= ansWholeMax {
		t.runes = r
		t.spaceless = []rune(strings.ReplaceAll(norm, " ", ""))
	}
	for _, w := range ansContentWords(norm) {
		t.words = append(t.words, ansWord{s: w, stem: ansStem(w), runes: []rune(w), digits: ansDigits(w) != ""})
	}
	return t
}

// match compares the answer a with the expected text e.
func (a *ansText) match(e *ansText) ansResult {
	if a.norm == e.norm {
		return ansResult{ok: a.norm != ""}
	}
	if a.norm == "" || e.norm == "" {
		return ansResult{}
	}
	if e.runes != nil && a.runes != nil && a.digits == e.digits {
		allow := ansAllowance(len(e.runes))
		if d := ansDistance(a.runes, e.runes, allow+1); d <= allow {
			return ansResult{ok: true, typos: d}
		}
		// A missing or extra space is one typo too ("e mail" for "email").
		if string(a.spaceless) == string(e.spaceless) {
			return ansResult{ok: true, typos: 1}
		}
		allow = ansAllowance(len(e.spaceless))
		if d := ansDistance(a.spaceless, e.spaceless, allow); d < allow {
			return ansResult{ok: true, typos: d + 1}
		}
	}
	keys := e.words
	if len(keys) < ansKeyWordMin {
		return ansResult{}
	}
	got := a.words
	used := make([]bool, len(got))
	found := make([]bool, len(keys))
	matched := 0
	// Equal words and shared stems first, so that a typo match does not
	// take a word another key needs exactly.
	byStem := map[string][]int{}
	for j, g := range got {
		byStem[g.stem] = append(byStem[g.stem], j)
	}
	for i, k := range keys {
		if js := byStem[k.stem]; len(js) > 0 {
			used[js[0]] = true
			byStem[k.stem] = js[1:]
			found[i] = true
			matched++
		}
	}
	// Then words with typos; numbers must be exact.
	for i, k := range keys {
		allow := ansAllowance(len(k.runes))
		if found[i] || k.digits || allow == 0 {
			continue
		}
		for j, g := range got {
			if used[j] || g.digits {
				continue
			}
			if ansDistance(g.runes, k.runes, allow+1) <= allow || ansSamePrefix(g.runes, k.runes) {
				used[j], found[i] = true, true
				matched++
				break
			}
		}
	}
	total := len(keys)
	return ansResult{
		ok:       float64(matched) >= ansKeyWordShare*float64(total),
		keyWords: total,
		matched:  matched,
	}
}

// ansSamePrefix reports whether two words share a long prefix: at least 5
// letters and three quarters of the shorter word ("automated" and
// "automatically", "developer" and "developing").
func ansSamePrefix(a, b []rune) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 5 && 4*n >= 3*min(len(a), len(b))
}

// ansStem strips a few English suffixes so that "caches", "cached" and
// "caching" meet at "cach".
func ansStem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s", "ly"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		return strings.TrimSuffix(w, "e")
	}
	return w
}

// ansContentWords returns the words of a normalised text that are not
// stopwords, in order, one per stem.
func ansContentWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(s) {
		if ansStopwords[w] || seen[ansStem(w)] {
			continue
		}
		seen[ansStem(w)] = true
		out = append(out, w)
	}
	return out
}

// ansDigits returns the runs of digits in s, space separated: answers must
// get every number exactly right.
func ansDigits(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }), " ")
}

// ansAllowance is the number of typos accepted in an expected answer of n
// letters.
func ansAllowance(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	case n <= 14:
		return 2
	}
	return n * 15 / 100
}

// ansDistance is the Damerau–Levenshtein distance (optimal string alignment:
// insertions, deletions, substitutions and swaps of neighbours) between a
// and b, or limit if it is at least limit.
func ansDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	// Three rows: two back (for swaps), previous, current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}

func ansQuote(s string) string {
	const max = 120
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return strconv.Quote(s)
}

func ansPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// ansStopwords are English function words, ignored when counting key words.
var ansStopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but nor so yet of to in on at by for from with
		without into onto over under about as than then that this these those there here it its
		is are was were be been being am do does did done has have had having can could may
		might must shall should will would not no any all each every some such which who whom
		whose what when where why how if else while also only just very more most other another
		same own both either neither one ones they them their we our you your he she his her i
		me my us via per e g i e etc many much few several often usually sometimes practice process
		way technique method approach kind type sort thing things something someone`) {
		m[w] = true
	}
	return m
}()
