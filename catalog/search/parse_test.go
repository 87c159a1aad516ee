package search

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func w(s string) Word  { return Word{Word: s} }
func pw(s string) Word { return Word{Word: s, Prefix: true} }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParse(t *testing.T) {
	endOf := func(t time.Time) time.Time { return t.Add(-time.Microsecond) }
	for _, tc := range []struct {
		text string
		want Parsed
	}{
		{"", Parsed{}},
		{"   ", Parsed{}},
		{"housing", Parsed{Root: w("housing")}},
		{"Intégration Réfugiés", Parsed{Root: And{[]Node{w("integration"), w("refugies")}}}},
		{"a AND b", Parsed{Root: And{[]Node{w("a"), w("b")}}}},
		{`"labour market"`, Parsed{Root: Phrase{[]Word{w("labour"), w("market")}}}},
		{`"labour market`, Parsed{Root: Phrase{[]Word{w("labour"), w("market")}}}},
		{`"housing"`, Parsed{Root: w("housing")}},
		{`"labour mark*"`, Parsed{Root: Phrase{[]Word{w("labour"), pw("mark")}}}},
		{"e-learning", Parsed{Root: Phrase{[]Word{w("e"), w("learning")}}}},
		{"integr*", Parsed{Root: pw("integr")}},
		{"housing OR homes", Parsed{Root: Or{[]Node{w("housing"), w("homes")}}}},
		{"a b OR c", Parsed{Root: Or{[]Node{And{[]Node{w("a"), w("b")}}, w("c")}}}},
		{"a (b OR c)", Parsed{Root: And{[]Node{w("a"), Or{[]Node{w("b"), w("c")}}}}}},
		{"a (b OR c", Parsed{Root: And{[]Node{w("a"), Or{[]Node{w("b"), w("c")}}}}}},
		{"a ) b", Parsed{Root: And{[]Node{w("a"), w("b")}}}},
		{"NOT housing", Parsed{Root: Not{w("housing")}}},
		{"-housing", Parsed{Root: Not{w("housing")}}},
		{"migrants -housing", Parsed{Root: And{[]Node{w("migrants"), Not{w("housing")}}}}},
		{"a (b -c)", Parsed{Root: And{[]Node{w("a"), And{[]Node{w("b"), Not{w("c")}}}}}}},
		{"NOT NOT a", Parsed{Root: w("a")}},
		{"a OR", Parsed{Root: w("a")}},
		{"OR a", Parsed{Root: w("a")}},
		{"a NOT", Parsed{Root: w("a")}},
		{"AND OR NOT", Parsed{}},
		{"- -- *", Parsed{}},
		{"title:housing", Parsed{Root: Phrase{[]Word{w("title"), w("housing")}}}},
		{"housing lang:EN,de type:Report theme:housing country:de source:7", Parsed{Root: w("housing"),
			Filters: Filters{Languages: []string{"en", "de"}, ContentTypes: []string{"report"},
				Themes: []string{"housing"}, Countries: []string{"DE"}, SourceIDs: []int64{7}}}},
		{"lang:fr", Parsed{Filters: Filters{Languages: []string{"fr"}}}},
		{"published:2025-01-01..2026-06-30", Parsed{Filters: Filters{From: date(2025, 1, 1), Until: endOf(date(2026, 7, 1))}}},
		{"published:2025", Parsed{Filters: Filters{From: date(2025, 1, 1), Until: endOf(date(2026, 1, 1))}}},
		{"published:2025-03..", Parsed{Filters: Filters{From: date(2025, 3, 1)}}},
		{"published:..2024", Parsed{Filters: Filters{Until: endOf(date(2025, 1, 1))}}},
		{"published:2020.. published:2024..2030", Parsed{Filters: Filters{From: date(2024, 1, 1), Until: endOf(date(2031, 1, 1))}}},
		{"\xff\xfehousing\x00", Parsed{Root: w("housing")}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := Parse(tc.text, DefaultLimits)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(&tc.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	lim := Limits{MaxBytes: 200, MaxDepth: 3, MaxTerms: 5}
	for _, tc := range []struct{ text, want string }{
		{strings.Repeat("a ", 101), "longer than 200 bytes"},
		{"a b c d e f", "more than 5 words"},
		{`"a b c d e f"`, "more than 5 words"},
		{"((((a))))", "nested deeper than 3"},
		{"NOT NOT NOT NOT a", "nested deeper than 3"},
		{"(lang:fr a)", "inside parentheses or NOT"},
		{"-lang:fr", "inside parentheses or NOT"},
		{"a OR lang:fr", "cannot be one side of OR"},
		{"lang:fr a OR b", "cannot be one side of OR"},
		{"source:abc", "not a source number"},
		{"source:-1", "not a source number"},
		{"published:yesterday", "is not a date"},
		{"published:2025-13-01", "is not a date"},
		{"published:..", "needs a date"},
		{"a OR -b", "a NOT needs a word"},
		{"a (-b -c)", "a NOT needs a word"},
		{"lang:" + strings.Repeat("x,", 21), "more than 20 values"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			_, err := Parse(tc.text, lim)
			if !errors.Is(err, catalog.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse(%q) error = %v; want ErrInvalid saying %q", tc.text, err, tc.want)
			}
		})
	}
}

// FuzzParseQuery checks that every text either parses, within the limits,
// into a tree the engines can compile, or fails with ErrInvalid; and that
// nothing panics.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"a b", `"a b"`, "a OR (b -c)", "integr* lang:fr published:2025..", "((a", `"`, "-", "NOT", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := Parse(text, DefaultLimits)
		if err != nil {
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Fatalf("Parse(%q): error %v does not wrap ErrInvalid", text, err)
			}
			return
		}
		if n := countWords(p.Root); n > DefaultLimits.MaxTerms {
			t.Fatalf("Parse(%q): %d words, over the limit", text, n)
		}
		if d := depth(p.Root); d > DefaultLimits.MaxDepth+1 {
			t.Fatalf("Parse(%q): depth %d, over the limit", text, d)
		}
		m := Resolve(p.Root, nil, nil)
		if (p.Root == nil) != (m == nil) {
			t.Fatalf("Resolve(%q) = %v for root %v", text, m, p.Root)
		}
		if m != nil && !Positive(m) {
			Negated(m) // must not panic
		}
	})
}

func countWords(n Node) int {
	switch n := n.(type) {
	case And:
		c := 0
		for _, x := range n.Nodes {
			c += countWords(x)
		}
		return c
	case Or:
		c := 0
		for _, x := range n.Nodes {
			c += countWords(x)
		}
		return c
	case Not:
		return countWords(n.Node)
	case Phrase:
		return len(n.Words)
	case Word:
		return 1
	}
	return 0
}

func depth(n Node) int {
	switch n := n.(type) {
	case And:
		d := 0
		for _, x := range n.Nodes {
			d = max(d, depth(x))
		}
		return d + 1
	case Or:
		d := 0
		for _, x := range n.Nodes {
			d = max(d, depth(x))
		}
		return d + 1
	case Not:
		return depth(n.Node) + 1
	}
	return 0
}
