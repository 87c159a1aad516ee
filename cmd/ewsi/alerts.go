package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal"
)

// alertInterval is how often serve and demo send the saved searches'
// alerts that are due. Alerts are daily or weekly, so a quarter of an
// hour late is on time; every portal node may run it, as each alert is
// claimed by one.
const alertInterval = 15 * time.Minute

// sendMail is the portal's Mail for a command that ends when it is done:
// it delivers at once instead of queueing a task that nobody would run.
type sendMail struct{ m mailer.Mailer }

func (s sendMail) Enqueue(ctx context.Context, m mailer.Message) error { return s.m.Send(ctx, m) }

// alerts sends the saved searches' alerts that are due now, once, for a
// system timer to run when serve does not (several machines).
func (e *env) alerts(ctx context.Context, args []string) error {
	cfg, _, err := e.load("alerts", args, nil)
	if err != nil {
		return err
	}
	if cfg.BaseURL == "" {
		return fmt.Errorf("%w: alerts link to the portal: set --base-url", errUsage)
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	m, _, err := a.mailer()
	if err != nil {
		return err
	}
	key, err := a.store.SiteKey(ctx, "csrf")
	if err != nil {
		return fmt.Errorf("reading the site key: %w", err)
	}
	p, err := portal.New(portal.Options{Catalog: a.store, Logger: a.log, BaseURL: cfg.BaseURL,
		Accounts: &portal.AccountOptions{Store: a.store, Mail: sendMail{m}, Key: key}})
	if err != nil {
		return err
	}
	n, err := p.SendAlerts(ctx, time.Now())
	fmt.Fprintf(e.stdout, "alerts sent: %d\n", n)
	return err
}

// sendAlerts sends the due alerts through p every alertInterval until ctx
// ends, logging failures.
func (a *app) sendAlerts(ctx context.Context, p *portal.Server) {
	t := time.NewTicker(alertInterval)
	defer t.Stop()
	for {
		if n, err := p.SendAlerts(ctx, time.Now()); err != nil && ctx.Err() == nil {
			a.log.Warn("sending alerts", "err", err)
		} else if n > 0 {
			a.log.Info("alerts sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
