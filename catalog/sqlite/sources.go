package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// sourceColumns is the column list that scanSource reads.
const sourceColumns = `id, kind, url, name, publisher, language, country, status, last_error,
	fail_count, last_harvest, last_success, next_check, interval_ns, etag, last_modified, created_at,
	error_class, error_streak, rules`

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanSource(r scanner) (*catalog.Source, error) {
	var (
		s                   catalog.Source
		lastHarvest, lastOK sql.NullInt64
		next, created       int64
		interval            int64
		rules               string
	)
	err := r.Scan(&s.ID, &s.Kind, &s.URL, &s.Name, &s.Publisher, &s.Language, &s.Country,
		&s.Status, &s.LastError, &s.FailCount, &lastHarvest, &lastOK, &next, &interval,
		&s.ETag, &s.LastModified, &created, &s.ErrorClass, &s.ErrorStreak, &rules)
	if err != nil {
		return nil, err
	}
	if s.Rules, err = catalog.UnmarshalRules(rules); err != nil {
		return nil, err
	}
	s.LastHarvest = timeOf(lastHarvest)
	s.LastSuccess = timeOf(lastOK)
	s.NextCheck = time.UnixMicro(next).UTC()
	s.CreatedAt = time.UnixMicro(created).UTC()
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
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	RETURNING id`
	err := s.write.QueryRowContext(ctx, q, src.Kind, src.URL, src.Name, src.Publisher,
		src.Language, src.Country, src.Status, src.LastError, src.FailCount,
		micros(src.LastHarvest), micros(src.LastSuccess), src.NextCheck.UnixMicro(),
		int64(src.Interval), src.ETag, src.LastModified, src.CreatedAt.UnixMicro(),
		src.ErrorClass, src.ErrorStreak, catalog.MarshalRules(src.Rules)).Scan(&src.ID)
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
	const q = `SELECT ` + sourceColumns + ` FROM sources WHERE id = ?`
	src, err := scanSource(s.read.QueryRowContext(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	const q = `SELECT ` + sourceColumns + ` FROM sources WHERE url = ?`
	src, err := scanSource(s.read.QueryRowContext(ctx, q, url))
	if errors.Is(err, sql.ErrNoRows) {
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
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	const q = `SELECT ` + sourceColumns + ` FROM sources
	WHERE status <> 'disabled' AND kind <> 'contributions' AND next_check <= ?
	ORDER BY next_check, id
	LIMIT ?`
	return s.querySources(ctx, "list due sources", q, now.UnixMicro(), limit)
}

func (s *Store) querySources(ctx context.Context, what, q string, args ...any) ([]catalog.Source, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
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
		kind = ?, url = ?, name = ?, publisher = ?, language = ?, country = ?,
		status      = coalesce(nullif(?, ''), status),
		next_check  = coalesce(?, next_check),
		interval_ns = coalesce(nullif(?, 0), interval_ns),
		rules = ?
	WHERE id = ?
	RETURNING ` + sourceColumns
	got, err := scanSource(s.write.QueryRowContext(ctx, q, src.Kind, src.URL, src.Name,
		src.Publisher, src.Language, src.Country, src.Status, micros(src.NextCheck),
		int64(src.Interval), catalog.MarshalRules(src.Rules), src.ID))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("update source %d: %w", src.ID, catalog.ErrNotFound)
	case isUnique(err):
		return fmt.Errorf("update source %d: %w: another source has URL %s", src.ID, catalog.ErrConflict, src.URL)
	case err != nil:
		return fmt.Errorf("update source %d: %w", src.ID, err)
	}
	*src = *got
	return nil
}
