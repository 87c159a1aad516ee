package portal

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// eventStart is when the fake catalog's event begins.
var eventStart = time.Date(2026, 12, 3, 8, 30, 0, 0, time.UTC)

// withEvent adds an event document (id 5) to the fake catalog.
func withEvent(cat *fakeCatalog) *fakeCatalog {
	cat.docs = append(cat.docs, catalog.Document{ID: 5, SourceID: 3, URL: "https://events.example/forum-2026",
		Title: "European Integration Forum, 2026", Summary: "Civil society meets the Commission; all welcome.",
		Language: "en", Authors: []string{"DG HOME"}, Themes: []string{"active-citizenship", "political-participation"},
		ContentType: "event", Countries: []string{"BE", "EU"}, Published: published2.Add(time.Hour),
		Harvested: published2.Add(2 * time.Hour),
		Event: &catalog.Event{Start: eventStart, End: eventStart.Add(32 * time.Hour), TimeZone: "Europe/Brussels",
			Location: "Albert Borschette Centre, Rue Froissart 36, Brussels", URL: "https://events.example/forum-2026/register",
			Organiser: "European Commission"}})
	return cat
}

// TestAPIAllDayEvent checks that an all-day event's days are given as its
// source gave them, in its zone, not as the UTC instants of their
// midnights (the day before, east of UTC).
func TestAPIAllDayEvent(t *testing.T) {
	cat := withEvent(newFakeCatalog())
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	e := cat.docs[len(cat.docs)-1].Event
	e.AllDay = true
	e.Start = time.Date(2026, 12, 3, 0, 0, 0, 0, brussels)
	e.End = time.Date(2026, 12, 4, 0, 0, 0, 0, brussels)
	rec := get(t, newTestServer(t, cat, nil), "/api/v1/documents/5")
	var got apiDocument
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if got.Event == nil || got.Event.Start != "2026-12-03" || got.Event.End != "2026-12-04" || !got.Event.AllDay {
		t.Errorf("all-day event = %+v, want start 2026-12-03, end 2026-12-04", got.Event)
	}
	doc := loadOpenAPI(t, newTestServer(t, cat, nil))
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if err := validateSchema(doc, "Document", v); err != nil {
		t.Errorf("all-day event against the schema: %v", err)
	}
	bad := map[string]any{"start": "3 December", "all_day": true, "online": false}
	if err := validateSchema(doc, "Event", bad); err == nil {
		t.Error("the Event schema takes a start that is neither a date nor an instant")
	}
}

func TestAPIDocumentShow(t *testing.T) {
	h := newTestServer(t, withEvent(newFakeCatalog()), nil)
	rec := get(t, h, "/api/v1/documents/5")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got apiDocument
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := apiDocument{ID: 5, Title: "European Integration Forum, 2026", URL: "https://events.example/forum-2026",
		Page: "http://example.com/en/documents/5", Source: &apiSourceRef{3, "Integration events"},
		Summary: "Civil society meets the Commission; all welcome.", Language: "en", Languages: []string{},
		Authors: []string{"DG HOME"}, Themes: []string{"active-citizenship", "political-participation"}, Type: "event",
		Countries: []string{"BE", "EU"}, Published: "2026-10-01T09:00:00Z", Harvested: "2026-10-01T10:00:00Z",
		Event: &apiEvent{Start: "2026-12-03T08:30:00Z", End: "2026-12-04T16:30:00Z", TimeZone: "Europe/Brussels",
			Location: "Albert Borschette Centre, Rue Froissart 36, Brussels", URL: "https://events.example/forum-2026/register",
			Organiser: "European Commission"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}

	for _, tt := range []struct {
		path   string
		status int
		param  string
	}{
		{"/api/v1/documents/99", http.StatusNotFound, ""},
		{"/api/v1/documents/abc", http.StatusBadRequest, "id"},
		{"/api/v1/documents/0", http.StatusBadRequest, "id"},
		{"/api/v1/documents/-4", http.StatusBadRequest, "id"},
	} {
		rec := get(t, h, tt.path)
		var body apiError
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != tt.status || body.Param != tt.param {
			t.Errorf("%s: %d %s, want %d with param %q", tt.path, rec.Code, rec.Body, tt.status, tt.param)
		}
	}
}

func TestAPISourceList(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	rec := get(t, h, "/api/v1/sources")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got apiSourceList
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := apiSourceList{Total: 3, Items: []apiSource{
		{ID: 1, Name: "Migration Policy Group", Kind: "feed", URL: "https://mpg.example/feed", Publisher: "MPG", Status: "ok"},
		{ID: 2, Name: "Ministère de l’Intérieur", Kind: "site", URL: "https://interieur.example/", Status: "failing"},
		{ID: 3, Name: "Integration events", Kind: "calendar", URL: "https://events.example/cal.ics", Status: "new"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if body := rec.Body.String(); strings.Contains(body, "HTTP 503") || strings.Contains(body, "error") {
		t.Errorf("sources leak their error details: %s", body)
	}
}
