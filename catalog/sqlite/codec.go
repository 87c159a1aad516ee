package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Times are stored as INTEGER microseconds since the Unix epoch, so they
// sort and compare as numbers; NULL is the zero time.

// micros returns t for a nullable time column.
func micros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

// timeOf reads a nullable time column.
func timeOf(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMicro(n.Int64).UTC()
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

// list encodes a list column as a JSON array; nil is stored as [].
func list(v []string) string { return jsonArray(v) }

// listOf decodes a list column; an empty array reads as nil.
func listOf(s string) ([]string, error) { return arrayOf[string]("list", s) }

// sqliteCode returns the extended result code of a driver error, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

func isUnique(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// isBusy reports SQLITE_BUSY, whatever its extended code.
func isBusy(err error) bool { return sqliteCode(err)&0xff == sqlite3.SQLITE_BUSY }

func isForeignKey(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// checkText rejects strings that PostgreSQL could not store (invalid
// UTF-8, NUL), so that both stores accept the same input. The error wraps
// catalog.ErrInvalid.
func checkText(what string, fields ...string) error {
	for _, f := range fields {
		if !utf8.ValidString(f) || strings.IndexByte(f, 0) >= 0 {
			return fmt.Errorf("%w: %s holds invalid UTF-8 or a NUL byte", catalog.ErrInvalid, what)
		}
	}
	return nil
}

// cleanText makes a filter value storable by replacing invalid UTF-8 and
// NUL bytes with U+FFFD, so a hostile filter matches nothing instead of
// failing; mirrors catalog/postgres.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// validStatus reports whether st is a known source status.
func validStatus(st catalog.SourceStatus) bool { return st.Valid() }
