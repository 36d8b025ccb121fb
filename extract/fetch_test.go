package extract

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func sampleRSS(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/feeds/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFetch covers the HTTP source: headers sent, gzip, redirects and the
// base URL, conditional GET, and every failure as one clean error.
func TestFetch(t *testing.T) {
	feed := sampleRSS(t)
	var gotUA, gotAE, gotINM, gotIMS string
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAE = r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding")
		gotINM, gotIMS = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if gotINM == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(feed)
		zw.Close()
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for range 16 { // 16 MiB of zeros in ~16 KiB on the wire
			zw.Write(zeros)
		}
		zw.Close()
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("<p>x</p>"), 1<<16))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/articles/page", http.StatusFound)
	})
	mux.HandleFunc("/articles/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><article><p>Hello</p></article></body></html>`)
	})
	mux.HandleFunc("/latin1page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte("<html><body><p>caf\xe9</p></body></html>"))
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	block := make(chan struct{})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(block)

	t.Run("headers, validators and the feed", func(t *testing.T) {
		res, err := Load(t.Context(), srv.URL+"/feed", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if gotUA != DefaultUserAgent || gotAE != "gzip" || gotINM != "" || gotIMS != "" {
			t.Errorf("sent UA %q, Accept-Encoding %q, If-None-Match %q, If-Modified-Since %q", gotUA, gotAE, gotINM, gotIMS)
		}
		if res.ETag != `"v1"` || res.LastModified != "Wed, 02 Dec 2026 10:00:00 GMT" {
			t.Errorf("validators %q %q", res.ETag, res.LastModified)
		}
		if res.Format != "rss" || len(res.Articles) != 4 || res.FeedURL != srv.URL+"/feed" {
			t.Errorf("format %q, %d articles, feed URL %q", res.Format, len(res.Articles), res.FeedURL)
		}
	})
	t.Run("conditional GET: 304 is ErrNotModified", func(t *testing.T) {
		_, err := Load(t.Context(), srv.URL+"/feed", Options{ETag: `"v1"`, LastModified: "Wed, 02 Dec 2026 10:00:00 GMT", UserAgent: "test/1"})
		if !errors.Is(err, ErrNotModified) {
			t.Fatalf("error %v, want ErrNotModified", err)
		}
		if gotINM != `"v1"` || gotIMS != "Wed, 02 Dec 2026 10:00:00 GMT" || gotUA != "test/1" {
			t.Errorf("sent If-None-Match %q, If-Modified-Since %q, UA %q", gotINM, gotIMS, gotUA)
		}
	})
	t.Run("gzip body", func(t *testing.T) {
		res, err := Load(t.Context(), srv.URL+"/gzip", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Articles) != 4 {
			t.Errorf("%d articles, want 4", len(res.Articles))
		}
	})
	t.Run("redirect: page URL is the final one", func(t *testing.T) {
		res, err := Load(t.Context(), srv.URL+"/moved", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Format != "html" || len(res.Articles) != 1 || res.Articles[0].EntryID != srv.URL+"/articles/page" {
			t.Errorf("format %q articles %+v", res.Format, res.Articles)
		}
	})
	t.Run("feed charset from Content-Type when the XML declaration has none", func(t *testing.T) {
		data := []byte("<rss><channel><title>Caf\xe9</title></channel></rss>")
		p, err := plan(data, "x", "", "application/rss+xml; charset=ISO-8859-1", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.res.Feed != "Café" {
			t.Errorf("feed title %q", p.res.Feed)
		}
	})
	t.Run("page charset from Content-Type", func(t *testing.T) {
		data := []byte("<html><body><p>caf\xe9</p></body></html>")
		p, err := plan(data, "x", "", "text/html; charset=iso-8859-1", Options{})
		if err != nil {
			t.Fatal(err)
		}
		in, _ := p.decode(0)
		if !strings.Contains(in.HTML, "café") {
			t.Errorf("page HTML %q not decoded from Latin-1", in.HTML)
		}
	})

	fails := []struct {
		name, path string
		opt        Options
		want       string
	}{
		{"HTTP 404", "/missing", Options{}, "HTTP 404 Not Found"},
		{"HTTP 500", "/broken", Options{}, "HTTP 500 Internal Server Error"},
		{"redirect loop", "/loop-a", Options{}, "redirect loop (back to " + srv.URL + "/loop-a)"},
		{"timeout", "/slow", Options{HTTP: &http.Client{Timeout: 200 * time.Millisecond}}, "timed out after 200ms"},
		{"oversized body", "/big", Options{MaxBytes: 64 << 10}, "response body larger than the 64 KiB limit"},
		{"gzip bomb", "/bomb", Options{MaxBytes: 1 << 20}, "gzip data expands beyond the 1 MiB limit"},
	}
	for _, c := range fails {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Load(t.Context(), srv.URL+c.path, c.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if want := srv.URL + c.path + ": " + c.want; err.Error() != want {
				t.Errorf("error %q\n  want %q", err, want)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
	t.Run("bad URL", func(t *testing.T) {
		_, err := Load(t.Context(), "http://[::1", Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "http://[::1: not a valid URL") {
			t.Errorf("error %v", err)
		}
	})
}

// TestStdin reads the source "-" from Options.Stdin.
func TestStdin(t *testing.T) {
	res, err := Load(t.Context(), "-", Options{Stdin: bytes.NewReader(sampleRSS(t))})
	if err != nil {
		t.Fatal(err)
	}
	if res.FeedURL != "-" || len(res.Articles) != 4 {
		t.Errorf("feed URL %q, %d articles", res.FeedURL, len(res.Articles))
	}
	_, err = Load(t.Context(), "-", Options{Stdin: strings.NewReader("")})
	if err == nil || err.Error() != "stdin: empty input" {
		t.Errorf("empty stdin: %v", err)
	}
}
