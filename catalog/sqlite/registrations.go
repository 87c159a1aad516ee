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

const registrationColumns = `id, owner_id, kind, url, name, publisher, language, country, themes, content_type,
	state, reason, source_id, decided_by, created_at, decided_at, notify`

func scanRegistration(r scanner) (*catalog.SourceRegistration, error) {
	var (
		g                 catalog.SourceRegistration
		themes            string
		sourceID, decider sql.NullInt64
		created           int64
		decided           sql.NullInt64
	)
	err := r.Scan(&g.ID, &g.OwnerID, &g.Kind, &g.URL, &g.Name, &g.Publisher, &g.Language, &g.Country,
		&themes, &g.ContentType, &g.State, &g.Reason, &sourceID, &decider, &created, &decided, &g.Notify)
	if err != nil {
		return nil, err
	}
	if g.Themes, err = listOf(themes); err != nil {
		return nil, err
	}
	g.SourceID, g.DecidedBy = sourceID.Int64, decider.Int64
	g.CreatedAt, g.DecidedAt = time.UnixMicro(created).UTC(), timeOf(decided)
	return &g, nil
}

// CreateSourceRegistration stores a proposed source as pending, setting
// r.ID, r.State and r.CreatedAt. Errors wrap catalog.ErrInvalid
// (validation), catalog.ErrNotFound (no user r.OwnerID) or
// catalog.ErrConflict (a source with this URL exists, or a pending
// proposal of it).
func (s *Store) CreateSourceRegistration(ctx context.Context, r *catalog.SourceRegistration) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("register source: %w", err)
	}
	if err := checkText("source registration", r.URL, r.Name, r.Publisher); err != nil {
		return fmt.Errorf("register source: %w", err)
	}
	r.State, r.Reason, r.SourceID, r.DecidedBy, r.DecidedAt = catalog.RegistrationPending, "", 0, 0, time.Time{}
	r.CreatedAt = now()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("register source: %w", err)
	}
	defer tx.Rollback()
	var one int
	switch err := tx.QueryRowContext(ctx, `SELECT 1 FROM sources WHERE url = ?`, r.URL).Scan(&one); {
	case err == nil:
		return fmt.Errorf("register source: %w: a source with URL %s", catalog.ErrConflict, r.URL)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("register source: %w", err)
	}
	const q = `INSERT INTO source_registrations (owner_id, kind, url, name, publisher, language, country,
		themes, content_type, state, created_at, notify)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id`
	err = tx.QueryRowContext(ctx, q, r.OwnerID, r.Kind, r.URL, r.Name, r.Publisher, r.Language, r.Country,
		list(r.Themes), r.ContentType, r.CreatedAt.UnixMicro(), r.Notify).Scan(&r.ID)
	switch {
	case isUnique(err):
		return fmt.Errorf("register source: %w: %s is already proposed", catalog.ErrConflict, r.URL)
	case isForeignKey(err):
		return fmt.Errorf("register source: user %d: %w", r.OwnerID, catalog.ErrNotFound)
	case err != nil:
		return fmt.Errorf("register source: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("register source: %w", err)
	}
	return nil
}

// SourceRegistration returns one registration; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) SourceRegistration(ctx context.Context, id int64) (*catalog.SourceRegistration, error) {
	const q = `SELECT ` + registrationColumns + ` FROM source_registrations WHERE id = ?`
	g, err := scanRegistration(s.read.QueryRowContext(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("source registration %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("source registration %d: %w", id, err)
	}
	return g, nil
}

// SourceRegistrations lists registrations newest first: those of ownerID
// (every owner's when 0) in state (every state when "").
func (s *Store) SourceRegistrations(ctx context.Context, ownerID int64, state catalog.RegistrationState) ([]catalog.SourceRegistration, error) {
	var where []string
	var args []any
	if ownerID != 0 {
		where, args = append(where, "owner_id = ?"), append(args, ownerID)
	}
	if state != "" {
		where, args = append(where, "state = ?"), append(args, state)
	}
	q := `SELECT ` + registrationColumns + ` FROM source_registrations`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY id DESC`
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list source registrations: %w", err)
	}
	defer rows.Close()
	out := []catalog.SourceRegistration{}
	for rows.Next() {
		g, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("list source registrations: %w", err)
		}
		out = append(out, *g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list source registrations: %w", err)
	}
	return out, nil
}

// DecideSourceRegistration records an editor's decision on a pending
// registration, in one transaction: approving makes the source (harvested
// from then on), refusing needs a reason. It returns the registration as
// decided. Errors wrap catalog.ErrNotFound (no such registration),
// catalog.ErrInvalid (a refusal without reason) or catalog.ErrConflict
// (already decided, or a source with the URL appeared meanwhile).
func (s *Store) DecideSourceRegistration(ctx context.Context, id, editorID int64, approve bool, reason string) (*catalog.SourceRegistration, error) {
	reason = strings.TrimSpace(reason)
	if !approve && reason == "" {
		return nil, fmt.Errorf("decide source registration %d: %w: reason: a refusal needs a reason", id, catalog.ErrInvalid)
	}
	if err := checkText("reason", reason); err != nil {
		return nil, fmt.Errorf("decide source registration %d: %w", id, err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("decide source registration %d: %w", id, err)
	}
	defer tx.Rollback()
	g, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM source_registrations WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("decide source registration %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("decide source registration %d: %w", id, err)
	}
	if g.State != catalog.RegistrationPending {
		return nil, fmt.Errorf("decide source registration %d: %w: already %s", id, catalog.ErrConflict, g.State)
	}
	t := now()
	var sourceID any
	state := catalog.RegistrationRefused
	if approve {
		state, reason = catalog.RegistrationApproved, ""
		src := g.NewSource()
		const ins = `INSERT INTO sources (kind, url, name, publisher, language, country, status, next_check, interval_ns, created_at, trust)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unverified') RETURNING id`
		var sid int64
		err := tx.QueryRowContext(ctx, ins, src.Kind, src.URL, src.Name, src.Publisher, src.Language, src.Country,
			src.Status, t.UnixMicro(), int64(src.Interval), t.UnixMicro()).Scan(&sid)
		if isUnique(err) {
			return nil, fmt.Errorf("decide source registration %d: %w: a source with URL %s", id, catalog.ErrConflict, src.URL)
		}
		if err != nil {
			return nil, fmt.Errorf("decide source registration %d: %w", id, err)
		}
		sourceID = sid
	}
	const upd = `UPDATE source_registrations SET state = ?, reason = ?, source_id = ?, decided_by = ?, decided_at = ?
	WHERE id = ? RETURNING ` + registrationColumns
	g, err = scanRegistration(tx.QueryRowContext(ctx, upd, state, reason, sourceID, editorID, t.UnixMicro(), id))
	if isForeignKey(err) {
		return nil, fmt.Errorf("decide source registration %d: editor %d: %w", id, editorID, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("decide source registration %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("decide source registration %d: %w", id, err)
	}
	return g, nil
}

// SetRegistrationNotify sets what the owner of registration id is mailed
// about. Errors wrap catalog.ErrInvalid (an unknown policy) or
// catalog.ErrNotFound (no registration id of ownerID).
func (s *Store) SetRegistrationNotify(ctx context.Context, id, ownerID int64, n catalog.NotifyPolicy) error {
	if !n.Valid() {
		return fmt.Errorf("set notify of registration %d: %w: unknown choice %q", id, catalog.ErrInvalid, n)
	}
	res, err := s.write.ExecContext(ctx, `UPDATE source_registrations SET notify = ? WHERE id = ? AND owner_id = ?`,
		string(n), id, ownerID)
	if err != nil {
		return fmt.Errorf("set notify of registration %d: %w", id, err)
	}
	if k, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("set notify of registration %d: %w", id, err)
	} else if k == 0 {
		return fmt.Errorf("set notify of registration %d of user %d: %w", id, ownerID, catalog.ErrNotFound)
	}
	return nil
}

// SourceOwners lists the approved registrations that made source
// sourceID, oldest first: whom to tell about its health. A source nobody
// proposed has none.
func (s *Store) SourceOwners(ctx context.Context, sourceID int64) ([]catalog.SourceRegistration, error) {
	const q = `SELECT ` + registrationColumns + ` FROM source_registrations
	WHERE source_id = ? AND state = 'approved' ORDER BY id`
	rows, err := s.read.QueryContext(ctx, q, sourceID)
	if err != nil {
		return nil, fmt.Errorf("owners of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	out := []catalog.SourceRegistration{}
	for rows.Next() {
		g, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("owners of source %d: %w", sourceID, err)
		}
		out = append(out, *g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("owners of source %d: %w", sourceID, err)
	}
	return out, nil
}
