package concepts

import (
	"strings"
	"unicode/utf8"
)

// Inflection tolerance. Every word of a label of at least minStem letters
// is reduced to a stem by removing the longest inflectional ending of its
// language listed below (keeping at least minStem letters); a word of the
// text then matches when it starts with that stem and has at most
// maxExtra[lang] letters more. So "naturalisation" matches
// "naturalisations", "Integrationskurs" (label "Integrationskurs*" aside)
// matches "Integrationskurses", "rifugiato" matches "rifugiati",
// "εκπαίδευση" matches "εκπαίδευσης". Shorter label words must match
// exactly; a label word ending in "*" matches any word starting with it.
//
// The endings are folded (no diacritics), like the text they are matched
// against. They are deliberately few: the rule is prefix matching, not a
// stemmer, and a word the rule misses is added as a synonym.
var endings = map[string][]string{
	"en": {"ies", "es", "s", "ed", "ing", "e", "y"},
	"fr": {"es", "s", "e", "x", "aux", "al", "ale", "ales"},
	"de": {"en", "n", "e", "es", "s", "er", "ern", "em"},
	"it": {"i", "e", "a", "o", "he", "hi"},
	"es": {"es", "s", "a", "o", "as", "os"},
	"pt": {"es", "s", "a", "o", "as", "os", "oes", "ao"},
	"pl": {"a", "y", "i", "e", "u", "ow", "om", "ami", "ach", "ie", "ej", "ego", "ych"},
	"nl": {"en", "s", "e", "n"},
	"el": {"ος", "ου", "οι", "ων", "α", "ας", "ες", "η", "ης", "ε", "ο", "ι", "εις"},
	"mt": {"i", "a", "ijiet", "jiet"},
}

// maxExtra is how many letters a text word may have beyond a stem.
var maxExtra = map[string]int{"en": 3, "fr": 3, "de": 4, "it": 3, "es": 3, "pt": 3,
	"pl": 4, "nl": 3, "el": 4, "mt": 5}

const (
	minStem          = 4 // letters a stem keeps; shorter words match exactly
	defaultMaxExtra  = 3
	maxLettersInWord = 64
)

// wordPattern is one word of a compiled label.
type wordPattern struct {
	text  string // the folded word, or its stem when stemmed
	mode  matchMode
	extra int // letters allowed beyond text when mode is stemmed
}

type matchMode uint8

const (
	exact   matchMode = iota // the word itself
	stemmed                  // text plus at most extra letters
	open                     // text plus anything ("*")
)

// compileWord turns one folded label word of language lang into a pattern.
func compileWord(w, lang string, star bool) wordPattern {
	if star {
		return wordPattern{text: w, mode: open}
	}
	n := utf8.RuneCountInString(w)
	if n < minStem+1 {
		return wordPattern{text: w, mode: exact}
	}
	stem := w
	best := 0
	for _, e := range endings[lang] {
		if len(e) > best && strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= minStem {
			best = len(e)
			stem = w[:len(w)-len(e)]
		}
	}
	extra, ok := maxExtra[lang]
	if !ok {
		extra = defaultMaxExtra
	}
	return wordPattern{text: stem, mode: stemmed, extra: extra}
}

// matches reports whether the folded text word t matches p.
func (p wordPattern) matches(t string) bool {
	switch p.mode {
	case exact:
		return t == p.text
	case open:
		return strings.HasPrefix(t, p.text)
	}
	if !strings.HasPrefix(t, p.text) {
		return false
	}
	return utf8.RuneCountInString(t[len(p.text):]) <= p.extra
}

// key is the index key of a word: its first keyLetters letters, or the
// whole word when shorter. A pattern is indexed under the key of its text,
// which every word it matches shares.
const keyLetters = 4

func key(w string) string {
	n := 0
	for i := range w {
		if n == keyLetters {
			return w[:i]
		}
		n++
	}
	return w
}
