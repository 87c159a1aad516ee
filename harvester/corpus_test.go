package harvester

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
)

// corpusDir is the W3C feed validator's test cases, beside the project.
const corpusDir = "../../shared/corpora/feedvalidator"

var expectLine = regexp.MustCompile(`(?m)^\s*Expect:\s*(.*)$`)

// corpusResult is what became of one corpus file.
type corpusResult struct {
	path     string
	expect   string
	class    string // "documents", "no items", or the error's class
	items    int    // parsed
	docs     []*catalog.Document
	itemsErr []error
}

// TestFeedValidatorCorpus sends every file of the W3C feed validator's
// test cases through fetch (from a loopback server), charset decoding,
// parsing, normalising and sanitising. No file may panic or hang; each
// ends as documents or a classified error; no file expected to be a
// SecurityRisk keeps active content; valid RSS and Atom files with items
// yield them, with titles or links.
func TestFeedValidatorCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus takes a while; not in -short")
	}
	var files []string
	filepath.WalkDir(corpusDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".opml")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skipf("the feed validator corpus is not at %s (see ../shared/corpora/README.md)", corpusDir)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(b)
	}))
	defer srv.Close()
	client := fetch.New(fetch.Options{Timeout: 5 * time.Second,
		AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	h := New(nil, client, sharedNormalizer(t), nil)

	results := make([]corpusResult, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = corpusFile(t, h, srv.URL, files[i])
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()

	counts := map[string]int{}
	var items, docs, security, valid, validWithItems int
	for _, r := range results {
		counts[r.class]++
		items += r.items
		docs += len(r.docs)
		if strings.Contains(r.expect, "SecurityRisk") {
			security++
			for _, d := range r.docs {
				if bad := activeContent(d.HTML); bad != "" {
					t.Errorf("%s (SecurityRisk): stored HTML keeps %s: %q", r.path, bad, d.HTML)
				}
				if bad := activeContent(d.Summary); bad != "" {
					t.Errorf("%s (SecurityRisk): summary keeps %s: %q", r.path, bad, d.Summary)
				}
			}
		}
		if !strings.HasPrefix(r.expect, "!Error") || !isRSSOrAtom(r.path) {
			continue
		}
		valid++
		raw, _ := os.ReadFile(r.path)
		if !hasItems(raw) {
			continue
		}
		validWithItems++
		if r.items == 0 {
			t.Errorf("%s (valid, has items): %s, no item parsed", r.path, r.class)
			continue
		}
	}
	classes := make([]string, 0, len(counts))
	for c := range counts {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	var b strings.Builder
	for _, c := range classes {
		fmt.Fprintf(&b, " %s=%d", c, counts[c])
	}
	t.Logf("feed validator corpus: %d files;%s; %d items parsed, %d documents; %d SecurityRisk files checked; %d valid RSS/Atom files, %d with items",
		len(files), b.String(), items, docs, security, valid, validWithItems)
}

// corpusFile runs one file through the pipeline within a deadline.
func corpusFile(t *testing.T, h *Harvester, base, path string) corpusResult {
	raw, _ := os.ReadFile(path)
	r := corpusResult{path: path}
	if m := expectLine.FindSubmatch(raw); m != nil {
		r.expect = strings.TrimSpace(string(m[1]))
	}
	rel, _ := filepath.Rel(corpusDir, path)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := h.fetch.Get(ctx, base+"/"+filepath.ToSlash(rel), fetch.Validators{})
		if err != nil {
			var fe *fetch.Error
			if errors.As(err, &fe) {
				r.class = "fetch:" + string(fe.Class)
			} else {
				r.class = "fetch:other"
			}
			return
		}
		feed, err := h.parse(&catalog.RawObject{URL: resp.URL, Body: resp.Body,
			ContentType: resp.Header.Get("Content-Type")}, &catalog.Source{ID: 1})
		if err != nil {
			if !errors.Is(err, ErrNotAFeed) {
				t.Errorf("%s: parse error not classified: %v", path, err)
			}
			r.class = "parse:not_a_feed"
			return
		}
		r.items = len(feed.Items)
		for _, in := range feed.Items {
			d, err := h.norm.Normalize(in)
			if err != nil {
				r.itemsErr = append(r.itemsErr, err)
				continue
			}
			if err := d.Validate(); err != nil {
				r.itemsErr = append(r.itemsErr, err)
				continue
			}
			r.docs = append(r.docs, d)
		}
		switch {
		case len(r.docs) > 0:
			r.class = "documents"
		case r.items == 0:
			r.class = "no_items"
		default:
			r.class = "items_refused"
		}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Errorf("%s: no result in 20s (hang)", path)
		r.class = "hang"
	}
	return r
}

// isRSSOrAtom: the files of RSS 0.9x to 2.0 and Atom. RSS 1.1, a
// draft few publish, is left out: gofeed does not read it, and its files
// end as a classified parse error.
func isRSSOrAtom(path string) bool {
	p := filepath.ToSlash(path)
	return (strings.Contains(p, "/rss") && !strings.Contains(p, "/rss11/")) || strings.Contains(p, "/atom/")
}

var itemTag = regexp.MustCompile(`<(item|entry)[\s>]`)

func hasItems(b []byte) bool { return itemTag.Match(b) }

// activeContent names the first active content in an HTML fragment:
// script, iframe, object, embed, an event handler attribute or a
// javascript:/vbscript: URL; "" when there is none.
func activeContent(fragment string) string {
	if fragment == "" {
		return ""
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return "unparsable HTML"
	}
	var walk func(n *html.Node) string
	walk = func(n *html.Node) string {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "applet", "frame", "base", "meta", "link", "form":
				return "<" + n.Data + ">"
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					return "attribute " + a.Key
				}
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html") {
					return "URL " + a.Val + " in " + a.Key
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if bad := walk(c); bad != "" {
				return bad
			}
		}
		return ""
	}
	for _, n := range nodes {
		if bad := walk(n); bad != "" {
			return bad
		}
	}
	return ""
}
