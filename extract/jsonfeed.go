package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// jsonFeed is the part of a JSON Feed (1.0, 1.1) document feedcards reads.
type jsonFeed struct {
	Version     string            `json:"version"`
	Title       string            `json:"title"`
	HomePageURL string            `json:"home_page_url"`
	Items       []json.RawMessage `json:"items"`
}

type jsonItem struct {
	ID          json.RawMessage `json:"id"` // a string; 1.0 feeds sometimes use a number
	URL         string          `json:"url"`
	ExternalURL string          `json:"external_url"`
	Title       string          `json:"title"`
	ContentHTML string          `json:"content_html"`
	ContentText string          `json:"content_text"`
	Summary     string          `json:"summary"`
}

// planJSONFeed reads a JSON Feed. Each item is decoded on its own (in the
// workers), so one malformed item becomes a warning, not a failed feed.
func planJSONFeed(data []byte, src, baseURL string) (*sourcePlan, error) {
	name := displayName(src)
	var f jsonFeed
	if err := json.Unmarshal(data, &f); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			if se.Offset >= int64(len(data)) {
				return nil, srcErrorf(name, err, "truncated JSON: unexpected end at line %d", lineOf(data, len(data)))
			}
			return nil, srcErrorf(name, err, "invalid JSON at line %d: %s", lineOf(data, int(se.Offset)), se.Error())
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, srcErrorf(name, err, "not a feed or HTML page (JSON %s, not a JSON Feed object)", te.Value)
		}
		return nil, srcErrorf(name, err, "not a JSON Feed: %v", err)
	}
	if !strings.Contains(f.Version, "jsonfeed.org/version/") {
		return nil, srcErrorf(name, nil, "not a feed or HTML page (JSON without a JSON Feed version)")
	}
	base := resolveRef(baseURL, f.HomePageURL)
	res := &Result{Feed: oneLine(f.Title), FeedURL: src, Format: formatJSON}
	decode := func(i int) (entryInput, error) {
		in := entryInput{Src: Source{Feed: res.Feed, FeedURL: src}}
		var it jsonItem
		if err := json.Unmarshal(f.Items[i], &it); err != nil {
			in.Src.EntryID = guessJSONID(f.Items[i])
			return in, fmt.Errorf("invalid item: %w", err)
		}
		in.Src.EntryID = jsonID(it.ID)
		in.Src.Title = feedTitleText(it.Title)
		link := it.URL
		if link == "" {
			link = it.ExternalURL
		}
		in.Src.URL = resolveRef(base, link)
		if in.Src.EntryID == "" {
			in.Src.EntryID = fallbackEntryID(link, in.Src.URL, in.Src.Title, it.ContentHTML+it.ContentText)
		}
		switch {
		case strings.TrimSpace(it.ContentHTML) != "":
			in.HTML = it.ContentHTML
		case strings.TrimSpace(it.ContentText) != "":
			in.HTML = plainToHTML(it.ContentText)
		default:
			in.HTML = plainToHTML(it.Summary)
		}
		return in, nil
	}
	return &sourcePlan{res: res, n: len(f.Items), decode: decode}, nil
}

// jsonID turns an item id (string or number) into a string.
func jsonID(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return string(raw)
}

// guessJSONID reads just the id of an item that failed to decode.
func guessJSONID(raw json.RawMessage) string {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(raw, &probe) != nil {
		return ""
	}
	return jsonID(probe.ID)
}
