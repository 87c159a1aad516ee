package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ewsi/hub/fixtureweb"
)

// seedSheets writes the demo's country sheet sections (made up, in the
// fixture web) that the catalog lacks, each verified some days before now;
// it never overwrites what an editor wrote. It returns how many sections
// it wrote.
func (a *app) seedSheets(ctx context.Context, now time.Time) (int, error) {
	edits, err := fixtureweb.CountrySheets(now)
	if err != nil {
		return 0, err
	}
	have, err := a.store.SheetSections(ctx, "")
	if err != nil {
		return 0, err
	}
	stored := map[string]bool{}
	for _, s := range have {
		stored[s.Country+"/"+s.Section] = true
	}
	n := 0
	for _, e := range edits {
		if stored[e.Country+"/"+e.Section] {
			continue
		}
		if _, err := a.store.SaveSheetSection(ctx, &e); err != nil {
			return n, fmt.Errorf("demo sheet %s/%s: %w", e.Country, e.Section, err)
		}
		n++
	}
	return n, nil
}
