package auth

import (
	"errors"
	"strings"
	"testing"
)

// testParams are cheap so that tests run fast; the format is the same.
var testParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashAndVerify(t *testing.T) {
	for _, p := range []Params{testParams, DefaultParams} {
		h := p.HashPassword("correct horse battery")
		if !strings.HasPrefix(h, "$argon2id$v=19$m=") {
			t.Fatalf("hash %q is not an argon2id PHC string", h)
		}
		if err := VerifyPassword(h, "correct horse battery"); err != nil {
			t.Errorf("right password: %v", err)
		}
		for _, wrong := range []string{"", "correct horse batter", "Correct horse battery", "correct horse battery "} {
			if err := VerifyPassword(h, wrong); !errors.Is(err, ErrMismatch) {
				t.Errorf("wrong password %q: %v, want ErrMismatch", wrong, err)
			}
		}
		if h2 := p.HashPassword("correct horse battery"); h2 == h {
			t.Error("two hashes of one password are equal: the salt is not random")
		}
		if p.NeedsRehash(h) {
			t.Error("NeedsRehash with the parameters it was made with")
		}
	}
	old := testParams.HashPassword("pw-of-old")
	if !DefaultParams.NeedsRehash(old) {
		t.Error("NeedsRehash false for a hash made with other parameters")
	}
	if err := VerifyPassword(old, "pw-of-old"); err != nil {
		t.Errorf("a hash made with other parameters no longer verifies: %v", err)
	}
}

// TestVerifyKnownVector checks the PHC layout against a hash computed
// independently (argon2 reference implementation,
// `echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32`).
func TestVerifyKnownVector(t *testing.T) {
	const h = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
	if err := VerifyPassword(h, "password"); err != nil {
		t.Errorf("reference vector: %v", err)
	}
	if err := VerifyPassword(h, "passwore"); !errors.Is(err, ErrMismatch) {
		t.Errorf("reference vector, wrong password: %v", err)
	}
}

func TestVerifyMalformed(t *testing.T) {
	good := testParams.HashPassword("x")
	parts := strings.Split(good, "$")
	for name, h := range map[string]string{
		"empty":        "",
		"bcrypt":       "$2a$10$abcdefghijklmnopqrstuuJ8WnD0Z1QvKZ9e1Qy4N2Kf7mE0ZrNn6",
		"argon2i":      strings.Replace(good, "argon2id", "argon2i", 1),
		"old version":  strings.Replace(good, "v=19", "v=16", 1),
		"huge memory":  strings.Replace(good, "m=64", "m=4194304", 1),
		"many passes":  strings.Replace(good, "t=1", "t=1000", 1),
		"no threads":   strings.Replace(good, "p=1", "p=0", 1),
		"unknown key":  strings.Replace(good, "p=1", "x=1", 1),
		"bad salt":     strings.Join([]string{"", parts[1], parts[2], parts[3], "!!", parts[5]}, "$"),
		"short key":    strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
		"extra fields": good + "$x",
	} {
		if err := VerifyPassword(h, "x"); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("%s: %v, want ErrMalformedHash", name, err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for pw, want := range map[string]error{
		"":                        ErrPasswordShort,
		"short":                   ErrPasswordShort,
		"ééééééééé":               ErrPasswordShort, // 9 characters, 18 bytes
		"éééééééééé":              nil,
		"long enough":             nil,
		strings.Repeat("x", 1024): nil,
		strings.Repeat("x", 1025): ErrPasswordLong,
	} {
		if got := CheckPassword(pw); !errors.Is(got, want) {
			t.Errorf("CheckPassword(%d bytes) = %v, want %v", len(pw), got, want)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	f.Add(testParams.HashPassword("seed"), "seed")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		if strings.Contains(hash, "m=") && !strings.Contains(hash, "m=8,") && !strings.Contains(hash, "m=64,") {
			return // keep the fuzzer from spending its time allocating
		}
		err := VerifyPassword(hash, pw)
		if err != nil && !errors.Is(err, ErrMismatch) && !errors.Is(err, ErrMalformedHash) {
			t.Errorf("VerifyPassword: unexpected error %v", err)
		}
	})
}

// BenchmarkHashPassword measures the cost of one login with the default
// parameters. On the 2-core build machine (shared): see README figures.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		DefaultParams.HashPassword("correct horse battery staple")
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	h := DefaultParams.HashPassword("correct horse battery staple")
	for b.Loop() {
		if err := VerifyPassword(h, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
