package harvester

import (
	"crypto/sha256"
	"strconv"
	"sync"
	"time"

	"github.com/ewsi/hub/normalizer"
)

// itemCache remembers, per (source, item key), a hash of the input last
// normalised and stored, so that the unchanged items of a changed feed
// (19 of 20, typically) are neither normalised nor written again. It is a
// cache of this process only: a miss costs a normalisation, never a wrong
// document, since the normaliser is deterministic and the store compares
// content hashes anyway. Bounded: past max entries it starts afresh.
type itemCache struct {
	mu  sync.Mutex
	max int
	m   map[cachedItem][sha256.Size]byte
}

type cachedItem struct {
	source int64
	key    string
}

func newItemCache(max int) *itemCache {
	return &itemCache{max: max, m: make(map[cachedItem][sha256.Size]byte)}
}

// inputHash hashes every field of in that normalising reads.
func inputHash(in *normalizer.Input) [sha256.Size]byte {
	h := sha256.New()
	for _, s := range []string{in.Key, in.URL, in.BaseURL, in.Title, in.Summary, in.HTML, in.ContentType,
		in.Language, in.SourceLanguage, in.SourceCountry, in.Published.Format(time.RFC3339Nano),
		in.Updated.Format(time.RFC3339Nano), strconv.Itoa(len(in.Authors)), strconv.Itoa(len(in.Categories))} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, l := range [][]string{in.Authors, in.Categories} {
		for _, s := range l {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// unchanged reports whether the item was stored from this very input.
func (c *itemCache) unchanged(source int64, in *normalizer.Input, sum [sha256.Size]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.m[cachedItem{source, in.Key}]
	return ok && old == sum
}

// stored records that the item was stored from input hash sum.
func (c *itemCache) stored(source int64, key string, sum [sha256.Size]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[cachedItem{source, key}] = sum
}
