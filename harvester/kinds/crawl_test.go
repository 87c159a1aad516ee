package kinds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/harvester/fetch"
)

const testUA = "EWSI-Hub-Test/1.0 (+https://hub.example/about/harvester)"

// loopbackTransport is the fetch client's guarded transport with loopback
// allowed, as tests and the demo configure it.
func loopbackTransport() http.RoundTripper {
	return fetch.New(fetch.Options{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}).Transport()
}

func testOptions() CrawlOptions {
	return CrawlOptions{Transport: loopbackTransport(), UserAgent: testUA, Delay: time.Millisecond, Timeout: 5 * time.Second}
}

func TestFixtureCrawlPublisher(t *testing.T) {
	srv := fixtureServer(t)
	rules := CrawlRules{
		StartURLs:        []string{srv.URL + "/ministere-fr/"},
		AllowedHosts:     []string{"127.0.0.1"},
		Include:          []string{`/ministere-fr/[a-z-]+/[a-z0-9-]+\.html$`},
		Exclude:          []string{`/legal`},
		MaxDepth:         2,
		MaxPages:         40,
		ItemLinkSelector: "section.listing a",
		TitleSelector:    "h1",
		DateSelector:     ".byline time",
		BodySelector:     ".texte",
	}
	pages, err := Crawl(context.Background(), rules, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Page{}
	for _, p := range pages {
		got[p.FinalURL] = p
	}
	var want int
	for _, it := range fixtureweb.Items() {
		if it.Publisher != "ministere-fr" {
			continue
		}
		want++
		p, ok := got[srv.URL+it.Path]
		if !ok {
			t.Errorf("%s: not crawled", it.Path)
			continue
		}
		if p.Title != it.Title || !p.Published.Equal(it.Published) || p.Status != 200 || p.Depth != 2 {
			t.Errorf("%s: title %q published %s status %d depth %d; want %q %s", it.Path, p.Title, p.Published, p.Status, p.Depth, it.Title, it.Published)
		}
		if !strings.Contains(p.BodyHTML, `class="texte"`) || !strings.HasPrefix(p.ContentType, "text/html") || len(p.Body) == 0 {
			t.Errorf("%s: body %d bytes, selected %d bytes, type %q", it.Path, len(p.Body), len(p.BodyHTML), p.ContentType)
		}
		in := p.Input()
		if in.Key != p.FinalURL || in.URL != p.FinalURL || in.HTML != p.BodyHTML || in.Title != p.Title {
			t.Errorf("%s: Input %+v", it.Path, in)
		}
	}
	if len(pages) != want {
		t.Errorf("%d pages, want the publisher's %d items", len(pages), want)
	}
}

// site is a test site that records every request.
type site struct {
	mu       sync.Mutex
	requests []string
	times    []time.Time
	badUA    []string
}

func (s *site) record(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.URL.RequestURI())
	s.times = append(s.times, time.Now())
	if r.Header.Get("User-Agent") != testUA {
		s.badUA = append(s.badUA, r.Header.Get("User-Agent"))
	}
}

func (s *site) requested(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Contains(s.requests, path)
}

func htmlPage(body string) string {
	return "<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>"
}

func TestCrawlObeysRules(t *testing.T) {
	other := &site{}
	otherSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { other.record(r) }))
	defer otherSrv.Close()
	// The same server under another host name: not an allowed host.
	outside := strings.Replace(otherSrv.URL, "127.0.0.1", "localhost", 1)

	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		s.record(r)
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.05\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.record(r)
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, htmlPage(`<ul class="news"><li><a href="/news/1">One</a></li><li><a href="/news/2#comments">Two</a></li>
				<li><a href="/news/big">Big</a></li><li><a href="/news/pdf">PDF</a></li><li><a href="/news/gone">Gone</a></li>
				<li><a href="/news/away">Away</a></li><li><a href="/private/secret">Secret</a></li><li><a href="/news/tag/x">Tag</a></li></ul>
				<a href="/about">About</a> <a href="`+outside+`/elsewhere">Elsewhere</a> <a href="mailto:a@b.example">Mail</a>
				<a href="javascript:void(0)">JS</a> <a href="/news/1">One again</a> <a href="/archive.xml.gz">Archive</a>`))
		case "/news/1", "/news/2", "/about":
			fmt.Fprint(w, htmlPage(`<h1>`+r.URL.Path+`</h1><a href="/deeper">deeper</a>`))
		case "/news/big":
			fmt.Fprint(w, htmlPage(strings.Repeat("x", 70<<10)))
		case "/news/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		case "/news/away":
			http.Redirect(w, r, outside+"/landing", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var logs strings.Builder
	opts := testOptions()
	opts.MaxBody = 64 << 10
	opts.Log = newTestLogger(&logs)
	pages, err := Crawl(context.Background(), CrawlRules{
		StartURLs:        []string{srv.URL + "/"},
		Exclude:          []string{`/tag/`},
		ItemLinkSelector: "ul.news li",
		MaxDepth:         2,
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pages {
		got = append(got, strings.TrimPrefix(p.FinalURL, srv.URL))
	}
	if want := []string{"/news/1", "/news/2"}; !slices.Equal(got, want) {
		t.Errorf("article pages %v, want %v", got, want)
	}
	for _, path := range []string{"/robots.txt", "/", "/news/1", "/news/2", "/news/big", "/news/pdf", "/news/gone", "/news/away", "/about"} {
		if !s.requested(path) {
			t.Errorf("%s was not requested", path)
		}
	}
	for _, path := range []string{"/private/secret", "/news/tag/x", "/deeper", "/archive.xml.gz"} {
		if s.requested(path) {
			t.Errorf("%s was requested", path)
		}
	}
	if n := len(other.requests); n != 0 {
		t.Errorf("%d requests reached a host outside the rules: %v", n, other.requests)
	}
	if len(s.badUA) > 0 {
		t.Errorf("requests without our User-Agent: %q", s.badUA)
	}
	// The crawler spaces the starts of its requests; the server sees
	// each arrive a little after its start, more so on a busy machine, so
	// one gap may be short by the lateness of the request before it. A
	// crawler without the delay sends them back to back; one with a
	// shorter delay makes the whole crawl shorter.
	robots := 0
	for i, r := range s.requests {
		if r == "/robots.txt" {
			robots++
		}
		if i > 0 && s.times[i].Sub(s.times[i-1]) < 25*time.Millisecond {
			t.Errorf("request %s came %s after the previous one; robots.txt asks 50ms", r, s.times[i].Sub(s.times[i-1]))
		}
	}
	if n := len(s.times); n > 1 {
		if span, least := s.times[n-1].Sub(s.times[0]), time.Duration(n-1)*50*time.Millisecond-25*time.Millisecond; span < least {
			t.Errorf("%d requests in %s; robots.txt's 50ms between them take %s or more", n, span, least)
		}
	}
	if robots != 1 {
		t.Errorf("robots.txt fetched %d times", robots)
	}
	for _, want := range []string{"/news/big", "larger than", "/news/pdf", "not an HTML page", "/news/gone", "404", "/news/away", "outside the crawl rules"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log does not say %q:\n%s", want, logs.String())
		}
	}
}

func TestCrawlLimits(t *testing.T) {
	s := &site{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.record(r)
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r) // no robots.txt: everything allowed
			return
		}
		var links strings.Builder
		for i := range 30 {
			fmt.Fprintf(&links, `<a href="%s/%d">%d</a>`, strings.TrimSuffix(r.URL.Path, "/"), i, i)
		}
		fmt.Fprint(w, htmlPage(links.String()))
	}))
	defer srv.Close()

	t.Run("MaxPages", func(t *testing.T) {
		s.requests = nil
		pages, err := Crawl(context.Background(), CrawlRules{StartURLs: []string{srv.URL + "/"}, MaxPages: 7, MaxDepth: 5}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if len(s.requests) != 8 || len(pages) != 6 { // robots.txt + 7 pages, the start page is no article
			t.Errorf("%d requests (%v), %d pages", len(s.requests), s.requests, len(pages))
		}
	})
	t.Run("MaxDepth", func(t *testing.T) {
		s.requests = nil
		pages, err := Crawl(context.Background(), CrawlRules{StartURLs: []string{srv.URL + "/"}, MaxPages: 1000, MaxDepth: 2}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 30 {
			t.Errorf("%d pages, want the 30 linked from the start page", len(pages))
		}
		for _, p := range pages {
			if p.Depth != 2 {
				t.Errorf("%s at depth %d", p.URL, p.Depth)
			}
		}
	})
	t.Run("context cancelled", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		defer cancel()
		opts := testOptions()
		opts.Delay = 50 * time.Millisecond
		start := time.Now()
		pages, err := Crawl(ctx, CrawlRules{StartURLs: []string{srv.URL + "/"}, MaxPages: 1000, MaxDepth: 3}, opts)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want the context's", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("returned %s after the deadline", d)
		}
		// A loaded machine may fetch none in the time; more than the
		// delay allows would mean the deadline was not kept.
		if len(pages) > 5 {
			t.Errorf("%d pages before the deadline", len(pages))
		}
	})
}

func TestCrawlRefusals(t *testing.T) {
	handler := func(robotsStatus int) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.WriteHeader(robotsStatus)
				fmt.Fprint(w, "User-agent: EWSI-Hub-Test\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
				return
			}
			fmt.Fprint(w, htmlPage(`<a href="/a">a</a>`))
		})
	}
	tests := []struct {
		name   string
		status int
		opts   func(*CrawlOptions)
		msg    string
	}{
		{"robots.txt disallows our User-Agent", 200, nil, "disallows / for our User-Agent"},
		{"robots.txt answers 503", 503, nil, "answered 503"},
		{"the guard refuses loopback without an allow-list", 200, func(o *CrawlOptions) { o.Transport = fetch.New(fetch.Options{}).Transport() }, "private or reserved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(handler(tt.status))
			defer srv.Close()
			opts := testOptions()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			pages, err := Crawl(context.Background(), CrawlRules{StartURLs: []string{srv.URL + "/"}}, opts)
			if !errors.Is(err, ErrNothingCrawled) || len(pages) != 0 {
				t.Fatalf("got %d pages, %v; want ErrNothingCrawled", len(pages), err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestCrawlRulesValidate(t *testing.T) {
	ok := CrawlRules{StartURLs: []string{"https://www.example.org/news/"}}
	tests := []struct {
		name string
		edit func(*CrawlRules)
		msg  string
	}{
		{"no start URL", func(r *CrawlRules) { r.StartURLs = nil }, "no start URL"},
		{"start URL not http", func(r *CrawlRules) { r.StartURLs = []string{"ftp://x.example/"} }, "not a web address"},
		{"start URL on a host not allowed", func(r *CrawlRules) { r.AllowedHosts = []string{"example.org"} }, "not among the allowed hosts"},
		{"host with a scheme", func(r *CrawlRules) { r.AllowedHosts = []string{"https://www.example.org"} }, "not a host name"},
		{"bad include", func(r *CrawlRules) { r.Include = []string{"news/(["} }, "include pattern"},
		{"bad exclude", func(r *CrawlRules) { r.Exclude = []string{"*"} }, "exclude pattern"},
		{"bad selector", func(r *CrawlRules) { r.TitleSelector = "h1[" }, "title selector"},
		{"start URL excluded", func(r *CrawlRules) { r.Exclude = []string{`/news/$`} }, "matches an exclude pattern"},
		{"depth too large", func(r *CrawlRules) { r.MaxDepth = 99 }, "maximum depth"},
		{"negative pages", func(r *CrawlRules) { r.MaxPages = -1 }, "maximum number of pages"},
	}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid rules refused: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			r.AllowedHosts = slices.Clone(ok.AllowedHosts)
			tt.edit(&r)
			err := r.Validate()
			if !errors.Is(err, catalog.ErrInvalid) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Validate() = %v, want ErrInvalid saying %q", err, tt.msg)
			}
			if _, err := Crawl(context.Background(), r, testOptions()); !errors.Is(err, catalog.ErrInvalid) {
				t.Errorf("Crawl ran with invalid rules: %v", err)
			}
		})
	}
	if _, err := Crawl(context.Background(), ok, CrawlOptions{UserAgent: testUA}); !errors.Is(err, catalog.ErrInvalid) {
		t.Errorf("Crawl without a transport: %v", err)
	}
	if _, err := Crawl(context.Background(), ok, CrawlOptions{Transport: loopbackTransport()}); !errors.Is(err, catalog.ErrInvalid) {
		t.Errorf("Crawl without a User-Agent: %v", err)
	}
}

func TestParsePageDate(t *testing.T) {
	for s, want := range map[string]time.Time{
		"2026-11-19T15:00:00+01:00": time.Date(2026, 11, 19, 14, 0, 0, 0, time.UTC),
		"2026-11-19":                time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC),
		"19.11.2026":                time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC),
		"19 November 2026":          time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC),
		"mardi":                     {},
		"":                          {},
	} {
		if got := parsePageDate(s); !got.Equal(want) {
			t.Errorf("parsePageDate(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestCrawlCharsets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			fmt.Fprint(w, htmlPage(`<a href="/header">h</a> <a href="/meta">m</a> <a href="/utf8-mislabelled">u</a>`))
		case "/header":
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			fmt.Fprint(w, "<html><body><h1>R\xe9union d'\xe9t\xe9</h1></body></html>")
		case "/meta":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><head><meta charset=\"windows-1252\"></head><body><h1>R\xe9union d\x92\xe9t\xe9</h1></body></html>")
		case "/utf8-mislabelled":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><head><meta charset="iso-8859-1"></head><body><h1>Réunion d'été</h1></body></html>`)
		}
	}))
	defer srv.Close()
	pages, err := Crawl(context.Background(), CrawlRules{StartURLs: []string{srv.URL + "/"}, TitleSelector: "h1"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"/header": "Réunion d'été", "/meta": "Réunion d’été", "/utf8-mislabelled": "Réunion d'été"}
	if len(pages) != len(want) {
		t.Fatalf("%d pages", len(pages))
	}
	for _, p := range pages {
		path := strings.TrimPrefix(p.FinalURL, srv.URL)
		if p.Title != want[path] || !strings.Contains(string(p.Body), want[path]) {
			t.Errorf("%s: title %q, want %q", path, p.Title, want[path])
		}
	}
}

func TestCrawlMetaRobotsAndTotal(t *testing.T) {
	s := &site{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.record(r)
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			fmt.Fprint(w, htmlPage(`<a href="/noindex">a</a> <a href="/nofollow">b</a> <a href="/ours">c</a> <a href="/x" rel="nofollow">x</a>`))
		case "/noindex":
			fmt.Fprint(w, `<html><head><meta name="robots" content="noindex, follow"></head><body><a href="/from-noindex">n</a></body></html>`)
		case "/nofollow":
			fmt.Fprint(w, `<html><head><meta name="robots" content="nofollow"></head><body><a href="/from-nofollow">n</a></body></html>`)
		case "/ours":
			fmt.Fprint(w, `<html><head><meta name="EWSI-Hub-Test" content="none"></head><body><a href="/from-ours">n</a></body></html>`)
		default:
			fmt.Fprint(w, htmlPage(strings.Repeat("y", 3000)))
		}
	}))
	defer srv.Close()
	pages, err := Crawl(context.Background(), CrawlRules{StartURLs: []string{srv.URL + "/"}, MaxDepth: 3}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pages {
		got = append(got, strings.TrimPrefix(p.FinalURL, srv.URL))
	}
	if want := []string{"/nofollow", "/from-noindex"}; !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for _, p := range []string{"/x", "/from-nofollow", "/from-ours"} {
		if s.requested(p) {
			t.Errorf("%s was requested", p)
		}
	}

	// The total size limit stops the crawl with what it has.
	var logs strings.Builder
	opts := testOptions()
	opts.MaxTotal = 1000
	opts.Log = newTestLogger(&logs)
	pages, err = Crawl(context.Background(), CrawlRules{StartURLs: []string{srv.URL + "/"}, MaxDepth: 3}, opts)
	if err != nil || len(pages) != 1 || !strings.Contains(logs.String(), "size limit") {
		t.Errorf("%d pages, %v, log:\n%s", len(pages), err, logs.String())
	}
}
