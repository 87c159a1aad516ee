package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

const savedSearchColumns = `id, user_id, name, query, frequency, created_at, alerted_at`

func scanSavedSearch(r pgx.Row) (*catalog.SavedSearch, error) {
	var (
		s       catalog.SavedSearch
		freq    string
		created time.Time
		alerted pgtype.Timestamptz
	)
	if err := r.Scan(&s.ID, &s.UserID, &s.Name, &s.Query, &freq, &created, &alerted); err != nil {
		return nil, err
	}
	s.Frequency = catalog.AlertFrequency(freq)
	s.CreatedAt, s.AlertedAt = created.UTC(), timeOf(alerted)
	return &s, nil
}

// CreateSavedSearch stores s for s.UserID, setting s.ID and s.CreatedAt.
// Errors wrap catalog.ErrInvalid (validation, or the user already keeps
// catalog.MaxSavedSearches) or catalog.ErrNotFound (no such user).
func (s *Store) CreateSavedSearch(ctx context.Context, ss *catalog.SavedSearch) error {
	if err := ss.Validate(); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	if err := checkText("saved search", ss.Name, ss.Query); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	ss.CreatedAt, ss.AlertedAt = now(), time.Time{}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	defer tx.Rollback(ctx)
	// The user's row, locked, serialises concurrent saves of one user so
	// the count below holds.
	var one int
	switch err := tx.QueryRow(ctx, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, ss.UserID).Scan(&one); {
	case errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("save search: user %d: %w", ss.UserID, catalog.ErrNotFound)
	case err != nil:
		return fmt.Errorf("save search: %w", err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM saved_searches WHERE user_id = $1`, ss.UserID).Scan(&n); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	if n >= catalog.MaxSavedSearches {
		return fmt.Errorf("save search: %w: user %d keeps %d searches already", catalog.ErrInvalid, ss.UserID, n)
	}
	const q = `INSERT INTO saved_searches (user_id, name, query, frequency, created_at)
	VALUES ($1, $2, $3, $4, $5) RETURNING id`
	if err := tx.QueryRow(ctx, q, ss.UserID, ss.Name, ss.Query, string(ss.Frequency), ss.CreatedAt).Scan(&ss.ID); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	return nil
}

// SavedSearch returns the user's saved search id; an error wrapping
// catalog.ErrNotFound when there is none or it is another user's.
func (s *Store) SavedSearch(ctx context.Context, userID, id int64) (*catalog.SavedSearch, error) {
	const q = `SELECT ` + savedSearchColumns + ` FROM saved_searches WHERE id = $1 AND user_id = $2`
	ss, err := scanSavedSearch(s.pool.QueryRow(ctx, q, id, userID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("saved search %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("saved search %d: %w", id, err)
	}
	return ss, nil
}

// SavedSearches lists the user's saved searches, newest first.
func (s *Store) SavedSearches(ctx context.Context, userID int64) ([]catalog.SavedSearch, error) {
	const q = `SELECT ` + savedSearchColumns + ` FROM saved_searches WHERE user_id = $1 ORDER BY id DESC`
	return s.savedSearches(ctx, "saved searches", q, userID)
}

func (s *Store) savedSearches(ctx context.Context, what, q string, args ...any) ([]catalog.SavedSearch, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []catalog.SavedSearch{}
	for rows.Next() {
		ss, err := scanSavedSearch(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, *ss)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// UpdateSavedSearch saves the name and frequency of the user's saved
// search ss.ID and reloads ss. Errors wrap catalog.ErrInvalid or
// catalog.ErrNotFound (none, or another user's).
func (s *Store) UpdateSavedSearch(ctx context.Context, ss *catalog.SavedSearch) error {
	if err := ss.Validate(); err != nil {
		return fmt.Errorf("update saved search: %w", err)
	}
	if err := checkText("saved search", ss.Name); err != nil {
		return fmt.Errorf("update saved search: %w", err)
	}
	const q = `UPDATE saved_searches SET name = $1, frequency = $2 WHERE id = $3 AND user_id = $4
	RETURNING ` + savedSearchColumns
	got, err := scanSavedSearch(s.pool.QueryRow(ctx, q, ss.Name, string(ss.Frequency), ss.ID, ss.UserID))
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("update saved search %d: %w", ss.ID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("update saved search %d: %w", ss.ID, err)
	}
	*ss = *got
	return nil
}

// DeleteSavedSearch deletes the user's saved search id; an error wrapping
// catalog.ErrNotFound when there is none or it is another user's.
func (s *Store) DeleteSavedSearch(ctx context.Context, userID, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM saved_searches WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return fmt.Errorf("delete saved search %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete saved search %d: %w", id, catalog.ErrNotFound)
	}
	return nil
}

// DueSavedSearches lists the saved searches whose alert is due at now
// (catalog.SavedSearch.Due), by the time they last looked for new
// documents, oldest first, at most limit (all when limit <= 0).
func (s *Store) DueSavedSearches(ctx context.Context, at time.Time, limit int) ([]catalog.SavedSearch, error) {
	const q = `SELECT ` + savedSearchColumns + ` FROM saved_searches
	WHERE frequency <> 'none' AND (
		frequency = 'daily' AND coalesce(alerted_at, created_at) <= $1 OR
		frequency = 'weekly' AND coalesce(alerted_at, created_at) <= $2)
	ORDER BY coalesce(alerted_at, created_at), id LIMIT $3`
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	return s.savedSearches(ctx, "due saved searches", q,
		at.Add(-catalog.AlertDaily.Period()), at.Add(-catalog.AlertWeekly.Period()), lim)
}

// MarkSavedSearchAlerted moves saved search id to the alert made at at,
// when it still looks for documents since since (catalog.SavedSearch.Since):
// of several processes sending the same alert, one gets true, the others
// false. An error wraps catalog.ErrNotFound when there is no search id.
func (s *Store) MarkSavedSearchAlerted(ctx context.Context, id int64, since, at time.Time) (bool, error) {
	const q = `UPDATE saved_searches SET alerted_at = $1
	WHERE id = $2 AND coalesce(alerted_at, created_at) = $3`
	tag, err := s.pool.Exec(ctx, q, at.UTC().Truncate(time.Microsecond), id, since.UTC().Truncate(time.Microsecond))
	if err != nil {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, err)
	}
	if tag.RowsAffected() == 1 {
		return true, nil
	}
	var one int
	if err := s.pool.QueryRow(ctx, `SELECT 1 FROM saved_searches WHERE id = $1`, id).Scan(&one); errors.Is(err, pgx.ErrNoRows) {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, catalog.ErrNotFound)
	} else if err != nil {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, err)
	}
	return false, nil
}
