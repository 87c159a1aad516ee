package postgres

import (
	"context"
	"strconv"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// SetOneTier sets the most hits whose page is read in one statement
// (tieredHits); -1 reads every page by tiers.
func SetOneTier(s *Store, n int) { s.oneTier = n }

// ForgetCounts empties s's cache of counts (see search.CountCache).
func ForgetCounts(s *Store) { s.counts.Clear() }

// Exec runs q on s's pool, in its schema.
func Exec(s *Store, q string) error {
	_, err := s.pool.Exec(context.Background(), q)
	return err
}

// QueryPairs runs q, which returns two text columns, and maps the first
// to the second.
func QueryPairs(ctx context.Context, s *Store, q string) (map[string]string, error) {
	rows, err := s.pool.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// Vectors returns d's search vector and head as the server stores them
// from the binary form the store sends (got) and from the text form it
// sent before (want).
func Vectors(ctx context.Context, s *Store, d *catalog.Document) (got, want [2]string, err error) {
	a := analysis.Document(d)
	const q = `SELECT $1::tsvector::text, $2::tsvector::text, $3::text::tsvector::text, $4::text::tsvector::text`
	err = s.pool.QueryRow(ctx, q, tsVector(a), tsHead(a), vectorText(a, true), vectorText(a, false)).
		Scan(&got[0], &got[1], &want[0], &want[1])
	return got, want, err
}

// vectorText is the tsvector literal the store sent before it sent
// vectors in binary.
func vectorText(a analysis.Indexed, body bool) string {
	var b strings.Builder
	pos := 0
	parts := []struct {
		f      analysis.Field
		weight string
	}{{a.Title, "A"}, {a.Summary, "B"}, {a.Body, "C"}}
	if !body {
		parts = parts[:2]
	}
	for _, part := range parts {
		for i, w := range part.f.Words {
			pos = min(pos+1, maxPosition)
			p := strconv.Itoa(pos) + part.weight
			lexemeText(&b, w, p)
			if s := part.f.Stems[i]; s != "" {
				lexemeText(&b, s, p)
			}
		}
	}
	return b.String()
}

func lexemeText(b *strings.Builder, w, pos string) {
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	quote(b, w)
	b.WriteByte(':')
	b.WriteString(pos)
}

// BatchRetries returns how many batches were written again one document
// at a time after losing a race.
func BatchRetries() int64 { return batchRetries.Load() }
