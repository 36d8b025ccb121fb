package anki

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/feedcards/feedcards/quiz"
)

// Stock note type names of an English Anki. Anki translates them, so
// CSVOptions lets a user name the ones of their own collection.
const (
	StockBasic   = "Basic"
	StockReverse = "Basic (and reversed card)"
	StockCloze   = "Cloze"
)

// CSVOptions set the note type names written in the notetype column.
// Empty names take the English stock names.
type CSVOptions struct {
	BasicName   string // default "Basic"
	ReverseName string // default "Basic (and reversed card)"
	ClozeName   string // default "Cloze"
}

func (o CSVOptions) name(k kind) string {
	pick := func(v, def string) string {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
		return def
	}
	switch k {
	case kindReverse:
		return pick(o.ReverseName, StockReverse)
	case kindCloze:
		return pick(o.ClozeName, StockCloze)
	}
	return pick(o.BasicName, StockBasic)
}

// csvHeader is the fixed header of every file (ANKI.md §6.2): separator
// first, HTML fields, then the meta columns.
const csvHeader = "#separator:comma\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"

// WriteCSV writes cards as an Anki text-import file: UTF-8 without BOM,
// LF line ends, comma separated, every field double-quoted, the header
// lines of ANKI.md §6.2, then one row per Anki note with the columns guid,
// notetype, deck, Front|Text, Back|Back Extra, tags. Rows follow the notes'
// first appearance in cards. Nothing is written if a note cannot be
// exported.
func WriteCSV(w io.Writer, cards []quiz.Card, opt CSVOptions) error {
	notes, err := buildNotes(cards)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(csvHeader)
	for _, n := range notes {
		writeRow(bw, n.guid, opt.name(n.kind), n.deck, n.front, n.csvBack(), strings.Join(n.tags, " "))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// writeRow writes the fields, each quoted with inner quotes doubled. Fields
// never hold a raw newline: they are HTML, with <br> for line breaks.
func writeRow(w *bufio.Writer, fields ...string) {
	for i, f := range fields {
		f = oneLine(f)
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('"')
		for {
			j := strings.IndexByte(f, '"')
			if j < 0 {
				break
			}
			w.WriteString(f[:j+1])
			w.WriteByte('"')
			f = f[j+1:]
		}
		w.WriteString(f)
		w.WriteByte('"')
	}
	w.WriteByte('\n')
}

// oneLine guards the no-raw-newline rule for values that are not built as
// HTML here (note type names from flags, ids).
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", "<br>", "\n", "<br>", "\r", "<br>").Replace(s)
}
