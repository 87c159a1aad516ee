// Package fetch is the harvester's one HTTP client: conditional GET,
// bounded bodies, bounded redirects, an honest User-Agent, and a guard at
// dial time that keeps registered URLs out of private networks. It fetches
// bytes; it does not parse them.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Options configure a Client.
type Options struct {
	Timeout      time.Duration // whole request, dial to last byte
	MaxBody      int64         // bytes after decompression
	MaxRedirects int
	AllowPrivate []netip.Prefix
	UserAgent    string
}

// Client fetches URLs for the harvester. It is safe for concurrent use.
type Client struct {
	http    *http.Client
	maxBody int64
	ua      string
}

// New returns a Client. Zero options take safe defaults.
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 10 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.UserAgent == "" {
		o.UserAgent = "EWSI-Hub-Harvester/0.1"
	}
	g := Guard{Allow: o.AllowPrivate}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial on our behalf, past the guard
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	max := o.MaxRedirects
	return &Client{
		http: &http.Client{
			Transport: tr,
			Timeout:   o.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > max {
					return fmt.Errorf("%w: more than %d redirects", errTooManyRedirects, max)
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("%w: redirect to a %s: URL", errTooManyRedirects, req.URL.Scheme)
				}
				return nil
			},
		},
		maxBody: o.MaxBody,
		ua:      o.UserAgent,
	}
}

var errTooManyRedirects = errors.New("redirect refused")

// snippetSize is how much of an error page an Error keeps.
const snippetSize = 8 << 10

// Validators are what a previous 200 answered, sent back as received.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched resource.
type Response struct {
	URL         string // final URL after redirects
	Status      int
	Header      http.Header
	Body        []byte
	NotModified bool // 304, or 200 with the ETag we sent
	Validators  Validators
}

// Get fetches url, sending v as If-None-Match / If-Modified-Since. A 304
// gives a Response with NotModified and no body. Any other non-2xx status,
// network failure, refused address or oversized body returns an *Error.
func (c *Client) Get(ctx context.Context, url string, v Validators) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, &Error{URL: url, Class: ClassInvalid, Err: err}
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, text/html, text/calendar, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, classify(url, err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:    resp.Request.URL.String(),
		Status: resp.StatusCode,
		Header: resp.Header,
		Validators: Validators{
			ETag:         resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"),
		},
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		out.Validators = v
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		// The start of an error page is kept: it tells a bot challenge
		// from a plain refusal.
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, snippetSize))
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &Error{URL: url, Class: ClassHTTP, Status: resp.StatusCode,
			RetryAfter:  retryAfter(resp.Header.Get("Retry-After"), time.Now()),
			ContentType: resp.Header.Get("Content-Type"), Snippet: snippet}
	case v.ETag != "" && out.Validators.ETag == v.ETag:
		// Some servers answer 200 with an unchanged ETag; the body is the
		// same, so it is not read or parsed.
		out.NotModified = true
		return out, nil
	}
	if resp.ContentLength > c.maxBody {
		return nil, &Error{URL: url, Class: ClassTooLarge, Err: fmt.Errorf("%d bytes announced, limit %d", resp.ContentLength, c.maxBody)}
	}
	// Read one byte past the limit to tell "exactly at" from "over"; the
	// transport has already undone gzip, so this also bounds a gzip bomb.
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return nil, classify(url, err)
	}
	if int64(len(body)) > c.maxBody {
		return nil, &Error{URL: url, Class: ClassTooLarge, Err: fmt.Errorf("body larger than %d bytes", c.maxBody)}
	}
	out.Body = body
	return out, nil
}

// retryAfter parses a Retry-After header (seconds or HTTP date); zero when
// absent or unreadable.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// UserAgent is the User-Agent the client sends.
func (c *Client) UserAgent() string { return c.ua }
