// Package extract turns feeds and article pages into study items.
//
// Load reads a source — a file, an http(s) URL or "-" for standard input —
// and Parse takes bytes already read. Either sniffs the format (RSS 2.0,
// 0.9x and 1.0, Atom 1.0, JSON Feed 1.1, or a single HTML page), converts a
// declared legacy charset to UTF-8, and splits a feed into its entries with
// a byte-level scan; the entries are then decoded (encoding/xml, with a fast
// path for text content bodies) and their HTML searched for FAQ pairs,
// definitions and lists, in parallel, with the output kept in document
// order. A broken entry becomes a warning naming it; a broken source is one
// error naming the source.
//
// Every Item carries its provenance (feed, entry, article, heading path and
// section URL) and a stable id derived from the source, the heading path,
// the kind and the prompt.
package extract
