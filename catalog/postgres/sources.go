package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// sourceColumns is the column list that scanSource reads.
const sourceColumns = `id, kind, url, name, publisher, language, country, status, last_error,
	fail_count, last_harvest, last_success, next_check, interval_ns, etag, last_modified, created_at,
	error_class, error_streak, rules`

func scanSource(r pgx.Row) (*catalog.Source, error) {
	var (
		s                   catalog.Source
		kind, status, class string
		lastHarvest, lastOK pgtype.Timestamptz
		next, created       time.Time
		interval            int64
		rules               string
	)
	err := r.Scan(&s.ID, &kind, &s.URL, &s.Name, &s.Publisher, &s.Language, &s.Country,
		&status, &s.LastError, &s.FailCount, &lastHarvest, &lastOK, &next, &interval,
		&s.ETag, &s.LastModified, &created, &class, &s.ErrorStreak, &rules)
	if err != nil {
		return nil, err
	}
	if s.Rules, err = catalog.UnmarshalRules(rules); err != nil {
		return nil, err
	}
	s.Kind, s.Status = catalog.SourceKind(kind), catalog.SourceStatus(status)
	s.ErrorClass = catalog.ErrorClass(class)
	s.LastHarvest, s.LastSuccess = timeOf(lastHarvest), timeOf(lastOK)
	s.NextCheck, s.CreatedAt = next.UTC(), created.UTC()
	s.Interval = time.Duration(interval)
	return &s, nil
}

// checkSource validates s for CreateSource and UpdateSource; errors wrap
// catalog.ErrInvalid.
func checkSource(s *catalog.Source) error {
	s.URL = strings.TrimSpace(s.URL)
	if err := s.Validate(); err != nil {
		return err
	}
	if s.Status != "" && !validStatus(s.Status) {
		return fmt.Errorf("%w: unknown source status %q", catalog.ErrInvalid, s.Status)
	}
	if s.Interval < 0 {
		return fmt.Errorf("%w: negative polling interval %v", catalog.ErrInvalid, s.Interval)
	}
	return checkText("source", s.URL, s.Name, s.Publisher, s.Language, s.Country,
		s.LastError, s.ETag, s.LastModified, string(s.ErrorClass))
}

// CreateSource stores a new source. It validates s (errors wrap
// catalog.ErrInvalid), then sets s.ID and s.CreatedAt, and defaults Status to
// new, NextCheck to now and Interval to catalog.DefaultInterval. A source
// with the same URL already stored yields an error wrapping
// catalog.ErrConflict.
func (s *Store) CreateSource(ctx context.Context, src *catalog.Source) error {
	if err := checkSource(src); err != nil {
		return fmt.Errorf("create source: %w", err)
	}
	t := now()
	if src.Status == "" {
		src.Status = catalog.StatusNew
	}
	if src.NextCheck.IsZero() {
		src.NextCheck = t
	}
	if src.Interval == 0 {
		src.Interval = catalog.DefaultInterval
	}
	src.NextCheck = utc(src.NextCheck)
	src.LastHarvest = utc(src.LastHarvest)
	src.LastSuccess = utc(src.LastSuccess)
	src.CreatedAt = t
	const q = `INSERT INTO sources (kind, url, name, publisher, language, country, status, last_error,
		fail_count, last_harvest, last_success, next_check, interval_ns, etag, last_modified, created_at,
		error_class, error_streak, rules)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
	RETURNING id`
	err := s.pool.QueryRow(ctx, q, string(src.Kind), src.URL, src.Name, src.Publisher,
		src.Language, src.Country, string(src.Status), src.LastError, src.FailCount,
		nullTime(src.LastHarvest), nullTime(src.LastSuccess), src.NextCheck,
		int64(src.Interval), src.ETag, src.LastModified, src.CreatedAt,
		string(src.ErrorClass), src.ErrorStreak, catalog.MarshalRules(src.Rules)).Scan(&src.ID)
	if isUnique(err) {
		return fmt.Errorf("create source: %w: a source with URL %s", catalog.ErrConflict, src.URL)
	}
	if err != nil {
		return fmt.Errorf("create source %s: %w", src.URL, err)
	}
	return nil
}

// Source returns the source with the given ID; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) Source(ctx context.Context, id int64) (*catalog.Source, error) {
	const q = `SELECT ` + sourceColumns + ` FROM sources WHERE id = $1`
	src, err := scanSource(s.pool.QueryRow(ctx, q, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("source %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("source %d: %w", id, err)
	}
	return src, nil
}

// SourceByURL returns the source whose URL is exactly url (after trimming
// spaces); none yields an error wrapping catalog.ErrNotFound.
func (s *Store) SourceByURL(ctx context.Context, url string) (*catalog.Source, error) {
	url = strings.TrimSpace(url)
	if checkText("URL", url) != nil {
		return nil, fmt.Errorf("source %q: %w", url, catalog.ErrNotFound)
	}
	const q = `SELECT ` + sourceColumns + ` FROM sources WHERE url = $1`
	src, err := scanSource(s.pool.QueryRow(ctx, q, url))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("source %s: %w", url, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", url, err)
	}
	return src, nil
}

// Sources returns every source ordered by ID.
func (s *Store) Sources(ctx context.Context) ([]catalog.Source, error) {
	const q = `SELECT ` + sourceColumns + ` FROM sources ORDER BY id`
	return s.querySources(ctx, "list sources", q)
}

// DueSources returns up to limit sources (all when limit <= 0) that are not
// disabled and whose NextCheck is at or before now, the longest overdue
// first.
func (s *Store) DueSources(ctx context.Context, now time.Time, limit int) ([]catalog.Source, error) {
	var max *int // NULL: no limit
	if limit > 0 {
		max = &limit
	}
	const q = `SELECT ` + sourceColumns + ` FROM sources
	WHERE status <> 'disabled' AND kind <> 'contributions' AND next_check <= $1
	ORDER BY next_check, id
	LIMIT $2`
	return s.querySources(ctx, "list due sources", q, now.UTC(), max)
}

func (s *Store) querySources(ctx context.Context, what, q string, args ...any) ([]catalog.Source, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []catalog.Source{}
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, *src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// UpdateSource saves the editable fields of src: kind, URL, name,
// publisher, language, country, status, NextCheck, Interval and Rules. An empty
// Status, a zero NextCheck or a zero Interval keeps the stored value. On
// success *src is reloaded from the store, harvest state included.
// Errors wrap catalog.ErrInvalid (validation), catalog.ErrNotFound (no
// source src.ID) or catalog.ErrConflict (another source has the URL).
func (s *Store) UpdateSource(ctx context.Context, src *catalog.Source) error {
	if err := checkSource(src); err != nil {
		return fmt.Errorf("update source %d: %w", src.ID, err)
	}
	const q = `UPDATE sources SET
		kind = $1, url = $2, name = $3, publisher = $4, language = $5, country = $6,
		status      = coalesce(nullif($7::text, ''), status),
		next_check  = coalesce($8::timestamptz, next_check),
		interval_ns = coalesce(nullif($9::bigint, 0), interval_ns),
		rules = $10
	WHERE id = $11
	RETURNING ` + sourceColumns
	got, err := scanSource(s.pool.QueryRow(ctx, q, string(src.Kind), src.URL, src.Name,
		src.Publisher, src.Language, src.Country, string(src.Status), nullTime(src.NextCheck),
		int64(src.Interval), catalog.MarshalRules(src.Rules), src.ID))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("update source %d: %w", src.ID, catalog.ErrNotFound)
	case isUnique(err):
		return fmt.Errorf("update source %d: %w: another source has URL %s", src.ID, catalog.ErrConflict, src.URL)
	case err != nil:
		return fmt.Errorf("update source %d: %w", src.ID, err)
	}
	*src = *got
	return nil
}
