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

// sheetColumns is what scanSheetSection reads, from sheet_sections s
// joined to the users who verified (v) and edited (e) it.
const sheetColumns = `s.country, s.section, s.text, s.language, s.verified_at, s.verified_by,
	COALESCE(v.name, ''), s.edited_at, s.edited_by, COALESCE(e.name, ''), s.reminded_at`

const sheetFrom = ` FROM sheet_sections s LEFT JOIN users v ON v.id = s.verified_by
	LEFT JOIN users e ON e.id = s.edited_by`

// sheetOrder sorts by code point, as SQLite does, whatever the database's
// collation.
const sheetOrder = ` ORDER BY s.country COLLATE "C", s.section COLLATE "C"`

func scanSheetSection(r pgx.Row) (*catalog.SheetSection, error) {
	var (
		sec              catalog.SheetSection
		verifier, editor pgtype.Int8
		reminded         pgtype.Timestamptz
	)
	err := r.Scan(&sec.Country, &sec.Section, &sec.Text, &sec.Language, &sec.VerifiedAt, &verifier,
		&sec.VerifierName, &sec.EditedAt, &editor, &sec.EditorName, &reminded)
	if err != nil {
		return nil, err
	}
	sec.VerifiedAt, sec.EditedAt = sec.VerifiedAt.UTC(), sec.EditedAt.UTC()
	sec.VerifiedBy, sec.EditedBy = verifier.Int64, editor.Int64
	sec.RemindedAt = timeOf(reminded)
	return &sec, nil
}

// SheetSections lists the stored sections of a country's sheet, or of
// every sheet when country is "", by country and section name.
func (s *Store) SheetSections(ctx context.Context, country string) ([]catalog.SheetSection, error) {
	q := `SELECT ` + sheetColumns + sheetFrom
	var args []any
	if country != "" {
		q += ` WHERE s.country = $1`
		args = append(args, cleanText(country))
	}
	rows, err := s.pool.Query(ctx, q+sheetOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("sheet sections %q: %w", country, err)
	}
	defer rows.Close()
	var out []catalog.SheetSection
	for rows.Next() {
		sec, err := scanSheetSection(rows)
		if err != nil {
			return nil, fmt.Errorf("sheet sections %q: %w", country, err)
		}
		out = append(out, *sec)
	}
	return out, rows.Err()
}

// editorArg is a user column's value: NULL for no user.
func editorArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// SaveSheetSection writes an editor's text of a section and verifies it,
// recording the change as a revision, in one transaction. A text and
// language equal to the stored ones change nothing and give a nil revision.
// Errors wrap catalog.ErrInvalid (the edit breaks a rule) or
// catalog.ErrNotFound (no such editor).
func (s *Store) SaveSheetSection(ctx context.Context, e *catalog.SheetEdit) (*catalog.SheetRevision, error) {
	if err := e.Validate(); err != nil {
		return nil, fmt.Errorf("save sheet section: %w", err)
	}
	at := utc(e.At)
	if at.IsZero() {
		at = now()
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("save sheet section %s/%s: %w", e.Country, e.Section, err)
	}
	defer tx.Rollback(ctx)
	var text, lang string
	err = tx.QueryRow(ctx, `SELECT text, language FROM sheet_sections WHERE country = $1 AND section = $2 FOR UPDATE`,
		e.Country, e.Section).Scan(&text, &lang)
	switch {
	case err == nil && text == e.Text && lang == e.Language:
		return nil, nil
	case err != nil && !errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("save sheet section %s/%s: %w", e.Country, e.Section, err)
	}
	const upsert = `INSERT INTO sheet_sections (country, section, text, language, verified_at, verified_by, edited_at, edited_by)
	VALUES ($1, $2, $3, $4, $5, $6, $5, $6)
	ON CONFLICT (country, section) DO UPDATE SET text = excluded.text, language = excluded.language,
		verified_at = excluded.verified_at, verified_by = excluded.verified_by,
		edited_at = excluded.edited_at, edited_by = excluded.edited_by`
	if _, err := tx.Exec(ctx, upsert, e.Country, e.Section, e.Text, e.Language, at, editorArg(e.EditorID)); err != nil {
		return nil, sheetWriteError(e.Country, e.Section, e.EditorID, err)
	}
	rev, err := addSheetRevision(ctx, tx, e.Country, e.Section, catalog.RevisionEdited, e.EditorID, at)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("save sheet section %s/%s: %w", e.Country, e.Section, err)
	}
	return rev, nil
}

// VerifySheetSection records that an editor confirmed a section is current
// at the given time (zero: now), leaving its text alone, and keeps it as a
// revision. Errors wrap catalog.ErrNotFound (no such section or editor).
func (s *Store) VerifySheetSection(ctx context.Context, country, section string, editorID int64, at time.Time) (*catalog.SheetRevision, error) {
	at = utc(at)
	if at.IsZero() {
		at = now()
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify sheet section %s/%s: %w", country, section, err)
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `UPDATE sheet_sections SET verified_at = $1, verified_by = $2 WHERE country = $3 AND section = $4`,
		at, editorArg(editorID), cleanText(country), cleanText(section))
	if err != nil {
		return nil, sheetWriteError(country, section, editorID, err)
	}
	if tag.RowsAffected() == 0 {
		return nil, fmt.Errorf("verify sheet section %s/%s: %w", country, section, catalog.ErrNotFound)
	}
	rev, err := addSheetRevision(ctx, tx, country, section, catalog.RevisionVerified, editorID, at)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("verify sheet section %s/%s: %w", country, section, err)
	}
	return rev, nil
}

func sheetWriteError(country, section string, editorID int64, err error) error {
	if isForeignKey(err) {
		return fmt.Errorf("sheet section %s/%s: editor %d: %w", country, section, editorID, catalog.ErrNotFound)
	}
	return fmt.Errorf("sheet section %s/%s: %w", country, section, err)
}

// addSheetRevision copies the section as it now stands into its history.
func addSheetRevision(ctx context.Context, tx pgx.Tx, country, section, kind string, editorID int64, at time.Time) (*catalog.SheetRevision, error) {
	const q = `INSERT INTO sheet_revisions (country, section, kind, text, language, editor_id, at)
	SELECT country, section, $1, text, language, $2, $3 FROM sheet_sections WHERE country = $4 AND section = $5
	RETURNING id, text, language, COALESCE((SELECT name FROM users WHERE id = editor_id), '')`
	rev := &catalog.SheetRevision{Country: country, Section: section, Kind: kind, EditorID: editorID, At: at}
	err := tx.QueryRow(ctx, q, kind, editorArg(editorID), at, country, section).
		Scan(&rev.ID, &rev.Text, &rev.Language, &rev.EditorName)
	if err != nil {
		return nil, sheetWriteError(country, section, editorID, err)
	}
	return rev, nil
}

// SheetRevisions lists the history of a section (of every section of the
// country when section is ""), newest first, at most limit (all when
// limit <= 0).
func (s *Store) SheetRevisions(ctx context.Context, country, section string, limit int) ([]catalog.SheetRevision, error) {
	q := `SELECT r.id, r.country, r.section, r.kind, r.text, r.language, r.editor_id, COALESCE(u.name, ''), r.at
	FROM sheet_revisions r LEFT JOIN users u ON u.id = r.editor_id WHERE r.country = $1`
	args := []any{cleanText(country)}
	if section != "" {
		args = append(args, cleanText(section))
		q += fmt.Sprintf(` AND r.section = $%d`, len(args))
	}
	q += ` ORDER BY r.id DESC`
	if limit > 0 {
		args = append(args, limit)
		q += fmt.Sprintf(` LIMIT $%d`, len(args))
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sheet revisions %s/%s: %w", country, section, err)
	}
	defer rows.Close()
	var out []catalog.SheetRevision
	for rows.Next() {
		var (
			r      catalog.SheetRevision
			editor pgtype.Int8
		)
		if err := rows.Scan(&r.ID, &r.Country, &r.Section, &r.Kind, &r.Text, &r.Language, &editor, &r.EditorName, &r.At); err != nil {
			return nil, fmt.Errorf("sheet revisions %s/%s: %w", country, section, err)
		}
		r.EditorID, r.At = editor.Int64, r.At.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimSheetReminders marks as reminded at the given time the sections of
// countries (nil: of every country) last verified before verifiedBefore
// whose current stale period has had no reminder yet, and returns them:
// each stale period is claimed once, however many processes ask, and
// verifying a section starts a new one.
func (s *Store) ClaimSheetReminders(ctx context.Context, countries []string, verifiedBefore, at time.Time) ([]catalog.SheetSection, error) {
	if countries != nil && len(countries) == 0 {
		return []catalog.SheetSection{}, nil
	}
	var only []string // NULL: every country
	for _, c := range countries {
		only = append(only, cleanText(c))
	}
	const q = `WITH claimed AS (
		UPDATE sheet_sections SET reminded_at = $1
		WHERE verified_at < $2 AND (reminded_at IS NULL OR reminded_at < verified_at)
			AND ($3::text[] IS NULL OR country = ANY($3))
		RETURNING *)
	SELECT ` + sheetColumns + ` FROM claimed s LEFT JOIN users v ON v.id = s.verified_by
		LEFT JOIN users e ON e.id = s.edited_by` + sheetOrder
	rows, err := s.pool.Query(ctx, q, utc(at), utc(verifiedBefore), only)
	if err != nil {
		return nil, fmt.Errorf("claim sheet reminders: %w", err)
	}
	defer rows.Close()
	out := []catalog.SheetSection{}
	for rows.Next() {
		sec, err := scanSheetSection(rows)
		if err != nil {
			return nil, fmt.Errorf("claim sheet reminders: %w", err)
		}
		out = append(out, *sec)
	}
	return out, rows.Err()
}

// UsersByRole lists the users holding one of roles, by ID.
func (s *Store) UsersByRole(ctx context.Context, roles ...catalog.Role) ([]catalog.User, error) {
	if len(roles) == 0 {
		return nil, nil
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+userColumns+` FROM users WHERE role = ANY($1) ORDER BY id`, names)
	if err != nil {
		return nil, fmt.Errorf("users by role: %w", err)
	}
	defer rows.Close()
	var out []catalog.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("users by role: %w", err)
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}
