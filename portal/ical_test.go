package portal

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/ewsi/hub/catalog"
)

// parseCalendar checks the framing RFC 5545 asks of every line (CRLF,
// at most 75 octets, continuation lines starting with a space) and
// decodes the calendar with go-ical.
func parseCalendar(t *testing.T, body []byte) *ical.Calendar {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Error("the calendar does not end with CRLF")
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(body, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	return cal
}

func TestDocumentCalendar(t *testing.T) {
	cat := withEvent(newFakeCatalog())
	// A title and summary that need escaping and folding.
	cat.docs[4].Title = "Forum européen de l’intégration; ateliers, débats et réseautage — deuxième édition, Bruxelles\\Brussel"
	cat.docs[4].Summary = "Ligne un.\nLigne deux, avec virgule; et point-virgule. Ελληνικά και 日本語 pour tester le pliage des lignes multioctets."
	h := newTestServer(t, cat, nil)
	rec := get(t, h, "/fr/documents/5/ics")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	cal := parseCalendar(t, rec.Body.Bytes())
	for prop, want := range map[string]string{ical.PropVersion: "2.0", ical.PropProductID: "-//EWSI Hub//Portal//EN"} {
		if got := cal.Props.Get(prop); got == nil || got.Value != want {
			t.Errorf("calendar %s = %v, want %q", prop, got, want)
		}
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	ev := events[0]
	text := func(name string) string {
		t.Helper()
		v, err := ev.Props.Text(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return v
	}
	if got := text(ical.PropSummary); got != cat.docs[4].Title {
		t.Errorf("SUMMARY %q", got)
	}
	if got := text(ical.PropDescription); got != cat.docs[4].Summary+"\n\nhttp://example.com/en/documents/5" {
		t.Errorf("DESCRIPTION %q", got)
	}
	if got := text(ical.PropLocation); got != "Albert Borschette Centre, Rue Froissart 36, Brussels" {
		t.Errorf("LOCATION %q", got)
	}
	if got := text(ical.PropUID); got != "document-5@example.com" {
		t.Errorf("UID %q", got)
	}
	if got := ev.Props.Get(ical.PropURL); got == nil || got.Value != "https://events.example/forum-2026/register" {
		t.Errorf("URL %v", got)
	}
	start, err := ev.DateTimeStart(time.UTC)
	if err != nil || !start.Equal(eventStart) {
		t.Errorf("DTSTART %v %v", start, err)
	}
	end, err := ev.DateTimeEnd(time.UTC)
	if err != nil || !end.Equal(eventStart.Add(32*time.Hour)) {
		t.Errorf("DTEND %v %v", end, err)
	}
	if p := ev.Props.Get(ical.PropDateTimeStamp); p == nil || p.Value != "20261001T100000Z" {
		t.Errorf("DTSTAMP %v", p)
	}
	// A document that is not an event has no calendar.
	for _, path := range []string{"/fr/documents/1/ics", "/fr/documents/99/ics", "/fr/documents/x/ics"} {
		if rec := get(t, h, path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d", path, rec.Code)
		}
	}
}

func TestAllDayAndOnlineEvent(t *testing.T) {
	cat := newFakeCatalog()
	brussels, _ := time.LoadLocation("Europe/Brussels")
	cat.docs = append(cat.docs, catalog.Document{ID: 6, SourceID: 3, Title: "Webinar week", ContentType: "event",
		Published: published3, Event: &catalog.Event{AllDay: true, TimeZone: "Europe/Brussels", Online: true,
			// Midnight in Brussels is the evening before in UTC.
			Start: time.Date(2026, 6, 1, 0, 0, 0, 0, brussels), End: time.Date(2026, 6, 5, 0, 0, 0, 0, brussels)}})
	h := newTestServer(t, cat, nil)
	cal := parseCalendar(t, get(t, h, "/en/documents/6/ics").Body.Bytes())
	ev := cal.Events()[0]
	for prop, want := range map[string]string{ical.PropDateTimeStart: "20260601", ical.PropDateTimeEnd: "20260606", ical.PropLocation: "Online"} {
		p := ev.Props.Get(prop)
		if p == nil || p.Value != want {
			t.Errorf("%s = %v, want %s", prop, p, want)
			continue
		}
		if prop != ical.PropLocation && p.ValueType() != ical.ValueDate {
			t.Errorf("%s is a %s, want DATE", prop, p.ValueType())
		}
	}
	if ev.Props.Get(ical.PropURL) != nil {
		t.Error("URL given though the event has no address")
	}
}

func TestSearchCalendar(t *testing.T) {
	cat := withEvent(newFakeCatalog())
	h := newTestServer(t, cat, nil)
	for _, path := range []string{"/de/search/ics?country=BE", "/api/v1/search.ics?country=BE&limit=5", "/en/search/ics"} {
		rec := get(t, h, path)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body)
		}
		cal := parseCalendar(t, rec.Body.Bytes())
		if n := len(cal.Events()); n != 1 {
			t.Errorf("%s: %d events, want 1", path, n)
		}
		if q := cat.lastQuery(t); len(q.ContentTypes) != 1 || q.ContentTypes[0] != "event" {
			t.Errorf("%s: a search without type is not narrowed to events: %+v", path, q)
		}
	}
	// A type filter is kept; documents without event data are left out.
	cal := parseCalendar(t, get(t, h, "/en/search/ics?type=report").Body.Bytes())
	if n := len(cal.Events()); n != 0 {
		t.Errorf("%d events among reports", n)
	}
	if q := cat.lastQuery(t); len(q.ContentTypes) != 1 || q.ContentTypes[0] != "report" {
		t.Errorf("type filter changed: %+v", q)
	}
	if rec := get(t, h, "/api/v1/search.ics?limit=500"); rec.Code != http.StatusBadRequest {
		t.Errorf("bad limit: status %d", rec.Code)
	}
	// The search page links its calendar.
	doc := parseHTML(t, get(t, h, "/en/search?country=BE"))
	if href, _ := doc.Find(`a[type="text/calendar"]`).Attr("href"); href != "/en/search/ics?country=BE" {
		t.Errorf("calendar link %q", href)
	}
}

func TestICSLineFolding(t *testing.T) {
	for _, value := range []string{
		strings.Repeat("a", 200),
		strings.Repeat("é", 100),
		strings.Repeat("日本語", 40),
		"short",
		strings.Repeat("x", 74-len("SUMMARY:")+1),
	} {
		var w icsWriter
		w.line("SUMMARY", value)
		out := w.buf.String()
		var unfolded strings.Builder
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Errorf("line of %d octets", len(l))
			}
			if i > 0 {
				if !strings.HasPrefix(l, " ") {
					t.Errorf("continuation %q does not start with a space", l)
				}
				l = l[1:]
			}
			unfolded.WriteString(l)
		}
		if unfolded.String() != "SUMMARY:"+value {
			t.Errorf("unfolded %q", unfolded.String())
		}
	}
}
