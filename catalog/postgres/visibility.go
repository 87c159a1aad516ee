package postgres

import (
	"time"

	"github.com/jackc/pgx/v5"
)

// visible is the condition of search that keeps documents the public may
// see: published and past any embargo. It lives apart from the text
// search, which only gains it as one more WHERE condition.
func visible(at time.Time) cond {
	return cond{
		sql:  `d.state = 'published' AND (d.embargo_until IS NULL OR d.embargo_until <= @visible_at)`,
		args: pgx.NamedArgs{"visible_at": at},
	}
}
