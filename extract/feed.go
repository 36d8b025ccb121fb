package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The formats a source can have (Result.Format).
const (
	formatAtom = "atom"
	formatRSS  = "rss"
	formatJSON = "json"
	formatHTML = "html"
)

// parse sniffs the format of data and extracts it. src names the source in
// errors (and is Result.FeedURL); baseURL is where the bytes came from ("" for
// a file); contentType is the HTTP Content-Type, if any.
func parse(ctx context.Context, data []byte, src, baseURL, contentType string, opt Options) (*Result, error) {
	p, err := plan(data, src, baseURL, contentType, opt)
	if err != nil {
		return nil, err
	}
	name := displayName(src)
	res := p.res
	var ok int
	res.Articles, res.Warnings, ok = runEntries(ctx, p.n, opt, p.decode)
	if err := ctx.Err(); err != nil {
		return nil, srcErrorf(name, err, "canceled")
	}
	if p.n > 0 && ok == 0 {
		if p.n == 1 {
			return nil, srcErrorf(name, nil, "%s", strings.TrimPrefix(res.Warnings[0], "entry 1: "))
		}
		return nil, srcErrorf(name, nil, "no entry could be read: %s", res.Warnings[0])
	}
	return res, nil
}

// sourcePlan is a sniffed, split source, ready for runEntries: n entries,
// each read by decode(i), into res.
type sourcePlan struct {
	res    *Result
	n      int
	decode func(i int) (entryInput, error)
}

// plan sniffs the format of data and prepares its entries for extraction.
func plan(data []byte, src, baseURL, contentType string, opt Options) (*sourcePlan, error) {
	name := displayName(src)
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		d, err := gunzipCapped(data, opt.maxBytes())
		if err != nil {
			return nil, srcErrorf(name, err, "%s", err.Error())
		}
		data = d
	}
	data, err := fromBOM(data)
	if err != nil {
		return nil, srcErrorf(name, err, "%s", err.Error())
	}
	body := bytes.TrimLeft(data, " \t\r\n\f")
	if len(body) == 0 {
		return nil, srcErrorf(name, nil, "empty input")
	}
	switch body[0] {
	case '{', '[':
		return planJSONFeed(body, src, baseURL)
	}
	if looksBinaryData(body) {
		return nil, srcErrorf(name, nil, "not a feed or HTML page (binary data)")
	}
	kind, root := sniffMarkup(body)
	switch kind {
	case formatAtom, formatRSS:
		return planXMLFeed(body, kind, src, baseURL, contentType)
	case formatHTML:
		return planPage(body, src, baseURL, contentType)
	}
	if root != "" {
		return nil, srcErrorf(name, nil, "not a feed or HTML page (XML with root element <%s>)", shownName(root))
	}
	return nil, srcErrorf(name, nil, "not a feed or HTML page (plain text)")
}

// fromBOM strips a UTF-8 byte order mark and converts UTF-16 input (marked
// by its BOM) to UTF-8.
func fromBOM(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return nil, fmt.Errorf("bad UTF-16 text: %w", err)
		}
		return out, nil
	}
	return data, nil
}

// htmlRoots are element names that start an HTML page or fragment.
var htmlRoots = map[string]bool{
	"html": true, "head": true, "body": true, "meta": true, "title": true, "link": true,
	"article": true, "main": true, "section": true, "div": true, "p": true, "header": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true,
	"dl": true, "table": true, "nav": true, "span": true, "a": true, "script": true, "style": true,
}

// sniffMarkup tells a feed from a page by the first element after the prolog
// (XML declaration, comments, processing instructions, doctype). It returns
// formatAtom, formatRSS, formatHTML or "" with the root's name.
func sniffMarkup(b []byte) (kind, root string) {
	for i := 0; i < 64 && len(b) > 0; i++ {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case len(b) == 0 || b[0] != '<':
			if looksLikeHTMLText(b) {
				return formatHTML, ""
			}
			return "", ""
		case bytes.HasPrefix(b, []byte("<?")):
			end := bytes.Index(b, []byte("?>"))
			if end < 0 {
				return "", ""
			}
			b = b[end+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			end := bytes.Index(b, []byte("-->"))
			if end < 0 {
				return "", ""
			}
			b = b[end+3:]
		case len(b) > 9 && strings.EqualFold(string(b[:9]), "<!doctype"):
			end := bytes.IndexByte(b, '>')
			if end < 0 {
				return "", ""
			}
			if bytes.Contains(bytes.ToLower(b[:end]), []byte("html")) {
				return formatHTML, "html"
			}
			if k := bytes.IndexByte(b[:end], '['); k >= 0 {
				if e := bytes.Index(b, []byte("]>")); e >= 0 {
					end = e + 1
				}
			}
			b = b[end+1:]
		default:
			n := 1
			for n < len(b) && !isXMLSpace(b[n]) && b[n] != '>' && b[n] != '/' {
				n++
			}
			name := string(b[1:n])
			local := name
			if k := strings.LastIndexByte(local, ':'); k >= 0 {
				local = local[k+1:]
			}
			switch local {
			case "feed":
				return formatAtom, name
			case "rss", "RDF":
				return formatRSS, name
			}
			if htmlRoots[strings.ToLower(name)] {
				return formatHTML, name
			}
			return "", name
		}
	}
	return "", ""
}

// looksLikeHTMLText reports whether text that does not start with a tag still
// holds an HTML document or fragment.
func looksLikeHTMLText(b []byte) bool {
	if len(b) > 4096 {
		b = b[:4096]
	}
	l := bytes.ToLower(b)
	for _, tag := range []string{"<html", "<body", "<p>", "<p ", "<div", "<article", "<h1", "<h2"} {
		if bytes.Contains(l, []byte(tag)) {
			return true
		}
	}
	return false
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// lineOf is the 1-based line number of offset off in data.
func lineOf(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// xmlToUTF8 converts an XML document in a legacy charset to UTF-8 and
// checks that the result is valid UTF-8. The charset is the XML
// declaration's, else the HTTP Content-Type's (contentType may be "").
func xmlToUTF8(data []byte, contentType string) ([]byte, error) {
	label, where := xmlDeclEncoding(data), "in the XML declaration"
	if label == "" && contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label, where = params["charset"], "in the Content-Type"
		}
	}
	switch strings.ToLower(label) {
	case "", "utf-8", "utf8", "us-ascii", "ascii",
		"utf-16", "utf-16le", "utf-16be": // UTF-16 was converted by its byte order mark
	default:
		r, err := charset.NewReaderLabel(label, bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("unknown charset %q %s", label, where)
		}
		out, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("cannot decode charset %q: %w", label, err)
		}
		data = out
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		if label == "" {
			label = "UTF-8 (the default)"
		}
		return nil, fmt.Errorf("invalid %s text at line %d: wrong charset declared?", label, lineOf(data, off))
	}
	return data, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// xmlDeclEncoding returns the encoding pseudo-attribute of the XML
// declaration, or "".
func xmlDeclEncoding(data []byte) string {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := data[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := bytes.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return string(rest[1 : 1+j])
}

// planPage prepares a single HTML page: one entry.
func planPage(data []byte, src, baseURL, contentType string) (*sourcePlan, error) {
	name := displayName(src)
	if enc, label, _ := charset.DetermineEncoding(data, contentType); label != "utf-8" && enc != nil {
		out, _, err := transform.Bytes(enc.NewDecoder(), data)
		if err != nil {
			return nil, srcErrorf(name, err, "cannot decode charset %q: %v", label, err)
		}
		data = out
	}
	// No EntryID: extraction makes it the page's canonical URL, else its URL.
	in := entryInput{Page: true, HTML: string(data), Src: Source{FeedURL: src, URL: baseURL}}
	return &sourcePlan{
		res:    &Result{FeedURL: src, Format: formatHTML},
		n:      1,
		decode: func(int) (entryInput, error) { return in, nil },
	}, nil
}
