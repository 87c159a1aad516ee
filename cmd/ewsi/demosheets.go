package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// demoSheets is the made-up content of the 30 country sheets that the
// demo loads: plausible, clearly marked as demo text, with verification
// dates spread over a year and a half so that some sections need review.
//
//go:embed demodata/sheets.json
var demoSheets []byte

type demoSheetFile struct {
	Sheets []struct {
		Country  string `json:"country"`
		Sections []struct {
			Section  string `json:"section"`
			Language string `json:"language"`
			DaysAgo  int    `json:"verified_days_ago"`
			Text     string `json:"text"`
		} `json:"sections"`
	} `json:"sheets"`
}

// seedSheets writes the demo's sections that the catalog lacks, each as
// verified the given number of days before now; it never overwrites what
// an editor wrote. It returns how many sections it wrote.
func (a *app) seedSheets(ctx context.Context, now time.Time) (int, error) {
	var f demoSheetFile
	if err := json.Unmarshal(demoSheets, &f); err != nil {
		return 0, fmt.Errorf("demo sheets: %w", err)
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
	for _, sheet := range f.Sheets {
		for _, sec := range sheet.Sections {
			if stored[sheet.Country+"/"+sec.Section] {
				continue
			}
			e := &catalog.SheetEdit{Country: sheet.Country, Section: sec.Section, Text: sec.Text, Language: sec.Language,
				At: now.AddDate(0, 0, -sec.DaysAgo)}
			if _, err := a.store.SaveSheetSection(ctx, e); err != nil {
				return n, fmt.Errorf("demo sheet %s/%s: %w", sheet.Country, sec.Section, err)
			}
			n++
		}
	}
	return n, nil
}
