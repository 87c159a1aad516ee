package postgres

import (
	"time"

	"github.com/ewsi/hub/catalog"
)

type expanderBox struct {
	e       catalog.Expander
	version int64 // distinguishes counts made with it (see search.CountKey)
}

// SetExpander makes searches also find the equivalents e gives of each
// query word in other languages (cross-language search), unless a query
// sets NoExpand; nil turns it off. It is safe to call at any time.
func (s *Store) SetExpander(e catalog.Expander) {
	s.exp.Store(&expanderBox{e: e, version: s.expVersion.Add(1)})
}

// expanderVersion returns the version of the Expander q uses, 0 for none.
func (s *Store) expanderVersion(q catalog.Query) int64 {
	if b := s.exp.Load(); b != nil && b.e != nil && !q.NoExpand {
		return b.version
	}
	return 0
}

// expander returns the Expander q is to use, or nil.
func (s *Store) expander(q catalog.Query) catalog.Expander {
	if b := s.exp.Load(); b != nil && !q.NoExpand {
		return b.e
	}
	return nil
}

// SetSearchTimeout bounds each search to d: a search running longer is
// stopped and fails with an error wrapping context.DeadlineExceeded.
// Zero or less restores DefaultSearchTimeout. It is safe to call at any
// time.
func (s *Store) SetSearchTimeout(d time.Duration) { s.timeout.Store(int64(d)) }

func (s *Store) searchTimeout() time.Duration {
	if d := time.Duration(s.timeout.Load()); d > 0 {
		return d
	}
	return DefaultSearchTimeout
}
