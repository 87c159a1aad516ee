package normalizer

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are whole pages and feed items with what the harvester would
// pass along with them. Each NAME.html gives NAME.json (the document but
// its HTML) and NAME.out.html (the sanitised HTML), so a change shows as a
// readable diff. Regenerate with: go test ./normalizer -run Golden -update
var goldenCases = []struct {
	name string
	in   Input
}{
	{"city-news-en", Input{
		SourceID: 1, URL: "https://www.riverton.example/news/2024/language-classes?utm_source=rss&id=7#top",
		SourceCountry: "IE", SourceLanguage: "en",
	}},
	{"ministere-fr", Input{
		SourceID: 2, Key: "urn:interieur:2024-12-02:sejour",
		URL:           "https://www.interieur.example/actualites/titre-de-sejour-2025",
		BaseURL:       "https://www.interieur.example/actualites/",
		ContentType:   "text/html; charset=utf-8",
		SourceCountry: "FR", Categories: []string{"Actualités", "Séjour"},
	}},
	{"verein-de", Input{
		SourceID: 3, URL: "http://www.beratung-gefluechtete.example/aktuelles/mentoring.html",
		Title:     "Neues Mentoring-Programm für geflüchtete Frauen",
		Published: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC),
		Language:  "de-DE", SourceCountry: "DE",
	}},
	{"kunsill-mt", Input{
		SourceID: 4, URL: "https://kunsill.example/mt/avviżi/korsijiet",
		SourceLanguage: "mt", SourceCountry: "MT",
	}},
	{"feed-item", Input{
		SourceID: 5, Key: "tag:ewsi.example,2025:call-42",
		URL:      "https://ewsi.example/en/news/amif-call-2025",
		Title:    "New AMIF call for proposals &ndash; <em>deadline</em> 15&nbsp;March &amp;#8217;25",
		Summary:  "<p>A new <b>AMIF</b> call for transnational projects is open.</p>",
		Authors:  []string{"EWSI Editorial Team", " ewsi editorial team "},
		Updated:  time.Date(2025, 1, 10, 8, 0, 0, 0, time.FixedZone("CET", 3600)),
		Language: "en", SourceCountry: "EU", Categories: []string{"Funding"},
	}},
	// Deliberately hard pages: a short story under long comments, a table
	// in a three-column layout with Dublin Core metadata, Maltese with an
	// English passage, a page in three languages with JSON-LD (one block
	// malformed), an article in anonymous divs.
	{"hard-comments-bg", Input{SourceID: 6, URL: "https://most.example/novini/kafene"}},
	{"hard-table-multicolumn-el", Input{SourceID: 7, URL: "https://observatory.example/stats/asylum-2026?ref=home"}},
	{"hard-maltese-mixed", Input{SourceID: 8, URL: "https://kunsill.example/mt/ahbarijiet/jum-miftuh", SourceCountry: "MT"}},
	{"hard-mixed-languages-event", Input{SourceID: 9, URL: "https://network.example/events/participation"}},
	{"hard-generic-divs-pl", Input{SourceID: 10, URL: "https://miasto.example/aktualnosci/porady-prawne", SourceLanguage: "pl"}},
}

// goldenView is what the golden JSON holds: the fields Normalize sets,
// named, so that a field added to catalog.Document does not change every
// golden file. The HTML goes to its own file.
func goldenView(d *catalog.Document) any {
	return struct {
		SourceID               int64
		Key, URL, CanonicalURL string
		Title, Summary, Text   string
		Language               string
		Languages              []string
		LanguageFrom           string
		Authors, Themes        []string
		ContentType            string
		Countries              []string
		Labels                 []catalog.Label
		Published, Updated     time.Time
		Publisher, Licence     string
		Translations           []catalog.Translation
		TranslationKey         string
		Event                  *catalog.Event
		Funding                *catalog.Funding
		Legislation            *catalog.Legislation
		CaseStudy              *catalog.CaseStudy
		ContentHash            string
	}{d.SourceID, d.Key, d.URL, d.CanonicalURL, d.Title, d.Summary, d.Text, d.Language, d.Languages,
		d.LanguageFrom, d.Authors, d.Themes, d.ContentType, d.Countries, d.Labels, d.Published, d.Updated,
		d.Publisher, d.Licence, d.Translations, d.TranslationKey, d.Event, d.Funding, d.Legislation, d.CaseStudy, d.ContentHash}
}

func TestGolden(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("testdata", "golden")
			src, err := os.ReadFile(filepath.Join(dir, tc.name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			in := tc.in
			in.HTML = string(src)
			d, err := n.Normalize(in)
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			gotHTML := d.HTML + "\n"
			gotJSON, err := json.MarshalIndent(goldenView(d), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			gotJSON = append(gotJSON, '\n')
			jsonPath := filepath.Join(dir, tc.name+".json")
			htmlPath := filepath.Join(dir, tc.name+".out.html")
			if *update {
				if err := os.WriteFile(jsonPath, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(htmlPath, []byte(gotHTML), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range []struct{ path, got string }{{jsonPath, string(gotJSON)}, {htmlPath, gotHTML}} {
				want, err := os.ReadFile(f.path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), f.got); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", f.path, diff)
				}
			}
		})
	}
}
