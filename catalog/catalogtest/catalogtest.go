// Package catalogtest is the conformance suite of the catalog stores: the
// behaviour catalog/sqlite and catalog/postgres share, stated once as tests
// that each store's own tests run with Run. It also holds the synthetic
// workload of the stores' benchmarks, so their figures compare.
//
// It holds no store and no SQL.
package catalogtest

import (
	"context"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// Store is what every catalog store provides. Errors wrap catalog.ErrInvalid
// (input breaking a rule), catalog.ErrNotFound (unknown ID, URL or key) or
// catalog.ErrConflict (duplicate source URL), with the detail.
type Store interface {
	// Migrate brings the schema up to date; a no-op when it is.
	Migrate(ctx context.Context) error
	Ping(ctx context.Context) error
	Close() error

	// CreateSource validates s, sets ID and CreatedAt, and defaults
	// Status (new), NextCheck (now) and Interval (catalog.DefaultInterval).
	CreateSource(ctx context.Context, s *catalog.Source) error
	Source(ctx context.Context, id int64) (*catalog.Source, error)
	SourceByURL(ctx context.Context, url string) (*catalog.Source, error)
	// Sources lists every source by ID.
	Sources(ctx context.Context) ([]catalog.Source, error)
	// UpdateSource saves the editable fields (empty status, zero NextCheck
	// or Interval keep the stored value) and reloads s.
	UpdateSource(ctx context.Context, s *catalog.Source) error
	// DueSources lists sources not disabled with NextCheck <= now, the
	// longest overdue first, at most limit (all when limit <= 0).
	DueSources(ctx context.Context, now time.Time, limit int) ([]catalog.Source, error)

	// RecordHarvest records a run and moves the source's state, in one
	// transaction, and returns the run's ID.
	RecordHarvest(ctx context.Context, o catalog.HarvestOutcome) (int64, error)
	// Runs lists a source's runs, newest first, at most limit (all when
	// limit <= 0).
	Runs(ctx context.Context, sourceID int64, limit int) ([]catalog.Run, error)
	// StartRun opens a running run that RecordHarvest closes when the
	// outcome's RunID names it.
	StartRun(ctx context.Context, sourceID int64, started time.Time) (int64, error)
	// AbortStaleRuns closes as aborted the runs still running that started
	// before the given time, and says how many.
	AbortStaleRuns(ctx context.Context, startedBefore time.Time, reason string) (int, error)

	// UpsertDocument stores d under (SourceID, Key): Created, Updated
	// (another content hash) or Unchanged (same hash, nothing written);
	// safe for concurrent calls with the same key.
	UpsertDocument(ctx context.Context, d *catalog.Document) (catalog.UpsertResult, error)
	// UpsertDocuments upserts several documents in one transaction, each
	// as UpsertDocument would, all or none; results in order.
	UpsertDocuments(ctx context.Context, docs []*catalog.Document) ([]catalog.UpsertResult, error)
	Document(ctx context.Context, id int64) (*catalog.Document, error)
	DocumentByKey(ctx context.Context, sourceID int64, key string) (*catalog.Document, error)
	CountDocuments(ctx context.Context) (int, error)
	// MarkMissing counts the runs that missed a source's documents
	// published since (all when zero), marks gone (hidden from search)
	// those missed after runs in a row, and brings back those seen again;
	// it returns how many of each.
	MarkMissing(ctx context.Context, sourceID int64, seen []string, since, at time.Time, after int) (gone, back int, err error)
	// MarkGone marks the documents under keys gone at once (the source
	// said they were deleted) and hides them from search.
	MarkGone(ctx context.Context, sourceID int64, keys []string, at time.Time) (int, error)

	// PutRawObject keeps the latest raw object per (source, URL);
	// RawObjects lists a source's, by URL.
	PutRawObject(ctx context.Context, o *catalog.RawObject) error
	// Activity gives every source's documents not gone, documents created
	// by its runs since a time, and when a run last created one.
	Activity(ctx context.Context, since time.Time) ([]catalog.Activity, error)
	RawObjects(ctx context.Context, sourceID int64) ([]catalog.RawObject, error)

	// DocumentGroup returns the document's group of copies across
	// sources, the representative first; Translations the documents
	// sharing its TranslationKey.
	DocumentGroup(ctx context.Context, id int64) ([]catalog.Document, error)
	Translations(ctx context.Context, id int64) ([]catalog.Document, error)

	// RecordCorrection stores an editor's correction and applies it to the
	// document; CorrectionsForSource lists a source's, newest first.
	RecordCorrection(ctx context.Context, c *catalog.Correction) error
	CorrectionsForSource(ctx context.Context, sourceID int64, limit int) ([]catalog.Correction, error)
	// AddSourceRule stores a rule; SourceRules lists a source's in order;
	// DeleteSourceRule removes one.
	AddSourceRule(ctx context.Context, r *catalog.SourceRule) error
	SourceRules(ctx context.Context, sourceID int64) ([]catalog.SourceRule, error)
	DeleteSourceRule(ctx context.Context, id int64) error

	// Search returns a page of hits, the total and the facets; a query
	// text fails only with an error wrapping catalog.ErrInvalid, when the
	// query language refuses it (see catalog/search.Parse).
	Search(ctx context.Context, q catalog.Query) (*catalog.Result, error)
	// Reindex rebuilds the search index from the documents.
	Reindex(ctx context.Context) error
	// SetExpander sets the cross-language expander of searches (nil: none).
	SetExpander(e catalog.Expander)
	// SetSearchTimeout bounds each search (0: the store's default); a
	// search over it fails with an error wrapping context.DeadlineExceeded.
	SetSearchTimeout(d time.Duration)

	Accounts
	Registrations
	Trust
	Editorial
	Sheets
}

// Sheets is what every store keeps of the country information sheets.
// Errors wrap catalog.ErrInvalid or catalog.ErrNotFound.
type Sheets interface {
	// SheetSections lists the stored sections of a country ("": of every
	// country), by country and section name.
	SheetSections(ctx context.Context, country string) ([]catalog.SheetSection, error)
	// SaveSheetSection writes and verifies a section and keeps the change
	// as a revision; an unchanged text and language give a nil revision.
	SaveSheetSection(ctx context.Context, e *catalog.SheetEdit) (*catalog.SheetRevision, error)
	// VerifySheetSection moves only the last verified date (zero: now).
	VerifySheetSection(ctx context.Context, country, section string, editorID int64, at time.Time) (*catalog.SheetRevision, error)
	// SheetRevisions lists a section's history ("": the country's), newest
	// first, at most limit (all when limit <= 0).
	SheetRevisions(ctx context.Context, country, section string, limit int) ([]catalog.SheetRevision, error)
	// ClaimSheetReminders marks and returns the sections of countries
	// (nil: all) verified before a time whose stale period has had no
	// reminder yet.
	ClaimSheetReminders(ctx context.Context, countries []string, verifiedBefore, at time.Time) ([]catalog.SheetSection, error)
	// UsersByRole lists the users holding one of roles, by ID.
	UsersByRole(ctx context.Context, roles ...catalog.Role) ([]catalog.User, error)
	Contributions
	SavedSearches
	Directory
}

// Editorial is what every store keeps of the editorial workflow. Search
// shows only published documents past their embargo.
type Editorial interface {
	// SetDocumentState applies a decision to all of c.IDs or, when one is
	// unknown (ErrNotFound) or c is invalid (ErrInvalid), to none.
	SetDocumentState(ctx context.Context, c *catalog.StateChange) (int, error)
	// ReviewQueue lists a page of the documents in q.State matching its
	// filters, the longest waiting first, and their total.
	ReviewQueue(ctx context.Context, q catalog.ReviewQuery) ([]catalog.Document, int, error)
	// EditDocument writes, locks and records the changed fields (nil
	// revision when none changed); UpsertDocument then keeps them.
	EditDocument(ctx context.Context, e *catalog.DocumentEdit) (*catalog.Revision, error)
	LockedFields(ctx context.Context, documentID int64) ([]string, error)
	// DocumentRevisions lists newest first; RestoreRevision puts back a
	// revision's earlier values as a new revision.
	DocumentRevisions(ctx context.Context, documentID int64) ([]catalog.Revision, error)
	RestoreRevision(ctx context.Context, revisionID, editorID int64) (*catalog.Revision, error)
	// MergeDocuments puts duplicateID (with its copies) in intoID's
	// group; later harvests keep it there.
	MergeDocuments(ctx context.Context, duplicateID, intoID int64) error
}

// Trust is what every store keeps of the trust given to sources and to
// email domains. Errors wrap catalog.ErrInvalid or catalog.ErrNotFound.
type Trust interface {
	// SetSourceTrust and SourceTrust set and read a source's level:
	// catalog.TrustTrusted for a source made by CreateSource,
	// catalog.TrustUnverified for one made by approving a proposal.
	SetSourceTrust(ctx context.Context, sourceID int64, t catalog.Trust) error
	SourceTrust(ctx context.Context, sourceID int64) (catalog.Trust, error)
	// SetDomainTrust stores (or replaces) a domain's rule; DomainTrusts
	// lists them by domain; DeleteDomainTrust removes one.
	SetDomainTrust(ctx context.Context, d *catalog.DomainTrust) error
	DomainTrusts(ctx context.Context) ([]catalog.DomainTrust, error)
	DeleteDomainTrust(ctx context.Context, domain string) error
	// TrustOfEmail is the rule of the address's domain or of its nearest
	// parent with one; catalog.TrustUnverified when none.
	TrustOfEmail(ctx context.Context, email string) (catalog.Trust, error)
}

// Registrations is what every store keeps of sources proposed by their
// owners.
type Registrations interface {
	// CreateSourceRegistration stores r as pending; ErrConflict when a
	// source or a pending proposal has the URL.
	CreateSourceRegistration(ctx context.Context, r *catalog.SourceRegistration) error
	SourceRegistration(ctx context.Context, id int64) (*catalog.SourceRegistration, error)
	// SourceRegistrations lists newest first, by owner (0: all) and state
	// ("": all).
	SourceRegistrations(ctx context.Context, ownerID int64, state catalog.RegistrationState) ([]catalog.SourceRegistration, error)
	// DecideSourceRegistration approves (making the source) or refuses
	// (with a reason) a pending registration.
	DecideSourceRegistration(ctx context.Context, id, editorID int64, approve bool, reason string) (*catalog.SourceRegistration, error)
	// SetRegistrationNotify sets what the owner is mailed about;
	// ErrNotFound when the registration is not the owner's.
	SetRegistrationNotify(ctx context.Context, id, ownerID int64, n catalog.NotifyPolicy) error
	// SourceOwners lists the approved registrations of a source.
	SourceOwners(ctx context.Context, sourceID int64) ([]catalog.SourceRegistration, error)
}

// Accounts is what every store keeps of users, their sessions and their
// one-time tokens. Errors wrap catalog.ErrInvalid, catalog.ErrNotFound or
// catalog.ErrConflict (an address already used, whatever its case).
type Accounts interface {
	// CreateUser validates u and sets ID and CreatedAt; no password yet.
	CreateUser(ctx context.Context, u *catalog.User) error
	User(ctx context.Context, id int64) (*catalog.User, error)
	// UserByEmail compares addresses without case or surrounding spaces.
	UserByEmail(ctx context.Context, email string) (*catalog.User, error)
	// UpdateUser saves everything but the address (a zero
	// EmailVerifiedAt keeps the stored one) and reloads u.
	UpdateUser(ctx context.Context, u *catalog.User) error
	SetPassword(ctx context.Context, userID int64, hash string) error
	// PasswordHash is "" until SetPassword is called.
	PasswordHash(ctx context.Context, userID int64) (string, error)

	// CreateSession returns a new random token, stored hashed, valid for ttl.
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *catalog.Session, error)
	// SessionByToken finds an unexpired session.
	SessionByToken(ctx context.Context, token string) (*catalog.Session, error)
	DeleteSession(ctx context.Context, token string) error
	DeleteUserSessions(ctx context.Context, userID int64) error

	// CreateUserToken returns a one-time token for purpose, valid for ttl.
	CreateUserToken(ctx context.Context, userID int64, purpose catalog.TokenPurpose, ttl time.Duration) (string, error)
	// UseUserToken consumes a token of purpose and returns its user.
	UseUserToken(ctx context.Context, token string, purpose catalog.TokenPurpose) (int64, error)
	// DeleteExpired removes expired sessions and tokens, returning how many.
	DeleteExpired(ctx context.Context, now time.Time) (int, error)

	// SiteKey returns the named 32-byte secret, made on first use.
	SiteKey(ctx context.Context, name string) ([]byte, error)
}

// Run runs the conformance suite. open must return a new, empty, migrated
// store each time it is called, and close it (and remove what it created)
// in t's cleanup.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Store", func(t *testing.T) { testStore(t, open) })
	t.Run("Sources", func(t *testing.T) { testSources(t, open) })
	t.Run("Harvests", func(t *testing.T) { testHarvests(t, open) })
	t.Run("Health", func(t *testing.T) { testHealth(t, open) })
	t.Run("Gone", func(t *testing.T) { testGone(t, open) })
	t.Run("MarkGone", func(t *testing.T) { testMarkGone(t, open) })
	t.Run("MissingEvents", func(t *testing.T) { testMissingEvents(t, open) })
	t.Run("RawObjects", func(t *testing.T) { testRawObjects(t, open) })
	t.Run("Activity", func(t *testing.T) { testActivity(t, open) })
	t.Run("Documents", func(t *testing.T) { testDocuments(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("Corrections", func(t *testing.T) { testCorrections(t, open) })
	t.Run("Duplicates", func(t *testing.T) { testDuplicates(t, open) })
	t.Run("Users", func(t *testing.T) { testUsers(t, open) })
	t.Run("Sessions", func(t *testing.T) { testSessions(t, open) })
	t.Run("Registrations", func(t *testing.T) { testRegistrations(t, open) })
	t.Run("Trust", func(t *testing.T) { testTrust(t, open) })
	t.Run("Editorial", func(t *testing.T) { testEditorial(t, open) })
	t.Run("Revisions", func(t *testing.T) { testRevisions(t, open) })
	t.Run("Merge", func(t *testing.T) { testMerge(t, open) })
	t.Run("Sheets", func(t *testing.T) { testSheets(t, open) })
	t.Run("Contributions", func(t *testing.T) { testContributions(t, open) })
	t.Run("SavedSearches", func(t *testing.T) { testSavedSearches(t, open) })
	t.Run("Directory", func(t *testing.T) { testDirectory(t, open) })
	t.Run("Batch", func(t *testing.T) { testBatch(t, open) })
	t.Run("FacetCounts", func(t *testing.T) { testFacetCounts(t, open) })
}

// RunSearch runs the part of the suite that searches: the search cases
// and those of every write that changes what search finds. A store's
// tests run it once more with another way of counting (the facet index
// built before every count).
func RunSearch(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("Gone", func(t *testing.T) { testGone(t, open) })
	t.Run("MarkGone", func(t *testing.T) { testMarkGone(t, open) })
	t.Run("Editorial", func(t *testing.T) { testEditorial(t, open) })
	t.Run("FacetCounts", func(t *testing.T) { testFacetCounts(t, open) })
}

// testStore checks the life cycle: ping, migrating again, closing.
func testStore(t *testing.T, open func(t *testing.T) Store) {
	t.Run("MigrateTwiceIsNoop", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustSource(t, s, catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/feed"})
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("Migrate on a current schema: %v", err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping: %v", err)
		}
		got, err := s.Sources(ctx)
		if err != nil || len(got) != 1 {
			t.Fatalf("Sources after Migrate = %d sources, %v; want 1, nil", len(got), err)
		}
	})
}

// SavedSearches is what every store keeps of users' saved searches. A
// saved search is read, changed and deleted only through its owner's id:
// with another user's, it does not exist (ErrNotFound).
type SavedSearches interface {
	// CreateSavedSearch validates s and sets ID and CreatedAt; ErrInvalid
	// also when the user keeps catalog.MaxSavedSearches already,
	// ErrNotFound for an unknown user.
	CreateSavedSearch(ctx context.Context, s *catalog.SavedSearch) error
	SavedSearch(ctx context.Context, userID, id int64) (*catalog.SavedSearch, error)
	// SavedSearches lists the user's, newest first.
	SavedSearches(ctx context.Context, userID int64) ([]catalog.SavedSearch, error)
	// UpdateSavedSearch saves the name and frequency of the user's search
	// s.ID and reloads s.
	UpdateSavedSearch(ctx context.Context, s *catalog.SavedSearch) error
	DeleteSavedSearch(ctx context.Context, userID, id int64) error
	// DueSavedSearches lists the searches with an alert due at now
	// (catalog.SavedSearch.Due), at most limit (all when limit <= 0).
	DueSavedSearches(ctx context.Context, now time.Time, limit int) ([]catalog.SavedSearch, error)
	// MarkSavedSearchAlerted moves search id's last alert to at when it
	// still looks for documents since since, and says whether it did: of
	// several processes sending one alert, one wins.
	MarkSavedSearchAlerted(ctx context.Context, id int64, since, at time.Time) (bool, error)
}
