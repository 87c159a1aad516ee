package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// AlertFrequency is how often a saved search mails its new hits.
type AlertFrequency string

// Alert frequencies.
const (
	AlertNone   AlertFrequency = "none"
	AlertDaily  AlertFrequency = "daily"
	AlertWeekly AlertFrequency = "weekly"
)

// AlertFrequencies lists every frequency, the default first.
var AlertFrequencies = []AlertFrequency{AlertNone, AlertDaily, AlertWeekly}

// Valid reports whether f is a known frequency.
func (f AlertFrequency) Valid() bool { return slices.Contains(AlertFrequencies, f) }

// Period is the time between two alerts; 0 for AlertNone.
func (f AlertFrequency) Period() time.Duration {
	switch f {
	case AlertDaily:
		return 24 * time.Hour
	case AlertWeekly:
		return 7 * 24 * time.Hour
	}
	return 0
}

// Bounds on saved searches.
const (
	MaxSavedSearchName  = 200  // characters
	MaxSavedSearchQuery = 2000 // bytes of query string
	MaxSavedSearches    = 50   // per user
)

// SavedSearch is a search a registered user keeps, by name, with how often
// its new hits are mailed to them. It belongs to one user: stores find,
// change and delete it only through its UserID.
type SavedSearch struct {
	ID     int64
	UserID int64
	Name   string
	// Query is the query string of the search page ("q=…&lang=fr&…",
	// without page), as the portal writes it.
	Query     string
	Frequency AlertFrequency
	CreatedAt time.Time
	// AlertedAt is when the last alert was sent; zero before the first.
	AlertedAt time.Time
}

// Validate checks a saved search before it is stored, trimming its name;
// an empty Frequency becomes AlertNone. Errors wrap ErrInvalid and start
// with the field's name.
func (s *SavedSearch) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	if s.Frequency == "" {
		s.Frequency = AlertNone
	}
	switch {
	case s.UserID <= 0:
		return fmt.Errorf("%w: user: no user", ErrInvalid)
	case s.Name == "":
		return fmt.Errorf("%w: name: empty", ErrInvalid)
	case !utf8.ValidString(s.Name) || utf8.RuneCountInString(s.Name) > MaxSavedSearchName:
		return fmt.Errorf("%w: name: longer than %d characters or not UTF-8", ErrInvalid, MaxSavedSearchName)
	case strings.IndexFunc(s.Name, unicode.IsControl) >= 0:
		return fmt.Errorf("%w: name: control characters", ErrInvalid)
	case len(s.Query) > MaxSavedSearchQuery || !utf8.ValidString(s.Query):
		return fmt.Errorf("%w: query: longer than %d bytes or not UTF-8", ErrInvalid, MaxSavedSearchQuery)
	case strings.IndexFunc(s.Query, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0:
		return fmt.Errorf("%w: query: not a query string", ErrInvalid)
	case !s.Frequency.Valid():
		return fmt.Errorf("%w: frequency: unknown frequency %q", ErrInvalid, s.Frequency)
	}
	return nil
}

// Since is the time from which the next alert looks for new documents:
// the last alert, or the saving of the search before the first.
func (s *SavedSearch) Since() time.Time {
	if s.AlertedAt.IsZero() {
		return s.CreatedAt
	}
	return s.AlertedAt
}

// Due reports whether an alert of s is due at now.
func (s *SavedSearch) Due(now time.Time) bool {
	p := s.Frequency.Period()
	return p > 0 && !s.Since().Add(p).After(now)
}
