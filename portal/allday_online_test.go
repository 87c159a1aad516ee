package portal

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/ewsi/hub/catalog"
)

// allDayCatalog holds an all-day event of one day as the iCalendar
// harvest stores it (midnight in Brussels, which is the evening before in
// UTC; no end), an online event whose place says so, and one streamed
// from a place that does not.
func allDayCatalog(t *testing.T) *fakeCatalog {
	bru := mustZone(t, "Europe/Brussels")
	cat := newFakeCatalog()
	ev := func(id int64, title string, e *catalog.Event) catalog.Document {
		return catalog.Document{ID: id, SourceID: 3, URL: "https://events.example/" + title, Title: title, Language: "en",
			ContentType: "event", Countries: []string{"BE"}, Published: time.Date(2027, 4, 1, 9, 0, 0, 0, time.UTC), Event: e}
	}
	cat.docs = append(cat.docs,
		ev(30, "Open day", &catalog.Event{Start: time.Date(2027, 5, 3, 0, 0, 0, 0, bru), AllDay: true,
			TimeZone: "Europe/Brussels", Location: "Town hall, Grand-Place 1, Brussels"}),
		ev(31, "Webinar on housing", &catalog.Event{Start: time.Date(2027, 5, 4, 14, 0, 0, 0, bru),
			End: time.Date(2027, 5, 4, 15, 0, 0, 0, bru), TimeZone: "Europe/Brussels", Location: "Online (video conference)", Online: true}),
		ev(32, "Streamed debate", &catalog.Event{Start: time.Date(2027, 5, 5, 18, 0, 0, 0, bru),
			TimeZone: "Europe/Brussels", Location: "https://zoom.us/j/123", Online: true}),
	)
	return cat
}

var clockTime = regexp.MustCompile(`\d{1,2}[:.h]\d{2}`)

// TestAllDayEventShownAsDates: an event given by dates only shows its
// date and no time or zone on its page, in the month and list views, on
// the home page, and is exported as VALUE=DATE.
func TestAllDayEventShownAsDates(t *testing.T) {
	b := mustBundle(t)
	s, err := New(Options{Catalog: allDayCatalog(t)})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC) }
	h := s.Handler()
	for _, lang := range catalog.InterfaceLanguages {
		loc := b.Locale(lang)
		day := loc.Date(time.Date(2027, 5, 3, 0, 0, 0, 0, time.UTC))
		for _, page := range []struct{ name, path, sel string }{
			{"event page", "/" + lang + "/documents/30", "main dl time"},
			{"list view", "/" + lang + "/events?view=list", `ol.events li:has(a[href$="/documents/30"]) time`},
			{"home page", "/" + lang + "/", `section[aria-labelledby="home-events"] li:has(a[href$="/documents/30"]) time`},
		} {
			rec := get(t, h, page.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s %s: %d", lang, page.name, rec.Code)
			}
			doc := parseHTML(t, rec)
			tm := doc.Find(page.sel).Last()
			if page.name == "event page" {
				tm = doc.Find(`main dl time[datetime="2027-05-03"]`)
			}
			if dt, _ := tm.Attr("datetime"); dt != "2027-05-03" {
				t.Errorf("%s %s: datetime %q, want the date 2027-05-03", lang, page.name, dt)
			}
			if got := tm.Text(); got != day || clockTime.MatchString(got) {
				t.Errorf("%s %s: shows %q, want %q and no time", lang, page.name, got, day)
			}
			if tm.Parent().Find(".zone").Length() != 0 {
				t.Errorf("%s %s: an all-day event shows a time zone", lang, page.name)
			}
		}
		// The month grid: on 3 May, its own day, not on 2 May (UTC).
		doc := parseHTML(t, get(t, h, "/"+lang+"/events?month=2027-05"))
		cells := doc.Find(`table.calendar td:has(a[href$="/documents/30"]) time.day-number`)
		if cells.Length() != 1 || cells.AttrOr("datetime", "") != "2027-05-03" {
			t.Errorf("%s month: the all-day event is on %d days, first %q", lang, cells.Length(), cells.AttrOr("datetime", ""))
		}
	}
	cal := parseCalendar(t, get(t, h, "/en/documents/30/ics").Body.Bytes())
	ev := cal.Events()[0]
	for prop, want := range map[string]string{ical.PropDateTimeStart: "20270503", ical.PropDateTimeEnd: "20270504"} {
		p := ev.Props.Get(prop)
		if p == nil || p.Value != want || p.ValueType() != ical.ValueDate {
			t.Errorf("%s = %v, want the DATE %s", prop, p, want)
		}
	}
}

// TestOnlineEventMarked: an online event says "Online" where it takes
// place, beside a place that does not say so (a meeting link) and not
// twice when it does; the online filter keeps only online events.
func TestOnlineEventMarked(t *testing.T) {
	b := mustBundle(t)
	s, err := New(Options{Catalog: allDayCatalog(t)})
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC) }
	h := s.Handler()
	for _, lang := range catalog.InterfaceLanguages {
		online := b.Locale(lang).T("events.mode.online")
		doc := parseHTML(t, get(t, h, "/"+lang+"/documents/32"))
		where := doc.Find("main dl dd:has(span.online)")
		if where.Find("span.online").Text() != online || !strings.Contains(where.Text(), "https://zoom.us/j/123") {
			t.Errorf("%s: streamed event's place %q", lang, where.Text())
		}
		doc = parseHTML(t, get(t, h, "/"+lang+"/documents/31"))
		if n := doc.Find("main span.online").Length(); lang == "en" && n != 0 {
			t.Errorf("%s: the place says online already, yet the mark is shown %d times", lang, n)
		}
		if !strings.Contains(doc.Find("main dl").Text(), "Online (video conference)") {
			t.Errorf("%s: place missing", lang)
		}
		list := parseHTML(t, get(t, h, "/"+lang+"/events?view=list&mode=online"))
		if got := hrefs(list.Find("ol.events h3 a")); strings.Join(got, " ") != "/"+lang+"/documents/31 /"+lang+"/documents/32" {
			t.Errorf("%s: online filter keeps %v", lang, got)
		}
	}
}
