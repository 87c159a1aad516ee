package postgres

import (
	"strings"

	"github.com/ewsi/hub/catalog/search"
)

// tsQuery writes a resolved query as a tsquery literal: each token a quoted
// lexeme (so nothing the user typed is tsquery syntax), prefixes marked
// :*, phrases joined by <->, groups by & and |, negations by !. Cast with
// ::tsquery, it is matched without PostgreSQL's parser.
func tsQuery(m search.Match) string { return tsQueryIn(m, "") }

// tsQueryIn is tsQuery with every lexeme restricted to the weights w of
// the vector ("A" title, "B" summary in search_head; "" any).
func tsQueryIn(m search.Match, w string) string {
	var b strings.Builder
	writeQuery(&b, m, w)
	return b.String()
}

func writeQuery(b *strings.Builder, m search.Match, w string) {
	group := func(op string, nodes []search.Match) {
		b.WriteByte('(')
		for i, c := range nodes {
			if i > 0 {
				b.WriteString(op)
			}
			writeQuery(b, c, w)
		}
		b.WriteByte(')')
	}
	switch m := m.(type) {
	case search.Token:
		quote(b, m.Text)
		switch {
		case m.Prefix:
			b.WriteString(":*" + w)
		case w != "":
			b.WriteString(":" + w)
		}
	case search.Sequence:
		nodes := make([]search.Match, len(m.Tokens))
		for i, t := range m.Tokens {
			nodes[i] = t
		}
		group(" <-> ", nodes)
	case search.MatchAny:
		group(" | ", m.Nodes)
	case search.MatchAll:
		group(" & ", m.Nodes)
	case search.MatchNone:
		b.WriteString("!")
		writeQuery(b, m.Node, w)
	}
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
