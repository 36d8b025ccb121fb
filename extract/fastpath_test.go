package extract

import (
	xhtml "golang.org/x/net/html"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The hot text helpers have hand-written fast paths; these tests hold them
// to the plain definitions they replace, on random and tricky inputs.

func refCollapse(s string) string {
	var b strings.Builder
	sp := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
				sp = true
				continue
			}
			if sp && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sp = false
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			i += n
			sp = true
			continue
		}
		if sp && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sp = false
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

func refWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' || r == '-')
	})
}

// fastpathSamples returns random strings over an alphabet rich in the
// characters the fast paths treat specially, plus fixed edge cases.
func fastpathSamples(n int) []string {
	pieces := []string{"a", "B", "z", "Z", "0", "9", " ", "  ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u200b",
		"\u2003", "é", "É", "ſ", "K", "'", "\u2019", "-", ".", ",", ":", "(", ")", "\"", "\u201c", "\u201d",
		"\xff", "\xe2\x80", "is", " is ", " are ", "the", " a ", "an", "İ", "ß", "_", "x", "Q", "? ", "; "}
	out := []string{"", " ", "a", " a", "a ", "a  b", "a b", "A b", "a\u00a0b", "\xff", "ſ", "K", "é", "a-b", "it's"}
	r := rand.New(rand.NewSource(1))
	for range n {
		var b strings.Builder
		for k := r.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		out = append(out, b.String())
	}
	return out
}

func TestFastTextHelpersMatchDefinitions(t *testing.T) {
	for _, s := range fastpathSamples(20000) {
		if got, want := collapse(s), refCollapse(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
		if got, want := normKey(s), refNormKey(s); got != want {
			t.Fatalf("normKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := strings.Join(words(s), "|"), strings.Join(refWords(s), "|"); got != want {
			t.Fatalf("words(%q) = %q, want %q", s, got, want)
		}
	}
}

func refHasDefiningVerb(s string) bool {
	for _, v := range []string{" is ", " are ", " refers to ", " means ", " describes ", " involves ", " represents ", " stands for "} {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// sentenceSamples returns random word sequences built from the words the
// regexp stand-ins look for, joined by assorted white space.
func sentenceSamples(n int) []string {
	ws := []string{"is", "are", "a", "an", "the", "The", "A", "An", "This", "It", "Its", "this", "isn't", "area",
		"another", "thesis", "Xis", "_is", "éis", "refers", "to", "means", "describes", "involves", "represents",
		"stands", "for", "leads", "led", "lead", "Overwork", "If", "when", "Since", "ſince", "by", "Known",
		"command", "pattern", "git", "add", "moves", "(aside)", "(x", ")", "Redis,", "Kafka,", "Slack", "trend", "Redis", "Kafka", "(Apache)", "C++,", "Node.js", "gRPC", "X:", "Y;", "is defined as", "stands for", "1.", "2)", "Step", "STEP", "ſtep", "phase", "3:",
		"key", "x", "", "\"q\"", "\u201cq\u201d", "é", "\xff", "Because", "over", "time"}
	seps := []string{" ", " ", " ", "  ", "\t", "\n", "\v", "\u00a0", ", ", ". "}
	out := []string{"", "is", "is ", "is a", "is a ", "is  a  b", "it is the", "X is the best", "X are an  apple"}
	r := rand.New(rand.NewSource(2))
	for range n {
		var b strings.Builder
		for k := r.Intn(10); k >= 0; k-- {
			if r.Intn(4) > 0 {
				b.WriteString(seps[r.Intn(len(seps))])
			}
			b.WriteString(ws[r.Intn(len(ws))])
		}
		s := b.String()
		if r.Intn(2) == 0 {
			s = strings.TrimLeft(s, " \t\n\v")
		}
		out = append(out, s)
	}
	return out
}

func TestRegexpStandInsMatchRegexps(t *testing.T) {
	for _, s := range append(sentenceSamples(50000), fastpathSamples(5000)...) {
		m := predicateRE.FindStringSubmatch(s)
		w, ok := predicateWord(s)
		if ok != (m != nil) || ok && w != m[1] {
			t.Fatalf("predicateWord(%q) = %q, %v; regexp %q", s, w, ok, m)
		}
		if got, want := dropParens(s), parenRE.ReplaceAllString(s, ""); got != want {
			t.Fatalf("dropParens(%q) = %q; regexp %q", s, got, want)
		}
		if got, want := articleOpen(s), articleOpenRE.MatchString(s); got != want {
			t.Fatalf("articleOpen(%q) = %v", s, got)
		}
		if got, want := conditionalOpen(s), conditionalOpenRE.MatchString(s); got != want {
			t.Fatalf("conditionalOpen(%q) = %v", s, got)
		}
		if consequenceRE.MatchString(s) && !consequenceCue(s) {
			t.Fatalf("consequenceCue(%q) = false, regexp matches", s)
		}
		if (nameListOpenRE.MatchString(s) || toolListOpenRE.MatchString(s)) && !nameListCue(s) {
			t.Fatalf("nameListCue(%q) = false, regexp matches", s)
		}
		if got, want := strings.Join(proseDefMatch(s), "|"), strings.Join(proseDefRE.FindStringSubmatch(s), "|"); got != want {
			t.Fatalf("proseDefMatch(%q) = %q, want %q", s, got, want)
		}
		if appositiveOpenRE.MatchString(s) && !upperFirstByte(s) {
			t.Fatalf("upperFirstByte(%q) = false, regexp matches", s)
		}
		if got, want := strings.Join(kindNounMatch(s), "|"), strings.Join(kindNounRE.FindStringSubmatch(s), "|"); got != want {
			t.Fatalf("kindNounMatch(%q) = %q, want %q", s, got, want)
		}
		if anaphoricRE.MatchString(s) && (s == "" || s[0] != 'I' && s[0] != 'A' && s[0] != 'T') {
			t.Fatalf("anaphoricRE matches %q", s)
		}
		if enumeratorRE.MatchString(s) && !enumeratorCue(s) {
			t.Fatalf("enumeratorCue(%q) = false, regexp matches", s)
		}
		if got, want := hasDefiningVerb(s), refHasDefiningVerb(s); got != want {
			t.Fatalf("hasDefiningVerb(%q) = %v", s, got)
		}
		if got, want := dropParens(s), parenRE.ReplaceAllString(s, ""); got != want {
			t.Fatalf("dropParens(%q) = %q, want %q", s, got, want)
		}
	}
}

func refNormKey(s string) string {
	var b strings.Builder
	sp := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sp && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sp = false
			b.WriteRune(r)
			continue
		}
		sp = true
	}
	return b.String()
}

func TestHeadingStandInsMatchRegexps(t *testing.T) {
	heads := []string{"FAQ", "faqs", "F.A.Q.", "Frequently Asked Questions", "Common Questions", "Q & A", "q&a",
		"Questions and Answers", "Ask questions", "Pros and Cons of Git", "The Pros & Cons of Using X",
		"Key Benefits for Teams", "Trade-offs of Caching", "Best Practices for X", "Use Cases for Y",
		"Types of Z", "Benefits", "Main Advantages and Risks of Z", "ſtrengths of X", "Kelvin", "\u212aey Benefits of X", "Prosand Cons of X", "typesor features of y", "Benefitsvs. Risks of Z", "The Power of Git Bisect", "the  Concept   behind X", "Importance for Y", "ROLE OF Z", "Artof x", "The Art"}
	for _, s := range append(append(heads, sentenceSamples(20000)...), fastpathSamples(5000)...) {
		if got, want := isFAQHeading(s), faqHeadingRE.MatchString(strings.TrimSpace(s)); got != want {
			t.Fatalf("isFAQHeading(%q) = %v", s, got)
		}
		if got, want := strings.Join(abstractOfMatch(s), "|"), strings.Join(abstractOfRE.FindStringSubmatch(s), "|"); got != want {
			t.Fatalf("abstractOfMatch(%q) = %q, want %q", s, got, want)
		}
		if got, want := strings.Join(genericPairMatch(s), "|"), strings.Join(genericPairRE.FindStringSubmatch(s), "|"); got != want {
			t.Fatalf("genericPairMatch(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestWordSetFastPathMatchesWords(t *testing.T) {
	sets := []*wordSet{adviceHeadingWords, definingHeadingWords, conceptSetWords, listVerbWords, benefitTermWords,
		speculativeWords, adviceLeadInWords, qualityOpenWords, evaluativeWords, describingVerbs, setNounWords,
		sequenceNouns, headSetNouns, excludedListHeadingWords}
	samples := append(sentenceSamples(5000), fastpathSamples(2000)...)
	samples = append(samples, "Best Practices for X", "how to do it", "Great For teams", "Tools Like Slack",
		"MITIGATION steps", "One of the best", "by far the", "the de facto standard", "Acknowledgments",
		strings.Repeat("word ", 20)+"Tools like", "Case Studies", "success stories", "Do's and Don'ts")
	// Random phrases over the sets' own words, in assorted cases.
	var vocab []string
	for _, w := range sets {
		for _, phs := range w.phrases {
			for _, ph := range phs {
				vocab = append(vocab, ph...)
			}
		}
		for _, p := range w.prefixes {
			vocab = append(vocab, p, p+"ing")
		}
	}
	r := rand.New(rand.NewSource(3))
	for range 20000 {
		var b strings.Builder
		for k := r.Intn(5); k >= 0; k-- {
			v := vocab[r.Intn(len(vocab))]
			switch r.Intn(4) {
			case 0:
				v = strings.ToUpper(v)
			case 1:
				v = strings.ToUpper(v[:1]) + v[1:]
			}
			b.WriteString(v)
			b.WriteString([]string{" ", ", ", "  ", ". ", "-", "'s "}[r.Intn(6)])
		}
		samples = append(samples, b.String())
	}
	hits := 0
	for _, w := range sets {
		for _, s := range samples {
			if w.match(s) {
				hits++
			}
			ws := words(s)
			want := false
			for i, tok := range ws {
				if w.matchAt(ws, i, tok) {
					want = true
					break
				}
			}
			if got := w.match(s); got != want {
				t.Fatalf("match(%q) = %v, want %v", s, got, want)
			}
			f := s
			if len(f) > 64 {
				cut := 64
				for cut < len(f) && f[cut] != ' ' {
					cut++
				}
				f = f[:cut]
			}
			fw := words(f)
			wantFirst := len(fw) > 0 && w.matchAt(fw, 0, fw[0])
			if got := w.matchFirst(s); got != wantFirst {
				t.Fatalf("matchFirst(%q) = %v, want %v", s, got, wantFirst)
			}
		}
	}
	if hits < 1000 {
		t.Fatalf("only %d samples matched: the test exercises too little", hits)
	}
}

// refTextHTMLOf is the walk written raw and collapsed afterwards.
func refTextHTMLOf(n *xhtml.Node, o textOpts) (string, string) {
	r := textBuf{raw: true}
	r.walk(n, o)
	return refCollapse(string(r.plain)), refCollapse(string(r.html))
}

func TestStreamingTextMatchesCollapse(t *testing.T) {
	pieces := []string{"<p>", "</p>", "<b>", "</b>", "<code>", "</code>", "<ul><li>", "</li></ul>", "<br>", "<em>",
		"</em>", " ", "  ", "\n", "\t", "word", "Wörd", "&amp;", "&lt;x&gt;", "&nbsp;", "\u00a0", "\u200b", "\u2003",
		"\xe2\x80", "\x8b", "\xc2", "\xa0", "\xff", "a<b>b</b>c", "<div>", "</div>", "<pre>x  y</pre>", "\"q\"", "'"}
	r := rand.New(rand.NewSource(4))
	for range 3000 {
		var b strings.Builder
		for k := r.Intn(14); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		doc, err := xhtml.Parse(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		var visit func(n *xhtml.Node)
		visit = func(n *xhtml.Node) {
			for _, o := range []textOpts{{}, {skipLists: true}, {skip: n.FirstChild, skipLists: true}} {
				wp, wh := refTextHTMLOf(n, o)
				gp, gh := textHTMLOf(n, o)
				if gp != wp || gh != wh {
					t.Fatalf("textHTMLOf(%q) = %q, %q; want %q, %q", b.String(), gp, gh, wp, wh)
				}
				if g := textOf(n, o); g != wp {
					t.Fatalf("textOf(%q) = %q, want %q", b.String(), g, wp)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(doc)
	}
	if got := escapeText("a  <b>\n"); got != "a  &lt;b&gt;\n" {
		t.Fatalf("escapeText = %q", got)
	}
}

func TestHasPrefixFold(t *testing.T) {
	prefixes := []string{"the ", "a ", "an ", "step ", "principle ", "phase ", "stage ", "rule ", "tip ", "part "}
	samples := append(sentenceSamples(5000), fastpathSamples(5000)...)
	samples = append(samples, "THE x", "The", "the", "İt x", "\u212aey", "Step 3: x", "prİnciple 2: y", "A", "An x", "AN  y")
	for _, s := range samples {
		for _, p := range prefixes {
			if got, want := hasPrefixFold(s, p), strings.HasPrefix(strings.ToLower(s), p); got != want {
				t.Fatalf("hasPrefixFold(%q, %q) = %v", s, p, got)
			}
		}
	}
}

func TestAcronymParenCue(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	pieces := []string{"ACID", "HTTP", "AB", "x", " ", "(", ")", ".", ",", "é", "Atomicity, Consistency, Isolation, Durability",
		"compliance", strings.Repeat("y", 30), "\xff", "\x80", ";", "GTD"}
	hits := 0
	for range 50000 {
		var b strings.Builder
		for k := r.Intn(10); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		s := b.String()
		if acronymParenRE.MatchString(s) {
			hits++
			if !acronymParenCue(s) {
				t.Fatalf("acronymParenCue(%q) = false, regexp matches", s)
			}
		}
	}
	if hits < 100 {
		t.Fatalf("only %d matching samples", hits)
	}
}

// refHasAcronym is hasAcronym's definition: a run of three or more ASCII
// capitals with no ASCII letter or digit on either side.
func refHasAcronym(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			run++
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			run = -100 // part of a longer word
		default:
			if run >= 3 {
				return true
			}
			run = 0
		}
	}
	return run >= 3
}

func TestHasAcronymMatchesDefinition(t *testing.T) {
	samples := fastpathSamples(20000)
	r := rand.New(rand.NewSource(7))
	for range 20000 {
		var b strings.Builder
		for range r.Intn(14) {
			b.WriteByte("ABCZab09 .(é"[r.Intn(12)])
		}
		samples = append(samples, b.String())
	}
	samples = append(samples, "ABC", "xABC", "ABCx", "AB", "(HTTP)", "HTTPS.", "a HTTP b", "ABC1", "ÉABC", "ABCÉ", "AB CD EF")
	for _, s := range samples {
		if got, want := hasAcronym(s), refHasAcronym(s); got != want {
			t.Fatalf("hasAcronym(%q) = %v, want %v", s, got, want)
		}
	}
}

// A label's rest cut from its container's own text must be the rest the
// text walk reads without the label.
func TestLabelRestFromOwnText(t *testing.T) {
	pieces := []string{"<b>Term</b>", "<strong>Term: </strong>", "<code>-v</code>", ", ", ": ", " — ", " ", "\n",
		"s are", "word", "Term", "<b>Term</b>", "<em>x</em>", "\u00a0", "\u200b", "&nbsp;", "<ul><li>in</li></ul>",
		"<b><ul><li>y</li></ul></b>", "y", "(abbr)", ".", "<br>", "<span> </span>", "\xff", "<code>a</code> / <code>b</code>"}
	r := rand.New(rand.NewSource(5))
	checked := 0
	for range 5000 {
		var b strings.Builder
		b.WriteString([]string{"<ul><li>", "<p>", "<ul><li><p>"}[r.Intn(3)])
		if r.Intn(4) > 0 {
			b.WriteString([]string{" ", "\n", "<b>Lead</b>", "<code>x</code>", "<b><ul><li>y</li></ul></b>"}[r.Intn(5)])
		}
		for k := r.Intn(8); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		doc, err := xhtml.Parse(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		var visit func(n *xhtml.Node)
		visit = func(n *xhtml.Node) {
			if f := firstElem(n); f != nil && n.Type == xhtml.ElementNode {
				want := splitLabel(n, f)
				got := splitLabelOwn(n, f, textOf(n, textOpts{skipLists: true}))
				if got.term != want.term || got.rest != want.rest || got.sep != want.sep || got.weak != want.weak ||
					got.code != want.code || got.restHTML() != want.restHTML() {
					t.Fatalf("%q: label %+v, want %+v", b.String(), got, want)
				}
				checked++
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(doc)
	}
	if checked < 5000 {
		t.Fatalf("only %d labels checked", checked)
	}
}

// refFAQCue is faqCue's first definition: any text beyond ASCII, or the
// cue words in the lower-cased text.
func refFAQCue(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	l := strings.ToLower(s)
	return strings.Contains(l, "faq") || strings.Contains(l, "f.a.q") || strings.Contains(l, "question") ||
		strings.Contains(l, "&") || strings.Contains(l, "people also ask")
}

func TestFAQCueIsNecessary(t *testing.T) {
	pieces := []string{"FAQ", "faqs", "F.A.Q", "f.a.q.", "Questions", "QUESTION", "queſtions", "People Also Ask",
		"people also as\u212a", "Q&A", "q & a", "Frequently Asked Questions", "Common ", "Top ", "Review ", "é", "—",
		"’", " ", "1. ", "Answers", "and", "fa", "q", "uestion", "İ", "ß", "Ask ", "Asked ", "questions"}
	r := rand.New(rand.NewSource(9))
	for range 30000 {
		var b strings.Builder
		for k := r.Intn(6); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		s := b.String()
		cue := faqCue(s)
		if !isNonASCII(s) && cue != refFAQCue(s) {
			t.Fatalf("faqCue(%q) = %v on ASCII text, want %v", s, cue, !cue)
		}
		if !cue && (faqHeadingRE.MatchString(s) || questionsWordRE.MatchString(s)) {
			t.Fatalf("faqCue(%q) = false, but a regexp matches", s)
		}
	}
}

func isNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func TestPhrasesMatchContains(t *testing.T) {
	sets := [][]string{
		{", which ", " refers to ", " is a ", " is an ", " is the ", " means ", "\"", "\u201c"},
		proseDefVerbs[:], kindNounWords[:], {"a", "ab", "abc"}, {"é", "\u201c", " "},
	}
	for _, set := range sets {
		p := newPhrases(set...)
		for _, s := range append(sentenceSamples(3000), fastpathSamples(3000)...) {
			want := false
			for _, q := range set {
				want = want || strings.Contains(s, q)
			}
			if got := p.in(s); got != want {
				t.Fatalf("phrases%q.in(%q) = %v, want %v", set, s, got, want)
			}
		}
	}
}
