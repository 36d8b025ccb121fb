package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// itemID derives an item's stable id from its source (entry id, else the
// canonical URL), heading path, kind and normalised prompt: hex of the
// first 16 bytes of their SHA-256, fields separated by U+241F. Position and
// answer text play no part, so editing an answer keeps the id.
func itemID(src Source, context []string, kind Kind, prompt string) string {
	base := src.EntryID
	if base == "" {
		base = src.URL
	}
	h := sha256.New()
	h.Write([]byte(base))
	h.Write([]byte("\u241f"))
	h.Write([]byte(strings.Join(context, "\u241e")))
	h.Write([]byte("\u241f"))
	h.Write([]byte(kind))
	h.Write([]byte("\u241f"))
	h.Write([]byte(normKey(prompt)))
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:16])
}
