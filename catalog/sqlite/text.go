package sqlite

import (
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// The text the search index holds and the words a query looks for. Both are
// computed in Go with catalog/analysis, exactly as catalog/postgres does, so
// that both stores find the same documents.

// Bounds on the folded words indexed per document (bytes), so that one
// huge item cannot bloat the index; catalog/postgres uses the same bounds,
// which also keep its tsvector under PostgreSQL's 1 MB limit.
const (
	maxIndexedSummary = 16 << 10
	maxIndexedBody    = 128 << 10
)

// maxTerms bounds the words of one query.
const maxTerms = 32

// indexed returns the folded words of a document's title, summary and body,
// each a space-separated list.
func indexed(d *catalog.Document) (title, summary, body string) {
	return analysis.IndexText(d.Title),
		cut(analysis.IndexText(d.Summary), maxIndexedSummary),
		cut(analysis.IndexText(d.Text), maxIndexedBody)
}

// cut shortens the word list s to at most n bytes, between two words.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n+1]
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return ""
}

// term is one folded word of a query; prefix when the user ended it with *.
type term struct {
	word   string
	prefix bool
}

// queryTerms splits a query into folded words, all of which must match. A
// word followed by * matches as a prefix; everything else that is not a
// letter or digit separates words and has no meaning.
func queryTerms(text string) []term {
	var out []term
	seen := map[term]bool{}
	for _, field := range strings.Fields(text) {
		words := analysis.Tokens(field)
		prefix := strings.HasSuffix(field, "*")
		for i, w := range words {
			t := term{word: w, prefix: prefix && i == len(words)-1}
			if seen[t] {
				continue
			}
			seen[t] = true
			out = append(out, t)
			if len(out) == maxTerms {
				return out
			}
		}
	}
	return out
}

// matchExpr writes terms as an FTS5 query: each word a quoted string (so
// nothing the user typed is FTS5 syntax), prefixes marked with *, joined by
// the implicit AND.
func matchExpr(terms []term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t.word, `"`, `""`))
		b.WriteByte('"')
		if t.prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}
