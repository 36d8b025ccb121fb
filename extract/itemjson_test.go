package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// reflectJSON is what encoding/json writes for the item's itemJSON shape:
// the reference AppendJSON must match byte for byte.
func reflectJSON(t testing.TB, it Item) []byte {
	j := itemJSON{ID: it.ID, Kind: it.Kind, Context: it.Context, Source: it.Source}
	if j.Context == nil {
		j.Context = []string{}
	}
	switch it.Kind {
	case FAQ:
		j.Question, j.Answer, j.AnswerHTML = &it.Question, &it.Answer, it.AnswerHTML
	case Definition:
		j.Term, j.Definition, j.DefinitionHTML = &it.Term, &it.Definition, it.DefinitionHTML
	case List:
		j.Prompt, j.Heading, j.Ordered = &it.Prompt, &it.Heading, &it.Ordered
		j.Items = it.Items
		if j.Items == nil {
			j.Items = []string{}
		}
	}
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	odd := "quote \" back \\ <b>&amp;</b> \b\f\n\r\t \x00\x1f\x7f é ✓ \u2028\u2029 bad:\xff\xc3 end"
	items := []Item{
		{ID: "a", Kind: FAQ, Question: odd, Answer: "", AnswerHTML: ""},
		{ID: "b", Kind: FAQ, Question: "Q?", Answer: "A.", AnswerHTML: "<code>x</code>", Context: []string{odd, "B"}},
		{ID: "c", Kind: Definition, Term: odd, Definition: odd, DefinitionHTML: odd,
			Source: Source{Feed: odd, FeedURL: "u", EntryID: "e", Title: "t", URL: "https://x/?a=1&b=2", SectionURL: "s"}},
		{ID: "d", Kind: List, Prompt: "p", Heading: "", Items: []string{"x"}},
		{ID: "e", Kind: List, Prompt: odd, Heading: odd, Items: []string{odd, "", "x"}, Ordered: true},
	}
	// A list always has its items array, even an empty one.
	if got := string((Item{Kind: List}).AppendJSON(nil)); !strings.Contains(got, `"items":[],"ordered":false}`) {
		t.Errorf("empty list: %s", got)
	}
	handmade := len(items)
	data, err := os.ReadFile("../testdata/feeds/software-engineering.atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(data, "sample", "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Articles {
		items = append(items, a.Items...)
	}
	if len(items) < 400 {
		t.Fatalf("only %d items from the sample feed", len(items))
	}
	for i, it := range items {
		got, err := it.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if want := reflectJSON(t, it); !bytes.Equal(got, want) {
			t.Fatalf("item %s:\n got  %s\n want %s", it.ID, got, want)
		}
		var back Item
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("item %s: %v", it.ID, err)
		}
		// Invalid UTF-8 comes back as U+FFFD, so only the sample's items
		// (the handmade ones come first) must come back the same.
		if again := back.AppendJSON(nil); i >= handmade && !bytes.Equal(again, got) {
			t.Fatalf("item %s does not survive a round trip:\n got  %s\n want %s", it.ID, again, got)
		}
	}
}
