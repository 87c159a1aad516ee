package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
)

// TestSeedSheets: the demo fills every section of the 30 sheets, some of
// them stale, and a second start keeps what is there.
func TestSeedSheets(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := &app{store: s}
	now := time.Now()
	n, err := a.seedSheets(t.Context(), now)
	if want := len(catalog.SheetCountries()) * len(catalog.SheetSections); err != nil || n != want {
		t.Fatalf("seedSheets = %d, %v; want %d", n, err, want)
	}
	secs, _ := s.SheetSections(t.Context(), "")
	stale := 0
	for _, sec := range secs {
		if sec.Stale(now, catalog.DefaultSheetMaxAge) {
			stale++
		}
	}
	if stale == 0 || stale > len(secs)/2 {
		t.Errorf("%d of %d demo sections are stale; want some, not most", stale, len(secs))
	}
	if again, err := a.seedSheets(t.Context(), now); err != nil || again != 0 {
		t.Errorf("second seed = %d, %v; want 0", again, err)
	}
}
