package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

const savedSearchColumns = `id, user_id, name, query, frequency, created_at, alerted_at`

func scanSavedSearch(r scanner) (*catalog.SavedSearch, error) {
	var (
		s       catalog.SavedSearch
		freq    string
		created int64
		alerted sql.NullInt64
	)
	if err := r.Scan(&s.ID, &s.UserID, &s.Name, &s.Query, &freq, &created, &alerted); err != nil {
		return nil, err
	}
	s.Frequency = catalog.AlertFrequency(freq)
	s.CreatedAt, s.AlertedAt = time.UnixMicro(created).UTC(), timeOf(alerted)
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
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM saved_searches WHERE user_id = ?`, ss.UserID).Scan(&n); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	if n >= catalog.MaxSavedSearches {
		return fmt.Errorf("save search: %w: user %d keeps %d searches already", catalog.ErrInvalid, ss.UserID, n)
	}
	const q = `INSERT INTO saved_searches (user_id, name, query, frequency, created_at)
	VALUES (?, ?, ?, ?, ?) RETURNING id`
	err = tx.QueryRowContext(ctx, q, ss.UserID, ss.Name, ss.Query, string(ss.Frequency), ss.CreatedAt.UnixMicro()).Scan(&ss.ID)
	switch {
	case isForeignKey(err):
		return fmt.Errorf("save search: user %d: %w", ss.UserID, catalog.ErrNotFound)
	case err != nil:
		return fmt.Errorf("save search: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	return nil
}

// SavedSearch returns the user's saved search id; an error wrapping
// catalog.ErrNotFound when there is none or it is another user's.
func (s *Store) SavedSearch(ctx context.Context, userID, id int64) (*catalog.SavedSearch, error) {
	const q = `SELECT ` + savedSearchColumns + ` FROM saved_searches WHERE id = ? AND user_id = ?`
	ss, err := scanSavedSearch(s.read.QueryRowContext(ctx, q, id, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("saved search %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("saved search %d: %w", id, err)
	}
	return ss, nil
}

// SavedSearches lists the user's saved searches, newest first.
func (s *Store) SavedSearches(ctx context.Context, userID int64) ([]catalog.SavedSearch, error) {
	const q = `SELECT ` + savedSearchColumns + ` FROM saved_searches WHERE user_id = ? ORDER BY id DESC`
	return s.savedSearches(ctx, "saved searches", q, userID)
}

func (s *Store) savedSearches(ctx context.Context, what, q string, args ...any) ([]catalog.SavedSearch, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
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
	const q = `UPDATE saved_searches SET name = ?, frequency = ? WHERE id = ? AND user_id = ?
	RETURNING ` + savedSearchColumns
	got, err := scanSavedSearch(s.write.QueryRowContext(ctx, q, ss.Name, string(ss.Frequency), ss.ID, ss.UserID))
	if errors.Is(err, sql.ErrNoRows) {
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
	res, err := s.write.ExecContext(ctx, `DELETE FROM saved_searches WHERE id = ? AND user_id = ?`, id, userID)
	if err != nil {
		return fmt.Errorf("delete saved search %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("delete saved search %d: %w", id, catalog.ErrNotFound)
	}
	return nil
}

// DueSavedSearches lists the saved searches whose alert is due at now
// (catalog.SavedSearch.Due), by the time they last looked for new
// documents, oldest first, at most limit (all
// when limit <= 0).
func (s *Store) DueSavedSearches(ctx context.Context, at time.Time, limit int) ([]catalog.SavedSearch, error) {
	if limit <= 0 {
		limit = -1
	}
	const q = `SELECT ` + savedSearchColumns + ` FROM saved_searches
	WHERE frequency <> 'none' AND (
		frequency = 'daily' AND coalesce(alerted_at, created_at) <= ? OR
		frequency = 'weekly' AND coalesce(alerted_at, created_at) <= ?)
	ORDER BY coalesce(alerted_at, created_at), id LIMIT ?`
	return s.savedSearches(ctx, "due saved searches", q,
		at.Add(-catalog.AlertDaily.Period()).UnixMicro(), at.Add(-catalog.AlertWeekly.Period()).UnixMicro(), limit)
}

// MarkSavedSearchAlerted moves saved search id to the alert made at at,
// when it still looks for documents since since (catalog.SavedSearch.Since):
// of several processes sending the same alert, one gets true, the others
// false. An error wraps catalog.ErrNotFound when there is no search id.
func (s *Store) MarkSavedSearchAlerted(ctx context.Context, id int64, since, at time.Time) (bool, error) {
	const q = `UPDATE saved_searches SET alerted_at = ?
	WHERE id = ? AND coalesce(alerted_at, created_at) = ?`
	res, err := s.write.ExecContext(ctx, q, at.UTC().Truncate(time.Microsecond).UnixMicro(), id,
		since.UTC().Truncate(time.Microsecond).UnixMicro())
	if err != nil {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, err)
	} else if n == 1 {
		return true, nil
	}
	var one int
	if err := s.read.QueryRowContext(ctx, `SELECT 1 FROM saved_searches WHERE id = ?`, id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, catalog.ErrNotFound)
	} else if err != nil {
		return false, fmt.Errorf("mark saved search %d alerted: %w", id, err)
	}
	return false, nil
}
