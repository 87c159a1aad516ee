package main

import (
	"context"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/portal"
)

// portalOptions builds the portal's options with accounts: the catalog as
// account store, mail through the queue, the CSRF key from the catalog
// (the same on every node), the harvester's preview of proposed sources
// and, in the embedded mode, the outbox.
func (a *app) portalOptions(ctx context.Context, ropt asynq.RedisConnOpt, h *harvester.Harvester) (portal.Options, error) {
	_, outbox, err := a.mailer()
	if err != nil {
		return portal.Options{}, err
	}
	key, err := a.store.SiteKey(ctx, "csrf")
	if err != nil {
		return portal.Options{}, fmt.Errorf("reading the site key: %w", err)
	}
	q := newMailQueue(ropt)
	a.closers = append(a.closers, q.Close)
	acct := &portal.AccountOptions{Store: a.store, Mail: q, Key: key, Preview: h,
		RegularContributors: a.cfg.RegularContributors}
	if outbox != nil {
		acct.Outbox = outbox
	}
	return portal.Options{Catalog: a.store, Logger: a.log, BaseURL: a.cfg.BaseURL, AdminEmail: a.cfg.AdminEmail,
		Accounts: acct, Sheets: a.store, SheetMaxAge: a.cfg.SheetMaxAge,
		Directory: a.store}, nil
}

// notices returns the harvester option that mails the owners of a source
// when it starts failing (or recovers, for those who asked), through the
// mail queue; base starts the links in those mails.
func (a *app) notices(ropt asynq.RedisConnOpt, base string) (harvester.Option, error) {
	q := newMailQueue(ropt)
	a.closers = append(a.closers, q.Close)
	n, err := portal.NewSourceNotices(a.store, q, base, a.log)
	if err != nil {
		return nil, fmt.Errorf("setting up mails about failing sources: %w", err)
	}
	return harvester.WithNotifier(n), nil
}

// sweepInterval is how often expired sessions and tokens are deleted.
const sweepInterval = time.Hour

// sweepSessions deletes expired sessions and one-time tokens every
// sweepInterval until ctx ends. Every portal node may run it: the deletes
// are idempotent.
func (a *app) sweepSessions(ctx context.Context) {
	t := time.NewTicker(sweepInterval)
	defer t.Stop()
	for {
		if n, err := a.store.DeleteExpired(ctx, time.Now()); err != nil && ctx.Err() == nil {
			a.log.Warn("deleting expired sessions", "err", err)
		} else if n > 0 {
			a.log.Debug("deleted expired sessions and tokens", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
