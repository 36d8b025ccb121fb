package extract

import "encoding/json"

// itemJSON is the JSON Lines shape of an Item (`feedcards extract --json`).
// Field names are fixed; kind-specific fields appear only for their kind.
type itemJSON struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Context []string `json:"context"`
	Source  Source   `json:"source"`

	Question   *string `json:"question,omitempty"`
	Answer     *string `json:"answer,omitempty"`
	AnswerHTML string  `json:"answer_html,omitempty"`

	Term           *string `json:"term,omitempty"`
	Definition     *string `json:"definition,omitempty"`
	DefinitionHTML string  `json:"definition_html,omitempty"`

	Prompt  *string  `json:"prompt,omitempty"`
	Heading *string  `json:"heading,omitempty"`
	Items   []string `json:"items,omitempty"`
	Ordered *bool    `json:"ordered,omitempty"`
}

// MarshalJSON writes the item with the field names of `extract --json`.
func (it Item) MarshalJSON() ([]byte, error) {
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
	return json.Marshal(j)
}

// UnmarshalJSON reads the shape MarshalJSON writes.
func (it *Item) UnmarshalJSON(b []byte) error {
	var j itemJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*it = Item{ID: j.ID, Kind: j.Kind, Context: j.Context, Source: j.Source,
		AnswerHTML: j.AnswerHTML, DefinitionHTML: j.DefinitionHTML, Items: j.Items}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	it.Question, it.Answer = str(j.Question), str(j.Answer)
	it.Term, it.Definition = str(j.Definition), str(j.Definition)
	it.Term = str(j.Term)
	it.Prompt, it.Heading = str(j.Prompt), str(j.Heading)
	if j.Ordered != nil {
		it.Ordered = *j.Ordered
	}
	return nil
}
