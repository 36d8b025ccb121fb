package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")

	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("file = %q", b)
	}

	// a failing writer leaves the old file and no temporary file
	boom := errors.New("boom")
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after a failed write the file = %q, want the old contents", b)
	}
	// a failing writer with no old file leaves nothing
	fresh := filepath.Join(dir, "fresh.apkg")
	writeFileAtomic(fresh, func(w io.Writer) error { return boom })
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failed write left %s", fresh)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only out.csv", names)
	}

	if err := writeFileAtomic(filepath.Join(dir, "missing", "x.csv"), func(io.Writer) error { return nil }); err == nil {
		t.Error("missing directory: no error")
	}
	if err := writeFileAtomic(dir, func(io.Writer) error { return nil }); err == nil {
		t.Error("a directory as output: no error")
	}
}

func TestCheckExportFlags(t *testing.T) {
	tests := []struct {
		opts    exportOptions
		format  string
		wantErr bool
	}{
		{exportOptions{out: "a.csv"}, "csv", false},
		{exportOptions{out: "a.APKG"}, "apkg", false},
		{exportOptions{out: "a.markdown"}, "md", false},
		{exportOptions{out: "a.txt", format: "CSV"}, "csv", false},
		{exportOptions{out: "a.txt"}, "", true},
		{exportOptions{out: "-"}, "", true},
		{exportOptions{out: ""}, "", true},
		{exportOptions{out: "a.csv", format: "xls"}, "", true},
		{exportOptions{out: "collection.apkg"}, "", true},
		{exportOptions{out: "x/backup-1.apkg"}, "", true},
		{exportOptions{out: "a.pdf", layout: "sheet", paper: "a5", flip: "long", mode: "mc"}, "", true},
		{exportOptions{out: "a.pdf", layout: "cards", paper: "letter", flip: "short", mode: "mc"}, "pdf", false},
	}
	for _, tt := range tests {
		o := tt.opts
		err := checkExportFlags(&o)
		if (err != nil) != tt.wantErr {
			t.Errorf("%+v: err = %v, wantErr %v", tt.opts, err, tt.wantErr)
			continue
		}
		var ue *usageError
		if err != nil && !errors.As(err, &ue) {
			t.Errorf("%+v: %v is not a usage error", tt.opts, err)
		}
		if err == nil && o.format != tt.format {
			t.Errorf("%+v: format %q, want %q", tt.opts, o.format, tt.format)
		}
	}
}
