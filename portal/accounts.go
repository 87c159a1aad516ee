package portal

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/auth"
)

// AccountStore is what the portal keeps of accounts in the catalog; cmd
// passes the store (SQLite or PostgreSQL), so sessions work across portal
// nodes. Errors wrap catalog.ErrNotFound (unknown user, session or token,
// expired included), catalog.ErrInvalid (a field breaking a rule, named
// first in the message: "email: …") and catalog.ErrConflict (an address
// already used).
type AccountStore interface {
	CreateUser(ctx context.Context, u *catalog.User) error
	User(ctx context.Context, id int64) (*catalog.User, error)
	UserByEmail(ctx context.Context, email string) (*catalog.User, error)
	UpdateUser(ctx context.Context, u *catalog.User) error
	SetPassword(ctx context.Context, userID int64, hash string) error
	PasswordHash(ctx context.Context, userID int64) (string, error)
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *catalog.Session, error)
	SessionByToken(ctx context.Context, token string) (*catalog.Session, error)
	DeleteSession(ctx context.Context, token string) error
	DeleteUserSessions(ctx context.Context, userID int64) error
	CreateUserToken(ctx context.Context, userID int64, purpose catalog.TokenPurpose, ttl time.Duration) (string, error)
	UseUserToken(ctx context.Context, token string, purpose catalog.TokenPurpose) (int64, error)

	// Sources proposed by their owners; see catalogtest.Registrations.
	CreateSourceRegistration(ctx context.Context, r *catalog.SourceRegistration) error
	SourceRegistration(ctx context.Context, id int64) (*catalog.SourceRegistration, error)
	SourceRegistrations(ctx context.Context, ownerID int64, state catalog.RegistrationState) ([]catalog.SourceRegistration, error)
	DecideSourceRegistration(ctx context.Context, id, editorID int64, approve bool, reason string) (*catalog.SourceRegistration, error)
	SetRegistrationNotify(ctx context.Context, id, ownerID int64, n catalog.NotifyPolicy) error
	// The health of an approved source, for its owner.
	Source(ctx context.Context, id int64) (*catalog.Source, error)
	Runs(ctx context.Context, sourceID int64, limit int) ([]catalog.Run, error)

	// Trust of email domains and sources; see catalogtest.Trust.
	// TrustOfEmail is catalog.TrustUnverified for a domain without a rule.
	TrustOfEmail(ctx context.Context, email string) (catalog.Trust, error)
	SetDomainTrust(ctx context.Context, d *catalog.DomainTrust) error
	DomainTrusts(ctx context.Context) ([]catalog.DomainTrust, error)
	DeleteDomainTrust(ctx context.Context, domain string) error
	SetSourceTrust(ctx context.Context, sourceID int64, t catalog.Trust) error
	SourceTrust(ctx context.Context, sourceID int64) (catalog.Trust, error)

	// The editorial workflow; see catalogtest.Editorial.
	ReviewQueue(ctx context.Context, q catalog.ReviewQuery) ([]catalog.Document, int, error)
	SetDocumentState(ctx context.Context, c *catalog.StateChange) (int, error)
	EditDocument(ctx context.Context, e *catalog.DocumentEdit) (*catalog.Revision, error)
	LockedFields(ctx context.Context, documentID int64) ([]string, error)
	DocumentRevisions(ctx context.Context, documentID int64) ([]catalog.Revision, error)
	RestoreRevision(ctx context.Context, revisionID, editorID int64) (*catalog.Revision, error)
	MergeDocuments(ctx context.Context, duplicateID, intoID int64) error

	// Contributions by registered users; see catalogtest.Contributions.
	ContributionSource(ctx context.Context) (*catalog.Source, error)
	SubmitContribution(ctx context.Context, d *catalog.Document, c *catalog.Contribution) error
	Contribution(ctx context.Context, documentID int64) (*catalog.Contribution, error)
	ContributionsByUser(ctx context.Context, userID int64) ([]catalog.ContributedItem, error)
	MarkContributionAcknowledged(ctx context.Context, documentID int64, ack catalog.Ack, at time.Time) (bool, error)
	ContributorReport(ctx context.Context, year int) ([]catalog.ContributorCount, error)
	RegularContributors(ctx context.Context, since time.Time, min int) ([]catalog.RegularContributor, error)
	// Saved searches and their alerts; see catalogtest.SavedSearches. A
	// search is found, changed and deleted only through its owner's id.
	CreateSavedSearch(ctx context.Context, s *catalog.SavedSearch) error
	SavedSearch(ctx context.Context, userID, id int64) (*catalog.SavedSearch, error)
	SavedSearches(ctx context.Context, userID int64) ([]catalog.SavedSearch, error)
	UpdateSavedSearch(ctx context.Context, s *catalog.SavedSearch) error
	DeleteSavedSearch(ctx context.Context, userID, id int64) error
	DueSavedSearches(ctx context.Context, now time.Time, limit int) ([]catalog.SavedSearch, error)
	MarkSavedSearchAlerted(ctx context.Context, id int64, since, at time.Time) (bool, error)
}

// Previewer shows what a proposed source would give, fetching it as a
// harvest would (through the SSRF guard) and storing nothing; cmd passes
// the harvester, which the portal never imports. Its errors are sentences
// for the person who proposed the source.
type Previewer interface {
	Preview(ctx context.Context, src catalog.Source, limit int) ([]catalog.Document, error)
}

// Mail queues a message for delivery and returns at once; cmd passes an
// Asynq-backed queue whose workers call the Mailer with retries, so a slow
// relay never holds a page. Enqueue fails only when the queue cannot take
// the message.
type Mail interface {
	Enqueue(ctx context.Context, m mailer.Message) error
}

// Outbox lets administrators read the mail the embedded mode wrote instead
// of sending (mailer.Outbox). Letter returns an error wrapping
// fs.ErrNotExist for an unknown name.
type Outbox interface {
	List(ctx context.Context, limit int) ([]mailer.Envelope, error)
	Letter(ctx context.Context, name string) (*mailer.Letter, error)
}

// AccountOptions turn on accounts: registration, sign-in, profiles and the
// pages kept for some roles.
type AccountOptions struct {
	// Store and Mail are required.
	Store AccountStore
	Mail  Mail
	// Outbox, when set, is shown to administrators at /{lang}/admin/outbox.
	Outbox Outbox
	// Preview, when set, lets owners preview a source before proposing it.
	Preview Previewer
	// Key signs the forms' CSRF tokens: at least 32 random bytes, the same
	// on every portal node (cmd takes it from the catalog's SiteKey).
	Key []byte
	// PasswordParams are the argon2id costs of new hashes; zero means
	// auth.DefaultParams.
	PasswordParams auth.Params
	// Limits bound attempts; zero fields take DefaultLimits' in-memory
	// limiters, which count per portal node.
	Limits Limits
	// RegularContributors is how many published contributions in the
	// last twelve months make a regular contributor, listed for the
	// bulletin; 0 means DefaultRegularContributors.
	RegularContributors int
}

// DefaultRegularContributors is the number of published contributions in
// twelve months that makes a regular contributor when none is set.
const DefaultRegularContributors = 3

// Limits bound the attempts at the pages that guess or send: per client
// address and per account. Each is a separate counter.
type Limits struct {
	LoginIP, LoginAccount auth.Limiter
	Register              auth.Limiter // per client address
	ResetIP, ResetAccount auth.Limiter
	Preview               auth.Limiter // per account: each preview fetches
	Submit                auth.Limiter // per account: contributions
}

// DefaultLimits are in-memory limiters, per portal node: 30 sign-in
// attempts per client address and 5 per account in 15 minutes; 5
// registrations and 5 reset requests per client address and 3 per account
// in an hour; 20 source previews per account an hour; 20 contributions
// per account an hour. Client addresses are the connection's (RemoteAddr).
func DefaultLimits() Limits {
	return Limits{
		LoginIP:      auth.NewMemoryLimiter(30, 15*time.Minute, nil),
		LoginAccount: auth.NewMemoryLimiter(5, 15*time.Minute, nil),
		Register:     auth.NewMemoryLimiter(5, time.Hour, nil),
		ResetIP:      auth.NewMemoryLimiter(5, time.Hour, nil),
		ResetAccount: auth.NewMemoryLimiter(3, time.Hour, nil),
		Preview:      auth.NewMemoryLimiter(20, time.Hour, nil),
		Submit:       auth.NewMemoryLimiter(20, time.Hour, nil),
	}
}

// Lifetimes of sessions and of mailed tokens.
const (
	sessionTTL     = 14 * 24 * time.Hour
	verifyTokenTTL = 72 * time.Hour
	resetTokenTTL  = time.Hour
)

// accounts is the portal's working set for accounts.
type accounts struct {
	store  AccountStore
	mail   Mail
	outbox Outbox
	prev   Previewer
	csrf   *auth.CSRF
	params auth.Params
	limits Limits
	// regular is AccountOptions.RegularContributors, defaulted.
	regular int
	// dummyHash is verified when no account has the address, so that the
	// answer takes as long as for a wrong password.
	dummyHash string
}

func newAccounts(o *AccountOptions) (*accounts, error) {
	if o.Store == nil || o.Mail == nil {
		return nil, errors.New("portal: AccountOptions.Store and Mail are required")
	}
	c, err := auth.NewCSRF(o.Key)
	if err != nil {
		return nil, fmt.Errorf("portal: AccountOptions.Key: %w", err)
	}
	a := &accounts{store: o.Store, mail: o.Mail, outbox: o.Outbox, prev: o.Preview, csrf: c, params: o.PasswordParams, limits: o.Limits}
	if a.params == (auth.Params{}) {
		a.params = auth.DefaultParams
	}
	a.regular = o.RegularContributors
	if a.regular <= 0 {
		a.regular = DefaultRegularContributors
	}
	a.dummyHash = a.params.HashPassword("no account has this address")
	d := DefaultLimits()
	for _, p := range []struct{ set, def *auth.Limiter }{
		{&a.limits.LoginIP, &d.LoginIP}, {&a.limits.LoginAccount, &d.LoginAccount},
		{&a.limits.Register, &d.Register}, {&a.limits.ResetIP, &d.ResetIP},
		{&a.limits.ResetAccount, &d.ResetAccount}, {&a.limits.Preview, &d.Preview},
		{&a.limits.Submit, &d.Submit},
	} {
		if *p.set == nil {
			*p.set = *p.def
		}
	}
	return a, nil
}
