package portal

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
)

func TestThemeListPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			h := newTestServer(t, newFakeCatalog(), nil)
			loc := b.Locale(lang)
			doc := parseHTML(t, get(t, h, "/"+lang+"/themes"))
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.T("themes.title") {
				t.Errorf("h1 = %q", got)
			}
			heads := doc.Find("main ul.theme-index > li > h2 > a")
			if heads.Length() != len(catalog.Themes) {
				t.Fatalf("%d themes", heads.Length())
			}
			if href, _ := heads.First().Attr("href"); href != "/"+lang+"/themes/active-citizenship" {
				t.Errorf("first theme links to %q", href)
			}
			subs := doc.Find("main ul.theme-index > li").Eq(1).Find("ul > li > a")
			if subs.Length() != len(catalog.Themes[1].Sub) {
				t.Errorf("%d sub-themes of economic participation", subs.Length())
			}
			if href, _ := subs.First().Attr("href"); href != "/"+lang+"/themes/economic-participation#employment" {
				t.Errorf("sub-theme links to %q", href)
			}
			// The fake catalog has one document on employment.
			if got := doc.Find("main ul.theme-index > li").Eq(1).Find("ul > li > .count").First().Text(); got != loc.Plural("themes.count", 1) {
				t.Errorf("employment count %q", got)
			}
			if cur, _ := doc.Find(`header nav a[aria-current="page"]`).Attr("href"); cur != "/"+lang+"/themes" {
				t.Errorf("navigation marks %q", cur)
			}
		})
	}
}

func TestThemePage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := newFakeCatalog()
			h := newTestServer(t, cat, nil)
			loc := b.Locale(lang)
			rec := get(t, h, "/"+lang+"/themes/economic-participation")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.ThemeName("economic-participation") {
				t.Errorf("h1 = %q", got)
			}
			secs := doc.Find("main section.subtheme")
			if secs.Length() != len(catalog.Themes[1].Sub) {
				t.Fatalf("%d sub-theme sections", secs.Length())
			}
			var subQueries int
			for _, q := range cat.queries {
				if len(q.Themes) == 1 && q.Themes[0] != "economic-participation" {
					subQueries++
					if q.Sort != catalog.SortDate || q.Limit != latestPerSubtheme {
						t.Errorf("sub-theme queried with %+v", q)
					}
				}
			}
			if subQueries != len(catalog.Themes[1].Sub) {
				t.Errorf("%d sub-theme searches", subQueries)
			}
			emp := secs.First()
			if id, _ := emp.Attr("id"); id != "employment" || emp.Find("h2").Text() != loc.ThemeName("employment") {
				t.Errorf("first section %q %q", id, emp.Find("h2").Text())
			}
			if got := hrefs(emp.Find("ol.hits .hit-title a")); !slices.Equal(got, []string{"/" + lang + "/documents/1"}) {
				t.Errorf("employment lists %v", got)
			}
			if got := hrefs(emp.Find("p > a")); !slices.Equal(got, []string{"/" + lang + "/search?sort=date&theme=employment"}) {
				t.Errorf("employment links to %v", got)
			}
			if secs.Eq(1).Find("p.empty").Length() != 1 {
				t.Error("an empty sub-theme says nothing")
			}
			// Headings nest: h1, then h2 per sub-theme, h3 per document.
			if doc.Find("main h2 h3, main h1 ~ h1").Length() != 0 || emp.Find("h3").Length() != 1 {
				t.Error("heading levels are not nested")
			}
			if nav := doc.Find(`main nav.subtheme-nav a`); nav.Length() != secs.Length() {
				t.Errorf("sub-theme navigation has %d links", nav.Length())
			}
		})
	}
	h := newTestServer(t, newFakeCatalog(), nil)
	if rec := get(t, h, "/en/themes/employment"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/en/themes/economic-participation#employment" {
		t.Errorf("sub-theme address: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(t, h, "/fr/themes/nope"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown theme: %d", rec.Code)
	}
}

func TestTypePages(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := newFakeCatalog()
			h := newTestServer(t, cat, nil)
			loc := b.Locale(lang)
			doc := parseHTML(t, get(t, h, "/"+lang+"/types"))
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.T("types.title") {
				t.Errorf("index h1 = %q", got)
			}
			links := doc.Find("main ul.themes a")
			if links.Length() != len(catalog.ContentTypes) {
				t.Errorf("%d types listed", links.Length())
			}
			rec := get(t, h, "/"+lang+"/types/news")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			doc = parseHTML(t, rec)
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.TypeName("news") {
				t.Errorf("h1 = %q", got)
			}
			if q := cat.lastQuery(t); !slices.Equal(q.ContentTypes, []string{"news"}) || q.Sort != catalog.SortDate || q.Limit != latestPerType {
				t.Errorf("queried with %+v", q)
			}
			if got := hrefs(doc.Find("main ol.hits .hit-title a")); !slices.Equal(got, []string{"/" + lang + "/documents/2"}) {
				t.Errorf("news lists %v", got)
			}
			if got := doc.Find("main section h2").Text(); got != loc.Plural("themes.count", 1) {
				t.Errorf("count heading %q", got)
			}
			if href, _ := doc.Find(`head link[type="application/atom+xml"]`).Attr("href"); href != "/"+lang+"/search/atom?sort=date&type=news" {
				t.Errorf("atom %q", href)
			}
			if cur, _ := doc.Find(`header nav a[aria-current="page"]`).Attr("href"); cur != "/"+lang+"/types" {
				t.Errorf("navigation marks %q", cur)
			}
			doc = parseHTML(t, get(t, h, "/"+lang+"/types/tender"))
			if doc.Find("main p.empty").Text() != loc.T("types.page.empty") {
				t.Error("an empty type says nothing")
			}
		})
	}
	if rec := get(t, newTestServer(t, newFakeCatalog(), nil), "/de/types/nope"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown type: %d", rec.Code)
	}
}

func TestHomeLinksThemesAndTypes(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	doc := parseHTML(t, get(t, h, "/de/"))
	var nav []string
	doc.Find("header nav ul.nav a").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		nav = append(nav, href)
	})
	for _, want := range []string{"/de/themes", "/de/types", "/de/events", "/de/funding"} {
		if !slices.Contains(nav, want) {
			t.Errorf("navigation lacks %s: %v", want, nav)
		}
	}
	types := hrefs(doc.Find("main #home-types + ul a"))
	if len(types) != len(catalog.ContentTypes) || !strings.HasPrefix(types[0], "/de/types/") {
		t.Errorf("home page type links %v", types)
	}
}

// BenchmarkThemePage renders a theme page: seven searches (the theme's
// count and each sub-theme's latest five) against the fake catalog.
// Target: under 30 ms.
func BenchmarkThemePage(b *testing.B) {
	h := newTestServer(b, newFakeCatalog(), nil)
	for _, target := range []string{"/fr/themes/economic-participation", "/de/types/news", "/en/themes", "/en/types"} {
		b.Run(strings.ReplaceAll(strings.TrimPrefix(target, "/"), "/", "_"), func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
