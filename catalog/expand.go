package catalog

// Expander is the hook of cross-language search: given a folded query word
// (lower case, no diacritics, as catalog/analysis makes it), or several
// consecutive query words separated by single spaces ("integration
// professionnelle"), and the query's language (ISO 639-1, "" when the
// query does not say), it returns words or phrases meaning the same in
// other languages, from the hub's multilingual vocabulary. Several words
// have equivalents only when together they name one entry of the
// vocabulary. It must be safe for concurrent use, fast (it is called for
// every word and every run of words of a query) and never fail: words it
// does not know have no equivalents.
type Expander interface {
	Expand(word, lang string) []Equivalent
}

// Equivalent is a word or phrase in a language, as written (the search
// folds and stems it in that language).
type Equivalent struct {
	Language string
	Text     string
	// Prefix makes the last word of Text match any word starting with it,
	// for compounds ("Arbeitsmarkt" matching "Arbeitsmarktintegration").
	Prefix bool
}
