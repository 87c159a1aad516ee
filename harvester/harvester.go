// Package harvester keeps the catalog current: it defines the Asynq tasks
// that harvest sources, the handlers that fetch, parse and hand items to
// the normalizer, and the scheduler that enqueues due sources. It records
// every run and every source's health in the catalog, which stays the
// source of truth: Redis holds only work in flight.
//
// It does not serve pages or decide how documents look; the normalizer
// does that.
package harvester

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/normalizer"
)

// Store is the part of the catalog the harvester writes to.
type Store interface {
	Source(ctx context.Context, id int64) (*catalog.Source, error)
	DueSources(ctx context.Context, now time.Time, limit int) ([]catalog.Source, error)
	UpsertDocument(ctx context.Context, d *catalog.Document) (catalog.UpsertResult, error)
	StartRun(ctx context.Context, sourceID int64, started time.Time) (int64, error)
	RecordHarvest(ctx context.Context, o catalog.HarvestOutcome) (int64, error)
	AbortStaleRuns(ctx context.Context, startedBefore time.Time, reason string) (int, error)
	MarkMissing(ctx context.Context, sourceID int64, seen []string, since, at time.Time, after int) (gone, back int, err error)
	PutRawObject(ctx context.Context, o *catalog.RawObject) error
	RawObjects(ctx context.Context, sourceID int64) ([]catalog.RawObject, error)
}

// RuleStore is what a Store may also offer: the rules editors' corrections
// made for a source. A store without it harvests without rules.
type RuleStore interface {
	SourceRules(ctx context.Context, sourceID int64) ([]catalog.SourceRule, error)
}

// Normalizer turns one harvested item into a document.
type Normalizer interface {
	Normalize(in normalizer.Input) (*catalog.Document, error)
}

// Notifier is told when a harvest moves a source from healthy to
// unhealthy or back (see catalog.ChangeOf); cmd passes one that mails the
// source's owners, so the harvester never imports the portal. An error is
// logged and does not fail the harvest.
type Notifier interface {
	SourceStatusChanged(ctx context.Context, c catalog.StatusChange) error
}

// WithNotifier tells n about every change of a source's health.
func WithNotifier(n Notifier) Option { return func(h *Harvester) { h.notify = n } }

// errSourceGone: the task names a source the catalog no longer has.
var errSourceGone = errors.New("source no longer exists")

// Harvester harvests sources into the catalog.
type Harvester struct {
	store   Store
	fetch   *fetch.Client
	norm    Normalizer
	limiter Limiter
	timeout time.Duration
	log     *slog.Logger
	now     func() time.Time
	// parsed counts feed parses, so tests can tell that an unchanged
	// feed was not parsed.
	parsed func()
	// items skips the items stored from the same input before.
	items *itemCache
	// sitemapPages bounds the pages a sitemap run fetches.
	sitemapPages int
	// crawlDelay spaces a site crawl's requests to one host.
	crawlDelay time.Duration
	// notify, when set, hears of changes of a source's health.
	notify Notifier
}

// itemCacheSize bounds the items whose input hash a Harvester remembers.
const itemCacheSize = 500_000

// Option changes a Harvester.
type Option func(*Harvester)

// WithLimiter shares per-host politeness through l (a RedisLimiter across
// machines). The default is a MemoryLimiter with DefaultHostDelay.
func WithLimiter(l Limiter) Option { return func(h *Harvester) { h.limiter = l } }

// WithTimeout bounds one harvest run (HarvestTimeout by default); past it
// the run is aborted and recorded as failed.
func WithTimeout(d time.Duration) Option { return func(h *Harvester) { h.timeout = d } }

// New returns a Harvester. log may be nil.
func New(store Store, client *fetch.Client, norm Normalizer, log *slog.Logger, opts ...Option) *Harvester {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Harvester{store: store, fetch: client, norm: norm, timeout: HarvestTimeout,
		log: log.With("component", "harvester"), now: time.Now, parsed: func() {},
		items: newItemCache(itemCacheSize), sitemapPages: MaxSitemapPages, crawlDelay: DefaultHostDelay}
	for _, o := range opts {
		o(h)
	}
	if h.limiter == nil {
		h.limiter = NewMemoryLimiter(DefaultHostDelay)
	}
	if h.timeout <= 0 {
		h.timeout = HarvestTimeout
	}
	if h.sitemapPages <= 0 {
		h.sitemapPages = MaxSitemapPages
	}
	return h
}

// HarvestSource fetches, parses, normalises and stores one source now, and
// records the run, waiting first for its host's turn (see Limiter). A
// failure of the source itself (unreachable, bad feed, past its deadline)
// is recorded on the source and returned in the outcome, not as an error:
// the error result is kept for failures of the hub (the catalog cannot be
// written, ctx ended while waiting), which are worth retrying.
func (h *Harvester) HarvestSource(ctx context.Context, id int64) (catalog.HarvestOutcome, error) {
	return h.harvest(ctx, id, true)
}

// harvest is HarvestSource; with wait false, a busy host is not waited for
// but returned as an error wrapping ErrHostBusy, before anything is
// recorded.
func (h *Harvester) harvest(ctx context.Context, id int64, wait bool) (catalog.HarvestOutcome, error) {
	src, err := h.store.Source(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) {
		return catalog.HarvestOutcome{}, fmt.Errorf("%w: source %d", errSourceGone, id)
	}
	if err != nil {
		return catalog.HarvestOutcome{}, fmt.Errorf("harvest source %d: %w", id, err)
	}
	o := catalog.HarvestOutcome{SourceID: id}
	if src.Status == catalog.StatusDisabled {
		return o, nil
	}
	host := hostOf(src.URL)
	var release func()
	if wait {
		release, err = waitTurn(ctx, h.limiter, host)
	} else {
		release, err = h.limiter.Acquire(ctx, host)
	}
	if err != nil {
		return o, fmt.Errorf("harvest source %d: %w", id, err)
	}
	defer release()

	log := h.log.With("source_id", id, "url", src.URL)
	o.Started = h.now()
	if o.RunID, err = h.store.StartRun(ctx, id, o.Started); err != nil {
		return o, fmt.Errorf("harvest source %d: %w", id, err)
	}
	rctx, cancel := context.WithTimeout(ctx, h.timeout)
	var hints serverHints
	runErr := h.run(rctx, src, &o, &hints, release)
	cancel()
	switch {
	case ctx.Err() != nil:
		// The process is stopping: the run is closed, not left running,
		// and the source, not at fault, is left as it was (deferred).
		o.Aborted, o.Deferred, o.Stage, o.ErrorClass = true, true, "run", catalog.ErrTimeout
		o.Err, o.RetryAfter = "the harvest was interrupted: the worker stopped", 0
	case errors.Is(rctx.Err(), context.DeadlineExceeded):
		o.Aborted, o.ErrorClass = true, catalog.ErrTimeout
		o.Err = fmt.Sprintf("the harvest took longer than %s and was aborted (at stage %s)", h.timeout, stageOr(o.Stage))
		o.Stage = "run"
	case runErr != nil:
		// The catalog failed, not the source: the run is closed as
		// aborted, the source left as it was, and the task retried.
		o.Aborted, o.Deferred, o.Stage, o.ErrorClass = true, true, "store", ""
		o.Err, o.RetryAfter = runErr.Error(), 0
	}
	o.Finished = h.now()
	o.Interval, o.NextCheck = nextCheck(src, &o, hints, o.Finished)
	if o.Deferred && o.RetryAfter > 0 {
		if err := h.limiter.Pause(ctx, host, o.Finished.Add(min(o.RetryAfter, maxServerHint))); err != nil {
			log.Warn("pause host", "host", host, "err", err)
		}
	}
	// The run is recorded even when ctx has ended, so that it is never
	// left running.
	wctx, wcancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer wcancel()
	if _, err := h.store.RecordHarvest(wctx, o); err != nil {
		return o, fmt.Errorf("record harvest of source %d: %w", id, err)
	}
	h.tell(wctx, log, *src, o)
	switch {
	case runErr != nil:
		return o, runErr
	case o.Deferred:
		log.Info("harvest deferred", "retry_after", o.RetryAfter)
	case o.Err != "":
		log.Warn("harvest failed", "stage", o.Stage, "class", o.ErrorClass, "status", o.SourceStatus(), "err", o.Err)
	default:
		log.Info("harvested", "new", o.New, "updated", o.Updated, "unchanged", o.Unchanged,
			"failed", o.Failed, "not_modified", o.NotModified)
	}
	return o, nil
}

// tell passes the change o made to src, if any, to the notifier. The
// status src was read with is the one before this run: runs of one source
// never overlap (one task per source at a time), so one change is told
// once, however many failed runs follow.
func (h *Harvester) tell(ctx context.Context, log *slog.Logger, src catalog.Source, o catalog.HarvestOutcome) {
	if h.notify == nil {
		return
	}
	c, ok := catalog.ChangeOf(src, o)
	if !ok {
		return
	}
	if err := h.notify.SourceStatusChanged(ctx, c); err != nil {
		log.Warn("telling of a source's status", "from", c.From, "to", c.To, "err", err)
	}
}

func stageOr(s string) string {
	if s == "" {
		return "fetch"
	}
	return s
}

// hostOf is the host whose politeness a URL's fetch obeys.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return u.Host
}

// run fills o and the server's hints; release gives the host back once
// the fetch is over. It returns an error only when the catalog fails.
func (h *Harvester) run(ctx context.Context, src *catalog.Source, o *catalog.HarvestOutcome, hints *serverHints, release func()) error {
	switch src.Kind {
	case catalog.KindSitemap:
		return h.runSitemap(ctx, src, o, hints, release)
	case catalog.KindOAI:
		return h.runOAI(ctx, src, o, hints, release)
	case catalog.KindSite:
		return h.runSite(ctx, src, o, release)
	}
	o.Stage = "fetch"
	resp, err := h.fetch.Get(ctx, src.URL, fetch.Validators{ETag: src.ETag, LastModified: src.LastModified})
	release()
	if err != nil {
		classifyFetch(src, o, err)
		return nil
	}
	*hints = hintsOf(resp.Header, h.now())
	if resp.NotModified {
		o.Stage = ""
		o.NotModified = true
		return nil
	}
	o.ETag, o.LastModified = resp.Validators.ETag, resp.Validators.LastModified
	ctype := resp.Header.Get("Content-Type")
	if isChallenge(resp.Status, ctype, resp.Body) {
		blockedByChallenge(o, src.URL)
		o.Errors = append(o.Errors, catalog.RunError{Stage: "fetch", URL: resp.URL, Message: o.Err})
		return nil
	}
	// The response is kept as fetched, so that documents can be
	// normalised again without fetching (Reprocess).
	raw := catalog.RawObject{SourceID: src.ID, URL: src.URL, Fetched: o.Started, ContentType: ctype, Body: resp.Body}
	if err := h.store.PutRawObject(ctx, &raw); err != nil {
		if ctx.Err() != nil {
			return nil // the deadline, recorded by the caller
		}
		return fmt.Errorf("keep the raw response of source %d: %w", src.ID, err)
	}
	o.Stage = "parse"
	feed, err := h.parse(&raw, src)
	if err != nil {
		o.Err, o.ErrorClass = err.Error(), catalog.ErrParse
		o.Errors = append(o.Errors, catalog.RunError{Stage: "parse", URL: resp.URL, Message: err.Error()})
		return nil
	}
	hints.TTL = feed.TTL
	if err := h.storeItems(ctx, src, feed, o, true); err != nil || ctx.Err() != nil {
		return err
	}
	// Only a run that read the whole feed may count what it misses, and
	// only among the items of the feed's window: a feed shows its latest
	// items, and those older than its oldest have aged out, not gone. A
	// feed without dates cannot tell one from the other: nothing is
	// counted. A calendar's window is on its events' starts, which is
	// what it drops as they pass.
	seen := make([]string, len(feed.Items))
	var window time.Time
	for i, in := range feed.Items {
		seen[i] = in.Key
		at := in.Published
		if src.Kind == catalog.KindCalendar {
			at = time.Time{}
			if in.Event != nil {
				at = in.Event.Start
			}
		}
		if !at.IsZero() && (window.IsZero() || at.Before(window)) {
			window = at
		}
	}
	if window.IsZero() {
		o.Stage = ""
		return nil
	}
	gone, back, err := h.store.MarkMissing(ctx, src.ID, seen, window, o.Started, catalog.GoneAfterRuns)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("mark missing items of source %d: %w", src.ID, err)
	}
	if gone+back > 0 {
		h.log.Info("items gone or back", "source_id", src.ID, "gone", gone, "back", back)
	}
	o.Stage = ""
	return nil
}

// parse decodes a raw object to UTF-8 and parses it as the source's kind
// says: a feed, or a calendar.
func (h *Harvester) parse(raw *catalog.RawObject, src *catalog.Source) (*Feed, error) {
	h.parsed()
	if src.Kind == catalog.KindCalendar {
		// The iCalendar reader finds the charset itself (UTF-8, else
		// Latin-1), as RFC 5545 leaves no other.
		return ParseCalendar(raw.Body, raw.URL, src, h.now())
	}
	body, _ := ToUTF8(raw.Body, raw.ContentType)
	return ParseFeed(body, raw.URL, src)
}

// appendErr adds an item's error to a run's list, within its bound.
func appendErr(errs []catalog.RunError, stage, url string, err error) []catalog.RunError {
	if len(errs) >= catalog.MaxRunErrors {
		return errs
	}
	return append(errs, catalog.RunError{Stage: stage, URL: url, Message: err.Error()})
}
