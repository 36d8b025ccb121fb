package quiz

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedcards/feedcards/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/quiz")

var gitSrc = extract.Source{Feed: "Eng", EntryID: "tag:example.org,2026:/git/", Title: "Git Basics", URL: "https://example.org/git/"}

func TestBase91(t *testing.T) {
	for _, tc := range []struct {
		n    uint64
		want string
	}{
		{0, "a"}, {1, "b"}, {25, "z"}, {26, "A"}, {52, "0"}, {61, "9"}, {62, "!"}, {90, "~"}, {91, "ba"},
		{91*91 + 2*91 + 3, "bcd"},
	} {
		if got := base91(tc.n); got != tc.want {
			t.Errorf("base91(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := base91(^uint64(0)); len(got) != 10 {
		t.Errorf("base91(max) = %q: want 10 characters", got)
	}
	if len(base91Alphabet) != 91 {
		t.Fatalf("alphabet has %d characters", len(base91Alphabet))
	}
}

func TestNoteID(t *testing.T) {
	base := extract.Item{Kind: extract.Definition, Context: []string{"Key Concepts", "Branches"}, Source: gitSrc,
		Term: "HEAD", Definition: "A pointer to the current branch."}
	id := NoteID(base, Basic)
	if len(id) < 8 || len(id) > 10 || strings.ContainsAny(id, " \"'\\") {
		t.Fatalf("NoteID = %q: want 8–10 base-91 characters without quotes or spaces", id)
	}
	// Pinned: a change here changes every user's card ids and Anki GUIDs.
	if want := "KPqsG{XD_<"; id != want {
		t.Errorf("NoteID = %q, want %q (the ids of existing collections)", id, want)
	}
	same := func(name string, f func(*extract.Item)) {
		it := base
		f(&it)
		if got := NoteID(it, Basic); got != id {
			t.Errorf("%s: id changed to %q", name, got)
		}
	}
	differ := func(name string, f func(*extract.Item)) {
		it := base
		f(&it)
		if got := NoteID(it, Basic); got == id {
			t.Errorf("%s: id did not change", name)
		}
	}
	same("new answer", func(it *extract.Item) { it.Definition = "The branch you are on." })
	same("prompt case and spacing", func(it *extract.Item) { it.Term = "  head: " })
	same("other feed title", func(it *extract.Item) { it.Source.Feed = "Renamed" })
	same("moved section anchor", func(it *extract.Item) { it.Source.SectionURL = "https://example.org/git/#x" })
	differ("other prompt", func(it *extract.Item) { it.Term = "HEADS" })
	differ("other heading", func(it *extract.Item) { it.Context = []string{"Key Concepts", "Tags"} })
	differ("other article", func(it *extract.Item) { it.Source.EntryID = "tag:example.org,2026:/svn/" })
	differ("other kind", func(it *extract.Item) { it.Kind = extract.FAQ; it.Question = "HEAD" })
	differ("C++ vs C#", func(it *extract.Item) { it.Term = "C++" })
	differ("leading dot", func(it *extract.Item) { it.Term = ".HEAD" })
	same("quotes and trailing colon", func(it *extract.Item) { it.Term = "\u201cHEAD\u201d:" })
	// The note family, not the type, is part of the id: --reverse keeps a
	// definition's id (and its forward card's history); Cloze stays apart.
	if got := NoteID(base, BasicReverse); got != id {
		t.Errorf("NoteID(BasicReverse) = %q; want the Basic id %q (same note family)", got, id)
	}
	if NoteID(base, Cloze) == id {
		t.Error("a Cloze note shares its id with the Basic note of the same item")
	}
	list := extract.Item{Kind: extract.List, Context: []string{"Workflow"}, Source: gitSrc, Prompt: "Name the steps",
		Items: []string{"add", "commit", "push"}, Ordered: true}
	// Pinned as well (unchanged since the first release): a Cloze note.
	if got, want := NoteID(list, Cloze), "V)*iUONc4"; got != want {
		t.Errorf("NoteID(list, Cloze) = %q, want %q", got, want)
	}
	if NoteID(list, Basic) == NoteID(list, Cloze) {
		t.Error("Basic and Cloze notes of one list share an id")
	}
	noEntry := base
	noEntry.Source.EntryID = ""
	if NoteID(noEntry, Basic) == id {
		t.Error("an item without entry id should fall back to its URL")
	}
}

func TestBuildNotesDedupe(t *testing.T) {
	other := extract.Source{Feed: "Eng", EntryID: "tag:example.org,2026:/vcs/", Title: "Version Control 101", URL: "https://example.org/vcs/"}
	def := func(src extract.Source, heading, term, text string) extract.Item {
		return extract.Item{Kind: extract.Definition, Context: []string{heading}, Source: src, Term: term, Definition: text}
	}
	items := []extract.Item{
		def(gitSrc, "Key Concepts", "Commit", "A snapshot of the project."),
		def(gitSrc, "Key Concepts", "Commit", "A snapshot of the project."), // repeated in the same place
		def(other, "Basics", "commit", "A recorded set of changes."),        // same term, other article
		def(gitSrc, "CAP", "Consistency", "Every read sees the latest write."),
		def(gitSrc, "ACID", "Consistency", "Transactions keep invariants."), // same article, other heading
		{Kind: extract.FAQ, Source: other, Question: "What is a commit?", Answer: "A snapshot."},
		{Kind: extract.FAQ, Source: gitSrc, Question: "What is a commit", Answer: ""},     // no answer: skipped
		{Kind: extract.List, Source: gitSrc, Prompt: "One item", Items: []string{"only"}}, // too short: skipped
	}
	notes := BuildNotes("Eng::Git", items, BuildOptions{})
	var got []string
	for _, n := range notes {
		var srcs []string
		for _, s := range n.Sources {
			srcs = append(srcs, s.Title)
		}
		got = append(got, fmt.Sprintf("%s %s [%s] %v", n.Item.Kind, n.Item.Front(), strings.Join(srcs, ", "), n.Tags))
	}
	want := []string{
		"definition Commit [Git Basics, Version Control 101] [eng::git git-basics version-control-101]",
		"definition Consistency [Git Basics] [eng::git git-basics]",
		"definition Consistency [Git Basics] [eng::git git-basics]",
		"faq What is a commit? [Version Control 101] [eng::git version-control-101]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if notes[1].ID == notes[2].ID {
		t.Error("two Consistency notes share an id")
	}
}

func TestCardsOf(t *testing.T) {
	steps := []string{"Working Directory", "Staging Area", "Local Repository", "Remote"}
	for _, tc := range []struct {
		name string
		it   extract.Item
		opt  BuildOptions
		want string // template: front => back, one card a line
	}{
		{"faq", extract.Item{Kind: extract.FAQ, Context: []string{"FAQ"}, Question: "Why  Git?", Answer: "It is fast."}, BuildOptions{},
			"forward: Why Git? => It is fast."},
		{"definition", extract.Item{Kind: extract.Definition, Context: []string{"Understanding Git"}, Term: "Git", Definition: "Git is a DVCS."}, BuildOptions{},
			"forward: Git => Git is a DVCS."},
		{"definition reversed", extract.Item{Kind: extract.Definition, Context: []string{"Understanding Git"}, Term: "Git", Definition: "Git is a DVCS; git tracks content."}, BuildOptions{Reverse: true},
			"forward: Git => Git is a DVCS; git tracks content.\nreverse: Which term? ___ is a DVCS; ___ tracks content. => Git"},
		{"ambiguous term", extract.Item{Kind: extract.Definition, Context: []string{"Core Pillars of Scalability", "The CAP Theorem Constraints"}, Term: "Consistency", Definition: "Every read sees the latest write."}, BuildOptions{},
			"forward: Consistency (CAP Theorem Constraints) => Every read sees the latest write."},
		{"term named by its heading", extract.Item{Kind: extract.Definition, Context: []string{"Orchestration", "Self-Healing and Auto-Scaling"}, Term: "Self-Healing", Definition: "Restarts failed containers."}, BuildOptions{},
			"forward: Self-Healing => Restarts failed containers."},
		{"unordered list", extract.Item{Kind: extract.List, Context: []string{"Monoliths"}, Prompt: "Characteristics of monolithic architecture", Items: []string{"Single codebase", " ", "Tight coupling"}}, BuildOptions{},
			"forward: Characteristics of monolithic architecture — name all 2 => • Single codebase\n• Tight coupling"},
		{"asking prompt", extract.Item{Kind: extract.List, Prompt: "Key Terms — name the 2 items", Items: []string{"Commit", "Branch"}}, BuildOptions{},
			"forward: Key Terms — name the 2 items => • Commit\n• Branch"},
		{"question list", extract.Item{Kind: extract.List, Prompt: "Name the three states of Git", Items: steps[:3], Ordered: true}, BuildOptions{},
			"forward: Name the three states of Git => 1. Working Directory\n2. Staging Area\n3. Local Repository\n" +
				"cloze1: Name the three states of Git:\n1. [...]\n2. Staging Area\n… => 1. Working Directory\n" +
				"cloze2: Name the three states of Git:\n1. Working Directory\n2. [...]\n3. Local Repository => 2. Staging Area\n" +
				"cloze3: Name the three states of Git:\n…\n2. Staging Area\n3. [...] => 3. Local Repository"},
		{"steps from a heading", extract.Item{Kind: extract.List, Context: []string{"How Git Works: The Architecture", "3. The Flow: Explained"}, Items: steps[:2], Ordered: true}, BuildOptions{},
			"forward: The Flow — name the 2 steps in order => 1. Working Directory\n2. Staging Area\n" +
				"cloze1: The Flow:\n1. [...]\n2. Staging Area => 1. Working Directory\n" +
				"cloze2: The Flow:\n1. Working Directory\n2. [...] => 2. Staging Area"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.it.Source = gitSrc
			notes := BuildNotes("Eng", []extract.Item{tc.it}, tc.opt)
			if len(notes) != 1 {
				t.Fatalf("%d notes, want 1", len(notes))
			}
			var lines []string
			for _, c := range CardsOf(&notes[0]) {
				if c.ID != notes[0].ID+"/"+string(c.Template) || c.NoteID != notes[0].ID || c.Note != &notes[0] {
					t.Errorf("card %q: bad identity (note %q)", c.ID, notes[0].ID)
				}
				lines = append(lines, fmt.Sprintf("%s: %s => %s", c.Template, c.Front, c.Back))
			}
			if got := strings.Join(lines, "\n"); got != tc.want {
				t.Errorf("cards:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestClozeLimit(t *testing.T) {
	long := make([]string, maxClozeSteps+1)
	for i := range long {
		long[i] = fmt.Sprintf("step %d", i+1)
	}
	for _, tc := range []struct {
		n     int
		typ   NoteType
		cards int
	}{{maxClozeSteps, Cloze, maxClozeSteps + 1}, {maxClozeSteps + 1, Basic, 1}} {
		notes := BuildNotes("d", []extract.Item{{Kind: extract.List, Source: gitSrc, Prompt: "Steps", Items: long[:tc.n], Ordered: true}}, BuildOptions{})
		if notes[0].Type != tc.typ || len(CardsOf(&notes[0])) != tc.cards {
			t.Errorf("%d steps: type %s with %d cards, want %s with %d", tc.n, notes[0].Type, len(CardsOf(&notes[0])), tc.typ, tc.cards)
		}
	}
}

func TestClozeIndex(t *testing.T) {
	for _, tc := range []struct {
		t  Template
		i  int
		ok bool
	}{{ClozeTemplate(1), 1, true}, {ClozeTemplate(12), 12, true}, {"cloze0", 0, false}, {"cloze01", 0, false}, {"forward", 0, false}, {"cloze", 0, false}} {
		if i, ok := ClozeIndex(tc.t); i != tc.i || ok != tc.ok {
			t.Errorf("ClozeIndex(%q) = %d, %v; want %d, %v", tc.t, i, ok, tc.i, tc.ok)
		}
	}
}

func TestBreadcrumb(t *testing.T) {
	for _, tc := range []struct {
		ctx  []string
		want string
	}{
		{[]string{"How Git Works: The Architecture Underneath", "The Three States of Git: Workflow Explained"}, "How Git Works › The Three States of Git"},
		{[]string{"Principle 1: Clarity of Purpose and Goals"}, "Clarity of Purpose and Goals"},
		{[]string{"Strategies", "4. Load Balancing Algorithms"}, "Strategies › Load Balancing Algorithms"},
		{[]string{"What is Microservices Architecture? A Foundational Understanding"}, "What is Microservices Architecture? A Foundational Understanding"},
		{nil, ""},
	} {
		n := &Note{Item: extract.Item{Context: tc.ctx}}
		if got := Breadcrumb(n); got != tc.want {
			t.Errorf("Breadcrumb(%q) = %q, want %q", tc.ctx, got, tc.want)
		}
	}
}

// TestGoldDeck builds the whole sample feed's gold items into one deck and
// checks the properties every deck must have.
func TestGoldDeck(t *testing.T) {
	gold := loadGold(t)
	items := goldItems(t)
	notes := BuildNotes("Software Engineering", items, BuildOptions{Reverse: true})
	seen := map[string]bool{}
	var cards, merged int
	for i := range notes {
		n := &notes[i]
		if n.Deck != "Software Engineering" || len(n.Sources) == 0 || len(n.Tags) < 2 {
			t.Errorf("note %s: deck %q, %d sources, tags %v", n.ID, n.Deck, len(n.Sources), n.Tags)
		}
		if len(n.Sources) > 1 {
			merged++
		}
		for _, c := range CardsOf(n) {
			cards++
			if seen[c.ID] {
				t.Errorf("duplicate card id %s (%q)", c.ID, c.Front)
			}
			seen[c.ID] = true
			if strings.TrimSpace(c.Front) == "" || strings.TrimSpace(c.Back) == "" {
				t.Errorf("card %s has an empty side: %q => %q", c.ID, c.Front, c.Back)
			}
			if c.Template == Reverse && strings.Contains(strings.ToLower(c.Front), strings.ToLower(c.Back)) {
				t.Errorf("reverse card %s gives its answer away: %q", c.ID, c.Front)
			}
		}
	}
	// The gold lists 22+14 terms shared between articles: they must merge.
	if merged < 20 {
		t.Errorf("only %d notes merged from several articles, want ≥ 20", merged)
	}
	t.Logf("%d items → %d notes (%d merged) → %d cards", len(items), len(notes), merged, cards)

	// Every term the annotators marked ambiguous must carry context.
	var need, have int
	for _, g := range gold {
		if !g.NeedsContext {
			continue
		}
		need++
		if contextLabel(g.Item) != "" {
			have++
		}
	}
	if need == 0 || float64(have) < 0.9*float64(need) {
		t.Errorf("context on %d of %d ambiguous terms, want ≥ 90%%", have, need)
	}
	t.Logf("context on %d of %d ambiguous terms", have, need)
}

// TestGoldenCards pins the cards of the first article of the sample feed
// (run with -update to rewrite testdata/quiz/cards.golden).
func TestGoldenCards(t *testing.T) {
	items := goldItems(t)
	first := items[0].Source.EntryID
	var entry []extract.Item
	for _, it := range items {
		if it.Source.EntryID == first {
			entry = append(entry, it)
		}
	}
	var b strings.Builder
	for _, opt := range []BuildOptions{{}, {Reverse: true}} {
		notes := BuildNotes("Software Engineering", entry, opt)
		fmt.Fprintf(&b, "## reverse=%v: %d notes\n", opt.Reverse, len(notes))
		for i := range notes {
			n := &notes[i]
			fmt.Fprintf(&b, "note %s %s %s | %s | %v\n", n.ID, n.Type, n.Item.Kind, Breadcrumb(n), n.Tags)
			for _, c := range CardsOf(n) {
				fmt.Fprintf(&b, "  %s\n    Q: %s\n    A: %s\n", c.ID, strings.ReplaceAll(c.Front, "\n", "\n       "), strings.ReplaceAll(c.Back, "\n", "\n       "))
			}
		}
	}
	golden(t, filepath.Join("..", "testdata", "quiz", "cards.golden"), b.String())
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to accept):\n%s", path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, w, g)
		}
	}
	return "(no difference?)"
}
