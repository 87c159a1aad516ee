package portal

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

type testSitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

type testURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func fetchXML(t *testing.T, h http.Handler, path, xsd string, v any) {
	t.Helper()
	rec := get(t, h, path)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/xml; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	validateXMLSchema(t, rec.Body.Bytes(), xsd)
	if err := xml.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestSitemaps(t *testing.T) {
	cat := newFakeCatalog()
	// A second document in May 2026 and one in 2019, with empty years between.
	cat.docs = append(cat.docs,
		catalog.Document{ID: 7, SourceID: 1, Title: "Older May item", Language: "en", Published: published3.Add(-48 * time.Hour)},
		catalog.Document{ID: 8, SourceID: 1, Title: "Old report", Language: "en", Published: time.Date(2019, 3, 31, 23, 0, 0, 0, time.UTC)})
	s, err := New(Options{Catalog: cat, BaseURL: "https://hub.example.eu"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	var idx testSitemapIndex
	fetchXML(t, h, "/sitemap.xml", "testdata/sitemap/siteindex.xsd", &idx)
	var locs []string
	for _, sm := range idx.Sitemaps {
		locs = append(locs, sm.Loc+" "+sm.LastMod)
	}
	want := []string{
		"https://hub.example.eu/sitemaps/pages.xml ",
		"https://hub.example.eu/sitemaps/documents-2026-11.xml 2026-11-26T09:30:00Z",
		"https://hub.example.eu/sitemaps/documents-2026-10.xml 2026-10-01T08:00:00Z",
		"https://hub.example.eu/sitemaps/documents-2026-05.xml 2026-05-15T12:00:00Z",
		"https://hub.example.eu/sitemaps/documents-2019-03.xml 2019-03-31T23:00:00Z",
	}
	if diff := cmp.Diff(want, locs); diff != "" {
		t.Errorf("index (-want +got)\n%s", diff)
	}

	var may testURLSet
	fetchXML(t, h, "/sitemaps/documents-2026-05.xml", "testdata/sitemap/urlset.xsd", &may)
	if len(may.URLs) != 2 {
		t.Fatalf("%d urls in May", len(may.URLs))
	}
	u := may.URLs[0]
	if u.Loc != "https://hub.example.eu/en/documents/3" || u.LastMod != "2026-05-15T12:00:00Z" {
		t.Errorf("first url %s %s", u.Loc, u.LastMod)
	}
	var alts []string
	for _, l := range u.Links {
		alts = append(alts, l.Rel+" "+l.HrefLang+" "+l.Href)
	}
	if !slices.Equal(alts, []string{"alternate en https://hub.example.eu/en/documents/3",
		"alternate fr https://hub.example.eu/fr/documents/3", "alternate de https://hub.example.eu/de/documents/3"}) {
		t.Errorf("alternates %v", alts)
	}
	if may.URLs[1].Loc != "https://hub.example.eu/en/documents/7" {
		t.Errorf("second url %s", may.URLs[1].Loc)
	}

	var pages testURLSet
	fetchXML(t, h, "/sitemaps/pages.xml", "testdata/sitemap/urlset.xsd", &pages)
	// Home, search, events, funding, closed calls, themes, types,
	// countries, each country sheet, each theme and each type, in three
	// languages.
	if n := 3 * (8 + len(catalog.SheetCountries()) + len(catalog.Themes) + len(catalog.ContentTypes)); len(pages.URLs) != n || pages.URLs[0].Loc != "https://hub.example.eu/en/" {
		t.Errorf("%d pages, want %d: %+v", len(pages.URLs), n, pages.URLs)
	}
	listed := map[string]bool{}
	for _, u := range pages.URLs {
		listed[u.Loc] = true
	}
	for _, p := range []string{"/fr/events", "/de/funding/closed", "/en/themes/social-cohesion", "/fr/types/legislation", "/de/countries", "/en/countries/is"} {
		if !listed["https://hub.example.eu"+p] {
			t.Errorf("sitemap lacks %s", p)
		}
	}

	for _, path := range []string{"/sitemaps/documents-2026-04.xml", "/sitemaps/documents-2026-13.xml",
		"/sitemaps/documents-1850-01.xml", "/sitemaps/other.xml", "/sitemaps/documents-2026-05.xml.gz"} {
		if rec := get(t, h, path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d", path, rec.Code)
		}
	}
	rec := get(t, h, "/robots.txt")
	if !strings.Contains(rec.Body.String(), "Sitemap: https://hub.example.eu/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", rec.Body)
	}
}

func TestSitemapLargeMonth(t *testing.T) {
	// 333 documents over 48 days: January holds ids 1 to 216 (day 0–30),
	// more than two search pages, with groups of seven sharing a time.
	h := newTestServer(t, manyDocuments(333), nil)
	var jan testURLSet
	fetchXML(t, h, "/sitemaps/documents-2025-01.xml", "testdata/sitemap/urlset.xsd", &jan)
	seen := map[string]bool{}
	for _, u := range jan.URLs {
		if seen[u.Loc] {
			t.Errorf("%s listed twice", u.Loc)
		}
		seen[u.Loc] = true
	}
	if len(seen) != 7*31-1 { // days 0–30; day 0 holds ids 1–6
		t.Errorf("%d documents in January, want %d", len(seen), 7*31-1)
	}
}
