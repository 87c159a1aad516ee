package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
)

// seedDirectory fills an empty directory with the fixture web's
// publishers, linked to their sources (so their themes and countries come
// from what is harvested), and lists its made-up people. It adds nothing
// to a directory that has entries (a demo restarted on the same data).
func (a *app) seedDirectory(ctx context.Context, webURL string) error {
	res, err := a.store.Organisations(ctx, catalog.OrganisationQuery{Limit: 1})
	if err != nil {
		return err
	}
	if res.Total > 0 {
		return nil
	}
	for _, seed := range fixtureweb.Organisations(webURL) {
		o := seed.Organisation
		for _, u := range seed.SourceURLs {
			src, err := a.store.SourceByURL(ctx, u)
			if err != nil {
				return fmt.Errorf("directory entry %s: %w", o.Name, err)
			}
			o.SourceIDs = append(o.SourceIDs, src.ID)
		}
		if err := a.store.CreateOrganisation(ctx, &o); err != nil {
			return fmt.Errorf("directory entry %s: %w", o.Name, err)
		}
	}
	for _, u := range fixtureweb.People(time.Now()) {
		if err := a.store.CreateUser(ctx, &u); err != nil && !errors.Is(err, catalog.ErrConflict) {
			return fmt.Errorf("listed person %s: %w", u.Name, err)
		}
	}
	return nil
}

// directoryRefreshInterval is how often a serving process brings what
// documents add to the directory's entries up to date.
const directoryRefreshInterval = 10 * time.Minute

// refreshDirectory rebuilds the directory's tags now and every
// directoryRefreshInterval until ctx ends. Every portal node may run it:
// the rebuild is one idempotent transaction.
func (a *app) refreshDirectory(ctx context.Context) {
	t := time.NewTicker(directoryRefreshInterval)
	defer t.Stop()
	for {
		if err := a.store.RefreshOrganisationTags(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("refreshing the directory", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
