package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// genericLabels are labels that mean nothing on a card front by themselves.
var genericLabels = map[string]bool{
	"pros": true, "cons": true, "pro": true, "con": true, "example": true, "examples": true, "e.g": true,
	"mitigation": true, "mitigations": true, "note": true, "notes": true, "tip": true, "tips": true,
	"warning": true, "caution": true, "important": true, "concept": true, "definition": true,
	"problem": true, "problems": true, "solution": true, "solutions": true, "how it works": true,
	"how does it work": true, "why it matters": true, "why it's important": true, "why it is important": true,
	"challenge": true, "challenges": true, "strategy": true, "strategies": true, "command": true,
	"commands": true, "usage": true, "summary": true, "benefit": true, "benefits": true, "advantage": true,
	"advantages": true, "disadvantage": true, "disadvantages": true, "drawback": true, "drawbacks": true,
	"purpose": true, "goal": true, "goals": true, "types": true, "use case": true, "use cases": true,
	"implementation": true, "considerations": true, "consideration": true, "analogy": true,
	"pitfall": true, "pitfalls": true, "result": true, "results": true, "outcome": true, "impact": true,
	"key takeaway": true, "takeaway": true, "takeaways": true, "action": true, "actions": true,
	"action item": true, "steps": true, "step": true, "what it is": true, "what is it": true,
	"overview": true, "description": true, "meaning": true, "idea": true, "key idea": true,
	"best for": true, "use when": true, "when to use": true, "trade-off": true, "trade-offs": true,
	"tradeoffs": true, "risk": true, "risks": true, "cost": true, "costs": true, "output": true,
	"input": true, "syntax": true, "options": true, "details": true, "features": true, "feature": true,
	"key features": true, "limitations": true, "limitation": true, "requirements": true, "question": true,
	"answer": true, "scenario": true, "context": true, "background": true, "approach": true,
	"method": true, "technique": true, "process": true, "rule": true, "principle": true, "focus": true,
	"objective": true, "why": true, "how": true, "what": true, "when": true, "where": true, "who": true,
	"for example": true, "in practice": true, "case study": true, "real-world example": true,
	"best practice": true, "best practices": true, "key benefit": true, "key benefits": true,
	"mechanism": true, "characteristics": true, "properties": true, "role": true, "function": true,
	"solution necessity": true, "the problem": true, "the solution": true, "the fix": true, "fix": true,
	"reason": true, "caveat": true, "caveats": true, "danger": true, "info": true, "see also": true,
	"source": true, "sources": true, "reference": true, "references": true, "link": true, "links": true,
	"q": true, "a": true,
}

// introducingLabels introduce the definition of the heading's concept.
var introducingLabels = map[string]bool{
	"concept": true, "definition": true, "what it is": true, "what is it": true, "overview": true,
	"description": true, "meaning": true, "idea": true, "key idea": true, "how it works": true,
	"mechanism": true,
}

// imperativeVerbs open advice ("Establish Clear Boundaries"), not terms.
var imperativeVerbs = map[string]bool{
	"use": true, "avoid": true, "set": true, "establish": true, "create": true, "build": true, "keep": true,
	"make": true, "take": true, "ask": true, "be": true, "do": true, "don't": true, "start": true, "stop": true,
	"learn": true, "practice": true, "practise": true, "prioritize": true, "prioritise": true, "focus": true,
	"define": true, "identify": true, "communicate": true, "schedule": true, "delegate": true, "say": true,
	"know": true, "research": true, "prepare": true, "negotiate": true, "consider": true, "ensure": true,
	"implement": true, "leverage": true, "embrace": true, "foster": true, "encourage": true, "document": true,
	"automate": true, "monitor": true, "measure": true, "track": true, "review": true, "plan": true,
	"limit": true, "break": true, "write": true, "read": true, "get": true, "find": true, "seek": true,
	"try": true, "choose": true, "decide": true, "celebrate": true, "invest": true, "protect": true,
	"reduce": true, "increase": true, "improve": true, "maintain": true, "adopt": true, "apply": true,
	"check": true, "enable": true, "evaluate": true, "highlight": true, "provide": true, "stay": true,
	"treat": true, "understand": true, "recognize": true, "recognise": true, "turn": true, "reach": true,
	"cultivate": true, "nurture": true, "promote": true, "empower": true, "share": true, "show": true,
	"give": true, "quantify": true, "emphasize": true, "emphasise": true, "deflect": true, "counter": true,
	"listen": true, "express": true, "request": true, "offer": true, "follow": true, "stick": true,
	"clarify": true, "organize": true, "organise": true, "engage": true, "capture": true, "reflect": true,
	"edit": true, "finalize": true, "finalise": true, "select": true, "pick": true, "add": true,
	"remove": true, "run": true, "open": true, "close": true, "install": true, "configure": true,
	"enhance": true, "minimize": true, "minimise": true, "maximize": true, "maximise": true, "eliminate": true,
	"address": true, "handle": true, "manage": true, "support": true, "allow": true, "let": true,
	"hold": true, "conduct": true, "host": true, "invite": true, "welcome": true, "respect": true,
	"acknowledge": true, "accept": true, "connect": true, "engineer": true, "design": true,
	"develop": true, "optimize": true, "optimise": true, "scale": true, "streamline": true,
	"simplify": true, "standardize": true, "standardise": true, "align": true, "combine": true,
	"visualize": true, "visualise": true, "justify": true, "leave": true,
	"bring": true, "go": true, "look": true, "think": true, "remember": true, "note": true,
	"disconnect": true, "unplug": true, "exercise": true, "sleep": true, "eat": true, "rest": true,
	"pause": true, "breathe": true, "talk": true, "reach out": true, "seek out": true, "speak": true,
	"explore": true, "experiment": true, "iterate": true, "revisit": true, "reassess": true,
	"renegotiate": true, "batch": true, "group": true, "block": true, "silence": true, "mute": true,
	"tackle": true, "timebox": true, "time-box": true, "audit": true, "assess": true,
	"calculate": true, "compare": true, "demonstrate": true, "prove": true, "showcase": true,
	"update": true, "upgrade": true, "secure": true, "validate": true, "verify": true, "test": true,
	"deploy": true, "release": true, "ship": true, "integrate": true, "migrate": true, "refactor": true,
	"hire": true, "train": true, "mentor": true, "coach": true, "celebrate,": true, "recognize,": true,
	"rotate": true, "cache": true, "shard": true, "partition": true, "replicate": true,
	"utilize": true, "utilise": true, "designate": true, "dedicate": true, "incorporate": true,
	"assign": true, "explain": true, "visually": true, "aim": true, "differentiate": true, "encrypt": true,
	"periodically": true, "guide": true, "fine-tune": true, "network": true, "log": true, "pay": true,
	"consolidate": true, "role-play": true, "prefer": true, "favor": true, "favour": true, "opt": true,
	"alert": true, "enforce": true, "abstract": true, "simulate": true, "continuously": true,
	"beware": true, "resist": true, "state": true, "present": true, "inform": true, "discuss": true,
	"never": true, "always": true, "regularly": true, "proactively": true, "clearly": true,
}

// adviceHeadingWords matches section headings whose label items are advice,
// benefits, drawbacks, trends or examples rather than definitions.
var adviceHeadingWords = newWordSet("platforms", "apps", "products", "vendors", "providers", "actionable", "advantage", "advantages", "applications", "avoid", "barriers", "benefit", "benefits", "best practice", "best practices", "case studies", "case study", "cause", "causes", "challenge", "challenges", "checklist", "common", "complexity", "concern", "concerns", "conclusion", "cons", "consequence", "consequences", "consideration", "considerations", "difficulties", "difficulty", "disadvantage", "disadvantages", "do's", "don'ts", "dos", "downside", "downsides", "drawback", "drawbacks", "example", "examples", "future", "getting started", "habits", "how do", "how to", "hurdles", "impact", "impacts", "implementing", "in practice", "issues", "lesson", "lessons", "mistake", "mistakes", "mitigat*", "obstacles", "overcoming", "pitfall", "pitfalls", "prediction", "predictions", "preventing", "prevention", "problems", "pros", "real-world", "reason", "reasons", "recommendation", "recommendations", "resources", "sign", "signs", "solution", "solutions", "success stories", "success story", "symptom", "symptoms", "tactics", "takeaway", "takeaways", "techniques for", "tip", "tips", "tools", "trend", "trends", "tricks", "use case", "use cases", "ways to", "when to", "why")

// definingHeadingWords matches headings whose label items are likely definitions.
var definingHeadingWords = newWordSet("acronym", "acronyms", "algorithm", "algorithms", "anatomy", "architecture", "basic", "basics", "building blocks", "categories", "command", "commands", "component", "components", "concept", "concepts", "core", "definition", "definitions", "elements", "explained", "fundamental", "fundamentals", "glossary", "jargon", "key", "kind", "kinds", "layers", "level", "levels", "metrics", "mode", "model", "models", "modes", "parameters", "pattern", "patterns", "pillars", "primitives", "principle", "principles", "role", "roles", "state", "states", "strategies explained", "term", "terminology", "terms", "type", "types", "understanding", "vocabulary", "what are", "what is")

// dashSepRE matches a dash separator after a label.
var dashSepRE = regexp.MustCompile(`^\s*[-–—]\s+`)

// parenColonRE matches "(aside): " right after a label.
var parenColonRE = regexp.MustCompile(`^\s*(\([^)]{0,80}\))\s*[:\-–—]\s*`)

// placeholderRE matches command placeholders: [file], <branch>, {name}.
var placeholderRE = regexp.MustCompile(`\s*["']?(\[[^\]]*\]|<[^>]*>|\{[^}]*\})["']?`)

// quotedArgRE matches a quoted command-line argument; danglingFlagRE a
// trailing option left without its argument.
var (
	quotedArgRE    = regexp.MustCompile(`\s+["'][^"']*(?:["']|$)`)
	danglingFlagRE = regexp.MustCompile(`(?:\s+--?[A-Za-z][\w-]*)+$`)
)

// label is a bold- or code-led label with the text that follows it.
type label struct {
	term string // as written, colon removed
	code bool   // the label is inline code
	sep  bool   // a colon or dash separates label and text
	weak bool   // italic, or a period for separator: the text must read as a definition
	rest string // the container's own text after the label

	// The HTML of rest is read only for a label that becomes a card: from
	// container n without the label node skip, then cut by fix.
	n, skip *xhtml.Node
	fix     func(string) string
}

// restHTML is the HTML of l.rest.
func (l *label) restHTML() string {
	_, h := textHTMLOf(l.n, textOpts{skip: l.skip, skipLists: true})
	if l.fix != nil {
		h = l.fix(h)
	}
	return h
}

// splitLabel reads the label f at the start of n (an li or p).
func splitLabel(n, f *xhtml.Node) label {
	return splitLabelOwn(n, f, "")
}

// labelOf is splitLabel reading n's own text from the extractor's cache.
func (x *extractor) labelOf(n, f *xhtml.Node) label {
	if n.DataAtom == atom.P && !holdsList(n) {
		return splitLabelOwn(n, f, x.text(n)) // read already, and the same
	}
	return splitLabelOwn(n, f, x.own(n))
}

// splitLabelOwn is splitLabel given own, n's text without nested lists
// ("" when not at hand). When f is n's first child (firstElem allows only
// white space before it) and own opens with f's text, the rest is what
// follows that text in own: the text walk then runs once per node.
func splitLabelOwn(n, f *xhtml.Node, own string) label {
	var l label
	l.code = isCode(f)
	l.weak = isItalic(f)
	l.term = textOf(f, textOpts{})
	// <strong><code>x</code></strong>
	if !l.code {
		if g := firstElem(f); isCode(g) && textOf(g, textOpts{}) == strings.TrimRight(l.term, ": ") {
			l.code = true
		}
	}
	if own != "" && f.Parent == n && !holdsList(f) && strings.HasPrefix(own, l.term) {
		l.rest = strings.TrimLeft(own[len(l.term):], " ")
	} else {
		l.rest = textOf(n, textOpts{skip: f, skipLists: true})
	}
	l.n, l.skip = n, f
	if strings.HasSuffix(l.term, ":") {
		l.sep = true
		l.term = strings.TrimSpace(strings.TrimSuffix(l.term, ":"))
		return l
	}
	if strings.HasPrefix(l.rest, ":") {
		l.sep = true
		l.rest = strings.TrimSpace(l.rest[1:])
		l.fix = func(h string) string { return strings.TrimSpace(strings.TrimPrefix(h, ":")) }
		return l
	}
	if m := dashSepRE.FindStringIndex(l.rest); m != nil {
		l.sep = true
		l.rest = l.rest[m[1]:]
		l.fix = func(h string) string { return dashSepRE.ReplaceAllString(h, "") }
		return l
	}
	if !strings.HasPrefix(strings.TrimSpace(l.rest), "(") {
	} else if m := parenColonRE.FindStringSubmatchIndex(l.rest); m != nil {
		l.sep = true
		l.rest = l.rest[m[1]:]
		l.fix = func(h string) string { return parenColonRE.ReplaceAllString(h, "") }
		return l
	}
	// "<code>a</code> / <code>b</code>: text", "<b>Term</b> (abbr): text",
	// "<code>-v</code>, <code>--verbose</code> — text".
	if i, n := labelSep(l.rest); i > 0 && i < 40 && !strings.ContainsAny(l.rest[:i], ".!?") && wordCount(l.rest[:i]) <= 4 {
		sep := l.rest[i : i+n]
		l.sep = true
		if strings.HasPrefix(l.rest, ",") {
			l.term = strings.TrimSpace(l.term + l.rest[:i])
		} else {
			l.term = strings.TrimSpace(l.term + " " + l.rest[:i])
		}
		l.rest = strings.TrimSpace(l.rest[i+n:])
		l.fix = func(h string) string {
			if j := strings.Index(h, sep); j >= 0 {
				return strings.TrimSpace(h[j+n:])
			}
			return h
		}
		return l
	}
	// "<b>Monopoly.</b> A market with a single seller": a run-in term
	// closed by a period, as textbooks set them.
	if t := strings.TrimSpace(l.term); strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") && !strings.HasSuffix(t, "etc.") &&
		wordCount(t) <= 4 && l.rest != "" {
		l.sep, l.weak = true, true
		l.term = strings.TrimSuffix(t, ".")
	}
	return l
}

// labelSep finds the separator between a label's continuation and its
// text: ": " or a spaced dash. It returns its index and length, or -1.
func labelSep(s string) (int, int) {
	best, n := -1, 0
	for _, sep := range [...]string{": ", " — ", " – ", " - "} {
		if i := strings.Index(s, sep); i >= 0 && (best < 0 || i < best) {
			best, n = i, len(sep)
		}
	}
	return best, n
}

// formalKinds are the run-in labels of textbook statements.
var formalKinds = map[string]string{
	"definition": "definition", "def": "definition", "defn": "definition", "theorem": "theorem",
	"lemma": "lemma", "corollary": "corollary", "proposition": "proposition", "axiom": "axiom",
	"claim": "claim", "conjecture": "conjecture",
}

// formalLabel reads a textbook label: "Definition", "Definition 3.1",
// "Theorem 2 (Shannon)", "Def. 4.2 (Group)". It returns the kind and the
// name in parentheses ("" when none).
func formalLabel(t string) (kind, name string, ok bool) {
	t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), ".:"))
	word, rest, _ := strings.Cut(t, " ")
	kind, ok = formalKinds[strings.ToLower(strings.TrimSuffix(word, "."))]
	if !ok {
		return "", "", false
	}
	rest = strings.TrimSpace(rest)
	i := 0
	for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
		i++
	}
	rest = strings.TrimSpace(rest[i:])
	if rest == "" {
		return kind, "", true
	}
	if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") && !strings.ContainsAny(rest[1:len(rest)-1], "()") {
		return kind, strings.TrimSpace(rest[1 : len(rest)-1]), true
	}
	return "", "", false
}

// cleanTerm turns a label into a card front: enumerator, quotes and
// command placeholders dropped.
func cleanTerm(t string, code bool) string {
	t = trimEnumerator(t)
	t = trimQuotes(t)
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	if code || strings.ContainsAny(t, "[<{") {
		if s := strings.TrimSpace(placeholderRE.ReplaceAllString(t, "")); s != "" {
			t = s
		}
	}
	if code && strings.ContainsAny(t, "\"'") {
		// git commit -m "message": a quoted argument and the flag it
		// belongs to are an example, not the command's name.
		if s := strings.TrimSpace(quotedArgRE.ReplaceAllString(t, "")); s != "" && s != t {
			t = strings.TrimSpace(danglingFlagRE.ReplaceAllString(s, ""))
		}
	}
	return collapse(t)
}

// headingTerm turns a heading into a term: enumerator and subtitle dropped.
func headingTerm(h string) string {
	h = trimEnumerator(h)
	if i := strings.Index(h, ": "); i > 0 {
		h = h[:i]
	}
	if hasPrefixFold(h, "the ") && wordCount(h) > 2 {
		h = h[4:]
	}
	// A long aside in parentheses is not part of the name; "(DDD)" is.
	if i := strings.LastIndex(h, " ("); i > 0 && strings.HasSuffix(h, ")") {
		if in := h[i+2 : len(h)-1]; wordCount(in) > 2 || strings.ContainsAny(in, "\"“”") {
			h = h[:i]
		}
	}
	return trimQuotes(h)
}

// firstWord returns the lower-cased first word of s.
func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t\n")
	if i := strings.IndexAny(s, " \t\n"); i >= 0 {
		s = s[:i]
	}
	return strings.Trim(strings.ToLower(s), ".,;:!?\"'()")
}

// defCandidate decides whether label l (found under the current headings)
// is a definition, and returns the term to use.
func (x *extractor) defCandidate(l label, def string) (string, bool) {
	term := cleanTerm(l.term, l.code)
	if kind, name, ok := formalLabel(term); ok {
		// "Definition 3.1 (Entropy).": the name in parentheses is the
		// term; a bare "Definition 3.2." takes the heading. Theorems and
		// lemmas state results, not terms.
		if kind != "definition" {
			x.lastWhy = "formal-statement"
			return "", false
		}
		term = "Definition"
		if name != "" {
			term = name
		}
	}
	key := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(term, "s")))
	lower := strings.ToLower(term)
	if genericLabels[lower] || genericLabels[key] {
		h := x.nearestHeading()
		x.lastWhy = "generic"
		if introducingLabels[lower] && x.nested {
			return "", false // the parent item's label is the term
		}
		if introducingLabels[lower] && h != "" && !genericLabels[strings.ToLower(headingTerm(h))] {
			t := headingTerm(h)
			if wordCount(t) <= 7 && !strings.HasSuffix(t, "?") && x.goodBack(t, def) {
				x.lastWhy = ""
				return t, true
			}
		}
		return "", false
	}
	why := x.rejectDef(term, def, l.code)
	x.lastWhy = why
	if traceDef != nil {
		traceDef(term, def, x.leadIn, why, x.context())
	}
	return term, why == ""
}

// rejectDef says why a label definition is not a card, "" when it is one.
func (x *extractor) rejectDef(term, def string, code bool) string {
	switch {
	case !x.goodTerm(term, code):
		return "term"
	case verbRestatesTerm(term, def):
		return "restates" // "Optimization: Continuously optimize …"
	case !x.goodBack(term, def):
		return "back"
	case strings.HasPrefix(def, "```"):
		return "not-text" // an unrendered code fence
	case strings.HasSuffix(def, ":") && !definitionalBack(term, def):
		return "lead-in" // introduces a list without defining anything
	case !code && x.adviceContext():
		return "advice-heading"
	case x.memo("changelog", x.nearestHeading(), changelogHeading):
		return "changelog"
	case benefitTermWords.matchFirst(term):
		return "benefit-term"
	case conditionalOpen(def) && !asNotedRE.MatchString(def):
		return "conditional"
	case x.memo("case", x.nearestHeading(), caseStudyHeadingRE.MatchString):
		return "case-study"
	}
	first := firstSentence(def)
	switch {
	case speculativeWords.match(first) && !articleOpen(capFirst(first)): // "a queue that could …" defines
		return "speculative"
	case nameListCue(def) && (nameListOpenRE.MatchString(def) || toolListOpenRE.MatchString(def)):
		return "name-list"
	case qualityOpenWords.matchFirst(def):
		return "judgement"
	case upperFirstByte(def) && appositiveOpenRE.MatchString(def):
		return "appositive"
	case strings.HasSuffix(x.leadIn, ":") && x.memo("lead", x.leadIn, adviceLeadIn):
		return "advice-lead-in"
	case !code && strings.HasSuffix(x.leadIn, ":") && x.memo("imp-lead", x.leadIn, imperativeLeadIn):
		return "advice-lead-in"
	case bareListBack(def):
		return "enumeration"
	case consequenceCue(first) && consequenceRE.MatchString(first) && !opensWithSubject(first, term) && !strings.HasPrefix(first, "An ") &&
		!strings.Contains(first, " that ") && !strings.Contains(first, " which "):
		return "consequence" // "Overwork without rest leads to burnout …"
	case strings.HasPrefix(first, "This ") && trendAnaphorRE.MatchString(first):
		return "trend" // "This trend empowers candidates …"
	case genericHeadWords[lastWord(term)]:
		return "generic-head" // "Scalability Advantages", "Key Features"
	case x.clauseImperative(first):
		return "advice" // "For specific goals, define measurable outcomes."
	case judgement(first) && !opensWithSubject(first, term):
		return "judgement" // "Underestimating X is a common pitfall."
	case !code && prescription(term, def):
		return "prescription" // "Services should be versioned independently."
	case !code && termAsObject(term, first):
		return "property-of-other" // "Event streams enable real-time processing."
	}
	return ""
}

// opensWithSubject reports whether sentence s is about term itself: it
// opens with the term or with "It".
func opensWithSubject(s, term string) bool {
	if strings.HasPrefix(s, "It ") {
		return true
	}
	nt := normKey(stripArticle(dropParens(term)))
	return nt != "" && strings.HasPrefix(normKey(stripArticle(s))+" ", nt+" ")
}

// consequenceRE matches a sentence stating an effect of something else.
// A relative clause ("A bug that leads to …") still defines.
var consequenceRE = regexp.MustCompile(`^[B-Z][^,;:]{3,80}?\s(?:leads?|led) to\b`)

// trendAnaphorRE matches a back about a development rather than a concept.
var trendAnaphorRE = regexp.MustCompile(`^This (?:trend|shift|change|movement|development|evolution)\b`)

// genericHeadWords are plural heads that make a label a category of
// remarks rather than a concept: "Scalability Advantages".
var genericHeadWords = map[string]bool{
	"advantages": true, "benefits": true, "disadvantages": true, "drawbacks": true, "challenges": true,
	"considerations": true, "tips": true, "examples": true, "strengths": true, "weaknesses": true,
	"limitations": true, "pitfalls": true, "mistakes": true, "pros": true, "cons": true, "takeaways": true,
	"lessons": true, "downsides": true, "upsides": true, "gains": true, "wins": true,
}

// lastWord returns the lower-cased last word of s.
func lastWord(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	if len(ws) == 0 {
		return ""
	}
	return strings.Trim(ws[len(ws)-1], ".,;:!?\"'()")
}

// openingClauseRE captures the word after a short opening clause:
// "For specific goals, define …", "Beyond digital, consider …".
var openingClauseRE = regexp.MustCompile(`^(?:For|Beyond|In|With|To|When|If|Before|After|Once|During|Whenever|Where|Whatever|At)\b[^,.;:]{1,50},\s+([a-z][\w'-]*)`)

// openingClauseFirst are the first words openingClauseRE can match.
var openingClauseFirst = map[string]bool{
	"for": true, "beyond": true, "in": true, "with": true, "to": true, "when": true, "if": true, "before": true,
	"after": true, "once": true, "during": true, "whenever": true, "where": true, "whatever": true, "at": true,
}

// clauseImperative reports whether sentence s gives an instruction after
// an opening clause.
func (x *extractor) clauseImperative(s string) bool {
	if !openingClauseFirst[firstWord(s)] {
		return false
	}
	m := openingClauseRE.FindStringSubmatch(s)
	return m != nil && imperativeVerbs[m[1]] && !nounVerbs[m[1]]
}

// judgement reports whether sentence s ranks something: "X is a common
// pitfall", "This is arguably the most critical step".
func judgement(s string) bool {
	if !strings.Contains(s, " is ") && !strings.Contains(s, " are ") {
		return false
	}
	m := judgementRE.FindStringSubmatch(s)
	return m != nil && evaluativeWords.matchFirst(m[1])
}

// judgementRE captures the predicate noun's first word in "X is a … ",
// "This is arguably the …".
var judgementRE = regexp.MustCompile(`^[^,;:]{2,80}?\s(?:is|are)\s(?:(?:arguably|probably|perhaps|often|usually|also)\s)?(?:a|an|the)\s(\S+)`)

// adviceLeadIn reports whether a list's lead-in announces advice,
// advantages, examples, a mechanism ("How it helps:") or a course of
// events ("When a request arrives:") rather than concepts.
func adviceLeadIn(s string) bool {
	last := lastSentence(s)
	if adviceLeadInWords.match(last) {
		return true
	}
	if howBenefitRE.MatchString(last) {
		return true
	}
	// "Implement metrics collection for the following:", "Decide where
	// the logic will reside:": an instruction introduces choices or
	// tasks — unless it names a set of concepts ("Set one of these modes:").

	// "When a client sends a request:" — a bare circumstance, no main clause.
	return conditionalLeadRE.MatchString(last) && !strings.Contains(last, ",") && wordCount(last) <= 12
}

// imperativeLeadIn reports whether a lead-in is an instruction ("Implement
// metrics collection for the following:", "Decide where the logic will
// reside:") that introduces choices or tasks — unless it names a set of
// concepts ("Set one of these modes:").
func imperativeLeadIn(s string) bool {
	last := lastSentence(s)
	ws := strings.Fields(strings.ToLower(last))
	return len(ws) > 2 && imperativeVerbs[ws[0]] && !nounVerbs[ws[0]] && !conceptSetWords.match(last)
}

// conceptSetWords name sets of concepts in a lead-in.
var conceptSetWords = newWordSet("words", "vocabulary", "glossary", "jargon", "names", "abbreviations", "acronyms", "types", "kinds", "modes", "options", "fields", "terms", "concepts", "components",
	"patterns", "parameters", "settings", "properties", "states", "levels", "roles", "values", "flags",
	"arguments", "commands", "keywords", "attributes", "definitions", "layers", "categories", "classes")

// conditionalLeadRE matches a lead-in that opens with a circumstance.
var conditionalLeadRE = regexp.MustCompile(`^(?:When|Whenever|Once|After|Before|If|While|During|Upon)\s`)

// howBenefitRE matches lead-ins announcing effects: "How it enhances
// scalability:", "How this helps:".
var howBenefitRE = regexp.MustCompile(`^How\b.{0,40}\b(?:help|enhanc|improv|benefit|boost|matter|impact|affect|reduc|increas|sav|speed|pay)`)

// listVerbWords mark a clause: a back holding none of them and made of
// short comma-separated parts is a bare list of things.
var listVerbWords = newWordSet("is", "are", "was", "were", "be", "been", "can", "could", "will", "would",
	"should", "must", "may", "might", "has", "have", "had", "does", "do", "that", "which", "who", "whose",
	"where", "when", "if", "it", "this", "they", "refers", "means", "used", "allows", "lets", "helps")

// bareListBack reports whether def is one sentence listing things ("CPU,
// memory, disk I/O, network I/O."): the label is a member of an
// enumeration, its back an inventory, not a definition.
func bareListBack(def string) bool {
	if strings.Count(def, ",") < 2 {
		return false
	}
	s := strings.TrimSpace(def)
	if firstSentence(s) != s {
		return false
	}
	s = dropParens(s)
	parts := strings.Split(strings.TrimRight(s, ". "), ",")
	if len(parts) < 3 {
		return false
	}
	for i, p := range parts {
		n := wordCount(p)
		if n == 0 || n > 4 && i < len(parts)-1 || n > 15 || listVerbWords.match(p) {
			return false
		}
	}
	return true
}

// traceDef, when set (by tests), sees every accepted label definition.
var traceDef func(term, def, leadIn, why string, context []string)

// benefitTermWords matches fronts that name a benefit or an effect
// ("Improved Latency", "Reduces Costs") rather than a concept.
var benefitTermWords = newWordSet("accelerated", "accelerates", "allows", "avoids", "better", "boosted", "boosts", "builds", "creates", "cuts", "decreased", "decreases", "drives", "ease of", "easier", "eliminates", "enables", "enhanced", "enhances", "ensures", "faster", "fewer", "fosters", "gives", "greater", "guarantees", "heightened", "helps", "higher", "improved", "improves", "increased", "increases", "less", "lets", "lower", "lowers", "makes", "minimized", "minimizes", "more", "no need", "offers", "optimized", "optimizes", "prevents", "promotes", "protects", "provides", "reduced", "reduces", "saves", "simplified", "simplifies", "streamlined", "streamlines", "stronger", "superior", "supports")

// conditionalOpenRE matches backs that open with a condition or a
// circumstance: advice and consequences, not definitions.
var conditionalOpenRE = regexp.MustCompile(`^(?i:if|when|by|over time|as|while|unlike|although|though|even|once|after|before|during|whether|since|because|instead|rather)\b`)

// speculativeWords matches predictions and trends ("AI will ...", "might").
var speculativeWords = newWordSet("could", "might", "will", "would")

// articleOpenRE matches a back that opens like a definition.
var articleOpenRE = regexp.MustCompile(`^(?:A|An|The|This|It|Its)\s`)

// nameListOpenRE matches backs that open with a list of names
// ("Slack, Teams, and Discord provide ...").
var nameListOpenRE = regexp.MustCompile(`^(?:[A-Z][\w.+-]*(?:\s[A-Z][\w.+-]*){0,2}(?:\s\([^)]*\))?,\s){2}`)

// appositiveOpenRE matches "Acme, a company that ..." and "Known for ...".
var appositiveOpenRE = regexp.MustCompile(`^(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?,\s(?:an?|the)\s|(?:Known|Famous|Founded|Based|Built|Powered)\s)`)

// adviceLeadInWords matches list lead-ins that introduce advantages,
// drawbacks, reasons, remedies or examples rather than concepts.
var adviceLeadInWords = newWordSet("advantage", "advantages", "avoid*", "benefit", "benefits", "best practices", "challenges", "cons", "disadvantage", "disadvantages", "downside", "downsides", "drawback", "drawbacks", "e.g", "example", "examples", "for example", "how to", "lessons", "limitations", "mitigation", "mitigations", "pros", "reason", "reasons", "recommendation", "recommendations", "risks", "strengths", "such as", "takeaways", "tips", "weaknesses", "why")

// asNotedRE matches "As discussed, …": a back-reference, not a condition.
var asNotedRE = regexp.MustCompile(`^As (?:discussed|mentioned|noted|described|explained|shown|seen)\b`)

// caseStudyHeadingRE matches headings about one company's story ("Acme's Journey").
var caseStudyHeadingRE = regexp.MustCompile(`^(?:\d+[.)]\s*)?[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?['’]s\s`)

// adviceContext reports whether the current section is about advice,
// benefits, examples and the like rather than concepts.
func (x *extractor) adviceContext() bool {
	advice := func(h string) bool {
		return h != "" && x.memo("advice", h, func(h string) bool {
			// "Key Takeaways", "Core Benefits": an advice head noun wins
			// over a defining modifier.
			return adviceHeadingWords.match(h) && (!definingHeadingWords.match(h) || genericHeadWords[lastWord(h)])
		})
	}
	return advice(x.nearestHeading()) || advice(x.pseudo)
}

// changelogHeadings are the section titles of release notes (normKey'd):
// their labelled items describe changes ("Parallel uploads: push now
// sends four files at once"), not concepts.
var changelogHeadings = map[string]bool{
	"new features": true, "what s new": true, "whats new": true, "improvements": true, "enhancements": true,
	"bug fixes": true, "bugfixes": true, "fixes": true, "fixed": true, "added": true, "changed": true,
	"deprecated": true, "deprecations": true, "removed": true, "breaking changes": true, "changelog": true,
	"change log": true, "release notes": true, "release highlights": true, "other changes": true, "notable changes": true,
}

// changelogHeading reports whether heading h titles a part of release
// notes: a changelog section, "New in …", or a version ("v2.4.0",
// "Version 2.4", "2.4.0 (2025-04-01)").
func changelogHeading(h string) bool {
	k := normKey(h)
	if changelogHeadings[k] || strings.HasPrefix(k, "new in ") || strings.HasPrefix(k, "what s new ") || strings.HasPrefix(k, "whats new ") {
		return true
	}
	// A version: "v2.4", "Version 2.4", "Release 3.0 …", or a bare "2.4.0"
	// alone or before a date ("2.4.0 (2025-04-01)", "2.4.0 — 2025-04-01");
	// "2.1 Caching Strategies" is a numbered section, not a version.
	v := strings.TrimSpace(h)
	prefixed := false
	for _, p := range []string{"version ", "release ", "v"} {
		if hasPrefixFold(v, p) {
			v, prefixed = v[len(p):], true
			break
		}
	}
	i := 0
	for i < len(v) && (v[i] >= '0' && v[i] <= '9' || v[i] == '.' && i+1 < len(v) && v[i+1] >= '0' && v[i+1] <= '9') {
		i++
	}
	if !strings.Contains(v[:i], ".") || !allDigits(v[:1]) {
		return false
	}
	rest := strings.TrimSpace(v[i:])
	return prefixed || rest == "" || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "-") ||
		strings.HasPrefix(rest, "\u2014") || strings.HasPrefix(rest, "\u2013") || strings.HasPrefix(rest, "20")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// memo caches a regexp test on a heading or lead-in: they repeat for every
// item of a section, and the case-insensitive alternations are slow.
func (x *extractor) memo(kind, s string, f func(string) bool) bool {
	key := memoKey{kind, s}
	if v, ok := x.memos[key]; ok {
		return v
	}
	if x.memos == nil {
		x.memos = map[memoKey]bool{}
	}
	v := f(s)
	x.memos[key] = v
	return v
}

// memoKey is one cached test: its kind and the text tested.
type memoKey struct{ kind, s string }

// goodTerm rejects fronts that are not concept names: sentences, lists of
// tools, advice, questions, over-long labels.
func (x *extractor) goodTerm(t string, code bool) bool {
	if t == "" || len(t) > 80 {
		return false
	}
	if code {
		return wordCount(t) <= 6
	}
	n := wordCount(t)
	if n > 6 || strings.ContainsAny(t, ",;?!") || strings.Contains(t, ": ") {
		return false
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "etc.") {
		return false
	}
	if ws := strings.Fields(strings.ToLower(t)); imperativeVerbs[ws[0]] && (!nounVerbs[ws[0]] || len(ws) > 1 && functionWords[ws[1]]) {
		return false
	}
	if termOpenStop[firstWord(t)] {
		return false
	}
	r := []rune(t)
	if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) && !strings.ContainsAny(t, "-_./") && n > 2 {
		return false
	}
	return true
}

// nounVerbs are imperative verbs that are as often nouns ("Cache", "Shard").
var nounVerbs = map[string]bool{
	"cache": true, "shard": true, "partition": true, "block": true, "batch": true, "group": true,
	"release": true, "update": true, "upgrade": true, "test": true, "audit": true, "design": true,
	"plan": true, "review": true, "monitor": true, "log": true, "track": true, "network": true,
	"host": true, "support": true, "schedule": true, "document": true, "request": true, "check": true,
	"focus": true, "limit": true, "break": true, "rest": true, "sleep": true, "exercise": true,
	"process": true, "frame": true, "anchor": true, "note": true, "offer": true, "research": true,
	"practice": true, "hold": true, "handle": true, "scale": true, "function": true, "commit": true,
	"merge": true, "branch": true, "pull": true, "push": true, "fetch": true, "clone": true, "stash": true,
	"index": true, "tag": true, "checkout": true, "rebase": true, "deploy": true, "build": true, "run": true,
	"add": true, "drop": true, "pick": true, "squash": true, "edit": false, "select": true, "open": true,
	"close": true, "remove": true, "reset": true, "revert": true, "restore": true, "init": true,
	"read": true, "develop": true, "write": true, "load": true, "store": true, "report": true, "call": true,
	"return": true, "route": true, "queue": true, "map": true, "filter": true, "sort": true, "search": true,
	"change": true, "control": true, "balance": true, "experiment": true, "benchmark": true, "profile": true,
	"account": true, "rate": true, "cost": true, "value": true, "use": false, "set": true, "start": false,
}

// termOpenStop are first words of labels that are circumstances or
// conditions, not names: "For Product Teams", "If Allowed", "After an Offer".
var termOpenStop = map[string]bool{
	"for": true, "if": true, "when": true, "with": true, "by": true, "after": true, "before": true,
	"during": true, "on": true, "how": true, "why": true, "what": true, "where": true, "which": true,
	"whether": true, "while": true, "once": true, "until": true, "unless": true, "my": true, "your": true,
	"our": true, "i": true, "we": true, "you": true,
}

// qualityOpenWords open backs that judge rather than define: "Ideal for
// …", "Crucial for …", "Can be done …", "Generally avoided …".
var qualityOpenWords = newWordSet("essential", "ideal", "standard", "useful", "good", "great", "crucial",
	"critical", "vital", "important", "simple", "perfect", "more", "less", "primarily", "generally",
	"difficult", "easy", "easier", "harder", "slower", "faster", "can", "best", "better", "worse",
	"excellent", "necessary", "recommended", "helpful", "highly", "requires", "no", "most", "adequate",
	"future", "common", "ideally", "great for", "tools like", "websites like", "apps like", "devices that",
	"platforms like", "services like", "products like", "solutions like", "the de facto", "easiest", "simplest", "hardest",
	"cheapest", "safest", "fastest", "slowest")

// toolListOpenRE matches backs that open by naming products:
// "Redis, DynamoDB (…)", "MongoDB, Couchbase are …", "Neo4j (for …)".
var toolListOpenRE = regexp.MustCompile(`^(?:[A-Z][\w.+-]*(?:\s[A-Z][\w.+-]*)?(?:,\s(?:and\s|or\s)?[A-Z][\w.+-]*(?:\s[A-Z][\w.+-]*)?)+(?:\s\(|\s(?:are|is)\b|\.|$)|[A-Z][a-z]*[A-Z0-9][\w.+-]*\s\()`)

// functionWords after a verb mark an imperative phrase ("Ask for Time").
var functionWords = map[string]bool{
	"for": true, "to": true, "with": true, "on": true, "in": true, "up": true, "out": true, "your": true,
	"the": true, "a": true, "an": true, "and": true, "it": true, "them": true, "clear": true, "regular": true,
	"early": true, "often": true, "more": true, "less": true, "what": true, "how": true, "when": true,
	"yourself": true, "others": true, "no": true, "about": true, "from": true, "into": true, "at": true,
}

// goodBack rejects thin, one-word, tautological or imperative backs.
func (x *extractor) goodBack(term, def string) bool {
	if wordCountUpTo(def, 4) < 4 {
		return false
	}
	fw := firstWord(def)
	command := strings.ToLower(term) == term && !strings.Contains(term, " ")
	if imperativeVerbs[fw] && !command && fw != "allow" && fw != "test" && fw != "support" && !(pluralSubject(term) && agreeingVerbs[fw]) {
		return false
	}
	// The back only restates the front.
	if len(def) <= 2*len(term)+8 && normKey(def) == normKey(term) {
		return false
	}
	return true
}

// labelParagraph handles a paragraph that opens with a bold or code label.
// It reports whether the paragraph was consumed.
func (x *extractor) labelParagraph(p, f *xhtml.Node, text string) bool {
	l := x.labelOf(p, f)
	if isItalic(f) && (!l.sep || l.rest == "") {
		return false // an italic phrase opening ordinary prose
	}
	if l.rest == "" {
		// A bold paragraph alone: a pseudo-heading, a label for the next
		// block, or a list lead-in.
		if strings.HasSuffix(l.term, "?") {
			return false
		}
		next := nextElem(p)
		if next != nil && next.DataAtom == atom.P && firstElem(next) != nil && isBold(firstElem(next)) {
			// A sequence of bold paragraphs: this one is a heading.
			x.pseudo = strings.TrimSuffix(l.term, ":")
			return true
		}
		if next != nil && next.DataAtom == atom.P {
			def, defHTML := textHTMLOf(next, textOpts{})
			lt := l.term
			if short := x.leadingEmphasis(next, def); short != "" && short != lt && strings.Contains(normKey(lt), normKey(short)) {
				lt = capFirst(short) // 'The "Limit" Itself' then "The **limit** is …"
			}
			if term, ok := x.defCandidate(label{term: lt, code: l.code, sep: true}, def); ok && wordCount(l.term) <= 6 {
				x.pseudo = strings.TrimSuffix(l.term, ":")
				if x.add(Item{Kind: Definition, Term: term, Definition: def, DefinitionHTML: defHTML}) {
					x.used[next] = true
				}
				return true
			}
		}
		if next != nil && (next.DataAtom == atom.Ul || next.DataAtom == atom.Ol) {
			lis := listItems(next)
			if len(lis) == 1 {
				def, defHTML := textHTMLOf(lis[0], textOpts{})
				// A bold line over a one-item list is as often a run-in
				// subheading over a remark: the item must read as a definition.
				if term, ok := x.defCandidate(label{term: l.term, code: l.code, sep: true}, def); ok && definitionalBack(term, def) && !otherSubject(term, def) {
					x.pseudo = strings.TrimSuffix(l.term, ":")
					if x.add(Item{Kind: Definition, Term: term, Definition: def, DefinitionHTML: defHTML}) {
						x.used[next] = true
					}
					return true
				}
			}
			return true // a lead-in: list() reads it
		}
		x.pseudo = strings.TrimSuffix(l.term, ":")
		return true
	}
	if !l.sep {
		return false
	}
	if term, ok := x.defCandidate(l, l.rest); ok && (!l.weak || definitionalBack(term, l.rest) && !otherSubject(term, l.rest)) {
		x.add(Item{Kind: Definition, Term: term, Definition: l.rest, DefinitionHTML: l.restHTML()})
		// The explanation may define another concept in passing ("Most
		// teams use the Saga Pattern, which manages …").
		if rest := strings.TrimSpace(l.rest[len(firstSentence(l.rest)):]); rest != "" && passingDefinitionCue(rest) {
			x.proseDefs(p, rest)
		}
		return true
	}
	return false
}

// leadingEmphasis returns the text of a bold, italic or code element that
// opens paragraph p's text (after an article), or "".
func (x *extractor) leadingEmphasis(p *xhtml.Node, text string) string {
	e := findFirst(p, func(n *xhtml.Node) bool {
		switch n.DataAtom {
		case atom.Strong, atom.B, atom.Em, atom.I, atom.Code, atom.Dfn:
			return true
		}
		return false
	})
	if e == nil {
		return ""
	}
	t := x.text(e)
	if t != "" && strings.HasPrefix(normKey(stripArticle(text)), normKey(t)+" ") {
		return t
	}
	return ""
}

// listItemDef handles an li that opens with a bold or code label (also
// wrapped in a <p>).
func (x *extractor) listItemDef(li *xhtml.Node) {
	if it, why, ok := x.termBlockItem(li); ok {
		if x.collect != nil {
			if it.Term != "" {
				*x.collect = append(*x.collect, defCand{it: it, why: why})
			}
		} else if why == "" {
			x.add(it)
		}
		return
	}
	f := firstElem(li)
	container := li
	if f != nil && f.DataAtom == atom.P {
		g := firstElem(f)
		if !isBold(g) && !isCode(g) && !isItalic(g) {
			return
		}
		container, f = f, g
	}
	if !isBold(f) && !isCode(f) && !isItalic(f) {
		return
	}
	l := x.labelOf(container, f)
	if !l.sep && !(l.rest == "" && strings.HasSuffix(l.term, ":")) || l.weak && l.rest == "" {
		return
	}
	def, defHTML := l.rest, l.restHTML
	if rest := strings.TrimSpace(def[len(firstSentence(def)):]); rest != "" && passingDefinitionCue(rest) {
		// The explanation may define another concept in passing ("Most
		// teams use the Saga Pattern, which manages …"); read it once the
		// list's own definitions are settled.
		x.laterProse = append(x.laterProse, proseJob{container, rest})
	}
	if def == "" {
		// <li><strong>Term:</strong><ul><li>text</li>…</ul></li>
		var nested *xhtml.Node
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
				nested = c
				break
			}
		}
		if nested == nil {
			return
		}
		lis := listItems(nested)
		if len(lis) == 0 {
			return
		}
		first := lis[0]
		if p := firstElem(first); p != nil && p.DataAtom == atom.P {
			first = p
		}
		if g := firstElem(first); g != nil && (isBold(g) || isCode(g)) {
			// "Concept: …" under the term defines it; other labels make a list.
			nl := splitLabel(first, g)
			if !introducingLabels[strings.ToLower(cleanTerm(nl.term, false))] || nl.rest == "" {
				return
			}
			def, defHTML = nl.rest, nl.restHTML
		} else {
			def = textOf(first, textOpts{skipLists: true})
			defHTML = func() string {
				_, h := textHTMLOf(first, textOpts{skipLists: true})
				return h
			}
		}
	}
	x.lastWhy = ""
	term, ok := x.defCandidate(l, def)
	if ok && l.weak && (!definitionalBack(term, def) || otherSubject(term, def)) {
		ok, x.lastWhy = false, "weak-label"
	}
	it := Item{Kind: Definition, Term: term, Definition: def}
	if x.collect != nil {
		if term != "" {
			*x.collect = append(*x.collect, defCand{it, defHTML, x.lastWhy})
		}
		return
	}
	if ok {
		it.DefinitionHTML = defHTML()
		x.add(it)
	}
}

// proseJob is text of a list item to read for prose definitions.
type proseJob struct {
	n    *xhtml.Node
	text string
}

// defCand is a list item's definition with the reason it was rejected
// ("" when accepted), decided per list by decideListDefs.
type defCand struct {
	it   Item
	html func() string // the definition's HTML, read when the item is kept (nil: it.DefinitionHTML is set)
	why  string
}

// decideListDefs settles the label definitions of one list together: the
// items of a list are parallel, so a list whose items are mostly rejected
// (advice, benefits) keeps none, and a list whose items are mostly
// definitions also keeps those written as imperative descriptions
// ("Message Queues: Provide reliable delivery …").
func (x *extractor) decideListDefs(cands []defCand) {
	acc := 0
	for _, c := range cands {
		if c.why == "" {
			acc++
		}
	}
	n := len(cands)
	if n >= 3 && acc*3 < n {
		cands = nil // mostly advice or benefits: keep none
	}
	rescue := n >= 2 && acc*2 > n || verbLeadIn(x.leadIn)
	for _, c := range cands {
		if c.why == "" || rescue && c.why == "back" {
			if c.html != nil {
				c.it.DefinitionHTML = c.html()
			}
			x.add(c.it)
		}
	}
	jobs := x.laterProse
	x.laterProse = nil
	for _, j := range jobs {
		x.proseDefs(j.n, j.text)
	}
}

// headingProse checks whether paragraph p, among the first two after
// heading h, defines the concept the heading names: a sentence among its
// first three that opens with the term, or a first sentence that opens
// with "It …s", "This <kind of thing>" or an "A/An …" description.
func (x *extractor) headingProse(h, p *xhtml.Node, text string, first bool) bool {
	term, ok := x.proseTerm(h)
	if !ok {
		return false
	}
	rest, prev := text, ""
	for i := 0; i < 3 && rest != ""; i, prev = i+1, firstSentence(text) {
		s := firstSentence(rest)
		rest = strings.TrimSpace(rest[len(s):])
		if strings.HasSuffix(s, ":") {
			break // a lead-in, not a definition
		}
		ok := opensWithTerm(s, term)
		if !ok {
			// 'The "Limit" Itself': the quoted word is the term.
			if !strings.ContainsAny(term, "\"\u201c") {
			} else if q := quotedRE.FindStringSubmatch(term); q != nil && opensWithTerm(s, q[1]) {
				term, ok = q[1], true
			}
		}
		if ok && strings.HasSuffix(term, "s") && !strings.HasPrefix(normKey(stripArticle(s)), normKey(stripArticle(term))+" ") {
			term = strings.TrimSuffix(term, "s") // "Commits" defined as "A commit is …"
		}
		if !ok {
			// "Developed by …, the X Technique is …", "Named after …, this
			// pattern involves …", "David Allen's GTD methodology is …".
			ok = termAfterClause(s, term) || acronymSubject(s, term)
		}
		if !ok && i == 0 {
			// "Network Address Translation (NAT) maps …" under "NAT".
			if full := expansionSubject(s, term); full != "" {
				term, ok = full, true
			}
		}
		if !ok && i == 0 && first {
			ok = descriptionOpening(s, term) || x.codeSubject(p, s, term)
		}
		if !ok && i <= 1 && first {
			ok = anaphoricDefinition(s, term)
			// "A commit is …" under "Commits": the sentence names the term.
			// "A photosystem is a protein complex …" under "Light-dependent
			// reactions" defines something else: the prose rules take it.
			// "An HTTP method is idempotent if …" under "Idempotent" still
			// defines the heading, in its predicate.
			if m := articleSubjectRE.FindStringSubmatch(s); ok && m != nil {
				tt := tokenSet(term)
				if overlaps(m[1], tt) {
					term = capFirst(m[1])
				} else if pred := strings.Fields(s[len(m[0]):]); !overlaps(strings.Join(pred[:min(len(pred), 4)], " "), tt) {
					return false
				}
			}
		}
		if !ok {
			continue
		}
		if w, ok := predicateWord(s); ok && evaluativeWords.matchFirst(w) || strings.Contains(s, " plays a ") {
			return false
		}
		def := s
		if i == 1 && thisKindRE.MatchString(s) {
			// "Each service should have one reason to change. This
			// principle …": the first sentence states what "this" is.
			def = prev + " " + s
		} else if n := firstSentence(rest); n != "" && wordCount(def)+wordCount(n) <= 45 {
			def = def + " " + n
		}
		if wordCount(def) < 5 {
			return false
		}
		return x.add(Item{Kind: Definition, Term: term, Definition: def, DefinitionHTML: escapeText(def)})
	}
	return false
}

// proseTerm returns the term heading h names for headingProse and whether
// it is one concept. It is computed once per heading: headingProse reads
// the first two paragraphs under it.
func (x *extractor) proseTerm(h *xhtml.Node) (string, bool) {
	if x.proseHead == h {
		return x.proseHeadTerm, x.proseHeadOK
	}
	htext := cleanHeading(x.text(h))
	term := headingTerm(htext)
	if t := whatIsTerm(htext); t != "" {
		term = t
	}
	if m := abstractOfMatch(term); m != nil {
		term = m[1] // "The Power of Git Bisect" names Git Bisect
	}
	if i := strings.Index(term, " and "); i > 0 && wordCount(term[:i]) >= 2 {
		term = term[:i] // "X (XYZ) and Y": the first concept leads
	}
	x.proseHead, x.proseHeadTerm, x.proseHeadOK = h, term, x.goodHeadingTerm(term)
	return term, x.proseHeadOK
}

// headingStopWords open headings that are not concept names.
var headingStopWords = map[string]bool{
	"how": true, "why": true, "what": true, "when": true, "where": true, "which": true, "who": true,
	"key": true, "common": true, "best": true, "top": true, "understanding": true, "introduction": true,
	"conclusion": true, "overview": true, "summary": true, "final": true, "getting": true, "the": false,
	"our": true, "your": true, "my": true, "a": false, "an": false, "beyond": true, "from": true, "in": true,
	"on": true, "for": true, "with": true, "to": true, "about": true, "further": true, "more": true,
	"other": true, "additional": true, "next": true, "frequently": true, "real-world": true,
	"practical": true, "advanced": true, "essential": true, "core": true, "main": true, "important": true,
	"step": true, "phase": true, "part": true, "chapter": true, "section": true, "example": true,
	"examples": true, "case": true, "lessons": true, "tips": true, "benefits": true, "challenges": true,
	"why's": true, "is": true, "are": true, "can": true, "should": true, "do": true, "does": true,
	"during": true, "before": true, "after": true, "within": true, "across": true, "under": true,
	"through": true, "between": true, "against": true, "towards": true, "toward": true, "into": true,
}

// goodHeadingTerm reports whether a heading names one concept.
func (x *extractor) goodHeadingTerm(t string) bool {
	if t == "" || strings.HasSuffix(t, "?") || wordCount(t) > 6 || strings.ContainsAny(t, ",;!") {
		return false
	}
	lower := strings.ToLower(t)
	// A heading that introduces an acronym names a concept, whatever its
	// first word ("Getting Things Done (GTD)").
	if genericLabels[lower] || (headingStopWords[firstWord(t)] || imperativeVerbs[firstWord(t)]) && !acronymInTermRE.MatchString(t) {
		return false
	}
	if ws := words(t); len(ws) > 0 && strings.Trim(ws[len(ws)-1], "0123456789") == "" {
		return false // "Scenario 3", "Option 2"
	}
	for _, w := range []string{" and ", " & ", " vs", " versus ", " or ", " of the ", " in ", " for ", " from ", " to "} {
		if strings.Contains(lower, w) {
			return false
		}
	}
	if adviceHeadingWords.match(t) {
		return false
	}
	return true
}

// opensWithTerm reports whether sentence s opens with term (after an
// optional article), followed by at least three more words.
func opensWithTerm(s, term string) bool {
	// Only the opening of the sentence matters.
	if max := len(term) + 60; len(s) > max {
		cut := max
		for cut < len(s) && s[cut] != ' ' {
			cut++
		}
		s = s[:cut]
	}
	ns := normKey(stripArticle(s))
	nt := normKey(stripArticle(term))
	bare := normKey(stripArticle(dropParens(term)))
	for _, cand := range []string{nt, bare, strings.TrimSuffix(nt, "s"), strings.TrimSuffix(bare, "s")} {
		if len(cand) > 2 && strings.HasPrefix(ns, cand+" ") {
			rest := ns[len(cand):]
			return wordCount(rest) >= 3 && !modalWords[firstWord(rest)]
		}
	}
	// "X Pattern" introduced as "X".
	tw := strings.Fields(bare)
	if len(tw) >= 2 {
		switch tw[len(tw)-1] {
		case "pattern", "technique", "method", "principle", "model", "strategy", "approach", "algorithm", "architecture", "framework":
			short := strings.Join(tw[:len(tw)-1], " ")
			if strings.HasPrefix(ns, short+" ") {
				return definingVerbRE.MatchString(ns[len(short):])
			}
		}
	}
	return false
}

// modalWords after a subject make advice or speculation, not a definition.
var modalWords = map[string]bool{
	"should": true, "must": true, "can": true, "could": true, "will": true, "would": true, "may": true,
	"might": true, "in": true, "has": true, "have": true, "was": true, "were": true, "remains": true,
}

// parenRE matches a parenthetical.
var parenRE = regexp.MustCompile(`\s*\([^)]*\)`)

// dropParens removes the parentheticals of s (parenRE), skipping the
// regexp when s has no parenthesis.
func dropParens(s string) string {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		return s
	}
	// What parenRE.ReplaceAllString(s, "") does, without the regexp: each
	// "(" up to the next ")", with the spaces before it, goes; an unclosed
	// "(" stays.
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i >= 0 {
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			break
		}
		start := i
		for start > last && isRESpace(s[start-1]) {
			start--
		}
		b.WriteString(s[last:start])
		last = i + j + 1
		k := strings.IndexByte(s[last:], '(')
		if k < 0 {
			break
		}
		i = last + k
	}
	b.WriteString(s[last:])
	return b.String()
}

// stripArticle drops a leading "the", "a" or "an".
func stripArticle(s string) string {
	for _, a := range [...]string{"the ", "a ", "an "} {
		if hasPrefixFold(s, a) {
			return s[len(a):]
		}
	}
	return s
}

// quotedRE captures a quoted word or phrase.
var quotedRE = regexp.MustCompile(`["\x{201c}]([^"\x{201d}]{2,40})["\x{201d}]`)

// abstractOfRE matches headings that wrap a concept: "The Power of X",
// "The Concept of X", "The Importance of X".
var abstractOfRE = regexp.MustCompile(`^(?i:(?:the\s+)?(?:power|need|concept|importance|role|art|idea|magic|rise|anatomy|basics|essence|principle|science|value)\s+(?:of|for|behind)\s+)(.+)$`)

// abstractOfFirst are the words abstractOfRE can open with.
var abstractOfFirst = [...]string{"the", "power", "need", "concept", "importance", "role", "art", "idea", "magic",
	"rise", "anatomy", "basics", "essence", "principle", "science", "value"}

// abstractOfMatch is abstractOfRE.FindStringSubmatch(t), skipping the
// regexp unless t's first word starts with one of its words.
func abstractOfMatch(t string) []string {
	return firstWordGatedMatch(abstractOfRE, abstractOfFirst[:], t)
}

// firstWordGatedMatch is re.FindStringSubmatch(t), run only when t's first
// word (its leading ASCII letters, lower-cased) starts with one of first:
// a cheap exact pre-check for regexps anchored on a word list. Text opening
// beyond ASCII, where case folding is wider, always goes to the regexp.
func firstWordGatedMatch(re *regexp.Regexp, first []string, t string) []string {
	i := 0
	for i < len(t) && (t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z') {
		i++
	}
	if i < len(t) && t[i] >= utf8.RuneSelf {
		return re.FindStringSubmatch(t)
	}
	w := strings.ToLower(t[:i])
	for _, f := range first {
		if strings.HasPrefix(w, f) {
			return re.FindStringSubmatch(t)
		}
	}
	return nil
}

// articleSubjectRE captures the subject of "A/An X is/refers to …".
var articleSubjectRE = regexp.MustCompile(`^(?:A|An)\s([\w -]{2,40}?)\s(?:is|refers to|means)\s`)

// predicateRE captures the word after "is/are (a|an|the)".
var predicateRE = regexp.MustCompile(`\b(?:is|are)\s+(?:(?:a|an|the)\s+)?(\S+)`)

// predicateWord returns predicateRE's capture in s without running the
// regexp (which tries every position of the sentence).
func predicateWord(s string) (string, bool) {
	for i := 0; i+2 < len(s); i++ {
		c := s[i]
		if c != 'i' && c != 'a' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		var k int
		switch {
		case strings.HasPrefix(s[i:], "is"):
			k = i + 2
		case strings.HasPrefix(s[i:], "are"):
			k = i + 3
		default:
			continue
		}
		j := skipRESpace(s, k)
		if j == k || j == len(s) {
			continue // no \s+, or nothing after it
		}
		for _, a := range [...]string{"a", "an", "the"} {
			if !strings.HasPrefix(s[j:], a) {
				continue
			}
			g := j + len(a)
			h := skipRESpace(s, g)
			if h > g && h < len(s) {
				return s[h:endNonSpace(s, h)], true
			}
		}
		return s[j:endNonSpace(s, j)], true
	}
	return "", false
}

// isWordByte reports whether c is a \w byte (ASCII word character).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// isRESpace reports whether c is matched by the regexp class \s.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// skipRESpace returns the index after the run of \s bytes at s[i:].
func skipRESpace(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

// endNonSpace returns the index after the run of \S bytes at s[i:].
func endNonSpace(s string, i int) int {
	for i < len(s) && !isRESpace(s[i]) {
		i++
	}
	return i
}

// articleOpen is articleOpenRE.MatchString(s) without the regexp.
func articleOpen(s string) bool {
	for _, a := range [...]string{"A", "An", "The", "This", "It", "Its"} {
		if len(s) > len(a) && strings.HasPrefix(s, a) && isRESpace(s[len(a)]) {
			return true
		}
	}
	return false
}

// conditionalOpen is conditionalOpenRE.MatchString(s), skipping the
// regexp when s cannot open with one of its words.
func conditionalOpen(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf && strings.IndexByte("iwboauetdsrIWBOAUETDSR", c) < 0 {
		return false
	}
	return conditionalOpenRE.MatchString(s)
}

// upperFirstByte reports whether s opens with an ASCII capital, which
// the name-list, tool-list and appositive regexps require.
func upperFirstByte(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// nameListCue is a necessary condition for nameListOpenRE and
// toolListOpenRE: an ASCII capital first, and before the first "," or
// "(" only name characters ([\w.+-]) and at most three white spaces.
func nameListCue(s string) bool {
	if !upperFirstByte(s) {
		return false
	}
	spaces := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ',' || c == '(':
			return true
		case isWordByte(c) || c == '.' || c == '+' || c == '-':
		case isRESpace(c):
			if spaces++; spaces > 3 {
				return false
			}
		default:
			return false
		}
	}
	return false
}

// consequenceCue is a necessary condition for consequenceRE.
func consequenceCue(s string) bool {
	return s != "" && s[0] >= 'B' && s[0] <= 'Z' &&
		(strings.Contains(s, "lead to") || strings.Contains(s, "leads to") || strings.Contains(s, "led to"))
}

// kindNounWords are the kind nouns kindNounRE requires.
var kindNounWords = [...]string{"command", "file", "pattern", "principle", "mechanism", "technique", "method", "model",
	"protocol", "algorithm", "theorem", "law", "framework", "process", "approach", "flag", "option", "directory", "header"}

// kindNounMatch is kindNounRE.FindStringSubmatch(s), skipping the regexp
// when s names none of the kind nouns.
func kindNounMatch(s string) []string {
	if kindNounCue(s) {
		return kindNounRE.FindStringSubmatch(s)
	}
	return nil
}

// kindNounCue reports whether s (collapsed text: single spaces) holds one
// of the kind nouns where kindNounRE can find it: after "The|A|An", a
// space, at most 40 runes (160 bytes) and a space.
func kindNounCue(s string) bool {
	return kindNounPhrases.in(s[:min(len(s), 176)])
}

var kindNounPhrases = newPhrases(kindNounWords[:]...)

// theKindNounLater reports whether a sentence after the first opens with
// "The" and names a kind noun soon after ("… . The git add command …").
func theKindNounLater(text string) bool {
	for i := strings.Index(text, ". The "); i >= 0; {
		if kindNounCue(text[i+2:]) {
			return true
		}
		j := strings.Index(text[i+2:], ". The ")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// codeLead reads a paragraph that opens with inline code and a describing
// verb as the command's definition: "<code>git fetch</code> downloads
// commits from a remote without changing your working files."
func (x *extractor) codeLead(p, c *xhtml.Node, text string) {
	term := strings.TrimSpace(x.text(c))
	s := firstSentence(text)
	if term == "" || !strings.HasPrefix(s, term+" ") || strings.HasSuffix(s, "?") {
		return
	}
	after := s[len(term)+1:]
	if !describingVerbs.matchFirst(after) || wordCount(after) < 5 {
		return
	}
	if x.rejectDef(term, s, true) != "" {
		return
	}
	x.add(Item{Kind: Definition, Term: term, Definition: s, DefinitionHTML: escapeText(s)})
}

// tokenSet returns the normalised words of s longer than two letters.
func tokenSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(normKey(s)) {
		if len(w) > 2 {
			m[w] = true
			m[strings.TrimSuffix(w, "s")] = true
			m[strings.TrimSuffix(w, "ies")+"y"] = true
		}
	}
	return m
}

// anaphoricRE matches a first sentence that defines the heading's concept
// without naming it: "It uses …", "This framework …", "A layer that …".
var anaphoricRE = regexp.MustCompile(`^(?:It (?:is|was|refers to|means|involves|describes|represents|advocates|allows|enables|lets|uses|provides|consists of|comprises|splits|divides|breaks|combines|treats|focuses on|acts as|ensures|stores|manages|handles|defines)\s|(?:A|An)\s|This ` + kindNouns + `\b)`)

// kindNouns are the kinds of thing a heading may name, as an alternation.
const kindNouns = `(?:framework|pattern|technique|method|methodology|approach|model|principle|practice|strategy|process|algorithm|concept|mechanism|architecture|command|feature|workflow|protocol|theorem|law|rule|metric|structure|design|style|system|tool|term|reaction|effect|phenomenon|cycle|condition|disorder|device|component|format|library|function|type|state)`

// thisKindRE matches a sentence opening "This principle …".
var thisKindRE = regexp.MustCompile(`^This ` + kindNouns + `\b`)

// clauseAnaphorRE matches "Named after the tree …, this pattern involves".
var clauseAnaphorRE = regexp.MustCompile(`^[^.;:]{8,140}?,\s+this\s+` + kindNouns + `\s+(?:is|are|involves|means|refers|describes|[a-z]+s)\b`)

// whatIsRE captures X in a "What is X?" heading (also "What Is X and
// Why …?", "What are X? A Primer").
var whatIsRE = regexp.MustCompile(`^(?i:what\s+(?:is|are)\s+(?:an?\s+|the\s+)?)([^?,]{2,60}?)(?:,?\s+(?i:and|&)\s+(?i:why|how|what|when|where|who|which|is|are|does|do)\b[^?]*)?\?`)

// whatIsTerm returns X for a "What is X?" heading, else "".
func whatIsTerm(h string) string {
	if len(h) < 9 || !strings.EqualFold(h[:5], "what ") {
		return ""
	}
	m := whatIsRE.FindStringSubmatch(h)
	if m == nil || wordCount(m[1]) > 5 || proseSubjectStop[firstWord(m[1])] || headingStopWords[firstWord(m[1])] {
		return "" // "What is it?", "What is the difference …?"
	}
	return capFirst(trimQuotes(m[1]))
}

// termAfterClause reports whether s names term as the subject of its
// main clause after an opening clause: "Developed by Francesco Cirillo,
// the Pomodoro Technique is a …", "When …, git bisect uses …", or refers
// to it as "this pattern".
func termAfterClause(s, term string) bool {
	if len(s) > 400 {
		return false
	}
	// ", " survives lower-casing unchanged: test it on s first.
	if !strings.Contains(s, ", ") {
		return false
	}
	tw := strings.Fields(strings.ToLower(term))
	if len(tw) == 0 {
		return false
	}
	ls := strings.ToLower(s)
	if !strings.Contains(ls, strings.TrimSuffix(strings.Trim(tw[len(tw)-1], "()\"'"), "s")) && !strings.Contains(ls, ", this ") {
		return false
	}
	nt := normKey(stripArticle(dropParens(term)))
	if nt == "" {
		return false
	}
	for i := strings.Index(s, ", "); i > 0 && i < 160; {
		if wordCount(s[:i]) < 3 {
			// "However, X …": a connective, not an opening clause.
			j := strings.Index(s[i+2:], ", ")
			if j < 0 {
				break
			}
			i += j + 2
			continue
		}
		rest := stripArticle(s[i+2:])
		if len(rest) > len(term)+60 {
			rest = rest[:len(term)+60]
		}
		nr := normKey(rest)
		if !strings.HasPrefix(nr, nt+" ") && strings.HasSuffix(nt, "s") && strings.HasPrefix(nr, nt[:len(nt)-1]+" ") {
			nr = nt + nr[len(nt)-1:] // "Index Funds" introduced as "an index fund holds …"
		}
		if strings.HasPrefix(nr, nt+" ") {
			after := strings.Fields(nr[len(nt)+1:])
			if len(after) >= 3 && (definingVerbRE.MatchString(nr[len(nt):]) || strings.HasSuffix(after[0], "s") && !modalWords[after[0]]) {
				return true
			}
		}
		j := strings.Index(s[i+2:], ", ")
		if j < 0 {
			break
		}
		i += j + 2
	}
	if !strings.Contains(s, "this") {
		return false // clauseAnaphorRE needs ", this"
	}
	if tw := strings.Fields(nt); len(tw) >= 2 {
		m := clauseAnaphorRE.FindString(s)
		return m != "" && strings.Contains(strings.ToLower(m), "this "+tw[len(tw)-1]+" ")
	}
	return false
}

// acronymSubject reports whether s defines the heading's acronym
// ("Getting Things Done (GTD)") with the acronym in its subject: "David
// Allen's GTD methodology is a comprehensive framework …".
func acronymSubject(s, term string) bool {
	m := acronymInTermRE.FindStringSubmatch(term)
	if m == nil {
		return false
	}
	d := proseDefRE.FindStringSubmatch(firstSentence(s))
	if d == nil || wordCount(d[1]) > 5 {
		return false
	}
	for _, w := range strings.Fields(d[1]) {
		if strings.Trim(w, "'’s") == m[1] || strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") == m[1] {
			return true
		}
	}
	return false
}

// expansionSubject returns "Network Address Translation (NAT)" when
// sentence s opens with the expansion of acronym term, the acronym in
// parentheses, and a verb: "Network Address Translation (NAT) maps …".
// The expansion's initials (small words aside) must spell the acronym.
func expansionSubject(s, acronym string) string {
	upper := 0
	for i := 0; i < len(acronym); i++ {
		if !isAlnumASCII(acronym[i]) {
			return ""
		}
		if isUpperASCII(acronym[i]) {
			upper++
		}
	}
	if upper < 2 || len(acronym) > 8 {
		return ""
	}
	i := strings.Index(s, " ("+acronym+") ")
	if i <= 0 || i > 80 {
		return ""
	}
	// Each capital of the acronym starts a word; a small word is skipped
	// unless the acronym spells it in lower case ("IaC": as).
	k := 0
	for _, w := range strings.FieldsFunc(s[:i], func(r rune) bool { return r == ' ' || r == '-' }) {
		small := smallWords[strings.ToLower(w)]
		switch {
		case k < len(acronym) && small && acronym[k] == w[0]|0x20 && acronym[k] >= 'a':
			k++
		case small:
		case k < len(acronym) && acronym[k]&^0x20 == w[0]&^0x20 && acronym[k] < 'a':
			k++
		default:
			return ""
		}
	}
	if k != len(acronym) {
		return ""
	}
	// A verb follows: a lower-case word ("maps", "is", "refers").
	next := firstWord(s[i+len(acronym)+4:])
	if next == "" || next[0] < 'a' || next[0] > 'z' || s[i+len(acronym)+4] < 'a' || s[i+len(acronym)+4] > 'z' {
		return ""
	}
	return stripArticle(s[:i]) + " (" + acronym + ")"
}

// smallWords are left out of an acronym's initials.
var smallWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "to": true, "in": true, "a": true, "an": true, "as": true, "on": true, "&": true}

// acronymInTermRE captures the acronym of "Getting Things Done (GTD)".
var acronymInTermRE = regexp.MustCompile(`\(([A-Z][A-Z0-9]{1,7})\)$`)

// anaphoricDefinition reports whether s defines the heading term without
// repeating it. "A/An" openings must be short descriptions.
func anaphoricDefinition(s, term string) bool {
	// Every branch of anaphoricRE opens with "It ", "A", "An" or "This ".
	if s == "" || s[0] != 'I' && s[0] != 'A' && s[0] != 'T' || !anaphoricRE.MatchString(s) {
		return false
	}
	if strings.HasPrefix(s, "A ") || strings.HasPrefix(s, "An ") {
		w := wordCount(s)
		if w < 5 || w > 30 || wordCount(term) > 4 {
			return false
		}
		if evaluativeWords.matchFirst(s[strings.IndexByte(s, ' ')+1:]) {
			return false // "A common trap for …": a judgement
		}
		// "A layer that handles …", "An HTTP method is …": the description
		// turns into a clause within a few words.
		ws := strings.Fields(strings.ToLower(s))
		for i := 1; i < len(ws) && i <= 7; i++ {
			switch strings.Trim(ws[i], ",.;:") {
			case "is", "are", "that", "which", "used", "where", "whose", "who", "designed", "for", "in":
				return true
			}
		}
		return false
	}
	return true
}

// definingVerbRE matches the verbs of a defining sentence, right after the subject.
var definingVerbRE = regexp.MustCompile(`^\s*(?:\w+ ){0,3}?(?:is an?|is the|are an?|are the|refers to|is defined as|means|describes|represents|involves|allows|enables|ensures|acts as|uses|provides|stores|manages)\b`)

// proseDefRE matches glossary sentences: "X is a …", "X refers to …".
var proseDefRE = regexp.MustCompile(`^(?:(?i:a|an|the)\s+)?([^,;:.()]{2,60}?)\s+(?:\(([^)]{1,60})\)\s+)?(is an?|is the|are an?|are the|refers to|is defined as|means|describes|involves|represents|is a term for|stands for)\s+(\S.*)$`)

// proseDefVerbs are literal parts of proseDefRE's verb alternation: a
// match holds one of them.
var proseDefVerbs = [...]string{"is a", "is the", "are a", "are the", "refers to", "is defined as", "means",
	"describes", "involves", "represents", "stands for"}

var proseDefVerbPhrases = newPhrases(proseDefVerbs[:]...)

// proseDefMatch is proseDefRE.FindStringSubmatch(s), skipping the regexp
// when no verb occurs before the first ",;:." (the subject cannot hold
// them; only a parenthesis, opening before them, can).
func proseDefMatch(s string) []string {
	c := strings.IndexAny(s, ",;:.(")
	if c >= 0 && s[c] == '(' {
		return proseDefRE.FindStringSubmatch(s)
	}
	if c < 0 {
		c = len(s)
	}
	if proseDefVerbPhrases.in(s[:c]) {
		return proseDefRE.FindStringSubmatch(s)
	}
	return nil
}

// evaluativeWords open a predicate that praises or ranks rather than
// defines: "X is the backbone of …", "X is a powerful technique …".
var evaluativeWords = newWordSet("backbone", "bedrock", "glue", "cornerstone", "foundation", "heart",
	"key", "prime", "ideal", "powerful", "major", "fundamental", "invaluable", "first", "most",
	"critical", "crucial", "essential", "vital", "important", "great", "perfect", "best", "hallmark",
	"game-changer", "must", "common", "popular", "significant", "huge", "big", "real", "primary",
	"main", "only", "better", "worse", "good", "bad", "excellent", "useful", "valuable", "indispensable",
	"necessary", "increasingly", "often", "also", "not", "no", "still", "now", "already", "very",
	"alternative", "example", "arguably", "probably", "perhaps", "undoubtedly", "easily", "by far", "one of", "among", "git's")

// proseSubjectStop are subjects that never name a concept.
var proseSubjectStop = map[string]bool{
	"this": true, "that": true, "these": true, "those": true, "it": true, "they": true, "there": true,
	"here": true, "each": true, "every": true, "our": true, "your": true, "my": true, "his": true,
	"her": true, "their": true, "its": true, "one": true, "some": true, "many": true, "most": true,
	"such": true, "another": true, "any": true, "all": true, "both": true, "what": true, "which": true,
	"who": true, "how": true, "why": true, "when": true, "where": true, "if": true, "while": true,
	"other": true, "no": true, "not": true, "just": true, "even": true, "we": true, "you": true, "i": true,
	"he": true, "she": true, "key": true, "goal": true, "aim": true, "purpose": true, "problem": true,
	"issue": true, "result": true, "idea": true, "reality": true, "answer": true, "truth": true,
	"point": true, "reason": true, "difference": true, "challenge": true, "solution": true,
	"benefit": true, "advantage": true, "downside": true, "catch": true, "trick": true, "secret": true,
	"first": true, "next": true, "best": true, "way": true, "thing": true, "outcome": true,
	"bottom": true, "question": true, "default": true, "impact": true, "future": true, "good": true,
	"bad": true, "takeaway": true, "lesson": true, "risk": true, "cost": true, "main": true,
	"primary": true, "real": true, "only": true, "same": true, "last": true, "second": true,
	"third": true, "final": true, "following": true, "above": true, "below": true, "former": true,
	"latter": true, "rest": true, "more": true, "less": true, "much": true, "example": true, "so": true,
	"but": true, "and": true, "or": true, "because": true, "however": true, "also": true, "then": true,
	"now": true, "today": true, "often": true, "sometimes": true, "process": true, "approach": true,
	"concept": true, "term": true, "name": true, "word": true, "work": true, "team": true, "people": true,
	"user": true, "users": true, "company": true, "companies": true, "developer": true, "developers": true,
	"engineer": true, "engineers": true, "system": true, "application": true, "app": true, "code": true,
	"data": true, "time": true, "number": true, "value": true, "role": true, "job": true, "task": true,
	"tool": true, "step": true, "part": true, "use": true, "aspect": true, "factor": true, "feature": true,
	"typical": true, "usual": true,
}

// proseDefs finds glossary sentences in a paragraph.
func (x *extractor) proseDefs(p *xhtml.Node, text string) {
	lead := firstElem(p)
	if !hasDefiningVerb(text) && !strings.Contains(text, " when ") && !strings.Contains(text, " if ") &&
		!strings.Contains(text, ", which ") && !strings.Contains(text, " (") && !strings.Contains(text, "\"") &&
		!strings.Contains(text, "\u201c") && !strings.HasPrefix(text, "A ") && !strings.HasPrefix(text, "An ") &&
		!strings.Contains(text, ". A ") && !strings.Contains(text, ". An ") && !strings.Contains(text, ", developed ") &&
		!(strings.HasPrefix(text, "The ") && kindNounCue(text) || theKindNounLater(text)) &&
		!isCode(lead) {
		return
	}
	if isCode(lead) {
		x.codeLead(p, lead, text)
	}
	emph := emphasised(p)
	ctxTokens := x.headingTokens()
	rest := text
	for i := 0; i < 8 && rest != ""; i++ {
		s := firstSentence(rest)
		rest = strings.TrimSpace(rest[len(s):])
		if term, ok := x.proseSentence(s, emph, ctxTokens); ok {
			x.add(Item{Kind: Definition, Term: term, Definition: s, DefinitionHTML: escapeText(s)})
		}
	}
}

// headingTokens returns the words (longer than two letters) of the
// current heading path, computed once per path.
func (x *extractor) headingTokens() map[string]bool {
	if x.headToks != nil && x.headsAre(x.headToksKey) {
		return x.headToks
	}
	n := 0
	for _, h := range x.heads {
		n += len(h.text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range x.heads {
		b.WriteString(h.text)
		b.WriteByte('\x1f')
	}
	key := b.String()
	if x.headToks != nil && x.headToksKey == key {
		return x.headToks
	}
	toks := map[string]bool{}
	for _, h := range x.heads {
		for _, w := range strings.Fields(normKey(h.text)) {
			if len(w) > 2 {
				toks[w] = true
			}
		}
	}
	x.headToks, x.headToksKey = toks, key
	return toks
}

// headsAre reports whether key is the heading path as headingTokens
// writes it (each text followed by U+001F), without building that string.
func (x *extractor) headsAre(key string) bool {
	pos := 0
	for _, h := range x.heads {
		if !strings.HasPrefix(key[pos:], h.text) {
			return false
		}
		pos += len(h.text)
		if pos >= len(key) || key[pos] != '\x1f' {
			return false
		}
		pos++
	}
	return pos == len(key)
}

// passingDefinitionCue reports whether a list item's explanation may
// define another concept in passing: an appositive or a copula.
func passingDefinitionCue(s string) bool {
	return passingDefinitionPhrases.in(s)
}

var passingDefinitionPhrases = newPhrases(", which ", " refers to ", " is a ", " is an ", " is the ", " means ", "\"", "\u201c")

// leadClauseRE matches a short opening clause before the subject:
// "At its core, ", "In essence, ", "In distributed systems, ".
var leadClauseRE = regexp.MustCompile(`^(?:At|In|Simply|Essentially|Put|Basically|Fundamentally|Formally|Technically|Broadly|Put simply|Simply put|Strictly)\b[^,.;:]{0,40},\s+`)

// leadClauseFirst are the first words leadClauseRE can match.
var leadClauseFirst = map[string]bool{
	"at": true, "in": true, "simply": true, "essentially": true, "put": true, "basically": true,
	"fundamentally": true, "formally": true, "technically": true, "broadly": true, "strictly": true,
}

// acronymSubjectRE matches "A Version Control System (VCS) provides …".
var acronymSubjectRE = regexp.MustCompile(`^(?:(?:A|An|The)\s+)?([A-Z][\w-]*(?:\s[\w-]+){0,4}?)\s\(([A-Z][A-Za-z0-9/-]{1,10})\)\s+(?:is|are|refers|means|provides|allows|enables|lets|describes|represents|defines|manages|stores|uses|consists|treats|helps|ensures|acts|moves|handles|involves|splits|divides|combines)\b`)

// whichAppositiveRE matches "… the Saga Pattern, which manages …".
var whichAppositiveRE = regexp.MustCompile(`\b(?:the|a|an)\s+((?:"[^"]{2,40}"|\x{201c}[^\x{201d}]{2,40}\x{201d})|[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3}(?:\s(?:pattern|theorem|principle|law|technique|method|model|protocol|algorithm))?),\s+which\s+(?:is|are|states|means|refers|describes|[a-z]+s)\b`)

// kindNounRE matches "The git add command moves …": a named thing plus
// the kind of thing it is, and a verb.
var kindNounRE = regexp.MustCompile(`^(?:The|A|An)\s+(.{2,40}?)\s+(command|file|pattern|principle|mechanism|technique|method|model|protocol|algorithm|theorem|law|framework|process|approach|flag|option|directory|header)\s+(?:\([^)]{2,80}\)\s+)?(?:is|are|[a-z]+s)\b`)

// namedKinds are kind nouns that belong to a concept's name: "the CAP
// theorem", "the Saga pattern".
var namedKinds = map[string]bool{"theorem": true, "law": true, "principle": true, "pattern": true, "algorithm": true, "protocol": true}

// quotedSubjectRE matches a sentence whose subject is a quoted term:
// 'A "remote team workflow" encompasses …', 'The "Pull Request" (or
// "Merge Request") mechanism allows …'.
var quotedSubjectRE = regexp.MustCompile(`^(?:(?:a|an|the|A|An|The)\s+)?["\x{201c}]([^"\x{201c}\x{201d}]{2,40}?)[,.]?["\x{201d}]\s+(?:\([^)]{1,60}\)\s+)?(?:(?:mechanism|concept|term|pattern|principle|model|approach|method|technique|process|idea|practice|rule|effect)\s+)?(?:is|are|refers|means|describes|encompasses|involves|represents|allows|lets|enables|denotes|covers|[a-z]+s)\b`)

// articleVerbSubject returns the subject of "A microservices architecture
// treats …", "A stateless service does not store …": a generic subject of
// one to four words followed by a describing verb; "" otherwise.
func articleVerbSubject(s string) string {
	if !strings.HasPrefix(s, "A ") && !strings.HasPrefix(s, "An ") {
		return ""
	}
	ws := strings.Fields(s)
	for k := 2; k < len(ws) && k <= 5; k++ {
		w := ws[k]
		if k+1 < len(ws) && (w == "does" && ws[k+1] == "not" || w == "doesn't" || w == "never" || w == "always" || w == "only") {
			w = "does"
		}
		if w == "does" || describingVerbs.match(w) && strings.ToLower(w) == w {
			subj := strings.Join(ws[1:k], " ")
			if strings.ContainsAny(subj, ",;:()") {
				return ""
			}
			return subj
		}
	}
	return ""
}

// participleSubjectRE matches "gRPC, developed by Google, uses …".
var participleSubjectRE = regexp.MustCompile(`^([A-Za-z][\w.+/-]*(?:\s[A-Z][\w.+/-]*){0,2}),\s+(?:developed|created|designed|introduced|invented|released|built|written|maintained|originally|first|popularized|coined)\b[^,]{3,70},\s+([a-z]+)\b`)

// whenVerbRE matches "X occur(s) when …", "X happens when …".
var whenVerbRE = regexp.MustCompile(`^(?:(?i:a|an|the)\s+)?([^,;:.()]{2,40}?)\s+(?:occurs?|happens?|arises?|is when)\s+(?:when|if)\b`)

// proseSentence decides whether one sentence is a glossary sentence and
// returns its term.
func (x *extractor) proseSentence(s string, emph, ctxTokens map[string]bool) (string, bool) {
	if n := wordCountUpTo(s, 61); n < 6 || n > 60 {
		return "", false
	}
	if !strings.Contains(s, " is ") && !strings.Contains(s, " are ") {
	} else if w, ok := predicateWord(s); ok && evaluativeWords.matchFirst(w) {
		return "", false // "X is the most successful way …" ranks, not defines
	}
	var m []string
	if strings.Contains(s, " (") && hasAcronym(s) {
		m = acronymSubjectRE.FindStringSubmatch(s)
	}
	if m != nil && wordCount(m[1]) <= 5 && !proseSubjectStop[firstWord(m[1])] {
		term := m[1] + " (" + m[2] + ")"
		if x.goodTerm(capFirst(term), false) {
			return capFirst(term), true
		}
	}
	if !strings.Contains(s, ", which ") {
	} else if m := whichAppositiveRE.FindStringSubmatch(s); m != nil {
		term := trimQuotes(m[1])
		if !proseSubjectStop[firstWord(term)] && x.goodTerm(capFirst(term), false) && (emph[normKey(term)] || overlaps(term, ctxTokens) || wordCount(term) >= 2) {
			return capFirst(term), true
		}
	}
	if !articleOpen(s) {
	} else if m := kindNounMatch(s); m != nil {
		term := trimQuotes(m[1])
		named := namedKinds[m[2]] && unicode.IsUpper([]rune(term)[0]) && wordCount(term) <= 3
		if (emph[normKey(term)] || named) && !proseSubjectStop[firstWord(term)] {
			if named {
				term += " " + m[2]
			}
			return term, true
		}
	}
	body := s
	if leadClauseFirst[firstWord(s)] && strings.Contains(s, ", ") {
		body = leadClauseRE.ReplaceAllString(s, "")
	}
	if q := strings.IndexAny(body[:min(len(body), 6+len("\u201c"))], "\"\u201c"); q < 0 || q > 6 {
	} else if m := quotedSubjectRE.FindStringSubmatch(body); m != nil && wordCount(m[1]) <= 5 && !proseSubjectStop[firstWord(m[1])] {
		if t := capFirst(strings.TrimSpace(m[1])); x.goodTerm(t, false) {
			return t, true
		}
	}
	if c := strings.Index(body, ", "); c < 0 || c > 40 {
	} else if m := participleSubjectRE.FindStringSubmatch(body); m != nil && describingVerbs.match(m[2]) && (emph[normKey(m[1])] || overlaps(m[1], ctxTokens)) && x.goodTerm(m[1], false) {
		return m[1], true
	}
	if subj := articleVerbSubject(body); subj != "" && !proseSubjectStop[firstWord(subj)] {
		if t := capFirst(subj); (emph[normKey(subj)] || overlaps(subj, ctxTokens)) && x.goodTerm(t, false) {
			return t, true
		}
	}
	if !strings.Contains(body, " when ") && !strings.Contains(body, " if ") {
	} else if m := whenVerbRE.FindStringSubmatch(body); m != nil {
		term := trimQuotes(strings.TrimSpace(m[1]))
		if wordCount(term) <= 4 && !proseSubjectStop[firstWord(term)] && (emph[normKey(term)] || overlaps(term, ctxTokens)) && x.goodTerm(capFirst(term), false) {
			return capFirst(term), true
		}
	}
	// The subject is short: the verb comes early or not at all.
	head := body
	if len(head) > 140 {
		head = head[:140]
	}
	if !hasDefiningVerb(head) {
		return "", false
	}
	if len(head) < len(body) {
		cut := len(head)
		for cut < len(body) && body[cut] != ' ' {
			cut++
		}
		head = body[:cut]
	}
	m = proseDefMatch(head)
	if m == nil {
		return "", false
	}
	subj := strings.TrimSpace(m[1])
	if nameWords[firstWord(subj)] && wordCount(subj) >= 2 {
		// "The term cache stampede refers to …": the name follows.
		subj = strings.TrimSpace(subj[strings.IndexByte(subj, ' ')+1:])
	}
	if wordCount(subj) > 4 || proseSubjectStop[firstWord(subj)] || strings.Contains(subj, "'s ") || strings.Contains(subj, "’s ") {
		return "", false // "Google's approach is …" names an instance, not a concept
	}
	ws := strings.Fields(strings.ToLower(subj))
	if last := strings.Trim(ws[len(ws)-1], "\"'"); proseSubjectStop[last] && !(last == "key" && len(ws) >= 2) {
		return "", false // "The main benefit is …"; but "An SSH key is …", "A primary key is …"
	}
	if sw := strings.Fields(subj); len(sw) >= 2 && strings.HasSuffix(ws[0], "ing") && unicode.IsUpper([]rune(sw[1])[0]) {
		return "", false // "Learning Python involves …": an activity on a named thing
	}
	if fw := firstWord(subj); imperativeVerbs[fw] && !strings.HasSuffix(fw, "ing") && !(nounVerbs[fw] && emph[normKey(subj)]) {
		return "", false // "Use … is": advice; a bold "Cache hit ratio is …" still names a term
	}
	strong := m[3] == "refers to" || m[3] == "is defined as" || m[3] == "stands for" || m[3] == "is a term for"
	if !strong && !emph[normKey(subj)] && !overlaps(subj, ctxTokens) {
		return "", false
	}
	if wordCount(m[4]) < 3 || evaluativeWords.matchFirst(m[4]) {
		return "", false
	}
	term := trimQuotes(subj)
	if m[2] != "" && wordCount(m[2]) <= 4 {
		term = term + " (" + m[2] + ")"
	}
	if !x.goodTerm(capFirst(term), false) {
		return "", false
	}
	return capFirst(term), true
}

// nameWords introduce a name in "The term X refers to …".
var nameWords = map[string]bool{"term": true, "word": true, "phrase": true, "expression": true, "acronym": true, "abbreviation": true}

// capFirst upper-cases the first letter unless the term is code-like.
func capFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || strings.ContainsAny(s, "-_./") && !unicode.IsUpper(r[0]) && strings.ToLower(s) == s && !strings.Contains(s, " ") {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// overlaps reports whether s shares a content word with the token set.
func overlaps(s string, toks map[string]bool) bool {
	for _, w := range strings.Fields(normKey(s)) {
		if len(w) > 2 && toks[w] {
			return true
		}
		if len(w) > 3 && toks[strings.TrimSuffix(w, "s")] {
			return true
		}
		if toks[w+"s"] {
			return true
		}
	}
	return false
}

// emphasised returns the normalised texts of strong/em/b/i/code/dfn/q
// elements under n.
func emphasised(n *xhtml.Node) map[string]bool {
	out := map[string]bool{}
	var visit func(m *xhtml.Node)
	visit = func(m *xhtml.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Strong, atom.B, atom.Em, atom.I, atom.Code, atom.Dfn, atom.Q, atom.Mark:
				out[normKey(textOf(c, textOpts{}))] = true
			}
			visit(c)
		}
	}
	visit(n)
	return out
}

// dfns turns <dfn> terms into definitions: the sentence holding the term.
func (x *extractor) dfns(p *xhtml.Node, text string) bool {
	found := false
	var visit func(m *xhtml.Node)
	visit = func(m *xhtml.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			if c.DataAtom == atom.Dfn {
				term := strings.TrimSpace(attr(c, "title"))
				if term == "" {
					term = x.text(c)
				}
				dt := x.text(c)
				rest := text
				for rest != "" {
					s := firstSentence(rest)
					rest = strings.TrimSpace(rest[len(s):])
					if strings.Contains(s, dt) {
						if wordCount(s) > wordCount(term)+3 && x.add(Item{Kind: Definition, Term: capFirst(trimQuotes(term)), Definition: s, DefinitionHTML: escapeText(s)}) {
							found = true
						}
						break
					}
				}
				continue
			}
			visit(c)
		}
	}
	visit(p)
	return found
}

// dl handles a description list: FAQ pairs in an FAQ section or when the
// terms are questions, else a glossary.
func (x *extractor) dl(d *xhtml.Node) {
	if hasClassLike(d, "sig", "py ", "function", "method", "field-list", "option-list", "footnote", "citation", "docutils") && !hasClassLike(d, "glossary") {
		return
	}
	var terms []*xhtml.Node
	flush := func(dd *xhtml.Node) {
		if len(terms) == 0 {
			return
		}
		ans, ansHTML := textHTMLOf(dd, textOpts{})
		for _, dt := range terms {
			t := cleanHeading(x.text(dt))
			if t == "" || ans == "" {
				continue
			}
			if x.faqLevel > 0 || x.inFAQBox > 0 || strings.HasSuffix(t, "?") {
				x.add(Item{Kind: FAQ, Question: t, Answer: ans, AnswerHTML: ansHTML})
				continue
			}
			code := isCode(firstElem(dt))
			term := cleanTerm(t, code)
			if term == "" || wordCount(term) > 8 || strings.HasSuffix(term, ".") || wordCount(ans) < 3 || crossRefRE.MatchString(ans) {
				continue
			}
			x.add(Item{Kind: Definition, Term: term, Definition: ans, DefinitionHTML: ansHTML})
		}
		terms = terms[:0]
	}
	for c := d.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Dt:
			terms = append(terms, c)
		case atom.Dd:
			flush(c)
		case atom.Div: // <div><dt/><dd/></div> groups
			for g := c.FirstChild; g != nil; g = g.NextSibling {
				if g.Type == xhtml.ElementNode && g.DataAtom == atom.Dt {
					terms = append(terms, g)
				} else if g.Type == xhtml.ElementNode && g.DataAtom == atom.Dd {
					flush(g)
				}
			}
		}
	}
}

// crossRefRE matches glossary entries that only point elsewhere.
var crossRefRE = regexp.MustCompile(`^(?:See|See also|Synonym of|Same as|Alias for)\b[^.]{0,60}\.?$`)

// termHeaderRE and defHeaderRE recognise glossary table headers.
var (
	termHeaderRE = regexp.MustCompile(`(?i)^(term|terms|name|concept|word|command|option|flag|field|parameter|key|property|abbreviation|acronym|keyword|jargon|status|code|method|setting|element|attribute|variable|argument|function|directive|event|header|metric|error|exception|class|endpoint)s?$`)
	defHeaderRE  = regexp.MustCompile(`(?i)^(definition|definitions|meaning|description|explanation|stands for|purpose|what it means|what it does|summary|use|used for)$`)
)

// table handles two-column term/definition tables.
func (x *extractor) table(t *xhtml.Node) {
	var rows [][]*xhtml.Node
	var header []string
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				var cells []*xhtml.Node
				allTH := true
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.Type == xhtml.ElementNode && (d.DataAtom == atom.Td || d.DataAtom == atom.Th) {
						cells = append(cells, d)
						if d.DataAtom != atom.Th {
							allTH = false
						}
					}
				}
				if allTH && header == nil && len(rows) == 0 {
					for _, d := range cells {
						header = append(header, x.text(d))
					}
					continue
				}
				rows = append(rows, cells)
			case atom.Table:
				continue
			default:
				visit(c)
			}
		}
	}
	visit(t)
	if len(rows) < 2 {
		return
	}
	// Two columns, or a reference table whose header names a term column
	// and a description column among others ("Option | Default |
	// Description").
	ti, di, cols := 0, 1, 2
	if len(header) >= 3 {
		ti, di, cols = -1, -1, len(header)
		for i, h := range header {
			h = strings.TrimSpace(h)
			if ti < 0 && termHeaderRE.MatchString(h) {
				ti = i
			} else if di < 0 && defHeaderRE.MatchString(h) {
				di = i
			}
		}
		if ti < 0 || di < 0 {
			return
		}
	}
	for _, r := range rows {
		if len(r) != cols {
			return
		}
	}
	named := len(header) >= 3 || len(header) == 2 && termHeaderRE.MatchString(header[0]) && defHeaderRE.MatchString(header[1])
	if !named {
		if len(header) == 2 && (defHeaderRE.MatchString(header[1]) == false) {
			return
		}
		long := 0
		for _, r := range rows {
			if wordCount(textOf(r[0], textOpts{})) > 5 {
				return
			}
			if wordCount(textOf(r[1], textOpts{})) >= 6 {
				long++
			}
		}
		if long*2 < len(rows) {
			return
		}
	}
	for _, r := range rows {
		code := isCode(firstElem(r[ti]))
		term := cleanTerm(textOf(r[ti], textOpts{}), code)
		def, defHTML := textHTMLOf(r[di], textOpts{})
		if term == "" || wordCount(def) < 3 || wordCount(term) > 8 {
			continue
		}
		x.add(Item{Kind: Definition, Term: term, Definition: def, DefinitionHTML: defHTML})
	}
}

// paragraph handles one <p>.
func (x *extractor) paragraph(p *xhtml.Node) {
	text := x.text(p)
	prose := x.prose
	x.prose = nil
	if text == "" {
		x.prose = prose
		return
	}
	defer func() {
		if x.prose == nil {
			x.proseFirst = false
		}
	}()
	if x.faqLevel > 0 || x.inFAQBox > 0 {
		if x.faqParagraph(p, text) || x.faqLevel > 0 {
			return
		}
	} else if qMarkerRE.MatchString(text) && x.faqParagraph(p, text) {
		return // "Q: … A: …" marks a question anywhere
	}
	if f := firstElem(p); isBold(f) || isCode(f) || isItalic(f) {
		if x.labelParagraph(p, f, text) {
			return
		}
	}
	if strings.Count(text, ",") >= 2 { // else acronymLists finds nothing
		ctx := ""
		for _, h := range x.heads {
			ctx += " " + h.text
		}
		if prev := prevElem(p); prev != nil {
			ctx += " " + x.text(prev)
		}
		x.acronymLists(text, ctx)
	}
	if prose != nil && x.headingProse(prose, p, text, x.proseFirst) {
		return
	}
	if prose != nil && x.proseFirst {
		x.prose, x.proseFirst = prose, false
	}
	if x.dfns(p, text) {
		return
	}
	if f := firstElem(p); isBold(f) {
		// "<b>Definition 3.3</b> A channel is …": the sentence after a
		// bare formal label defines.
		lt := x.text(f)
		if kind, name, ok := formalLabel(lt); ok && kind == "definition" && name == "" && strings.HasPrefix(text, lt+" ") {
			text = text[len(lt)+1:]
		}
	}
	x.proseDefs(p, text)
}

// definingSentenceRE matches the copula of a definition.
var definingSentenceRE = regexp.MustCompile(`\b(?:is an?|is the|are an?|refers to|means|is defined as|describes)\b`)

// definingScore rates how much a back defines its term, to choose between
// two occurrences of one concept: "A … that …" and "X is a …" beat
// benefit statements ("Embracing X …") and judgements ("Ideal for …").
func definingScore(term, def string) int {
	first := firstSentence(def)
	score := 0
	if articleOpen(first) {
		score += 2
	}
	if definingSentenceRE.MatchString(first) {
		score += 2
	}
	fw := firstWord(first)
	if strings.HasSuffix(fw, "ing") && fw != firstWord(term) {
		score -= 3
	}
	if qualityOpenWords.matchFirst(first) || conditionalOpen(first) || imperativeVerbs[fw] {
		score -= 2
	}
	return score
}

// hasDefiningVerb is a cheap pre-test for proseDefRE.
func hasDefiningVerb(s string) bool {
	// One pass over the spaces instead of a search per verb: " is ",
	// " are ", " refers to ", " means ", " describes ", " involves ",
	// " represents ", " stands for ".
	for i := strings.IndexByte(s, ' '); i >= 0 && i+1 < len(s); {
		r := s[i+1:]
		switch r[0] {
		case 'i':
			if strings.HasPrefix(r, "is ") || strings.HasPrefix(r, "involves ") {
				return true
			}
		case 'a':
			if strings.HasPrefix(r, "are ") {
				return true
			}
		case 'r':
			if strings.HasPrefix(r, "refers to ") || strings.HasPrefix(r, "represents ") {
				return true
			}
		case 'm':
			if strings.HasPrefix(r, "means ") {
				return true
			}
		case 'd':
			if strings.HasPrefix(r, "describes ") {
				return true
			}
		case 's':
			if strings.HasPrefix(r, "stands for ") {
				return true
			}
		}
		j := strings.IndexByte(r, ' ')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// describingVerbs open a back that says what its term does ("Stores the
// content of a file."): third-person verbs of description.
var describingVerbs = newWordSet("acts", "adds", "allows", "assigns", "builds", "captures", "checks",
	"collects", "combines", "compares", "consists", "contains", "controls", "converts", "counts", "creates",
	"defines", "delivers", "denotes", "describes", "determines", "directs", "distributes", "divides",
	"enables", "encodes", "ensures", "executes", "groups", "handles", "holds", "identifies", "includes",
	"indicates", "integrates", "involves", "keeps", "lets", "limits", "lists", "maintains", "manages",
	"maps", "marks", "measures", "means", "moves", "points", "prevents", "processes", "produces",
	"provides", "records", "reduces", "refers", "removes", "represents", "returns", "routes", "runs",
	"sends", "separates", "serves", "sets", "specifies", "splits", "stores", "tracks", "transforms",
	"treats", "turns", "uses", "validates",
	// what commands do
	"applies", "compiles", "copies", "deletes", "displays", "downloads", "fetches", "installs", "merges",
	"outputs", "prints", "reads", "renames", "replays", "resets", "restores", "reverts", "rewrites", "saves",
	"shows", "starts", "stops", "switches", "undoes", "updates", "uploads", "writes")

// pronounVerbRE matches "This is …", "It involves …", "These include …".
var pronounVerbRE = regexp.MustCompile(`^(?:This|It|These|They)\s+(?:\w+ly\s+)?(?:is|are|was|refers|refer|means|mean|involves|involve|includes|include|describes|describe|represents|represent|lets|allows|enables|provides|consists|covers|encompasses|stores|acts|works|uses|helps)\b`)

// definitionalBack reports whether def reads as a definition of term: a
// noun phrase ("A file that …"), "X is a …", "This involves …", a
// describing verb ("Stores …") or an activity ("Testing each unit …").
// Weak patterns (a bold line over a one-item list) must pass it.
func definitionalBack(term, def string) bool {
	first := firstSentence(def)
	if strings.HasPrefix(first, "A ") || strings.HasPrefix(first, "An ") || pronounVerbRE.MatchString(first) {
		return true
	}
	if definingSentenceRE.MatchString(first) || describingVerbs.matchFirst(first) {
		return true
	}
	fw := firstWord(first)
	return strings.HasSuffix(fw, "ing") && len(fw) > 5 && fw != firstWord(term)
}

// conceptKey identifies a term's concept for merging duplicates within an
// article: "Local Repository (Git Directory)" and "Local Repository",
// "Service Mesh" and "Service Meshes" are one card.
func conceptKey(term string) string {
	k := normKey(stripArticle(dropParens(term)))
	if k == "" {
		k = normKey(term)
	}
	if strings.HasSuffix(k, "ies") && len(k) > 4 {
		return k[:len(k)-3] + "y"
	}
	if strings.HasSuffix(k, "es") && (strings.HasSuffix(k, "shes") || strings.HasSuffix(k, "ches") || strings.HasSuffix(k, "sses") || strings.HasSuffix(k, "xes")) {
		return k[:len(k)-2]
	}
	if strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") && len(k) > 3 {
		return k[:len(k)-1]
	}
	return k
}

// agreeingVerbs are bare verbs that, after a plural term, describe what
// the things do ("Circuit Breakers: Prevent …") rather than advise.
var agreeingVerbs = map[string]bool{
	"provide": true, "prevent": true, "isolate": true, "store": true, "represent": true, "enable": true,
	"allow": true, "handle": true, "ensure": true, "contain": true, "define": true, "describe": true,
	"hold": true, "route": true, "distribute": true, "deliver": true, "process": true, "execute": true,
	"convert": true, "encode": true, "map": true, "return": true, "serve": true, "act": true,
	"consist": true, "point": true, "separate": true, "transform": true, "produce": true, "decouple": true,
	"expose": true, "carry": true, "receive": true, "emit": true, "persist": true,
}

// pluralSubject reports whether term is a plural noun phrase ("Message
// Queues"): a bare verb after it agrees with it ("Provide reliable
// delivery") and describes, rather than instructs.
func pluralSubject(term string) bool {
	ws := strings.Fields(term)
	if len(ws) == 0 || wordCount(term) > 4 {
		return false
	}
	last := strings.ToLower(strings.Trim(ws[len(ws)-1], ")(\"'"))
	return len(last) > 3 && strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") &&
		!strings.HasSuffix(last, "us") && !strings.HasSuffix(last, "is") && !imperativeVerbs[strings.ToLower(ws[0])]
}

// codeSubject reports whether sentence s, the first of paragraph p, opens
// with inline code or emphasis sharing a word with term, followed by a
// defining or describing verb: "`git rebase -i` allows you to …" under
// "Interactive Rebase".
func (x *extractor) codeSubject(p *xhtml.Node, s, term string) bool {
	e := x.leadingEmphasis(p, s)
	if e == "" || !overlaps(e, tokenSet(term)) {
		return false
	}
	ns, ne := normKey(stripArticle(s)), normKey(e)
	if !strings.HasPrefix(ns, ne+" ") {
		return false
	}
	after := ns[len(ne)+1:]
	return definingVerbRE.MatchString(" "+after) && wordCount(after) >= 4 || describingVerbs.matchFirst(after)
}

// usedForRE matches a first sentence describing use: "Primarily used in
// open-source projects."
var usedForRE = regexp.MustCompile(`^(?:(?:Primarily|Commonly|Often|Typically|Mostly|Usually|Mainly|Generally|Widely)\s+)?(?:used|designed|intended|employed|applied)\s+(?:in|for|to|by|when|with)\b`)

// descriptionOpening reports whether the first sentence of a section
// titled by term describes it without naming it: "This is the simplest
// workflow, …", "Perhaps the most common workflow, …", "Primarily used
// in …", or an activity ("Storing frequently accessed data in …" under
// "Caching").
func descriptionOpening(s, term string) bool {
	n := wordCount(s)
	if n < 5 || n > 45 {
		return false
	}
	ws := strings.Fields(s)
	tw := strings.Fields(normKey(dropParens(term)))
	if strings.HasPrefix(s, "This is a ") || strings.HasPrefix(s, "This is an ") || strings.HasPrefix(s, "This is the ") {
		// "This is the simplest workflow, …" under "Centralized Workflow":
		// the predicate names the term's kind. "This is the primary method
		// …" praises; the next sentence may define.
		pred := s[strings.Index(s, " is ")+4:]
		if evaluativeWords.matchFirst(stripArticle(pred)) || len(tw) < 2 {
			return false
		}
		head := strings.TrimSuffix(tw[len(tw)-1], "s")
		for j := 3; j < len(ws) && j < 8; j++ {
			if strings.TrimSuffix(normKey(ws[j]), "s") == head {
				return true
			}
		}
		return false
	}
	if usedForRE.MatchString(s) {
		return true
	}
	// A noun phrase headed by the term's own head noun.
	if len(tw) >= 2 {
		headNoun := strings.TrimSuffix(tw[len(tw)-1], "s")
		k := 0
		if adv := strings.ToLower(ws[0]); adv == "perhaps" || adv == "probably" || adv == "arguably" || adv == "essentially" || adv == "basically" {
			k = 1
		}
		if k < len(ws) {
			if a := strings.ToLower(ws[k]); a == "the" || a == "a" || a == "an" {
				for j := k + 1; j < len(ws) && j <= k+5; j++ {
					w := strings.TrimSuffix(normKey(ws[j]), "s")
					if w == headNoun {
						return true
					}
					if strings.HasSuffix(ws[j], ",") || strings.HasSuffix(ws[j], ".") {
						break
					}
				}
			}
		}
	}
	// An activity named by an activity: "Storing …" under "Caching",
	// "Leveraging …" under "… (AIOps)" (not "Using X, you …").
	fw := ws[0]
	activity := len(tw) > 0 && strings.HasSuffix(tw[len(tw)-1], "ing") || acronymInTermRE.MatchString(term)
	if activity && len(fw) > 5 && strings.HasSuffix(fw, "ing") && unicode.IsUpper([]rune(fw)[0]) && !tokenSet(term)[normKey(fw)] {
		if w, ok := predicateWord(s); ok && (evaluativeWords.matchFirst(w) || qualityOpenWords.matchFirst(w)) || strings.Contains(s, " requires ") {
			return false // "Testing … is more challenging …": a judgement
		}
		for j := 0; j < len(ws) && j < 5; j++ {
			if strings.HasSuffix(ws[j], ",") {
				return false
			}
		}
		return true
	}
	return false
}

// verbLeadIn reports whether a lead-in ends in a verb the items complete
// ("AI/ML models can:", "It lets you:"): the items are then verb phrases
// describing capabilities, not instructions.
func verbLeadIn(lead string) bool {
	if !strings.HasSuffix(lead, ":") {
		return false
	}
	switch lastWord(lead) {
	case "can", "will", "to", "may", "must":
		return true
	}
	return false
}

// holdsList reports whether n is or contains a ul, ol or dl.
func holdsList(n *xhtml.Node) bool {
	if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol || n.DataAtom == atom.Dl) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsList(c) {
			return true
		}
	}
	return false
}
