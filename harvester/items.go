package harvester

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/internal/parallel"
	"github.com/ewsi/hub/normalizer"
)

// BatchStore is what a Store may also offer: several documents upserted in
// one transaction, each as UpsertDocument would, all of them or none
// (both catalog stores have it). A harvest then writes the new and
// changed items of a feed storeBatch at a time: one commit, one bump of
// the catalog's generation and, on SQLite, one write lock for them all,
// where a document alone pays each of those.
type BatchStore interface {
	UpsertDocuments(ctx context.Context, docs []*catalog.Document) ([]catalog.UpsertResult, error)
}

// storeBatch is the most items a harvest writes in one transaction: a
// feed's items (20 in most feeds) in one or a few, a sitemap's or an
// OAI-PMH page's hundreds in several, none holding the write lock long.
const storeBatch = 50

// pendingItem is an item to normalise and store: its input, the hash of
// that input (see itemCache) and, once normalised, its document.
type pendingItem struct {
	in  normalizer.Input
	sum [sha256.Size]byte
	doc *catalog.Document
}

// storeItems normalises and stores a feed's items, counting them in o. It
// returns an error only when the catalog fails, and stops early, without
// error, when ctx ends: the items not yet stored are harvested again by
// the next run. With skipSame, items stored from the same input before
// are counted unchanged without normalising them.
func (h *Harvester) storeItems(ctx context.Context, src *catalog.Source, feed *Feed, o *catalog.HarvestOutcome, skipSame bool) error {
	var rules []catalog.SourceRule
	if rs, ok := h.store.(RuleStore); ok {
		var err error
		if rules, err = rs.SourceRules(ctx, src.ID); err != nil {
			return fmt.Errorf("rules of source %d: %w", src.ID, err)
		}
	}
	batch := make([]pendingItem, 0, min(len(feed.Items), storeBatch))
	for _, in := range feed.Items {
		in.Rules = rules
		if err := ctx.Err(); err != nil {
			o.Stage = "store"
			return nil // the caller records the deadline
		}
		sum := inputHash(&in)
		if skipSame && h.items.unchanged(src.ID, &in, sum) {
			o.Unchanged++
			continue
		}
		batch = append(batch, pendingItem{in: in, sum: sum})
		if len(batch) == storeBatch {
			if err := h.storePending(ctx, src.ID, batch, o); err != nil || ctx.Err() != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return h.storePending(ctx, src.ID, batch, o)
}

// storePending normalises items on every core (the normaliser, language
// detection most of all, is the larger part of a new item's cost) and
// stores those it could, counting them in o.
func (h *Harvester) storePending(ctx context.Context, sourceID int64, items []pendingItem, o *catalog.HarvestOutcome) error {
	o.Stage = "normalise"
	type result struct {
		doc *catalog.Document
		err error
	}
	results := parallel.Map(items, func(it pendingItem) result {
		d, err := h.norm.Normalize(it.in)
		return result{d, err}
	})
	done := items[:0]
	for i, r := range results {
		if r.err != nil {
			o.Failed++
			o.Errors = appendErr(o.Errors, "normalise", items[i].in.URL, r.err)
			continue
		}
		r.doc.Harvested = o.Started
		it := items[i]
		it.doc = r.doc
		done = append(done, it)
	}
	return h.writeItems(ctx, sourceID, done, o)
}

// writeItems stores items, in one transaction when the store can (see
// BatchStore), and counts them in o. An invalid document fails a batch
// as a whole: its items are then written one by one, so that it alone is
// counted failed and the others are kept. It returns an error only when
// the catalog fails, and nil when ctx ended.
func (h *Harvester) writeItems(ctx context.Context, sourceID int64, items []pendingItem, o *catalog.HarvestOutcome) error {
	if len(items) == 0 {
		return nil
	}
	o.Stage = "store"
	if bs, ok := h.store.(BatchStore); ok && len(items) > 1 {
		docs := make([]*catalog.Document, len(items))
		for i := range items {
			docs[i] = items[i].doc
		}
		res, err := bs.UpsertDocuments(ctx, docs)
		switch {
		case err == nil:
			for i := range items {
				h.stored(sourceID, &items[i], res[i], o)
			}
			return nil
		case ctx.Err() != nil:
			return nil // the deadline, recorded by the caller
		case !errors.Is(err, catalog.ErrInvalid):
			return fmt.Errorf("store items of source %d: %w", sourceID, err)
		}
	}
	for i := range items {
		it := &items[i]
		res, err := h.store.UpsertDocument(ctx, it.doc)
		switch {
		case errors.Is(err, catalog.ErrInvalid):
			o.Failed++
			o.Errors = appendErr(o.Errors, "store", it.in.URL, err)
			continue
		case err != nil && ctx.Err() != nil:
			return nil // the deadline, recorded by the caller
		case err != nil:
			return fmt.Errorf("store item %q of source %d: %w", it.in.Key, sourceID, err)
		}
		h.stored(sourceID, it, res, o)
	}
	return nil
}

// stored remembers an item's input as stored and counts its result in o.
func (h *Harvester) stored(sourceID int64, it *pendingItem, res catalog.UpsertResult, o *catalog.HarvestOutcome) {
	h.items.stored(sourceID, it.in.Key, it.sum)
	switch res {
	case catalog.Created:
		o.New++
	case catalog.Updated:
		o.Updated++
	default:
		o.Unchanged++
	}
}
