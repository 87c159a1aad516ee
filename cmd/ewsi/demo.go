package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/config"
	"github.com/ewsi/hub/fixtureweb"
)

// demoHostDelay replaces the default host delay in the demo.
const demoHostDelay = 20 * time.Millisecond

// demo starts the fixture web, registers its sources, harvests them
// through the real queue and workers, and serves the portal, all in the
// embedded mode unless --db or --redis say otherwise.
func (e *env) demo(ctx context.Context, args []string) error {
	fixtureAddr := "127.0.0.1:8079"
	cfg, _, err := e.load("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&fixtureAddr, "fixture-addr", fixtureAddr, "address of the fixture web (made-up sources); port 0 picks one")
	})
	if err != nil {
		return err
	}
	if cfg.DataDir == "ewsi-data" && e.getenv("EWSI_DATA") == "" {
		cfg.DataDir = "ewsi-demo-data"
	}
	// Every fixture publisher lives on one loopback host, ours: at the
	// default delay the sitemap's pages alone would take minutes.
	if cfg.HostDelay == config.Default().HostDelay && e.getenv("EWSI_HOST_DELAY") == "" {
		cfg.HostDelay = demoHostDelay
	}
	web, err := fixtureweb.Start(fixtureAddr)
	if err != nil {
		// The usual port is taken (another demo?): any free one will do.
		if web, err = fixtureweb.Start("127.0.0.1:0"); err != nil {
			return fmt.Errorf("starting the fixture web: %w", err)
		}
	}
	defer web.Close()
	if ap, err := netip.ParseAddrPort(strings.TrimPrefix(web.URL(), "http://")); err == nil {
		cfg.AllowPrivate = append(cfg.AllowPrivate, netip.PrefixFrom(ap.Addr(), ap.Addr().BitLen()))
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	fmt.Fprintf(e.stdout, "fixture web (made-up sources): %s\n", web.URL())
	srcs, err := a.register(ctx, fixtureweb.Sources(web.URL()))
	if err != nil {
		return err
	}
	// The fixture web has no feed at this address: the source fails, and
	// its owner is mailed (to the outbox).
	if err := a.demoAccounts(ctx, web.URL()+"/association-accueil/flux.xml"); err != nil {
		return err
	}
	if n, err := a.seedSheets(ctx, time.Now()); err != nil {
		return err
	} else if n > 0 {
		fmt.Fprintf(e.stdout, "country sheets: %d demo sections written\n", n)
	}
	if err := a.seedContributions(ctx); err != nil {
		return fmt.Errorf("seeding the demo's contributions: %w", err)
	}
	if err := a.seedDemoAccount(ctx); err != nil {
		return err
	}
	if err := a.seedDirectory(ctx, web.URL()); err != nil {
		return fmt.Errorf("seeding the directory: %w", err)
	}
	if err := a.resetDemoPasswords(ctx, e.stdout); err != nil {
		return err
	}
	return a.serveAll(ctx, func(url string) {
		fmt.Fprintf(e.stdout, "EWSI Hub portal: %s  (data in %s)\n", url, cfg.DataDir)
		go a.report(ctx, e, srcs, url)
	})
}

// register adds the sources the catalog does not have yet.
func (a *app) register(ctx context.Context, list []catalog.Source) ([]int64, error) {
	var ids []int64
	for _, s := range list {
		err := a.store.CreateSource(ctx, &s)
		if errors.Is(err, catalog.ErrConflict) {
			old, err := a.store.SourceByURL(ctx, s.URL)
			if err != nil {
				return nil, err
			}
			ids = append(ids, old.ID)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("registering %s: %w", s.URL, err)
		}
		ids = append(ids, s.ID)
	}
	return ids, nil
}

// report waits until every source has been harvested once, then prints
// what each gave.
func (a *app) report(ctx context.Context, e *env, ids []int64, portalURL string) {
	start := time.Now()
	deadline := time.NewTimer(3 * time.Minute)
	defer deadline.Stop()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		done := 0
		for _, id := range ids {
			if s, err := a.store.Source(ctx, id); err == nil && harvestedSince(s, start) {
				done++
			}
		}
		if done == len(ids) {
			break
		}
		select {
		case <-ctx.Done():
			return
		case <-deadline.C:
			fmt.Fprintln(e.stdout, "some sources are still being harvested; the portal shows what has arrived")
			return
		case <-tick.C:
		}
	}
	// The directory's entries take the themes of what was just harvested.
	if err := a.store.RefreshOrganisationTags(ctx); err != nil {
		fmt.Fprintf(e.stdout, "refreshing the directory: %v\n", err)
	}
	total := 0
	for _, id := range ids {
		s, err := a.store.Source(ctx, id)
		if err != nil {
			continue
		}
		res, err := a.store.Search(ctx, catalog.Query{SourceIDs: []int64{id}, Limit: 1})
		n := 0
		if err == nil {
			n = res.Total
		}
		total += n
		line := fmt.Sprintf("  %-3d %-8s %-4d documents  %s", s.ID, s.Status, n, s.Name)
		if s.LastError != "" {
			line += "  — " + s.LastError
		}
		fmt.Fprintln(e.stdout, line)
	}
	fmt.Fprintf(e.stdout, "harvested %d documents from %d sources in %s\n", total, len(ids), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "try: %sen/search?q=integration   or   %sapi/v1/search?q=integration\n", portalURL, portalURL)
}

// harvestedSince reports whether s was harvested after start, or earlier
// and not due again yet (a demo restarted on the same data).
func harvestedSince(s *catalog.Source, start time.Time) bool {
	if s.LastHarvest.IsZero() {
		return false
	}
	return !s.LastHarvest.Before(start.Truncate(time.Second)) || s.NextCheck.After(time.Now())
}
