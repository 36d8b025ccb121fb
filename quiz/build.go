package quiz

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/feedcards/feedcards/extract"
)

// BuildOptions tune how items become notes.
type BuildOptions struct {
	Reverse bool // definitions also get a reverse card (definition → term)
}

// maxClozeSteps is the longest ordered list that also gets cloze cards.
const maxClozeSteps = 12

// base91Alphabet is the alphabet of Anki's guid64/base91: ASCII letters
// (lower case first), digits, then 29 punctuation characters.
const base91Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"

// NoteID returns the stable ID of the note that item it becomes as note type
// t; it is also the note's Anki GUID (design/ANKI.md §2.7): the base-91
// encoding of the first 8 bytes of SHA-256 over "feedcards", the entry id
// (or the article URL when there is none), the stable card key (heading
// path, kind and normalised prompt) and the note family of t, separated by
// U+001F. It never depends on the answer text or the item's position.
//
// The family, not the type, is hashed: Basic and BasicReverse are one family
// ("basic"), so toggling --reverse keeps the note, its forward card and the
// card's review history, and only adds or orphans the reverse card. Cloze is
// its own family: Anki treats a GUID whose note type switches between Basic
// and Cloze as a conflict.
func NoteID(it extract.Item, t NoteType) string { return noteID(it, t, normKey(it.Front())) }

// noteID is NoteID with the item's normalised prompt already computed.
func noteID(it extract.Item, t NoteType, front string) string {
	h := sha256.New()
	for i, part := range []string{"feedcards", sourceKey(it.Source), cardKey(it, front), noteFamily(t)} {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		h.Write([]byte(part))
	}
	sum := h.Sum(nil)
	return base91(binary.BigEndian.Uint64(sum[:8]))
}

// noteFamily is the part of a note type that is part of a note's identity:
// "basic" for Basic and BasicReverse (the reverse card is an optional extra
// of the same note), else the type itself.
func noteFamily(t NoteType) string {
	if t == BasicReverse {
		return string(Basic)
	}
	return string(t)
}

// sourceKey names the article an item comes from.
func sourceKey(s extract.Source) string {
	if s.EntryID != "" {
		return s.EntryID
	}
	return s.URL
}

// cardKey is the part of an item's identity inside its article: the
// normalised heading path, the kind and the normalised prompt front.
func cardKey(it extract.Item, front string) string {
	var b strings.Builder
	for i, h := range it.Context {
		if i > 0 {
			b.WriteByte(0x1e)
		}
		b.WriteString(normKey(h))
	}
	b.WriteByte(0x1f)
	b.WriteString(string(it.Kind))
	b.WriteByte(0x1f)
	b.WriteString(front)
	return b.String()
}

func base91(n uint64) string {
	if n == 0 {
		return base91Alphabet[:1]
	}
	var buf [10]byte // 91^10 > 2^64
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = base91Alphabet[n%91]
		n /= 91
	}
	return string(buf[i:])
}

// foldRunes maps typographic variants to their ASCII forms before comparing.
var foldRunes = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`,
	"\u2013", "-", "\u2014", "-", "\u00a0", " ",
)

// normKey normalises a prompt for identity and duplicate detection: case,
// accents, typographic quotes and dashes, whitespace, wrapping quotes and
// trailing punctuation are ignored; other punctuation is kept, so "C++" and
// "C#", ".git" and "git" stay apart.
func normKey(s string) string {
	if !isASCII(s) {
		s = norm.NFKD.String(foldRunes.Replace(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || (r >= utf8.RuneSelf && unicode.IsSpace(r)):
			space = b.Len() > 0
			continue
		case r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Trim(strings.TrimRight(b.String(), " .:;,!?"), `"'`)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// slug makes a tag from a title: lower-case ASCII letters and digits joined
// by dashes, at most 48 bytes, cut at a dash.
func slug(s string) string {
	if !isASCII(s) {
		s = norm.NFKD.String(foldRunes.Replace(s))
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r), r == '\'':
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 48 {
		out = out[:48]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

// deckTag is the deck name as a tag: each "::" level slugged.
func deckTag(deck string) string {
	var parts []string
	for _, p := range strings.Split(deck, "::") {
		if s := slug(p); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "::")
}

// usable reports whether an item has what its kind needs to make a card.
func usable(it extract.Item) bool {
	switch it.Kind {
	case extract.FAQ:
		return strings.TrimSpace(it.Question) != "" && strings.TrimSpace(it.Answer) != ""
	case extract.Definition:
		return strings.TrimSpace(it.Term) != "" && strings.TrimSpace(it.Definition) != ""
	case extract.List:
		return len(nonEmpty(it.Items)) >= 2
	}
	return false
}

func nonEmpty(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// noteTypeOf is the note type an item becomes.
func noteTypeOf(it extract.Item, opt BuildOptions) NoteType {
	switch {
	case it.Kind == extract.Definition && opt.Reverse:
		return BasicReverse
	case it.Kind == extract.List && it.Ordered && len(nonEmpty(it.Items)) <= maxClozeSteps:
		return Cloze
	}
	return Basic
}

// BuildNotes turns a deck's items into notes, in the order the items come
// (document order), skipping items that cannot make a card. Duplicates
// become one note that lists every source: items with the same ID, and the
// same normalised question or term (same kind) seen in another article of
// the deck. Within one article the same term under two headings stays two
// notes (their fronts carry the heading as context).
//
// It runs in time linear in the number of items (plus sorting each note's
// tags once), however many articles repeat the same question.
func BuildNotes(deck string, items []extract.Item, opt BuildOptions) []Note {
	var notes []Note
	byID := map[string]int{}
	byFront := map[string][]int{}
	type noteArticle struct {
		note    int
		article string
	}
	linked := map[noteArticle]bool{} // article already among the note's sources
	link := func(i int, s extract.Source) {
		k := noteArticle{i, sourceKey(s)}
		if !linked[k] {
			linked[k] = true
			notes[i].Sources = append(notes[i].Sources, s)
		}
	}
	for _, it := range items {
		if !usable(it) {
			continue
		}
		t := noteTypeOf(it, opt)
		front := normKey(it.Front())
		id := noteID(it, t, front)
		if i, ok := byID[id]; ok {
			link(i, it.Source)
			continue
		}
		key := string(it.Kind) + "\x1f" + front
		merged := false
		for _, i := range byFront[key] {
			if !linked[noteArticle{i, sourceKey(it.Source)}] {
				link(i, it.Source)
				merged = true
				break
			}
		}
		if merged {
			continue
		}
		notes = append(notes, Note{ID: id, Deck: deck, Type: t, Item: it})
		i := len(notes) - 1
		link(i, it.Source)
		byID[id] = i
		byFront[key] = append(byFront[key], i)
	}
	// Tags once per note, each title slugged once.
	dt := deckTag(deck)
	slugs := map[string]string{}
	for i := range notes {
		n := &notes[i]
		tags := make([]string, 0, len(n.Sources)+1)
		if dt != "" {
			tags = append(tags, dt)
		}
		for _, src := range n.Sources {
			t, ok := slugs[src.Title]
			if !ok {
				t = slug(src.Title)
				slugs[src.Title] = t
			}
			if t != "" {
				tags = append(tags, t)
			}
		}
		slices.Sort(tags)
		if tags = slices.Compact(tags); len(tags) > 0 {
			n.Tags = slices.Clip(tags)
		}
	}
	return notes
}

// ClozeTemplate returns the template of the i-th cloze card (1-based).
func ClozeTemplate(i int) Template { return Template("cloze" + strconv.Itoa(i)) }

// ClozeIndex returns i for the template "cloze<i>", and false for any other.
func ClozeIndex(t Template) (int, bool) {
	s, ok := strings.CutPrefix(string(t), "cloze")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 1 || strconv.Itoa(i) != s {
		return 0, false
	}
	return i, true
}

var (
	enumerator   = regexp.MustCompile(`^(?:\d+|[IVXivx]+|[A-Za-z])[.)]\s+`)
	labelPrefix  = regexp.MustCompile(`(?i)^(?:step|principle|part|phase|stage|chapter|section|tip|rule|pillar|level|pattern|strategy|method|technique|law|habit|lesson|mistake|myth|trend)\s+\d+$`)
	leadingThe   = regexp.MustCompile(`(?i)^the\s+`)
	trailingStop = regexp.MustCompile(`[\s:]+$`)
)

// shortHeading shortens a heading for a breadcrumb: no enumerator ("3. "),
// and no subtitle after a colon ("How Git Works: The Architecture
// Underneath" → "How Git Works"), except after a numbered label
// ("Principle 1: Clarity of Purpose" → "Clarity of Purpose").
func shortHeading(h string) string {
	h = strings.Join(strings.Fields(h), " ")
	h = enumerator.ReplaceAllString(h, "")
	if left, right, ok := strings.Cut(h, ": "); ok && strings.TrimSpace(right) != "" {
		if labelPrefix.MatchString(left) {
			h = right
		} else {
			h = left
		}
	}
	return trailingStop.ReplaceAllString(h, "")
}

// Breadcrumb is the note's heading path, shortened and joined with " › ":
// "How Git Works › The Three States of Git".
func Breadcrumb(n *Note) string {
	parts := make([]string, 0, len(n.Item.Context))
	for _, h := range n.Item.Context {
		if s := shortHeading(h); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " › ")
}

// contextLabel is the heading a term needs on its front when the term alone
// is ambiguous ("Consistency" under "The CAP Theorem Constraints" →
// "CAP Theorem Constraints"), or "" when it does not: a short term (three
// words or fewer) that none of its headings names is read in its section's
// light, so the front says which section.
func contextLabel(it extract.Item) string {
	if it.Kind != extract.Definition || len(it.Context) == 0 || len(strings.Fields(it.Term)) > 3 {
		return ""
	}
	term := normKey(it.Term)
	for _, h := range it.Context {
		if strings.Contains(normKey(h), term) {
			return ""
		}
	}
	label := leadingThe.ReplaceAllString(shortHeading(it.Context[len(it.Context)-1]), "")
	if label == "" || normKey(label) == term {
		return ""
	}
	return label
}

// CardsOf returns the cards of note n, in template order: an FAQ gives its
// forward card; a definition gives term → definition, and definition → term
// when n is BasicReverse; a list gives its enumeration card ("name all 4")
// and, when n is Cloze (an ordered list of at most 12 steps), one cloze card
// per step, each showing its neighbouring steps as context.
func CardsOf(n *Note) []Card {
	it := n.Item
	card := func(t Template, front, back string) Card {
		return Card{ID: n.ID + "/" + string(t), NoteID: n.ID, Template: t, Note: n, Front: front, Back: back}
	}
	switch it.Kind {
	case extract.FAQ:
		return []Card{card(Forward, clean(it.Question), clean(it.Answer))}
	case extract.Definition:
		front := clean(it.Term)
		label := contextLabel(it)
		if label != "" {
			front += " (" + label + ")"
		}
		cards := []Card{card(Forward, front, clean(it.Definition))}
		if n.Type == BasicReverse {
			rev := maskTerm(clean(it.Definition), clean(it.Term))
			if l := label; l != "" {
				rev += " (" + l + ")"
			}
			cards = append(cards, card(Reverse, "Which term? "+rev, clean(it.Term)))
		}
		return cards
	case extract.List:
		items := nonEmpty(it.Items)
		for i := range items {
			items[i] = clean(items[i])
		}
		cards := []Card{card(Forward, listFront(it, len(items)), listBack(items, it.Ordered))}
		if n.Type == Cloze {
			lead := listLead(it)
			for i := range items {
				cards = append(cards, card(ClozeTemplate(i+1), clozeFront(lead, items, i), fmt.Sprintf("%d. %s", i+1, items[i])))
			}
		}
		return cards
	}
	return nil
}

// clean collapses whitespace.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// maskTerm hides the term in its own definition so the reverse card does not
// give the answer away.
func maskTerm(def, term string) string {
	if term == "" {
		return def
	}
	ld, lt := strings.ToLower(def), strings.ToLower(term)
	if len(ld) != len(def) || len(lt) != len(term) {
		// Lower-casing changed byte lengths: offsets would not line up.
		re, err := regexp.Compile(`(?i)` + regexp.QuoteMeta(term))
		if err != nil {
			return def
		}
		return re.ReplaceAllString(def, "___")
	}
	var b strings.Builder
	for {
		i := strings.Index(ld, lt)
		if i < 0 {
			break
		}
		b.WriteString(def[:i])
		b.WriteString("___")
		def, ld = def[i+len(lt):], ld[i+len(lt):]
	}
	b.WriteString(def)
	return b.String()
}

// listLead is the list's lead-in without its closing colon, or a prompt
// made from its heading.
func listLead(it extract.Item) string {
	p := clean(it.Prompt)
	if p == "" {
		h := it.Heading
		if h == "" && len(it.Context) > 0 {
			h = it.Context[len(it.Context)-1]
		}
		if h = shortHeading(h); h == "" {
			h = it.Source.Title
		}
		return h
	}
	return strings.TrimRight(p, " :")
}

// listFront is the enumeration card's front. A prompt that already asks
// ("Name the three states of Git", "Key Terms — name the 3 items", "What
// are …?") is kept; a lead-in sentence or a heading gets the instruction
// appended.
func listFront(it extract.Item, n int) string {
	p := clean(it.Prompt)
	low := strings.ToLower(p)
	if p != "" && (strings.HasSuffix(p, "?") || strings.HasPrefix(low, "list ") ||
		strings.HasPrefix(low, "name ") || strings.Contains(low, " name the ") || strings.Contains(low, " name all ")) {
		return p
	}
	if it.Ordered {
		return fmt.Sprintf("%s — name the %d steps in order", listLead(it), n)
	}
	return fmt.Sprintf("%s — name all %d", listLead(it), n)
}

// listBack lists the items one a line: numbered when ordered, bulleted when not.
func listBack(items []string, ordered bool) string {
	var b strings.Builder
	for i, s := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		if ordered {
			fmt.Fprintf(&b, "%d. %s", i+1, s)
		} else {
			b.WriteString("• " + s)
		}
	}
	return b.String()
}

// clozeFront asks step i (0-based) with the steps before and after it shown.
func clozeFront(lead string, items []string, i int) string {
	var b strings.Builder
	b.WriteString(lead + ":")
	lo, hi := max(i-1, 0), min(i+1, len(items)-1)
	if lo > 0 {
		b.WriteString("\n…")
	}
	for j := lo; j <= hi; j++ {
		if j == i {
			fmt.Fprintf(&b, "\n%d. [...]", j+1)
		} else {
			fmt.Fprintf(&b, "\n%d. %s", j+1, items[j])
		}
	}
	if hi < len(items)-1 {
		b.WriteString("\n…")
	}
	return b.String()
}
