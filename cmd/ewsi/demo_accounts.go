package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
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

// demoAccounts creates the demo accounts with a fresh password, which it
// returns, and the owner's source at brokenURL, approved by the
// administrator. An existing demo catalog keeps its accounts: the
// password is then "", as printed the first time.
func (a *app) demoAccounts(ctx context.Context, brokenURL string) (string, error) {
	if _, err := a.store.UserByEmail(ctx, demoOwner); err == nil {
		return "", nil
	} else if !errors.Is(err, catalog.ErrNotFound) {
		return "", err
	}
	password := rand.Text()[:16]
	hash := auth.DefaultParams.HashPassword(password)
	users := map[string]*catalog.User{}
	for _, d := range []struct {
		email, name string
		role        catalog.Role
	}{{demoOwner, "Camille Martin", catalog.RoleSourceOwner}, {demoAdmin, "Alex Demo", catalog.RoleAdministrator}} {
		email := d.email
		u := &catalog.User{Email: email, Name: d.name, Role: d.role, Organisation: "Association Accueil Demo",
			OrganisationType: "civil-society", Country: "FR", EmailLanguage: "fr", EmailVerifiedAt: time.Now()}
		if err := a.store.CreateUser(ctx, u); err != nil {
			return "", fmt.Errorf("demo account %s: %w", email, err)
		}
		if err := a.store.SetPassword(ctx, u.ID, hash); err != nil {
			return "", fmt.Errorf("demo account %s: %w", email, err)
		}
		users[email] = u
	}
	g := &catalog.SourceRegistration{OwnerID: users[demoOwner].ID, Kind: catalog.KindFeed, URL: brokenURL,
		Name: "Actualités de l'association (flux déplacé)", Publisher: "Association Accueil Demo", Language: "fr", Country: "FR"}
	if err := a.store.CreateSourceRegistration(ctx, g); err != nil {
		return "", fmt.Errorf("demo source: %w", err)
	}
	if _, err := a.store.DecideSourceRegistration(ctx, g.ID, users[demoAdmin].ID, true, ""); err != nil {
		return "", fmt.Errorf("demo source: %w", err)
	}
	return password, nil
}
