package catalog

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// SourceKind says how a source is harvested.
type SourceKind string

// The kinds of source the harvester knows.
const (
	KindFeed     SourceKind = "feed"     // RSS, Atom, JSON Feed
	KindSite     SourceKind = "site"     // crawled pages
	KindSitemap  SourceKind = "sitemap"  // sitemap or sitemap index
	KindCalendar SourceKind = "calendar" // iCalendar
	KindOAI      SourceKind = "oai"      // OAI-PMH repository
)

// SourceKinds lists every kind, in the order forms and help text show them.
var SourceKinds = []SourceKind{KindFeed, KindSite, KindSitemap, KindCalendar, KindOAI}

// Valid reports whether k is a known kind.
func (k SourceKind) Valid() bool {
	for _, v := range SourceKinds {
		if k == v {
			return true
		}
	}
	return false
}

// SourceStatus is a source's health as the last harvest left it.
type SourceStatus string

// Source states.
const (
	StatusNew      SourceStatus = "new"      // never harvested
	StatusOK       SourceStatus = "ok"       // last harvest succeeded
	StatusFailing  SourceStatus = "failing"  // last harvest failed; retried with back-off
	StatusDisabled SourceStatus = "disabled" // not harvested until re-enabled
)

// Source is a publisher's feed, site, sitemap, calendar or repository that
// the hub harvests.
type Source struct {
	ID   int64
	Kind SourceKind
	// URL is where the harvest starts, absolute http(s).
	URL  string
	Name string
	// Publisher is the organisation behind the source, as shown to users.
	Publisher string
	// Language and Country are defaults for what the source publishes
	// (ISO 639-1 and ISO 3166-1 alpha-2 / "EU"); empty when unknown.
	Language string
	Country  string

	Status       SourceStatus
	LastError    string
	FailCount    int
	LastHarvest  time.Time // zero when never harvested
	LastSuccess  time.Time // zero when never succeeded
	NextCheck    time.Time
	Interval     time.Duration // current polling interval
	ETag         string        // validators of the last 200, sent back as-is
	LastModified string
	CreatedAt    time.Time
}

// Default polling bounds.
const (
	DefaultInterval = time.Hour
	MinInterval     = 5 * time.Minute
	MaxInterval     = 24 * time.Hour
)

// ValidateSourceURL checks that raw is an absolute http or https URL with a
// host and returns it parsed. The error wraps ErrInvalid and reads as a
// sentence for the person who typed it.
func ValidateSourceURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, fmt.Errorf("%w: the source URL is empty", ErrInvalid)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %q is not a URL", ErrInvalid, raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: %q is not a web address (it must start with http:// or https://)", ErrInvalid, raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: %q has no host name", ErrInvalid, raw)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: %q must not carry a user name or password", ErrInvalid, raw)
	}
	return u, nil
}

// Validate checks a source before it is stored; errors wrap ErrInvalid.
func (s *Source) Validate() error {
	if !s.Kind.Valid() {
		return fmt.Errorf("%w: unknown source kind %q", ErrInvalid, s.Kind)
	}
	if _, err := ValidateSourceURL(s.URL); err != nil {
		return err
	}
	if len(s.Name) > 300 {
		return fmt.Errorf("%w: the source name is longer than 300 characters", ErrInvalid)
	}
	return nil
}

// HarvestOutcome is what one harvest of a source did; the store records it
// as a run and updates the source's state from it in one transaction.
type HarvestOutcome struct {
	SourceID                        int64
	Started                         time.Time
	Finished                        time.Time
	Err                             string // empty on success; a readable reason otherwise
	Stage                           string // where it failed: fetch, parse, normalise, store
	NotModified                     bool   // the server said nothing changed (304 or same ETag)
	New, Updated, Unchanged, Failed int
	ETag, LastModified              string
	NextCheck                       time.Time
	Interval                        time.Duration
	// RetryAfter is what the server asked us to wait (429/503); it shapes
	// NextCheck and is not stored by itself.
	RetryAfter time.Duration
}

// Run is a recorded harvest of one source.
type Run struct {
	ID                              int64
	SourceID                        int64
	Started                         time.Time
	Finished                        time.Time
	Status                          string // "ok", "not_modified" or "failed"
	Stage                           string
	Err                             string
	New, Updated, Unchanged, Failed int
}
