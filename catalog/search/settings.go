package search

import (
	"sync/atomic"
	"time"

	"github.com/ewsi/hub/catalog"
)

// DefaultTimeout bounds a search when none is set.
const DefaultTimeout = 10 * time.Second

// Settings are the run-time search settings both engines share: the
// cross-language Expander, the time limit of a search and the facet index. A store embeds
// it, so SetExpander and SetSearchTimeout are the store's own methods. The
// zero value has no expander and DefaultTimeout; it is safe for concurrent
// use.
type Settings struct {
	exp     atomic.Pointer[expanderBox]
	version atomic.Int64
	timeout atomic.Int64
	// FacetHolder keeps the store's FacetIndex (SetFacetMode, Facets).
	FacetHolder
}

type expanderBox struct {
	e       catalog.Expander
	version int64 // distinguishes counts made with it (see CountKey)
}

// SetExpander makes searches also find the equivalents e gives of each
// query word in other languages, unless a query sets NoExpand; nil turns
// it off.
func (s *Settings) SetExpander(e catalog.Expander) {
	s.exp.Store(&expanderBox{e: e, version: s.version.Add(1)})
}

// Expander returns the Expander q is to use, or nil.
func (s *Settings) Expander(q catalog.Query) catalog.Expander {
	if b := s.exp.Load(); b != nil && !q.NoExpand {
		return b.e
	}
	return nil
}

// ExpanderVersion returns the version of the Expander q uses, 0 for none.
func (s *Settings) ExpanderVersion(q catalog.Query) int64 {
	if b := s.exp.Load(); b != nil && b.e != nil && !q.NoExpand {
		return b.version
	}
	return 0
}

// SetSearchTimeout bounds each search to d: a search running longer is
// stopped and fails with an error wrapping context.DeadlineExceeded.
// Zero or less restores DefaultTimeout.
func (s *Settings) SetSearchTimeout(d time.Duration) { s.timeout.Store(int64(d)) }

// Timeout returns the time limit of a search.
func (s *Settings) Timeout() time.Duration {
	if d := time.Duration(s.timeout.Load()); d > 0 {
		return d
	}
	return DefaultTimeout
}
