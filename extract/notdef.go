package extract

import "strings"

// Backs that read like definitions but teach no concept: a bare
// prescription, a sentence about something else that merely has or
// enables the term, or a verb that restates the front. Each test works on
// any text; none knows a domain.

// obligationModals make a clause a prescription: "Services should be
// versioned …", "A service must handle …".
var obligationModals = map[string]bool{"should": true, "must": true, "ought": true, "shall": true}

// clauseCueWords, before the modal, show that the modal sits in a
// subordinate or defining clause ("A ratio that must stay low", "How long
// an entry stays valid before it must be refreshed"): the sentence may
// still define.
var clauseCueWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "refers": true, "means": true, "that": true,
	"which": true, "who": true, "whom": true, "whose": true, "where": true, "when": true, "if": true,
	"describes": true, "denotes": true, "defines": true, "called": true, "known": true,
	"before": true, "after": true, "until": true, "unless": true, "because": true, "since": true,
	"while": true, "once": true, "although": true, "though": true, "so": true, "than": true, "how": true,
	"what": true, "why": true, "whether": true, "whenever": true, "whereby": true,
}

// explainingWords find a gloss inside a prescription ("Services should
// be autonomous, meaning they …"): the modal then states a principle
// and the gloss explains it.
var explainingWords = newWordSet("meaning", "which means", "i.e", "that is", "in other words", "so that")

// prescription reports whether def only tells what should be done to
// something other than the term: the first sentence's main verb is a
// modal of obligation, its subject shares no word with the term, nothing
// glosses it, and whatever follows is only an example. A principle
// explained in a further sentence ("This means …") is kept, and so is a
// standard for the term itself ("Goals should be specific, …" under
// "SMART Goals").
func prescription(term, def string) bool {
	first := firstSentence(def)
	if !strings.Contains(first, "should") && !strings.Contains(first, "must") && !strings.Contains(first, "ought") && !strings.Contains(first, "shall") {
		return false // the common case, without splitting words
	}
	if conditionalOpen(first) {
		return false
	}
	ws := words(first)
	modal := -1
	for i, w := range ws {
		if i >= 12 {
			break
		}
		if obligationModals[w] {
			modal = i
			break
		}
		if clauseCueWords[w] {
			return false
		}
	}
	if modal < 1 || explainingWords.match(first) || overlaps(strings.Join(ws[:modal], " "), tokenSet(term)) {
		return false
	}
	rest := strings.TrimSpace(def[len(first):])
	return rest == "" || exampleOpen(rest)
}

// exampleOpen reports whether s opens with an example marker.
func exampleOpen(s string) bool {
	for _, p := range []string{"For example", "For instance", "E.g.", "e.g.", "Example:", "Examples:", "Such as"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// possessionVerbs link a subject to the term as its object: "Databases
// often have internal caching", "Event streams enable real-time
// processing".
var possessionVerbs = map[string]bool{
	"have": true, "has": true, "enable": true, "enables": true, "allow": true, "allows": true,
	"support": true, "supports": true, "gain": true, "gains": true, "get": true, "gets": true,
}

// anaphoricOpeners refer back to the term, so what follows is about it.
var anaphoricOpeners = map[string]bool{"it": true, "this": true, "these": true, "they": true, "its": true, "their": true}

// termAsObject reports whether the first sentence is about something else
// that has or enables the term: the term's head noun is not in the
// subject and turns up only after the verb ("Databases have internal
// caching" under "Database Cache"). Such a sentence
// names a property of the subject; it does not say what the term is.
func termAsObject(term, first string) bool {
	if !possessionVerbNear(first) {
		return false // the common case, without splitting words
	}
	ws := strings.Fields(dropParens(first))
	if len(ws) < 3 || anaphoricOpeners[strings.ToLower(ws[0])] {
		return false
	}
	tw := words(dropParens(term))
	if len(tw) == 0 {
		return false
	}
	stem := headStem(tw[len(tw)-1])
	if len(stem) < 4 {
		return false
	}
	for v := 1; v < len(ws) && v <= 4; v++ {
		w := strings.ToLower(strings.Trim(ws[v], ",;:"))
		if clauseCueWords[w] {
			return false
		}
		if !possessionVerbs[w] {
			continue
		}
		for _, o := range ws[:v] {
			if strings.HasPrefix(strings.ToLower(o), stem) {
				return false // the term's own head is the subject
			}
		}
		for _, o := range ws[v+1:] {
			if strings.HasPrefix(strings.ToLower(o), stem) {
				return true
			}
		}
		return false
	}
	return false
}

// possessionVerbNear reports whether one of the second to eighth words of
// s is a possession verb (a parenthesis may push the verb back).
func possessionVerbNear(s string) bool {
	for i, w := 0, 0; i < len(s) && w < 8; w++ {
		j := strings.IndexByte(s[i:], ' ')
		end := len(s)
		if j >= 0 {
			end = i + j
		}
		if w > 0 && end-i >= 3 && end-i <= 8 {
			t := strings.TrimRight(s[i:end], ",;:")
			if possessionVerbs[t] || possessionVerbs[strings.ToLower(t)] {
				return true
			}
		}
		if j < 0 {
			break
		}
		i = end + 1
	}
	return false
}

// headStem cuts the inflection off a head noun so that "cache" finds
// "caching" and "databases" finds "database".
func headStem(w string) string {
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 6:
		return w[:len(w)-3]
	case strings.HasSuffix(w, "ies") && len(w) > 5:
		return w[:len(w)-3]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 4:
		w = w[:len(w)-1]
	}
	return strings.TrimSuffix(w, "e")
}

// nominalSuffixes turn a verb into the one-word term ("Optimization").
var nominalSuffixes = []string{"ization", "isation", "ation", "ition", "ment"}

// verbRestatesTerm reports whether a one-word nominal term is explained
// by its own verb near the start of the back ("Optimization: Continuously
// learn and optimize …"): the card restates its front. A back that opens
// with the term itself ("Optimization is …") is not one.
func verbRestatesTerm(term, def string) bool {
	if strings.ContainsAny(strings.TrimSpace(term), " -/") {
		return false
	}
	t := strings.ToLower(dropParens(term))
	stem := ""
	for _, suf := range nominalSuffixes {
		if strings.HasSuffix(t, suf) {
			stem = t[:len(t)-len(suf)]
			break
		}
	}
	if len(stem) < 5 {
		return false
	}
	ws := words(firstSentence(def))
	if len(ws) > 0 && ws[0] == t {
		return false
	}
	for i, w := range ws {
		if i >= 6 {
			break
		}
		if rest, ok := strings.CutPrefix(w, stem); ok {
			switch rest {
			case "ize", "izes", "ise", "ises", "e", "es", "ate", "ates":
				return true
			}
		}
	}
	return false
}

// otherSubject reports whether the first sentence opens with a noun
// phrase, not the term, that does something: "A comprehensive onboarding
// checklist ensures …" under "Onboarding" is about a checklist. A
// relative clause or preposition before the verb ("A file that stores
// …", "A copy of …") leaves it a defining noun phrase.
func otherSubject(term, def string) bool {
	ws := strings.Fields(firstSentence(def))
	if len(ws) < 3 || ws[0] != "A" && ws[0] != "An" && ws[0] != "The" {
		return false
	}
	tw := words(dropParens(term))
	if len(tw) == 0 {
		return false
	}
	stem := headStem(tw[len(tw)-1])
	for i := 1; i < len(ws) && i <= 7; i++ {
		w := strings.ToLower(ws[i])
		if strings.HasSuffix(w, ",") || strings.HasPrefix(w, "(") || clauseCueWords[w] || functionWords[w] || w == "of" {
			return false
		}
		if describingVerbs.matchFirst(w) || strings.HasSuffix(w, "s") && benefitTermWords.matchFirst(w) {
			return i >= 2 && !strings.HasPrefix(strings.ToLower(ws[i-1]), stem)
		}
	}
	return false
}
