package search

import (
	"container/list"
	"encoding/json"
	"sync"

	"github.com/ewsi/hub/catalog"
)

// CountCache keeps the totals and facets of recent searches, so that a
// broad query asked again (the home page, a popular theme, a facet link)
// is not counted again. Every entry belongs to one generation of the
// catalog: the stores bump a counter in the transaction of every write
// and read it in the snapshot of every search, so a count is only reused
// by a search that sees exactly the documents it was made from. It never
// gives a wrong number; it is safe for concurrent use.
type CountCache struct {
	mu      sync.Mutex
	max     int
	gen     int64
	lru     *list.List // of *countEntry, most recent first
	entries map[string]*list.Element
}

type countEntry struct {
	key    string
	total  int
	facets map[string][]catalog.FacetValue
}

// NewCountCache returns a cache of at most max searches.
func NewCountCache(max int) *CountCache {
	return &CountCache{max: max, lru: list.New(), entries: map[string]*list.Element{}}
}

// CountKey is the part of q that its total and facets depend on, with
// what else they depend on: the expander in force (its version, 0 for
// none).
func CountKey(q catalog.Query, expander int64) string {
	k := struct {
		Text                                                  string
		Languages, Themes, Subthemes, ContentTypes, Countries []string
		SourceIDs                                             []int64
		From, Until                                           int64
		Expander                                              int64
	}{q.Text, q.Languages, q.Themes, q.Subthemes, q.ContentTypes, q.Countries, q.SourceIDs,
		q.From.UnixMicro(), q.Until.UnixMicro(), expander}
	if q.From.IsZero() {
		k.From = 0
	}
	if q.Until.IsZero() {
		k.Until = 0
	}
	b, _ := json.Marshal(k) // strings, ints and slices of them always marshal
	return string(b)
}

// Get returns the total and a copy of the facets stored for key in
// generation gen.
func (c *CountCache) Get(gen int64, key string) (int, map[string][]catalog.FacetValue, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return 0, nil, false
	}
	e, ok := c.entries[key]
	if !ok {
		return 0, nil, false
	}
	c.lru.MoveToFront(e)
	ce := e.Value.(*countEntry)
	return ce.total, copyFacets(ce.facets), true
}

// Has tells whether counts are stored for key in generation gen, without
// copying them.
func (c *CountCache) Has(gen int64, key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[key]
	return ok && gen == c.gen
}

// Clear forgets every count stored.
func (c *CountCache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Init()
	clear(c.entries)
}

// Put stores a copy of the total and facets of key, counted in generation
// gen. A newer generation empties the cache; an older one is not kept.
func (c *CountCache) Put(gen int64, key string, total int, facets map[string][]catalog.FacetValue) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen:
		return
	case gen > c.gen:
		c.gen = gen
		c.lru.Init()
		clear(c.entries)
	}
	if e, ok := c.entries[key]; ok {
		c.lru.MoveToFront(e)
		return
	}
	c.entries[key] = c.lru.PushFront(&countEntry{key: key, total: total, facets: copyFacets(facets)})
	for c.lru.Len() > c.max {
		last := c.lru.Back()
		delete(c.entries, last.Value.(*countEntry).key)
		c.lru.Remove(last)
	}
}

func copyFacets(f map[string][]catalog.FacetValue) map[string][]catalog.FacetValue {
	out := make(map[string][]catalog.FacetValue, len(f))
	for k, v := range f {
		out[k] = append([]catalog.FacetValue{}, v...)
	}
	return out
}
