package catalog

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Session is a signed-in browser. Stores keep only the hash of its token
// (HashToken), so a copy of the catalog cannot be used to sign in; the
// token itself lives in the browser's cookie.
type Session struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TokenPurpose says what a one-time token proves. A token of one purpose
// is never accepted for another.
type TokenPurpose string

// The purposes of one-time tokens.
const (
	// PurposeVerifyEmail is mailed after registration: following its link
	// proves the address.
	PurposeVerifyEmail TokenPurpose = "verify_email"
	// PurposeResetPassword is mailed on request: it lets the owner of the
	// address choose a new password.
	PurposeResetPassword TokenPurpose = "reset_password"
)

// Valid reports whether p is a known purpose.
func (p TokenPurpose) Valid() bool {
	return p == PurposeVerifyEmail || p == PurposeResetPassword
}

// NewToken returns a random token of 256 bits, URL-safe, to hand out (in a
// cookie or a mailed link), and the hash to store in its place.
func NewToken() (token, hash string) {
	token = rand.Text() + rand.Text() // 2 × 130 bits in base32
	return token, HashToken(token)
}

// HashToken is the stored form of a token: its SHA-256 in hex. Tokens are
// random and long, so a fast unsalted hash is enough to keep a stolen
// table from being replayed.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
