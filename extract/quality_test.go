package extract

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// This file re-implements the part of ../shared/tools/score.py that the
// quality bars need (score.py stays the authoritative scorer): FAQ pairs
// match on the question with ≥ 0.7 of the gold answer's tokens covered;
// definitions on the term (or an alternative) with ≥ 0.8 of the key
// covered; lists on item F1 ≥ 0.6. Matching is one-to-one within an entry.

type goldFile struct {
	Entries map[string]struct {
		FAQ struct {
			Pairs []struct{ Question, Answer string } `json:"pairs"`
		} `json:"faq"`
		Definitions []struct {
			Term           string   `json:"term"`
			AltTerms       []string `json:"alt_terms"`
			Definition     string   `json:"definition"`
			DefinitionKey  string   `json:"definition_key"`
			AltDefinitions []string `json:"alt_definitions"`
			Quality        string   `json:"quality"`
		} `json:"definitions"`
		NotDefinitions []struct {
			Term string `json:"term"`
		} `json:"not_definitions"`
		Lists []struct {
			Items   []string `json:"items"`
			Quality string   `json:"quality"`
		} `json:"lists"`
		ExcludedLists []struct {
			Items     []string `json:"items"`
			FirstItem string   `json:"first_item"`
		} `json:"excluded_lists"`
	} `json:"entries"`
}

var (
	scoreQARE    = regexp.MustCompile(`^\s*(q|a)\s*[:.]\s*`)
	scoreEnumRE  = regexp.MustCompile(`^\s*(\(?\d+(\.\d+)*[.)]?)\s+`)
	scoreNonWord = regexp.MustCompile(`[^\p{L}\p{N}_]+`)
	scoreParen   = regexp.MustCompile(`\([^)]*\)`)
)

var scoreNormCache = map[string]string{}

func scoreNorm(s string) string {
	if n, ok := scoreNormCache[s]; ok {
		return n
	}
	n := scoreNormUncached(s)
	scoreNormCache[s] = n
	return n
}

func scoreNormUncached(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`).Replace(s)
	s = scoreQARE.ReplaceAllString(s, "")
	s = scoreEnumRE.ReplaceAllString(s, "")
	s = scoreNonWord.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

func scoreToks(s string) []string { return strings.Fields(scoreNorm(s)) }

func scoreCoverage(gold, pred string) float64 {
	g, p := scoreToks(gold), scoreToks(pred)
	if len(g) == 0 {
		return 0
	}
	pc := map[string]int{}
	for _, t := range p {
		pc[t]++
	}
	hit := 0
	for _, t := range g {
		if pc[t] > 0 {
			pc[t]--
			hit++
		}
	}
	return float64(hit) / float64(len(g))
}

func scoreSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range scoreToks(s) {
		m[t] = true
	}
	return m
}

func scoreJacc(a, b string) float64 {
	sa, sb := scoreSet(a), scoreSet(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	inter := 0
	for t := range sa {
		if sb[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func scoreStripParen(s string) string { return scoreNorm(scoreParen.ReplaceAllString(s, " ")) }

func scoreTermMatch(pred string, golds []string) bool {
	pt, pp := scoreNorm(pred), scoreStripParen(pred)
	for _, g := range golds {
		if g == "" {
			continue
		}
		gn, gp := scoreNorm(g), scoreStripParen(g)
		if pt != "" && (pt == gn || pp == gp || pt == gp || pp == gn) {
			return true
		}
		if pt != "" && gn != "" && scoreJacc(pt, gn) >= 0.75 {
			return true
		}
	}
	return false
}

func scoreItemMatch(a, b string) bool {
	na, nb := scoreNorm(a), scoreNorm(b)
	if na == "" || nb == "" {
		return false
	}
	if na == nb || scoreStripParen(a) == scoreStripParen(b) {
		return true
	}
	if strings.HasPrefix(na, nb+" ") || strings.HasPrefix(nb, na+" ") {
		return true
	}
	ta, tb := scoreSet(na), scoreSet(nb)
	small, big := ta, tb
	if len(ta) > len(tb) {
		small, big = tb, ta
	}
	sub := len(small) > 0
	for t := range small {
		if !big[t] {
			sub = false
			break
		}
	}
	if sub && len(small) >= max(1, len(big)/3) {
		return true
	}
	return scoreJacc(a, b) >= 0.6
}

func scoreListF1(pred, gold []string) float64 {
	if len(pred) == 0 || len(gold) == 0 {
		return 0
	}
	used := map[int]bool{}
	hit := 0
	for _, g := range gold {
		for i, p := range pred {
			if !used[i] && scoreItemMatch(p, g) {
				used[i] = true
				hit++
				break
			}
		}
	}
	if hit == 0 {
		return 0
	}
	p, r := float64(hit)/float64(len(pred)), float64(hit)/float64(len(gold))
	return 2 * p * r / (p + r)
}

// kindScore is one kind's tally.
type kindScore struct{ gold, goldCore, found, foundCore, pred, matched, junk int }

func (k kindScore) recall() float64     { return ratio(k.found, k.gold) }
func (k kindScore) coreRecall() float64 { return ratio(k.foundCore, k.goldCore) }
func (k kindScore) precision() float64  { return ratio(k.matched, k.pred) }
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// scoreSample extracts the sample feed and scores it against its gold.
func scoreSample(t *testing.T) (faq, def, list kindScore) {
	t.Helper()
	res, err := Load(context.Background(), "../testdata/feeds/software-engineering.atom.xml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/gold/software-engineering.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold goldFile
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	byEntry := map[string][]Item{}
	for _, it := range res.Items() {
		byEntry[it.Source.EntryID] = append(byEntry[it.Source.EntryID], it)
	}
	for id, e := range gold.Entries {
		var fs, ds, ls []Item
		for _, it := range byEntry[id] {
			switch it.Kind {
			case FAQ:
				fs = append(fs, it)
			case Definition:
				ds = append(ds, it)
			case List:
				ls = append(ls, it)
			}
		}
		// FAQ
		faq.pred += len(fs)
		used := map[int]bool{}
		for _, g := range e.FAQ.Pairs {
			faq.gold++
			faq.goldCore++
			for i, p := range fs {
				if !used[i] && (scoreNorm(p.Question) == scoreNorm(g.Question) || scoreJacc(p.Question, g.Question) >= 0.85) &&
					scoreCoverage(g.Answer, p.Answer) >= 0.7 {
					used[i] = true
					faq.found++
					faq.foundCore++
					break
				}
			}
		}
		faq.matched += len(used)
		// definitions
		def.pred += len(ds)
		used = map[int]bool{}
		for _, g := range e.Definitions {
			core := g.Quality == "" || g.Quality == "core"
			def.gold++
			if core {
				def.goldCore++
			}
			terms := append([]string{g.Term}, g.AltTerms...)
			key := g.DefinitionKey
			if key == "" {
				key = g.Definition
			}
			keys := append([]string{key}, g.AltDefinitions...)
			for i, p := range ds {
				if used[i] || !scoreTermMatch(p.Term, terms) {
					continue
				}
				best := 0.0
				for _, k := range keys {
					if k != "" {
						best = max(best, scoreCoverage(k, p.Definition))
					}
				}
				if best >= 0.8 {
					used[i] = true
					def.found++
					if core {
						def.foundCore++
					}
					break
				}
			}
		}
		def.matched += len(used)
		var neg []string
		for _, n := range e.NotDefinitions {
			neg = append(neg, n.Term)
		}
		for i, p := range ds {
			if !used[i] && scoreTermMatch(p.Term, neg) {
				def.junk++
			}
		}
		// lists
		list.pred += len(ls)
		used = map[int]bool{}
		for _, g := range e.Lists {
			core := g.Quality == "" || g.Quality == "core"
			list.gold++
			if core {
				list.goldCore++
			}
			best, bi := 0.0, -1
			for i, p := range ls {
				if used[i] {
					continue
				}
				if f := scoreListF1(p.Items, g.Items); f > best {
					best, bi = f, i
				}
			}
			if bi >= 0 && best >= 0.6 {
				used[bi] = true
				list.found++
				if core {
					list.foundCore++
				}
			}
		}
		list.matched += len(used)
		for i, p := range ls {
			if used[i] {
				continue
			}
			for _, x := range e.ExcludedLists {
				items := x.Items
				if len(items) == 0 && x.FirstItem != "" {
					items = []string{x.FirstItem}
				}
				if len(items) > 1 && scoreListF1(p.Items, items) >= 0.6 ||
					len(items) == 1 && len(p.Items) > 0 && scoreItemMatch(p.Items[0], items[0]) {
					list.junk++
					break
				}
			}
		}
	}
	return faq, def, list
}

// TestQualitySample enforces the quality bars on the sample feed:
// FAQ recall and precision, list core recall and precision, definition
// core recall, precision and junk (matches of a labelled
// not-definition, at most 3% of the predictions).
func TestQualitySample(t *testing.T) {
	faq, def, list := scoreSample(t)
	t.Logf("faq  R=%.3f P=%.3f (%d/%d, %d predicted)", faq.recall(), faq.precision(), faq.found, faq.gold, faq.pred)
	t.Logf("def  R=%.3f coreR=%.3f P=%.3f junk=%d (%d predicted)", def.recall(), def.coreRecall(), def.precision(), def.junk, def.pred)
	t.Logf("list R=%.3f coreR=%.3f P=%.3f junk=%d (%d predicted)", list.recall(), list.coreRecall(), list.precision(), list.junk, list.pred)
	check := func(name string, got, bar float64) {
		t.Helper()
		if got < bar {
			t.Errorf("%s = %.3f, below the bar %.2f", name, got, bar)
		}
	}
	check("FAQ recall", faq.recall(), 1.0)
	check("FAQ precision", faq.precision(), 1.0)
	check("list core recall", list.coreRecall(), 0.80)
	check("list precision", list.precision(), 0.70)
	check("definition core recall", def.coreRecall(), 0.90)
	check("definition precision", def.precision(), 0.90)
	if def.pred == 0 {
		t.Fatal("no definitions predicted")
	}
	if rate := float64(def.junk) / float64(def.pred); rate > 0.03 {
		t.Errorf("definition junk = %d of %d (%.1f%%), above the bar 3%%", def.junk, def.pred, 100*rate)
	}
}

// -dump and -deftrace help tune the rules: score the dump with
// python3 ../shared/tools/score.py testdata/gold/software-engineering.gold.json FILE
var dumpPath = flag.String("dump", "", "write the sample feed's items as JSON Lines to this file")

// TestDumpSample writes the sample feed's items for score.py (with -dump).
func TestDumpSample(t *testing.T) {
	if *dumpPath == "" {
		t.Skip("no -dump")
	}
	if *tracePath != "" {
		tf, err := os.Create(*tracePath)
		if err != nil {
			t.Fatal(err)
		}
		defer tf.Close()
		tenc := json.NewEncoder(tf)
		traceDef = func(term, def, leadIn, why string, ctx []string) {
			tenc.Encode(map[string]any{"term": term, "def": def, "lead": leadIn, "why": why, "ctx": ctx})
		}
		defer func() { traceDef = nil }()
	}
	res, err := Load(context.Background(), "../testdata/feeds/software-engineering.atom.xml", Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(*dumpPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, it := range res.Items() {
		enc.Encode(it)
	}
}

var tracePath = flag.String("deftrace", "", "with -dump: also write every label definition candidate and why it was rejected")
