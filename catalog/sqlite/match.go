package sqlite

import (
	"strings"

	"github.com/ewsi/hub/catalog/search"
)

// matchExpr writes a resolved query as an FTS5 query. Every token is a
// quoted string (so nothing the user typed is FTS5 syntax), prefixes are
// marked with *, phrases joined with +. Negations, which FTS5 only has as
// the binary "a NOT b", follow the positive nodes of their group; the
// parser guarantees they have some, except at the top, which the caller
// handles (see positiveMatch).
func matchExpr(m search.Match) string {
	var b strings.Builder
	writeMatch(&b, m)
	return b.String()
}

func writeMatch(b *strings.Builder, m search.Match) {
	switch m := m.(type) {
	case search.Token:
		writeToken(b, m)
	case search.Sequence:
		for i, t := range m.Tokens {
			if i > 0 {
				b.WriteString(" + ")
			}
			writeToken(b, t)
		}
	case search.MatchAny:
		b.WriteByte('(')
		for i, c := range m.Nodes {
			if i > 0 {
				b.WriteString(" OR ")
			}
			writeMatch(b, c)
		}
		b.WriteByte(')')
	case search.MatchAll:
		b.WriteByte('(')
		n := 0
		for _, c := range m.Nodes {
			if _, neg := c.(search.MatchNone); neg {
				continue
			}
			if n > 0 {
				b.WriteString(" AND ")
			}
			writeMatch(b, c)
			n++
		}
		for _, c := range m.Nodes {
			if neg, ok := c.(search.MatchNone); ok {
				b.WriteString(" NOT ")
				writeMatch(b, neg.Node)
			}
		}
		b.WriteByte(')')
	}
}

func writeToken(b *strings.Builder, t search.Token) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(t.Text, `"`, `""`))
	b.WriteByte('"')
	if t.Prefix {
		b.WriteByte('*')
	}
}
