package concepts

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog/analysis"
)

// CountryHit is one covered country (catalog.Countries) found in a text.
type CountryHit struct {
	Code string
	// Weight adds up the evidence: 1 for each mention of a name
	// ("Deutschland", "Grèce"), CountryWeakWeight for each adjective or
	// demonym ("française", "ελληνικής") and each capital or large city
	// ("Lyon", "Θεσσαλονίκη"), which often but not always mean the country.
	Weight float64
	// First is the index, among the text's words, of the first mention.
	First int
}

// CountryWeakWeight is the weight of an adjective, demonym or city.
const CountryWeakWeight = 0.5

// countryForm is one compiled name, adjective or city.
type countryForm struct {
	code    string
	words   []string // folded
	open    bool     // last word matches as a prefix
	capital bool     // must start with a capital letter in the text
	weight  float64
	lang    string // "" or the only language of text it counts in
}

var countryIdx = buildCountryIndex()

func buildCountryIndex() map[string][]countryForm {
	x := map[string][]countryForm{}
	add := func(code, list string, capital bool, weight float64) {
		for _, f := range strings.Split(list, "|") {
			open := strings.HasSuffix(f, "*")
			words := analysis.Tokens(strings.TrimSuffix(f, "*"))
			if len(words) == 0 {
				continue
			}
			cf := countryForm{code: code, words: words, open: open, capital: capital, weight: weight,
				lang: countryOnlyIn[strings.Join(words, " ")]}
			k := words[0]
			if open && len(words) == 1 {
				k = key(k)
			}
			x[k] = append(x[k], cf)
		}
	}
	for _, c := range countryData {
		add(c.code, c.names, true, 1)
		add(c.code, c.adjectives, false, CountryWeakWeight)
		add(c.code, c.cities, true, CountryWeakWeight)
	}
	return x
}

// MaxCountryWords bounds the words of one text FindCountries reads.
const MaxCountryWords = 20000

// FindCountries finds the covered countries that text, written in lang
// (ISO 639-1, may be ""), names, sorted by first mention. Names and
// cities count only where they start with a capital letter, as they do in
// every covered language, so "turkey" or "nice" in running text is none;
// a few forms that are common words elsewhere count only in one language
// ("Island" is Iceland in German only, "Malte" Malta in French only).
func FindCountries(text, lang string) []CountryHit {
	raw := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(raw) > MaxCountryWords {
		raw = raw[:MaxCountryWords]
	}
	folded := make([]string, len(raw))
	for i, w := range raw {
		folded[i] = foldWord(w)
	}
	byCode := map[string]*CountryHit{}
	for i := 0; i < len(folded); i++ {
		w := folded[i]
		cands := countryIdx[w]
		if len(w) > 0 {
			cands = append(cands[:len(cands):len(cands)], countryIdx[key(w)]...)
		}
		var best *countryForm
		for j := range cands {
			f := &cands[j]
			if f.lang != "" && f.lang != lang {
				continue
			}
			if f.capital && !startsUpper(raw[i]) {
				continue
			}
			if f.matches(folded, i) && (best == nil || len(f.words) > len(best.words)) {
				best = f
			}
		}
		if best == nil {
			continue
		}
		h := byCode[best.code]
		if h == nil {
			h = &CountryHit{Code: best.code, First: i}
			byCode[best.code] = h
		}
		h.Weight += best.weight
		i += len(best.words) - 1
	}
	out := make([]CountryHit, 0, len(byCode))
	for _, h := range byCode {
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].First < out[j].First })
	return out
}

func (f *countryForm) matches(words []string, i int) bool {
	if i+len(f.words) > len(words) {
		return false
	}
	last := len(f.words) - 1
	for j, w := range f.words {
		if j == last && f.open {
			if !strings.HasPrefix(words[i+j], w) {
				return false
			}
		} else if words[i+j] != w {
			return false
		}
	}
	return true
}

// foldWord folds a word as analysis.Fold does, cheaply for ASCII.
func foldWord(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return analysis.Fold(w)
		}
	}
	return strings.ToLower(w)
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
