package extract

import (
	"os"
	"strings"
	"testing"
)

// pageItems extracts one testdata/articles case and indexes its items by
// front.
func pageItems(t *testing.T, name string) (map[string]Item, []Item) {
	t.Helper()
	items := extractEntry(articleInput(t, "testdata/articles/"+name)).Items
	m := map[string]Item{}
	for _, it := range items {
		m[it.Front()] = it
	}
	return m, items
}

// TestSiteConventions checks, on pages written the way common site
// generators write them, what the golden files only record.
func TestSiteConventions(t *testing.T) {
	t.Run("page apparatus stays out of cards", func(t *testing.T) {
		_, items := pageItems(t, "wiki-article")
		for _, it := range items {
			all := strings.Join(it.Context, " ") + " " + it.Front() + " " + it.Definition
			if strings.Contains(all, "[edit]") || strings.Contains(all, "[1]") {
				t.Errorf("apparatus in %q: %q", it.Front(), all)
			}
		}
		m, _ := pageItems(t, "mdn-reference")
		if _, ok := m["thisArg"]; !ok {
			t.Errorf("the parameter's badge stayed in its term: %v", keys(m))
		}
		_, items = pageItems(t, "docusaurus-concepts")
		for _, it := range items {
			if strings.ContainsRune(strings.Join(it.Context, ""), '\u200b') || strings.Contains(it.Answer, "tip ") {
				t.Errorf("anchor or note-box title in %q: %q %q", it.Front(), it.Context, it.Answer)
			}
		}
	})
	t.Run("a bold subject under a heading is the term", func(t *testing.T) {
		m, _ := pageItems(t, "wiki-article")
		if it, ok := m["Photosystem"]; !ok || !strings.HasPrefix(it.Definition, "A photosystem is a protein complex") {
			t.Errorf("want Photosystem defined, got %v", keys(m))
		}
		if _, ok := m["Light-dependent reactions"]; ok {
			t.Error("the heading took the definition of another term")
		}
	})
	t.Run("sphinx sections are an outline, not an accordion", func(t *testing.T) {
		_, items := pageItems(t, "sphinx-faq")
		want := [][2]string{
			{"General Questions", "Is there a source code level debugger"},
			{"General Questions", "How can I create a stand-alone binary"},
			{"Core Language", "Why am I getting an UnboundLocalError"},
		}
		if len(items) != len(want) {
			t.Fatalf("got %d items, want %d", len(items), len(want))
		}
		for i, w := range want {
			it := items[i]
			if strings.Join(it.Context, "/") != w[0] || !strings.HasPrefix(it.Question, w[1]) {
				t.Errorf("item %d: %q under %q, want %q under %q", i, it.Question, it.Context, w[1], w[0])
			}
		}
		if a := items[2].Answer; strings.Contains(a, "Note This") {
			t.Errorf("note-box title in the answer: %q", a)
		}
	})
	t.Run("bold questions with a line break, no call to action", func(t *testing.T) {
		m, items := pageItems(t, "bootstrap-faq")
		if len(items) != 4 {
			t.Errorf("got %d items (%v), want the 4 questions", len(items), keys(m))
		}
		if it, ok := m["Is there a free tier?"]; !ok || !strings.HasPrefix(it.Answer, "Yes, the free tier") {
			t.Errorf("bold question + <br> answer missing: %v", keys(m))
		}
		if _, ok := m["Still have questions?"]; ok {
			t.Error("a call to action became a card")
		}
	})
	t.Run("textbook and reference conventions", func(t *testing.T) {
		m, items := pageItems(t, "textbook-terms")
		for term, back := range map[string]string{
			"Monopoly":         "A market with a single seller",
			"Barrier to entry": "Anything that makes it hard",
			"--timeout":        "Time to wait for a server",
			"-v, --verbose":    "print every request",
		} {
			if it, ok := m[term]; !ok || !strings.HasPrefix(it.Definition, back) {
				t.Errorf("%s: want %q…, got %q (fronts %v)", term, back, it.Definition, keys(m))
			}
		}
		for _, it := range items {
			if it.Kind == List && strings.Contains(it.Prompt, "Review") {
				t.Errorf("review questions became a list card: %q", it.Prompt)
			}
		}
	})
	t.Run("blog conventions", func(t *testing.T) {
		m, _ := pageItems(t, "blog-inline-terms")
		for front, back := range map[string]string{
			"Cache hit ratio":                                 "Cache hit ratio is the share",      // bold subject of "is"
			"Cache stampede":                                  "The term cache stampede refers to", // "The term X refers to"
			"Should I cache errors?":                          "Briefly, yes",                      // Q:/A: outside an FAQ heading
			"How big should a cache be?":                      "Big enough",                        // "Q." and "A." in bold
			"Name the 3 eviction policies":                    "",
			"List the four steps of adding a cache, in order": "",
		} {
			it, ok := m[front]
			if !ok || !strings.HasPrefix(it.Definition+it.Answer, back) {
				t.Errorf("want %q (%q…), fronts: %q", front, back, keys(m))
			}
		}
		if _, ok := m["Q"]; ok {
			t.Error(`"Q:" became a term`)
		}
	})
	t.Run("block glossary entries", func(t *testing.T) {
		m, _ := pageItems(t, "block-glossary")
		for term, back := range map[string]string{"Pod": "The smallest and simplest", "Node": "A node is a worker machine", "Kubelet": "An agent that runs"} {
			if it, ok := m[term]; !ok || !strings.HasPrefix(it.Definition, back) {
				t.Errorf("%s: want %q…, fronts %q", term, back, keys(m))
			}
		}
	})
	t.Run("FAQ questions in headings, lists and dl, numbered or not", func(t *testing.T) {
		_, items := pageItems(t, "faq-variants")
		want := []string{"How often should I back up?", "Where should backups live?", "Can I back up to a USB stick?",
			"Are cloud backups encrypted?", "What is the 3-2-1 rule?"}
		if len(items) != len(want) {
			t.Fatalf("got %d items, want %d", len(items), len(want))
		}
		for i, it := range items {
			if it.Question != want[i] || strings.Join(it.Context, "/") != "FAQ" || strings.Contains(it.Answer, "?") {
				t.Errorf("item %d: %q under %q, answer %q; want %q under FAQ, one answer", i, it.Question, it.Context, it.Answer, want[i])
			}
		}
	})
	t.Run("a glossary list is not a list card", func(t *testing.T) {
		_, items := pageItems(t, "docusaurus-concepts")
		for _, it := range items {
			if it.Kind == List {
				t.Errorf("glossary became a list card: %q", it.Prompt)
			}
		}
	})
}

// keys lists a map's fronts for messages.
func keys(m map[string]Item) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPlainTextFeed: a JSON Feed of content_text gives the same kinds of
// cards as markup would.
func TestPlainTextFeed(t *testing.T) {
	data, err := os.ReadFile("testdata/feeds/plain-text.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(data, "plain-text.json", "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Item{}
	for _, it := range res.Items() {
		got[it.Front()] = it
	}
	for front, back := range map[string]string{
		"Resolver": "The server that looks up a name",
		"TTL":      "How long an answer may be cached",
		"Why does a new domain take time to work?":             "Resolvers keep cached answers",
		"List the three steps the lookup happens in, in order": "Ask the root server.",
	} {
		it, ok := got[front]
		if !ok || !strings.HasPrefix(it.Definition+it.Answer+strings.Join(it.Items, ";"), back) {
			t.Errorf("want %q (%q…), got fronts %q", front, back, keys(got))
		}
	}
	if it := got["Resolver"]; strings.Join(it.Context, "/") != "Key terms" {
		t.Errorf("Resolver context %q, want the plain-text heading", it.Context)
	}
}
