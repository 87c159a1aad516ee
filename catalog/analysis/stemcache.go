package analysis

import (
	"strings"
	"sync"
)

// stemTable holds the stem tokens of the words of one language stemmed
// before, for every document: a catalog's words repeat from one document
// to the next, and stemming them again was the largest cost of analysing
// a document. A table per language keeps each small and its keys plain
// words; a document's words are looked up under one read lock, and the
// words it misses added under one write lock: a lock per word, shared by
// the analysis running on every core, cost more than the look-ups. Full,
// a table starts again empty.
type stemTable struct {
	lang string
	mu   sync.RWMutex
	m    map[string]string // folded word → stem token, "" for a stop word
}

// maxCachedStems bounds each language's table, to about 1.5 MB: room for
// the 8,000 words of each language of the synthetic catalog, and for the
// common words of a real one.
const maxCachedStems = 1 << 14

// stemTables has a table for each language with a stemmer; it is never
// changed, only the tables are.
var stemTables = func() map[string]*stemTable {
	m := make(map[string]*stemTable, len(stemmers))
	for lang := range stemmers {
		m[lang] = &stemTable{lang: lang, m: map[string]string{}}
	}
	return m
}()

// StemTokenOf returns the stem token (StemToken) of the folded word w of a
// text in lang, or "" when lang has no stemmer or w is one of its stop
// words.
func StemTokenOf(lang, w string) string {
	t := stemTables[lang]
	if t == nil {
		return ""
	}
	t.mu.RLock()
	tok, ok := t.m[w]
	t.mu.RUnlock()
	if !ok {
		tok = t.stem(w)
		t.add(map[string]string{w: tok})
	}
	return tok
}

// tokens sets stems[i] to StemTokenOf(t.lang, words[i]) for every i.
func (t *stemTable) tokens(words, stems []string) {
	var missed []int
	t.mu.RLock()
	for i, w := range words {
		if tok, ok := t.m[w]; ok {
			stems[i] = tok
		} else {
			missed = append(missed, i)
		}
	}
	t.mu.RUnlock()
	if len(missed) == 0 {
		return
	}
	// A word the text repeats is stemmed once.
	fresh := make(map[string]string, len(missed))
	for _, i := range missed {
		tok, ok := fresh[words[i]]
		if !ok {
			tok = t.stem(words[i])
			fresh[words[i]] = tok
		}
		stems[i] = tok
	}
	t.add(fresh)
}

// stem returns the stem token of w, or "" for a stop word.
func (t *stemTable) stem(w string) string {
	if IsStop(t.lang, w) {
		return ""
	}
	s, _ := Stem(t.lang, w)
	return StemToken(t.lang, s)
}

// add keeps the stem tokens of fresh words, starting the table again when
// it would pass maxCachedStems.
func (t *stemTable) add(fresh map[string]string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.m)+len(fresh) > maxCachedStems {
		t.m = make(map[string]string, min(len(fresh), maxCachedStems))
	}
	for w, tok := range fresh {
		if len(t.m) == maxCachedStems {
			return
		}
		// w may be a slice of a whole document's text, which the table
		// must not keep alive.
		t.m[strings.Clone(w)] = tok
	}
}
