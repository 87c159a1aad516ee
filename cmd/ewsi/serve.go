package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/portal"
)

func (e *env) serve(ctx context.Context, args []string) error {
	cfg, _, err := e.load("serve", args, nil)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	return a.serveAll(ctx, func(url string) {
		fmt.Fprintf(e.stdout, "EWSI Hub portal: %s\n", url)
	})
}

// serveAll runs the portal, the workers and the scheduler until ctx ends,
// calling ready with the portal's URL once it listens.
func (a *app) serveAll(ctx context.Context, ready func(url string)) error {
	ropt, rdb, err := a.redis(ctx)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", a.cfg.Addr, err)
	}
	defer ln.Close()
	// Mails link to the address really listened on (port 0 picks one).
	a.listenAddr = ln.Addr().String()
	// Mails about failing sources link to the public address, else to
	// where this process listens.
	base := a.cfg.BaseURL
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	notify, err := a.notices(ropt, base)
	if err != nil {
		return err
	}
	h, err := a.harvester(rdb, notify)
	if err != nil {
		return err
	}
	mux, err := a.taskMux(h, ropt)
	if err != nil {
		return err
	}
	popts, err := a.portalOptions(ctx, ropt, h)
	if err != nil {
		return err
	}
	alerts := popts.BaseURL != ""
	if ap, err := netip.ParseAddrPort(ln.Addr().String()); err == nil && !alerts && ap.Addr().IsLoopback() {
		// On loopback (the demo) the address is the public one: alerts
		// can link to it.
		popts.BaseURL, alerts = "http://"+ln.Addr().String(), true
	}
	p, err := portal.New(popts)
	if err != nil {
		return fmt.Errorf("starting the portal: %w", err)
	}
	srv := &http.Server{Handler: p.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 3)
	go a.sweepSessions(ctx)
	if alerts {
		go a.sendAlerts(ctx, p)
	} else {
		a.log.Warn("saved searches' alerts are off: set --base-url so that their links lead somewhere")
	}
	go a.refreshDirectory(ctx)
	go func() { errc <- a.work(ctx, ropt, mux) }()
	go func() { errc <- a.schedule(ctx, ropt, rdb) }()
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("portal: %w", err)
		}
	}()
	ready("http://" + ln.Addr().String() + "/")

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errc:
	}
	cancel()
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	srv.Shutdown(sctx)
	return runErr
}

// taskMux routes the tasks a worker runs: the harvester's, mail:send and
// sheets:remind, whose mails go through the queue at ropt.
func (a *app) taskMux(h *harvester.Harvester, ropt asynq.RedisConnOpt) (*asynq.ServeMux, error) {
	m, _, err := a.mailer()
	if err != nil {
		return nil, err
	}
	q := newMailQueue(ropt)
	a.closers = append(a.closers, q.Close)
	rem, err := a.sheetReminder(q)
	if err != nil {
		return nil, err
	}
	mux := h.Mux()
	mux.Handle(TypeMailSend, handleMailSend(m, a.log))
	mux.Handle(TypeSheetsRemind, handleSheetsRemind(rem, a.log))
	return mux, nil
}

// work runs harvest and mail tasks until ctx ends.
func (a *app) work(ctx context.Context, ropt asynq.RedisConnOpt, mux *asynq.ServeMux) error {
	srv := harvester.NewServer(ropt, a.cfg.Workers, a.log)
	if err := srv.Start(mux); err != nil {
		return fmt.Errorf("starting the harvest workers: %w", err)
	}
	<-ctx.Done()
	srv.Shutdown()
	return nil
}

// schedule runs the scheduler until ctx ends: due sources, and the
// country sheet reminders every sheetRemindEvery.
func (a *app) schedule(ctx context.Context, ropt asynq.RedisConnOpt, rdb redis.UniversalClient) error {
	go a.queueSheetReminders(ctx, ropt)
	q := harvester.NewQueue(ropt)
	defer q.Close()
	return harvester.NewScheduler(a.store, q, rdb, a.cfg.SchedulerTick, a.log).Run(ctx)
}

func (e *env) worker(ctx context.Context, args []string) error {
	cfg, _, err := e.load("worker", args, nil)
	if err != nil {
		return err
	}
	if cfg.Redis == "" {
		return errNeedRedis("worker")
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	ropt, rdb, err := a.redis(ctx)
	if err != nil {
		return err
	}
	notify, err := a.notices(ropt, cfg.BaseURL)
	if err != nil {
		return err
	}
	h, err := a.harvester(rdb, notify)
	if err != nil {
		return err
	}
	mux, err := a.taskMux(h, ropt)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "EWSI Hub worker: %d harvest and mail tasks at once\n", cfg.Workers)
	return a.work(ctx, ropt, mux)
}

func (e *env) scheduler(ctx context.Context, args []string) error {
	cfg, _, err := e.load("scheduler", args, nil)
	if err != nil {
		return err
	}
	if cfg.Redis == "" {
		return errNeedRedis("scheduler")
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	ropt, rdb, err := a.redis(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "EWSI Hub scheduler: looking for due sources every %s\n", cfg.SchedulerTick)
	return a.schedule(ctx, ropt, rdb)
}

func (e *env) migrate(ctx context.Context, args []string) error {
	cfg, _, err := e.load("migrate", args, nil)
	if err != nil {
		return err
	}
	// Opening a store migrates it to the newest schema.
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	fmt.Fprintf(e.stdout, "catalog %s is up to date\n", cfg.RedactedDB())
	return nil
}

// errNeedRedis: a lone worker or scheduler must share a Redis with the
// others; an in-process one would see no work.
func errNeedRedis(cmd string) error {
	return fmt.Errorf("ewsi %s runs beside other processes and needs their shared Redis: set --redis or EWSI_REDIS (only 'ewsi serve' and 'ewsi demo' start one in-process)", cmd)
}

func (e *env) reindex(ctx context.Context, args []string) error {
	cfg, _, err := e.load("reindex", args, nil)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	start := time.Now()
	if err := a.store.Reindex(ctx); err != nil {
		return fmt.Errorf("rebuilding the search index: %w", err)
	}
	n, err := a.store.CountDocuments(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "search index rebuilt from the catalog: %d documents in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
