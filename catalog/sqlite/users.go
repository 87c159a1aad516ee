package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// userColumns is the column list that scanUser reads.
const userColumns = `id, email, name, organisation, organisation_type, country, role, countries,
	email_verified_at, listed, email_language, created_at`

func scanUser(r scanner) (*catalog.User, error) {
	var (
		u         catalog.User
		countries string
		verified  sql.NullInt64
		created   int64
	)
	err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Organisation, &u.OrganisationType, &u.Country,
		&u.Role, &countries, &verified, &u.Listed, &u.EmailLanguage, &created)
	if err != nil {
		return nil, err
	}
	if u.Countries, err = listOf(countries); err != nil {
		return nil, err
	}
	u.EmailVerifiedAt = timeOf(verified)
	u.CreatedAt = time.UnixMicro(created).UTC()
	return &u, nil
}

// checkUser validates u for CreateUser and UpdateUser; errors wrap
// catalog.ErrInvalid.
func checkUser(u *catalog.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return checkText("user", u.Email, u.Name, u.Organisation)
}

// CreateUser stores a new account without a password (SetPassword adds
// it). It validates u (errors wrap catalog.ErrInvalid), then sets u.ID and
// u.CreatedAt. An address already used by another account, whatever its
// letter case, yields an error wrapping catalog.ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u *catalog.User) error {
	if err := checkUser(u); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	u.CreatedAt = now()
	u.EmailVerifiedAt = utc(u.EmailVerifiedAt)
	const q = `INSERT INTO users (email, email_key, name, organisation, organisation_type, country,
		role, countries, email_verified_at, listed, email_language, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	RETURNING id`
	err := s.write.QueryRowContext(ctx, q, u.Email, catalog.EmailKey(u.Email), u.Name,
		u.Organisation, u.OrganisationType, u.Country, u.Role, list(u.Countries),
		micros(u.EmailVerifiedAt), u.Listed, u.EmailLanguage, u.CreatedAt.UnixMicro()).Scan(&u.ID)
	if isUnique(err) {
		return fmt.Errorf("create user: %w: an account with this email address", catalog.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return nil
}

// User returns the account with the given ID; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) User(ctx context.Context, id int64) (*catalog.User, error) {
	const q = `SELECT ` + userColumns + ` FROM users WHERE id = ?`
	u, err := scanUser(s.read.QueryRowContext(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail returns the account of an address, compared without letter
// case and surrounding spaces; none yields an error wrapping
// catalog.ErrNotFound. The address is not repeated in errors, which end up
// in logs.
func (s *Store) UserByEmail(ctx context.Context, email string) (*catalog.User, error) {
	const q = `SELECT ` + userColumns + ` FROM users WHERE email_key = ?`
	u, err := scanUser(s.read.QueryRowContext(ctx, q, cleanText(catalog.EmailKey(email))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user by email: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("user by email: %w", err)
	}
	return u, nil
}

// UpdateUser saves the editable fields of u: name, organisation,
// organisation type, country, role, countries, directory listing and
// email language, and EmailVerifiedAt when it is not zero (a zero value
// keeps the stored one). The address is not changed. On success *u is
// reloaded. Errors wrap catalog.ErrInvalid (validation) or
// catalog.ErrNotFound (no user u.ID).
func (s *Store) UpdateUser(ctx context.Context, u *catalog.User) error {
	if err := checkUser(u); err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, err)
	}
	const q = `UPDATE users SET
		name = ?, organisation = ?, organisation_type = ?, country = ?, role = ?, countries = ?,
		listed = ?, email_language = ?,
		email_verified_at = coalesce(?, email_verified_at)
	WHERE id = ?
	RETURNING ` + userColumns
	got, err := scanUser(s.write.QueryRowContext(ctx, q, u.Name, u.Organisation, u.OrganisationType,
		u.Country, u.Role, list(u.Countries), u.Listed, u.EmailLanguage,
		micros(utc(u.EmailVerifiedAt)), u.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("update user %d: %w", u.ID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, err)
	}
	*u = *got
	return nil
}

// SetPassword stores the hash of a user's new password, as computed by the
// caller (the store never sees a password). An empty hash removes the
// password, so the account cannot sign in until one is set. Errors wrap
// catalog.ErrNotFound (no such user) or catalog.ErrInvalid (bad text).
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	if err := checkText("password hash", hash); err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	res, err := s.write.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set password of user %d: %w", userID, catalog.ErrNotFound)
	}
	return nil
}

// PasswordHash returns what SetPassword stored for a user, "" when no
// password is set; an unknown user yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	err := s.read.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, userID).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("password of user %d: %w", userID, catalog.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("password of user %d: %w", userID, err)
	}
	return h, nil
}
