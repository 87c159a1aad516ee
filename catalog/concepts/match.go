package concepts

import (
	"sort"
	"strings"

	"github.com/ewsi/hub/catalog/analysis"
)

// Hit is one concept found in a text.
type Hit struct {
	ConceptID string
	// Weight is the sum over the concept's occurrences of the concept's
	// Weight, times OtherLanguageWeight for labels not in the text's
	// language, times 1.5 for a phrase of several words (a phrase says
	// more than a word).
	Weight float64
	// Positions are the indexes, in analysis.Tokens(text), of the first
	// word of each occurrence.
	Positions []int
}

// OtherLanguageWeight scales hits of English labels in a text of another
// language: English terms ("workshop", "policy brief") are borrowed
// everywhere, but less reliably than the text's own words.
const OtherLanguageWeight = 0.5

// MaxMatchWords bounds the words of one text that Match reads.
const MaxMatchWords = 20000

// label is one compiled label.
type label struct {
	concept *Concept
	lang    string
	words   []wordPattern
}

// index finds labels by the key of their first word.
type index struct {
	byKey map[string][]*label
}

var idx = buildIndex()

func buildIndex() *index {
	x := &index{byKey: map[string][]*label{}}
	for _, c := range all {
		langs := make([]string, 0, len(c.Labels))
		for l := range c.Labels {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, lang := range langs {
			for _, s := range c.Labels[lang] {
				if l := compileLabel(c, lang, s); l != nil {
					k := key(l.words[0].text)
					x.byKey[k] = append(x.byKey[k], l)
				}
			}
		}
	}
	return x
}

func compileLabel(c *Concept, lang, s string) *label {
	star := strings.HasSuffix(s, "*")
	words := analysis.Tokens(strings.TrimSuffix(s, "*"))
	if len(words) == 0 {
		return nil
	}
	l := &label{concept: c, lang: lang}
	for i, w := range words {
		l.words = append(l.words, compileWord(w, lang, star && i == len(words)-1))
	}
	return l
}

// at reports whether l matches the words starting at i.
func (l *label) at(words []string, i int) bool {
	if i+len(l.words) > len(words) {
		return false
	}
	for j, p := range l.words {
		if !p.matches(words[i+j]) {
			return false
		}
	}
	return true
}

// Match finds the concepts named in text, written in language lang
// (ISO 639-1). With lang set, labels in lang count fully, English labels
// count OtherLanguageWeight, and labels in other languages are ignored,
// so that a false friend ("stage", "Kind") in another language does not
// fire; with lang "" every label counts fully. At each position the
// longest matching label wins, and its words are not matched again, so
// "labour market integration" counts once, not also as "labour market".
// Hits are sorted by weight, heaviest first, then by ID. Only the first
// MaxMatchWords words are read.
func Match(text, lang string) []Hit {
	words := analysis.Tokens(text)
	if len(words) > MaxMatchWords {
		words = words[:MaxMatchWords]
	}
	return MatchTokens(words, lang)
}

// MatchTokens is Match on words already split and folded by
// analysis.Tokens, for callers that match the same text several times.
func MatchTokens(words []string, lang string) []Hit {
	byID := map[string]*Hit{}
	var order []string
	for i := 0; i < len(words); {
		var best *label
		for _, l := range idx.byKey[key(words[i])] {
			if lang != "" && l.lang != lang && l.lang != "en" {
				continue
			}
			if (best == nil || len(l.words) > len(best.words)) && l.at(words, i) {
				best = l
			}
		}
		// A word shorter than the key length may still start a label whose
		// first word is exactly it: covered, since its key is itself.
		if best == nil {
			i++
			continue
		}
		w := best.concept.Weight
		if lang != "" && best.lang != lang {
			w *= OtherLanguageWeight
		}
		if len(best.words) > 1 {
			w *= 1.5
		}
		h := byID[best.concept.ID]
		if h == nil {
			h = &Hit{ConceptID: best.concept.ID}
			byID[best.concept.ID] = h
			order = append(order, best.concept.ID)
		}
		h.Weight += w
		h.Positions = append(h.Positions, i)
		i += len(best.words)
	}
	out := make([]Hit, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].ConceptID < out[j].ConceptID
	})
	return out
}

// Equivalents returns the labels, in languages other than lang, of the
// concepts that term names in lang: "insertion professionnelle" in "fr"
// gives "labour market integration", "berufliche Integration",
// "inserimento lavorativo"… The term must match a whole label (with the
// inflection tolerance of Match); labels are returned as written, the
// preferred label of each language first, without repeats, languages in
// alphabetical order. A term that names no concept gives nil. With lang
// "" the term may be a label in any language, and labels in every other
// language are returned.
func Equivalents(term, lang string) []string {
	var out []string
	for _, l := range equivalentLabels(term, lang) {
		out = append(out, l.text)
	}
	return out
}

// langLabel is one label of a concept with its language; prefix when the
// label ends in "*" (which text leaves out).
type langLabel struct {
	lang, text string
	prefix     bool
}

// equivalentLabels is Equivalents with each label's language.
func equivalentLabels(term, lang string) []langLabel {
	words := analysis.Tokens(term)
	if len(words) == 0 {
		return nil
	}
	var found []*label
	for _, l := range idx.byKey[key(words[0])] {
		if (lang == "" || l.lang == lang) && len(l.words) == len(words) && l.at(words, 0) {
			found = append(found, l)
		}
	}
	var out []langLabel
	seen := map[string]bool{}
	for _, f := range found {
		langs := make([]string, 0, len(f.concept.Labels))
		for l := range f.concept.Labels {
			if l != f.lang {
				langs = append(langs, l)
			}
		}
		sort.Strings(langs)
		for _, l := range langs {
			for _, s := range f.concept.Labels[l] {
				text, prefix := strings.CutSuffix(s, "*")
				if !seen[text] {
					seen[text] = true
					out = append(out, langLabel{l, text, prefix})
				}
			}
		}
	}
	return out
}
