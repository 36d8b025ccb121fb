package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseFeed feeds arbitrary bytes to the loader. It must never panic;
// an error is one line naming the source; a success has a format and no
// more articles than the input could hold. For XML feeds the fast path for
// content bodies must agree with encoding/xml on every entry both can read.
// Seeds: every test feed, the sample feed's head, and a few small cases.
// Crashers found go to testdata/fuzz/FuzzParseFeed and run with go test.
func FuzzParseFeed(f *testing.F) {
	for _, pattern := range []string{"testdata/feeds/*", "../testdata/feeds/*.xml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if len(b) > 64<<10 {
				b = b[:64<<10]
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`<rss><channel><item><title>t</title><description>&lt;p&gt;x</description></item></channel></rss>`))
	f.Add([]byte(`<feed><entry><content type="xhtml"><div><p>x</p></div></content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"a"}]}`))
	f.Add([]byte("\xef\xbb\xbf<html><body><p>hi</p></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, "fuzz.xml", "https://fuzz.example/", Options{Workers: 1})
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "fuzz.xml: ") || strings.Contains(msg, "\n") {
				t.Fatalf("bad error message %q", msg)
			}
			return
		}
		switch res.Format {
		case formatAtom, formatRSS, formatJSON, formatHTML:
		default:
			t.Fatalf("format %q", res.Format)
		}
		if len(res.Articles) > len(data) {
			t.Fatalf("%d articles from %d bytes", len(res.Articles), len(data))
		}
		if res.Format == formatAtom || res.Format == formatRSS {
			compareLift(t, "fuzz", data)
		}
	})
}
