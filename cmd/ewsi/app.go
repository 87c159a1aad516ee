package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/concepts"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/config"
	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/normalizer"
	"github.com/ewsi/hub/portal"
)

// store is everything cmd needs of a catalog; both stores satisfy it.
type store interface {
	harvester.Store
	portal.Catalog
	CreateSource(ctx context.Context, s *catalog.Source) error
	SourceByURL(ctx context.Context, url string) (*catalog.Source, error)
	Runs(ctx context.Context, sourceID int64, limit int) ([]catalog.Run, error)
	Activity(ctx context.Context, since time.Time) ([]catalog.Activity, error)
	CountDocuments(ctx context.Context) (int, error)
	portal.AccountStore
	portal.NoticeStore
	portal.SheetStore
	portal.ReminderStore
	portal.Directory
	RefreshOrganisationTags(ctx context.Context) error
	SiteKey(ctx context.Context, name string) ([]byte, error)
	DeleteExpired(ctx context.Context, now time.Time) (int, error)
	Reindex(ctx context.Context) error
	SetExpander(e catalog.Expander)
	Close() error
}

var (
	_ store = (*sqlite.Store)(nil)
	_ store = (*postgres.Store)(nil)
)

// app holds the parts a subcommand opened, closed in reverse order.
type app struct {
	cfg     *config.Config
	log     *slog.Logger
	store   store
	closers []func() error
	// mail and outbox are built once, by mailer.
	mail   mailer.Mailer
	outbox *mailer.Outbox
	// listenAddr is where this process's portal listens; "" when it
	// serves no portal.
	listenAddr string
}

// load reads the configuration of one subcommand; extra adds its own flags.
func (e *env) load(name string, args []string, extra func(*flag.FlagSet)) (*config.Config, []string, error) {
	return config.Load("ewsi "+name, args, e.getenv, e.stderr, extra)
}

// open connects to the catalog (migrating it) and sets up logging.
func (e *env) open(ctx context.Context, cfg *config.Config) (*app, error) {
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.LogLevel)}
	var err error
	if cfg.DB == "" {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("cannot create the data folder: %w", err)
		}
		var s *sqlite.Store
		s, err = sqlite.Open(ctx, cfg.SQLitePath())
		if err == nil {
			a.store = s
		}
	} else {
		var s *postgres.Store
		s, err = postgres.Open(ctx, cfg.DB)
		if err == nil {
			a.store = s
		}
	}
	if err != nil {
		return nil, fmt.Errorf("opening the catalog (%s): %w", cfg.RedactedDB(), err)
	}
	a.closers = append(a.closers, a.store.Close)
	// Queries find documents in other languages through the vocabulary
	// of integration concepts.
	a.store.SetExpander(concepts.Expander{})
	return a, nil
}

// close releases everything, newest first.
func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
}

// redis returns the queue's connection options and a client for the
// scheduler's lock, starting the in-process Redis when none is configured.
func (a *app) redis(ctx context.Context) (asynq.RedisConnOpt, redis.UniversalClient, error) {
	var opt *redis.Options
	switch {
	case a.cfg.Redis == "":
		m := miniredis.NewMiniRedis()
		// Without ClockTTL keys never expire, and Asynq's unique locks and
		// server heartbeats would stay forever.
		m.ClockTTL(true)
		if err := m.StartAddr("127.0.0.1:0"); err != nil {
			return nil, nil, fmt.Errorf("starting the in-process Redis: %w", err)
		}
		a.closers = append(a.closers, func() error { m.Close(); return nil })
		opt = &redis.Options{Addr: m.Addr()}
		a.log.Info("queue: in-process Redis", "addr", m.Addr())
	case strings.Contains(a.cfg.Redis, "://"):
		o, err := redis.ParseURL(a.cfg.Redis)
		if err != nil {
			return nil, nil, fmt.Errorf("setting redis: %w", err)
		}
		opt = o
	default:
		opt = &redis.Options{Addr: a.cfg.Redis}
	}
	rdb := redis.NewClient(opt)
	a.closers = append(a.closers, rdb.Close)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		return nil, nil, fmt.Errorf("cannot reach Redis at %s: %w", opt.Addr, err)
	}
	aopt := asynq.RedisClientOpt{Addr: opt.Addr, Username: opt.Username, Password: opt.Password,
		DB: opt.DB, TLSConfig: opt.TLSConfig}
	return aopt, rdb, nil
}

// harvester builds the normalizer (loading language models once) and the
// harvester with its fetch client. Politeness is kept in rdb, shared with
// every worker, or in this process when rdb is nil.
func (a *app) harvester(rdb redis.UniversalClient, opts ...harvester.Option) (*harvester.Harvester, error) {
	norm, err := normalizer.New(normalizer.Options{})
	if err != nil {
		return nil, fmt.Errorf("starting the normalizer: %w", err)
	}
	client := fetch.New(fetch.Options{
		Timeout:      a.cfg.FetchTimeout,
		MaxBody:      a.cfg.MaxBody,
		AllowPrivate: a.cfg.AllowPrivate,
		UserAgent:    "EWSI-Hub-Harvester/0.1 (+" + a.cfg.ContactURL + ")",
	})
	var limiter harvester.Limiter = harvester.NewMemoryLimiter(a.cfg.HostDelay)
	if rdb != nil {
		limiter = harvester.NewRedisLimiter(rdb, a.cfg.HostDelay, a.cfg.FetchTimeout+time.Minute)
	}
	opts = append([]harvester.Option{harvester.WithLimiter(limiter), harvester.WithCrawlDelay(a.cfg.HostDelay)}, opts...)
	return harvester.New(a.store, client, norm, a.log, opts...), nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
