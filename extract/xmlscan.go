package extract

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A feed is split into entries by a byte-level scan before any XML decoding:
// the scanner finds each <entry>/<item> element's span (skipping comments,
// CDATA sections, processing instructions and quoted attribute values) and
// keeps the rest of the document — the feed's own metadata — as a small
// "skeleton" document. Entries are then decoded independently, in parallel,
// each wrapped in copies of its ancestors' start tags so that namespace
// declarations and xml:base still apply.

// xmlSpan is one entry element: data[start:end] runs from its "<" to the end
// of its end tag. wrap indexes scanResult.wraps.
type xmlSpan struct {
	start, end int
	wrap       int
}

// entryWrap is the context an entry chunk is decoded in: the start tags of
// its ancestors (prefix) and their end tags (suffix).
type entryWrap struct {
	prefix, suffix string
}

type scanResult struct {
	entries  []xmlSpan
	wraps    []entryWrap
	skeleton []byte // the document from its root element on, without the entries
}

// scanError is a structural problem found by the scanner, at a byte offset.
type scanError struct {
	off    int
	msg    string
	detail string // said after the line number
}

func (e *scanError) Error() string { return e.msg }

type openTag struct {
	name       string // qualified name as written
	start, end int    // the start tag's bytes
}

// isEntryElement reports whether an element named local, whose parent is
// named parent, is a feed entry: Atom feed/entry, RSS channel/item, RDF item.
func isEntryElement(local, parent string) bool {
	switch local {
	case "entry":
		return parent == "feed"
	case "item":
		return parent == "channel" || parent == "RDF"
	}
	return false
}

func xmlLocal(q string) string {
	if i := strings.LastIndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// scanFeed splits an XML feed into its entries and skeleton.
func scanFeed(data []byte) (*scanResult, error) {
	res := &scanResult{}
	var stack []openTag
	wrapIndex := map[string]int{}
	rootStart := -1
	skelFrom := 0 // start of the next skeleton piece
	var skel bytes.Buffer
	i := 0
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		switch {
		case bytes.HasPrefix(data[i:], []byte("<!--")):
			e := bytes.Index(data[i+4:], []byte("-->"))
			if e < 0 {
				return nil, &scanError{off: i, msg: "truncated XML: unexpected EOF in a comment"}
			}
			i += 4 + e + 3
		case bytes.HasPrefix(data[i:], []byte("<![CDATA[")):
			e := bytes.Index(data[i+9:], []byte("]]>"))
			if e < 0 {
				return nil, &scanError{off: i, msg: "truncated XML: unexpected EOF in a CDATA section"}
			}
			i += 9 + e + 3
		case bytes.HasPrefix(data[i:], []byte("<?")):
			e := bytes.Index(data[i+2:], []byte("?>"))
			if e < 0 {
				return nil, &scanError{off: i, msg: "truncated XML: unexpected EOF in a processing instruction"}
			}
			i += 2 + e + 2
		case bytes.HasPrefix(data[i:], []byte("<!")):
			if len(stack) > 0 {
				return nil, &scanError{off: i, msg: "XML syntax error: unexpected <! inside an element"}
			}
			e := skipDoctype(data, i)
			if e < 0 {
				return nil, &scanError{off: i, msg: "truncated XML: unexpected EOF in a DOCTYPE"}
			}
			i = e
		case bytes.HasPrefix(data[i:], []byte("</")):
			e := bytes.IndexByte(data[i:], '>')
			if e < 0 {
				return nil, &scanError{off: i, msg: "truncated XML: unexpected EOF in an end tag"}
			}
			name := string(bytes.TrimSpace(data[i+2 : i+e]))
			if len(stack) == 0 {
				return nil, &scanError{off: i, msg: fmt.Sprintf("XML syntax error: unexpected end tag </%s>", shownName(name))}
			}
			top := stack[len(stack)-1]
			if top.name != name {
				return nil, &scanError{off: i, msg: fmt.Sprintf("XML syntax error: element <%s> closed by </%s>", shownName(top.name), shownName(name))}
			}
			stack = stack[:len(stack)-1]
			i += e + 1
			if len(stack) == 0 { // the root is closed: the rest is ignored
				skel.Write(data[skelFrom:i])
				res.skeleton = skel.Bytes()
				return res, nil
			}
		default:
			name, end, selfClose, ok := scanStartTag(data, i)
			if !ok {
				return nil, &scanError{off: i, msg: "truncated XML: unexpected EOF in a start tag"}
			}
			if name == "" {
				return nil, &scanError{off: i, msg: "XML syntax error: '<' not followed by a name"}
			}
			if len(stack) == 0 && rootStart < 0 {
				rootStart = i
				skelFrom = i
			} else if len(stack) == 0 {
				return nil, &scanError{off: i, msg: "XML syntax error: a second root element"}
			}
			parent := ""
			if len(stack) > 0 {
				parent = xmlLocal(stack[len(stack)-1].name)
			}
			if !selfClose && len(stack) > 0 && isEntryElement(xmlLocal(name), parent) {
				stop := findEndTag(data, end, name)
				if stop < 0 {
					return nil, &scanError{len(data), "truncated XML: unexpected EOF",
						fmt.Sprintf(" (in <%s> from line %d)", shownName(name), lineOf(data, i))}
				}
				skel.Write(data[skelFrom:i])
				skelFrom = stop
				res.entries = append(res.entries, xmlSpan{start: i, end: stop, wrap: wrapFor(res, wrapIndex, data, stack)})
				i = stop
				continue
			}
			if !selfClose {
				stack = append(stack, openTag{name: name, start: i, end: end})
			}
			i = end
		}
	}
	if rootStart < 0 {
		return nil, &scanError{off: 0, msg: "no XML element found"}
	}
	return nil, &scanError{off: len(data), msg: "truncated XML: unexpected EOF"}
}

// shownName makes an element name from the input safe for a one-line
// message: short, and quoted when it holds anything unusual.
func shownName(name string) string {
	if len(name) > 40 {
		name = name[:40] + "…"
	}
	for _, r := range name {
		if r <= ' ' || r == 0x7f || r == utf8.RuneError {
			return strconv.Quote(name)
		}
	}
	return name
}

// wrapFor returns the index of the wrapper made of stack's start tags.
func wrapFor(res *scanResult, index map[string]int, data []byte, stack []openTag) int {
	var pre, suf strings.Builder
	for _, t := range stack {
		pre.Write(data[t.start:t.end])
	}
	if w, ok := index[pre.String()]; ok {
		return w
	}
	for k := len(stack) - 1; k >= 0; k-- {
		suf.WriteString("</" + stack[k].name + ">")
	}
	res.wraps = append(res.wraps, entryWrap{prefix: pre.String(), suffix: suf.String()})
	index[pre.String()] = len(res.wraps) - 1
	return len(res.wraps) - 1
}

// scanStartTag reads the start tag at data[i] ('<'): its name, the offset
// after its '>', and whether it closes itself. ok is false at EOF.
func scanStartTag(data []byte, i int) (name string, end int, selfClose, ok bool) {
	n := i + 1
	for n < len(data) && !isXMLSpace(data[n]) && data[n] != '>' && data[n] != '/' {
		n++
	}
	name = string(data[i+1 : n])
	for k := n; k < len(data); k++ {
		switch c := data[k]; c {
		case '"', '\'':
			e := bytes.IndexByte(data[k+1:], c)
			if e < 0 {
				return name, 0, false, false
			}
			k += 1 + e
		case '>':
			return name, k + 1, data[k-1] == '/', true
		case '<':
			// A '<' inside a tag is an error the entry decoder reports;
			// treat the tag as ending here so the scan stays in step.
			return name, k, false, true
		}
	}
	return name, 0, false, false
}

// findEndTag returns the offset after the first end tag </name> at or after
// from, skipping comments and CDATA sections, or -1.
func findEndTag(data []byte, from int, name string) int {
	i := from
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		switch {
		case bytes.HasPrefix(data[i:], []byte("<![CDATA[")):
			e := bytes.Index(data[i+9:], []byte("]]>"))
			if e < 0 {
				return -1
			}
			i += 9 + e + 3
		case bytes.HasPrefix(data[i:], []byte("<!--")):
			e := bytes.Index(data[i+4:], []byte("-->"))
			if e < 0 {
				return -1
			}
			i += 4 + e + 3
		case bytes.HasPrefix(data[i:], []byte("</")):
			e := bytes.IndexByte(data[i:], '>')
			if e < 0 {
				return -1
			}
			if string(bytes.TrimSpace(data[i+2:i+e])) == name {
				return i + e + 1
			}
			i += e + 1
		default:
			i++
		}
	}
}

// skipDoctype returns the offset after the DOCTYPE (or other <! markup
// declaration) at data[i], including an internal subset, or -1.
func skipDoctype(data []byte, i int) int {
	depth := 0
	for k := i + 2; k < len(data); k++ {
		switch c := data[k]; c {
		case '[':
			depth++
		case ']':
			depth--
		case '"', '\'':
			e := bytes.IndexByte(data[k+1:], c)
			if e < 0 {
				return -1
			}
			k += 1 + e
		case '>':
			if depth <= 0 {
				return k + 1
			}
		}
	}
	return -1
}
