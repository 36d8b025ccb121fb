package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"
)

// DefaultUserAgent is the User-Agent sent when Options.UserAgent is empty.
const DefaultUserAgent = "feedcards/0.1 (+https://github.com/feedcards/feedcards)"

// DefaultMaxBytes caps a source's size (after decompression) when
// Options.MaxBytes is zero: an HTTP body, stdin, a pipe or a device. A
// regular local file has no cap then: its size is known and it is the
// user's own (a 10,000-entry archive is about 470 MB).
const DefaultMaxBytes int64 = 256 << 20

// ErrNotModified is returned (wrapped) by Load when a conditional GET is
// answered with HTTP 304: the source has not changed since ETag/LastModified.
var ErrNotModified = errors.New("not modified")

// Options control how a source is read and extracted. The zero value is ready
// to use.
type Options struct {
	HTTP      *http.Client // nil: a client with a 30s timeout
	UserAgent string       // "": DefaultUserAgent
	MaxBytes  int64        // cap on a body after decompression; 0: DefaultMaxBytes (none for a regular file)
	Stdin     io.Reader    // read for the source "-"

	// ETag and LastModified make a URL fetch conditional (If-None-Match,
	// If-Modified-Since); they come from the previous fetch's Result.
	ETag, LastModified string

	Workers int // entries extracted at once; 0: GOMAXPROCS

	// NoHash leaves Article.Hash empty: hashing every entry's content is
	// wasted work for a caller that does not store articles.
	NoHash bool

	// Progress, when set, is called once with done == 0 when the number of
	// entries is known, then after each entry. Calls are serialised.
	Progress func(done, total int)

	// Emit, when set, receives each article in document order as soon as
	// it is extracted, and Result.Articles stays empty: a large feed then
	// never holds all its items at once. Calls are serialised. Source-level
	// errors (fetch, format, charset, broken XML outside entries) are all
	// reported before the first call.
	Emit func(Article)
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// sourceError is an error about one source: "<source>: <what is wrong>".
// It wraps the underlying cause, if any, for errors.Is.
type sourceError struct {
	src string
	msg string
	err error
}

func (e *sourceError) Error() string { return oneLineMsg(e.src + ": " + e.msg) }

// oneLineMsg replaces line breaks and other control characters (which
// input can smuggle into a message) with spaces.
func oneLineMsg(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
func (e *sourceError) Unwrap() error { return e.err }

func srcErrorf(src string, cause error, format string, args ...any) error {
	return &sourceError{src: src, msg: fmt.Sprintf(format, args...), err: cause}
}

// displayName is how errors and warnings name a source.
func displayName(src string) string {
	if src == "-" {
		return "stdin"
	}
	return src
}

// IsURL reports whether src is an http or https URL.
func IsURL(src string) bool {
	l := strings.ToLower(src)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Load reads one source — a file path, an http(s) URL or "-" for
// opt.Stdin — and extracts every entry's items. Errors name the source.
// A URL answered with 304 Not Modified returns an error wrapping
// ErrNotModified.
func Load(ctx context.Context, src string, opt Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(src), err)
	}
	switch {
	case src == "-":
		if opt.Stdin == nil {
			return nil, srcErrorf("stdin", nil, "no standard input")
		}
		data, err := readCapped(opt.Stdin, opt.maxBytes(), 0)
		if err != nil {
			return nil, srcErrorf("stdin", err, "%s", readErrText(err))
		}
		return parse(ctx, data, src, "", "", opt)
	case IsURL(src):
		f, err := fetch(ctx, src, opt)
		if err != nil {
			return nil, err
		}
		res, err := parse(ctx, f.body, src, f.finalURL, f.contentType, opt)
		if err != nil {
			return nil, err
		}
		res.ETag, res.LastModified = f.etag, f.lastModified
		return res, nil
	default:
		data, err := readFile(src, opt.MaxBytes)
		if err != nil {
			return nil, err
		}
		return parse(ctx, data, src, "", "", opt)
	}
}

// Parse extracts a source already read into memory. name names it in errors
// and becomes Result.FeedURL; baseURL (may be "") is the URL the bytes came
// from, against which relative links resolve.
func Parse(data []byte, name, baseURL string, opt Options) (*Result, error) {
	return parse(context.Background(), data, name, baseURL, "", opt)
}

// errTooLarge reports a body over the size cap.
type errTooLarge struct{ max int64 }

func (e errTooLarge) Error() string { return fmt.Sprintf("larger than the %s limit", sizeLabel(e.max)) }

func sizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// gzipTooLarge is a compressed body that expands past the size cap.
type gzipTooLarge struct{ errTooLarge }

func (e gzipTooLarge) Error() string {
	return fmt.Sprintf("gzip data expands beyond the %s limit", sizeLabel(e.max))
}

// readErrText is the human part of a read error.
func readErrText(err error) string {
	var tl errTooLarge
	if errors.As(err, &tl) {
		return tl.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readCapped reads r to the end, failing once more than max bytes arrive.
// sizeHint (may be 0) presizes the buffer.
func readCapped(r io.Reader, max, sizeHint int64) ([]byte, error) {
	if sizeHint <= 0 || sizeHint > max {
		sizeHint = 64 << 10
	}
	// Our own loop: bytes.Buffer.ReadFrom would double a buffer that is
	// already the right size just to keep 512 bytes free at the end.
	buf := make([]byte, 0, sizeHint+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, errTooLarge{max}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// readFile reads a local file, refusing directories and files over max
// (max ≤ 0: no cap for a regular file, DefaultMaxBytes for anything else).
func readFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, srcErrorf(path, err, "no such file")
		case errors.Is(err, fs.ErrPermission):
			return nil, srcErrorf(path, err, "permission denied")
		}
		return nil, srcErrorf(path, err, "%s", readErrText(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, srcErrorf(path, err, "%s", readErrText(err))
	}
	if st.IsDir() {
		return nil, srcErrorf(path, nil, "is a directory, not a feed or page")
	}
	if max <= 0 {
		// No cap was asked for. A regular local file is the user's own and
		// its size is known, so only a stream (a pipe, a device) gets the
		// default cap that guards against endless input.
		max = DefaultMaxBytes
		if st.Mode().IsRegular() {
			max = max64(st.Size()+1<<20, DefaultMaxBytes)
		}
	}
	if st.Mode().IsRegular() && st.Size() > max {
		return nil, srcErrorf(path, errTooLarge{max}, "%s", errTooLarge{max}.Error())
	}
	data, err := readCapped(f, max, st.Size())
	if err != nil {
		return nil, srcErrorf(path, err, "%s", readErrText(err))
	}
	return data, nil
}

// gunzipCapped decompresses a gzip body, stopping at max bytes of output
// (a gzip bomb ends with an error, not with memory exhausted).
func gunzipCapped(data []byte, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("bad gzip data: %w", err)
	}
	out, err := readCapped(zr, max, int64(len(data))*4)
	if err != nil {
		var tl errTooLarge
		if errors.As(err, &tl) {
			return nil, gzipTooLarge{tl}
		}
		return nil, fmt.Errorf("bad gzip data: %w", err)
	}
	return out, nil
}

// looksBinaryData reports whether the start of data is not text: NUL bytes,
// many control characters or invalid UTF-8 with no declared charset.
func looksBinaryData(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			ctl++
		}
	}
	if ctl > len(head)/10+1 {
		return true
	}
	if !utf8.Valid(trimCutRune(head)) && !bytes.Contains(bytes.ToLower(head), []byte("encoding=")) &&
		!bytes.Contains(bytes.ToLower(head), []byte("charset")) {
		// Text in a legacy charset declares it; undeclared non-UTF-8 is rarely text.
		bad := 0
		for b := head; len(b) > 0; {
			r, n := utf8.DecodeRune(b)
			if r == utf8.RuneError && n == 1 {
				bad++
			}
			b = b[n:]
		}
		return bad > len(head)/20+1
	}
	return false
}

// trimCutRune drops a rune cut in half at the end of b.
func trimCutRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
