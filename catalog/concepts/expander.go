package concepts

import (
	"github.com/ewsi/hub/catalog"
)

// Expander gives search the vocabulary's equivalents of a query word, so
// that a query in one language also finds documents in the others. The
// zero value is ready to use and safe for concurrent use.
type Expander struct{}

var _ catalog.Expander = Expander{}

// Expand returns the labels, in every other language, of the concepts
// whose label is exactly word (in lang, or in any language when lang is
// ""), with the inflection tolerance of Match. word may be several words
// separated by spaces: "integration professionnelle" names the concept of
// labour market integration and gives "berufliche Integration", "labour
// market integration"…, though neither word alone does. Labels written
// with a final "*" come back as prefixes. Words that name no concept have
// no equivalents.
func (Expander) Expand(word, lang string) []catalog.Equivalent {
	var out []catalog.Equivalent
	for _, l := range equivalentLabels(word, lang) {
		out = append(out, catalog.Equivalent{Language: l.lang, Text: l.text, Prefix: l.prefix})
	}
	return out
}
