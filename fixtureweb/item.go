package fixtureweb

import (
	"maps"
	"slices"
	"time"
)

// Item is the ground truth about one published item: what a perfect
// harvester and normaliser would find. It is derived from the same content
// file the pages and feeds are rendered from, so it is correct by
// construction.
type Item struct {
	// Path is the URL path of the item's HTML page; base URL + Path is the
	// link every feed, sitemap and calendar gives. It identifies the item.
	Path string
	// ID is the stable identifier every feed gives the item (RSS guid,
	// Atom id, JSON Feed id); unlike URLs it does not depend on the base.
	ID        string
	Publisher string // publisher slug
	Title     string
	Summary   string // the lead paragraph, as plain text
	Text      string // the body as plain text, blocks separated by blank lines
	Language  string // ISO 639-1
	// ContentType is a catalog.ContentTypes slug.
	ContentType string
	// Themes are the top-level theme slugs; SubThemes the sub-theme slugs
	// the item was written about (each belongs to one of Themes).
	Themes    []string
	SubThemes []string
	Countries []string // ISO 3166-1 alpha-2 or "EU"
	Authors   []string
	Published time.Time
	Updated   time.Time // equals Published when never updated

	Feed     string // path of the one feed that lists the item
	Calendar string // path of the calendar that lists it, "" when none
	// Canonical is the path rel=canonical points to: Path itself, or the
	// original's path for a syndicated copy.
	Canonical string
	// Translations are the paths of the same item in other languages,
	// linked both ways with hreflang.
	Translations []string
	// DuplicateOf is the path of the original when this item republishes
	// another publisher's item with small changes (a near-duplicate).
	DuplicateOf string

	Event     *Event     // set for events
	Funding   *Funding   // set for funding calls
	CaseStudy *CaseStudy // set for case studies

	body     string // source markup
	group    string // translation group
	comments []comment
}

// Event holds the practical facts of an event.
type Event struct {
	Start, End time.Time // in the event's own zone (Start.Location())
	// AllDay: the event is given by dates only; Start and End are the
	// midnights of its first and last days (End may equal Start).
	AllDay   bool
	Location string // venue and address, or "Online"
	Online   bool
	// RegistrationDeadline is zero when registration is not required.
	RegistrationDeadline time.Time
}

// Funding holds the facts of a funding call.
type Funding struct {
	Programme string
	CallID    string
	Deadline  time.Time
	Budget    int64 // total budget of the call in euros
}

// CaseStudy holds the facts a case study states besides its text.
type CaseStudy struct {
	Partners []string
	Duration string // in words, as the page states it; "" when Started is given
	Budget   int64  // euros
	Contact  string
	// Template is set when the page publishes the hub's whole template
	// (the practice database): then Region, TargetGroups, FundingBy,
	// Started, Ended and the criteria are stated on the page too.
	Template     bool
	Region       string
	TargetGroups []string
	FundingBy    string
	Started      time.Time
	Ended        time.Time // zero while the practice runs
	Evaluated    bool
	Innovative   bool
}

type comment struct {
	Author string
	Date   time.Time
	Text   string
}

// Items returns the ground truth of every item of the fixture web, grouped
// by publisher and newest first within each. The result is a copy the
// caller may change.
func Items() []Item {
	s := theSite()
	out := make([]Item, len(s.items))
	for i, it := range s.items {
		out[i] = it.clone()
	}
	return out
}

// Publishers returns the publishers of the fixture web. The result is a
// copy the caller may change.
func Publishers() []Publisher {
	s := theSite()
	out := make([]Publisher, len(s.pubs))
	for i, p := range s.pubs {
		c := *p
		c.Names = maps.Clone(p.Names)
		c.Languages = slices.Clone(p.Languages)
		c.Feeds = slices.Clone(p.Feeds)
		out[i] = c
	}
	return out
}

func (it *Item) clone() Item {
	c := *it
	c.Themes = slices.Clone(it.Themes)
	c.SubThemes = slices.Clone(it.SubThemes)
	c.Countries = slices.Clone(it.Countries)
	c.Authors = slices.Clone(it.Authors)
	c.Translations = slices.Clone(it.Translations)
	c.comments = slices.Clone(it.comments)
	if it.Event != nil {
		e := *it.Event
		c.Event = &e
	}
	if it.Funding != nil {
		f := *it.Funding
		c.Funding = &f
	}
	if it.CaseStudy != nil {
		cs := *it.CaseStudy
		cs.Partners = slices.Clone(it.CaseStudy.Partners)
		cs.TargetGroups = slices.Clone(it.CaseStudy.TargetGroups)
		c.CaseStudy = &cs
	}
	return c
}
