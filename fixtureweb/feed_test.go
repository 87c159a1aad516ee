package fixtureweb

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestFeeds parses every feed with gofeed and follows every item link to
// its page.
func TestFeeds(t *testing.T) {
	srv := newServer(t)
	byPath := itemsByPath()
	formats := map[FeedFormat]int{}
	for _, p := range Publishers() {
		if len(p.Feeds) == 0 {
			t.Errorf("%s has no feed", p.Slug)
		}
		for _, f := range p.Feeds {
			formats[f.Format]++
			t.Run(strings.TrimPrefix(f.Path, "/"), func(t *testing.T) {
				body, ctype := get(t, srv.URL+f.Path)
				if !strings.HasPrefix(ctype, f.Format.MediaType()) {
					t.Errorf("Content-Type %q, want %s", ctype, f.Format.MediaType())
				}
				feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if want := map[FeedFormat]string{RSS: "rss", Atom: "atom", JSON: "json"}[f.Format]; feed.FeedType != want {
					t.Errorf("feed type %q, want %q", feed.FeedType, want)
				}
				var want []Item
				for _, it := range byPath {
					if it.Feed == f.Path {
						want = append(want, it)
					}
				}
				if len(feed.Items) != len(want) || len(want) == 0 {
					t.Errorf("%d items, want %d", len(feed.Items), len(want))
				}
				if f.Language != "" && feed.Language != f.Language {
					t.Errorf("feed language %q, want %q", feed.Language, f.Language)
				}
				for _, fi := range feed.Items {
					path, ok := strings.CutPrefix(fi.Link, srv.URL)
					it, known := byPath[path]
					if !ok || !known || it.Feed != f.Path {
						t.Errorf("item link %q is not one of this feed's items", fi.Link)
						continue
					}
					if fi.GUID != it.ID || fi.Title != it.Title || fi.PublishedParsed == nil ||
						!fi.PublishedParsed.Equal(it.Published) {
						t.Errorf("%s: guid %q, title %q, published %v do not match", path, fi.GUID, fi.Title, fi.PublishedParsed)
					}
					if f.FullText && !strings.Contains(fi.Content, "<p>") {
						t.Errorf("%s: full-text feed without HTML content", path)
					}
					checkPageLang(t, fi.Link, it.Language)
				}
			})
		}
	}
	for _, f := range []FeedFormat{RSS, Atom, JSON} {
		if formats[f] == 0 {
			t.Errorf("no %s feed", f)
		}
	}
}

func checkPageLang(t *testing.T, url, lang string) {
	t.Helper()
	body, ctype := get(t, url)
	if !strings.HasPrefix(ctype, "text/html") {
		t.Errorf("%s: Content-Type %q", url, ctype)
	}
	doc := parseHTML(t, body)
	if h := findAll(doc, tag("html")); len(h) != 1 || attr(h[0], "lang") != lang {
		t.Errorf("%s: <html lang> is not %q", url, lang)
	}
}

// TestFeedExtensions checks the RSS modules and the per-entry language of
// multilingual feeds.
func TestFeedExtensions(t *testing.T) {
	srv := newServer(t)
	byPath := itemsByPath()
	for _, p := range Publishers() {
		for _, f := range p.Feeds {
			body, _ := get(t, srv.URL+f.Path)
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			for _, fi := range feed.Items {
				it := byPath[strings.TrimPrefix(fi.Link, srv.URL)]
				if f.Format == RSS && f.Creator {
					if dc := fi.DublinCoreExt; dc == nil || len(dc.Creator) != 1 || dc.Creator[0] != it.Authors[0] {
						t.Errorf("%s %s: dc:creator missing", f.Path, it.Path)
					}
				}
			}
			// gofeed moves content:encoded into Item.Content; count the elements.
			if n := bytes.Count(body, []byte("<content:encoded>")); f.Format == RSS && f.FullText && n != len(feed.Items) {
				t.Errorf("%s: %d content:encoded for %d items", f.Path, n, len(feed.Items))
			}
			if f.Format == Atom && f.Language == "" {
				for _, it := range byPath {
					if it.Feed == f.Path && !bytes.Contains(body, []byte(`<entry xml:lang="`+it.Language+`">`)) {
						t.Errorf("%s: no entry with xml:lang %q", f.Path, it.Language)
					}
				}
			}
			if f.Format == JSON && f.Language == "" {
				for _, it := range byPath {
					if it.Feed == f.Path && !bytes.Contains(body, []byte(`"language": "`+it.Language+`"`)) {
						t.Errorf("%s: no item with language %q", f.Path, it.Language)
					}
				}
			}
		}
	}
}

func TestEveryItemInOneFeed(t *testing.T) {
	feeds := map[string]bool{}
	for _, p := range Publishers() {
		for _, f := range p.Feeds {
			feeds[f.Path] = true
		}
	}
	for _, it := range Items() {
		if !feeds[it.Feed] {
			t.Errorf("%s: feed %q unknown", it.Path, it.Feed)
		}
	}
}
