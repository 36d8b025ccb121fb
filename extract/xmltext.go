package extract

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// encoding/xml reads character data a byte at a time (~30 MB/s), and an
// entry's content is nearly all of a feed's bytes. So before an entry is
// decoded, the bodies of its text-only content elements are lifted out and
// unescaped here with bulk byte searches; the decoder then sees each such
// body as a short marker and checks the rest of the entry as usual.

// liftMark brackets the index of a lifted body in the rewritten chunk.
// U+FDD0 is a Unicode noncharacter: legal in XML, absent from real text.
const liftMark = "\uFDD0"

// liftedTexts holds the bodies lifted out of one entry chunk.
type liftedTexts []string

// resolve returns the lifted body a marker stands for, or s itself.
func (l liftedTexts) resolve(s string) string {
	if len(s) < 2*len(liftMark)+1 || !strings.HasPrefix(s, liftMark) || !strings.HasSuffix(s, liftMark) {
		return s
	}
	k, err := strconv.Atoi(s[len(liftMark) : len(s)-len(liftMark)])
	if err != nil || k < 0 || k >= len(l) {
		return s
	}
	return l[k]
}

// isLiftable names the entry children whose bodies are worth lifting.
func isLiftable(local string) bool {
	switch local {
	case "content", "summary", "description", "encoded":
		return true
	}
	return false
}

// liftText rewrites an entry chunk, replacing the body of every child
// element named by isLiftable that holds only text, CDATA sections and
// comments with a marker, and returns the decoded bodies. Bodies holding
// elements (xhtml content) are left for the decoder. On any doubt about the
// chunk's structure it returns the chunk unchanged: the decoder then reports
// the error precisely.
func liftText(chunk []byte) ([]byte, liftedTexts, error) {
	_, i, selfClose, ok := scanStartTag(chunk, 0)
	if !ok || selfClose {
		return chunk, nil, nil
	}
	var out []byte
	var texts liftedTexts
	copied := 0
	depth := 1
	for depth > 0 {
		j := bytes.IndexByte(chunk[i:], '<')
		if j < 0 {
			return chunk, nil, nil
		}
		i += j
		switch {
		case bytes.HasPrefix(chunk[i:], []byte("<![CDATA[")):
			e := bytes.Index(chunk[i+9:], []byte("]]>"))
			if e < 0 {
				return chunk, nil, nil
			}
			i += 9 + e + 3
		case bytes.HasPrefix(chunk[i:], []byte("<!--")):
			e := bytes.Index(chunk[i+4:], []byte("-->"))
			if e < 0 {
				return chunk, nil, nil
			}
			i += 4 + e + 3
		case bytes.HasPrefix(chunk[i:], []byte("<?")):
			e := bytes.Index(chunk[i+2:], []byte("?>"))
			if e < 0 {
				return chunk, nil, nil
			}
			i += 2 + e + 2
		case bytes.HasPrefix(chunk[i:], []byte("</")):
			e := bytes.IndexByte(chunk[i:], '>')
			if e < 0 {
				return chunk, nil, nil
			}
			depth--
			i += e + 1
		default:
			name, end, self, ok := scanStartTag(chunk, i)
			if !ok || end <= i {
				return chunk, nil, nil
			}
			if self {
				i = end
				continue
			}
			if depth == 1 && isLiftable(xmlLocal(name)) {
				if bodyEnd, closeEnd, ok := textBodyEnd(chunk, end, name); ok {
					s, err := unescapeXMLText(chunk[end:bodyEnd])
					if err != nil {
						return nil, nil, fmt.Errorf("in <%s>: %w", shownName(name), err)
					}
					if out == nil {
						out = make([]byte, 0, 1024)
					}
					out = append(out, chunk[copied:end]...)
					out = append(out, liftMark...)
					out = strconv.AppendInt(out, int64(len(texts)), 10)
					out = append(out, liftMark...)
					texts = append(texts, s)
					copied = bodyEnd
					i = closeEnd
					continue
				}
			}
			depth++
			i = end
		}
	}
	if out == nil {
		return chunk, nil, nil
	}
	return append(out, chunk[copied:]...), texts, nil
}

// textBodyEnd finds the end of a text-only body starting at from, closed by
// </name>: the offset of the end tag and the offset after it. ok is false
// when the body holds an element (or the end tag is missing).
func textBodyEnd(b []byte, from int, name string) (bodyEnd, closeEnd int, ok bool) {
	i := from
	for {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return 0, 0, false
		}
		i += j
		switch {
		case bytes.HasPrefix(b[i:], []byte("<![CDATA[")):
			e := bytes.Index(b[i+9:], []byte("]]>"))
			if e < 0 {
				return 0, 0, false
			}
			i += 9 + e + 3
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			e := bytes.Index(b[i+4:], []byte("-->"))
			if e < 0 {
				return 0, 0, false
			}
			i += 4 + e + 3
		case bytes.HasPrefix(b[i:], []byte("</")):
			e := bytes.IndexByte(b[i:], '>')
			if e < 0 || string(bytes.TrimSpace(b[i+2:i+e])) != name {
				return 0, 0, false
			}
			return i, i + e + 1, true
		default:
			return 0, 0, false
		}
	}
}

// unescapeXMLText decodes XML character data: entity and character
// references, CDATA sections kept verbatim, comments dropped, CR LF → LF.
// HTML's named entities are accepted, as the decoder accepts them.
func unescapeXMLText(b []byte) (string, error) {
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		lt := bytes.IndexByte(b, '<')
		if lt < 0 {
			lt = len(b)
		}
		if err := unescapeRefs(&sb, b[:lt]); err != nil {
			return "", err
		}
		b = b[lt:]
		switch {
		case len(b) == 0:
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			e := bytes.Index(b[9:], []byte("]]>"))
			writeNormalized(&sb, b[9:9+e])
			b = b[9+e+3:]
		case bytes.HasPrefix(b, []byte("<!--")):
			e := bytes.Index(b[4:], []byte("-->"))
			b = b[4+e+3:]
		default:
			return "", fmt.Errorf("unexpected '<' in text")
		}
	}
	return sb.String(), nil
}

// unescapeRefs writes text t with its references decoded.
func unescapeRefs(sb *strings.Builder, t []byte) error {
	for {
		i := bytes.IndexByte(t, '&')
		if i < 0 {
			writeNormalized(sb, t)
			return nil
		}
		writeNormalized(sb, t[:i])
		t = t[i:]
		semi := bytes.IndexByte(t[:min(len(t), 40)], ';')
		if semi < 2 {
			return fmt.Errorf("invalid character entity %s", refContext(t))
		}
		name := t[1:semi] // compared and looked up without a string copy
		switch string(name) {
		case "lt":
			sb.WriteByte('<')
		case "gt":
			sb.WriteByte('>')
		case "amp":
			sb.WriteByte('&')
		case "quot":
			sb.WriteByte('"')
		case "apos":
			sb.WriteByte('\'')
		default:
			if name[0] == '#' {
				r, ok := charRef(name[1:])
				if !ok {
					return fmt.Errorf("invalid character entity &%s;", name)
				}
				sb.WriteRune(r)
			} else if v, ok := xml.HTMLEntity[string(name)]; ok {
				sb.WriteString(v)
			} else {
				return fmt.Errorf("invalid character entity &%s;", name)
			}
		}
		t = t[semi+1:]
	}
}

// charRef decodes the digits of a character reference (after "&#").
func charRef(b []byte) (rune, bool) {
	base := 10
	if len(b) > 0 && (b[0] == 'x' || b[0] == 'X') {
		base, b = 16, b[1:]
	}
	if len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	var n rune
	for _, c := range b {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		n = n*rune(base) + d
	}
	return n, isXMLChar(n)
}

func refContext(t []byte) string {
	if len(t) > 12 {
		t = t[:12]
	}
	return strconv.Quote(string(t))
}

// writeNormalized writes b with CR LF and lone CR turned into LF, as XML
// end-of-line handling requires.
func writeNormalized(sb *strings.Builder, b []byte) {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			sb.Write(b)
			return
		}
		sb.Write(b[:i])
		sb.WriteByte('\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// isXMLChar reports whether r is allowed in an XML document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}
