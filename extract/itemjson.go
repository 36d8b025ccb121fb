package extract

import (
	"encoding/json"
	"unicode/utf8"
)

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
	return it.AppendJSON(nil), nil
}

// AppendJSON appends the item's JSON (the shape MarshalJSON writes) to dst.
// It writes what encoding/json would for itemJSON, byte for byte (a test
// holds it to that), without reflection: `extract --json` spends its
// serial time here.
func (it Item) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, it.ID)
	dst = append(dst, `,"kind":`...)
	dst = appendJSONString(dst, string(it.Kind))
	dst = append(dst, `,"context":`...)
	dst = appendJSONStrings(dst, it.Context)
	s := &it.Source
	dst = append(dst, `,"source":{"feed":`...)
	dst = appendJSONString(dst, s.Feed)
	dst = append(dst, `,"feed_url":`...)
	dst = appendJSONString(dst, s.FeedURL)
	dst = append(dst, `,"entry_id":`...)
	dst = appendJSONString(dst, s.EntryID)
	dst = append(dst, `,"title":`...)
	dst = appendJSONString(dst, s.Title)
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, s.URL)
	dst = append(dst, `,"section_url":`...)
	dst = appendJSONString(dst, s.SectionURL)
	dst = append(dst, '}')
	field := func(name, v string, omitEmpty bool) {
		if omitEmpty && v == "" {
			return
		}
		dst = append(dst, ',', '"')
		dst = append(dst, name...)
		dst = append(dst, '"', ':')
		dst = appendJSONString(dst, v)
	}
	switch it.Kind {
	case FAQ:
		field("question", it.Question, false)
		field("answer", it.Answer, false)
		field("answer_html", it.AnswerHTML, true)
	case Definition:
		field("term", it.Term, false)
		field("definition", it.Definition, false)
		field("definition_html", it.DefinitionHTML, true)
	case List:
		field("prompt", it.Prompt, false)
		field("heading", it.Heading, false)
		dst = append(dst, `,"items":`...)
		dst = appendJSONStrings(dst, it.Items)
		if it.Ordered {
			dst = append(dst, `,"ordered":true`...)
		} else {
			dst = append(dst, `,"ordered":false`...)
		}
	}
	return append(dst, '}')
}

// appendJSONStrings appends ss as a JSON array ("[]" when empty).
func appendJSONStrings(dst []byte, ss []string) []byte {
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// jsonPlain marks the bytes a JSON string holds as they are: ASCII from
// space up, but for the quote, the backslash and <, >, &.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString appends s as a JSON string escaped the way encoding/json
// escapes by default: quote, backslash and control characters; <, > and &
// as \u003c, \u003e, \u0026; U+2028 and U+2029; invalid UTF-8 becomes
// U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	done := 0 // s[:done] is in dst
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[done:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			done = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[done:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[done:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		done = i
	}
	dst = append(dst, s[done:]...)
	return append(dst, '"')
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
	it.Term, it.Definition = str(j.Term), str(j.Definition)
	it.Prompt, it.Heading = str(j.Prompt), str(j.Heading)
	if j.Ordered != nil {
		it.Ordered = *j.Ordered
	}
	return nil
}
