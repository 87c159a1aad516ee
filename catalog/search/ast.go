// Package search is the hub's query language, shared by both catalog
// stores so that a query means the same whichever engine answers it. Parse
// reads what a user typed into a tree of words, phrases, prefixes and
// AND/OR/NOT plus field filters, within hard limits; Resolve turns the tree
// into the index tokens each word matches (surface words, stems per
// language, cross-language equivalents). It writes no engine syntax and no
// SQL: each store compiles the resolved tree into its own, from quoted
// tokens only.
package search

import "time"

// Node is a node of a parsed query: And, Or, Not, Word or Phrase.
type Node interface{ node() }

// And matches documents that every node matches.
type And struct{ Nodes []Node }

// Or matches documents that any node matches.
type Or struct{ Nodes []Node }

// Not matches documents that Node does not match. The parser only puts it
// in an And holding a node that is not a Not, or at the top of a query.
type Not struct{ Node Node }

// Word is one folded word; Prefix when the user ended it with *.
type Word struct {
	Word   string
	Prefix bool
}

// Phrase is two or more folded words that must follow each other.
type Phrase struct{ Words []Word }

func (And) node()    {}
func (Or) node()     {}
func (Not) node()    {}
func (Word) node()   {}
func (Phrase) node() {}

// Filters are the field filters of a query (theme:, type:, country:,
// lang:, source:, published:). Each list keeps documents matching one of
// its values, as catalog.Query's filters do; filters of the text and of
// catalog.Query apply together.
type Filters struct {
	Themes, ContentTypes, Countries, Languages []string
	SourceIDs                                  []int64
	From, Until                                time.Time // on Published; zero means open
}

// Empty reports whether f filters nothing.
func (f Filters) Empty() bool {
	return len(f.Themes)+len(f.ContentTypes)+len(f.Countries)+len(f.Languages)+len(f.SourceIDs) == 0 &&
		f.From.IsZero() && f.Until.IsZero()
}

// Parsed is a parsed query: the text part (nil when the query has no
// words, which matches every document) and the field filters.
type Parsed struct {
	Root    Node
	Filters Filters
}
