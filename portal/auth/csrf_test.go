package auth

import (
	"bytes"
	"testing"
)

func TestCSRF(t *testing.T) {
	c, err := NewCSRF(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewCSRF(bytes.Repeat([]byte{8}, 32))
	tok := c.Token("session-a")
	if tok == "" || !c.Valid("session-a", tok) {
		t.Fatalf("own token %q not valid", tok)
	}
	for name, ok := range map[string]bool{
		"other binding":   c.Valid("session-b", tok),
		"other key":       other.Valid("session-a", tok),
		"empty token":     c.Valid("session-a", ""),
		"empty binding":   c.Valid("", c.Token("")),
		"truncated token": c.Valid("session-a", tok[:len(tok)-2]),
		"not base64":      c.Valid("session-a", "!!!"),
	} {
		if ok {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := NewCSRF(make([]byte, 16)); err == nil {
		t.Error("NewCSRF accepted a 16-byte key")
	}
}
