package extract

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxRedirects is how many redirects a fetch follows before giving up.
const maxRedirects = 10

// fetched is one HTTP response body with what Load keeps of its headers.
type fetched struct {
	body         []byte
	finalURL     string // after redirects: the base for relative links
	contentType  string
	etag         string
	lastModified string
}

// fetch GETs a URL with the User-Agent, explicit gzip, a size cap, a redirect
// limit and conditional headers, and reads the whole body.
func fetch(ctx context.Context, src string, opt Options) (*fetched, error) {
	client := opt.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	c := *client // our own redirect policy, same transport and timeout
	if c.CheckRedirect == nil {
		c.CheckRedirect = checkRedirect
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, srcErrorf(src, err, "not a valid URL")
	}
	ua := opt.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	// Asking for gzip ourselves turns off the transport's transparent
	// decompression, so the size cap applies to the decoded bytes too.
	req.Header.Set("Accept-Encoding", "gzip")
	if opt.ETag != "" {
		req.Header.Set("If-None-Match", opt.ETag)
	}
	if opt.LastModified != "" {
		req.Header.Set("If-Modified-Since", opt.LastModified)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fetchError(src, err, c.Timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, srcErrorf(src, ErrNotModified, "not modified since the last fetch")
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		status := resp.Status
		if status == "" {
			status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		}
		return nil, srcErrorf(src, nil, "HTTP %s", status)
	}
	max := opt.maxBytes()
	body, err := readCapped(resp.Body, max, resp.ContentLength)
	if err != nil {
		var tl errTooLarge
		if errors.As(err, &tl) {
			return nil, srcErrorf(src, err, "response body %s", tl.Error())
		}
		return nil, fetchError(src, err, c.Timeout)
	}
	if enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc == "gzip" || enc == "x-gzip" {
		body, err = gunzipCapped(body, max)
		if err != nil {
			return nil, srcErrorf(src, err, "%s", err.Error())
		}
	} else if enc != "" && enc != "identity" {
		return nil, srcErrorf(src, nil, "unsupported Content-Encoding %q", enc)
	}
	return &fetched{
		body:         body,
		finalURL:     resp.Request.URL.String(),
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}, nil
}

// errRedirectLoop and errTooManyRedirects end a redirect chain.
var (
	errRedirectLoop     = errors.New("redirect loop")
	errTooManyRedirects = errors.New("too many redirects")
)

func checkRedirect(req *http.Request, via []*http.Request) error {
	for _, prev := range via {
		if prev.URL.String() == req.URL.String() {
			return fmt.Errorf("%w (back to %s)", errRedirectLoop, req.URL)
		}
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w (more than %d)", errTooManyRedirects, maxRedirects)
	}
	return nil
}

// fetchError turns a client error into "<src>: <what went wrong>".
func fetchError(src string, err error, timeout time.Duration) error {
	switch {
	case errors.Is(err, errRedirectLoop), errors.Is(err, errTooManyRedirects):
		var ue *url.Error
		if errors.As(err, &ue) {
			return srcErrorf(src, err, "%s", ue.Err.Error())
		}
		return srcErrorf(src, err, "%s", err.Error())
	case errors.Is(err, context.Canceled):
		return srcErrorf(src, err, "canceled")
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		if timeout > 0 {
			return srcErrorf(src, err, "timed out after %s", timeout)
		}
		return srcErrorf(src, err, "timed out")
	}
	if ue != nil {
		return srcErrorf(src, err, "%s", ue.Err.Error())
	}
	return srcErrorf(src, err, "%s", err.Error())
}
