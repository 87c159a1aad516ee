package catalog

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user may do in the portal. Every user has exactly one.
type Role string

// The roles, from least to most trusted.
const (
	// RolePractitioner searches, subscribes, contributes and takes part in
	// the forum: every new account starts here.
	RolePractitioner Role = "practitioner"
	// RoleSourceOwner also registers and watches its organisation's sources.
	RoleSourceOwner Role = "source_owner"
	// RoleEditor curates the catalog, publishes submissions and country
	// sheets, composes the bulletin and moderates the forum.
	RoleEditor Role = "editor"
	// RoleCountryCoordinator is an editor limited to User.Countries.
	RoleCountryCoordinator Role = "country_coordinator"
	// RoleAdministrator manages users, roles, trust and settings.
	RoleAdministrator Role = "administrator"
)

// Roles lists every role, least trusted first.
var Roles = []Role{RolePractitioner, RoleSourceOwner, RoleEditor, RoleCountryCoordinator, RoleAdministrator}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// OrganisationTypes are the audiences of the hub, which accounts declare
// for the organisation they work for.
var OrganisationTypes = []Term{
	{"eu-institution", "EU institution"},
	{"national-government", "National government"},
	{"regional-local-authority", "Regional or local authority"},
	{"civil-society", "Civil society organisation or network"},
	{"international-organisation", "International organisation"},
	{"academia", "Academia or research"},
	{"foundation", "Foundation or private funder"},
	{"social-partner", "Social partner"},
	{"business", "Business"},
	{"migrant-association", "Migrant association"},
}

// IsOrganisationType reports whether slug names an organisation type.
func IsOrganisationType(slug string) bool { return findTerm(OrganisationTypes, slug) }

// User is an account of the portal. The password hash is not part of it:
// stores keep it apart (SetPassword, PasswordHash) so that a User can be
// passed to templates and logs without it.
type User struct {
	ID int64
	// Email is the address as the user typed it, trimmed. Two accounts
	// never share an address, whatever its letter case.
	Email            string
	Name             string
	Organisation     string
	OrganisationType string // a slug of OrganisationTypes; empty when not said
	Country          string // a code of Countries; empty when not said
	Role             Role
	// Countries limits a country coordinator to these codes of Countries;
	// empty for the other roles.
	Countries []string
	// EmailVerifiedAt is when the user proved the address is theirs; zero
	// until then.
	EmailVerifiedAt time.Time
	// Listed is the user's consent to appear in the people directory.
	Listed bool
	// EmailLanguage is the interface language mails are written in.
	EmailLanguage string
	CreatedAt     time.Time
}

// Verified reports whether the user has confirmed their address.
func (u *User) Verified() bool { return !u.EmailVerifiedAt.IsZero() }

// EmailKey is the form of an address that uniqueness is decided on: trimmed
// and lower-cased.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Length limits of user fields, in characters.
const (
	MaxEmailLength        = 254
	MaxNameLength         = 200
	MaxOrganisationLength = 300
)

// Validate checks a user before it is stored, trimming Email, Name and
// Organisation. An empty Role is read as practitioner and an empty
// EmailLanguage as English. Errors wrap ErrInvalid and name the field.
func (u *User) Validate() error {
	u.Email = strings.TrimSpace(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	u.Organisation = strings.TrimSpace(u.Organisation)
	if u.Role == "" {
		u.Role = RolePractitioner
	}
	if u.EmailLanguage == "" {
		u.EmailLanguage = "en"
	}
	if err := ValidateEmail(u.Email); err != nil {
		return err
	}
	if u.Name == "" {
		return fmt.Errorf("%w: name: the name is empty", ErrInvalid)
	}
	if utf8.RuneCountInString(u.Name) > MaxNameLength {
		return fmt.Errorf("%w: name: longer than %d characters", ErrInvalid, MaxNameLength)
	}
	if utf8.RuneCountInString(u.Organisation) > MaxOrganisationLength {
		return fmt.Errorf("%w: organisation: longer than %d characters", ErrInvalid, MaxOrganisationLength)
	}
	if u.OrganisationType != "" && !IsOrganisationType(u.OrganisationType) {
		return fmt.Errorf("%w: organisation_type: unknown organisation type %q", ErrInvalid, u.OrganisationType)
	}
	if u.Country != "" && !IsCountry(u.Country) {
		return fmt.Errorf("%w: country: unknown country %q", ErrInvalid, u.Country)
	}
	if !u.Role.Valid() {
		return fmt.Errorf("%w: role: unknown role %q", ErrInvalid, u.Role)
	}
	for _, c := range u.Countries {
		if !IsCountry(c) {
			return fmt.Errorf("%w: countries: unknown country %q", ErrInvalid, c)
		}
	}
	if len(u.Countries) > 0 && u.Role != RoleCountryCoordinator {
		return fmt.Errorf("%w: countries: only a country coordinator is limited to countries", ErrInvalid)
	}
	if !slices.Contains(InterfaceLanguages, u.EmailLanguage) {
		return fmt.Errorf("%w: email_language: %q is not an interface language", ErrInvalid, u.EmailLanguage)
	}
	return nil
}

// ValidateEmail checks that s is one plain address (local@domain, no
// display name) of at most MaxEmailLength characters. The error wraps
// ErrInvalid and starts with "email:".
func ValidateEmail(s string) error {
	if s == "" {
		return fmt.Errorf("%w: email: the address is empty", ErrInvalid)
	}
	if len(s) > MaxEmailLength {
		return fmt.Errorf("%w: email: longer than %d characters", ErrInvalid, MaxEmailLength)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return fmt.Errorf("%w: email: %q is not an email address", ErrInvalid, s)
	}
	return nil
}
