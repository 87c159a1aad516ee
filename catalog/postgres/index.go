package postgres

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// maxPosition is the largest position a tsvector keeps; PostgreSQL clamps
// larger ones to it.
const maxPosition = 16383

// tsVector writes a document's analysed words as a tsvector literal: title
// words weighted A, summary B, body C, numbered in order, each word's stem
// token at the same position as the word, so phrases see the words alone.
// Cast with ::tsvector, it is stored without PostgreSQL's parser, so the
// index holds exactly what catalog/analysis produced, as catalog/sqlite's.
func tsVector(a analysis.Indexed) string { return vector(a, true) }

// tsHead is the part of tsVector from the title and summary, which
// ranking reads (see rank).
func tsHead(a analysis.Indexed) string { return vector(a, false) }

func vector(a analysis.Indexed, body bool) string {
	var b strings.Builder
	pos := 0
	parts := []struct {
		f      analysis.Field
		weight string
	}{{a.Title, "A"}, {a.Summary, "B"}, {a.Body, "C"}}
	if !body {
		parts = parts[:2]
	}
	for _, part := range parts {
		for i, w := range part.f.Words {
			pos = min(pos+1, maxPosition)
			p := strconv.Itoa(pos) + part.weight
			lexeme(&b, w, p)
			if s := part.f.Stems[i]; s != "" {
				lexeme(&b, s, p)
			}
		}
	}
	return b.String()
}

func lexeme(b *strings.Builder, w, pos string) {
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	quote(b, w)
	b.WriteByte(':')
	b.WriteString(pos)
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

// terms returns the distinct words of a document's title and summary, the
// vocabulary of "did you mean".
func terms(a analysis.Indexed) []string {
	out := append(slices.Clone(a.Title.Words), a.Summary.Words...)
	slices.Sort(out)
	return slices.Compact(out)
}

// deadline is the date a document is sorted by under catalog.SortDeadline:
// its funding call's deadline; zero when it has none.
func deadline(d *catalog.Document) time.Time {
	if d.Funding == nil {
		return time.Time{}
	}
	return utc(d.Funding.Deadline)
}
