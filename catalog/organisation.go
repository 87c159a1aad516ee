package catalog

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Organisation is an entry of the directory: an organisation working on
// integration, declared by a member of the hub or seeded from the
// publishers the hub harvests.
//
// What it works on is what it declares (Themes, Country) together with
// what the catalog holds from its sources (DocumentThemes,
// DocumentCountries): partner search finds it by either.
type Organisation struct {
	ID   int64
	Name string
	// Type is a slug of OrganisationTypes.
	Type    string
	Country string // a code of Countries
	City    string
	Website string // absolute http(s) address; empty when none
	// Description is plain text, shown as typed (escaped, never as HTML).
	Description string
	// Themes are the slugs of the six themes (Themes) it declares.
	Themes []string
	// Languages it works in, ISO 639-1 codes.
	Languages []string
	// Email is a contact address, shown only when EmailPublic is set.
	Email       string
	EmailPublic bool
	// SourceIDs are the harvested sources it publishes.
	SourceIDs []int64
	// CreatedBy is the member who created the entry, who may edit it;
	// 0 for an entry seeded by the hub or whose creator is gone.
	CreatedBy int64
	// VerifiedAt is when an editor checked the entry; zero until then.
	VerifiedAt time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// DocumentThemes and DocumentCountries are read from the published
	// documents of its sources (the six themes only); stores fill them on
	// reading and ignore them on writing.
	DocumentThemes    []string
	DocumentCountries []string
}

// Verified reports whether an editor has checked the entry.
func (o *Organisation) Verified() bool { return !o.VerifiedAt.IsZero() }

// AllThemes returns the declared themes and those of its documents, each
// once, in the order of Themes.
func (o *Organisation) AllThemes() []string {
	var out []string
	for _, t := range Themes {
		if slices.Contains(o.Themes, t.Slug) || slices.Contains(o.DocumentThemes, t.Slug) {
			out = append(out, t.Slug)
		}
	}
	return out
}

// AllCountries returns its country and those of its documents, each once,
// its own first.
func (o *Organisation) AllCountries() []string {
	out := []string{o.Country}
	for _, c := range o.DocumentCountries {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Length limits of organisation fields, in characters.
const (
	MaxOrganisationCity        = 200
	MaxOrganisationWebsite     = 2000
	MaxOrganisationDescription = 4000
)

// IsTheme reports whether slug names one of the six themes (not a
// sub-theme).
func IsTheme(slug string) bool {
	return slices.ContainsFunc(Themes, func(t Theme) bool { return t.Slug == slug })
}

// Validate checks an organisation before it is stored, trimming its text
// fields and dropping repeated themes, languages and sources. Errors wrap
// ErrInvalid and start with the field's name ("name: …").
func (o *Organisation) Validate() error {
	o.Name, o.City = strings.TrimSpace(o.Name), strings.TrimSpace(o.City)
	o.Website, o.Email = strings.TrimSpace(o.Website), strings.TrimSpace(o.Email)
	o.Description = strings.TrimSpace(o.Description)
	o.Themes = compactStrings(o.Themes)
	o.Languages = compactStrings(o.Languages)
	slices.Sort(o.SourceIDs)
	o.SourceIDs = slices.Compact(o.SourceIDs)
	if err := o.validateText(); err != nil {
		return err
	}
	if !IsOrganisationType(o.Type) {
		return fmt.Errorf("%w: type: unknown organisation type %q", ErrInvalid, o.Type)
	}
	if !IsCountry(o.Country) {
		return fmt.Errorf("%w: country: unknown country %q", ErrInvalid, o.Country)
	}
	for _, t := range o.Themes {
		if !IsTheme(t) {
			return fmt.Errorf("%w: themes: %q is not one of the six themes", ErrInvalid, t)
		}
	}
	for _, l := range o.Languages {
		if !slices.Contains(EULanguages, l) {
			return fmt.Errorf("%w: languages: %q is not an official EU language", ErrInvalid, l)
		}
	}
	if o.Email != "" {
		if err := ValidateEmail(o.Email); err != nil {
			return err
		}
	}
	if o.EmailPublic && o.Email == "" {
		return fmt.Errorf("%w: email: an address to make public is missing", ErrInvalid)
	}
	for _, id := range o.SourceIDs {
		if id <= 0 {
			return fmt.Errorf("%w: sources: bad source id %d", ErrInvalid, id)
		}
	}
	return nil
}

func (o *Organisation) validateText() error {
	switch {
	case o.Name == "":
		return fmt.Errorf("%w: name: the name is empty", ErrInvalid)
	case utf8.RuneCountInString(o.Name) > MaxOrganisationLength:
		return fmt.Errorf("%w: name: longer than %d characters", ErrInvalid, MaxOrganisationLength)
	case utf8.RuneCountInString(o.City) > MaxOrganisationCity:
		return fmt.Errorf("%w: city: longer than %d characters", ErrInvalid, MaxOrganisationCity)
	case utf8.RuneCountInString(o.Description) > MaxOrganisationDescription:
		return fmt.Errorf("%w: description: longer than %d characters", ErrInvalid, MaxOrganisationDescription)
	}
	if o.Website != "" {
		if err := ValidateWebsite(o.Website); err != nil {
			return err
		}
	}
	return nil
}

// ValidateWebsite checks that s is an absolute http(s) address of at most
// MaxOrganisationWebsite characters, without user information. The error
// wraps ErrInvalid and starts with "website:".
func ValidateWebsite(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		len(s) > MaxOrganisationWebsite || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("%w: website: %q is not a web address", ErrInvalid, s)
	}
	return nil
}

// compactStrings drops empty and repeated values, keeping the first order.
func compactStrings(in []string) []string {
	var out []string
	for _, v := range in {
		v = strings.TrimSpace(v)
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// OrganisationQuery selects a page of the directory. Filters combine with
// AND; an empty one does not filter.
type OrganisationQuery struct {
	// Text finds organisations whose name holds it, ignoring case and
	// diacritics.
	Text string
	Type string // a slug of OrganisationTypes
	// Country and Theme match what an organisation declares or what its
	// sources' documents hold.
	Country string
	Theme   string // one of the six themes
	// VerifiedOnly keeps entries an editor has checked.
	VerifiedOnly bool
	Limit        int // at most MaxOrganisationLimit; <= 0 means DefaultOrganisationLimit
	Offset       int
}

// Page sizes of the directory.
const (
	DefaultOrganisationLimit = 20
	MaxOrganisationLimit     = 100
	MaxOrganisationOffset    = 10000
	MaxDirectoryText         = 200
)

// Validate checks q, reading a limit <= 0 as DefaultOrganisationLimit.
// Errors wrap ErrInvalid and start with the parameter's name.
func (q *OrganisationQuery) Validate() error {
	q.Text = strings.TrimSpace(q.Text)
	if q.Limit <= 0 {
		q.Limit = DefaultOrganisationLimit
	}
	switch {
	case utf8.RuneCountInString(q.Text) > MaxDirectoryText || !utf8.ValidString(q.Text) || strings.ContainsRune(q.Text, 0):
		return fmt.Errorf("%w: q: not a name to search for", ErrInvalid)
	case q.Type != "" && !IsOrganisationType(q.Type):
		return fmt.Errorf("%w: type: unknown organisation type %q", ErrInvalid, q.Type)
	case q.Country != "" && !IsCountry(q.Country):
		return fmt.Errorf("%w: country: unknown country %q", ErrInvalid, q.Country)
	case q.Theme != "" && !IsTheme(q.Theme):
		return fmt.Errorf("%w: theme: %q is not one of the six themes", ErrInvalid, q.Theme)
	case q.Limit > MaxOrganisationLimit:
		return fmt.Errorf("%w: limit: at most %d", ErrInvalid, MaxOrganisationLimit)
	case q.Offset < 0 || q.Offset > MaxOrganisationOffset:
		return fmt.Errorf("%w: offset: between 0 and %d", ErrInvalid, MaxOrganisationOffset)
	}
	return nil
}

// Directory facet names, the keys of OrganisationResult.Facets.
const (
	FacetOrgType    = "type"
	FacetOrgCountry = "country"
	FacetOrgTheme   = "theme"
)

// OrganisationResult is a page of the directory with its total and, per
// facet, the count of organisations per value with the other filters
// applied.
type OrganisationResult struct {
	Organisations []Organisation
	Total         int
	Facets        map[string][]FacetCount
}

// FacetCount is one value of a directory facet and how many entries have
// it.
type FacetCount struct {
	Value string
	Count int
}

// Person is an account listed in the people directory, with only what its
// owner agreed to show: never the address.
type Person struct {
	ID               int64
	Name             string
	Organisation     string
	OrganisationType string
	Country          string
}

// PeopleQuery selects a page of the people directory.
type PeopleQuery struct {
	Country          string
	OrganisationType string
	Limit            int // <= 0 means DefaultOrganisationLimit
	Offset           int
}

// Validate checks q like OrganisationQuery.Validate.
func (q *PeopleQuery) Validate() error {
	if q.Limit <= 0 {
		q.Limit = DefaultOrganisationLimit
	}
	switch {
	case q.OrganisationType != "" && !IsOrganisationType(q.OrganisationType):
		return fmt.Errorf("%w: type: unknown organisation type %q", ErrInvalid, q.OrganisationType)
	case q.Country != "" && !IsCountry(q.Country):
		return fmt.Errorf("%w: country: unknown country %q", ErrInvalid, q.Country)
	case q.Limit > MaxOrganisationLimit:
		return fmt.Errorf("%w: limit: at most %d", ErrInvalid, MaxOrganisationLimit)
	case q.Offset < 0 || q.Offset > MaxOrganisationOffset:
		return fmt.Errorf("%w: offset: between 0 and %d", ErrInvalid, MaxOrganisationOffset)
	}
	return nil
}

// RegistrationFigure counts, for one organisation type and country, the
// accounts that declared them and the directory's organisations: the
// seed's "registrations of organisations by target area". An empty Type
// or Country stands for accounts that did not say.
type RegistrationFigure struct {
	Type          string
	Country       string
	Accounts      int
	Organisations int
}

// PeopleResult is a page of the people directory with its total and, per
// facet (FacetOrgType, FacetOrgCountry), the count of people per value
// with the other filter applied.
type PeopleResult struct {
	People []Person
	Total  int
	Facets map[string][]FacetCount
}

// SortFigures orders figures by organisation type (in the order of
// OrganisationTypes, unsaid last), then by country code.
func SortFigures(fs []RegistrationFigure) {
	rank := func(t string) int {
		i := slices.IndexFunc(OrganisationTypes, func(x Term) bool { return x.Slug == t })
		if i < 0 {
			return len(OrganisationTypes)
		}
		return i
	}
	slices.SortFunc(fs, func(a, b RegistrationFigure) int {
		if d := rank(a.Type) - rank(b.Type); d != 0 {
			return d
		}
		return strings.Compare(a.Country, b.Country)
	})
}
