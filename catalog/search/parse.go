package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// Limits bound what one query may ask for, so that no query, however
// hostile, makes a search unbounded. The stores also bound each search by
// time (see their SearchTimeout).
type Limits struct {
	MaxBytes int // of the text
	MaxDepth int // nesting of parentheses and NOT
	MaxTerms int // words, phrase words included
}

// DefaultLimits are the limits the stores apply.
var DefaultLimits = Limits{MaxBytes: 2000, MaxDepth: 8, MaxTerms: 32}

// Parse reads a query text:
//
//	integration migrants      both words (AND is the default; AND may be written)
//	"labour market"           a phrase: the words in this order
//	integr*                   a prefix
//	housing OR homes          either
//	NOT housing, -housing     documents without the word
//	(a OR b) c                grouping
//	theme:housing type:report country:DE lang:fr source:12
//	published:2025-01-01..2026-06-30   (also 2025, 2025-03, open ends: 2025.. or ..2026)
//
// Words are folded and split as catalog/analysis does; a word of several
// parts ("e-learning") is a phrase of them. Typing slips are forgiven:
// an unclosed quote or parenthesis closes at the end, a stray ")" and an
// operator with nothing to apply to are ignored, "title:x" with an unknown
// field is the words "title x", and a text without words matches every
// document. Everything else that cannot be honoured yields an error
// wrapping catalog.ErrInvalid saying why: a text over the limits, a field
// filter inside parentheses, OR or NOT (filters apply to the whole query),
// a malformed filter value, or a negation with nothing positive beside it
// inside a group ("a OR -b"). At the top, a query of negations alone
// ("-housing") matches every document without the words.
func Parse(text string, lim Limits) (*Parsed, error) {
	if len(text) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: query: longer than %d bytes", catalog.ErrInvalid, lim.MaxBytes)
	}
	p := &parser{toks: lex(strings.ToValidUTF8(text, " ")), lim: lim}
	root, err := p.or(0, true)
	if err != nil {
		return nil, err
	}
	if p.branches > 1 && !p.out.Filters.Empty() {
		return nil, fmt.Errorf("%w: query: field filters apply to the whole query and cannot be one side of OR", catalog.ErrInvalid)
	}
	if err := checkNegation(root, true); err != nil {
		return nil, err
	}
	p.out.Root = root
	return &p.out, nil
}

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokOpen
	tokClose
	tokOr
	tokAnd
	tokNot // NOT or a leading -
)

type tok struct {
	kind tokKind
	text string
}

// lex splits a query into tokens.
func lex(s string) []tok {
	var out []tok
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r == '(':
			out = append(out, tok{kind: tokOpen})
			i += n
		case r == ')':
			out = append(out, tok{kind: tokClose})
			i += n
		case r == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				out = append(out, tok{kind: tokPhrase, text: s[i+1:]})
				i = len(s)
			} else {
				out = append(out, tok{kind: tokPhrase, text: s[i+1 : i+1+end]})
				i += end + 2
			}
		case r == '-' && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) && s[i+1] != '-':
			out = append(out, tok{kind: tokNot})
			i += n
		default:
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' {
					break
				}
				j += n
			}
			w := s[i:j]
			switch w {
			case "OR", "|", "||":
				out = append(out, tok{kind: tokOr})
			case "AND", "&", "&&", "+":
				out = append(out, tok{kind: tokAnd})
			case "NOT":
				out = append(out, tok{kind: tokNot})
			default:
				out = append(out, tok{kind: tokWord, text: w})
			}
			i = j
		}
	}
	return out
}

type parser struct {
	toks     []tok
	pos      int
	lim      Limits
	terms    int
	branches int // of the top-level OR
	out      Parsed
}

func (p *parser) peek() (tok, bool) {
	if p.pos >= len(p.toks) {
		return tok{}, false
	}
	return p.toks[p.pos], true
}

// or parses and-groups separated by OR; top when not nested.
func (p *parser) or(depth int, top bool) (Node, error) {
	var nodes []Node
	branches := 0
	for {
		n, err := p.and(depth, top)
		if err != nil {
			return nil, err
		}
		branches++
		if n != nil {
			nodes = append(nodes, n)
		}
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.pos++
	}
	if top {
		p.branches = branches
	}
	switch len(nodes) {
	case 0:
		return nil, nil
	case 1:
		return nodes[0], nil
	}
	return Or{Nodes: nodes}, nil
}

// and parses unary terms up to OR, a closing parenthesis or the end.
func (p *parser) and(depth int, top bool) (Node, error) {
	var nodes []Node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokOr {
			break
		}
		if t.kind == tokClose {
			if top { // a stray ")": ignored
				p.pos++
				continue
			}
			break
		}
		if t.kind == tokAnd {
			p.pos++
			continue
		}
		n, err := p.unary(depth, top)
		if err != nil {
			return nil, err
		}
		if n != nil {
			nodes = append(nodes, n)
		}
	}
	switch len(nodes) {
	case 0:
		return nil, nil
	case 1:
		return nodes[0], nil
	}
	return And{Nodes: nodes}, nil
}

func (p *parser) unary(depth int, top bool) (Node, error) {
	t := p.toks[p.pos]
	p.pos++
	switch t.kind {
	case tokNot:
		if depth+1 > p.lim.MaxDepth {
			return nil, errDepth(p.lim)
		}
		if _, ok := p.peek(); !ok {
			return nil, nil // a dangling NOT
		}
		if nt, _ := p.peek(); nt.kind == tokOr || nt.kind == tokClose || nt.kind == tokAnd {
			return nil, nil
		}
		n, err := p.unary(depth+1, false)
		if err != nil || n == nil {
			return nil, err
		}
		if inner, ok := n.(Not); ok { // NOT NOT x is x
			return inner.Node, nil
		}
		return Not{Node: n}, nil
	case tokOpen:
		if depth+1 > p.lim.MaxDepth {
			return nil, errDepth(p.lim)
		}
		n, err := p.or(depth+1, false)
		if err != nil {
			return nil, err
		}
		if nt, ok := p.peek(); ok && nt.kind == tokClose {
			p.pos++
		}
		return n, nil
	case tokPhrase:
		var words []Word
		for _, f := range strings.Fields(t.text) {
			words = append(words, chunk(f)...)
		}
		return p.words(words)
	case tokWord:
		if field, value, ok := strings.Cut(t.text, ":"); ok && value != "" {
			if set, known := fields[strings.ToLower(field)]; known {
				if !top {
					return nil, fmt.Errorf("%w: query: field filter %q inside parentheses or NOT: filters apply to the whole query",
						catalog.ErrInvalid, field+":")
				}
				return nil, set(&p.out.Filters, value)
			}
		}
		return p.words(chunk(t.text))
	}
	return nil, nil // tokClose, tokOr and tokAnd never get here
}

// words makes a Word or a Phrase of words, counting them against the limit.
func (p *parser) words(words []Word) (Node, error) {
	p.terms += len(words)
	if p.terms > p.lim.MaxTerms {
		return nil, fmt.Errorf("%w: query: more than %d words", catalog.ErrInvalid, p.lim.MaxTerms)
	}
	switch len(words) {
	case 0:
		return nil, nil
	case 1:
		return words[0], nil
	}
	return Phrase{Words: words}, nil
}

// chunk splits one run of non-space characters into folded words, the
// last a prefix when the run ends with *.
func chunk(s string) []Word {
	tokens := analysis.Tokens(s)
	out := make([]Word, len(tokens))
	for i, w := range tokens {
		out[i] = Word{Word: w}
	}
	if len(out) > 0 && strings.HasSuffix(s, "*") {
		out[len(out)-1].Prefix = true
	}
	return out
}

func errDepth(lim Limits) error {
	return fmt.Errorf("%w: query: nested deeper than %d parentheses or NOTs", catalog.ErrInvalid, lim.MaxDepth)
}

// checkNegation refuses a negation that has nothing positive beside it in
// its group, below the top: neither engine can answer "a OR -b" from its
// index, and refusing it keeps both engines alike.
func checkNegation(n Node, top bool) error {
	switch n := n.(type) {
	case And:
		positive := false
		for _, c := range n.Nodes {
			if not, ok := c.(Not); ok {
				c = not.Node
			} else {
				positive = true
			}
			if err := checkNegation(c, false); err != nil {
				return err
			}
		}
		if !positive && !top {
			return errNegation
		}
	case Or:
		for _, c := range n.Nodes {
			if isNegative(c) {
				return errNegation
			}
			if err := checkNegation(c, false); err != nil {
				return err
			}
		}
	case Not:
		if !top {
			return errNegation
		}
		return checkNegation(n.Node, false)
	}
	return nil
}

// isNegative reports whether n is a Not or an And of Nots only.
func isNegative(n Node) bool {
	switch n := n.(type) {
	case Not:
		return true
	case And:
		for _, c := range n.Nodes {
			if _, ok := c.(Not); !ok {
				return false
			}
		}
		return true
	}
	return false
}

var errNegation = fmt.Errorf("%w: query: a NOT needs a word to keep beside it in its group, as in (a -b)", catalog.ErrInvalid)

// fields are the field filters, each adding its comma-separated values.
var fields = map[string]func(f *Filters, v string) error{
	"theme":   listField(func(f *Filters) *[]string { return &f.Themes }, strings.ToLower),
	"type":    listField(func(f *Filters) *[]string { return &f.ContentTypes }, strings.ToLower),
	"country": listField(func(f *Filters) *[]string { return &f.Countries }, strings.ToUpper),
	"lang":    listField(func(f *Filters) *[]string { return &f.Languages }, strings.ToLower),
	"source": func(f *Filters, v string) error {
		for _, s := range strings.Split(v, ",") {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil || id <= 0 {
				return fmt.Errorf("%w: query: source:%s is not a source number", catalog.ErrInvalid, s)
			}
			f.SourceIDs = append(f.SourceIDs, id)
		}
		return nil
	},
	"published": func(f *Filters, v string) error {
		from, until, err := dateRange(v)
		if err != nil {
			return err
		}
		// Two ranges both apply: the later start, the earlier end.
		if !from.IsZero() && from.After(f.From) {
			f.From = from
		}
		if !until.IsZero() && (f.Until.IsZero() || until.Before(f.Until)) {
			f.Until = until
		}
		return nil
	},
}

// maxFilterValues bounds the values of one field filter.
const maxFilterValues = 20

func listField(dst func(*Filters) *[]string, norm func(string) string) func(*Filters, string) error {
	return func(f *Filters, v string) error {
		l := dst(f)
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if len(*l) == maxFilterValues {
				return fmt.Errorf("%w: query: more than %d values of one filter", catalog.ErrInvalid, maxFilterValues)
			}
			*l = append(*l, norm(s))
		}
		return nil
	}
}

// dateRange reads FROM..UNTIL, either side open, or one period; each a
// year, a month or a day (2025, 2025-03, 2025-03-31). UNTIL takes in its
// whole period.
func dateRange(v string) (from, until time.Time, err error) {
	a, b, isRange := strings.Cut(v, "..")
	if !isRange {
		b = a
	}
	if a != "" {
		if from, _, err = period(a); err != nil {
			return
		}
	}
	if b != "" {
		var end time.Time
		if _, end, err = period(b); err != nil {
			return
		}
		until = end.Add(-time.Microsecond)
	}
	if a == "" && b == "" {
		err = fmt.Errorf("%w: query: published: needs a date or a range FROM..UNTIL", catalog.ErrInvalid)
	}
	return
}

// period returns the start and the end (exclusive) of a year, month or day.
func period(s string) (start, end time.Time, err error) {
	for _, f := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if len(s) != len(f.layout) {
			continue
		}
		if t, perr := time.Parse(f.layout, s); perr == nil {
			return t, f.add(t), nil
		}
	}
	return start, end, fmt.Errorf("%w: query: published: %q is not a date (2025, 2025-03 or 2025-03-31)", catalog.ErrInvalid, s)
}
