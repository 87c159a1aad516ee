package normalizer

import (
	"testing"
	"time"
)

// FuzzStructured runs the date, event, funding, legislation and JSON-LD
// readers on arbitrary text and checks that they never panic, stay fast
// and return only dates they can stand behind. Seeds: the cases of
// TestFindDates and testdata/fuzz/FuzzStructured.
func FuzzStructured(f *testing.F) {
	for _, s := range []string{
		"Date: 12 March 2027, 10:00–16:00 CET", "du 3 au 5 février 2027", "Anmeldeschluss: 15. Januar 2027",
		"Deadline: 31 January 2027 17:00 CET\nBudget: EUR 2 500 000", "AMIF-2027-TF1-AG-INTE",
		"Regulation (EU) 2024/1347 enters into force on 1 January 2027", "12 Δεκεμβρίου 2026, από τις 10:00 έως τις 14:00",
		"sal-15 ta' Marzu 2027", "Date\n14 April 2027, 09:00 – 15 April 2027, 13:00 (Europe/Rome)\nVenue\nOnline",
		`<script type="application/ld+json">{"@type":"Event","startDate":"2027-03-12T10:00:00+01:00","location":{"@type":"Place","name":"X"}}</script>`,
		"99 99 9999 99:99 (zz/zz)", "31/02/2027", "0 au 0 janvier 2027",
	} {
		f.Add(s)
	}
	paris := sourceZone("FR")
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		for _, d := range findDates(s, "", 5) {
			if d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.year < 1990 || d.year > 2100 {
				t.Fatalf("findDates(%q) gave %+v", s, d)
			}
			d.at(paris)
			d.until(paris)
		}
		textEvent(s, time.Time{}, paris)
		textFunding(s, paris)
		textLegislation(s, s, paris)
		nodes := parseJSONLD(jsonLDBlocks(s))
		jsonLDEvent(nodes, paris)
		jsonLDFunding(nodes, paris)
		jsonLDLegislation(nodes, paris)
		translationKey(s, "https://ex.example/a", nil)
		amountOf(s)
		if elapsed := time.Since(start); elapsed > fuzzBound {
			t.Fatalf("took %v on %d bytes", elapsed, len(s))
		}
	})
}
