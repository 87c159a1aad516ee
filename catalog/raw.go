package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// RawObject is a harvested response as it was fetched, kept so documents
// can be normalised again without fetching (ewsi reprocess). Stores keep
// the latest per (SourceID, URL).
type RawObject struct {
	SourceID    int64
	URL         string
	Fetched     time.Time
	ContentType string
	Body        []byte
	// Hash is the hex SHA-256 of Body.
	Hash string
}

// HashBody returns the hex SHA-256 of b, as RawObject.Hash holds it.
func HashBody(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// GoneAfterRuns is how many successful runs in a row must miss an item
// before it is marked gone.
const GoneAfterRuns = 3
