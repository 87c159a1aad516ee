package kinds

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiscover(t *testing.T) {
	const page = "https://www.example.org/news/index.html"
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"rss atom json in order",
			`<html><head>
			<link rel="alternate" type="application/rss+xml" href="/rss.xml">
			<link rel="alternate" type="application/atom+xml" href="atom.xml">
			<link rel="alternate" type="application/feed+json" href="https://feeds.example.org/f.json">
			</head></html>`,
			[]string{"https://www.example.org/rss.xml", "https://www.example.org/news/atom.xml", "https://feeds.example.org/f.json"}},
		{"duplicates and fragments collapse",
			`<link rel="alternate" type="application/rss+xml" href="/rss.xml">
			 <link rel="alternate" type="application/rss+xml" href="/rss.xml#top">`,
			[]string{"https://www.example.org/rss.xml"}},
		{"rel with several tokens, odd case, type with parameters",
			`<LINK REL="Alternate Feed" TYPE="Application/RSS+XML; charset=utf-8" HREF="/a">`,
			[]string{"https://www.example.org/a"}},
		{"base href changes resolution, only the first counts",
			`<base href="https://cdn.example.net/site/"><base href="https://other.example/"><link rel="alternate" type="application/atom+xml" href="feed.atom">`,
			[]string{"https://cdn.example.net/site/feed.atom"}},
		{"stylesheets, canonical, hreflang alternates and oEmbed are not feeds",
			`<link rel="stylesheet" type="text/css" href="/s.css">
			 <link rel="canonical" href="/x">
			 <link rel="alternate" hreflang="fr" href="/fr/">
			 <link rel="alternate" type="application/json+oembed" href="/oembed">
			 <link rel="alternate" type="text/html" href="/print">`,
			nil},
		{"WordPress REST API records are skipped, its JSON Feed is not",
			`<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/5">
			 <link rel="alternate" type="application/json" href="/feed/json">`,
			[]string{"https://www.example.org/feed/json"}},
		{"unsafe schemes dropped",
			`<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
			 <link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
			 <link rel="alternate" type="application/rss+xml" href="">`,
			nil},
		{"not HTML at all", "\x00\x01\xff{json:true}", nil},
		{"Latin-1 bytes in the address are escaped",
			"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Actualit\xe9s\" href=\"/actualit\xe9s.xml\">",
			[]string{"https://www.example.org/actualit%E9s.xml"}},
		{"unclosed tag at end", `<link rel="alternate" type="application/rss+xml" href="/a"`, nil},
		{"links in comments do not count",
			`<!-- <link rel="alternate" type="application/rss+xml" href="/old"> -->`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Discover([]byte(tt.body), page)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Discover (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiscoverIsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 10 * MaxDiscovered {
		b.WriteString(`<link rel="alternate" type="application/rss+xml" href="/f`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(`">`)
		b.WriteString(`<link rel="alternate" type="application/rss+xml" href="/feed-`)
		b.WriteString(strings.Repeat("y", i))
		b.WriteString(`">`)
	}
	if got := Discover([]byte(b.String()), "http://a.example/"); len(got) != MaxDiscovered {
		t.Errorf("got %d feeds, want the cap %d", len(got), MaxDiscovered)
	}
	// A feed link past the read limit is not seen.
	late := strings.Repeat("<p>padding</p>", MaxDiscoverBytes/14+1) + `<link rel="alternate" type="application/rss+xml" href="/late">`
	if got := Discover([]byte(late), "http://a.example/"); got != nil {
		t.Errorf("read past the limit: %v", got)
	}
	deep := strings.Repeat("<div>", 200000) + `<link rel="alternate" type="application/rss+xml" href="/deep">`
	if got := Discover([]byte(deep), "http://a.example/"); len(got) != 1 {
		t.Errorf("deep nesting: %v", got)
	}
}

func TestWellKnownFeedURLs(t *testing.T) {
	got := WellKnownFeedURLs("https://ngo.example/blog/post?x=1#y")
	if len(got) != 2*len(WellKnownFeedPaths()) {
		t.Fatalf("got %d candidates, want %d: %v", len(got), 2*len(WellKnownFeedPaths()), got)
	}
	for _, want := range []string{"https://ngo.example/blog/feed", "https://ngo.example/blog/rss.xml", "https://ngo.example/feed", "https://ngo.example/index.xml", "https://ngo.example/feed.json"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	if got[0] != "https://ngo.example/blog/feed" {
		t.Errorf("page directory should come first, got %s", got[0])
	}
	// At the root the two lists are the same and collapse.
	if n := len(WellKnownFeedURLs("http://ngo.example")); n != len(WellKnownFeedPaths()) {
		t.Errorf("root: %d candidates, want %d", n, len(WellKnownFeedPaths()))
	}
	for _, bad := range []string{"", "ftp://x.example/", "/relative", "http://"} {
		if got := WellKnownFeedURLs(bad); got != nil {
			t.Errorf("WellKnownFeedURLs(%q) = %v, want nil", bad, got)
		}
	}
	// Callers cannot change the list for everyone.
	p := WellKnownFeedPaths()
	p[0] = "changed"
	if WellKnownFeedPaths()[0] == "changed" {
		t.Error("WellKnownFeedPaths shares its slice")
	}
}
