package postgres

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// Times are timestamptz (microseconds); NULL is the zero time.

// nullTime returns t for a nullable timestamptz column.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// timeOf reads a nullable timestamptz column, in UTC.
func timeOf(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// now is the current time at the precision the store keeps.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// utc returns t in UTC at the precision the store keeps; zero stays zero.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

// list returns a text[] value; nil is stored as an empty array.
func list(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// listOf reads a text[] column; an empty array reads as nil.
func listOf(v []string) []string {
	if len(v) == 0 {
		return nil
	}
	return v
}

// SQLSTATE codes the store turns into catalog errors.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
	deadlockDetected    = "40P01"
)

func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func isUnique(err error) bool     { return sqlState(err) == uniqueViolation }
func isForeignKey(err error) bool { return sqlState(err) == foreignKeyViolation }

// checkText rejects strings that PostgreSQL cannot store (invalid UTF-8,
// NUL); catalog/sqlite rejects them too, so both stores accept the same
// input. The error wraps catalog.ErrInvalid.
func checkText(what string, fields ...string) error {
	for _, f := range fields {
		if !utf8.ValidString(f) || strings.IndexByte(f, 0) >= 0 {
			return fmt.Errorf("%w: %s holds invalid UTF-8 or a NUL byte", catalog.ErrInvalid, what)
		}
	}
	return nil
}

// cleanText makes a filter value sendable by replacing invalid UTF-8 and
// NUL bytes with U+FFFD, so a hostile filter matches nothing instead of
// failing.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// validStatus reports whether st is a known source status.
func validStatus(st catalog.SourceStatus) bool { return st.Valid() }
