package fixtureweb

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// TestCountrySheets: every section of the 30 sheets, each valid, some
// older than a year and most not.
func TestCountrySheets(t *testing.T) {
	now := time.Now()
	edits, err := CountrySheets(now)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	stale := 0
	for _, e := range edits {
		if err := e.Validate(); err != nil {
			t.Errorf("%s/%s: %v", e.Country, e.Section, err)
		}
		seen[e.Country+"/"+e.Section] = true
		if e.At.Before(now.Add(-catalog.DefaultSheetMaxAge)) {
			stale++
		}
	}
	for _, c := range catalog.SheetCountries() {
		for _, s := range catalog.SheetSections {
			if !seen[c+"/"+s] {
				t.Errorf("no demo section %s/%s", c, s)
			}
		}
	}
	if stale == 0 || stale > len(edits)/2 {
		t.Errorf("%d of %d demo sections are stale; want some, not most", stale, len(edits))
	}
}
