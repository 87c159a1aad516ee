package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// RegistrationState is where a source registration stands in its review.
type RegistrationState string

// Registration states.
const (
	// RegistrationPending waits for an editor; nothing is harvested.
	RegistrationPending RegistrationState = "pending"
	// RegistrationApproved made a source, which is harvested from then on.
	RegistrationApproved RegistrationState = "approved"
	// RegistrationRefused was turned down, with a reason for the owner.
	RegistrationRefused RegistrationState = "refused"
)

// SourceRegistration is a source proposed by its owner: what to harvest
// and the defaults its items take, until an editor approves it (and a
// Source is made from it) or refuses it with a reason.
type SourceRegistration struct {
	ID      int64
	OwnerID int64 // the user who proposed it
	Kind    SourceKind
	URL     string
	Name    string
	// Defaults for the items: organisation, language, country, themes and
	// content type.
	Publisher   string
	Language    string // ISO 639-1, empty when unknown
	Country     string // a code of Countries, empty when unknown
	Themes      []string
	ContentType string

	State  RegistrationState
	Reason string // why it was refused
	// Notify says which changes of the source's health are mailed to the
	// owner; NotifyErrors when empty.
	Notify    NotifyPolicy
	SourceID  int64 // the source made on approval; 0 before
	DecidedBy int64 // the editor; 0 while pending
	CreatedAt time.Time
	DecidedAt time.Time // zero while pending
}

// Validate checks a registration before it is stored, trimming its text
// fields. Errors wrap ErrInvalid and start with the field's name.
func (r *SourceRegistration) Validate() error {
	r.URL, r.Name, r.Publisher = strings.TrimSpace(r.URL), strings.TrimSpace(r.Name), strings.TrimSpace(r.Publisher)
	if !r.Kind.Valid() {
		return fmt.Errorf("%w: kind: unknown source kind %q", ErrInvalid, r.Kind)
	}
	if _, err := ValidateSourceURL(r.URL); err != nil {
		return fmt.Errorf("url: %w", err)
	}
	if utf8.RuneCountInString(r.Name) > 300 || utf8.RuneCountInString(r.Publisher) > 300 {
		return fmt.Errorf("%w: name: longer than 300 characters", ErrInvalid)
	}
	if r.Language != "" && !slices.Contains(EULanguages, r.Language) {
		return fmt.Errorf("%w: language: %q is not an official EU language", ErrInvalid, r.Language)
	}
	if r.Country != "" && !IsCountry(r.Country) {
		return fmt.Errorf("%w: country: unknown country %q", ErrInvalid, r.Country)
	}
	for _, t := range r.Themes {
		if _, ok := ThemeOf(t); !ok {
			return fmt.Errorf("%w: themes: unknown theme %q", ErrInvalid, t)
		}
	}
	if r.ContentType != "" && !IsContentType(r.ContentType) {
		return fmt.Errorf("%w: content_type: unknown content type %q", ErrInvalid, r.ContentType)
	}
	if r.Notify == "" {
		r.Notify = NotifyErrors
	}
	if !r.Notify.Valid() {
		return fmt.Errorf("%w: notify: unknown choice %q", ErrInvalid, r.Notify)
	}
	return nil
}

// NotifyPolicy says which changes of a source's health its owner is
// mailed about.
type NotifyPolicy string

// Notify policies.
const (
	// NotifyErrors mails when the source starts failing (the default).
	NotifyErrors NotifyPolicy = "errors"
	// NotifyAll mails when it starts failing and when it recovers.
	NotifyAll NotifyPolicy = "all"
	// NotifyNone mails nothing.
	NotifyNone NotifyPolicy = "none"
)

// NotifyPolicies lists every policy, in the order forms show them.
var NotifyPolicies = []NotifyPolicy{NotifyErrors, NotifyAll, NotifyNone}

// Valid reports whether n is a known policy.
func (n NotifyPolicy) Valid() bool { return slices.Contains(NotifyPolicies, n) }

// Wants reports whether an owner with policy n is mailed about change c.
func (n NotifyPolicy) Wants(c StatusChange) bool {
	switch {
	case n == NotifyNone:
		return false
	case c.Recovered():
		return n == NotifyAll
	}
	return c.Failed()
}

// NewSource is the source an approved registration becomes.
func (r *SourceRegistration) NewSource() Source {
	name := r.Name
	if name == "" {
		name = r.URL
	}
	return Source{Kind: r.Kind, URL: r.URL, Name: name, Publisher: r.Publisher,
		Language: r.Language, Country: r.Country, Status: StatusNew, Interval: DefaultInterval}
}
