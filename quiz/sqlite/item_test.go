package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/feedcards/feedcards/extract"
)

// TestDecodeItemRoundTrip: what Item.MarshalJSON writes, decodeItem reads
// back exactly, for every kind.
func TestDecodeItemRoundTrip(t *testing.T) {
	src := extract.Source{Feed: "F", FeedURL: "f.xml", EntryID: "e1", Title: "T", URL: "https://x/", SectionURL: "https://x/#s"}
	for _, it := range []extract.Item{
		{ID: "a", Kind: extract.FAQ, Context: []string{"FAQ"}, Source: src, Question: "Why?", Answer: "Because.", AnswerHTML: "<code>Because</code>."},
		{ID: "b", Kind: extract.Definition, Context: []string{"Glossary", "W"}, Source: src, Term: "WAL", Definition: "A log.", DefinitionHTML: "A <em>log</em>."},
		{ID: "c", Kind: extract.List, Context: []string{}, Source: src, Prompt: "Name the steps", Heading: "Steps", Items: []string{"one", "two"}, Ordered: true},
	} {
		b, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		var got extract.Item
		if err := decodeItem(b, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, it) {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v", it.Kind, got, it)
		}
	}
}
