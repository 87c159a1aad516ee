package catalog

// Expander is the hook of cross-language search: given a folded query word
// (lower case, no diacritics, as catalog/analysis makes it) and its
// language (ISO 639-1, "" when the query does not say), it returns words
// or phrases meaning the same in other languages, from the hub's
// multilingual vocabulary. It must be safe for concurrent use, fast (it is
// called for every word of every query) and never fail: a word it does not
// know has no equivalents.
type Expander interface {
	Expand(word, lang string) []Equivalent
}

// Equivalent is a word or phrase in a language, as written (the search
// folds and stems it in that language).
type Equivalent struct {
	Language string
	Text     string
}
