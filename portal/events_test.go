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

// eventsNow is the clock of the events tests: Saturday 5 December 2026.
var eventsNow = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// eventCatalog is the fake catalog with five events: online, in person,
// past, undated (no event facts yet) and all-day over the new year.
func eventCatalog(t testing.TB) *fakeCatalog {
	cat := newFakeCatalog()
	bru, par, ber, waw := mustZone(t, "Europe/Brussels"), mustZone(t, "Europe/Paris"), mustZone(t, "Europe/Berlin"), mustZone(t, "Europe/Warsaw")
	ev := func(id int64, title, lang, country string, themes []string, e *catalog.Event) catalog.Document {
		return catalog.Document{ID: id, SourceID: 3, URL: fmt.Sprintf("https://events.example/%d", id), Title: title,
			Language: lang, ContentType: "event", Themes: themes, Countries: []string{country},
			Published: time.Date(2026, 10, int(id), 0, 0, 0, 0, time.UTC), Event: e}
	}
	cat.docs = append(cat.docs,
		ev(10, "Webinar: housing for newcomers", "en", "BE", []string{"social-cohesion", "housing"}, &catalog.Event{
			Start: time.Date(2026, 12, 9, 14, 0, 0, 0, bru), End: time.Date(2026, 12, 9, 15, 30, 0, 0, bru),
			TimeZone: "Europe/Brussels", Online: true}),
		ev(11, "Colloque : la citoyenneté active", "fr", "FR", []string{"active-citizenship"}, &catalog.Event{
			Start: time.Date(2026, 12, 15, 9, 0, 0, 0, par), End: time.Date(2026, 12, 15, 17, 0, 0, 0, par),
			TimeZone: "Europe/Paris", Location: "Maison de la Mutualité, Paris"}),
		ev(12, "Werkstatt Integrationskurse", "de", "DE", []string{"education-culture"}, &catalog.Event{
			Start: time.Date(2026, 11, 20, 10, 0, 0, 0, ber), TimeZone: "Europe/Berlin", Location: "Berlin"}),
		ev(13, "Summer school on integration (dates to come)", "en", "EU", []string{"tools-techniques"}, nil),
		ev(14, "Zimowa szkoła integracji", "pl", "PL", []string{"education-culture"}, &catalog.Event{
			Start: time.Date(2026, 12, 30, 0, 0, 0, 0, waw), End: time.Date(2027, 1, 2, 0, 0, 0, 0, waw),
			AllDay: true, TimeZone: "Europe/Warsaw", Location: "Gdańsk"}),
	)
	return cat
}

// eventsServer serves cat with the clock at eventsNow.
func eventsServer(t testing.TB, cat Catalog) http.Handler {
	t.Helper()
	s, err := New(Options{Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return eventsNow }
	return s.Handler()
}

func hrefs(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, a *goquery.Selection) {
		h, _ := a.Attr("href")
		out = append(out, h)
	})
	return out
}

func TestEventsMonthPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := eventCatalog(t)
			h := eventsServer(t, cat)
			rec := get(t, h, "/"+lang+"/events")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			loc := b.Locale(lang)
			if got := doc.Find("h1").Text(); got != loc.T("events.title") {
				t.Errorf("h1 = %q", got)
			}
			if q := cat.lastQuery(t); !slices.Equal(q.ContentTypes, []string{"event"}) || q.Sort != catalog.SortDate || q.Limit != catalog.MaxLimit {
				t.Errorf("catalog queried with %+v", q)
			}
			if cur, _ := doc.Find(`header nav a[aria-current="page"]`).Attr("href"); cur != "/"+lang+"/events" {
				t.Errorf("navigation marks %q as current", cur)
			}
			// This month by default: December 2026, weeks from Monday.
			table := doc.Find("main table.calendar")
			if got := table.Find("caption").Text(); got != loc.MonthYear(eventsNow) {
				t.Errorf("caption %q", got)
			}
			if doc.Find("main h2#month-caption").Text() != loc.MonthYear(eventsNow) {
				t.Errorf("month heading %q", doc.Find("main h2#month-caption").Text())
			}
			heads := table.Find(`thead th[scope="col"]`)
			if heads.Length() != 7 {
				t.Fatalf("%d column headers", heads.Length())
			}
			if full, _ := heads.First().Find("abbr").Attr("title"); full != loc.Weekday(time.Monday, false) {
				t.Errorf("first column is %q", full)
			}
			rows := table.Find("tbody tr")
			if rows.Length() != 5 {
				t.Errorf("%d weeks in December 2026, want 5", rows.Length())
			}
			if first := rows.First().Find("td").First(); !first.HasClass("outside") {
				t.Error("1 December 2026 is a Tuesday; the Monday before is not empty")
			}
			day := func(iso string) *goquery.Selection {
				return table.Find(`time[datetime="` + iso + `"]`).Closest("td")
			}
			if _, ok := day("2026-12-05").Attr("aria-current"); !ok {
				t.Error("today is not marked")
			}
			for iso, want := range map[string][]string{
				"2026-12-09": {"/" + lang + "/documents/10"},
				"2026-12-15": {"/" + lang + "/documents/11"},
				"2026-12-30": {"/" + lang + "/documents/14"},
				"2026-12-31": {"/" + lang + "/documents/14"},
				"2026-12-10": nil,
			} {
				if got := hrefs(day(iso).Find("a")); !slices.Equal(got, want) {
					t.Errorf("%s links to %v, want %v", iso, got, want)
				}
			}
			if l, _ := day("2026-12-15").Find("a").Attr("lang"); l != "fr" {
				t.Errorf("event title lang = %q", l)
			}
			if n := table.Find(`a[href$="/documents/12"], a[href$="/documents/13"]`).Length(); n != 0 {
				t.Errorf("%d links to November's or the undated event in December", n)
			}
			pager := doc.Find(`main nav.pager a`)
			if got := hrefs(pager); !slices.Equal(got, []string{"/" + lang + "/events?month=2026-11", "/" + lang + "/events?month=2027-01"}) {
				t.Errorf("month links %v", got)
			}
			if cal, _ := doc.Find(`a[type="text/calendar"]`).Last().Attr("href"); cal != "/"+lang+"/events/ics" {
				t.Errorf("calendar of the view: %q", cal)
			}
			// Labelled filters.
			for _, id := range []string{"f-theme", "f-country", "f-mode"} {
				if doc.Find(`label[for="`+id+`"]`).Length() != 1 || doc.Find("select#"+id).Length() != 1 {
					t.Errorf("filter %s is not a labelled select", id)
				}
			}
			if n := doc.Find("select#f-theme optgroup").Length(); n != len(catalog.Themes) {
				t.Errorf("%d theme groups", n)
			}
			if got := doc.Find("select#f-country option").Length(); got != 6 { // any + BE, DE, FR, PL, EU
				t.Errorf("%d country options", got)
			}
		})
	}
}

func TestEventsMonthNavigation(t *testing.T) {
	h := eventsServer(t, eventCatalog(t))
	doc := parseHTML(t, get(t, h, "/de/events?month=2027-01&country=PL"))
	td := doc.Find(`table.calendar time[datetime="2027-01-02"]`).Closest("td")
	if got := hrefs(td.Find("a")); !slices.Equal(got, []string{"/de/documents/14"}) {
		t.Errorf("2 January shows %v", got)
	}
	if doc.Find(`td[aria-current]`).Length() != 0 {
		t.Error("a day of January 2027 is marked as today")
	}
	if got := hrefs(doc.Find("main nav.pager a")); !slices.Equal(got, []string{"/de/events?country=PL&month=2026-12", "/de/events?country=PL&month=2027-02"}) {
		t.Errorf("month links keep the filters: %v", got)
	}
	doc = parseHTML(t, get(t, h, "/en/events?month=2026-10"))
	if doc.Find("main p.empty").Length() != 1 {
		t.Error("an empty month says nothing")
	}
}

func TestEventsListPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			h := eventsServer(t, eventCatalog(t))
			loc := b.Locale(lang)
			doc := parseHTML(t, get(t, h, "/"+lang+"/events?view=list"))
			checkFrame(t, doc, lang)
			if got := doc.Find("main h2#list-heading").Text(); got != loc.T("events.upcoming") {
				t.Errorf("list heading %q", got)
			}
			items := doc.Find("ol.events > li")
			if got := hrefs(items.Find("h3 a")); !slices.Equal(got, []string{"/" + lang + "/documents/10", "/" + lang + "/documents/11", "/" + lang + "/documents/14"}) {
				t.Errorf("upcoming events %v", got)
			}
			first := items.First()
			bru := mustZone(t, "Europe/Brussels")
			want := loc.Date(time.Date(2026, 12, 9, 0, 0, 0, 0, bru)) + ", " + loc.Time(time.Date(2026, 12, 9, 14, 0, 0, 0, bru)) + "–" + loc.Time(time.Date(2026, 12, 9, 15, 30, 0, 0, bru))
			if got := first.Find("time").Text(); got != want {
				t.Errorf("when = %q, want %q", got, want)
			}
			if dt, _ := first.Find("time").Attr("datetime"); dt != "2026-12-09T14:00:00+01:00" {
				t.Errorf("datetime = %q", dt)
			}
			if got := first.Find(".zone").Text(); got != "("+loc.T("events.zone", "Europe/Brussels")+")" {
				t.Errorf("zone = %q", got)
			}
			if got := strings.TrimSpace(first.Find("dd").Last().Text()); got != loc.T("events.mode.online") {
				t.Errorf("online event's place = %q", got)
			}
			if got := hrefs(first.Find(`a[type="text/calendar"]`)); !slices.Equal(got, []string{"/" + lang + "/documents/10/ics"}) {
				t.Errorf("event calendar %v", got)
			}
			allDay := items.Last()
			if got := allDay.Find("time").Text(); got != loc.Date(time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC))+" – "+loc.Date(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("all-day event over days: %q", got)
			}
			if allDay.Find(".zone").Length() != 0 {
				t.Error("an all-day event shows a time zone")
			}
			if got := hrefs(doc.Find("main ul.events h3 a")); !slices.Equal(got, []string{"/" + lang + "/documents/13"}) {
				t.Errorf("undated events %v", got)
			}
			// Past events, newest first.
			doc = parseHTML(t, get(t, h, "/"+lang+"/events?view=list&when=past"))
			if got := hrefs(doc.Find("ol.events h3 a")); !slices.Equal(got, []string{"/" + lang + "/documents/12"}) {
				t.Errorf("past events %v", got)
			}
			if cur, _ := doc.Find(`section nav.tabs a[aria-current]`).Attr("href"); cur != "/"+lang+"/events?view=list&when=past" {
				t.Errorf("current tab %q", cur)
			}
		})
	}
}

func TestEventsFilters(t *testing.T) {
	cat := eventCatalog(t)
	h := eventsServer(t, cat)
	tests := []struct {
		query string
		want  []string
	}{
		{"view=list&mode=online", []string{"/en/documents/10"}},
		{"view=list&mode=in-person", []string{"/en/documents/11", "/en/documents/14"}},
		{"view=list&country=fr", []string{"/en/documents/11"}},
		{"view=list&theme=housing", []string{"/en/documents/10"}},
	}
	for _, tt := range tests {
		doc := parseHTML(t, get(t, h, "/en/events?"+tt.query))
		if got := hrefs(doc.Find("ol.events h3 a")); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.query, got, tt.want)
		}
	}
	doc := parseHTML(t, get(t, h, "/en/events?view=list&country=FR&mode=online"))
	if v, _ := doc.Find("select#f-country option[selected]").Attr("value"); v != "FR" {
		t.Errorf("chosen country not selected: %q", v)
	}
	if cal, _ := doc.Find(`main > p.feed a`).Attr("href"); cal != "/en/events/ics?country=FR&mode=online&view=list" {
		t.Errorf("calendar of the filtered view: %q", cal)
	}
	rec := get(t, h, "/en/events/ics?mode=online")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/calendar") {
		t.Fatalf("ics: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if !strings.Contains(body, "SUMMARY:Webinar: housing for newcomers") || strings.Contains(body, "Colloque") {
		t.Errorf("ics of online events:\n%s", body)
	}
	for _, bad := range []string{"view=year", "month=2026-13", "mode=hybrid", "theme=nope", "when=tomorrow"} {
		if rec := get(t, h, "/en/events?"+bad); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d", bad, rec.Code)
		}
	}
}

// BenchmarkEventsPage renders the month grid and the list over 100
// events (the most one page reads; the demo has 12). Target: under 30 ms.
func BenchmarkEventsPage(b *testing.B) {
	cat := newFakeCatalog()
	bru := mustZone(b, "Europe/Brussels")
	for i := range 100 {
		start := time.Date(2026, 11, 1+i%58, 9+i%8, 0, 0, 0, bru)
		cat.docs = append(cat.docs, catalog.Document{ID: int64(100 + i), SourceID: 3, Title: fmt.Sprintf("Event %d on integration", i),
			Language: "en", ContentType: "event", Countries: []string{catalog.Countries[i%len(catalog.Countries)].Slug},
			Published: start.AddDate(0, -1, 0),
			Event:     &catalog.Event{Start: start, End: start.Add(2 * time.Hour), TimeZone: "Europe/Brussels", Location: "Brussels", Online: i%3 == 0}})
	}
	h := eventsServer(b, cat)
	for _, target := range []string{"/fr/events?month=2026-12", "/de/events?view=list"} {
		b.Run(strings.TrimPrefix(target, "/"), func(b *testing.B) {
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
