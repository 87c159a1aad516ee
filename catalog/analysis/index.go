package analysis

import (
	"strings"

	"github.com/ewsi/hub/catalog"
)

// Bounds on the folded words indexed per document (bytes of surface words),
// so that one huge item cannot bloat the index; they also keep a tsvector
// well under PostgreSQL's 1 MB limit.
const (
	MaxIndexedSummary = 16 << 10
	MaxIndexedBody    = 128 << 10
)

// Field is the analysed text of one field of a document: its folded words
// in order, and for each the stem token it is also indexed under (see
// StemToken), or "" when its language has no stemmer or it is a stop word.
type Field struct {
	Words []string
	Stems []string
}

// Surface returns the folded words separated by spaces.
func (f Field) Surface() string { return strings.Join(f.Words, " ") }

// StemText returns the stem tokens separated by spaces, leaving out words
// without one.
func (f Field) StemText() string {
	var b strings.Builder
	for _, s := range f.Stems {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// Indexed is what the engines index of a document: its title, summary and
// body analysed in the document's language.
type Indexed struct {
	Title, Summary, Body Field
}

// Document analyses d for the index: every field is tokenised and folded
// (Tokens), and each word that is not a stop word is stemmed when
// d.Language has a stemmer. Summary and body are cut to MaxIndexedSummary
// and MaxIndexedBody bytes of words.
// A contributor's English summary (SummaryEN) follows the summary's
// words, analysed in English.
func Document(d *catalog.Document) Indexed {
	a, _ := DocumentWords(d)
	return a
}

// DocumentWords is Document, and the words of d's text (Tokens) for an
// engine that needs them for something else too (a hash, a signature):
// folding the body is most of the work.
func DocumentWords(d *catalog.Document) (Indexed, []string) {
	words := Tokens(d.Text)
	summary := Analyze(d.Language, d.Summary, MaxIndexedSummary)
	if d.SummaryEN != "" {
		en := Analyze("en", d.SummaryEN, MaxIndexedSummary)
		summary = Field{Words: append(summary.Words, en.Words...), Stems: append(summary.Stems, en.Stems...)}
	}
	return Indexed{
		Title:   Analyze(d.Language, d.Title, 0),
		Summary: summary,
		Body:    AnalyzeWords(d.Language, words, MaxIndexedBody),
	}, words
}

// Analyze tokenises and folds text and stems its words in lang, keeping
// words while their total length, separators included, stays within max
// bytes (no bound when max is 0).
func Analyze(lang, text string, max int) Field { return AnalyzeWords(lang, Tokens(text), max) }

// AnalyzeWords is Analyze of a text whose words (Tokens) are words: a
// caller that needs them for something else too splits the text once.
func AnalyzeWords(lang string, words []string, max int) Field {
	if max > 0 {
		n := -1
		for i, w := range words {
			n += len(w) + 1
			if n > max {
				words = words[:i]
				break
			}
		}
	}
	f := Field{Words: words, Stems: make([]string, len(words))}
	if t := stemTables[lang]; t != nil {
		t.tokens(words, f.Stems)
	}
	return f
}
