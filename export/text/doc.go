// Package text writes cards as plain-text exports: JSON (WriteJSON), the
// cards with their ids, sources and scheduling state for other programs,
// and Markdown (WriteMarkdown), a readable study sheet grouped by article
// and section. Both are deterministic: the same cards give the same bytes.
package text
