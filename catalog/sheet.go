package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Sections of a country information sheet, in the order a sheet shows them.
const (
	SectionKeyFacts    = "key-facts"
	SectionStrategy    = "integration-strategy"
	SectionLegislation = "legislation"
	SectionGovernance  = "governance"
	SectionStatistics  = "statistics"
	SectionContacts    = "contact-points"
)

// SheetSections lists the sections of every country sheet, in order.
var SheetSections = []string{SectionKeyFacts, SectionStrategy, SectionLegislation,
	SectionGovernance, SectionStatistics, SectionContacts}

// NonEUSheetCountries are the countries outside the EU that have a sheet.
var NonEUSheetCountries = []string{"IS", "NO", "CH"}

// SheetCountries returns the codes of the 30 countries with a sheet: the 27
// Member States, then Iceland, Norway and Switzerland, in the order of
// Countries.
func SheetCountries() []string {
	out := make([]string, 0, len(Countries))
	for _, c := range Countries {
		if c.Slug != "EU" {
			out = append(out, c.Slug)
		}
	}
	return out
}

// IsSheetCountry reports whether code names a country with a sheet (every
// covered country but "EU" itself).
func IsSheetCountry(code string) bool { return code != "EU" && IsCountry(code) }

// IsEUMember reports whether code names one of the 27 Member States.
func IsEUMember(code string) bool {
	return IsSheetCountry(code) && !slices.Contains(NonEUSheetCountries, code)
}

// IsSheetSection reports whether name is one of SheetSections.
func IsSheetSection(name string) bool { return slices.Contains(SheetSections, name) }

// MaxSectionLength bounds the text of one section, in characters.
const MaxSectionLength = 20000

// DefaultSheetMaxAge is how long a section stays current after it was
// last verified, unless configured otherwise.
const DefaultSheetMaxAge = 365 * 24 * time.Hour

// SheetSection is one section of a country information sheet. Its text is
// plain: paragraphs separated by blank lines, addresses written out
// (https://…); the portal turns those into paragraphs and links on
// output, so no markup is ever stored.
type SheetSection struct {
	Country  string // a code of SheetCountries
	Section  string // one of SheetSections
	Text     string
	Language string // of the text: one of EULanguages or another ISO 639-1 code
	// VerifiedAt is when an editor last confirmed the text is current;
	// VerifiedBy who (0 when the account is gone), VerifierName their name.
	VerifiedAt   time.Time
	VerifiedBy   int64
	VerifierName string
	// EditedAt is when the text was last changed, EditedBy and EditorName
	// by whom.
	EditedAt   time.Time
	EditedBy   int64
	EditorName string
	// RemindedAt is when the reminder of the section's current stale
	// period went out; zero when none did.
	RemindedAt time.Time
}

// Stale reports whether the section was last verified more than maxAge
// before now.
func (s *SheetSection) Stale(now time.Time, maxAge time.Duration) bool {
	return s.VerifiedAt.Before(now.Add(-maxAge))
}

// SheetEdit is an editor's new text of a section. Saving it also verifies
// the section: whoever writes a text vouches for it.
type SheetEdit struct {
	Country  string
	Section  string
	Text     string
	Language string
	EditorID int64
	// At is when the edit is made; zero means now. The demo sets it to
	// spread its seed over the past.
	At time.Time
}

// Validate trims the text and checks the edit. Errors wrap ErrInvalid and
// name the field first ("text: …").
func (e *SheetEdit) Validate() error {
	e.Text = strings.TrimSpace(strings.ReplaceAll(e.Text, "\r\n", "\n"))
	e.Language = strings.TrimSpace(e.Language)
	if !IsSheetCountry(e.Country) {
		return fmt.Errorf("%w: country: %q has no country sheet", ErrInvalid, e.Country)
	}
	if !IsSheetSection(e.Section) {
		return fmt.Errorf("%w: section: unknown section %q", ErrInvalid, e.Section)
	}
	if e.Text == "" {
		return fmt.Errorf("%w: text: the text is empty", ErrInvalid)
	}
	if !utf8.ValidString(e.Text) || strings.ContainsRune(e.Text, 0) {
		return fmt.Errorf("%w: text: not valid text", ErrInvalid)
	}
	if utf8.RuneCountInString(e.Text) > MaxSectionLength {
		return fmt.Errorf("%w: text: longer than %d characters", ErrInvalid, MaxSectionLength)
	}
	if !validLanguageCode(e.Language) {
		return fmt.Errorf("%w: language: %q is not a two-letter language code", ErrInvalid, e.Language)
	}
	return nil
}

func validLanguageCode(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

// Kinds of SheetRevision.
const (
	// RevisionEdited: the text or its language changed (and the section
	// was verified with it).
	RevisionEdited = "edited"
	// RevisionVerified: only the last verified date moved.
	RevisionVerified = "verified"
)

// SheetRevision is one change of a section, kept for its history: who did
// what and when, with the text as it was after the change.
type SheetRevision struct {
	ID         int64
	Country    string
	Section    string
	Kind       string // RevisionEdited or RevisionVerified
	Text       string
	Language   string
	EditorID   int64 // 0 when the account is gone
	EditorName string
	At         time.Time
}

// SortSheetSections orders sections by country code, then section name,
// the order the stores list them in.
func SortSheetSections(secs []SheetSection) {
	slices.SortFunc(secs, func(a, b SheetSection) int {
		if c := strings.Compare(a.Country, b.Country); c != 0 {
			return c
		}
		return strings.Compare(a.Section, b.Section)
	})
}
