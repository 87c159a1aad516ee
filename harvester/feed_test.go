package harvester

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ewsi/hub/catalog"
)

func TestParseFeedFormats(t *testing.T) {
	src := &catalog.Source{ID: 1, Language: "fr", Country: "FR"}
	tests := []struct {
		name, body string
		items      int
	}{
		{"rss", `<rss version="2.0"><channel><title>t</title><language>fr</language><item><title>Un</title><link>/a</link><pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate></item><item><title>Deux</title><guid>g2</guid></item></channel></rss>`, 2},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>One</title><id>urn:1</id><link href="https://x.example/1"/><updated>2026-11-25T10:00:00Z</updated></entry></feed>`, 1},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"https://x.example/1","title":"One","content_html":"<p>Hi</p>"}]}`, 1},
		{"javascript links dropped, item kept by GUID", `<rss version="2.0"><channel><title>t</title><item><title>x</title><guid>k</guid><link>javascript:alert(1)</link></item></channel></rss>`, 1},
	}
	for _, tt := range tests {
		feed, err := ParseFeed([]byte(tt.body), "https://feeds.example/news/feed.xml", src)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		items := feed.Items
		if len(items) != tt.items {
			t.Fatalf("%s: %d items, want %d", tt.name, len(items), tt.items)
		}
		for _, in := range items {
			if in.Key == "" || in.SourceID != 1 || in.SourceLanguage != "fr" || in.SourceCountry != "FR" {
				t.Errorf("%s: item lacks identity or hints: %+v", tt.name, in)
			}
			if in.URL != "" && in.URL[:4] != "http" {
				t.Errorf("%s: unsafe or relative URL kept: %q", tt.name, in.URL)
			}
		}
	}
	feed, _ := ParseFeed([]byte(tests[0].body), "https://feeds.example/news/feed.xml", src)
	if items := feed.Items; items[0].URL != "https://feeds.example/a" || items[0].Published.IsZero() || items[0].Language != "fr" {
		t.Errorf("relative link, date or language lost: %+v", items[0])
	}
}

func TestParseFeedRefusesNonFeeds(t *testing.T) {
	for _, body := range []string{"", "<html><body>hi</body></html>", "{}", "\x00\x01\x02"} {
		if _, err := ParseFeed([]byte(body), "https://x.example/", &catalog.Source{}); !errors.Is(err, ErrNotAFeed) {
			t.Errorf("ParseFeed(%q) err = %v, want ErrNotAFeed", body, err)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><title>a</title></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}]}`))
	f.Add([]byte(`<?xml version="1.0" encoding="x-unknown"?><rss/>`))
	f.Add([]byte(`<?xml version="1.0"?><entry xmlns="http://www.w3.org/2005/Atom"><title>one</title><id>urn:x</id></entry>`))
	f.Add([]byte(`<rss version="2.0"><channel><ttl>60</ttl><item><guid>same</guid><title>a</title></item><item><guid>same</guid><title>b</title></item><item><description>only text</description></item></channel></rss>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://x.example/1"><title>t</title></item></rdf:RDF>`))
	if seeds, _ := filepath.Glob("../../shared/corpora/feedvalidator/rss20/*.xml"); len(seeds) > 0 {
		for _, p := range seeds[:min(len(seeds), 20)] {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	src := &catalog.Source{ID: 1}
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := ParseFeed(body, "https://x.example/feed", src)
		if err != nil {
			return
		}
		items := feed.Items
		if len(items) > MaxFeedItems {
			t.Fatalf("%d items, over the limit", len(items))
		}
		seen := map[string]bool{}
		for _, in := range items {
			if in.Key == "" || seen[in.Key] {
				t.Fatalf("empty or repeated key %q", in.Key)
			}
			seen[in.Key] = true
		}
	})
}
