package catalogtest

import (
	"bytes"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func testSessions(t *testing.T, open func(t *testing.T) Store) {
	t.Run("CreateFindDelete", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "s@hub.example", Name: "S"})
		before := time.Now()
		token, sess, err := s.CreateSession(ctx, u.ID, time.Hour)
		if err != nil {
			t.Fatalf("CreateSession: %v", err)
		}
		if len(token) < 40 {
			t.Errorf("token %q is too short to be unguessable", token)
		}
		if sess.UserID != u.ID || sess.ExpiresAt.Sub(before) < 59*time.Minute || sess.ExpiresAt.Sub(before) > 61*time.Minute {
			t.Errorf("session = %+v", sess)
		}
		got, err := s.SessionByToken(ctx, token)
		if err != nil {
			t.Fatalf("SessionByToken: %v", err)
		}
		if got.UserID != u.ID || !got.ExpiresAt.Equal(sess.ExpiresAt) || !got.CreatedAt.Equal(sess.CreatedAt) {
			t.Errorf("SessionByToken = %+v, want %+v", got, sess)
		}
		checkUTC(t, "session", got.CreatedAt, got.ExpiresAt)
		// The hash is not a token: only the token itself finds the session.
		for _, wrong := range []string{"", token + "x", catalog.HashToken(token)} {
			if _, err := s.SessionByToken(ctx, wrong); !errors.Is(err, catalog.ErrNotFound) {
				t.Errorf("SessionByToken(%q): %v, want ErrNotFound", wrong, err)
			}
		}
		token2, _, err := s.CreateSession(ctx, u.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if token2 == token {
			t.Error("two sessions got the same token")
		}
		if err := s.DeleteSession(ctx, token); err != nil {
			t.Fatalf("DeleteSession: %v", err)
		}
		if _, err := s.SessionByToken(ctx, token); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("deleted session: %v, want ErrNotFound", err)
		}
		if _, err := s.SessionByToken(ctx, token2); err != nil {
			t.Errorf("the other session went too: %v", err)
		}
		if err := s.DeleteSession(ctx, token); err != nil {
			t.Errorf("DeleteSession twice: %v", err)
		}
	})

	t.Run("CreateRefuses", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "s@hub.example", Name: "S"})
		if _, _, err := s.CreateSession(ctx, 404, time.Hour); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("session of an unknown user: %v, want ErrNotFound", err)
		}
		if _, _, err := s.CreateSession(ctx, u.ID, 0); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("session of no lifetime: %v, want ErrInvalid", err)
		}
	})

	t.Run("Expiry", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "s@hub.example", Name: "S"})
		short, _, err := s.CreateSession(ctx, u.ID, 20*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		long, _, err := s.CreateSession(ctx, u.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := s.CreateUserToken(ctx, u.ID, catalog.PurposeResetPassword, 20*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
		if _, err := s.SessionByToken(ctx, short); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("expired session: %v, want ErrNotFound", err)
		}
		if _, err := s.UseUserToken(ctx, tok, catalog.PurposeResetPassword); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("expired token: %v, want ErrNotFound", err)
		}
		n, err := s.DeleteExpired(ctx, time.Now())
		if err != nil || n != 2 {
			t.Errorf("DeleteExpired = %d, %v; want 2, nil", n, err)
		}
		if _, err := s.SessionByToken(ctx, long); err != nil {
			t.Errorf("unexpired session after DeleteExpired: %v", err)
		}
	})

	t.Run("DeleteUserSessions", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		a := mustUser(t, s, catalog.User{Email: "a@hub.example", Name: "A"})
		b := mustUser(t, s, catalog.User{Email: "b@hub.example", Name: "B"})
		var aTokens []string
		for range 2 {
			tok, _, err := s.CreateSession(ctx, a.ID, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			aTokens = append(aTokens, tok)
		}
		bTok, _, err := s.CreateSession(ctx, b.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteUserSessions(ctx, a.ID); err != nil {
			t.Fatalf("DeleteUserSessions: %v", err)
		}
		for _, tok := range aTokens {
			if _, err := s.SessionByToken(ctx, tok); !errors.Is(err, catalog.ErrNotFound) {
				t.Errorf("session of the signed-out user: %v, want ErrNotFound", err)
			}
		}
		if _, err := s.SessionByToken(ctx, bTok); err != nil {
			t.Errorf("another user's session went too: %v", err)
		}
	})

	t.Run("OneTimeTokens", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "t@hub.example", Name: "T"})
		tok, err := s.CreateUserToken(ctx, u.ID, catalog.PurposeVerifyEmail, time.Hour)
		if err != nil {
			t.Fatalf("CreateUserToken: %v", err)
		}
		// The wrong purpose neither works nor uses the token up.
		if _, err := s.UseUserToken(ctx, tok, catalog.PurposeResetPassword); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("token used for another purpose: %v, want ErrNotFound", err)
		}
		id, err := s.UseUserToken(ctx, tok, catalog.PurposeVerifyEmail)
		if err != nil || id != u.ID {
			t.Fatalf("UseUserToken = %d, %v; want %d, nil", id, err, u.ID)
		}
		if _, err := s.UseUserToken(ctx, tok, catalog.PurposeVerifyEmail); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("token used twice: %v, want ErrNotFound", err)
		}
		if _, err := s.CreateUserToken(ctx, u.ID, "sudo", time.Hour); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("unknown purpose: %v, want ErrInvalid", err)
		}
		if _, err := s.CreateUserToken(ctx, 404, catalog.PurposeVerifyEmail, time.Hour); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("token for an unknown user: %v, want ErrNotFound", err)
		}
	})

	t.Run("TokenUsedOnceUnderConcurrency", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "t@hub.example", Name: "T"})
		tok, err := s.CreateUserToken(ctx, u.ID, catalog.PurposeResetPassword, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			ok, bad int
		)
		for range 8 {
			wg.Go(func() {
				_, err := s.UseUserToken(ctx, tok, catalog.PurposeResetPassword)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case !errors.Is(err, catalog.ErrNotFound):
					bad++
					t.Errorf("UseUserToken: %v", err)
				}
			})
		}
		wg.Wait()
		if ok != 1 {
			t.Errorf("%d concurrent uses succeeded, want 1", ok)
		}
	})

	t.Run("SiteKey", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		k1, err := s.SiteKey(ctx, "csrf")
		if err != nil {
			t.Fatalf("SiteKey: %v", err)
		}
		if len(k1) != 32 || bytes.Equal(k1, make([]byte, 32)) {
			t.Errorf("SiteKey = %x, want 32 random bytes", k1)
		}
		k2, err := s.SiteKey(ctx, "csrf")
		if err != nil || !bytes.Equal(k1, k2) {
			t.Errorf("SiteKey again = %x, %v; want the same key", k2, err)
		}
		other, err := s.SiteKey(ctx, "other")
		if err != nil || bytes.Equal(other, k1) {
			t.Errorf("another key name gave %x, %v", other, err)
		}
	})
}
