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
	StatusDisabled SourceStatus = "disabled" // not harvested until re-enabled (410 Gone, or by hand)
	// StatusBlocked: the server refuses us (401, 403, a bot challenge). A
	// person must act; the source is probed daily meanwhile.
	StatusBlocked SourceStatus = "blocked"
	// StatusQuarantined: the URL answered 404 several times in a row; it is
	// probed daily and recovers on the first success.
	StatusQuarantined SourceStatus = "quarantined"
)

// SourceStatuses lists every status, in the order lists show them.
var SourceStatuses = []SourceStatus{StatusNew, StatusOK, StatusFailing, StatusBlocked,
	StatusQuarantined, StatusDisabled}

// Valid reports whether st is a known status.
func (st SourceStatus) Valid() bool {
	for _, v := range SourceStatuses {
		if st == v {
			return true
		}
	}
	return false
}

// Healthy reports whether st counts as working: new (not harvested yet)
// or ok. Every other status needs someone's attention.
func (st SourceStatus) Healthy() bool { return st == StatusNew || st == StatusOK }

// StatusChange is a source passing from healthy to unhealthy (it started
// failing, was blocked, quarantined or disabled) or back, as one harvest
// left it. A failing source that fails again is no change.
type StatusChange struct {
	SourceID  int64
	Name, URL string
	From, To  SourceStatus
	// Err and Class say what went wrong; empty on a recovery.
	Err   string
	Class ErrorClass
	At    time.Time
}

// Failed reports whether the source went from healthy to unhealthy.
func (c StatusChange) Failed() bool { return c.From.Healthy() && !c.To.Healthy() }

// Recovered reports whether the source went from unhealthy to ok.
func (c StatusChange) Recovered() bool { return !c.From.Healthy() && c.To == StatusOK }

// ChangeOf is the change that outcome o makes to a source that was in
// status from, and false when it makes none worth telling (a deferred run,
// a failing source failing again, a healthy one staying healthy).
func ChangeOf(src Source, o HarvestOutcome) (StatusChange, bool) {
	to := o.SourceStatus()
	if to == "" || src.Status == StatusDisabled && o.Status == "" {
		return StatusChange{}, false
	}
	c := StatusChange{SourceID: src.ID, Name: src.Name, URL: src.URL, From: src.Status, To: to, At: o.Finished}
	if !to.Healthy() {
		c.Err, c.Class = o.Err, o.ErrorClass
	}
	return c, c.Failed() || c.Recovered()
}

// ErrorClass sorts a failed harvest by what the harvester does about it.
type ErrorClass string

// Error classes, as the harvester assigns them and sources record them.
const (
	ErrNetwork   ErrorClass = "network"   // DNS, connect, reset, timeout: back off
	ErrServer    ErrorClass = "server"    // 5xx: back off
	ErrBlocked   ErrorClass = "blocked"   // 401, 403 or a bot challenge
	ErrMissing   ErrorClass = "not_found" // 404
	ErrGone      ErrorClass = "gone"      // 410
	ErrParse     ErrorClass = "parse"     // the body is not what the source's kind expects
	ErrRefused   ErrorClass = "refused"   // private address, redirect loop, oversized body
	ErrClient    ErrorClass = "client"    // another 4xx
	ErrTimeout   ErrorClass = "timeout"   // the run passed its deadline and was aborted
	ErrThrottled ErrorClass = "throttled" // 429/503 with Retry-After: not a failure
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

	Status    SourceStatus
	LastError string
	// ErrorClass is the class of LastError; empty after a success.
	ErrorClass ErrorClass
	// FailCount counts consecutive failed harvests, of any class.
	FailCount int
	// ErrorStreak counts consecutive failed harvests of class ErrorClass
	// (three 404s in a row quarantine a source).
	ErrorStreak  int
	LastHarvest  time.Time // zero when never harvested
	LastSuccess  time.Time // zero when never succeeded
	NextCheck    time.Time
	Interval     time.Duration // current polling interval
	ETag         string        // validators of the last 200, sent back as-is
	LastModified string
	CreatedAt    time.Time
	// Rules say how a site source is crawled; zero for other kinds.
	Rules CrawlRules
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
	if !s.Kind.Valid() && s.Kind != KindContributions {
		return fmt.Errorf("%w: unknown source kind %q", ErrInvalid, s.Kind)
	}
	if _, err := ValidateSourceURL(s.URL); err != nil {
		return err
	}
	if len(s.Name) > 300 {
		return fmt.Errorf("%w: the source name is longer than 300 characters", ErrInvalid)
	}
	if s.Kind != KindSite && !s.Rules.IsZero() {
		return fmt.Errorf("%w: only crawled sites take crawl rules, not %s sources", ErrInvalid, s.Kind)
	}
	return nil
}

// HarvestOutcome is what one harvest of a source did; the store records it
// as a run and updates the source's state from it in one transaction.
type HarvestOutcome struct {
	SourceID int64
	Started  time.Time
	Finished time.Time
	// RunID, when not zero, is the run StartRun opened; RecordHarvest
	// closes it instead of adding a new one.
	RunID       int64
	Err         string // empty on success; a readable reason otherwise
	Stage       string // where it failed: fetch, parse, normalise, store
	NotModified bool   // the server said nothing changed (304 or same ETag)
	// Status is the state the harvester decided for the source. Empty
	// means the usual: ok without Err, failing with it.
	Status SourceStatus
	// ErrorClass classifies Err.
	ErrorClass ErrorClass
	// Deferred: the server asked us to come back later (429/503 with
	// Retry-After). The run is recorded, but it is no failure: the
	// source's status, error and counts stay as they were.
	Deferred bool
	// Aborted: the run passed its deadline and was stopped.
	Aborted bool
	// Errors lists what went wrong on the way, item failures included.
	Errors                          []RunError
	New, Updated, Unchanged, Failed int
	ETag, LastModified              string
	NextCheck                       time.Time
	Interval                        time.Duration
	// RetryAfter is what the server asked us to wait (429/503); it shapes
	// NextCheck and is not stored by itself.
	RetryAfter time.Duration
}

// Run statuses.
const (
	RunRunning     = "running"      // started, not finished yet
	RunOK          = "ok"           // succeeded with new content
	RunNotModified = "not_modified" // succeeded; the server said nothing changed
	RunFailed      = "failed"
	RunDeferred    = "deferred" // the server asked us to wait (429/503): no failure
	RunAborted     = "aborted"  // passed its deadline, or its process died
)

// MaxRunErrors bounds the errors kept per run.
const MaxRunErrors = 50

// RunError is one thing that went wrong in a run.
type RunError struct {
	Stage   string `json:"stage"` // fetch, parse, normalise, store
	URL     string `json:"url,omitempty"`
	Message string `json:"message"`
}

// Run is a recorded harvest of one source.
type Run struct {
	ID                              int64
	SourceID                        int64
	Started                         time.Time
	Finished                        time.Time // zero while running
	Status                          string    // one of the Run* statuses
	Stage                           string
	Err                             string
	New, Updated, Unchanged, Failed int
	Errors                          []RunError
}

// RunStatus is the status a run with outcome o is recorded with.
func (o *HarvestOutcome) RunStatus() string {
	switch {
	case o.Aborted:
		return RunAborted
	case o.Deferred:
		return RunDeferred
	case o.Err != "":
		return RunFailed
	case o.NotModified:
		return RunNotModified
	}
	return RunOK
}

// SourceStatus is the status a source takes from outcome o: the one the
// harvester decided, else ok on success and failing on error. It is empty
// for a deferred run, which leaves the source as it was.
func (o *HarvestOutcome) SourceStatus() SourceStatus {
	switch {
	case o.Deferred:
		return ""
	case o.Status != "":
		return o.Status
	case o.Err != "" || o.Aborted:
		return StatusFailing
	}
	return StatusOK
}

// Activity is what a source has yielded: the figures of its health.
type Activity struct {
	SourceID int64
	// Documents counts the source's documents not gone.
	Documents int
	// NewSince counts the documents its runs created since the time asked.
	NewSince int
	// LastNew is when a run last created a document; zero when none did.
	LastNew time.Time
}

// PerWeek is how many new documents a week NewSince makes over the days
// since the time asked.
func (a Activity) PerWeek(days int) float64 {
	if days <= 0 {
		return 0
	}
	return float64(a.NewSince) * 7 / float64(days)
}

// SilentDays is how many whole days have passed since the source last
// gave a new document, counted from created (when it never did); -1 when
// it gave one within the last day.
func (a Activity) SilentDays(now, created time.Time) int {
	last := a.LastNew
	if last.IsZero() {
		last = created
	}
	d := int(now.Sub(last) / (24 * time.Hour))
	if d < 1 {
		return -1
	}
	return d
}
