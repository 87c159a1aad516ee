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

// documentLD fetches a document page and returns its JSON-LD, checking
// that there is exactly one block, that it is valid JSON and that the
// CSP stays strict.
func documentLD(t *testing.T, h http.Handler, path string) map[string]any {
	t.Helper()
	rec := get(t, h, path)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d", path, rec.Code)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	doc := parseHTML(t, rec)
	blocks := doc.Find(`head script[type="application/ld+json"]`)
	if blocks.Length() != 1 || doc.Find("script").Length() != 1 {
		t.Fatalf("%s: %d JSON-LD blocks among %d scripts", path, blocks.Length(), doc.Find("script").Length())
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(blocks.Text()), &ld); err != nil {
		t.Fatalf("%s: JSON-LD is not JSON: %v\n%s", path, err, blocks.Text())
	}
	if ld["@context"] != "https://schema.org" {
		t.Errorf("@context %v", ld["@context"])
	}
	return ld
}

func TestDocumentJSONLD(t *testing.T) {
	cat := withEvent(newFakeCatalog())
	cat.docs[0].Authors = []string{"Ana Novak"}
	cat.docs[0].Updated = published1.Add(time.Hour)
	// A title that tries to close the script element.
	cat.docs[1].Title = `Accueil </script><script>alert(1)</script> & "primo-arrivants"`
	cat.docs = append(cat.docs,
		catalog.Document{ID: 10, SourceID: 2, Title: "Appel AMIF 2027", Language: "fr", ContentType: "funding", Published: published2,
			Funding: &catalog.Funding{Programme: "AMIF", CallID: "AMIF-2027-TF1-AG-INTE", Deadline: time.Date(2027, 2, 1, 16, 0, 0, 0, time.UTC),
				Budget: 4.5e6, Currency: "EUR", URL: "https://ec.example/calls/amif-2027"}},
		catalog.Document{ID: 11, SourceID: 1, Title: "Regulation (EU) 2024/1347", Language: "en", ContentType: "legislation", Published: published2,
			Legislation: &catalog.Legislation{CELEX: "32024R1347", Adopted: time.Date(2024, 5, 14, 0, 0, 0, 0, time.UTC)}},
		catalog.Document{ID: 12, SourceID: 3, Title: "Hybrid workshop", Language: "en", ContentType: "event", Published: published2,
			Event: &catalog.Event{Start: eventStart, AllDay: true, TimeZone: "Europe/Brussels", Location: "Brussels", Online: true,
				URL: "https://events.example/ws"}},
	)
	h := newTestServer(t, cat, nil)

	report := documentLD(t, h, "/en/documents/1")
	want := map[string]any{
		"@context": "https://schema.org", "@type": "Report", "@id": "http://example.com/en/documents/1",
		"url": "http://example.com/en/documents/1", "headline": "Integration of refugees into the labour market",
		"description": "How refugees find work in Germany and across the EU.", "inLanguage": "en",
		"sameAs": "https://mpg.example/refugees-labour-market", "datePublished": "2026-11-26T09:30:00Z",
		"dateModified": "2026-11-26T10:30:00Z", "genre": "Report",
		"author":    []any{map[string]any{"@type": "Person", "name": "Ana Novak"}},
		"publisher": map[string]any{"@type": "Organization", "name": "MPG"},
		"keywords":  []any{"Economic participation", "Employment"},
		"spatialCoverage": []any{map[string]any{"@type": "Place", "name": "Germany"},
			map[string]any{"@type": "Place", "name": "European Union"}},
	}
	if diff := cmp.Diff(want, report); diff != "" {
		t.Errorf("report (-want +got)\n%s", diff)
	}

	news := documentLD(t, h, "/fr/documents/2")
	if news["@type"] != "NewsArticle" || news["headline"] != cat.docs[1].Title {
		t.Errorf("news %v %q", news["@type"], news["headline"])
	}

	event := documentLD(t, h, "/de/documents/5")
	for k, v := range map[string]any{
		"@type": "Event", "name": "European Integration Forum, 2026", "startDate": "2026-12-03T08:30:00Z",
		"endDate": "2026-12-04T16:30:00Z", "url": "https://events.example/forum-2026/register",
		"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
		"organizer":           map[string]any{"@type": "Organization", "name": "European Commission"},
		"location": []any{map[string]any{"@type": "Place", "name": "Albert Borschette Centre, Rue Froissart 36, Brussels",
			"address": "Albert Borschette Centre, Rue Froissart 36, Brussels"}},
	} {
		if diff := cmp.Diff(v, event[k]); diff != "" {
			t.Errorf("event %s (-want +got)\n%s", k, diff)
		}
	}
	if _, ok := event["headline"]; ok {
		t.Error("an Event has a headline")
	}

	hybrid := documentLD(t, h, "/en/documents/12")
	if hybrid["startDate"] != "2026-12-03" || hybrid["eventAttendanceMode"] != "https://schema.org/MixedEventAttendanceMode" ||
		len(hybrid["location"].([]any)) != 2 {
		t.Errorf("hybrid all-day event %v %v %v", hybrid["startDate"], hybrid["eventAttendanceMode"], hybrid["location"])
	}

	funding := documentLD(t, h, "/fr/documents/10")
	wantGrant := map[string]any{"@type": "MonetaryGrant", "name": "AMIF", "identifier": "AMIF-2027-TF1-AG-INTE",
		"url":    "https://ec.example/calls/amif-2027",
		"amount": map[string]any{"@type": "MonetaryAmount", "value": 4.5e6, "currency": "EUR"},
		"funder": map[string]any{"@type": "Organization", "name": "Ministère de l’Intérieur"}}
	if diff := cmp.Diff(wantGrant, funding["mainEntity"]); diff != "" || funding["@type"] != "Article" || funding["expires"] != "2027-02-01T16:00:00Z" {
		t.Errorf("funding %v expires %v; grant (-want +got)\n%s", funding["@type"], funding["expires"], diff)
	}

	law := documentLD(t, h, "/en/documents/11")
	if law["@type"] != "Legislation" || law["legislationIdentifier"] != "32024R1347" || law["legislationDate"] != "2024-05-14" || law["name"] == nil {
		t.Errorf("legislation %v", law)
	}

	// The document page links the calendar of an event, and only of one.
	if href, _ := parseHTML(t, get(t, h, "/de/documents/5")).Find(`main a[type="text/calendar"]`).Attr("href"); href != "/de/documents/5/ics" {
		t.Errorf("calendar link %q", href)
	}
	if n := parseHTML(t, get(t, h, "/de/documents/1")).Find(`main a[type="text/calendar"]`).Length(); n != 0 {
		t.Errorf("%d calendar links on a report", n)
	}
}

func TestJSONLDCannotCloseScript(t *testing.T) {
	cat := newFakeCatalog()
	cat.docs[0].Title = `</script><script>alert(1)</script><!--`
	rec := get(t, newTestServer(t, cat, nil), "/en/documents/1")
	body := rec.Body.String()
	if strings.Count(body, "</script>") != 1 || strings.Contains(body, "<script>alert") {
		t.Errorf("the title escaped the JSON-LD block:\n%s", body)
	}
}
