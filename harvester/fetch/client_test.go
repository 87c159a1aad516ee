package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

var loopbackOnly = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}

func newClient(o Options) *Client {
	if o.AllowPrivate == nil {
		o.AllowPrivate = loopbackOnly
	}
	return New(o)
}

func TestConditionalGet(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		if r.Header.Get("If-None-Match") == `"v1"` && r.URL.Path == "/304" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := newClient(Options{})
	ctx := context.Background()

	r, err := c.Get(ctx, srv.URL+"/304", Validators{})
	if err != nil || r.NotModified || string(r.Body) != "<rss/>" {
		t.Fatalf("first get: %+v, %v", r, err)
	}
	if r.Validators.ETag != `"v1"` || r.Validators.LastModified == "" {
		t.Fatalf("validators not kept as received: %+v", r.Validators)
	}
	r, err = c.Get(ctx, srv.URL+"/304", r.Validators)
	if err != nil || !r.NotModified || r.Body != nil {
		t.Fatalf("304: %+v, %v", r, err)
	}
	// A 200 carrying the ETag we sent means unchanged too.
	r, err = c.Get(ctx, srv.URL+"/same-etag", Validators{ETag: `"v1"`})
	if err != nil || !r.NotModified || r.Body != nil {
		t.Fatalf("200 with same ETag: %+v, %v", r, err)
	}
}

func TestErrorsAreClassified(t *testing.T) {
	bomb := gzipOf(bytes.Repeat([]byte("a"), 50<<20))
	mux := http.NewServeMux()
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 200; i++ {
			w.Write(bytes.Repeat([]byte("x"), 64<<10))
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-other-loopback", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.2:9/", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newClient(Options{MaxBody: 1 << 20, Timeout: 1 * time.Second})

	tests := []struct {
		path   string
		class  Class
		status int
		temp   bool
	}{
		{"/404", ClassHTTP, 404, false},
		{"/429", ClassHTTP, 429, true},
		{"/huge", ClassTooLarge, 0, false},
		{"/bomb", ClassTooLarge, 0, false},
		{"/loop", ClassRedirect, 0, false},
		{"/to-metadata", ClassForbidden, 0, false},
		{"/to-other-loopback", ClassForbidden, 0, false},
		{"/slow", ClassNetwork, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := c.Get(context.Background(), srv.URL+tt.path, Validators{})
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if fe.Class != tt.class || fe.Status != tt.status || fe.Temporary() != tt.temp {
				t.Errorf("got class %s status %d temporary %v, want %s %d %v (%v)", fe.Class, fe.Status, fe.Temporary(), tt.class, tt.status, tt.temp, err)
			}
			if tt.path == "/429" && fe.RetryAfter != 120*time.Second {
				t.Errorf("RetryAfter = %s", fe.RetryAfter)
			}
			if strings.Contains(err.Error(), "%!") {
				t.Errorf("badly formatted message: %s", err)
			}
		})
	}
}

func TestGuardRefusesLoopbackByDefault(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the guard let a request through")
	}))
	defer srv.Close()
	_, err := New(Options{}).Get(context.Background(), srv.URL, Validators{})
	var fe *Error
	if !errors.As(err, &fe) || fe.Class != ClassForbidden {
		t.Fatalf("err = %v, want a forbidden-address error", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("message does not say which address: %s", err)
	}
}

func TestGuardCheck(t *testing.T) {
	g := Guard{Allow: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}}
	for addr, ok := range map[string]bool{
		"127.0.0.1": false, "10.0.0.1": false, "10.1.2.3": true, "172.16.0.1": false,
		"192.168.1.1": false, "169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false,
		"224.0.0.1": false, "::1": false, "fe80::1": false, "fd00::1": false, "::ffff:127.0.0.1": false,
		"93.184.216.34": true, "2001:db8::1": true,
	} {
		err := g.Check(netip.MustParseAddr(addr))
		if (err == nil) != ok {
			t.Errorf("Check(%s) = %v, want allowed=%v", addr, err, ok)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":                              0,
		"30":                            30 * time.Second,
		"-5":                            0,
		"soon":                          0,
		"Thu, 26 Nov 2026 12:01:00 GMT": time.Minute,
	} {
		if got := retryAfter(h, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", h, got, want)
		}
	}
}

func gzipOf(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
