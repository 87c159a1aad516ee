package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// demoEmail is the account the demo makes, so that its visitors see the
// pages of members (saved searches) without a mail round trip.
const demoEmail = "demo@ewsi.example"

// demoSearches are the saved searches of the demo account: the same need
// in the three interface languages, each finding documents in the others.
var demoSearches = []catalog.SavedSearch{
	{Name: "Intégration professionnelle", Query: "q=int%C3%A9gration+professionnelle", Frequency: catalog.AlertWeekly},
	{Name: "Berufliche Integration (nur Deutsch)", Query: "exact=1&lang=de&q=berufliche+Integration", Frequency: catalog.AlertDaily},
	{Name: "Labour market integration", Query: "q=labour+market+integration", Frequency: catalog.AlertNone},
}

// seedDemoAccount makes the demo account (its password comes from
// resetDemoPasswords) and saves its searches when it has none.
func (a *app) seedDemoAccount(ctx context.Context) error {
	u, err := a.store.UserByEmail(ctx, demoEmail)
	if errors.Is(err, catalog.ErrNotFound) {
		u = &catalog.User{Email: demoEmail, Name: "Demo", Role: catalog.RolePractitioner,
			EmailVerifiedAt: time.Now(), EmailLanguage: "en"}
		err = a.store.CreateUser(ctx, u)
	}
	if err != nil {
		return fmt.Errorf("demo account: %w", err)
	}
	mine, err := a.store.SavedSearches(ctx, u.ID)
	if err != nil || len(mine) > 0 {
		return err
	}
	for _, ss := range demoSearches {
		ss.UserID = u.ID
		if err := a.store.CreateSavedSearch(ctx, &ss); err != nil {
			return fmt.Errorf("demo account: %w", err)
		}
	}
	return nil
}
