package portal

import (
	"slices"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestHomeEventsAndCalls checks the home page's upcoming events and calls
// closing soon: the next three of each, soonest first, past events and
// closed or undated calls left out.
func TestHomeEventsAndCalls(t *testing.T) {
	b := mustBundle(t)
	cat := eventCatalog(t)
	cat.docs = append(cat.docs, fundingCatalog(t).docs[4:]...)
	for _, lang := range catalog.InterfaceLanguages {
		loc := b.Locale(lang)
		doc := parseHTML(t, get(t, eventsServer(t, cat), "/"+lang+"/"))
		checkFrame(t, doc, lang)
		p := "/" + lang + "/documents/"
		events := doc.Find(`section[aria-labelledby="home-events"]`)
		if got := events.Find("h2").Text(); got != loc.T("home.events") {
			t.Errorf("%s: events heading %q", lang, got)
		}
		if got := hrefs(events.Find("h3 a")); !slices.Equal(got, []string{p + "10", p + "11", p + "14"}) {
			t.Errorf("%s: upcoming events %v", lang, got)
		}
		if got := hrefs(events.Children().Filter("p").Find("a")); !slices.Equal(got, []string{"/" + lang + "/events"}) {
			t.Errorf("%s: events section links to %v", lang, got)
		}
		calls := doc.Find(`section[aria-labelledby="home-funding"]`)
		if got := hrefs(calls.Find("h3 a")); !slices.Equal(got, []string{p + "24", p + "21", p + "20"}) {
			t.Errorf("%s: calls closing soon %v", lang, got)
		}
		if got := calls.Find(".closes").First().Text(); got != loc.T("funding.closes.today") {
			t.Errorf("%s: first call says %q", lang, got)
		}
		if got := hrefs(calls.Children().Filter("p").Find("a")); !slices.Equal(got, []string{"/" + lang + "/funding"}) {
			t.Errorf("%s: funding section links to %v", lang, got)
		}
	}
	doc := parseHTML(t, get(t, newTestServer(t, newFakeCatalog(), nil), "/en/"))
	if doc.Find(`section[aria-labelledby="home-events"] p`).First().Text() != "No upcoming event is known yet." {
		t.Error("no message when no event is known")
	}
}
