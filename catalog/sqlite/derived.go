package sqlite

import (
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/catalog/neardup"
	"github.com/ewsi/hub/internal/parallel"
)

// derived is what an upsert computes from a document's text in Go alone:
// the columns of its row of documents_fts, its folded-text hash and its
// MinHash signature. A batch computes them for all its documents at once,
// on every core, before it takes the write lock.
type derived struct {
	fts      [6]string
	textHash string
	sig      neardup.Signature
	sigOK    bool
	// early are the near-duplicate candidates found before the write
	// lock (see Store.lookAhead).
	early []uint32
}

// derive splits d's text into words once, for the index, the hash and
// the signature alike: folding the body was most of the work of each.
func derive(d *catalog.Document) *derived {
	a, words := analysis.DocumentWords(d)
	sig, ok := neardup.OfWords(words)
	return &derived{fts: ftsColumns(a), textHash: neardup.WordsHash(words), sig: sig, sigOK: ok}
}

// ftsColumns returns the title, summary, body, title_stems, summary_stems
// and body_stems of documents_fts for the analysed document a.
//
// body_stems holds each stem of the body once: documents_fts only says
// which documents match (ranking reads documents_head, which keeps every
// stem), and a stem token is only ever matched alone, never in a phrase
// or as a prefix (search.Resolve), so its repeats and positions tell a
// search nothing. A synthetic body of 300 words has 252 stem tokens and
// 144 distinct ones: the row goes from 600 tokens to 492.
func ftsColumns(a analysis.Indexed) [6]string {
	return [6]string{a.Title.Surface(), a.Summary.Surface(), a.Body.Surface(),
		a.Title.StemText(), a.Summary.StemText(), distinctStems(a.Body)}
}

// distinctStems returns the stem tokens of f separated by spaces, each
// once, in the order of their first word.
func distinctStems(f analysis.Field) string {
	seen := make(map[string]bool, len(f.Stems))
	var b strings.Builder
	for _, s := range f.Stems {
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// deriveAll derives every document of docs in parallel.
func deriveAll(docs []*catalog.Document) map[*catalog.Document]*derived {
	return parallel.Keyed(docs, derive)
}

// lookAhead finds the near-duplicate candidates of docs in the band index
// before the batch takes the write lock (see bandIndex.lookAhead), and
// returns the runs it searched.
func (s *Store) lookAhead(docs []*catalog.Document, of map[*catalog.Document]*derived) [][]bandEntry {
	var (
		keysOf [][neardup.Bands]int64
		xs     []*derived
	)
	for _, d := range docs {
		if x := of[d]; x != nil && x.sigOK {
			keysOf, xs = append(keysOf, neardup.BandKeys(x.sig)), append(xs, x)
		}
	}
	// One more than an upsert takes: the document itself may be among
	// them.
	runs, found := s.bands.lookAhead(keysOf, maxCandidateIDs+1)
	for i, x := range xs {
		x.early = found[i]
	}
	return runs
}

// lookedAhead returns the candidates of d that the batch of tx found
// before the write lock, and the runs it searched; none when it did not.
func lookedAhead(tx dbtx, d *catalog.Document) ([]uint32, [][]bandEntry) {
	if x := derivedOf(tx, d); x != nil {
		return x.early, tx.(*batchTx).searched
	}
	return nil, nil
}

// derivedOf returns what the batch of tx derived from d, or nil.
func derivedOf(tx dbtx, d *catalog.Document) *derived {
	if b, ok := tx.(*batchTx); ok {
		return b.derived[d]
	}
	return nil
}

// forgetDerived drops what was derived from d, about to change (an
// editor's locked fields put back).
func forgetDerived(tx dbtx, d *catalog.Document) {
	if b, ok := tx.(*batchTx); ok {
		delete(b.derived, d)
	}
}

// ftsOf returns the columns of d's row of documents_fts.
func ftsOf(tx dbtx, d *catalog.Document) [6]string {
	if x := derivedOf(tx, d); x != nil {
		return x.fts
	}
	return ftsColumns(analysis.Document(d))
}

func textHash(tx dbtx, d *catalog.Document) string {
	if x := derivedOf(tx, d); x != nil {
		return x.textHash
	}
	return neardup.TextHash(d.Text)
}

func signature(tx dbtx, d *catalog.Document) (neardup.Signature, bool) {
	if x := derivedOf(tx, d); x != nil {
		return x.sig, x.sigOK
	}
	return neardup.Of(d.Text)
}
