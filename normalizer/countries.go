package normalizer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// countryNames are the names of the covered countries (catalog.Countries)
// in English, French and German, with German genitives ("Deutschlands").
// A name only counts where it starts with a capital letter, as names do in
// these languages, so "turkey" or "island" in running text is not one.
var countryNames = map[string][]string{
	"EU": {"European Union", "Union européenne", "Europäische Union", "Europäischen Union"},
	"AT": {"Austria", "Autriche", "Österreich", "Österreichs"},
	"BE": {"Belgium", "Belgique", "Belgien", "Belgiens"},
	"BG": {"Bulgaria", "Bulgarie", "Bulgarien", "Bulgariens"},
	"HR": {"Croatia", "Croatie", "Kroatien", "Kroatiens"},
	"CY": {"Cyprus", "Chypre", "Zypern", "Zyperns"},
	"CZ": {"Czechia", "Czech Republic", "Tchéquie", "République tchèque", "Tschechien",
		"Tschechiens", "Tschechische Republik", "Tschechischen Republik"},
	"DK": {"Denmark", "Danemark", "Dänemark", "Dänemarks"},
	"EE": {"Estonia", "Estonie", "Estland", "Estlands"},
	"FI": {"Finland", "Finlande", "Finnland", "Finnlands"},
	"FR": {"France", "Frankreich", "Frankreichs"},
	"DE": {"Germany", "Allemagne", "Deutschland", "Deutschlands"},
	"GR": {"Greece", "Grèce", "Griechenland", "Griechenlands"},
	"HU": {"Hungary", "Hongrie", "Ungarn", "Ungarns"},
	"IE": {"Ireland", "Irlande", "Irland", "Irlands"},
	"IT": {"Italy", "Italie", "Italien", "Italiens"},
	"LV": {"Latvia", "Lettonie", "Lettland", "Lettlands"},
	"LT": {"Lithuania", "Lituanie", "Litauen", "Litauens"},
	"LU": {"Luxembourg", "Luxemburg", "Luxemburgs"},
	"MT": {"Malta", "Malte", "Maltas"},
	"NL": {"Netherlands", "Pays-Bas", "Niederlande", "Niederlanden"},
	"PL": {"Poland", "Pologne", "Polen", "Polens"},
	"PT": {"Portugal", "Portugals"},
	"RO": {"Romania", "Roumanie", "Rumänien", "Rumäniens"},
	"SK": {"Slovakia", "Slovaquie", "Slowakei"},
	"SI": {"Slovenia", "Slovénie", "Slowenien", "Sloweniens"},
	"ES": {"Spain", "Espagne", "Spanien", "Spaniens"},
	"SE": {"Sweden", "Suède", "Schweden", "Schwedens"},
	"IS": {"Iceland", "Islande", "Island", "Islands"},
	"NO": {"Norway", "Norvège", "Norwegen", "Norwegens"},
	"CH": {"Switzerland", "Suisse", "Schweiz"},
}

// countryOnlyIn restricts names that are ordinary words or first names in
// another language to documents in the language they name a country in:
// "Island(s)" is English for an island, "Malte" a German first name.
var countryOnlyIn = map[string]string{"island": "de", "islands": "de", "malte": "fr"}

type countryName struct {
	code  string
	words []string // folded
	lang  string   // "" or the only document language it counts in
}

// countryIndex finds country names in text, indexed by first folded word.
type countryIndex map[string][]countryName

func newCountryIndex() countryIndex {
	idx := countryIndex{}
	for code, names := range countryNames {
		for _, n := range names {
			words := analysis.Tokens(n)
			idx[words[0]] = append(idx[words[0]], countryName{code: code, words: words,
				lang: countryOnlyIn[analysis.IndexText(n)]})
		}
	}
	return idx
}

// maxCountryText bounds how much text is searched for country names.
const maxCountryText = 64 << 10

// countries returns the source's country followed by the covered countries
// named in the title and then the text, in order of first mention, without
// repeats. A source country that is not a covered one is kept if it looks
// like an ISO code ("EL", the EU's code for Greece, becomes "GR").
func (idx countryIndex) countries(source, lang string, texts ...string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	source = strings.ToUpper(strings.TrimSpace(source))
	if source == "EL" {
		source = "GR"
	}
	if catalog.IsCountry(source) || (len(source) == 2 && isASCIIUpper(source)) {
		add(source)
	}
	for _, t := range texts {
		words := splitWords(cutBytes(t, maxCountryText))
		for i, w := range words {
			if !capital(w) {
				continue
			}
			for _, n := range idx[fold(w)] {
				if (n.lang == "" || n.lang == lang) && n.matchesAt(words, i) {
					add(n.code)
				}
			}
		}
	}
	return out
}

func (n countryName) matchesAt(words []string, i int) bool {
	if i+len(n.words) > len(words) {
		return false
	}
	for j, w := range n.words {
		if fold(words[i+j]) != w {
			return false
		}
	}
	return true
}

// splitWords splits text into words: runs of letters and digits.
func splitWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// fold folds a word as analysis.Fold does, without its cost for the
// plain ASCII words that most are.
func fold(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return analysis.Fold(w)
		}
	}
	return strings.ToLower(w)
}

// capital reports whether w starts with a capital letter.
func capital(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
