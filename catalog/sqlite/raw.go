package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// PutRawObject keeps o as the latest raw object of (o.SourceID, o.URL),
// replacing the one before. It sets o.Hash when empty and o.Fetched to now
// when zero. An unknown source yields an error wrapping
// catalog.ErrNotFound; a URL or content type that cannot be stored, one
// wrapping catalog.ErrInvalid.
func (s *Store) PutRawObject(ctx context.Context, o *catalog.RawObject) error {
	if err := checkText("raw object", o.URL, o.ContentType); err != nil || o.URL == "" {
		return fmt.Errorf("put raw object of source %d: %w: bad URL or content type", o.SourceID, catalog.ErrInvalid)
	}
	if o.Hash == "" {
		o.Hash = catalog.HashBody(o.Body)
	}
	if o.Fetched.IsZero() {
		o.Fetched = now()
	}
	o.Fetched = utc(o.Fetched)
	body := o.Body
	if body == nil {
		body = []byte{}
	}
	const q = `INSERT INTO raw_objects (source_id, url, fetched_at, content_type, hash, body)
	VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (source_id, url) DO UPDATE SET fetched_at = excluded.fetched_at,
		content_type = excluded.content_type, hash = excluded.hash, body = excluded.body`
	_, err := s.write.ExecContext(ctx, q, o.SourceID, o.URL, o.Fetched.UnixMicro(), o.ContentType, o.Hash, body)
	if isForeignKey(err) {
		return fmt.Errorf("put raw object: source %d: %w", o.SourceID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("put raw object of source %d: %w", o.SourceID, err)
	}
	return nil
}

// RawObjects returns the raw objects kept for a source, by URL. A source
// with none, or unknown, yields an empty list.
func (s *Store) RawObjects(ctx context.Context, sourceID int64) ([]catalog.RawObject, error) {
	const q = `SELECT source_id, url, fetched_at, content_type, hash, body FROM raw_objects
	WHERE source_id = ? ORDER BY url`
	rows, err := s.read.QueryContext(ctx, q, sourceID)
	if err != nil {
		return nil, fmt.Errorf("raw objects of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	out := []catalog.RawObject{}
	for rows.Next() {
		var (
			o       catalog.RawObject
			fetched int64
		)
		if err := rows.Scan(&o.SourceID, &o.URL, &fetched, &o.ContentType, &o.Hash, &o.Body); err != nil {
			return nil, fmt.Errorf("raw objects of source %d: %w", sourceID, err)
		}
		o.Fetched = time.UnixMicro(fetched).UTC()
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("raw objects of source %d: %w", sourceID, err)
	}
	return out, nil
}
