package portal

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
)

// fakeCatalog is an in-memory Catalog: it filters, counts facets and pages
// the way the stores promise to, records every query, and fails on demand.
type fakeCatalog struct {
	mu        sync.Mutex
	docs      []catalog.Document
	sources   []catalog.Source
	fixed     *catalog.Result // when set, Search returns it as is
	searchErr error
	pingErr   error
	queries   []catalog.Query
}

func (f *fakeCatalog) Search(ctx context.Context, q catalog.Query) (*catalog.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	if f.searchErr != nil {
		return nil, f.searchErr
	}
	if f.fixed != nil {
		return f.fixed, nil
	}
	q.Normalize()
	var match []catalog.Document
	for _, d := range f.docs {
		if f.matches(d, q, "") {
			match = append(match, d)
		}
	}
	// Newest first, undated last, then by id descending, as the stores do.
	sort.SliceStable(match, func(i, j int) bool {
		if !match[i].Published.Equal(match[j].Published) {
			return match[i].Published.After(match[j].Published)
		}
		return match[i].ID > match[j].ID
	})
	res := &catalog.Result{Total: len(match), Facets: map[string][]catalog.FacetValue{}}
	for i := q.Offset; i < len(match) && i < q.Offset+q.Limit; i++ {
		res.Hits = append(res.Hits, f.hit(match[i]))
	}
	for _, facet := range []string{catalog.FacetLanguage, catalog.FacetTheme, catalog.FacetType, catalog.FacetCountry, catalog.FacetSource} {
		counts := map[string]int{}
		for _, d := range f.docs {
			if f.matches(d, q, facet) {
				for _, v := range facetValues(d, facet) {
					counts[v]++
				}
			}
		}
		for v, n := range counts {
			res.Facets[facet] = append(res.Facets[facet], catalog.FacetValue{Value: v, Count: n})
		}
		slices.SortFunc(res.Facets[facet], func(a, b catalog.FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
	}
	return res, nil
}

// matches applies the text and every filter of q but the one of skip.
func (f *fakeCatalog) matches(d catalog.Document, q catalog.Query, skip string) bool {
	for _, w := range strings.Fields(strings.ToLower(q.Text)) {
		if !strings.Contains(strings.ToLower(d.Title+" "+d.Summary+" "+d.Text), w) {
			return false
		}
	}
	// From and Until bound the publication date, inclusive; an undated
	// document is outside any bound.
	if !q.From.IsZero() && (d.Published.IsZero() || d.Published.Before(q.From)) {
		return false
	}
	if !q.Until.IsZero() && (d.Published.IsZero() || d.Published.After(q.Until)) {
		return false
	}
	filters := map[string][]string{
		catalog.FacetLanguage: q.Languages,
		catalog.FacetTheme:    q.Themes,
		catalog.FacetType:     q.ContentTypes,
		catalog.FacetCountry:  q.Countries,
	}
	for _, id := range q.SourceIDs {
		filters[catalog.FacetSource] = append(filters[catalog.FacetSource], strconv.FormatInt(id, 10))
	}
	for facet, want := range filters {
		if facet == skip || len(want) == 0 {
			continue
		}
		if !slices.ContainsFunc(facetValues(d, facet), func(v string) bool { return slices.Contains(want, v) }) {
			return false
		}
	}
	return true
}

func facetValues(d catalog.Document, facet string) []string {
	switch facet {
	case catalog.FacetLanguage:
		return []string{d.Language}
	case catalog.FacetTheme:
		return d.Themes
	case catalog.FacetType:
		return []string{d.ContentType}
	case catalog.FacetCountry:
		return d.Countries
	case catalog.FacetSource:
		return []string{strconv.FormatInt(d.SourceID, 10)}
	}
	return nil
}

func (f *fakeCatalog) hit(d catalog.Document) catalog.Hit {
	h := catalog.Hit{ID: d.ID, SourceID: d.SourceID, Title: d.Title, URL: d.URL, Summary: d.Summary,
		Language: d.Language, ContentType: d.ContentType, Themes: d.Themes, Countries: d.Countries, Published: d.Published}
	for _, s := range f.sources {
		if s.ID == d.SourceID {
			h.SourceName = s.Name
		}
	}
	return h
}

func (f *fakeCatalog) Document(ctx context.Context, id int64) (*catalog.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.docs {
		if d.ID == id {
			// As a store does for an operator's (trusted) source, a
			// document given no state is published.
			if d.State == "" {
				d.State = catalog.StatePublished
			}
			return &d, nil
		}
	}
	return nil, fmt.Errorf("document %d: %w", id, catalog.ErrNotFound)
}

func (f *fakeCatalog) Sources(ctx context.Context) ([]catalog.Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.sources), nil
}

func (f *fakeCatalog) Ping(ctx context.Context) error { return f.pingErr }

// lastQuery returns the last query Search received.
func (f *fakeCatalog) lastQuery(t *testing.T) catalog.Query {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		t.Fatal("Search was not called")
	}
	return f.queries[len(f.queries)-1]
}

var (
	published1 = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	published2 = time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	published3 = time.Date(2026, 5, 15, 12, 0, 0, 0, time.UTC)
)

// newFakeCatalog returns a catalog of four documents from three sources.
func newFakeCatalog() *fakeCatalog {
	return &fakeCatalog{
		sources: []catalog.Source{
			{ID: 1, Kind: catalog.KindFeed, URL: "https://mpg.example/feed", Name: "Migration Policy Group", Publisher: "MPG",
				Status: catalog.StatusOK, LastHarvest: published1},
			{ID: 2, Kind: catalog.KindSite, URL: "https://interieur.example/", Name: "Ministère de l’Intérieur",
				Status: catalog.StatusFailing, LastHarvest: published2, LastError: "HTTP 503"},
			{ID: 3, Kind: catalog.KindCalendar, URL: "https://events.example/cal.ics", Name: "Integration events",
				Status: catalog.StatusNew},
		},
		docs: []catalog.Document{
			{ID: 1, SourceID: 1, URL: "https://mpg.example/refugees-labour-market",
				Title:   "Integration of refugees into the labour market",
				Summary: "How refugees find work in Germany and across the EU.",
				Text:    "Refugees and work.", HTML: `<p>Refugees <strong>find work</strong> faster with language courses.</p>`,
				Language: "en", Themes: []string{"economic-participation", "employment"}, ContentType: "report",
				Countries: []string{"DE", "EU"}, Published: published1},
			{ID: 2, SourceID: 2, URL: "https://interieur.example/accueil",
				Title: "Accueil des primo-arrivants", Summary: "Le contrat d’intégration républicaine et la formation civique.",
				Text: "Premier paragraphe.\n\nSecond paragraphe.", Language: "fr", Themes: []string{"active-citizenship"},
				ContentType: "news", Countries: []string{"FR"}, Published: published2},
			{ID: 3, SourceID: 1, URL: "https://mpg.example/sprachkurse",
				Title: "Sprachkurse für Zugewanderte", Summary: "Integrationskurse in Österreich.",
				HTML: "<p>Deutsch lernen.</p>", Language: "de", Themes: []string{"education-culture", "language-competencies"},
				ContentType: "project", Countries: []string{"AT"}, Published: published3},
			{ID: 4, SourceID: 3, URL: "https://events.example/ar",
				Title: "دليل الاندماج", Summary: "", Text: "نص", Language: "ar", Themes: []string{"social-cohesion"}},
		},
	}
}

// newTestServer builds a Server on cat with a logger writing into logs.
func newTestServer(t testing.TB, cat Catalog, logs *bytes.Buffer) http.Handler {
	t.Helper()
	opts := Options{Catalog: cat}
	if logs != nil {
		opts.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler()
}

// get serves one GET request; headers come as name, value pairs.
func get(t testing.TB, h http.Handler, target string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// parseHTML parses a response body as HTML.
func parseHTML(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkFrame checks what every page must have, in interface language lang.
func checkFrame(t *testing.T, doc *goquery.Document, lang string) {
	t.Helper()
	if got, _ := doc.Find("html").Attr("lang"); got != lang {
		t.Errorf("<html lang> = %q, want %q", got, lang)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d <h1>, want 1", n)
	}
	if strings.TrimSpace(doc.Find("h1").Text()) == "" {
		t.Error("<h1> is empty")
	}
	for _, sel := range []string{"body > header", "body > main", "body > footer"} {
		if n := doc.Find(sel).Length(); n != 1 {
			t.Errorf("%d %q, want 1", n, sel)
		}
	}
	if doc.Find("header nav").Length() == 0 {
		t.Error("no <nav> in the header")
	}
	skip := doc.Find("body > a.skip").First()
	if href, _ := skip.Attr("href"); href != "#main" || doc.Find("main#main").Length() != 1 {
		t.Errorf("skip link href %q does not lead to main#main", href)
	}
	if c, _ := doc.Find(`meta[name="viewport"]`).Attr("content"); !strings.Contains(c, "width=device-width") {
		t.Errorf("viewport meta = %q", c)
	}
	if href, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href"); !strings.HasPrefix(href, "/static/style.css") {
		t.Errorf("stylesheet href = %q", href)
	}
	// JSON-LD data blocks are not executed, so the CSP allows them; any
	// other script or style is refused.
	if n := doc.Find(`script:not([type="application/ld+json"]), style, [style]`).Length(); n > 0 {
		t.Errorf("%d inline scripts or styles; the CSP forbids them", n)
	}
	// The switcher links to the same page in the two other languages.
	var others []string
	doc.Find(`header nav a[hreflang]`).Each(func(_ int, a *goquery.Selection) {
		hl, _ := a.Attr("hreflang")
		href, _ := a.Attr("href")
		if !strings.HasPrefix(href, "/"+hl+"/") {
			t.Errorf("switcher link to %s has href %q", hl, href)
		}
		others = append(others, hl)
	})
	want := slices.DeleteFunc(slices.Clone(catalog.InterfaceLanguages), func(l string) bool { return l == lang })
	if !slices.Equal(others, want) {
		t.Errorf("switcher links to %v, want %v", others, want)
	}
}
