package pdf

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// dumpPages prints laid-out pages one line per placed line: page, column
// offset, top (mm), face, size and text. It pins the layout without
// depending on how a PDF reader extracts text.
func dumpPages(pages [][]placedLine) string {
	var b strings.Builder
	for p, page := range pages {
		fmt.Fprintf(&b, "== page %d\n", p+1)
		for _, l := range page {
			if l.isGap() {
				continue
			}
			kind := ""
			switch {
			case l.rule:
				kind = "rule"
			case l.ruled:
				kind = "write-line"
			}
			fmt.Fprintf(&b, "x=%5.1f top=%6.2f f%d %4.1fpt indent=%.1f %s%q", l.x, l.top, l.fc, l.size, l.indent, kind, l.text)
			if l.marker != "" {
				fmt.Fprintf(&b, " marker=%q", l.marker)
			}
			if l.link != "" {
				fmt.Fprintf(&b, " link=%s", l.link)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(run go test -update if the change is intended)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: %d lines, want %d (run go test -update if the change is intended)", path, len(gl), len(wl))
	}
}

func TestSheetLayoutGolden(t *testing.T) {
	m := testMetrics(t)
	cards := append(fixtureCards(t), longCards(t)...)
	colW := (210 - 2*sheetMargin - sheetGap) / 2
	top := sheetMargin + sheetHeader
	pages := flowColumns(sheetBlocks(m, groupCards(cards), colW), 2, colW, sheetGap, top, 297-sheetMargin-top)
	checkGolden(t, "sheet-a4.golden", dumpPages(pages))
}
