package catalog

import (
	"errors"
	"slices"
	"testing"
)

func TestDomainSuffixes(t *testing.T) {
	for in, want := range map[string][]string{
		"A.b.Example.org.": {"a.b.example.org", "b.example.org", "example.org"},
		"@example.org":     {"example.org"},
		"localhost":        nil,
		"":                 nil,
	} {
		if got := DomainSuffixes(in); !slices.Equal(got, want) {
			t.Errorf("DomainSuffixes(%q) = %q, want %q", in, got, want)
		}
	}
	if got := EmailDomain("Ann@Mail.Example.ORG"); got != "mail.example.org" {
		t.Errorf("EmailDomain = %q", got)
	}
	if got := EmailDomain("nobody"); got != "" {
		t.Errorf("EmailDomain(no @) = %q", got)
	}
}

func TestDomainTrustValidate(t *testing.T) {
	ok := DomainTrust{Domain: " @Spam.Example. ", Trust: TrustBlocked, Note: " bulk mail "}
	if err := ok.Validate(); err != nil || ok.Domain != "spam.example" || ok.Note != "bulk mail" {
		t.Errorf("Validate = %v, %+v", err, ok)
	}
	for _, bad := range []DomainTrust{
		{Domain: "", Trust: TrustBlocked},
		{Domain: "localhost", Trust: TrustBlocked},
		{Domain: "a b.example", Trust: TrustBlocked},
		{Domain: "a..example", Trust: TrustBlocked},
		{Domain: "ok.example", Trust: "sometimes"},
	} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("Validate(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	if !TrustTrusted.PublishesAtOnce() || TrustAllowed.PublishesAtOnce() || !TrustBlocked.Refuses() {
		t.Error("trust levels misread")
	}
}
