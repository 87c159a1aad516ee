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
	"math/rand/v2"
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
	RecordHarvest(ctx context.Context, o catalog.HarvestOutcome) (int64, error)
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

// errSourceGone: the task names a source the catalog no longer has.
var errSourceGone = errors.New("source no longer exists")

// Harvester harvests sources into the catalog.
type Harvester struct {
	store Store
	fetch *fetch.Client
	norm  Normalizer
	log   *slog.Logger
	now   func() time.Time
}

// New returns a Harvester. log may be nil.
func New(store Store, client *fetch.Client, norm Normalizer, log *slog.Logger) *Harvester {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Harvester{store: store, fetch: client, norm: norm, log: log.With("component", "harvester"), now: time.Now}
}

// HarvestSource fetches, parses, normalises and stores one source now, and
// records the run. A failure of the source itself (unreachable, bad feed)
// is recorded on the source and returned in the outcome, not as an error:
// the error result is kept for failures of the hub (the catalog cannot be
// written), which are worth retrying.
func (h *Harvester) HarvestSource(ctx context.Context, id int64) (catalog.HarvestOutcome, error) {
	src, err := h.store.Source(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) {
		return catalog.HarvestOutcome{}, fmt.Errorf("%w: source %d", errSourceGone, id)
	}
	if err != nil {
		return catalog.HarvestOutcome{}, fmt.Errorf("harvest source %d: %w", id, err)
	}
	o := catalog.HarvestOutcome{SourceID: id, Started: h.now()}
	if src.Status == catalog.StatusDisabled {
		return o, nil
	}
	log := h.log.With("source_id", id, "url", src.URL)
	if err := h.run(ctx, src, &o); err != nil {
		return o, err
	}
	o.Finished = h.now()
	o.Interval, o.NextCheck = nextCheck(src, &o, o.Finished)
	if _, err := h.store.RecordHarvest(ctx, o); err != nil {
		return o, fmt.Errorf("record harvest of source %d: %w", id, err)
	}
	if o.Err != "" {
		log.Warn("harvest failed", "stage", o.Stage, "err", o.Err)
	} else {
		log.Info("harvested", "new", o.New, "updated", o.Updated, "unchanged", o.Unchanged,
			"failed", o.Failed, "not_modified", o.NotModified)
	}
	return o, nil
}

// run fills o; it returns an error only when the catalog fails.
func (h *Harvester) run(ctx context.Context, src *catalog.Source, o *catalog.HarvestOutcome) error {
	resp, err := h.fetch.Get(ctx, src.URL, fetch.Validators{ETag: src.ETag, LastModified: src.LastModified})
	if err != nil {
		o.Stage, o.Err = "fetch", err.Error()
		var fe *fetch.Error
		if errors.As(err, &fe) {
			o.RetryAfter = fe.RetryAfter
		}
		return nil
	}
	if resp.NotModified {
		o.NotModified = true
		return nil
	}
	o.ETag, o.LastModified = resp.Validators.ETag, resp.Validators.LastModified
	items, err := ParseFeed(resp.Body, resp.URL, src)
	if err != nil {
		o.Stage, o.Err = "parse", err.Error()
		return nil
	}
	var rules []catalog.SourceRule
	if rs, ok := h.store.(RuleStore); ok {
		if rules, err = rs.SourceRules(ctx, src.ID); err != nil {
			return fmt.Errorf("rules of source %d: %w", src.ID, err)
		}
	}
	for _, in := range items {
		in.Rules = rules
		doc, err := h.norm.Normalize(in)
		if err != nil {
			o.Failed++
			h.log.Debug("item skipped", "source_id", src.ID, "url", in.URL, "err", err)
			continue
		}
		doc.Harvested = o.Started
		res, err := h.store.UpsertDocument(ctx, doc)
		switch {
		case errors.Is(err, catalog.ErrInvalid):
			o.Failed++
			continue
		case err != nil:
			return fmt.Errorf("store item %q of source %d: %w", in.Key, src.ID, err)
		}
		switch res {
		case catalog.Created:
			o.New++
		case catalog.Updated:
			o.Updated++
		default:
			o.Unchanged++
		}
	}
	return nil
}

// nextCheck adapts the polling interval: shorter when news arrives, longer
// when nothing changes, exponential back-off on failure, never sooner than
// the server asked, with ±10% jitter so sources do not align.
func nextCheck(src *catalog.Source, o *catalog.HarvestOutcome, now time.Time) (time.Duration, time.Time) {
	iv := src.Interval
	if iv <= 0 {
		iv = catalog.DefaultInterval
	}
	switch {
	case o.Err != "":
		fails := min(src.FailCount+1, 12)
		iv = catalog.MinInterval << fails
	case o.New > 0:
		iv /= 2
	default:
		iv = iv * 3 / 2
	}
	iv = min(max(iv, catalog.MinInterval), catalog.MaxInterval)
	wait := iv
	if o.RetryAfter > wait {
		wait = min(o.RetryAfter, catalog.MaxInterval)
	}
	jitter := time.Duration((rand.Float64()*0.2 - 0.1) * float64(wait))
	return iv, now.Add(wait + jitter)
}
