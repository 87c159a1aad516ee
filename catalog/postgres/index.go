package postgres

import (
	"slices"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/jackc/pgx/v5/pgtype"
)

// maxPosition is the largest position a tsvector keeps; PostgreSQL clamps
// larger ones to it.
const maxPosition = 16383

// maxPositions is the most positions a tsvector keeps of one lexeme
// (MAXNUMPOS); PostgreSQL drops the later ones.
const maxPositions = 256

// tsVector returns a document's analysed words as a tsvector: title words
// weighted A, summary B, body C, numbered in order, each word's stem token
// at the same position as the word, so phrases see the words alone. It is
// sent in binary, so the index holds exactly what catalog/analysis
// produced, as catalog/sqlite's, and the server need not parse it: the
// text form's parsing was a fifth of the server's time of an insert.
func tsVector(a analysis.Indexed) pgtype.TSVector { return vector(a, true) }

// tsHead is the part of tsVector from the title and summary, which
// ranking reads (see rank).
func tsHead(a analysis.Indexed) pgtype.TSVector { return vector(a, false) }

// vector builds the tsvector that PostgreSQL's input function would make
// of the text form "'word':1A 'stem':1A ...": lexemes sorted byte-wise
// and unique, each with its positions ascending and unique (the higher
// weight kept), at most maxPositions of them, none after maxPosition.
// The binary input checks the order and sorts, but neither merges nor
// bounds, so this does what the text input did.
func vector(a analysis.Indexed, body bool) pgtype.TSVector {
	o := occurrencesOf(a, body)
	// The positions of each lexeme, in order of occurrence (ascending),
	// gathered by a counting sort.
	start := make([]int32, len(o.words)+1)
	for _, i := range o.lexeme {
		start[i+1]++
	}
	for i := range o.words {
		start[i+1] += start[i]
	}
	byLexeme := make([]uint16, len(o.packed))
	next := slices.Clone(start[:len(o.words)])
	for k, i := range o.lexeme {
		byLexeme[next[i]] = o.packed[k]
		next[i]++
	}
	sorted := slices.Clone(o.words)
	slices.Sort(sorted)
	v := pgtype.TSVector{Lexemes: make([]pgtype.TSVectorLexeme, len(sorted)), Valid: true}
	all := make([]pgtype.TSVectorPosition, 0, len(o.packed))
	for k, w := range sorted {
		i := o.index[w]
		// all never grows past its capacity: the lexemes' positions
		// stay where they are.
		before := len(all)
		all = positions(all, byLexeme[start[i]:start[i+1]])
		v.Lexemes[k] = pgtype.TSVectorLexeme{Word: w, Positions: all[before:len(all):len(all)]}
	}
	return v
}

// occurrences are the lexemes of a vector in order: each numbered by its
// lexeme (in order of first occurrence) with its position and weight
// packed as PostgreSQL packs them (weight in the top two bits).
type occurrences struct {
	index  map[string]int32
	words  []string
	lexeme []int32
	packed []uint16
}

// occurrencesOf lists the words and stem tokens of a's title (weight A),
// summary (B) and, when body is set, body (C).
func occurrencesOf(a analysis.Indexed, body bool) *occurrences {
	parts := []struct {
		f      analysis.Field
		weight uint16
	}{{a.Title, 3}, {a.Summary, 2}, {a.Body, 1}}
	if !body {
		parts = parts[:2]
	}
	n := 0
	for _, part := range parts {
		n += 2 * len(part.f.Words)
	}
	o := &occurrences{index: make(map[string]int32, n/2), lexeme: make([]int32, 0, n), packed: make([]uint16, 0, n)}
	pos := 0
	for _, part := range parts {
		for i, w := range part.f.Words {
			pos = min(pos+1, maxPosition)
			p := part.weight<<14 | uint16(pos)
			o.add(w, p)
			if s := part.f.Stems[i]; s != "" {
				o.add(s, p)
			}
		}
	}
	return o
}

func (o *occurrences) add(w string, p uint16) {
	i, ok := o.index[w]
	if !ok {
		i = int32(len(o.words))
		o.index[w] = i
		o.words = append(o.words, w)
	}
	o.lexeme, o.packed = append(o.lexeme, i), append(o.packed, p)
}

// positions appends to dst what PostgreSQL's uniquePos makes of the
// ascending packed positions of one lexeme: equal ones become one with
// the highest weight, and it stops after maxPositions or at maxPosition.
// (Only positions clamped to maxPosition can be equal, and PostgreSQL's
// sort leaves their order open; they are body words, all weighted alike.)
func positions(dst []pgtype.TSVectorPosition, occ []uint16) []pgtype.TSVectorPosition {
	first := len(dst)
	var w uint16 // the weight of the last position kept
	for k, o := range occ {
		p, ow := o&0x3FFF, o>>14
		if k > 0 && p == dst[len(dst)-1].Position {
			w = max(w, ow)
			dst[len(dst)-1].Weight = weightLetter[w]
			continue
		}
		w = ow
		dst = append(dst, pgtype.TSVectorPosition{Position: p, Weight: weightLetter[w]})
		if k > 0 && (len(dst)-first == maxPositions || p == maxPosition) {
			break
		}
	}
	return dst
}

// weightLetter names the packed weights.
var weightLetter = [...]pgtype.TSVectorWeight{'D', 'C', 'B', 'A'}

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
