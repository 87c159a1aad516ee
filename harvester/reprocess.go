package harvester

import (
	"context"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

// Reprocess normalises again, without fetching, what the last harvests of
// a source kept (its raw objects), and stores the documents: those whose
// normalised content changed are updated. It records no run and marks
// nothing gone. The outcome counts the documents; its Err says why a raw
// object could not be parsed. The error is for failures of the catalog,
// and wraps catalog.ErrNotFound for an unknown source.
func (h *Harvester) Reprocess(ctx context.Context, sourceID int64) (catalog.HarvestOutcome, error) {
	o := catalog.HarvestOutcome{SourceID: sourceID, Started: h.now()}
	src, err := h.store.Source(ctx, sourceID)
	if err != nil {
		return o, fmt.Errorf("reprocess source %d: %w", sourceID, err)
	}
	raws, err := h.store.RawObjects(ctx, sourceID)
	if err != nil {
		return o, fmt.Errorf("reprocess source %d: %w", sourceID, err)
	}
	for i := range raws {
		feed, err := h.parse(&raws[i], src)
		if err != nil {
			o.Stage, o.Err, o.ErrorClass = "parse", err.Error(), catalog.ErrParse
			o.Errors = append(o.Errors, catalog.RunError{Stage: "parse", URL: raws[i].URL, Message: err.Error()})
			continue
		}
		if err := h.storeItems(ctx, src, feed, &o, false); err != nil {
			return o, fmt.Errorf("reprocess source %d: %w", sourceID, err)
		}
		if err := ctx.Err(); err != nil {
			return o, fmt.Errorf("reprocess source %d: %w", sourceID, err)
		}
	}
	if o.Err == "" {
		o.Stage = ""
	}
	o.Finished = h.now()
	return o, nil
}
