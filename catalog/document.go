package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is one item of the catalog: a news item, report, event, call…
// harvested from a source or submitted by a user.
type Document struct {
	ID       int64
	SourceID int64
	// Key identifies the item within its source (feed GUID, else its URL);
	// (SourceID, Key) is unique, so harvesting twice never duplicates.
	Key          string
	URL          string // original address at the publisher
	CanonicalURL string
	Title        string
	Summary      string
	// SummaryEN is an English summary of a document in another language,
	// given by the contributor who sent it (Contribution.SummaryEN): the
	// index holds it with the summary, so that an English query finds the
	// document by it; "" for harvested documents.
	SummaryEN string
	Text      string // plain text of the body
	HTML      string // sanitised HTML of the body
	Language  string // primary language, ISO 639-1
	Languages []string
	// LanguageFrom says where the language decision came from
	// ("detector", "declared" — by the feed, the page or HTTP — or "source").
	LanguageFrom string
	Authors      []string
	Themes       []string // theme slugs, see Themes
	ContentType  string   // content type slug, see ContentTypes
	Countries    []string // ISO 3166-1 alpha-2, or "EU"
	// Labels are the classification with confidences: every theme,
	// sub-theme and country of Themes and Countries, and the content
	// types considered, the chosen one (ContentType) first and then the
	// alternatives, which may be below ConfidenceAssigned. Themes,
	// ContentType and Countries stay the fields that search filters on.
	Labels    []Label
	Published time.Time
	Updated   time.Time
	Harvested time.Time
	// Structured fields, set when the document is of that kind.
	Event       *Event
	Funding     *Funding
	Legislation *Legislation
	CaseStudy   *CaseStudy
	// ContributorID is the user who submitted the document through the
	// portal; 0 for harvested documents. Contributors are credited on the
	// item and acknowledged when it is published.
	ContributorID int64
	// DuplicateOf is the ID of the representative of the document's group
	// of copies (the same item published by several sources: same
	// canonical URL or text, or a near-duplicate text in the same
	// language), 0 when the document is a representative or has no
	// copies. Stores set it on upsert; it is not part of the content.
	DuplicateOf int64
	// TranslationKey is shared by the translations of one item (from
	// hreflang alternates or identifiers); "" when none are known.
	TranslationKey string
	// ContentHash is the hex SHA-256 of the normalised title and text; it
	// tells an update from an unchanged re-harvest.
	ContentHash string
	// GoneAt is when the item was found missing from its source for
	// GoneAfterRuns successful runs in a row; zero while it is there. A
	// gone document is kept but hidden from search, and comes back when
	// it reappears.
	GoneAt time.Time
	// Publisher is the organisation the page names as its publisher, which
	// may differ from the source that harvested it (a network's feed of
	// its members' news).
	Publisher string
	// Licence is the licence the page declares: a URL or a name.
	Licence string
	// Translations are the same item in other languages, as the page's
	// hreflang alternates name them.
	Translations []Translation

	// State is where the document stands in the editorial workflow. An
	// upsert of a new document with no State takes InitialState of its
	// source's trust; a later upsert never changes it (editors do).
	State DocumentState
	// Embargo is when a published document becomes public; zero for at
	// once.
	Embargo time.Time
	// StateReason is the editor's reason for the last decision (a
	// refusal's, above all).
	StateReason string
}

// Translation is one language version of a document at another address.
type Translation struct {
	Language string // ISO 639-1
	URL      string
}

// translationsKey writes ts for Hash.
func translationsKey(ts []Translation) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.Language)
		b.WriteByte('|')
		b.WriteString(t.URL)
		b.WriteByte('\n')
	}
	return b.String()
}

// Limits on stored fields, so one hostile item cannot bloat the catalog.
const (
	MaxTitle = 1000
	MaxText  = 1 << 20
)

// Hash computes ContentHash from the fields that make the content.
func (d *Document) Hash() string {
	h := sha256.New()
	for _, s := range []string{d.Title, d.Summary, d.Text, d.Language, d.ContentType,
		strings.Join(d.Themes, ","), strings.Join(d.Countries, ","), labelsKey(d.Labels),
		d.Event.key(), d.Funding.key(), d.Legislation.key(), d.TranslationKey,
		d.Publisher, d.Licence, translationsKey(d.Translations)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if d.CaseStudy != nil { // only then, so older hashes stay valid
		h.Write([]byte(d.CaseStudy.key()))
		h.Write([]byte{0})
	}
	if d.SummaryEN != "" { // likewise
		h.Write([]byte("en:" + d.SummaryEN))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Validate checks a document before it is stored; errors wrap ErrInvalid.
func (d *Document) Validate() error {
	switch {
	case d.SourceID <= 0:
		return fmt.Errorf("%w: document has no source", ErrInvalid)
	case d.Key == "":
		return fmt.Errorf("%w: document has no key", ErrInvalid)
	case strings.TrimSpace(d.Title) == "":
		return fmt.Errorf("%w: document %q has no title", ErrInvalid, d.Key)
	case len(d.Title) > MaxTitle*4 || utf8.RuneCountInString(d.Title) > MaxTitle:
		return fmt.Errorf("%w: title of %q is too long", ErrInvalid, d.Key)
	case len(d.Text) > MaxText || len(d.HTML) > 2*MaxText:
		return fmt.Errorf("%w: body of %q is larger than %d bytes", ErrInvalid, d.Key, MaxText)
	case d.State != "" && !d.State.Valid():
		return fmt.Errorf("%w: state of %q: unknown state %q", ErrInvalid, d.Key, d.State)
	case utf8.RuneCountInString(d.SummaryEN) > MaxSummaryEN:
		return fmt.Errorf("%w: English summary of %q is longer than %d characters", ErrInvalid, d.Key, MaxSummaryEN)
	case d.ContributorID < 0:
		return fmt.Errorf("%w: document %q has a negative contributor", ErrInvalid, d.Key)
	}
	if d.CaseStudy != nil {
		if err := d.CaseStudy.Validate(); err != nil {
			return fmt.Errorf("document %q: %w", d.Key, err)
		}
	}
	return nil
}

// UpsertResult tells what an upsert did.
type UpsertResult int

// Upsert outcomes.
const (
	Unchanged UpsertResult = iota // same content hash: nothing written
	Created
	Updated
)

func (r UpsertResult) String() string {
	switch r {
	case Created:
		return "created"
	case Updated:
		return "updated"
	}
	return "unchanged"
}
