package portal

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

func TestSearchAtom(t *testing.T) {
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := newFakeCatalog()
			s, err := New(Options{Catalog: cat, BaseURL: "https://hub.example.eu/"})
			if err != nil {
				t.Fatal(err)
			}
			rec := get(t, s.Handler(), "/"+lang+"/search/atom?sort=date&country=DE&country=FR")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			feed, err := gofeed.NewParser().ParseString(rec.Body.String())
			if err != nil {
				t.Fatal(err)
			}
			if feed.FeedType != "atom" || feed.FeedVersion != "1.0" {
				t.Errorf("feed type %s %s", feed.FeedType, feed.FeedVersion)
			}
			wantSelf := "https://hub.example.eu/" + lang + "/search/atom?country=DE&country=FR&sort=date"
			if feed.FeedLink != wantSelf {
				t.Errorf("self link %q, want %q", feed.FeedLink, wantSelf)
			}
			if feed.Link != "https://hub.example.eu/"+lang+"/search?country=DE&country=FR&sort=date" {
				t.Errorf("alternate link %q", feed.Link)
			}
			if feed.Title == "" || feed.Language != lang {
				t.Errorf("title %q language %q", feed.Title, feed.Language)
			}
			if len(feed.Items) != 2 {
				t.Fatalf("%d entries, want 2", len(feed.Items))
			}
			first := feed.Items[0]
			if first.Title != "Integration of refugees into the labour market" ||
				first.Link != "https://hub.example.eu/"+lang+"/documents/1" ||
				first.GUID != "tag:hub.example.eu,2026:documents/1" {
				t.Errorf("first entry %q %q %q", first.Title, first.Link, first.GUID)
			}
			if first.PublishedParsed == nil || !first.PublishedParsed.Equal(published1) {
				t.Errorf("published %v", first.PublishedParsed)
			}
			if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(published1) {
				t.Errorf("feed updated %v", feed.UpdatedParsed)
			}
			if len(first.Authors) != 1 || first.Authors[0].Name != "Migration Policy Group" {
				t.Errorf("authors %v", first.Authors)
			}
			if !strings.Contains(first.Description, "refugees find work") {
				t.Errorf("summary %q", first.Description)
			}
			if len(first.Categories) != 3 { // two themes and the type
				t.Errorf("categories %v", first.Categories)
			}
		})
	}
}

// TestSearchAtomDetails reads the feed with the Atom parser itself, for
// what the universal one leaves out: entry languages and related links.
func TestSearchAtomDetails(t *testing.T) {
	cat := newFakeCatalog()
	h := newTestServer(t, cat, nil)
	rec := get(t, h, "/fr/search/atom?q=sprachkurse")
	feed, err := (&atom.Parser{}).Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(feed.ID, "http://example.com/fr/search/atom?") {
		t.Errorf("feed id without BaseURL: %q", feed.ID)
	}
	if len(feed.Entries) != 1 {
		t.Fatalf("%d entries", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.ID != "tag:example.com,2026:documents/3" {
		t.Errorf("entry id %q, want the document's tag URI", e.ID)
	}
	var related string
	for _, l := range e.Links {
		if l.Rel == "related" {
			related = l.Href
		}
	}
	if related != "https://mpg.example/sprachkurse" {
		t.Errorf("related link %q", related)
	}
	if !strings.Contains(rec.Body.String(), `<entry xml:lang="de">`) {
		t.Errorf("entry language not marked:\n%s", rec.Body)
	}
	// A feed with no entries still has an updated date.
	rec = get(t, h, "/en/search/atom?q=nothing")
	feed, err = (&atom.Parser{}).Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil || len(feed.Entries) != 0 {
		t.Errorf("empty feed: updated %q, %d entries", feed.Updated, len(feed.Entries))
	}
	// Bad parameters are a 400, as on the page.
	if rec := get(t, h, "/en/search/atom?type=gossip"); rec.Code != http.StatusBadRequest {
		t.Errorf("bad type: %d", rec.Code)
	}
}
