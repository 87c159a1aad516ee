package normalizer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCountries(t *testing.T) {
	idx := newCountryIndex()
	for _, tc := range []struct {
		name         string
		source, lang string
		title, text  string
		want         []string
	}{
		{"source only", "de", "de", "Kurs", "Neu", []string{"DE"}},
		{"English, French and German names", "", "", "Germany", "Allemagne et Deutschland, Italy, Italie",
			[]string{"DE", "IT"}},
		{"order of first mention, title first", "", "", "Refugees in Poland", "Austria, Spain and Poland",
			[]string{"PL", "AT", "ES"}},
		{"several words", "", "", "", "la République tchèque, the Czech Republic and les Pays-Bas", []string{"CZ", "NL"}},
		{"European Union", "", "", "", "in der Europäischen Union und der European Union", []string{"EU"}},
		{"German genitive", "", "de", "", "die Integrationspolitik Österreichs und Deutschlands", []string{"AT", "DE"}},
		{"accents folded", "", "", "", "Migration en Suède et en Grèce", []string{"SE", "GR"}},
		{"lower case is not a name", "", "", "", "a turkey, an island, malta fever", nil},
		{"Island is Iceland only in German", "", "en", "", "Island communities", nil},
		{"Island in German", "", "de", "", "Zuwanderung nach Island", []string{"IS"}},
		{"Malte only in French", "", "de", "", "Malte Müller sagt", nil},
		{"Malte in French", "", "fr", "", "Les migrants à Malte", []string{"MT"}},
		{"EL is Greece", "EL", "", "", "", []string{"GR"}},
		{"uncovered source country kept", "tr", "", "", "", []string{"TR"}},
		{"invalid source ignored", "Germany", "", "", "", nil},
		{"EU source then countries", "eu", "", "", "Croatia", []string{"EU", "HR"}},
		{"no repeats", "FR", "", "France", "France, la France", []string{"FR"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := idx.countries(tc.source, tc.lang, tc.title, tc.text)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("countries (-want +got):\n%s", diff)
			}
		})
	}
}
