package portal

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
)

// TestDocumentEventAndCallFacts checks that an event's page states when
// and where it happens, in its own zone, and a call's page its deadline,
// programme and budget, in each interface language.
func TestDocumentEventAndCallFacts(t *testing.T) {
	b := mustBundle(t)
	cat := eventCatalog(t)
	cat.docs = append(cat.docs, fundingCatalog(t).docs[4:]...)
	h := eventsServer(t, cat)
	for _, lang := range catalog.InterfaceLanguages {
		loc := b.Locale(lang)
		facts := func(id string) map[string]string {
			doc := parseHTML(t, get(t, h, "/"+lang+"/documents/"+id))
			checkFrame(t, doc, lang)
			m := map[string]string{}
			doc.Find("dl.metadata dt").Each(func(_ int, dt *goquery.Selection) {
				m[dt.Text()] = strings.TrimSpace(dt.Next().Text())
			})
			return m
		}
		ev := facts("11")
		if got := ev[loc.T("events.when")]; !strings.Contains(got, loc.Time(eventCatalog(t).docs[5].Event.Start.In(mustZone(t, "Europe/Paris")))) ||
			!strings.Contains(got, loc.T("events.zone", "Europe/Paris")) {
			t.Errorf("%s: event when = %q", lang, got)
		}
		if got := ev[loc.T("events.where")]; got != "Maison de la Mutualité, Paris" {
			t.Errorf("%s: event where = %q", lang, got)
		}
		call := facts("20")
		if got := call[loc.T("funding.deadline")]; !strings.Contains(got, loc.Plural("funding.closes", 10)) {
			t.Errorf("%s: call deadline = %q", lang, got)
		}
		if call[loc.T("funding.programme")] != "AMIF" || call[loc.T("funding.budget")] != loc.Number(5000000)+" EUR" {
			t.Errorf("%s: call facts %v", lang, call)
		}
		if plain := facts("1"); plain[loc.T("events.when")] != "" || plain[loc.T("funding.deadline")] != "" {
			t.Errorf("%s: a report shows event or call facts: %v", lang, plain)
		}
	}
}
