package i18n

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func mustLoad(t *testing.T) *Bundle {
	t.Helper()
	b, err := Load(catalog.InterfaceLanguages...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCataloguesHaveSameKeys fails when one language misses a key another
// has. Load refuses such catalogues too; this test names every gap.
func TestCataloguesHaveSameKeys(t *testing.T) {
	names, err := fs.Glob(files, "locales/*.json")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]map[string]string{}
	for _, f := range names {
		raw, _ := fs.ReadFile(files, f)
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		keys[f] = m
	}
	if len(keys) != len(catalog.InterfaceLanguages) {
		t.Errorf("%d catalogues for %d interface languages", len(keys), len(catalog.InterfaceLanguages))
	}
	for fa, a := range keys {
		for fb, b := range keys {
			for k := range a {
				if _, ok := b[k]; !ok {
					t.Errorf("%s has %q, %s does not", fa, k, fb)
				}
			}
		}
		for k, v := range a {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %q is empty", fa, k)
			}
		}
	}
}

func TestLoadRefusesUnknownLanguage(t *testing.T) {
	if _, err := Load("en", "xx"); err == nil {
		t.Error("Load(en, xx) succeeded")
	}
	if _, err := Load(); err == nil {
		t.Error("Load() succeeded")
	}
}

// TestVocabularyTranslated checks that every slug of catalog/vocab.go has a
// name in every language, with no English left in French and German for
// the themes and types.
func TestVocabularyTranslated(t *testing.T) {
	b := mustLoad(t)
	var want []string
	for _, th := range catalog.Themes {
		want = append(want, "theme."+th.Slug)
		for _, s := range th.Sub {
			want = append(want, "theme."+s.Slug)
		}
	}
	for _, ct := range catalog.ContentTypes {
		want = append(want, "type."+ct.Slug)
	}
	for _, c := range catalog.Countries {
		want = append(want, "country."+c.Slug)
	}
	for _, l := range catalog.EULanguages {
		want = append(want, "language."+l)
	}
	for _, k := range catalog.SourceKinds {
		want = append(want, "kind."+string(k))
	}
	for _, s := range []catalog.SourceStatus{catalog.StatusNew, catalog.StatusOK, catalog.StatusFailing, catalog.StatusDisabled} {
		want = append(want, "status."+string(s))
	}
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		for _, k := range want {
			if !loc.Has(k) {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
	}
	en, fr, de := b.Locale("en"), b.Locale("fr"), b.Locale("de")
	same := 0
	for _, th := range catalog.Themes {
		if fr.ThemeName(th.Slug) == en.ThemeName(th.Slug) || de.ThemeName(th.Slug) == en.ThemeName(th.Slug) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d themes have their English name in French or German", same)
	}
	if got := en.ThemeName(catalog.Themes[0].Slug); got != catalog.Themes[0].Name {
		t.Errorf("English name of %s = %q, vocab.go says %q", catalog.Themes[0].Slug, got, catalog.Themes[0].Name)
	}
}

func TestDate(t *testing.T) {
	b := mustLoad(t)
	tests := []struct {
		lang string
		at   time.Time
		want string
	}{
		{"en", time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC), "26 November 2026"},
		{"fr", time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC), "26 novembre 2026"},
		{"de", time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC), "26. November 2026"},
		{"en", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "1 March 2026"},
		{"fr", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "1er mars 2026"},
		{"de", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "1. März 2026"},
		{"fr", time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), "15 août 2025"},
		{"en", time.Time{}, ""},
	}
	for _, tt := range tests {
		if got := b.Locale(tt.lang).Date(tt.at); got != tt.want {
			t.Errorf("%s Date(%v) = %q, want %q", tt.lang, tt.at, got, tt.want)
		}
	}
}

func TestPluralAndNumber(t *testing.T) {
	b := mustLoad(t)
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 documents found"},
		{"en", 1, "1 document found"},
		{"en", 1234, "1,234 documents found"},
		{"fr", 0, "0 document trouvé"},
		{"fr", 1, "1 document trouvé"},
		{"fr", 2, "2 documents trouvés"},
		{"de", 1, "1 Dokument gefunden"},
		{"de", 1234, "1.234 Dokumente gefunden"},
	}
	for _, tt := range tests {
		if got := b.Locale(tt.lang).Plural("search.total", tt.n); got != tt.want {
			t.Errorf("%s Plural(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	if got := b.Locale("fr").Number(1234); !strings.HasPrefix(got, "1") || !strings.HasSuffix(got, "234") || got == "1234" {
		t.Errorf("fr Number(1234) = %q, want grouped digits", got)
	}
}

func TestNames(t *testing.T) {
	b := mustLoad(t)
	tests := []struct {
		lang, got, want string
	}{
		{"fr", b.Locale("fr").LanguageName("de"), "Allemand"},
		{"de", b.Locale("de").LanguageName("fr"), "Französisch"},
		{"en", b.Locale("en").LanguageName("ar"), "Arabic"}, // from CLDR, not the catalogue
		{"en", b.Locale("en").LanguageName("zz"), "zz"},
		{"de", b.Locale("de").CountryName("FR"), "Frankreich"},
		{"en", b.Locale("en").CountryName("TR"), "Turkey"},
		{"fr", b.Locale("fr").TypeName("news"), "Actualité"},
		{"en", b.Locale("en").TypeName("no-such-type"), "no-such-type"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, tt.got, tt.want)
		}
	}
}

func TestTranslateMissingKeyShowsKey(t *testing.T) {
	loc := mustLoad(t).Locale("en")
	if got := loc.T("no.such.key"); got != "no.such.key" {
		t.Errorf("T(missing) = %q", got)
	}
	if got := loc.T("search.title.query", "x"); got != "Search: x" {
		t.Errorf("T with args = %q", got)
	}
	if !slices.Contains(mustLoad(t).Keys("de"), "home.title") {
		t.Error("Keys(de) lacks home.title")
	}
}

func TestTimeMonthWeekday(t *testing.T) {
	b := mustLoad(t)
	at := time.Date(2026, 12, 9, 14, 5, 0, 0, time.UTC)
	tests := []struct{ lang, got, want string }{
		{"en", b.Locale("en").Time(at), "14:05"},
		{"fr", b.Locale("fr").Time(at), "14 h 05"},
		{"de", b.Locale("de").Time(at), "14:05"},
		{"en", b.Locale("en").MonthYear(at), "December 2026"},
		{"fr", b.Locale("fr").MonthYear(at), "décembre 2026"},
		{"de", b.Locale("de").MonthYear(at), "Dezember 2026"},
		{"en", b.Locale("en").Weekday(time.Sunday, false), "Sunday"},
		{"fr", b.Locale("fr").Weekday(time.Monday, true), "lun."},
		{"de", b.Locale("de").Weekday(at.Weekday(), false), "Mittwoch"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, tt.got, tt.want)
		}
	}
}
