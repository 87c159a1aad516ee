package fixtureweb

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// sheetsJSON is the made-up content of the 30 country information sheets:
// plausible, clearly marked as demo text, each section with how many days
// before now it counts as verified, spread over a year and a half so that
// some sections need review.
//
//go:embed sheets.json
var sheetsJSON []byte

type sheetFile struct {
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

// CountrySheets returns the demo sections of every country sheet, each
// dated its days before now. The demo and the browser tests load them.
func CountrySheets(now time.Time) ([]catalog.SheetEdit, error) {
	var f sheetFile
	if err := json.Unmarshal(sheetsJSON, &f); err != nil {
		return nil, fmt.Errorf("demo country sheets: %w", err)
	}
	var out []catalog.SheetEdit
	for _, sheet := range f.Sheets {
		for _, sec := range sheet.Sections {
			out = append(out, catalog.SheetEdit{Country: sheet.Country, Section: sec.Section, Text: sec.Text,
				Language: sec.Language, At: now.AddDate(0, 0, -sec.DaysAgo)})
		}
	}
	return out, nil
}
