package anki

import (
	"bytes"
	"context"
	"io"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: on a shared, loaded
// machine it measures the work better than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The sample feed's gold notes repeated with distinct ids, to about 10k cards.
func benchCards(b *testing.B) int {
	b.Helper()
	one := len(goldCards(b, 1))
	return (10000 + one - 1) / one
}

func BenchmarkWriteCSV10k(b *testing.B) {
	cards := goldCards(b, benchCards(b))
	var buf bytes.Buffer
	if err := WriteCSV(&buf, cards, CSVOptions{}); err != nil {
		b.Fatal(err)
	}
	start := cpuTime()
	for b.Loop() {
		if err := WriteCSV(io.Discard, cards, CSVOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(len(cards)), "cards")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
}

func BenchmarkWritePackage10k(b *testing.B) {
	cards := goldCards(b, benchCards(b))
	var buf bytes.Buffer
	if err := WritePackage(context.Background(), &buf, cards, PackageOptions{Now: fixNow, TempDir: b.TempDir()}); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	start := cpuTime()
	for b.Loop() {
		if err := WritePackage(context.Background(), io.Discard, cards, PackageOptions{Now: fixNow, TempDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(len(cards)), "cards")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
}
