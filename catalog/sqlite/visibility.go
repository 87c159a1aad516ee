package sqlite

import (
	"database/sql"
	"time"
)

// visible is the condition of search that keeps documents the public may
// see: published and past any embargo. It lives apart from the text
// search, which only gains it as one more WHERE condition. The unary +
// keeps SQLite from driving a search by the index on state, which holds
// nearly every document under 'published': it read and sorted the whole
// catalog for a query with filters only, where the filters' own indexes
// read a fraction of it.
func visible(at time.Time) cond {
	return cond{
		sql:  `+d.state = 'published' AND (d.embargo_until IS NULL OR d.embargo_until <= @visible_at)`,
		args: []any{sql.Named("visible_at", at.UnixMicro())},
	}
}
