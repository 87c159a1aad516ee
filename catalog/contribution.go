package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ContributionKind is what a registered user submits through the portal.
type ContributionKind string

// The kinds of contribution. A "document" is a report, policy paper,
// research… (the contributor picks its content type); the others fix it.
const (
	ContributeDocument  ContributionKind = "document"
	ContributeNews      ContributionKind = "news"
	ContributeEvent     ContributionKind = "event"
	ContributeFunding   ContributionKind = "funding"
	ContributeCaseStudy ContributionKind = "case-study"
)

// ContributionKinds lists every kind in the order the portal offers them.
var ContributionKinds = []ContributionKind{ContributeCaseStudy, ContributeDocument, ContributeNews, ContributeEvent, ContributeFunding}

// Valid reports whether k is a known kind.
func (k ContributionKind) Valid() bool { return slices.Contains(ContributionKinds, k) }

// ContentType is the content type slug a contribution of kind k takes; ""
// for a document, whose contributor chooses among DocumentContentTypes.
func (k ContributionKind) ContentType() string {
	switch k {
	case ContributeNews:
		return "news"
	case ContributeEvent:
		return "event"
	case ContributeFunding:
		return "funding"
	case ContributeCaseStudy:
		return "case-study"
	}
	return ""
}

// DocumentContentTypes are the content types a contributed "document" may
// take: the written kinds, not news, events, calls or case studies, which
// have their own forms.
var DocumentContentTypes = []string{"report", "policy-paper", "research", "evaluation",
	"policy-measure", "project", "legislation", "statistics"}

// KindContributions is the kind of the one source that holds what users
// contribute. It is never harvested: it is not among SourceKinds (no
// owner can register one), DueSources never lists it and the store makes
// it disabled.
const KindContributions SourceKind = "contributions"

// ContributionsSourceURL is the address of the contributions source: a
// reserved .invalid name, so nothing could ever fetch it.
const ContributionsSourceURL = "https://contributions.ewsi.invalid/"

// Contribution is what the hub keeps of a submission besides its
// document: who sent it, whether they want to be credited, the English
// summary they may add to an item in another language, and which
// acknowledgements were mailed (each at most once).
type Contribution struct {
	DocumentID int64
	UserID     int64
	Kind       ContributionKind
	// Credit shows "Contributed by NAME, ORGANISATION" on the item; the
	// contributor may opt out when submitting.
	Credit bool
	// SummaryEN is the optional English summary of an item written in
	// another language; "" when none (or when the item is in English).
	SummaryEN string
	Submitted time.Time
	// ReceivedAck and PublishedAck are when the acknowledgements of
	// receipt and of publication were queued; zero until then.
	ReceivedAck  time.Time
	PublishedAck time.Time
}

// MaxSummaryEN bounds the English summary, in characters.
const MaxSummaryEN = 4000

// Validate checks c before a store keeps it; errors wrap ErrInvalid.
func (c *Contribution) Validate() error {
	c.SummaryEN = strings.TrimSpace(c.SummaryEN)
	switch {
	case c.UserID <= 0:
		return fmt.Errorf("%w: contribution has no contributor", ErrInvalid)
	case !c.Kind.Valid():
		return fmt.Errorf("%w: unknown contribution kind %q", ErrInvalid, c.Kind)
	case utf8.RuneCountInString(c.SummaryEN) > MaxSummaryEN:
		return fmt.Errorf("%w: English summary is longer than %d characters", ErrInvalid, MaxSummaryEN)
	}
	return nil
}

// Ack names an acknowledgement mailed to a contributor.
type Ack string

// The acknowledgements.
const (
	AckReceived  Ack = "received"
	AckPublished Ack = "published"
)

// ContributedItem is one of a user's contributions, as their profile
// lists it.
type ContributedItem struct {
	Contribution
	Title    string
	Language string
	State    DocumentState
	Embargo  time.Time
}

// ContributorCount is how many contributions one user made of one kind
// that stand in one state; a contributors report is a list of them.
type ContributorCount struct {
	UserID           int64
	Name             string
	Organisation     string
	OrganisationType string
	Country          string
	Kind             ContributionKind
	State            DocumentState
	Count            int
}

// RegularContributor is a user with many published contributions, for the
// bulletin's thanks.
type RegularContributor struct {
	UserID           int64
	Name             string
	Organisation     string
	OrganisationType string
	Country          string
	Credit           bool // false when they opted out of credit on any of them
	Published        int
}
