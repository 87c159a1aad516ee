package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
)

// CSRF makes and checks the tokens that forms carry in their hidden
// csrf_token field. A token is an HMAC of what it is bound to: the session
// token of a signed-in visitor, or the random pre-session cookie of an
// anonymous one (a signed double submit). A page from another site can
// read neither cookie, so it cannot produce the field; and without the key
// a visitor cannot forge a token for a cookie value of their choosing.
//
// Every portal node must use the same key; the portal takes it from the
// catalog (SiteKey) so that it does.
type CSRF struct {
	key []byte
}

// MinKeyLength is the shortest key NewCSRF accepts, in bytes.
const MinKeyLength = 32

// NewCSRF returns a CSRF with key, which must hold at least MinKeyLength
// random bytes.
func NewCSRF(key []byte) (*CSRF, error) {
	if len(key) < MinKeyLength {
		return nil, errors.New("csrf: the key must be at least 32 bytes")
	}
	return &CSRF{key: append([]byte(nil), key...)}, nil
}

// Token returns the token for binding (a session token or a pre-session
// cookie value). An empty binding has no token: it returns "".
func (c *CSRF) Token(binding string) string {
	if binding == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(c.mac(binding))
}

// Valid reports whether token was made by Token for binding, in constant
// time. An empty binding or token is never valid.
func (c *CSRF) Valid(binding, token string) bool {
	if binding == "" || token == "" {
		return false
	}
	got, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return false
	}
	return hmac.Equal(got, c.mac(binding))
}

func (c *CSRF) mac(binding string) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte("ewsi csrf v1\x00"))
	m.Write([]byte(binding))
	return m.Sum(nil)
}
