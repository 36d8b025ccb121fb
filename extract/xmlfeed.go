package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"regexp"
	"strings"
)

// Namespaces the XML readers know. Elements also match by their usual
// prefix when a chunk or a sloppy feed leaves the prefix undeclared.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsRSS10   = "http://purl.org/rss/1.0/"
	nsRSS090  = "http://my.netscape.com/rdf/simple/0.9/"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsXML     = "http://www.w3.org/XML/1998/namespace"
)

// rawEntry is what the feed says about one entry, before extraction.
type rawEntry struct {
	id, title, link, base string
	html                  string // content as HTML
}

// feedMeta is the feed-level metadata read from the skeleton.
type feedMeta struct {
	title, link, base string
}

// planXMLFeed splits an Atom or RSS (2.0, 0.9x, 1.0 RDF) feed into entries.
func planXMLFeed(data []byte, kind, src, baseURL, contentType string) (*sourcePlan, error) {
	name := displayName(src)
	data, err := xmlToUTF8(data, contentType)
	if err != nil {
		return nil, srcErrorf(name, err, "%s", err.Error())
	}
	sc, err := scanFeed(data)
	if err != nil {
		var se *scanError
		if errors.As(err, &se) {
			return nil, srcErrorf(name, err, "%s at line %d%s", se.msg, lineOf(data, se.off), se.detail)
		}
		return nil, srcErrorf(name, err, "%s", err.Error())
	}
	meta, err := decodeFeedMeta(sc.skeleton, kind)
	if err != nil {
		return nil, srcErrorf(name, err, "%s", xmlErrText(err))
	}
	feedBase := resolveRef(baseURL, meta.base)
	home := resolveRef(feedBase, meta.link)
	res := &Result{Feed: meta.title, FeedURL: src, Format: kind}

	decode := func(i int) (entryInput, error) {
		sp := sc.entries[i]
		w := sc.wraps[sp.wrap]
		chunk := data[sp.start:sp.end]
		var e rawEntry
		var err error
		dec := decodeRSSEntry
		if kind == formatAtom {
			dec = decodeAtomEntry
		}
		e, err = dec(chunk, w, true)
		if _, ok := err.(*xml.SyntaxError); ok {
			e, err = dec(chunk, w, false) // again on the original bytes, for the right line
		}
		in := entryInput{Src: Source{Feed: meta.title, FeedURL: src, EntryID: e.id, Title: e.title}}
		if err != nil {
			if in.Src.EntryID == "" {
				in.Src.EntryID = guessEntryID(chunk)
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line := lineOf(data, sp.start) + se.Line - 1 - strings.Count(w.prefix, "\n")
				return in, fmt.Errorf("XML syntax error at line %d: %s", line, se.Msg)
			}
			return in, err
		}
		base := feedBase
		if e.base != "" {
			base = resolveRef(feedBase, e.base)
		}
		if base == "" {
			base = home
		}
		switch {
		case e.link != "":
			in.Src.URL = resolveRef(base, e.link)
		case isHTTPURL(e.id):
			in.Src.URL = e.id
		default:
			in.Src.URL = base
		}
		if in.Src.EntryID == "" {
			in.Src.EntryID = fallbackEntryID(e.link, in.Src.URL, e.title, e.html)
		}
		in.HTML = e.html
		return in, nil
	}
	return &sourcePlan{res: res, n: len(sc.entries), decode: decode}, nil
}

// xmlErrText is the message of an encoding/xml error, with its line.
func xmlErrText(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Msg == "unexpected EOF" {
			return fmt.Sprintf("truncated XML: unexpected EOF at line %d", se.Line)
		}
		return fmt.Sprintf("XML syntax error: %s", se.Msg)
	}
	return err.Error()
}

func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.Entity = xml.HTMLEntity // &nbsp; and friends, common in hand-made feeds
	return d
}

// isNS reports whether an element's space is one of the accepted ones
// ("" always counts: undeclared default namespace or a lost declaration).
func isNS(space string, accepted ...string) bool {
	if space == "" {
		return true
	}
	for _, a := range accepted {
		if space == a {
			return true
		}
	}
	return false
}

func xmlAttr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == space || space == "" && a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

func xmlBase(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Local == "base" && (a.Name.Space == nsXML || a.Name.Space == "xml") {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// xmlReadText returns the character data inside the element just started,
// up to its end tag (text of nested elements included).
func xmlReadText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 1
	for {
		tok, err := d.Token()
		if err != nil {
			return "", eofIsUnexpected(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
			if depth == 0 {
				return b.String(), nil
			}
		}
	}
}

// xmlReadRaw returns the raw markup inside the element just started: the bytes
// of stream between start and the offset of its end tag. base is the
// decoder offset at which stream begins.
func xmlReadRaw(d *xml.Decoder, stream []byte, base int64) (string, error) {
	start := d.InputOffset()
	depth := 1
	for {
		before := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			return "", eofIsUnexpected(err)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
			if depth == 0 {
				a, b := start-base, before-base
				if a < 0 || b > int64(len(stream)) || a > b {
					return "", errors.New("xhtml content outside the entry")
				}
				return string(stream[a:b]), nil
			}
		}
	}
}

func eofIsUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// decodeFeedMeta reads the feed title, home link and xml:base from the
// skeleton (the document without its entries), checking it is well-formed.
func decodeFeedMeta(skel []byte, kind string) (feedMeta, error) {
	var m feedMeta
	d := newXMLDecoder(bytes.NewReader(skel))
	var path []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if len(path) > 0 {
				return m, &xml.SyntaxError{Msg: "unexpected EOF", Line: bytes.Count(skel, []byte{'\n'}) + 1}
			}
			return m, nil
		}
		if err != nil {
			return m, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			switch {
			case len(path) == 1:
				m.base = xmlBase(t)
			case kind == formatAtom && len(path) == 2 && isNS(t.Name.Space, nsAtom):
				switch t.Name.Local {
				case "title":
					s, err := xmlReadText(d)
					if err != nil {
						return m, err
					}
					m.title = textConstruct(s, xmlAttr(t, "", "type"))
					path = path[:len(path)-1]
				case "link":
					rel := xmlAttr(t, "", "rel")
					if (rel == "" || rel == "alternate") && m.link == "" {
						m.link = strings.TrimSpace(xmlAttr(t, "", "href"))
					}
				}
			case kind == formatRSS && len(path) >= 2 && path[len(path)-2] == "channel" && isNS(t.Name.Space, nsRSS10, nsRSS090):
				switch t.Name.Local {
				case "title", "link":
					s, err := xmlReadText(d)
					if err != nil {
						return m, err
					}
					if t.Name.Local == "title" && m.title == "" {
						m.title = feedTitleText(s)
					} else if t.Name.Local == "link" && m.link == "" {
						m.link = strings.TrimSpace(s)
					}
					path = path[:len(path)-1]
				}
			}
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
}

// openEntry readies a decoder over one entry chunk wrapped in its parents'
// start tags (w). With lift, long text bodies are first lifted out of the
// chunk (see liftText). base is the offset of the chunk in the decoder's input.
func openEntry(chunk []byte, w entryWrap, lift bool) (d *xml.Decoder, base int64, lifted liftedTexts, err error) {
	if lift {
		if chunk, lifted, err = liftText(chunk); err != nil {
			return nil, 0, nil, err
		}
	}
	d = newXMLDecoder(io.MultiReader(strings.NewReader(w.prefix), bytes.NewReader(chunk), strings.NewReader(w.suffix)))
	return d, int64(len(w.prefix)), lifted, nil
}

// decodeAtomEntry decodes one <entry> chunk.
func decodeAtomEntry(chunk []byte, w entryWrap, lift bool) (rawEntry, error) {
	var e rawEntry
	d, base, lifted, err := openEntry(chunk, w, lift)
	if err != nil {
		return e, err
	}
	var content, summary string
	haveContent, haveSummary := false, false
	depth, entryDepth := 0, -1
	for {
		tok, err := d.Token()
		if err != nil {
			return e, eofIsUnexpected(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if entryDepth < 0 {
				if int64(d.InputOffset()) > base { // the entry itself
					entryDepth = depth
					e.base = xmlBase(t)
				}
				continue
			}
			if depth != entryDepth+1 || !isNS(t.Name.Space, nsAtom) {
				continue
			}
			switch t.Name.Local {
			case "id":
				s, err := xmlReadText(d)
				if err != nil {
					return e, err
				}
				e.id = strings.TrimSpace(s)
				depth--
			case "title":
				s, err := xmlReadText(d)
				if err != nil {
					return e, err
				}
				e.title = textConstruct(s, xmlAttr(t, "", "type"))
				depth--
			case "link":
				rel := xmlAttr(t, "", "rel")
				if (rel == "" || rel == "alternate") && e.link == "" {
					e.link = strings.TrimSpace(xmlAttr(t, "", "href"))
				}
			case "content", "summary":
				if xmlAttr(t, "", "src") != "" {
					continue // out-of-line content: nothing to read here
				}
				s, err := readAtomContent(d, t, chunk, base, lifted)
				if err != nil {
					return e, err
				}
				depth--
				if t.Name.Local == "content" && !haveContent {
					content, haveContent = s, true
				} else if t.Name.Local == "summary" && !haveSummary {
					summary, haveSummary = s, true
				}
			}
		case xml.EndElement:
			depth--
			if entryDepth >= 0 && depth < entryDepth {
				if haveContent && strings.TrimSpace(content) != "" {
					e.html = content
				} else {
					e.html = summary
				}
				return e, nil
			}
		}
	}
}

// readAtomContent reads an Atom content or summary element as HTML.
func readAtomContent(d *xml.Decoder, t xml.StartElement, chunk []byte, base int64, lifted liftedTexts) (string, error) {
	typ := strings.ToLower(strings.TrimSpace(xmlAttr(t, "", "type")))
	switch {
	case typ == "xhtml" || strings.HasSuffix(typ, "+xml") || strings.HasSuffix(typ, "/xml"):
		raw, err := xmlReadRaw(d, chunk, base)
		if err != nil {
			return "", err
		}
		return unwrapXHTMLDiv(raw), nil
	case typ == "html" || strings.Contains(typ, "html"):
		s, err := xmlReadText(d)
		return lifted.resolve(s), err
	case typ == "" || typ == "text" || strings.HasPrefix(typ, "text/"):
		s, err := xmlReadText(d)
		return plainToHTML(lifted.resolve(s)), err
	default: // base64 media and the like: not an article
		_, err := xmlReadText(d)
		return "", err
	}
}

// unwrapXHTMLDiv drops the <div xmlns="http://www.w3.org/1999/xhtml">
// wrapper Atom puts around xhtml content.
func unwrapXHTMLDiv(raw string) string {
	s := strings.TrimSpace(raw)
	if !strings.HasPrefix(s, "<div") && !strings.HasPrefix(s, "<xhtml:div") {
		return s
	}
	gt := strings.IndexByte(s, '>')
	end := strings.LastIndex(s, "</")
	if gt < 0 || end < gt || !strings.HasSuffix(s, "div>") {
		return s
	}
	return strings.TrimSpace(s[gt+1 : end])
}

// decodeRSSEntry decodes one RSS <item> chunk (RSS 2.0, 0.9x or 1.0).
func decodeRSSEntry(chunk []byte, w entryWrap, lift bool) (rawEntry, error) {
	var e rawEntry
	d, base, lifted, err := openEntry(chunk, w, lift)
	if err != nil {
		return e, err
	}
	var guid, desc, encoded string
	permalink := false
	depth, itemDepth := 0, -1
	for {
		tok, err := d.Token()
		if err != nil {
			return e, eofIsUnexpected(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if itemDepth < 0 {
				if int64(d.InputOffset()) > base {
					itemDepth = depth
					e.base = xmlBase(t)
					if about := xmlAttr(t, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "about"); about != "" {
						guid = about
					}
				}
				continue
			}
			if depth != itemDepth+1 {
				continue
			}
			local := t.Name.Local
			var field *string
			switch {
			case local == "encoded" && isNS(t.Name.Space, nsContent, "content"):
				field = &encoded
			case !isNS(t.Name.Space, nsRSS10, nsRSS090):
				continue
			case local == "title":
				field = &e.title
			case local == "link":
				field = &e.link
			case local == "guid":
				field = &guid
				permalink = !strings.EqualFold(strings.TrimSpace(xmlAttr(t, "", "isPermaLink")), "false")
			case local == "description":
				field = &desc
			default:
				continue
			}
			s, err := xmlReadText(d)
			if err != nil {
				return e, err
			}
			depth--
			if *field == "" {
				*field = lifted.resolve(s)
			}
		case xml.EndElement:
			depth--
			if itemDepth >= 0 && depth < itemDepth {
				e.title = feedTitleText(e.title)
				e.link = strings.TrimSpace(e.link)
				e.id = strings.TrimSpace(guid) // no guid: the caller uses the resolved link
				if e.link == "" && permalink && isHTTPURL(e.id) {
					e.link = e.id
				}
				if strings.TrimSpace(encoded) != "" {
					e.html = encoded
				} else {
					e.html = desc
				}
				return e, nil
			}
		}
	}
}

// textConstruct turns an Atom text construct into plain text.
func textConstruct(s, typ string) string {
	switch strings.ToLower(typ) {
	case "html", "xhtml":
		return feedTitleText(stripMarkup(s))
	}
	return oneLine(s)
}

// feedTitleText cleans a title: tags (escaped HTML in RSS titles) dropped,
// entities decoded, white space collapsed.
func feedTitleText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = html.UnescapeString(stripMarkup(s))
	}
	return oneLine(s)
}

// stripMarkup removes <...> markup from s.
func stripMarkup(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			in = true
		case c == '>' && in:
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// plainToHTML turns plain text (a JSON Feed's content_text, an RSS
// description without markup) into escaped HTML, keeping the structure
// plain text shows: blank lines separate blocks; a block of "1." or "-"
// lines is a list, after a lead-in line if it has one; a block of two or
// more "Term: explanation" lines is a list of labelled items; a short
// line standing alone before more text is a heading; other single
// newlines become <br>.
func plainToHTML(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	if s == "" {
		return ""
	}
	paras := strings.Split(s, "\n\n")
	var b strings.Builder
	for i, para := range paras {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		lines := strings.Split(para, "\n")
		for j := range lines {
			lines[j] = strings.TrimSpace(lines[j])
		}
		if len(lines) == 1 && i < len(paras)-1 && plainHeading(lines[0]) {
			b.WriteString("<h2>" + html.EscapeString(lines[0]) + "</h2>\n")
			continue
		}
		items := lines
		if len(lines) > 2 && strings.HasSuffix(lines[0], ":") && plainList(lines[1:]) != "" {
			b.WriteString("<p>" + html.EscapeString(lines[0]) + "</p>\n")
			items = lines[1:]
		}
		if kind := plainList(items); kind != "" {
			tag := strings.TrimSuffix(kind, ":label")
			b.WriteString("<" + tag + ">")
			for _, l := range items {
				b.WriteString("<li>" + plainItem(l, kind) + "</li>")
			}
			b.WriteString("</" + tag + ">\n")
			continue
		}
		b.WriteString("<p>")
		for j, line := range lines {
			if j > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(line))
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

// plainNumberRE and plainBulletRE match list item markers in plain text;
// plainLabelRE a "Term: explanation" line.
var (
	plainNumberRE = regexp.MustCompile(`^\d{1,2}[.)]\s+\S`)
	plainBulletRE = regexp.MustCompile(`^[-*•]\s+\S`)
	plainLabelRE  = regexp.MustCompile(`^([^:.!?]{1,50}):\s+\S`)
)

// plainList says which list the lines make: "ol", "ul", or "ul:label"
// for "Term: explanation" items; "" when they are not all items of one
// kind. Q:/A: lines are a question and its answer, not labels.
func plainList(lines []string) string {
	if len(lines) < 2 {
		return ""
	}
	all := func(re *regexp.Regexp) bool {
		for _, l := range lines {
			if !re.MatchString(l) {
				return false
			}
		}
		return true
	}
	switch {
	case all(plainNumberRE):
		return "ol"
	case all(plainBulletRE):
		return "ul"
	}
	for _, l := range lines {
		m := plainLabelRE.FindStringSubmatch(l)
		if m == nil || wordCount(m[1]) > 5 || qMarkerRE.MatchString(l) || aMarkerRE.MatchString(l) {
			return ""
		}
	}
	return "ul:label"
}

// plainItem renders one list line as an item's HTML: the marker dropped,
// a label set in bold.
func plainItem(l, tag string) string {
	switch tag {
	case "ol":
		l = l[plainNumberRE.FindStringIndex(l)[1]-1:]
	case "ul":
		l = l[plainBulletRE.FindStringIndex(l)[1]-1:]
	default:
		i := strings.Index(l, ": ")
		return "<strong>" + html.EscapeString(l[:i+1]) + "</strong> " + html.EscapeString(strings.TrimSpace(l[i+2:]))
	}
	return html.EscapeString(l)
}

// plainHeading reports whether a line standing alone reads as a heading:
// short, no closing punctuation, not a list item.
func plainHeading(l string) bool {
	n := wordCount(l)
	if n == 0 || n > 8 || len(l) > 80 || strings.ContainsAny(l[len(l)-1:], ".!?:;,") {
		return false
	}
	return !plainNumberRE.MatchString(l) && !plainBulletRE.MatchString(l)
}

// fallbackEntryID names an entry that has no id: its link, else a digest
// of its title (or content), never the feed's own URL, which all such
// entries would share.
func fallbackEntryID(link, resolved, title, content string) string {
	if link != "" {
		return resolved
	}
	key := title
	if key == "" {
		key = content
	}
	sum := sha256.Sum256([]byte(key))
	return "urn:sha256:" + hex.EncodeToString(sum[:8])
}

// guessEntryID finds an id, guid or link in a broken entry's raw bytes, to
// name it in a warning. It looks at the entry's first 64 KiB only, and a
// little way past each candidate tag, so odd input cannot make it slow.
func guessEntryID(chunk []byte) string {
	if len(chunk) > 64<<10 {
		chunk = chunk[:64<<10]
	}
	for _, tag := range []string{"id", "guid", "link"} {
		open := []byte("<" + tag)
		for rest := chunk; ; {
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			if len(rest) == 0 || rest[0] != '>' && !isXMLSpace(rest[0]) {
				continue
			}
			win := rest[:min(len(rest), 512)]
			gt := bytes.IndexByte(win, '>')
			lt := bytes.IndexByte(win, '<')
			if gt >= 0 && lt > gt {
				if v := strings.TrimSpace(string(win[gt+1 : lt])); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// resolveRef resolves ref against base; either may be empty. An unparsable
// ref is returned as is.
func resolveRef(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if base == "" {
		return ref
	}
	if ref == "" {
		return base
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}
