package postgres

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
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
	const q = `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`
	_, err := s.pool.Exec(ctx, q, hash, userID, t, sess.ExpiresAt)
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
	const q = `SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2`
	var sess catalog.Session
	err := s.pool.QueryRow(ctx, q, catalog.HashToken(token), now()).
		Scan(&sess.UserID, &sess.CreatedAt, &sess.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("session: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	sess.CreatedAt, sess.ExpiresAt = sess.CreatedAt.UTC(), sess.ExpiresAt.UTC()
	return &sess, nil
}

// DeleteSession signs one session out. Deleting a session that does not
// exist is not an error.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, catalog.HashToken(token)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions signs a user out everywhere, as after a password
// change. A user without sessions is not an error.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
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
	const q = `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`
	_, err := s.pool.Exec(ctx, q, hash, userID, string(purpose), t, t.Add(ttl))
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
	const q = `DELETE FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3 RETURNING user_id`
	var id int64
	err := s.pool.QueryRow(ctx, q, catalog.HashToken(token), string(purpose), now()).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
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
		`DELETE FROM sessions WHERE expires_at <= $1`,
		`DELETE FROM user_tokens WHERE expires_at <= $1`,
	} {
		tag, err := s.pool.Exec(ctx, q, now.UTC())
		if err != nil {
			return int(total), fmt.Errorf("delete expired sessions and tokens: %w", err)
		}
		total += tag.RowsAffected()
	}
	return int(total), nil
}

// SiteKey returns the secret key called name, 32 random bytes made on
// first use and shared by every process on this catalog (so that what one
// portal node signs, another can check). Errors come from the database.
func (s *Store) SiteKey(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh) // never fails (crypto/rand)
	const q = `WITH ins AS (
		INSERT INTO site_keys (name, key, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO NOTHING RETURNING key)
	SELECT key FROM ins UNION ALL SELECT key FROM site_keys WHERE name = $1 LIMIT 1`
	// A key inserted by a transaction that commits while this statement
	// runs is outside its snapshot: the second try sees it.
	for try := 0; ; try++ {
		var key []byte
		err := s.pool.QueryRow(ctx, q, name, fresh, now()).Scan(&key)
		if errors.Is(err, pgx.ErrNoRows) && try == 0 {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("site key %s: %w", name, err)
		}
		return key, nil
	}
}
