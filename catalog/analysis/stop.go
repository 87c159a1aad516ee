package analysis

import "strings"

// stopWords are the most frequent function words (articles, prepositions,
// conjunctions, pronouns, forms of "to be") of each language that has a
// stemmer, folded. They are short lists on purpose: a stop word is
// indexed as a surface word, so phrases still find it, but gets no stem
// token, and a query word that is a stop word in every language it is
// looked up in stops being required (see IsStop and catalog/search).
var stopWords = func() map[string]map[string]bool {
	lists := map[string]string{
		"da": "og i at det en den til er som pa de med han af for ikke der var mig sig men et har om vi",
		"de": "der die das und in zu den von mit sich des auf fur ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem uber einen so zum",
		"en": "a an and are as at be by for from has have he in is it its of on or that the this to was were will with which",
		"es": "de la que el en y a los del se las por un para con no una su al lo como mas pero sus le ya o este es",
		"fi": "ja on ei etta se han oli ovat mutta kun niin myos tai joka sen",
		"fr": "le la les de des du un une et en a au aux pour par sur dans est que qui ne pas ce cette ces se son sa ses avec il elle",
		"ga": "an na agus ar a i le ag do is o go ata",
		"hu": "a az es egy hogy nem is meg de van ez azt",
		"it": "il lo la i gli le di da in con su per tra fra e un una uno del della dei delle che non al alla",
		"nl": "de het een en van in is op te dat die voor met zijn er aan niet als bij ook",
		"pt": "o a os as de do da dos das em no na um uma e para com por que nao se ao",
		"ro": "si in de la cu pe un o ca care este nu din sau al ale",
		"sv": "och i att det som en pa ar av for med till den har de inte om ett var",
	}
	out := make(map[string]map[string]bool, len(lists))
	for lang, words := range lists {
		set := map[string]bool{}
		for _, w := range strings.Fields(words) {
			set[w] = true
		}
		out[lang] = set
	}
	return out
}()

// IsStop reports whether the folded word w is a stop word of lang.
func IsStop(lang, w string) bool { return stopWords[lang][w] }

// IsStopIn reports whether w is a stop word of every one of langs, or,
// when langs is empty, of any stemmed language: then a query without a
// language filter does not require "the" of documents in other languages.
func IsStopIn(w string, langs []string) bool {
	if len(langs) == 0 {
		for _, l := range StemLanguages {
			if IsStop(l, w) {
				return true
			}
		}
		return false
	}
	for _, l := range langs {
		if !IsStop(l, w) {
			return false
		}
	}
	return true
}
