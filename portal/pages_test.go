package portal

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

func mustBundle(t *testing.T) *i18n.Bundle {
	t.Helper()
	b, err := i18n.Load(catalog.InterfaceLanguages...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHomePage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := newFakeCatalog()
			h := newTestServer(t, cat, nil)
			rec := get(t, h, "/"+lang+"/")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			loc := b.Locale(lang)
			if got := doc.Find("h1").Text(); got != loc.T("home.title") {
				t.Errorf("h1 = %q", got)
			}
			if q := cat.queries[0]; q.Sort != catalog.SortDate || q.Limit != latestCount || len(q.ContentTypes) != 0 {
				t.Errorf("latest documents queried with %+v", q)
			}
			// The search box.
			form := doc.Find(`main form[role="search"]`)
			if action, _ := form.Attr("action"); action != "/"+lang+"/search" {
				t.Errorf("search form action = %q", action)
			}
			if form.Find(`input[name="q"]`).Length() != 1 || form.Find(`label[for="q"]`).Length() != 1 {
				t.Error("search form lacks a labelled q field")
			}
			// Six themes, each linked to its page.
			themes := doc.Find("ul.themes a")
			if themes.Length() != len(catalog.Themes) {
				t.Errorf("%d theme links, want %d", themes.Length(), len(catalog.Themes))
			}
			themes.Each(func(i int, a *goquery.Selection) {
				href, _ := a.Attr("href")
				want := "/" + lang + "/themes/" + catalog.Themes[i].Slug
				if href != want {
					t.Errorf("theme %d links to %q, want %q", i, href, want)
				}
				if a.Text() != loc.ThemeName(catalog.Themes[i].Slug) {
					t.Errorf("theme %d is called %q", i, a.Text())
				}
			})
			// Latest documents, newest first, titles in their own language.
			titles := doc.Find("ol.hits .hit-title a")
			if titles.Length() != 4 {
				t.Fatalf("%d latest documents, want 4", titles.Length())
			}
			if l, _ := titles.First().Attr("lang"); l != "en" {
				t.Errorf("first title lang = %q", l)
			}
			if href, _ := titles.First().Attr("href"); href != "/"+lang+"/documents/1" {
				t.Errorf("first title links to %q", href)
			}
			if d, _ := titles.Eq(3).Attr("dir"); d != "rtl" {
				t.Errorf("Arabic title dir = %q", d)
			}
			// Sources and their health.
			rows := doc.Find("table.sources tbody tr")
			if rows.Length() != 3 {
				t.Fatalf("%d source rows, want 3", rows.Length())
			}
			if rows.Eq(1).Find(".status-failing").Text() != loc.T("status.failing") {
				t.Errorf("failing source shows %q", rows.Eq(1).Find(".status").Text())
			}
			if got := rows.Eq(0).Find("time").Text(); got != loc.Date(published1) {
				t.Errorf("last harvest shows %q, want %q", got, loc.Date(published1))
			}
			if got := strings.TrimSpace(rows.Eq(2).Find("td").Last().Text()); got != loc.T("home.sources.never") {
				t.Errorf("never-harvested source shows %q", got)
			}
		})
	}
}

func TestSearchPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := newFakeCatalog()
			h := newTestServer(t, cat, nil)
			loc := b.Locale(lang)

			rec := get(t, h, "/"+lang+"/search?q=refugees&theme=employment&page=1")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			q := cat.lastQuery(t)
			if q.Text != "refugees" || !slices.Equal(q.Themes, []string{"employment"}) || q.Limit != pageSize || q.Offset != 0 {
				t.Errorf("Search got %+v", q)
			}
			if got := doc.Find("h1").Text(); got != loc.T("search.title.query", "refugees") {
				t.Errorf("h1 = %q", got)
			}
			// The Atom feed of the same search.
			atom := doc.Find(`head link[rel="alternate"][type="application/atom+xml"]`)
			href, _ := atom.Attr("href")
			if atom.Length() != 1 || href != "/"+lang+"/search/atom?q=refugees&theme=employment" {
				t.Errorf("atom link = %d %q", atom.Length(), href)
			}
			// Total and results.
			if got := doc.Find("p.total").Text(); got != loc.Plural("search.total", 1) {
				t.Errorf("total = %q", got)
			}
			hits := doc.Find("ol.hits > li")
			if hits.Length() != 1 {
				t.Fatalf("%d hits, want 1", hits.Length())
			}
			a := hits.Find(".hit-title a")
			if l, _ := a.Attr("lang"); l != "en" {
				t.Errorf("title lang = %q", l)
			}
			if href, _ := a.Attr("href"); href != "/"+lang+"/documents/1" {
				t.Errorf("title links to %q", href)
			}
			if !strings.Contains(hits.Find(".hit-source").Text(), "Migration Policy Group") {
				t.Errorf("source = %q", hits.Find(".hit-source").Text())
			}
			if got := hits.Find("time").Text(); got != loc.Date(published1) {
				t.Errorf("date = %q, want %q", got, loc.Date(published1))
			}
			if dt, _ := hits.Find("time").Attr("datetime"); dt != "2026-11-26" {
				t.Errorf("datetime = %q", dt)
			}
			if !strings.Contains(hits.Find(".hit-summary").Text(), "refugees find work") {
				t.Errorf("summary = %q", hits.Find(".hit-summary").Text())
			}
			// The form keeps the text and the filters.
			form := doc.Find(`main form[role="search"]`)
			if v, _ := form.Find(`input[name="q"]`).Attr("value"); v != "refugees" {
				t.Errorf("q field = %q", v)
			}
			if v, _ := form.Find(`input[type="hidden"][name="theme"]`).Attr("value"); v != "employment" {
				t.Errorf("hidden theme field = %q", v)
			}
			if form.Find(`select[name="sort"] option`).Length() != 2 {
				t.Error("no sort choice")
			}
			// Facets with counts; the selected theme removes itself.
			facets := map[string]*goquery.Selection{}
			doc.Find("aside.facets section.facet").Each(func(_ int, s *goquery.Selection) {
				name, _ := s.Attr("data-facet")
				facets[name] = s
			})
			for _, name := range []string{"lang", "theme", "type", "country", "source"} {
				if facets[name] == nil {
					t.Errorf("no %s facet", name)
				}
			}
			if facets["theme"] != nil {
				sel := facets["theme"].Find("a.selected")
				href, _ := sel.Attr("href")
				if sel.Length() != 1 || href != "/"+lang+"/search?q=refugees" {
					t.Errorf("selected theme: %d links, href %q", sel.Length(), href)
				}
				if !strings.Contains(sel.Text(), loc.ThemeName("employment")) {
					t.Errorf("selected theme label %q", sel.Text())
				}
			}
			if facets["country"] != nil {
				de := facets["country"].Find(`a[href*="country=DE"]`)
				if de.Length() != 1 || de.Find(".count").Text() != "1" || !strings.Contains(de.Text(), loc.CountryName("DE")) {
					t.Errorf("country DE facet: %q", de.Text())
				}
				href, _ := de.Attr("href")
				u, _ := url.Parse(href)
				if got := u.Query(); got.Get("country") != "DE" || got.Get("theme") != "employment" || got.Get("q") != "refugees" {
					t.Errorf("DE facet adds to the wrong search: %s", href)
				}
			}
			if facets["source"] != nil && !strings.Contains(facets["source"].Text(), "Migration Policy Group") {
				t.Errorf("source facet = %q", facets["source"].Text())
			}
			// Active filters list, each removable.
			if chip := doc.Find(".active-filters a.chip"); chip.Length() != 1 {
				t.Errorf("%d active filter chips, want 1", chip.Length())
			}
		})
	}
}

func TestSearchPageEmptyAndFilteredToNothing(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	doc := parseHTML(t, get(t, h, "/de/search?q=nothing-matches&country=SE"))
	if doc.Find("ol.hits").Length() != 0 || doc.Find("p.empty").Length() != 1 {
		t.Error("empty result not said")
	}
	// A filter that matches nothing is still listed, with a way out.
	se := doc.Find(`section[data-facet="country"] a.selected`)
	if se.Length() != 1 || se.Find(".count").Text() != "0" {
		t.Errorf("selected country without count: %q", se.Text())
	}
}

func TestSearchPagePagination(t *testing.T) {
	cat := newFakeCatalog()
	for i := int64(10); i < 55; i++ {
		cat.docs = append(cat.docs, catalog.Document{ID: i, SourceID: 1, Title: "Doc", Language: "en",
			Published: published3.AddDate(0, 0, -int(i))})
	}
	h := newTestServer(t, cat, nil)
	doc := parseHTML(t, get(t, h, "/en/search?q=doc&page=2"))
	if q := cat.lastQuery(t); q.Offset != 20 || q.Limit != 20 {
		t.Errorf("page 2 asked for offset %d limit %d", q.Offset, q.Limit)
	}
	if n := doc.Find("ol.hits > li").Length(); n != 20 {
		t.Errorf("%d hits on page 2", n)
	}
	if start, _ := doc.Find("ol.hits").Attr("start"); start != "21" {
		t.Errorf("list starts at %q", start)
	}
	pager := doc.Find("nav.pager")
	if pager.Length() != 1 {
		t.Fatal("no pager")
	}
	if got := pager.Find("p").Text(); got != "Page 2 of 3" {
		t.Errorf("pager label %q", got)
	}
	if href, _ := pager.Find(`a[rel="prev"]`).Attr("href"); href != "/en/search?q=doc" {
		t.Errorf("prev = %q", href)
	}
	if href, _ := pager.Find(`a[rel="next"]`).Attr("href"); href != "/en/search?page=3&q=doc" {
		t.Errorf("next = %q", href)
	}
	if cur := pager.Find(`a[aria-current="page"]`).Text(); cur != "2" {
		t.Errorf("current page %q", cur)
	}
	// The last page has no next link; the atom link keeps the page.
	doc = parseHTML(t, get(t, h, "/en/search?q=doc&page=3"))
	if doc.Find(`nav.pager a[rel="next"]`).Length() != 0 {
		t.Error("next link on the last page")
	}
	if href, _ := doc.Find(`link[type="application/atom+xml"]`).Attr("href"); href != "/en/search/atom?page=3&q=doc" {
		t.Errorf("atom link %q", href)
	}
}

func TestDocumentPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			h := newTestServer(t, newFakeCatalog(), nil)
			loc := b.Locale(lang)
			rec := get(t, h, "/"+lang+"/documents/1")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			h1 := doc.Find("h1")
			if h1.Text() != "Integration of refugees into the labour market" {
				t.Errorf("h1 = %q", h1.Text())
			}
			if l, _ := h1.Attr("lang"); l != "en" {
				t.Errorf("h1 lang = %q", l)
			}
			// The stored HTML is rendered as HTML, in its own language.
			body := doc.Find("div.body")
			if l, _ := body.Attr("lang"); l != "en" {
				t.Errorf("body lang = %q", l)
			}
			if body.Find("p > strong").Text() != "find work" {
				t.Errorf("body not rendered as HTML: %q", body.Text())
			}
			meta := map[string]*goquery.Selection{}
			doc.Find("dl.metadata dt").Each(func(_ int, dt *goquery.Selection) {
				meta[dt.Text()] = dt.Next()
			})
			check := func(key, want string) {
				t.Helper()
				dd := meta[loc.T(key)]
				if dd == nil {
					t.Errorf("no %s in the metadata", key)
					return
				}
				if !strings.Contains(dd.Text(), want) {
					t.Errorf("%s = %q, want %q in it", key, dd.Text(), want)
				}
			}
			check("document.source", "Migration Policy Group")
			check("document.language", loc.LanguageName("en"))
			check("document.themes", loc.ThemeName("employment"))
			check("document.type", loc.TypeName("report"))
			check("document.countries", loc.CountryName("DE"))
			check("document.published", loc.Date(published1))
			if href, _ := meta[loc.T("document.original")].Find("a").Attr("href"); href != "https://mpg.example/refugees-labour-market" {
				t.Errorf("original link %q", href)
			}
			if href, _ := meta[loc.T("document.themes")].Find("a").First().Attr("href"); href != "/"+lang+"/search?theme=economic-participation" {
				t.Errorf("theme link %q", href)
			}
			// Switcher keeps the document.
			if href, _ := doc.Find(`header nav a[hreflang]`).First().Attr("href"); !strings.HasSuffix(href, "/documents/1") {
				t.Errorf("switcher href %q", href)
			}
		})
	}
}

func TestDocumentPageTextFallback(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	doc := parseHTML(t, get(t, h, "/fr/documents/2"))
	if n := doc.Find("div.body > p").Length(); n != 2 {
		t.Errorf("%d paragraphs from the plain text, want 2", n)
	}
	doc = parseHTML(t, get(t, h, "/fr/documents/4"))
	if d, _ := doc.Find("div.body").Attr("dir"); d != "rtl" {
		t.Errorf("Arabic body dir = %q", d)
	}
	if got := doc.Find("dl.metadata dd").Last().Text(); got != "non indiqué" {
		t.Errorf("missing date shows %q", got)
	}
}

func TestNotFoundPages(t *testing.T) {
	b := mustBundle(t)
	tests := []struct {
		target, acceptLanguage, lang string
	}{
		{"/en/documents/999", "", "en"},
		{"/fr/documents/999", "", "fr"},
		{"/de/documents/999", "", "de"},
		{"/de/documents/abc", "", "de"},
		{"/fr/documents/-1", "", "fr"},
		{"/fr/no-such-page", "de", "fr"},
		{"/xx/", "", "en"},
		{"/es/search?q=x", "fr-BE,fr;q=0.9", "fr"},
		{"/static.css", "de", "de"},
		{"/en/search/", "", "en"},
	}
	for _, tt := range tests {
		h := newTestServer(t, newFakeCatalog(), nil)
		rec := get(t, h, tt.target, "Accept-Language", tt.acceptLanguage)
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", tt.target, rec.Code)
			continue
		}
		doc := parseHTML(t, rec)
		checkFrame(t, doc, tt.lang)
		if got, want := doc.Find("h1").Text(), b.Locale(tt.lang).T("error.not_found.title"); got != want {
			t.Errorf("%s: h1 = %q, want %q", tt.target, got, want)
		}
	}
	// Under /api/ the 404 is JSON.
	rec := get(t, newTestServer(t, newFakeCatalog(), nil), "/api/v1/nothing")
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("/api/v1/nothing: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestBadSearchIs400InInterfaceLanguage(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	tests := []struct {
		target, want string
	}{
		{"/en/search?theme=astrology", "“astrology” is not a known theme."},
		{"/fr/search?page=abc", "Le champ «\u00a0page\u00a0» doit être un nombre entier."},
		{"/de/search?q=" + strings.Repeat("x", 501), "Das Feld „Suchtext“ ist länger als 500 Zeichen."},
		{"/de/search?page=0", "Das Feld „Seite“ liegt außerhalb des zulässigen Bereichs."},
		{"/en/search?q=%zz", "The address is not correctly encoded."},
	}
	for _, tt := range tests {
		rec := get(t, h, tt.target)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d", tt.target, rec.Code)
			continue
		}
		doc := parseHTML(t, rec)
		if got := doc.Find("p.error-text").Text(); got != tt.want {
			t.Errorf("%s: message %q, want %q", tt.target, got, tt.want)
		}
	}
}

func TestCatalogFailureIs500LoggedOnce(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		var logs bytes.Buffer
		cat := newFakeCatalog()
		cat.searchErr = errors.New("database is locked")
		h := newTestServer(t, cat, &logs)
		rec := get(t, h, "/"+lang+"/search?q=x")
		if rec.Code != http.StatusInternalServerError {
			t.Fatalf("status %d", rec.Code)
		}
		doc := parseHTML(t, rec)
		checkFrame(t, doc, lang)
		if got := doc.Find("p.error-text").Text(); got != b.Locale(lang).T("error.internal.text") {
			t.Errorf("%s: message %q", lang, got)
		}
		if strings.Contains(rec.Body.String(), "database is locked") {
			t.Error("the cause leaks to the page")
		}
		if n := strings.Count(logs.String(), "level=ERROR"); n != 1 || !strings.Contains(logs.String(), "database is locked") {
			t.Errorf("logged %d errors: %s", n, logs.String())
		}
	}
	// A store refusing the query is the client's fault, not logged as an error.
	var logs bytes.Buffer
	cat := newFakeCatalog()
	cat.searchErr = errors.Join(catalog.ErrInvalid, errors.New("query too complex"))
	rec := get(t, newTestServer(t, cat, &logs), "/en/search?q=x")
	if rec.Code != http.StatusBadRequest || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("ErrInvalid from the store: %d, logs %q", rec.Code, logs.String())
	}
}

func TestHealthz(t *testing.T) {
	cat := newFakeCatalog()
	h := newTestServer(t, cat, nil)
	rec := get(t, h, "/healthz")
	if rec.Code != http.StatusOK || rec.Body.String() != "ok" {
		t.Errorf("healthy: %d %q", rec.Code, rec.Body)
	}
	cat.pingErr = errors.New("connection refused")
	rec = get(t, h, "/healthz")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("unhealthy: %d %q", rec.Code, rec.Body)
	}
}

func TestStaticFiles(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	doc := parseHTML(t, get(t, h, "/en/"))
	href, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href")
	rec := get(t, h, href)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("%s: %d %s", href, rec.Code, rec.Header().Get("Content-Type"))
	}
	if !strings.Contains(rec.Body.String(), "@media") {
		t.Error("style sheet is not responsive")
	}
	if rec := get(t, h, "/static/"); rec.Code != http.StatusNotFound {
		t.Errorf("/static/ lists the directory: %d", rec.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	targets := []string{"/", "/en/", "/fr/search?q=x", "/de/search/atom", "/en/documents/1",
		"/en/documents/999", "/xx/", "/api/v1/search", "/api/v1/search?limit=abc", "/healthz", "/static/style.css", "/en"}
	for _, target := range targets {
		checkSecurityHeaders(t, target, get(t, h, target).Header())
	}
	// The mux's own 405 carries them too.
	req, _ := http.NewRequest(http.MethodPost, "/en/search", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /en/search: %d", rec.Code)
	}
	checkSecurityHeaders(t, "POST /en/search", rec.Header())
}

func checkSecurityHeaders(t *testing.T, target string, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", target, k, got, v)
		}
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Error("New without a catalog succeeded")
	}
	for _, base := range []string{"ftp://x", "hub.example", "https://hub.example/?a=b", "https://"} {
		if _, err := New(Options{Catalog: newFakeCatalog(), BaseURL: base}); err == nil {
			t.Errorf("BaseURL %q accepted", base)
		}
	}
}
