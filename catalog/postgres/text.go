package postgres

import (
	"strconv"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// The text the search index holds and the words a query looks for. Both are
// computed in Go with catalog/analysis, exactly as catalog/sqlite does, so
// that both stores find the same documents.

// Bounds on the folded words indexed per document (bytes), so that one
// huge item cannot bloat the index; they also keep a tsvector well under
// PostgreSQL's 1 MB limit. catalog/sqlite uses the same bounds.
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

// maxPosition is the largest position a tsvector keeps; PostgreSQL clamps
// larger ones to it.
const maxPosition = 16383

// tsVector writes the folded words of a document as a tsvector literal:
// title words weighted A, summary B, body C, numbered in order. Cast with
// ::tsvector, it is stored without PostgreSQL's parser, so the index holds
// exactly the words analysis produced.
func tsVector(title, summary, body string) string {
	var b strings.Builder
	pos := 0
	for _, part := range []struct {
		words  string
		weight string
	}{{title, "A"}, {summary, "B"}, {body, "C"}} {
		for _, w := range strings.Fields(part.words) {
			pos = min(pos+1, maxPosition)
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			quote(&b, w)
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(pos))
			b.WriteString(part.weight)
		}
	}
	return b.String()
}

// tsQuery writes terms as a tsquery literal: each word a quoted lexeme (so
// nothing the user typed is tsquery syntax), prefixes marked :*, joined
// by &. Cast with ::tsquery, it is matched without PostgreSQL's parser.
func tsQuery(terms []term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" & ")
		}
		quote(&b, t.word)
		if t.prefix {
			b.WriteString(":*")
		}
	}
	return b.String()
}

// quote writes a lexeme in single quotes, escaping quotes and backslashes
// (folded words hold neither, but nothing here relies on it).
func quote(b *strings.Builder, w string) {
	b.WriteByte('\'')
	for _, r := range w {
		if r == '\'' || r == '\\' {
			b.WriteRune(r)
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
}
