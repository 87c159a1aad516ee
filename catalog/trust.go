package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Trust is how far the hub relies on a source or on the people of an email
// domain, as ReliefWeb grades its contributors.
type Trust string

// Trust levels, from least to most trusted.
const (
	// TrustBlocked refuses: a blocked domain's users submit nothing, a
	// blocked source's items are never published.
	TrustBlocked Trust = "blocked"
	// TrustUnverified is where a domain without a rule stands, and a
	// source proposed by its owner starts: items wait in the review queue.
	TrustUnverified Trust = "unverified"
	// TrustAllowed is known and accepted, but items still wait for review.
	TrustAllowed Trust = "allowed"
	// TrustTrusted publishes items at once, without review; a source an
	// operator adds starts here.
	TrustTrusted Trust = "trusted"
)

// Trusts lists every level, least trusted first.
var Trusts = []Trust{TrustBlocked, TrustUnverified, TrustAllowed, TrustTrusted}

// Valid reports whether t is a known level.
func (t Trust) Valid() bool { return slices.Contains(Trusts, t) }

// PublishesAtOnce reports whether items under t skip the review queue.
func (t Trust) PublishesAtOnce() bool { return t == TrustTrusted }

// Refuses reports whether submissions under t are turned away.
func (t Trust) Refuses() bool { return t == TrustBlocked }

// DomainTrust is the trust given to every address of an email domain and
// of its sub-domains (a rule for "example.org" covers "mail.example.org"
// unless that one has its own).
type DomainTrust struct {
	// Domain is lower-case, without "@" or a trailing dot.
	Domain    string
	Trust     Trust
	Note      string // why, for the other administrators
	SetBy     int64  // the administrator; 0 when set by the system
	UpdatedAt time.Time
}

// MaxDomainLength is the longest domain name DNS allows.
const MaxDomainLength = 253

// Validate checks a domain rule before it is stored, normalising Domain
// (trimmed, lower-case, no leading "@" or trailing dot). Errors wrap
// ErrInvalid and start with the field's name.
func (d *DomainTrust) Validate() error {
	d.Domain = NormaliseDomain(d.Domain)
	d.Note = strings.TrimSpace(d.Note)
	if d.Domain == "" {
		return fmt.Errorf("%w: domain: the domain is empty", ErrInvalid)
	}
	if len(d.Domain) > MaxDomainLength || !strings.Contains(d.Domain, ".") ||
		strings.ContainsAny(d.Domain, "@ /:\t") || strings.Contains(d.Domain, "..") || strings.HasPrefix(d.Domain, ".") {
		return fmt.Errorf("%w: domain: %q is not a domain name", ErrInvalid, d.Domain)
	}
	if !d.Trust.Valid() {
		return fmt.Errorf("%w: trust: unknown trust level %q", ErrInvalid, d.Trust)
	}
	if utf8.RuneCountInString(d.Note) > 500 {
		return fmt.Errorf("%w: note: longer than 500 characters", ErrInvalid)
	}
	return nil
}

// NormaliseDomain trims s, drops a leading "@" and a trailing dot and
// lower-cases it.
func NormaliseDomain(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "@")
	s = strings.TrimSuffix(s, ".")
	return strings.ToLower(s)
}

// EmailDomain is the normalised domain of an address; "" when it has none.
func EmailDomain(email string) string {
	i := strings.LastIndexByte(email, '@')
	if i < 0 {
		return ""
	}
	return NormaliseDomain(email[i+1:])
}

// DomainSuffixes lists domain and its parent domains, most specific first,
// stopping before the top-level label: "a.b.example.org" gives
// "a.b.example.org", "b.example.org", "example.org". Stores look up a
// domain's rule among these.
func DomainSuffixes(domain string) []string {
	domain = NormaliseDomain(domain)
	var out []string
	for strings.Contains(domain, ".") {
		out = append(out, domain)
		domain = domain[strings.IndexByte(domain, '.')+1:]
	}
	return out
}

// ErrTrustBlocked is returned (wrapped) when a submission comes from a blocked
// email domain or targets a blocked source.
var ErrTrustBlocked = errors.New("blocked")
