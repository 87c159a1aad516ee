package fixtureweb

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/ewsi/hub/catalog"
)

func TestLoad(t *testing.T) {
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
}

func TestItemsGroundTruth(t *testing.T) {
	items := Items()
	if n := len(items); n < 60 || n > 80 {
		t.Errorf("%d items, want 60 to 80", n)
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.Path] || seen[it.ID] {
			t.Errorf("%s: path or id not unique", it.Path)
		}
		seen[it.Path], seen[it.ID] = true, true
		if !contains(catalog.EULanguages, it.Language) {
			t.Errorf("%s: language %q is not an EU language", it.Path, it.Language)
		}
		if !catalog.IsContentType(it.ContentType) {
			t.Errorf("%s: content type %q", it.Path, it.ContentType)
		}
		for _, s := range it.SubThemes {
			if th, ok := catalog.ThemeOf(s); !ok || !contains(it.Themes, th) {
				t.Errorf("%s: sub-theme %q does not belong to %v", it.Path, s, it.Themes)
			}
		}
		for _, th := range it.Themes {
			if top, _ := catalog.ThemeOf(th); top != th {
				t.Errorf("%s: %q is not a top-level theme", it.Path, th)
			}
		}
		for _, c := range it.Countries {
			if !catalog.IsCountry(c) {
				t.Errorf("%s: country %q", it.Path, c)
			}
		}
		if n := len(strings.Fields(it.Text)); n < 150 || n > 600 {
			t.Errorf("%s: %d words, want 150 to 600", it.Path, n)
		}
		if !strings.HasPrefix(it.Text, it.Summary) {
			t.Errorf("%s: the summary is not the lead paragraph", it.Path)
		}
		if (it.Event != nil) != (it.ContentType == "event") ||
			(it.Funding != nil) != (it.ContentType == "funding") ||
			(it.CaseStudy != nil) != (it.ContentType == "case-study") {
			t.Errorf("%s: facts do not match content type %s", it.Path, it.ContentType)
		}
		if it.Published.Year() != 2026 || it.Published.After(time.Date(2026, 11, 26, 23, 59, 0, 0, time.UTC)) {
			t.Errorf("%s: published %v, want 2026 up to today", it.Path, it.Published)
		}
	}
}

// TestLanguages checks the languages the hub must handle and that each is
// written in its own script and letters.
func TestLanguages(t *testing.T) {
	byLang := map[string][]Item{}
	for _, it := range Items() {
		byLang[it.Language] = append(byLang[it.Language], it)
	}
	for _, lang := range []string{"en", "fr", "de", "it", "pl", "el", "mt"} {
		if len(byLang[lang]) < 4 {
			t.Errorf("%d items in %s, want at least 4", len(byLang[lang]), lang)
		}
	}
	for _, it := range byLang["el"] {
		greek, latin := 0, 0
		for _, r := range it.Text {
			switch {
			case unicode.Is(unicode.Greek, r):
				greek++
			case unicode.Is(unicode.Latin, r):
				latin++
			}
		}
		if greek < 10*latin {
			t.Errorf("%s: %d Greek and %d Latin letters", it.Path, greek, latin)
		}
	}
	for _, it := range byLang["mt"] {
		if !strings.ContainsAny(it.Text, "ħĦ") || !strings.ContainsAny(it.Text, "ġĠżŻċĊ") {
			t.Errorf("%s: Maltese text without its letters", it.Path)
		}
	}
	for _, it := range byLang["pl"] {
		if !strings.ContainsAny(it.Text, "ąęłńśźżó") {
			t.Errorf("%s: Polish text without its letters", it.Path)
		}
	}
}

// TestCoverage checks the mix of content types, themes and overlaps the
// hub's tests rely on.
func TestCoverage(t *testing.T) {
	types, themes := map[string]int{}, map[string]int{}
	var translated, duplicates, upcomingEvents, openCalls int
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, it := range Items() {
		types[it.ContentType]++
		for _, th := range it.Themes {
			themes[th]++
		}
		if len(it.Translations) > 0 {
			translated++
		}
		if it.DuplicateOf != "" {
			duplicates++
		}
		if it.Event != nil && it.Event.Start.After(today) {
			upcomingEvents++
		}
		if it.Funding != nil && it.Funding.Deadline.After(today) {
			openCalls++
		}
	}
	want := map[string]int{"news": 5, "event": 5, "funding": 5, "case-study": 5, "legislation": 3,
		"statistics": 3, "report": 2, "policy-paper": 2, "project": 2}
	for ct, n := range want {
		if types[ct] < n {
			t.Errorf("%d items of type %s, want at least %d", types[ct], ct, n)
		}
	}
	for _, th := range catalog.Themes {
		if themes[th.Slug] < 3 {
			t.Errorf("theme %s has %d items", th.Slug, themes[th.Slug])
		}
	}
	if translated < 4 || duplicates < 1 || upcomingEvents < 4 || openCalls < 4 {
		t.Errorf("translated %d, duplicates %d, upcoming events %d, open calls %d",
			translated, duplicates, upcomingEvents, openCalls)
	}
}

func TestOverlaps(t *testing.T) {
	byPath := itemsByPath()
	for _, it := range byPath {
		for _, tr := range it.Translations {
			o, ok := byPath[tr]
			if !ok || !contains(o.Translations, it.Path) {
				t.Errorf("%s: translation %s is not linked back", it.Path, tr)
			}
			if o.ContentType != it.ContentType || !reflect.DeepEqual(o.Themes, it.Themes) {
				t.Errorf("%s: translation %s has other facts", it.Path, tr)
			}
		}
		if it.DuplicateOf != "" {
			o := byPath[it.DuplicateOf]
			if o.Publisher == it.Publisher || o.Language != it.Language || o.ContentType != it.ContentType {
				t.Errorf("%s: not a republication of %s", it.Path, o.Path)
			}
			// A near-duplicate shares most of its words with the original.
			if s := overlap(it.Text, o.Text); s < 0.7 {
				t.Errorf("%s: only %.2f of its words are in %s", it.Path, s, o.Path)
			}
		}
		if it.Canonical != it.Path && it.Canonical != it.DuplicateOf {
			t.Errorf("%s: canonical %s is neither itself nor its original", it.Path, it.Canonical)
		}
	}
}

func overlap(a, b string) float64 {
	words := map[string]bool{}
	for _, w := range strings.Fields(b) {
		words[w] = true
	}
	n, in := 0, 0
	for _, w := range strings.Fields(a) {
		n++
		if words[w] {
			in++
		}
	}
	return float64(in) / float64(n)
}

func TestItemsIsACopy(t *testing.T) {
	a := Items()
	a[0].Themes[0] = "changed"
	a[0].Title = "changed"
	if b := Items(); b[0].Themes[0] == "changed" || b[0].Title == "changed" {
		t.Fatal("Items shares memory with the package")
	}
}

// TestChrome checks that every language has every word of the page chrome.
func TestChrome(t *testing.T) {
	langs := map[string]bool{}
	for _, p := range Publishers() {
		for _, l := range p.Languages {
			langs[l] = true
		}
	}
	for lang := range langs {
		c, ok := chromes[lang]
		if !ok {
			t.Errorf("no chrome for %s", lang)
			continue
		}
		v := reflect.ValueOf(*c)
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			switch f.Kind() {
			case reflect.String:
				if f.String() == "" {
					t.Errorf("%s: %s is empty", lang, v.Type().Field(i).Name)
				}
			case reflect.Array:
				for j := 0; j < f.Len(); j++ {
					if f.Index(j).String() == "" {
						t.Errorf("%s: %s[%d] is empty", lang, v.Type().Field(i).Name, j)
					}
				}
			}
		}
	}
}
