package postgres

import (
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/catalog/neardup"
	"github.com/ewsi/hub/internal/parallel"
	"github.com/jackc/pgx/v5/pgtype"
)

// derived is what an upsert computes from a document's text in Go alone:
// its search vectors, its words for "did you mean", its folded-text hash
// and its MinHash signature. A batch computes them for all its documents
// at once, on every core, before its transaction.
type derived struct {
	search, head pgtype.TSVector
	terms        []string
	textHash     string
	sig          neardup.Signature
	sigOK        bool
	bands        [neardup.Bands]int64
}

// derive splits d's text into words once, for the index, the hash and
// the signature alike: folding the body was most of the work of each.
func derive(d *catalog.Document) *derived {
	a, words := analysis.DocumentWords(d)
	x := &derived{search: tsVector(a), head: tsHead(a), terms: terms(a), textHash: neardup.WordsHash(words)}
	if x.sig, x.sigOK = neardup.OfWords(words); x.sigOK {
		x.bands = neardup.BandKeys(x.sig)
	}
	return x
}

// deriveAll derives every document of docs in parallel.
func deriveAll(docs []*catalog.Document) map[*catalog.Document]*derived {
	return parallel.Keyed(docs, derive)
}
