package e2e

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/auth"
)

// cheapParams keep password hashing fast in tests; the format is the same.
var cheapParams = auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// outboxMail is the portal's Mail in the browser tests: it writes to the
// outbox at once.
type outboxMail struct{ o *mailer.Outbox }

func (m outboxMail) Enqueue(ctx context.Context, msg mailer.Message) error { return m.o.Send(ctx, msg) }

// The accounts of the browser tests, one per role that has pages of its
// own, all with password testPassword.
const (
	ownerEmail   = "owner@gent.example"
	editorEmail  = "editor@hub.example"
	adminEmail   = "admin@hub.example"
	testPassword = "a long test password"
)

// accountData is what the account and editorial pages show: the owner's
// pending, approved (failing) and refused sources, a document waiting for
// review, a letter in the outbox and live one-time tokens.
type accountData struct {
	docID               int64
	letter              string
	resetToken, vfToken string
}

// seedAccounts creates the users, made directly in the store as a
// registration verified by mail would leave them, and what their pages
// show.
func seedAccounts(ctx context.Context, store *sqlite.Store, outbox *mailer.Outbox) (accountData, error) {
	var a accountData
	users := map[string]*catalog.User{}
	for email, role := range map[string]catalog.Role{ownerEmail: catalog.RoleSourceOwner, editorEmail: catalog.RoleEditor,
		adminEmail: catalog.RoleAdministrator} {
		u := &catalog.User{Email: email, Name: "Test " + string(role), Role: role, Organisation: "Test organisation",
			OrganisationType: "civil-society", Country: "BE", EmailVerifiedAt: time.Now()}
		if err := store.CreateUser(ctx, u); err != nil {
			return a, err
		}
		if err := store.SetPassword(ctx, u.ID, cheapParams.HashPassword(testPassword)); err != nil {
			return a, err
		}
		users[email] = u
	}
	for i, decide := range []string{"", "approve", "refuse"} {
		g := &catalog.SourceRegistration{OwnerID: users[ownerEmail].ID, Kind: catalog.KindFeed,
			URL: fmt.Sprintf("https://gent.example/feed%d.xml", i), Name: "Gent news " + strconv.Itoa(i),
			Publisher: "City of Ghent", Language: "nl", Country: "BE", Themes: []string{"housing"}}
		if err := store.CreateSourceRegistration(ctx, g); err != nil {
			return a, err
		}
		if decide == "" {
			continue
		}
		g, err := store.DecideSourceRegistration(ctx, g.ID, users[editorEmail].ID, decide == "approve", "Not about integration")
		if err != nil {
			return a, err
		}
		if decide == "approve" {
			at := time.Now().Add(-time.Hour)
			if _, err := store.RecordHarvest(ctx, catalog.HarvestOutcome{SourceID: g.SourceID, Started: at, Finished: at,
				Stage: "fetch", Err: "the server answered 503 Service Unavailable", ErrorClass: catalog.ErrServer}); err != nil {
				return a, err
			}
		}
	}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://new.example/feed", Name: "New network"}
	if err := store.CreateSource(ctx, &src); err != nil {
		return a, err
	}
	if err := store.SetSourceTrust(ctx, src.ID, catalog.TrustUnverified); err != nil {
		return a, err
	}
	d := catalog.Document{SourceID: src.ID, Key: "fr", URL: "https://new.example/fr", Title: "Ateliers de français pour adultes",
		Text: "Des ateliers de français ouvrent à Lyon pour les adultes nouvellement arrivés.", Language: "fr",
		ContentType: "news", Countries: []string{"FR"}, Themes: []string{"language-competencies"}}
	if _, err := store.UpsertDocument(ctx, &d); err != nil {
		return a, err
	}
	a.docID = d.ID
	if err := outbox.Send(ctx, mailer.Message{To: ownerEmail, ToName: "Owner", Lang: "fr",
		Subject: "Votre source a été approuvée", Text: "Bonjour,\n\nVotre source est approuvée.\n"}); err != nil {
		return a, err
	}
	list, err := outbox.List(ctx, 1)
	if err != nil || len(list) != 1 {
		return a, fmt.Errorf("outbox: %d letters, %v", len(list), err)
	}
	a.letter = list[0].Name
	owner := users[ownerEmail].ID
	if a.resetToken, err = store.CreateUserToken(ctx, owner, catalog.PurposeResetPassword, 24*time.Hour); err != nil {
		return a, err
	}
	if a.vfToken, err = store.CreateUserToken(ctx, owner, catalog.PurposeVerifyEmail, 24*time.Hour); err != nil {
		return a, err
	}
	return a, nil
}

// accountPageTypes are the account and editorial page types, each with
// the account it is seen with ("" for a visitor).
func (a accountData) pageTypes() []struct{ name, path, as string } {
	return []struct{ name, path, as string }{
		{"register", "/register", ""},
		{"login", "/login", ""},
		{"password-forgot", "/password/forgot", ""},
		{"password-reset", "/password/reset?token=" + a.resetToken, ""},
		{"verify", "/verify?token=" + a.vfToken, ""},
		{"profile", "/profile", ownerEmail},
		{"sources-new", "/sources/new", ownerEmail},
		{"sources-mine", "/sources/mine", ownerEmail},
		{"editor-sources", "/editor/sources", editorEmail},
		{"editor-queue", "/editor/queue", editorEmail},
		{"editor-document", fmt.Sprintf("/editor/documents/%d/edit", a.docID), editorEmail},
		{"admin-outbox", "/admin/outbox", adminEmail},
		{"admin-letter", "/admin/outbox/" + a.letter, adminEmail},
		{"admin-trust", "/admin/trust", adminEmail},
	}
}
