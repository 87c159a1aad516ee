package concepts

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// TestVocabularyConsistent keeps the data files in step with the catalog:
// known slugs, unique IDs, English, French and German labels for every
// concept, every theme, sub-theme and content type signalled.
func TestVocabularyConsistent(t *testing.T) {
	ids := map[string]bool{}
	signalled := map[string]bool{}
	for _, c := range All() {
		if ids[c.ID] {
			t.Errorf("concept %q defined twice", c.ID)
		}
		ids[c.ID] = true
		if c.Theme == "" && c.Type == "" {
			t.Errorf("concept %q signals nothing", c.ID)
		}
		if c.Theme != "" {
			if _, ok := catalog.ThemeOf(c.Theme); !ok {
				t.Errorf("concept %q: unknown theme %q", c.ID, c.Theme)
			}
			signalled[c.Theme] = true
		}
		if c.Type != "" {
			if !catalog.IsContentType(c.Type) {
				t.Errorf("concept %q: unknown content type %q", c.ID, c.Type)
			}
			signalled["type:"+c.Type] = true
		}
		for _, lang := range []string{"en", "fr", "de"} {
			if len(c.Labels[lang]) == 0 {
				t.Errorf("concept %q has no %s label", c.ID, lang)
			}
		}
		for lang, labels := range c.Labels {
			if !slices.Contains(catalog.EULanguages, lang) {
				t.Errorf("concept %q: label language %q is not an EU language", c.ID, lang)
			}
			for _, l := range labels {
				words := analysis.Tokens(strings.TrimSuffix(l, "*"))
				if len(words) == 0 {
					t.Errorf("concept %q: label %q has no words", c.ID, l)
				}
				if strings.HasSuffix(l, "*") && len([]rune(words[len(words)-1])) < keyLetters {
					t.Errorf("concept %q: open label %q is shorter than %d letters", c.ID, l, keyLetters)
				}
			}
		}
	}
	for _, th := range catalog.Themes {
		for _, s := range th.Sub {
			if !signalled[s.Slug] {
				t.Errorf("no concept signals sub-theme %q", s.Slug)
			}
		}
	}
	for _, ct := range catalog.ContentTypes {
		if !signalled["type:"+ct.Slug] {
			t.Errorf("no concept signals content type %q", ct.Slug)
		}
	}
	if n := len(All()); n < 150 {
		t.Errorf("%d concepts, want at least 150", n)
	}
}

func ids(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ConceptID)
	}
	slices.Sort(out)
	return out
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		name, text, lang string
		want             []string
	}{
		{"English phrase", "Labour market integration of refugees", "en", []string{"labour-market-integration"}},
		{"French phrase", "L'insertion professionnelle des réfugiés", "fr", []string{"labour-market-integration"}},
		{"German phrase", "Berufliche Integration von Geflüchteten", "de", []string{"labour-market-integration"}},
		{"Italian phrase", "Inserimento lavorativo dei rifugiati", "it", []string{"labour-market-integration"}},
		{"French plural by inflection", "Les naturalisations progressent", "fr", []string{"naturalisation"}},
		{"German compound by open label", "Neue Integrationskursverordnung", "de", []string{"language-learning"}},
		{"Greek inflection", "Η πρόσβαση στην υγεία και την εκπαίδευση", "el", []string{"health"}},
		{"Polish inflection", "Rada migrantów w Lublinie", "pl", []string{"political-participation"}},
		{"Maltese", "Sejħa għal proposti għall-inklużjoni soċjali", "mt", []string{"funding", "social-inclusion"}},
		{"longest label wins once", "discrimination in housing", "en", []string{"discrimination-services"}},
		{"other language ignored", "Das Kind und die stage", "de", nil},
		{"any language when unknown", "insertion professionnelle and Sprachkurs", "", []string{"labour-market-integration", "language-learning"}},
		{"nothing", "The weather was fine", "en", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(Match(tc.text, tc.lang))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Match(%q, %q) (-want +got):\n%s", tc.text, tc.lang, diff)
			}
		})
	}
}

func TestMatchWeightsAndPositions(t *testing.T) {
	hits := Match("Workshop: Sprachkurs. Noch ein Sprachkurs und ein Deutschkurs.", "de")
	var lang, ev *Hit
	for i := range hits {
		switch hits[i].ConceptID {
		case "language-learning":
			lang = &hits[i]
		case "event":
			ev = &hits[i]
		}
	}
	if lang == nil || ev == nil {
		t.Fatalf("hits %+v lack language-learning or event", hits)
	}
	if diff := cmp.Diff([]int{1, 4, 7}, lang.Positions); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	if lang.Weight != 3 {
		t.Errorf("weight of three one-word German hits = %v, want 3", lang.Weight)
	}
	if ev.Weight != 1 {
		t.Errorf("German label Workshop* in German = %v, want 1", ev.Weight)
	}
	en := Match("Workshop", "fr")
	if len(en) != 1 || en[0].Weight != OtherLanguageWeight {
		t.Errorf("English label in French text = %+v, want weight %v", en, OtherLanguageWeight)
	}
	phrase := Match("insertion professionnelle", "fr")
	if len(phrase) != 1 || phrase[0].Weight != 1.5 {
		t.Errorf("phrase weight = %+v, want 1.5", phrase)
	}
}

func TestEquivalents(t *testing.T) {
	got := Equivalents("insertion professionnelle", "fr")
	for _, want := range []string{"labour market integration", "berufliche Integration", "inserimento lavorativo", "inserción laboral"} {
		if !slices.Contains(got, want) {
			t.Errorf("Equivalents(insertion professionnelle) lacks %q: %q", want, got)
		}
	}
	if slices.Contains(got, "insertion professionnelle") || slices.Contains(got, "emploi") {
		t.Errorf("Equivalents returned labels of the query language: %q", got)
	}
	if got := Equivalents("Einbürgerungen", "de"); !slices.Contains(got, "naturalisation") || !slices.Contains(got, "naturalizzazione") {
		t.Errorf("Equivalents(Einbürgerungen) = %q, want naturalisation and naturalizzazione", got)
	}
	if got := Equivalents("weather", "en"); got != nil {
		t.Errorf("Equivalents(weather) = %q, want nil", got)
	}
	if got := Equivalents("labour market", "en"); len(got) == 0 {
		t.Errorf("Equivalents(labour market) is empty")
	}
	if got := Equivalents("market", "en"); got != nil {
		t.Errorf("a part of a label is not a label: Equivalents(market) = %q", got)
	}
	if got := Equivalents("Sprachkurs", ""); !slices.Contains(got, "language course") {
		t.Errorf("Equivalents(Sprachkurs, any) = %q, want language course", got)
	}
}

func TestLabels(t *testing.T) {
	for _, th := range catalog.Themes {
		for _, slug := range append([]string{th.Slug}, subSlugs(th)...) {
			for _, lang := range catalog.InterfaceLanguages {
				if l, ok := ThemeLabel(slug, lang); !ok || l == "" {
					t.Errorf("ThemeLabel(%q, %q) missing", slug, lang)
				}
			}
		}
		if l, _ := ThemeLabel(th.Slug, "en"); l != th.Name {
			t.Errorf("English label of %q = %q, want the catalog's %q", th.Slug, l, th.Name)
		}
	}
	for _, ct := range catalog.ContentTypes {
		for _, lang := range catalog.InterfaceLanguages {
			if l, ok := TypeLabel(ct.Slug, lang); !ok || l == "" {
				t.Errorf("TypeLabel(%q, %q) missing", ct.Slug, lang)
			}
		}
		if l, _ := TypeLabel(ct.Slug, "en"); l != ct.Name {
			t.Errorf("English label of %q = %q, want %q", ct.Slug, l, ct.Name)
		}
	}
	for _, c := range catalog.Countries {
		for _, lang := range catalog.InterfaceLanguages {
			if l, ok := CountryLabel(c.Slug, lang); !ok || l == "" {
				t.Errorf("CountryLabel(%q, %q) missing", c.Slug, lang)
			}
		}
	}
	if l, _ := ThemeLabel("health", "fr"); l != "Santé" {
		t.Errorf("ThemeLabel(health, fr) = %q", l)
	}
	if l, _ := CountryLabel("DE", "it"); l != "Germany" {
		t.Errorf("CountryLabel(DE, it) = %q, want the English fallback", l)
	}
	if _, ok := TypeLabel("nope", "en"); ok {
		t.Error("TypeLabel(nope) ok")
	}
}

func subSlugs(th catalog.Theme) []string {
	var out []string
	for _, s := range th.Sub {
		out = append(out, s.Slug)
	}
	return out
}

func TestFindCountries(t *testing.T) {
	for _, tc := range []struct {
		name, text, lang string
		want             []string
	}{
		{"names in several languages", "Deutschland, la Grèce, Polska e l'Italia", "", []string{"DE", "GR", "PL", "IT"}},
		{"Greek script", "Πρόσφυγες στην Ελλάδα", "el", []string{"GR"}},
		{"multi-word", "la République tchèque et les Pays-Bas", "fr", []string{"CZ", "NL"}},
		{"lower-case name is not one", "a turkey on an island, malta fever", "en", nil},
		{"Island only in German", "Zuwanderung nach Island", "de", []string{"IS"}},
		{"Island not in English", "Island communities", "en", nil},
		{"Malte only in French", "Malte Müller sagt", "de", nil},
		{"adjective", "la politique française", "fr", []string{"FR"}},
		{"city", "Workshop in Wien", "de", []string{"AT"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, h := range FindCountries(tc.text, tc.lang) {
				got = append(got, h.Code)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("FindCountries(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
	hits := FindCountries("Frankreich und Frankreich, Lyon und französische Städte", "de")
	if len(hits) != 1 || hits[0].Weight != 2+2*CountryWeakWeight {
		t.Errorf("weights = %+v, want FR with %v", hits, 2+2*CountryWeakWeight)
	}
	for _, c := range countryData {
		if !catalog.IsCountry(c.code) {
			t.Errorf("unknown country code %q", c.code)
		}
	}
}

// BenchmarkMatch matches a news item of about 170 words against the whole
// vocabulary.
func BenchmarkMatch(b *testing.B) {
	text := strings.Repeat("The city council has opened registrations for free evening language courses for newly arrived residents, "+
		"run with the adult learning centre, with childcare, as part of the integration plan that also covers employment, housing and health. ", 5)
	words := analysis.Tokens(text)
	b.ReportAllocs()
	for b.Loop() {
		MatchTokens(words, "en")
	}
}

// BenchmarkFindCountries scans the same text for countries.
func BenchmarkFindCountries(b *testing.B) {
	text := strings.Repeat("Refugees arriving in Greece, Italy and Spain move on to Germany, Austria and Sweden. ", 10)
	b.ReportAllocs()
	for b.Loop() {
		FindCountries(text, "en")
	}
}
