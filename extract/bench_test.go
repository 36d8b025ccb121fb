package extract

import (
	"os"
	"testing"
)

// BenchmarkExtract measures the whole pipeline (sniff, split, decode,
// extract) on the sample feed, or on the feed named by
// FEEDCARDS_BENCH_FEED (e.g. a scaled feed from the bench generator),
// without the content hash, as `extract` runs it.
func BenchmarkExtract(b *testing.B) {
	path := os.Getenv("FEEDCARDS_BENCH_FEED")
	if path == "" {
		path = "../testdata/feeds/software-engineering.atom.xml"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var items int
	for b.Loop() {
		res, err := Parse(data, path, "", Options{NoHash: true})
		if err != nil {
			b.Fatal(err)
		}
		items = len(res.Items())
	}
	b.ReportMetric(float64(items), "items")
}

// BenchmarkParseFeed measures reading the feed alone: entries decoded but
// not extracted.
func BenchmarkParseFeed(b *testing.B) {
	path := os.Getenv("FEEDCARDS_BENCH_FEED")
	if path == "" {
		path = "../testdata/feeds/software-engineering.atom.xml"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := plan(data, path, "", "", Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range p.n {
			if _, err := p.decode(i); err != nil {
				b.Fatal(err)
			}
		}
	}
}
