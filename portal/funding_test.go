package portal

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
)

// fundingCatalog is the fake catalog with five calls, seen from
// eventsNow (5 December 2026): closing today, tomorrow, in ten days,
// closed in November, and one without a known deadline.
func fundingCatalog(t testing.TB) *fakeCatalog {
	cat := newFakeCatalog()
	call := func(id int64, title, lang, country string, themes []string, f *catalog.Funding) catalog.Document {
		return catalog.Document{ID: id, SourceID: 1, URL: fmt.Sprintf("https://calls.example/%d", id), Title: title,
			Language: lang, ContentType: "funding", Themes: themes, Countries: []string{country},
			Published: time.Date(2026, 10, int(id-10), 0, 0, 0, 0, time.UTC), Funding: f}
	}
	cat.docs = append(cat.docs,
		call(20, "AMIF call: labour market integration", "en", "EU", []string{"economic-participation", "employment"}, &catalog.Funding{
			Programme: "AMIF", CallID: "AMIF-2027-TF1-AG-INTE", Deadline: time.Date(2026, 12, 15, 17, 0, 0, 0, mustZone(t, "Europe/Brussels")),
			TimeZone: "Europe/Brussels", Budget: 5000000, Currency: "EUR", EligibleCountries: []string{"EU"}}),
		call(21, "Appel à projets : citoyenneté", "fr", "FR", []string{"active-citizenship"}, &catalog.Funding{
			Programme: "Fonds régional", Deadline: time.Date(2026, 12, 6, 12, 0, 0, 0, mustZone(t, "Europe/Paris")), TimeZone: "Europe/Paris"}),
		call(22, "ESF+ Förderaufruf Sprachkurse", "de", "DE", []string{"education-culture"}, &catalog.Funding{
			Programme: "ESF+", Deadline: time.Date(2026, 11, 15, 23, 59, 0, 0, mustZone(t, "Europe/Berlin")), TimeZone: "Europe/Berlin"}),
		call(23, "Bando per microprogetti", "it", "IT", []string{"social-cohesion"}, nil),
		call(24, "AMIF small grants", "en", "IT", []string{"economic-participation"}, &catalog.Funding{
			Programme: "AMIF", Deadline: time.Date(2026, 12, 5, 23, 59, 0, 0, mustZone(t, "Europe/Rome")), TimeZone: "Europe/Rome"}),
	)
	return cat
}

func callLinks(doc *goquery.Document) []string {
	return hrefs(doc.Find("ol.calls h3 a"))
}

func TestFundingPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := fundingCatalog(t)
			h := eventsServer(t, cat)
			loc := b.Locale(lang)
			rec := get(t, h, "/"+lang+"/funding")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.T("funding.title") {
				t.Errorf("h1 = %q", got)
			}
			if q := cat.lastQuery(t); !slices.Equal(q.ContentTypes, []string{"funding"}) || q.Limit != catalog.MaxLimit {
				t.Errorf("catalog queried with %+v", q)
			}
			if cur, _ := doc.Find(`header nav a[aria-current="page"]`).Attr("href"); cur != "/"+lang+"/funding" {
				t.Errorf("navigation marks %q as current", cur)
			}
			p := "/" + lang + "/documents/"
			if got := callLinks(doc); !slices.Equal(got, []string{p + "24", p + "21", p + "20", p + "23"}) {
				t.Errorf("open calls %v", got)
			}
			closes := doc.Find("ol.calls p.closes")
			for i, want := range []string{loc.T("funding.closes.today"), loc.Plural("funding.closes", 1), loc.Plural("funding.closes", 10), loc.T("funding.undated")} {
				if got := closes.Eq(i).Text(); got != want {
					t.Errorf("call %d: %q, want %q", i, got, want)
				}
			}
			if !closes.Eq(1).HasClass("soon") || closes.Eq(2).HasClass("soon") {
				t.Error("only calls closing within a week are marked soon")
			}
			amif := doc.Find("ol.calls > li").Eq(2)
			if dt, _ := amif.Find("time").Attr("datetime"); dt != "2026-12-15T17:00:00+01:00" {
				t.Errorf("deadline datetime %q", dt)
			}
			if got := amif.Find("time").Text(); got != loc.Date(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC))+", "+loc.Time(time.Date(0, 1, 1, 17, 0, 0, 0, time.UTC)) {
				t.Errorf("deadline %q", got)
			}
			if got := amif.Find(".zone").Text(); got != "("+loc.T("events.zone", "Europe/Brussels")+")" {
				t.Errorf("zone %q", got)
			}
			if !strings.Contains(amif.Text(), loc.Number(5000000)+" EUR") || !strings.Contains(amif.Text(), "AMIF-2027-TF1-AG-INTE") {
				t.Errorf("budget or call id missing: %q", amif.Text())
			}
			var programmes []string
			doc.Find("select#f-programme option").Each(func(_ int, o *goquery.Selection) {
				v, _ := o.Attr("value")
				programmes = append(programmes, v)
			})
			if !slices.Equal(programmes, []string{"", "AMIF", "ESF+", "Fonds régional"}) {
				t.Errorf("programmes %q", programmes)
			}
			if got := hrefs(doc.Find("main nav.tabs a")); !slices.Equal(got, []string{"/" + lang + "/funding", "/" + lang + "/funding/closed"}) {
				t.Errorf("tabs %v", got)
			}
			// The archive.
			doc = parseHTML(t, get(t, h, "/"+lang+"/funding/closed"))
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.T("funding.title.closed") {
				t.Errorf("archive h1 = %q", got)
			}
			if got := callLinks(doc); !slices.Equal(got, []string{p + "22"}) {
				t.Errorf("closed calls %v", got)
			}
			if got := doc.Find("ol.calls p.closes").Text(); got != loc.T("funding.closed") {
				t.Errorf("closed call says %q", got)
			}
		})
	}
}

func TestFundingFilters(t *testing.T) {
	h := eventsServer(t, fundingCatalog(t))
	tests := []struct {
		query string
		want  []string
	}{
		{"programme=AMIF", []string{"/en/documents/24", "/en/documents/20"}},
		{"country=fr", []string{"/en/documents/21"}},
		{"theme=employment", []string{"/en/documents/20"}},
		{"programme=Nothing", nil},
	}
	for _, tt := range tests {
		doc := parseHTML(t, get(t, h, "/en/funding?"+tt.query))
		if got := callLinks(doc); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.query, got, tt.want)
		}
	}
	doc := parseHTML(t, get(t, h, "/en/funding?programme=AMIF&country=IT"))
	if got := hrefs(doc.Find("main nav.tabs a")); got[1] != "/en/funding/closed?country=IT&programme=AMIF" {
		t.Errorf("archive tab keeps the filters: %v", got)
	}
	if v, _ := doc.Find("select#f-programme option[selected]").Attr("value"); v != "AMIF" {
		t.Errorf("chosen programme not selected: %q", v)
	}
	if doc.Find("main p.empty").Length() != 0 {
		t.Error("empty message beside results")
	}
	for _, bad := range []string{"programme=a&programme=b", "country=XX", "theme=nope"} {
		if rec := get(t, h, "/en/funding?"+bad); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d", bad, rec.Code)
		}
	}
}

// BenchmarkFundingPage renders the open calls over 100 funding documents
// (the most one page reads; the demo has 7). Target: under 30 ms.
func BenchmarkFundingPage(b *testing.B) {
	cat := newFakeCatalog()
	bru := mustZone(b, "Europe/Brussels")
	for i := range 100 {
		cat.docs = append(cat.docs, catalog.Document{ID: int64(100 + i), SourceID: 1, Title: fmt.Sprintf("Call %d for integration projects", i),
			Language: "en", ContentType: "funding", Countries: []string{catalog.Countries[i%len(catalog.Countries)].Slug},
			Published: time.Date(2026, 9, 1+i%28, 0, 0, 0, 0, time.UTC),
			Funding: &catalog.Funding{Programme: fmt.Sprintf("Programme %d", i%7), CallID: fmt.Sprintf("CALL-%d", i),
				Deadline: time.Date(2026, 11, 20+i, 17, 0, 0, 0, bru), TimeZone: "Europe/Brussels", Budget: float64(100000 * i), Currency: "EUR"}})
	}
	h := eventsServer(b, cat)
	req := httptest.NewRequest(http.MethodGet, "/fr/funding", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
