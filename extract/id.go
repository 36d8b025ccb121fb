package extract

import (
	"crypto/sha256"
	"encoding/hex"
)

// itemID derives an item's stable id from its source (entry id, else the
// canonical URL), heading path, kind and normalised prompt: hex of the
// first 16 bytes of their SHA-256, fields separated by U+241F. Position and
// answer text play no part, so editing an answer keeps the id.
func itemID(src Source, context []string, kind Kind, prompt string) string {
	return itemIDKey(src, context, kind, normKey(prompt))
}

// itemIDKey is itemID with the prompt already normalised. The fields are
// hashed in one piece, as the sequence of writes would hash them.
func itemIDKey(src Source, context []string, kind Kind, key string) string {
	base := src.EntryID
	if base == "" {
		base = src.URL
	}
	var stack [512]byte
	b := append(stack[:0], base...)
	b = append(b, "\u241f"...)
	for i, c := range context {
		if i > 0 {
			b = append(b, "\u241e"...)
		}
		b = append(b, c...)
	}
	b = append(b, "\u241f"...)
	b = append(b, kind...)
	b = append(b, "\u241f"...)
	b = append(b, key...)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
