package anki

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/feedcards/feedcards/extract"
	"github.com/feedcards/feedcards/quiz"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func writeCSV(t *testing.T, cards []quiz.Card, opt CSVOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, cards, opt); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	return b.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the diff)\ngot:\n%s", name, got)
	}
}

func TestWriteCSVGolden(t *testing.T) {
	golden(t, "fixture.csv", writeCSV(t, fixtureCards(fixtureNotes()), CSVOptions{}))
}

// parseCSV checks the byte-level rules and returns the data rows parsed
// with encoding/csv.
func parseCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatal("file starts with a BOM")
	}
	if bytes.Contains(data, []byte("\r")) {
		t.Fatal("file has a CR")
	}
	wantHeader := []string{"#separator:comma", "#html:true", "#guid column:1", "#notetype column:2", "#deck column:3", "#tags column:6"}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) < len(wantHeader) || !slices.Equal(lines[:len(wantHeader)], wantHeader) {
		t.Fatalf("header lines = %q, want %q", lines[:min(len(lines), len(wantHeader))], wantHeader)
	}
	body := lines[len(wantHeader):]
	for i, l := range body {
		if strings.HasPrefix(l, "#") {
			t.Errorf("row %d starts with an unquoted #: %s", i+1, l)
		}
		if err := allQuoted(l); err != nil {
			t.Errorf("row %d: %v: %s", i+1, err, l)
		}
	}
	r := csv.NewReader(strings.NewReader(strings.Join(body, "\n")))
	r.FieldsPerRecord = 6
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse back: %v", err)
	}
	if len(rows) != len(body) {
		t.Fatalf("%d records from %d lines: a field holds a raw newline", len(rows), len(body))
	}
	return rows
}

func TestWriteCSVRules(t *testing.T) {
	notes := fixtureNotes()
	rows := parseCSV(t, writeCSV(t, fixtureCards(notes), CSVOptions{}))
	// 5 feedcards notes; the ordered list gives an enumeration and a cloze note.
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6", len(rows))
	}
	guids := map[string]bool{}
	for _, row := range rows {
		if guids[row[0]] {
			t.Errorf("GUID %s twice", row[0])
		}
		guids[row[0]] = true
		if row[2] != "Dev::Example Blog" {
			t.Errorf("deck = %q", row[2])
		}
		if strings.TrimSpace(row[3]) == "" {
			t.Errorf("empty first field in %q", row)
		}
		for _, tag := range strings.Fields(row[5]) {
			if tag != cleanTag(tag) {
				t.Errorf("tag %q not clean", tag)
			}
		}
		for _, f := range row {
			low := strings.ToLower(f)
			for _, bad := range []string{"<script", "<iframe", "<style", "onclick", "javascript:", "<!--", "\t", "\x1f"} {
				if strings.Contains(low, bad) {
					t.Errorf("field holds %q: %s", bad, f)
				}
			}
		}
		if !strings.Contains(row[4], `Source: <a href="https://example.com/`) {
			t.Errorf("back has no linked source line: %s", row[4])
		}
	}
	for _, n := range notes {
		if !guids[n.ID] {
			t.Errorf("note id %s is not a GUID in the file", n.ID)
		}
	}
	byType := map[string]int{}
	for _, row := range rows {
		byType[row[1]]++
	}
	want := map[string]int{"Basic": 3, "Basic (and reversed card)": 1, "Cloze": 1}
	want["Basic"] = 4 // FAQ×2, unordered list, the ordered list's enumeration
	if len(byType) != 3 || byType["Basic"] != 4 || byType["Cloze"] != 1 || byType["Basic (and reversed card)"] != 1 {
		t.Errorf("note types %v, want %v", byType, want)
	}
	// the escaping example of ANKI.md §6.1
	var escaped bool
	for _, row := range rows {
		if strings.HasPrefix(row[4], "a&lt;b &amp; c<br>&lt;script&gt;x&lt;/script&gt; end") {
			escaped = true
		}
	}
	if !escaped {
		t.Error("plain text answer not escaped as a&lt;b &amp; c<br>&lt;script&gt;…")
	}
}

func TestWriteCSVNoteTypeNames(t *testing.T) {
	opt := CSVOptions{BasicName: "Einfach", ReverseName: "Einfach (mit umgekehrter Karte)", ClozeName: "Lückentext"}
	rows := parseCSV(t, writeCSV(t, fixtureCards(fixtureNotes()), opt))
	got := map[string]bool{}
	for _, r := range rows {
		got[r[1]] = true
	}
	for _, n := range []string{opt.BasicName, opt.ReverseName, opt.ClozeName} {
		if !got[n] {
			t.Errorf("note type %q not used; got %v", n, got)
		}
	}
}

// TestWriteCSVReimport: an answer changed in the source keeps every GUID
// and changes that note's field, so Anki updates the note in place.
func TestWriteCSVReimport(t *testing.T) {
	before := parseCSV(t, writeCSV(t, fixtureCards(fixtureNotes()), CSVOptions{}))
	notes := fixtureNotes()
	for i := range notes {
		if notes[i].Item.Kind == extract.Definition {
			notes[i].Item.Definition = "A goroutine: a function running concurrently, managed by the Go runtime."
		}
	}
	after := parseCSV(t, writeCSV(t, fixtureCards(notes), CSVOptions{}))
	if len(before) != len(after) {
		t.Fatalf("%d rows, then %d", len(before), len(after))
	}
	changed := 0
	for i := range before {
		if before[i][0] != after[i][0] {
			t.Errorf("row %d: GUID %s became %s", i, before[i][0], after[i][0])
		}
		if before[i][4] != after[i][4] {
			changed++
			if !strings.Contains(after[i][4], "function running concurrently") {
				t.Errorf("changed back = %q", after[i][4])
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d backs changed, want 1", changed)
	}
}

func TestWriteCSVCloze(t *testing.T) {
	rows := parseCSV(t, writeCSV(t, fixtureCards(fixtureNotes()), CSVOptions{}))
	var text string
	for _, r := range rows {
		if r[1] == "Cloze" {
			text = r[3]
		}
	}
	dels := parseClozes(t, text)
	want := []string{"include std::vector", "write f(){ return {}; }", "link {{c1::lib}}"}
	if len(dels) != len(want) {
		t.Fatalf("deletions %+v, want %q", dels, want)
	}
	for i, d := range dels {
		if d.n != i+1 || d.hint != "" || d.answer != want[i] {
			t.Errorf("deletion %d = %+v, want c%d %q with no hint", i, d, i+1, want[i])
		}
	}
}

func TestWriteCSVErrors(t *testing.T) {
	n := quiz.Note{ID: "x1", Deck: "D", Type: quiz.Basic, Item: extract.Item{Kind: extract.FAQ, Question: " ", Answer: "a"}}
	c := quiz.Card{ID: "x1/forward", NoteID: "x1", Template: quiz.Forward, Note: &n}
	var b bytes.Buffer
	err := WriteCSV(&b, []quiz.Card{c}, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), "x1") || !strings.Contains(err.Error(), "front is empty") {
		t.Errorf("empty front: err = %v", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes on error", b.Len())
	}
	cl := quiz.Note{ID: "x2", Deck: "D", Type: quiz.Cloze, Item: extract.Item{Kind: extract.List, Prompt: "Steps", Ordered: true}}
	cc := quiz.Card{ID: "x2/cloze1", NoteID: "x2", Template: quiz.ClozeTemplate(1), Note: &cl}
	if err := WriteCSV(&b, []quiz.Card{cc}, CSVOptions{}); err == nil || !strings.Contains(err.Error(), "x2") {
		t.Errorf("cloze without items: err = %v", err)
	}
	bad := quiz.Card{ID: "x3/odd", NoteID: "x3", Template: "odd", Note: &quiz.Note{ID: "x3"}}
	if err := WriteCSV(&b, []quiz.Card{bad}, CSVOptions{}); err == nil || !strings.Contains(err.Error(), `"odd"`) {
		t.Errorf("unknown template: err = %v", err)
	}
}

func TestWriteCSVGold(t *testing.T) {
	cards := goldCards(t, 1)
	rows := parseCSV(t, writeCSV(t, cards, CSVOptions{}))
	if len(rows) < 300 {
		t.Fatalf("only %d rows from the gold annotation", len(rows))
	}
}

// FuzzWriteCSV: whatever the text, every row parses back to 6 quoted
// columns and keeps its GUID.
func FuzzWriteCSV(f *testing.F) {
	f.Add("What is `x`?", "a<b & c\n<script>x</script>", "Deck::Sub", "#tag one")
	f.Add("\"quoted\", comma", "line\r\nbreak\x1f", "2024", "")
	f.Fuzz(func(t *testing.T, q, a, deck, tag string) {
		if strings.TrimSpace(cleanControls(q)) == "" || strings.TrimSpace(cleanControls(a)) == "" {
			return
		}
		n := quiz.Note{ID: "guid,\"1", Deck: deck, Type: quiz.Basic, Tags: []string{tag},
			Item: extract.Item{Kind: extract.FAQ, Question: q, Answer: a}}
		c := quiz.Card{ID: n.ID + "/forward", NoteID: n.ID, Template: quiz.Forward, Note: &n, Front: q, Back: a}
		var b bytes.Buffer
		if err := WriteCSV(&b, []quiz.Card{c}, CSVOptions{}); err != nil {
			if strings.Contains(err.Error(), "empty") {
				return
			}
			t.Fatal(err)
		}
		rows := parseCSV(t, b.Bytes())
		if len(rows) != 1 || rows[0][0] != n.ID || rows[0][2] != CleanDeck(deck) {
			t.Fatalf("rows %q", rows)
		}
		if strings.ContainsAny(rows[0][5], "\t\n") {
			t.Fatalf("tags %q", rows[0][5])
		}
	})
}

// allQuoted checks that every field of a CSV line is double-quoted, with
// inner quotes doubled.
func allQuoted(line string) error {
	i := 0
	for {
		if i >= len(line) || line[i] != '"' {
			return fmt.Errorf("field at byte %d is not quoted", i)
		}
		i++
		for {
			j := strings.IndexByte(line[i:], '"')
			if j < 0 {
				return fmt.Errorf("unclosed quote")
			}
			i += j + 1
			if i < len(line) && line[i] == '"' {
				i++ // a doubled quote
				continue
			}
			break
		}
		if i == len(line) {
			return nil
		}
		if line[i] != ',' {
			return fmt.Errorf("text after a closing quote at byte %d", i)
		}
		i++
	}
}
