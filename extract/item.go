package extract

// Kind is the kind of a knowledge item.
type Kind string

// The kinds of item the extractor finds.
const (
	FAQ        Kind = "faq"
	Definition Kind = "definition"
	List       Kind = "list"
)

// Source is an item's provenance: where it came from, down to the section.
type Source struct {
	Feed       string `json:"feed"`        // feed title; "" for a single page
	FeedURL    string `json:"feed_url"`    // the feed's URL or path as given; "" when unknown
	EntryID    string `json:"entry_id"`    // the entry's id/guid; a page's canonical URL
	Title      string `json:"title"`       // article title
	URL        string `json:"url"`         // article URL (canonical where declared)
	SectionURL string `json:"section_url"` // URL#anchor of the nearest section with an id, else ""
}

// Item is one knowledge item found in an article. Which text fields are set
// depends on Kind: Question/Answer for FAQ, Term/Definition for definitions,
// Prompt/Heading/Items/Ordered for lists. Text fields are plain text;
// the *HTML fields may carry sanitised inline HTML (code kept as <code>).
type Item struct {
	ID      string   // stable: derived from source, heading path, kind and normalised prompt
	Kind    Kind     //
	Context []string // heading path, outermost first
	Source  Source   //

	Question   string // faq
	Answer     string // faq
	AnswerHTML string // faq, optional

	Term           string // definition
	Definition     string // definition
	DefinitionHTML string // definition, optional

	Prompt  string   // list: the card's question ("Name the three states of Git")
	Heading string   // list: the heading or lead-in it came from
	Items   []string // list: short item labels
	Ordered bool     // list: an ordered sequence (steps)
}

// Front is the item's prompt text: the question, the term or the list prompt.
func (it Item) Front() string {
	switch it.Kind {
	case FAQ:
		return it.Question
	case Definition:
		return it.Term
	default:
		return it.Prompt
	}
}

// Article is one feed entry (or a single page) with the items found in it.
type Article struct {
	EntryID string
	Title   string
	URL     string
	Hash    string // hex SHA-256 of the entry's title, URL and content: unchanged hash, unchanged article
	Items   []Item
}

// Result is everything extracted from one source.
type Result struct {
	Feed     string // feed title ("" for a page)
	FeedURL  string // as given by the user (path or URL), "-" for stdin
	Format   string // "atom", "rss", "json" or "html"
	Articles []Article
	Warnings []string // non-fatal problems, e.g. one broken entry: "entry 3 (tag:…): …"

	// ETag and LastModified are the validators of a URL's response, for a
	// conditional GET next time (Options.ETag, Options.LastModified).
	ETag, LastModified string
}

// Items returns all items of all articles in document order.
func (r *Result) Items() []Item {
	var n int
	for _, a := range r.Articles {
		n += len(a.Items)
	}
	out := make([]Item, 0, n)
	for _, a := range r.Articles {
		out = append(out, a.Items...)
	}
	return out
}
