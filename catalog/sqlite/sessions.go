package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// CreateSession signs a user in for ttl: it stores the hash of a new
// random token and returns the token, to be set in the browser's cookie,
// with the session. A ttl <= 0 yields an error wrapping catalog.ErrInvalid;
// an unknown user one wrapping catalog.ErrNotFound.
func (s *Store) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *catalog.Session, error) {
	if ttl <= 0 {
		return "", nil, fmt.Errorf("create session: %w: lifetime %v", catalog.ErrInvalid, ttl)
	}
	token, hash := catalog.NewToken()
	t := now()
	sess := &catalog.Session{UserID: userID, CreatedAt: t, ExpiresAt: utc(t.Add(ttl))}
	const q = `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`
	_, err := s.write.ExecContext(ctx, q, hash, userID, t.UnixMicro(), sess.ExpiresAt.UnixMicro())
	if isForeignKey(err) {
		return "", nil, fmt.Errorf("create session: user %d: %w", userID, catalog.ErrNotFound)
	}
	if err != nil {
		return "", nil, fmt.Errorf("create session for user %d: %w", userID, err)
	}
	return token, sess, nil
}

// SessionByToken returns the session of a token that CreateSession gave
// out; an unknown, deleted or expired token yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) SessionByToken(ctx context.Context, token string) (*catalog.Session, error) {
	const q = `SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?`
	var sess catalog.Session
	var created, expires int64
	err := s.read.QueryRowContext(ctx, q, catalog.HashToken(token), now().UnixMicro()).
		Scan(&sess.UserID, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("session: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	sess.CreatedAt, sess.ExpiresAt = time.UnixMicro(created).UTC(), time.UnixMicro(expires).UTC()
	return &sess, nil
}

// DeleteSession signs one session out. Deleting a session that does not
// exist is not an error.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, catalog.HashToken(token)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions signs a user out everywhere, as after a password
// change. A user without sessions is not an error.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// CreateUserToken stores the hash of a new one-time token that proves
// purpose for a user until ttl has passed, and returns the token to mail.
// Errors wrap catalog.ErrInvalid (unknown purpose, ttl <= 0) or
// catalog.ErrNotFound (unknown user).
func (s *Store) CreateUserToken(ctx context.Context, userID int64, purpose catalog.TokenPurpose, ttl time.Duration) (string, error) {
	if !purpose.Valid() || ttl <= 0 {
		return "", fmt.Errorf("create token: %w: purpose %q, lifetime %v", catalog.ErrInvalid, purpose, ttl)
	}
	token, hash := catalog.NewToken()
	t := now()
	const q = `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`
	_, err := s.write.ExecContext(ctx, q, hash, userID, purpose, t.UnixMicro(), t.Add(ttl).UnixMicro())
	if isForeignKey(err) {
		return "", fmt.Errorf("create token: user %d: %w", userID, catalog.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("create token for user %d: %w", userID, err)
	}
	return token, nil
}

// UseUserToken consumes a one-time token of the given purpose and returns
// the ID of the user it was made for. A token works once: it is deleted in
// the same statement that reads it, so two concurrent uses cannot both
// succeed. An unknown, used, expired or other-purpose token yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) UseUserToken(ctx context.Context, token string, purpose catalog.TokenPurpose) (int64, error) {
	const q = `DELETE FROM user_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ? RETURNING user_id`
	var id int64
	err := s.write.QueryRowContext(ctx, q, catalog.HashToken(token), purpose, now().UnixMicro()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("use token: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("use token: %w", err)
	}
	return id, nil
}

// DeleteExpired removes the sessions and one-time tokens that expired
// before now and returns how many it removed.
func (s *Store) DeleteExpired(ctx context.Context, now time.Time) (int, error) {
	var total int64
	for _, q := range []string{
		`DELETE FROM sessions WHERE expires_at <= ?`,
		`DELETE FROM user_tokens WHERE expires_at <= ?`,
	} {
		res, err := s.write.ExecContext(ctx, q, now.UnixMicro())
		if err != nil {
			return int(total), fmt.Errorf("delete expired sessions and tokens: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return int(total), nil
}

// SiteKey returns the secret key called name, 32 random bytes made on
// first use and shared by every process on this catalog (so that what one
// portal node signs, another can check). Errors come from the database.
func (s *Store) SiteKey(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh) // never fails (crypto/rand)
	const ins = `INSERT INTO site_keys (name, key, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`
	if _, err := s.write.ExecContext(ctx, ins, name, fresh, now().UnixMicro()); err != nil {
		return nil, fmt.Errorf("site key %s: %w", name, err)
	}
	var key []byte
	if err := s.write.QueryRowContext(ctx, `SELECT key FROM site_keys WHERE name = ?`, name).Scan(&key); err != nil {
		return nil, fmt.Errorf("site key %s: %w", name, err)
	}
	return key, nil
}
