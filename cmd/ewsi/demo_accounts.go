package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/auth"
)

// Demo accounts: a source owner whose proposed source fails (so its page
// shows a failing source's health, the choice of mails, and the outbox
// the mail it was sent) and an administrator who reads that outbox.
const (
	demoOwner = "owner@demo.ewsi.example"
	demoAdmin = "admin@demo.ewsi.example"
)

// demoAccounts creates the owner and administrator accounts (their
// password comes from resetDemoPasswords) and the owner's source at
// brokenURL, approved by the administrator. An existing demo catalog
// keeps its accounts.
func (a *app) demoAccounts(ctx context.Context, brokenURL string) error {
	if _, err := a.store.UserByEmail(ctx, demoOwner); err == nil {
		return nil
	} else if !errors.Is(err, catalog.ErrNotFound) {
		return err
	}
	users := map[string]*catalog.User{}
	for _, d := range []struct {
		email, name string
		role        catalog.Role
	}{{demoOwner, "Camille Martin", catalog.RoleSourceOwner}, {demoAdmin, "Alex Demo", catalog.RoleAdministrator}} {
		email := d.email
		u := &catalog.User{Email: email, Name: d.name, Role: d.role, Organisation: "Association Accueil Demo",
			OrganisationType: "civil-society", Country: "FR", EmailLanguage: "fr", EmailVerifiedAt: time.Now()}
		if err := a.store.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("demo account %s: %w", email, err)
		}
		users[email] = u
	}
	g := &catalog.SourceRegistration{OwnerID: users[demoOwner].ID, Kind: catalog.KindFeed, URL: brokenURL,
		Name: "Actualités de l'association (flux déplacé)", Publisher: "Association Accueil Demo", Language: "fr", Country: "FR"}
	if err := a.store.CreateSourceRegistration(ctx, g); err != nil {
		return fmt.Errorf("demo source: %w", err)
	}
	if _, err := a.store.DecideSourceRegistration(ctx, g.ID, users[demoAdmin].ID, true, ""); err != nil {
		return fmt.Errorf("demo source: %w", err)
	}
	return nil
}

// demoLogins are the demo's accounts, one for each kind of visitor.
var demoLogins = []struct{ email, what string }{
	{demoAdmin, "administrator: users, trust, the outbox"},
	{demoEditor, "editor: review queue, contributors, country sheets"},
	{demoOwner, "source owner: a failing source and its mail"},
	{demoContributor, "practitioner who contributed case studies"},
	{demoEmail, "practitioner with saved searches"},
}

// resetDemoPasswords gives every demo account one new password and prints
// it with the accounts: each start shows the password that works now, and
// a demo catalog never keeps a password anyone else knows.
func (a *app) resetDemoPasswords(ctx context.Context, out io.Writer) error {
	password := rand.Text()[:16]
	hash := auth.DefaultParams.HashPassword(password)
	fmt.Fprintf(out, "demo accounts, password %s (new at each start):\n", password)
	for _, l := range demoLogins {
		u, err := a.store.UserByEmail(ctx, l.email)
		if err != nil {
			return fmt.Errorf("demo account %s: %w", l.email, err)
		}
		if err := a.store.SetPassword(ctx, u.ID, hash); err != nil {
			return fmt.Errorf("demo account %s: %w", l.email, err)
		}
		fmt.Fprintf(out, "  %-26s %s\n", l.email, l.what)
	}
	return nil
}
