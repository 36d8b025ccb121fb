package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Glossaries built of blocks rather than <dl> or labels: each entry is a
// list item or box holding a short name block and a definition block, as
// documentation generators write them:
//
//	<li><div class="term-name"><b>Pod</b></div>
//	    <div class="term-definition"><p>The smallest …</p></div></li>

// termBlocks returns the name and definition blocks of entry n, or nils
// when n is not such an entry: besides empty anchors, n holds exactly two
// element children, a short name (bold or code, or classed as a term or
// name) and a text of at least four words.
func (x *extractor) termBlocks(n *xhtml.Node) (name, def *xhtml.Node) {
	// Cheap structure first: no text beside the children, two block boxes.
	boxes := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil, nil // text beside the blocks: a label item, not this
			}
		case xhtml.ElementNode:
			if blockBox(c) {
				boxes++
			}
		}
	}
	if boxes < 2 {
		return nil, nil
	}
	var kids []*xhtml.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.ElementNode:
			if x.text(c) == "" {
				continue // an anchor target
			}
			if len(kids) == 2 {
				return nil, nil
			}
			kids = append(kids, c)
		}
	}
	if len(kids) != 2 || !blockBox(kids[0]) || !blockBox(kids[1]) {
		return nil, nil
	}
	t := x.text(kids[0])
	if wordCount(t) > 6 || len(t) > 80 || strings.ContainsAny(strings.TrimSuffix(t, ":"), ".;!?") {
		return nil, nil
	}
	if !hasClassLike(kids[0], "term", "name", "title", "word", "label") && !emphasisOnly(kids[0]) {
		return nil, nil
	}
	if wordCount(x.text(kids[1])) < 4 {
		return nil, nil
	}
	return kids[0], kids[1]
}

// blockBox reports whether n is a generic block that may hold an entry's
// part (not a list, table or heading, which have their own rules).
func blockBox(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.P, atom.Span, atom.Section:
		return true
	}
	return false
}

// emphasisOnly reports whether all of n's text sits in one bold, code or
// dfn element.
func emphasisOnly(n *xhtml.Node) bool {
	var e *xhtml.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case xhtml.ElementNode:
			if e != nil {
				return false
			}
			e = c
		}
	}
	if e == nil {
		return false
	}
	return isBold(e) || isCode(e) || e.DataAtom == atom.Dfn || emphasisOnly(e)
}

// termBlockItem reads n as a block glossary entry: the item, why it was
// rejected ("" if not), and whether n was such an entry at all. A box
// other than a list item must say by its classes that it is a glossary
// entry: a term or name block, or a definition or description block.
func (x *extractor) termBlockItem(n *xhtml.Node) (Item, string, bool) {
	name, def := x.termBlocks(n)
	if name == nil {
		return Item{}, "", false
	}
	if n.DataAtom != atom.Li && !hasClassLike(name, "term", "word", "name") && !hasClassLike(def, "def", "desc", "meaning", "explan") {
		return Item{}, "", false
	}
	l := label{term: strings.TrimSuffix(x.text(name), ":"), sep: true, code: emphasisCode(name)}
	text, html := textHTMLOf(def, textOpts{})
	x.lastWhy = ""
	term, ok := x.defCandidate(l, text)
	why := x.lastWhy
	if !ok && why == "" {
		why = "term"
	}
	return Item{Kind: Definition, Term: term, Definition: text, DefinitionHTML: html}, why, true
}

// emphasisCode reports whether the name block's text is inline code.
func emphasisCode(n *xhtml.Node) bool {
	for c := n; c != nil; c = firstElem(c) {
		if isCode(c) {
			return true
		}
	}
	return false
}
