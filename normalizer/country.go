package normalizer

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/catalog/concepts"
)

// Country evidence: the source's country counts sourceCountryPoints (an
// "EU" source less when the document names countries); each
// name in the title twice, in the text once; adjectives and cities half
// (concepts.FindCountries). A country is assigned at
// catalog.ConfidenceAssigned, which one name mention or the source's
// country alone reaches, and two adjectives or cities.
const (
	sourceCountryPoints = 1.5
	// euSourceWithCountryPoints is what a source country "EU" is worth
	// when the document names other countries.
	euSourceWithCountryPoints = 0.3
	titleCountryFactor        = 2.0
	maxCountryText            = 64 << 10
)

// countryLabels returns the country labels of a document: the source's
// country first, then the others by order of first mention, title first.
// A source country that is not a covered one is kept if it looks like an
// ISO code ("EL", the EU's code for Greece, becomes "GR").
func countryLabels(source, lang, title, text string) []catalog.Label {
	type cand struct {
		code, from string
		points     float64
		order      int
	}
	byCode := map[string]*cand{}
	n := 0
	add := func(code string, points float64, from string) {
		c := byCode[code]
		if c == nil {
			c = &cand{code: code, from: from, order: n}
			n++
			byCode[code] = c
		}
		c.points += points
	}
	source = strings.ToUpper(strings.TrimSpace(source))
	if source == "EL" {
		source = "GR"
	}
	if catalog.IsCountry(source) || (len(source) == 2 && isASCIIUpper(source)) {
		add(source, sourceCountryPoints, "source")
	}
	for _, h := range concepts.FindCountries(title, lang) {
		add(h.Code, h.Weight*titleCountryFactor, "title")
	}
	for _, h := range concepts.FindCountries(cutBytes(text, maxCountryText), lang) {
		add(h.Code, h.Weight, "text")
	}
	// A source covering the whole EU publishes about single countries
	// too: its default then only helps a document that names the EU.
	if c := byCode["EU"]; c != nil && c.from == "source" && len(byCode) > 1 {
		c.points -= sourceCountryPoints - euSourceWithCountryPoints
	}
	cs := make([]*cand, 0, len(byCode))
	for _, c := range byCode {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].order < cs[j].order })
	var out []catalog.Label
	for _, c := range cs {
		conf := confidence(c.points, countryScale)
		if conf < catalog.ConfidenceAssigned {
			continue
		}
		out = append(out, catalog.Label{Kind: catalog.LabelCountry, Slug: c.code, Confidence: conf, From: c.from})
	}
	return out
}

func isASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
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
