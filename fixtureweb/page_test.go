package fixtureweb

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return slices.Contains(strings.Fields(attr(n, "class")), class) }
}

// TestPages checks every article page by structure: metadata in the head,
// the furniture of a real site around the article, and the article itself.
func TestPages(t *testing.T) {
	srv := newServer(t)
	pubs := map[string]Publisher{}
	for _, p := range Publishers() {
		pubs[p.Slug] = p
	}
	var tables, comments, jsonld, dublin int
	for _, it := range Items() {
		p := pubs[it.Publisher]
		body, _ := get(t, srv.URL+it.Path)
		doc := parseHTML(t, body)
		fail := func(format string, a ...any) { t.Errorf(it.Path+": "+format, a...) }

		if h := findAll(doc, tag("html")); attr(h[0], "lang") != it.Language {
			fail("html lang %q", attr(h[0], "lang"))
		}
		if c := links(doc, "canonical"); len(c) != 1 || attr(c[0], "href") != srv.URL+it.Canonical {
			fail("canonical is not %s", it.Canonical)
		}
		var hreflangs []string
		for _, l := range links(doc, "alternate") {
			if hl := attr(l, "hreflang"); hl != "" && hl != "x-default" {
				hreflangs = append(hreflangs, strings.TrimPrefix(attr(l, "href"), srv.URL))
			}
		}
		wantAlt := []string{}
		if len(it.Translations) > 0 {
			wantAlt = append([]string{it.Path}, it.Translations...)
		}
		slices.Sort(hreflangs)
		slices.Sort(wantAlt)
		if !slices.Equal(hreflangs, wantAlt) && !(len(hreflangs) == 0 && len(wantAlt) == 0) {
			fail("hreflang alternates %v, want %v", hreflangs, wantAlt)
		}
		feeds := findAll(doc, func(n *html.Node) bool {
			return n.Data == "link" && attr(n, "rel") == "alternate" && attr(n, "type") != ""
		})
		if len(feeds) != len(p.Feeds) {
			fail("%d feed links, want %d", len(feeds), len(p.Feeds))
		}
		meta := map[string]string{}
		for _, m := range findAll(doc, tag("meta")) {
			meta[attr(m, "property")+attr(m, "name")] = attr(m, "content")
		}
		if meta["og:title"] != it.Title || meta["og:type"] != "article" || meta["description"] != it.Summary {
			fail("OpenGraph or description metadata wrong")
		}
		if meta["DC.title"] != "" {
			dublin++
		}
		for _, s := range findAll(doc, func(n *html.Node) bool { return n.Data == "script" && attr(n, "type") == "application/ld+json" }) {
			var v map[string]any
			if err := json.Unmarshal([]byte(text(s)), &v); err != nil || v["inLanguage"] != it.Language {
				fail("JSON-LD %v: %v", v, err)
			}
			jsonld++
		}
		// The article is printed once, whatever the layout does with its lead.
		if n := strings.Count(text(findAll(doc, tag("body"))[0]), it.Summary); n != 1 {
			fail("lead paragraph appears %d times in the body", n)
		}
		if h1 := findAll(doc, tag("h1")); len(h1) != 1 || text(h1[0]) != it.Title {
			fail("want one <h1> with the title")
		}
		for name, match := range map[string]func(*html.Node) bool{
			"menu":          hasClass("main-nav"),
			"cookie banner": hasClass("cookie-banner"),
			"breadcrumbs":   hasClass("breadcrumb"),
			"share bar":     hasClass("share-bar"),
			"footer":        hasClass("site-footer"),
			"legal links":   hasClass("legal-links"),
			"related links": hasClass("related-links"),
		} {
			if len(findAll(doc, match)) != 1 {
				fail("want one %s", name)
			}
		}
		if it.Event != nil || it.Funding != nil || it.CaseStudy != nil {
			if len(findAll(doc, hasClass("facts"))) != 1 {
				fail("no facts box")
			}
		}
		if len(findAll(doc, hasClass("comment"))) != len(it.comments) {
			fail("comments not rendered")
		}
		if len(it.comments) > 0 {
			comments++
		}
		if len(findAll(doc, tag("table"))) > 0 {
			tables++
		}
	}
	if tables < 5 || comments < 2 || jsonld < 20 || dublin < 10 {
		t.Errorf("pages with tables %d, comments %d, JSON-LD %d, Dublin Core %d", tables, comments, jsonld, dublin)
	}
}

// TestHomes checks each publisher's homepage: feed autodiscovery, and a
// link to every item.
func TestHomes(t *testing.T) {
	srv := newServer(t)
	for _, p := range Publishers() {
		body, _ := get(t, srv.URL+p.Home())
		doc := parseHTML(t, body)
		if h := findAll(doc, tag("html")); attr(h[0], "lang") != p.Languages[0] {
			t.Errorf("%s: home lang %q", p.Slug, attr(h[0], "lang"))
		}
		var found []string
		for _, l := range links(doc, "alternate") {
			if ty := attr(l, "type"); ty == "application/rss+xml" || ty == "application/atom+xml" || ty == "application/feed+json" {
				found = append(found, strings.TrimPrefix(attr(l, "href"), srv.URL))
			}
		}
		for _, f := range p.Feeds {
			if !slices.Contains(found, f.Path) {
				t.Errorf("%s: no autodiscovery link to %s", p.Slug, f.Path)
			}
		}
		hrefs := map[string]bool{}
		for _, a := range findAll(doc, tag("a")) {
			hrefs[strings.TrimPrefix(attr(a, "href"), srv.URL)] = true
		}
		for _, it := range Items() {
			if it.Publisher == p.Slug && !hrefs[it.Path] {
				t.Errorf("%s: home does not link %s", p.Slug, it.Path)
			}
		}
		get(t, srv.URL+p.Home()+"legal")
	}
	var rss int
	for _, p := range Publishers() {
		for _, f := range p.Feeds {
			if f.Format == RSS {
				rss++
			}
		}
	}
	if rss < 3 {
		t.Errorf("%d RSS feeds", rss)
	}
}
