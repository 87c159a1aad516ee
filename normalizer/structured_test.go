package normalizer

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
)

// TestStructuredAccuracy compares the events and funding calls Normalize
// finds on the fixture web's pages with Items' ground truth, field by
// field, prints the accuracy with -v, and fails below the floors.
func TestStructuredAccuracy(t *testing.T) {
	n := mustNormalizer(t)
	set := labelledSet(t)
	for _, mode := range []string{"pages", "text only"} {
		t.Run(mode, func(t *testing.T) { structuredAccuracy(t, n, set, mode == "text only") })
	}
}

// structuredAccuracy scores one mode: the pages as served, or with their
// JSON-LD blocks disabled so that only the text counts.
func structuredAccuracy(t *testing.T, n *Normalizer, set []labelledDoc, textOnly bool) {
	items := map[string]fixtureweb.Item{}
	for _, it := range fixtureweb.Items() {
		items["fixture"+it.Path] = it
	}
	type score struct{ ok, all int }
	scores := map[string]*score{}
	check := func(field string, ok bool, detail string) {
		s := scores[field]
		if s == nil {
			s = &score{}
			scores[field] = s
		}
		s.all++
		if ok {
			s.ok++
		} else if testing.Verbose() {
			t.Logf("%s: %s", field, detail)
		}
	}
	for _, ld := range set {
		it, ok := items[ld.name]
		if !ok || (it.Event == nil && it.Funding == nil) {
			continue
		}
		in := ld.in
		if textOnly {
			in.HTML = strings.ReplaceAll(in.HTML, "application/ld+json", "text/plain")
		}
		d, err := n.Normalize(in)
		if err != nil {
			t.Fatal(err)
		}
		if e := it.Event; e != nil {
			if d.Event == nil {
				for _, f := range []string{"event.start", "event.end", "event.location", "event.online", "event.registration"} {
					check(f, false, it.Path+": no event")
				}
				continue
			}
			check("event.start", d.Event.Start.Equal(e.Start), fmt.Sprintf("%s: %v, want %v", it.Path, d.Event.Start, e.Start))
			check("event.end", d.Event.End.Equal(e.End), fmt.Sprintf("%s: %v, want %v", it.Path, d.Event.End, e.End))
			check("event.location", e.Online && d.Event.Online || strings.EqualFold(d.Event.Location, e.Location),
				fmt.Sprintf("%s: %q, want %q", it.Path, d.Event.Location, e.Location))
			check("event.online", d.Event.Online == e.Online, fmt.Sprintf("%s: %v", it.Path, d.Event.Online))
			check("event.registration", d.Event.RegistrationDeadline.Equal(e.RegistrationDeadline),
				fmt.Sprintf("%s: %v, want %v", it.Path, d.Event.RegistrationDeadline, e.RegistrationDeadline))
		}
		if f := it.Funding; f != nil {
			if d.Funding == nil {
				for _, x := range []string{"funding.programme", "funding.call_id", "funding.deadline", "funding.budget"} {
					check(x, false, it.Path+": no funding")
				}
				continue
			}
			check("funding.programme", d.Funding.Programme == f.Programme, fmt.Sprintf("%s: %q, want %q", it.Path, d.Funding.Programme, f.Programme))
			check("funding.call_id", d.Funding.CallID == f.CallID, fmt.Sprintf("%s: %q, want %q", it.Path, d.Funding.CallID, f.CallID))
			check("funding.deadline", d.Funding.Deadline.Equal(f.Deadline), fmt.Sprintf("%s: %v, want %v", it.Path, d.Funding.Deadline, f.Deadline))
			check("funding.budget", d.Funding.Budget == float64(f.Budget), fmt.Sprintf("%s: %v, want %v", it.Path, d.Funding.Budget, f.Budget))
		}
	}
	// Measured: every field 1.00 in both modes on the fixture web, whose
	// facts are regular; the floors leave room for one miss per field.
	floors := map[string]float64{"event.start": 0.9, "event.end": 0.9, "event.location": 0.9, "event.online": 0.9,
		"event.registration": 0.9, "funding.programme": 0.85, "funding.call_id": 0.85, "funding.deadline": 0.85,
		"funding.budget": 0.85}
	var b strings.Builder
	for _, f := range []string{"event.start", "event.end", "event.location", "event.online", "event.registration",
		"funding.programme", "funding.call_id", "funding.deadline", "funding.budget"} {
		s := scores[f]
		if s == nil {
			t.Fatalf("no %s scored", f)
		}
		acc := float64(s.ok) / float64(s.all)
		fmt.Fprintf(&b, "%-20s %2d/%2d %5.2f\n", f, s.ok, s.all, acc)
		if acc < floors[f] {
			t.Errorf("%s accuracy %.2f below %.2f", f, acc, floors[f])
		}
	}
	t.Logf("structured fields on the fixture web (text only: %v):\n%s", textOnly, b.String())
}

func TestFindDates(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, tc := range []struct {
		in         string
		start, end string // RFC 3339 in Europe/Paris unless a zone is named
		zone       string
	}{
		{"Date: 12 March 2027, 10:00–16:00 CET", "2027-03-12T10:00:00+01:00", "2027-03-12T16:00:00+01:00", "Europe/Brussels"},
		{"du 3 au 5 février 2027", "2027-02-03T00:00:00+01:00", "2027-02-05T00:00:00+01:00", "Europe/Paris"},
		{"From 3 May to 7 May 2027, the week", "2027-05-03T00:00:00+02:00", "2027-05-07T00:00:00+02:00", "Europe/Paris"},
		{"vom 3. Mai bis 7. Mai 2027", "2027-05-03T00:00:00+02:00", "2027-05-07T00:00:00+02:00", "Europe/Paris"},
		{"3 bis 5 März 2027", "2027-03-03T00:00:00+01:00", "2027-03-05T00:00:00+01:00", "Europe/Paris"},
		// Months apart: no range this reader knows; the named date stands.
		{"30 April to 2 May 2027", "2027-05-02T00:00:00+02:00", "", "Europe/Paris"},
		{"Anmeldeschluss: 15. Januar 2027", "2027-01-15T00:00:00+01:00", "", "Europe/Paris"},
		{"26 janvier 2027, 09:30 – 17:00 (Europe/Paris)", "2027-01-26T09:30:00+01:00", "2027-01-26T17:00:00+01:00", "Europe/Paris"},
		{"Deadline: 31 January 2027 17:00 CET", "2027-01-31T17:00:00+01:00", "", "Europe/Brussels"},
		{"March 4, 2027", "2027-03-04T00:00:00+01:00", "", "Europe/Paris"},
		{"το Σάββατο 12 Δεκεμβρίου 2026, από τις 10:00 έως τις 14:00", "2026-12-12T10:00:00+01:00", "2026-12-12T14:00:00+01:00", "Europe/Paris"},
		{"sal-15 ta' Marzu 2027", "2027-03-15T00:00:00+01:00", "", "Europe/Paris"},
		{"15 kwietnia 2027 r.", "2027-04-15T00:00:00+02:00", "", "Europe/Paris"},
		{"le jeudi 11 février 2027 de 9 h 30 à 12 h 30", "2027-02-11T09:30:00+01:00", "2027-02-11T12:30:00+01:00", "Europe/Paris"},
		{"2027-03-12", "2027-03-12T00:00:00+01:00", "", "Europe/Paris"},
		// Event dates get the year-first and "de" forms publication dates had.
		{"2027. március 12. 10:00–12:00", "2027-03-12T10:00:00+01:00", "2027-03-12T12:00:00+01:00", "Europe/Paris"},
		{"2027 m. kovo 12 d. 10:00 (Europe/Vilnius)", "2027-03-12T10:00:00+02:00", "", "Europe/Vilnius"},
		{"el 12 de marzo de 2027 a las 10:00", "2027-03-12T00:00:00+01:00", "", "Europe/Paris"},
	} {
		ds := findDates(tc.in, "", 1)
		if len(ds) == 0 {
			t.Errorf("%q: no date", tc.in)
			continue
		}
		start, _ := ds[0].at(paris)
		if want, _ := time.Parse(time.RFC3339, tc.start); !start.Equal(want) {
			t.Errorf("%q: start %v, want %v", tc.in, start, want)
		}
		end := ds[0].until(paris)
		if tc.end == "" && !end.IsZero() || tc.end != "" && !end.Equal(mustTime(t, tc.end)) {
			t.Errorf("%q: end %v, want %q", tc.in, end, tc.end)
		}
		if z := ds[0].zoneName(paris); z != tc.zone {
			t.Errorf("%q: zone %q, want %q", tc.in, z, tc.zone)
		}
	}
	if ds := findDates("no date here, 2027 alone, 31 Smarch 2027, 31 November 2027, 30-31 April 2027", "", 3); len(ds) != 0 {
		t.Errorf("found %+v", ds)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestTextFundingAndLegislation(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	f := textFunding("The call AMIF-2027-TF1-AG-INTE of the Asylum, Migration and Integration Fund is open.\n"+
		"Deadline: 31 January 2027 17:00 CET\nBudget: EUR 2 500 000", brussels)
	if f == nil || f.CallID != "AMIF-2027-TF1-AG-INTE" || f.Budget != 2500000 || f.Currency != "EUR" ||
		!f.Deadline.Equal(mustTime(t, "2027-01-31T17:00:00+01:00")) || f.TimeZone != "Europe/Brussels" ||
		f.Programme != "Asylum, Migration and Integration Fund" {
		t.Errorf("textFunding = %+v", f)
	}
	for in, want := range map[string]float64{"4 millions d'euros": 4e6, "€150,000": 150000, "3.200.000 €": 3200000,
		"2,4 milioni di euro": 2.4e6, "6 500 000 €": 6.5e6, "EUR 12,000,000": 12e6} {
		if got, _ := amountOf(in); got != want {
			t.Errorf("amountOf(%q) = %v, want %v", in, got, want)
		}
	}
	f = textFunding("Einreichungsfrist: 28. Februar 2027, 23:59 Uhr. Gefördert werden bis zu 40.000 Euro.", brussels)
	if f == nil || !f.Deadline.Equal(mustTime(t, "2027-02-28T23:59:00+01:00")) {
		t.Errorf("German deadline: %+v", f)
	}
	l := textLegislation("Amended rules for the EU Blue Card", "The decree implementing Directive (EU) 2021/1883 enters into force on 1 January 2027. See http://data.europa.eu/eli/dir/2021/1883/oj.", brussels)
	if l == nil || l.CELEX != "32021L1883" || l.ELI != "http://data.europa.eu/eli/dir/2021/1883/oj" ||
		!l.InForce.Equal(mustTime(t, "2027-01-01T00:00:00+01:00")) {
		t.Errorf("textLegislation = %+v", l)
	}
	if l := textLegislation("", "Regulation 32024R1347 applies.", nil); l == nil || l.CELEX != "32024R1347" {
		t.Errorf("CELEX: %+v", l)
	}
}

func TestStructuredHints(t *testing.T) {
	n := mustNormalizer(t)
	start := mustTime(t, "2027-03-12T10:00:00+01:00")
	d, err := n.Normalize(Input{URL: "https://ex.example/p/1", Title: "Neighbours' evening", HTML: "<p>Come along.</p>",
		Event: &catalog.Event{Start: start, Location: "Town hall", TimeZone: "Europe/Brussels"}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Event == nil || !d.Event.Start.Equal(start) || d.Event.Location != "Town hall" || d.ContentType != "event" {
		t.Errorf("iCalendar hint: event %+v, type %q", d.Event, d.ContentType)
	}
	page := `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"MonetaryGrant",
"name":"Local inclusion fund","identifier":"LIF-2027-01","amount":{"@type":"MonetaryAmount","value":250000,"currency":"EUR"},
"applicationDeadline":"2027-02-28T12:00:00+01:00"}</script></head><body><main><p>Apply now.</p></main></body></html>`
	d, err = n.Normalize(Input{URL: "https://ex.example/p/2", Title: "Support for local groups", HTML: page, SourceCountry: "MT"})
	if err != nil {
		t.Fatal(err)
	}
	if f := d.Funding; f == nil || f.CallID != "LIF-2027-01" || f.Budget != 250000 || f.Currency != "EUR" ||
		!f.Deadline.Equal(mustTime(t, "2027-02-28T12:00:00+01:00")) || f.TimeZone != "Europe/Malta" || d.ContentType != "funding" {
		t.Errorf("JSON-LD grant: %+v, type %q", d.Funding, d.ContentType)
	}
	d, err = n.Normalize(Input{URL: "https://ex.example/legislation/blue-card", Title: "New law on the EU Blue Card",
		HTML: "<p>The decree implementing Directive (EU) 2021/1883 enters into force on 1 January 2027.</p>", SourceCountry: "NL"})
	if err != nil {
		t.Fatal(err)
	}
	if d.ContentType != "legislation" || d.Legislation == nil || d.Legislation.CELEX != "32021L1883" {
		t.Errorf("legislation: %+v, type %q", d.Legislation, d.ContentType)
	}
	d, err = n.Normalize(Input{URL: "https://ex.example/news/1", Title: "Mayor opens library",
		HTML: "<p>Date: 12 March 2027. The mayor opened the library.</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Event != nil && d.ContentType != "event" {
		t.Errorf("a news item with a date got an event: %+v", d.Event)
	}
}

// The one JSON-LD reader serves metadata and structured fields alike:
// @graph members, arrays, @id references, and malformed blocks ignored.
func TestJSONLDGraph(t *testing.T) {
	src := `<html><head>
<script type="application/ld+json">{"@type": "Event", "name": </script>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "Organization", "@id": "#city", "name": "Ville de Lyon"},
 {"@type": "Place", "@id": "#hall", "name": "Hôtel de Ville", "address": "1 place de la Comédie, Lyon"},
 {"@type": ["https://schema.org/Event"], "name": "Forum", "startDate": "2027-03-12T10:00:00+01:00",
  "organizer": {"@id": "#city"}, "location": {"@id": "#hall"}, "publisher": [{"@id": "#city"}]}]}</script>
<script type="application/ld+json">[{"@type": "Grant", "identifier": "AMIF-2027-TF1", "funder": {"@id": "#city"},
 "applicationDeadline": "2027-04-30"}]</script>
</head><body></body></html>`
	ld := parseJSONLD(jsonLDBlocks(src))
	paris := sourceZone("FR")
	e := jsonLDEvent(ld, paris)
	if e == nil {
		t.Fatal("no event")
	}
	if e.Organiser != "Ville de Lyon" || e.Location != "Hôtel de Ville, 1 place de la Comédie, Lyon" {
		t.Errorf("Organiser, Location = %q, %q; want the referenced entities' names", e.Organiser, e.Location)
	}
	if f := jsonLDFunding(ld, paris); f == nil || f.CallID != "AMIF-2027-TF1" {
		t.Errorf("funding = %+v, want the call of the top-level array", f)
	}
	m, ok := ld.mainEntity()
	if !ok || m.Type != "Event" || m.Headline != "Forum" || m.Publisher != "Ville de Lyon" {
		t.Errorf("mainEntity = %+v, %t; want the Event, its publisher by reference", m, ok)
	}
	if got := schemaTypeOf(ld); got != "organization,event,grant,place" {
		t.Errorf("schemaTypeOf = %q", got)
	}
}
