package lang

import (
	"strings"
	"unicode"
)

// Lingua has no Maltese model and files Maltese as Italian or Somali, so a
// small detector of its own runs first. Maltese is easy to tell apart from
// everything else the hub sees: the letters ċ, ġ, ħ and the digraph għ
// occur in no other language here (ż does, in Polish, so it is not
// counted), the article is hyphenated to its noun (il-kunsill, tal-Malti,
// għall-migranti), and a few prepositions are clipped with an apostrophe
// (ta', b'xejn, f'Malta). Italian writes l'/dell' but never il-/ta'.

// malteseArticles are the hyphenated article and preposition forms
// ("il-" in "il-kunsill").
var malteseArticles = toSet(
	"il-", "l-", "it-", "is-", "ix-", "id-", "in-", "ir-", "iż-", "iċ-", "iz-", "ic-", "ix-",
	"tal-", "tat-", "tas-", "tad-", "tan-", "tar-", "taż-", "taċ-", "tax-", "taz-", "tac-",
	"fil-", "fl-", "fit-", "fis-", "fid-", "fix-", "fir-", "fin-",
	"bil-", "bl-", "bit-", "bis-", "bid-", "bix-", "bir-",
	"mill-", "mit-", "mis-", "mid-", "mix-", "mir-", "min-",
	"lill-", "lit-", "lis-", "lid-", "lix-", "lir-",
	"għall-", "għat-", "għas-", "għad-", "għax-", "għar-", "ghall-", "ghat-", "ghas-",
	"sal-", "sat-", "sas-", "mal-", "mat-", "mas-", "bħall-", "bhall-",
)

// maltesePrefixes are clipped prepositions written with an apostrophe.
var maltesePrefixes = []string{"b'", "f'", "x'", "b’", "f’", "x’"}

// malteseClipped are whole words ending in an apostrophe.
var malteseClipped = toSet("ta'", "ma'", "sa'", "ta’", "ma’", "sa’", "jista'", "jista’")

// malteseWords are frequent function words; each is weak evidence alone
// ("dan" is Dutch too, "li" Italian), so they only add to strong evidence.
var malteseWords = toSet(
	"u", "li", "huwa", "hija", "huma", "għal", "ghal", "minn", "dan", "din", "dawn",
	"mhux", "jew", "kif", "fuq", "ukoll", "wkoll", "iżda", "izda", "biex", "sabiex",
	"bħala", "bhala", "dwar", "lil", "bejn", "aktar", "permezz", "skont", "qed",
	"kien", "kienet", "kienu", "hemm", "jkun", "tkun", "għandu", "ghandu",
	"għandha", "għandhom", "tagħhom", "taghhom", "tagħna", "tiegħu", "tagħha",
	"wara", "qabel", "anki", "għax", "ghax", "ħafna", "hafna", "kull", "fejn",
)

func toSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// malteseEvidence counts the words of text and how many of them are
// strong (letters, articles, clipped forms) or weak (function words)
// evidence of Maltese.
func malteseEvidence(text string) (words, strong, weak int) {
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’'
	}) {
		tok = strings.Trim(strings.ToLower(tok), "-")
		if !strings.ContainsFunc(tok, unicode.IsLetter) {
			continue
		}
		words++
		switch {
		case strings.ContainsAny(tok, "ċġħ") || strings.Contains(tok, "għ"):
			strong++
		case malteseClipped[tok]:
			strong++
		case hasMalteseArticle(tok):
			strong++
		case hasMaltesePrefix(tok):
			strong++
		case malteseWords[tok]:
			weak++
		}
	}
	return words, strong, weak
}

func hasMalteseArticle(tok string) bool {
	i := strings.IndexByte(tok, '-')
	return i > 0 && i+1 < len(tok) && malteseArticles[tok[:i+1]]
}

func hasMaltesePrefix(tok string) bool {
	for _, p := range maltesePrefixes {
		if len(tok) > len(p) && strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}

// maltese reports whether text reads as Maltese, and whether the evidence
// is strong enough to be confident. A fifth of the words must be Maltese
// markers, two of them strong, so an English text quoting "Ħamrun" or
// "Il-Belt Valletta" stays English.
func maltese(text string) (isMaltese, confident bool) {
	words, strong, weak := malteseEvidence(text)
	if strong < 2 || (strong+weak)*5 < words {
		return false, false
	}
	return true, strong >= 3
}
