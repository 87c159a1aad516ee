package analysis

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
)

// Stemming uses the Snowball stemmers of github.com/blevesearch/snowballstem
// (v0.9.0, the ones Bleve's analysers run): 13 of the 24 official EU
// languages. github.com/kljensen/snowball was the other candidate: it has
// only English, French, Hungarian, Spanish and Swedish of them. The other
// eleven (bg cs el et hr lt lv mt pl sk sl) get folding and no stemming:
// no maintained Go stemmer covers them; Snowball's Greek, Estonian and
// Lithuanian are not in a Go release yet.
//
// Words are stemmed after folding, at index and query time alike: a user
// who types "integration" for French "intégration" gets the same stem as
// the document, which matters more than the few stems the French stemmer
// would tell apart with the accent.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"da": danish.Stem, "de": german.Stem, "en": english.Stem, "es": spanish.Stem,
	"fi": finnish.Stem, "fr": french.Stem, "ga": irish.Stem, "hu": hungarian.Stem,
	"it": italian.Stem, "nl": dutch.Stem, "pt": portuguese.Stem, "ro": romanian.Stem,
	"sv": swedish.Stem,
}

// StemLanguages lists the languages that have a stemmer, sorted.
var StemLanguages = []string{"da", "de", "en", "es", "fi", "fr", "ga", "hu", "it", "nl", "pt", "ro", "sv"}

// HasStemmer reports whether lang (ISO 639-1) has a stemmer.
func HasStemmer(lang string) bool { _, ok := stemmers[lang]; return ok }

// Stem returns the stem of the folded word w in lang, and false when lang
// has no stemmer.
func Stem(lang, w string) (string, bool) {
	stem, ok := stemmers[lang]
	if !ok {
		return "", false
	}
	env := snowballstem.NewEnv(w)
	stem(env)
	s := env.Current()
	if s == "" {
		s = w
	}
	return s, true
}

// stemMark starts every stem token. It is not a letter or a digit, so no
// surface word holds it, and it is not ASCII, so SQLite's ascii tokenizer
// keeps it inside the token.
const stemMark = "·"

// StemToken returns the token under which the index keeps the stem s of a
// word of lang: "·en·hous". Tagging stems with their language keeps the
// stem of one language from matching a word of another ("den" in Danish
// and German), and keeps prefix queries, which match surface words only,
// from reaching stems.
func StemToken(lang, s string) string { return stemMark + lang + stemMark + s }

// QueryStems returns the stem tokens a folded query word w matches in
// documents of the given languages, or of every stemmed language when
// langs is empty: a query without a language filter is stemmed in each
// candidate language, and each stem matches only documents of its own.
// Stop words have none (see IsStop).
func QueryStems(w string, langs []string) []string {
	if len(langs) == 0 {
		langs = StemLanguages
	}
	var out []string
	for _, l := range langs {
		if IsStop(l, w) {
			continue
		}
		if s, ok := Stem(l, w); ok {
			out = append(out, StemToken(l, s))
		}
	}
	return out
}
