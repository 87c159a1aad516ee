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
// ""). A word that names no concept has no equivalents.
func (Expander) Expand(word, lang string) []catalog.Equivalent {
	var out []catalog.Equivalent
	for _, l := range equivalentLabels(word, lang) {
		out = append(out, catalog.Equivalent{Language: l.lang, Text: l.text})
	}
	return out
}
