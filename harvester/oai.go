package harvester

import (
	"context"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/harvester/kinds"
)

// MaxOAIPages bounds the ListRecords pages (resumption tokens followed)
// one run of an OAI-PMH source reads. A run that reaches it is recorded
// as failed, with that reason, so that the next one starts again from the
// same date instead of skipping what was left.
const MaxOAIPages = 100

// GoneMarker is what a Store may also offer: marking documents gone at
// once when their source says they were deleted. Without it, deleted
// OAI-PMH records are only counted as failed.
type GoneMarker interface {
	MarkGone(ctx context.Context, sourceID int64, keys []string, at time.Time) (int, error)
}

// runOAI harvests an OAI-PMH repository: ListRecords in Dublin Core from
// the day of the last success (every record on the first run), following
// resumption tokens, each page in the host's turn. Records without a
// link are stored under the repository's URL; deleted records mark their
// documents gone.
func (h *Harvester) runOAI(ctx context.Context, src *catalog.Source, o *catalog.HarvestOutcome, hints *serverHints, release func()) error {
	released := false
	token := ""
	host := hostOf(src.URL)
	for page := 0; ; page++ {
		if page == MaxOAIPages {
			o.Stage, o.ErrorClass = "fetch", catalog.ErrServer
			o.Err = fmt.Sprintf("the OAI-PMH repository gave more than %d pages of records; the rest waits for the next run", MaxOAIPages)
			o.Errors = appendErr(o.Errors, "fetch", src.URL, fmt.Errorf("%s", o.Err))
			return nil
		}
		if released {
			r, err := waitTurn(ctx, h.limiter, host)
			if err != nil {
				return nil // ctx ended: recorded by the caller
			}
			release = r
		}
		o.Stage = "fetch"
		reqURL := kinds.ListRecordsURL(src.URL, src.LastSuccess, token)
		resp, err := h.fetch.Get(ctx, reqURL, fetch.Validators{})
		release()
		released = true
		if err != nil {
			classifyFetch(src, o, err)
			return nil
		}
		if page == 0 {
			*hints = hintsOf(resp.Header, h.now())
		}
		o.Stage = "parse"
		h.parsed()
		p, err := kinds.ParseOAI(resp.Body)
		if err != nil {
			o.Err, o.ErrorClass = err.Error(), catalog.ErrParse
			o.Errors = append(o.Errors, catalog.RunError{Stage: "parse", URL: reqURL, Message: err.Error()})
			return nil
		}
		feed := &Feed{}
		var gone []string
		for i := range p.Records {
			r := &p.Records[i]
			if r.Deleted {
				gone = append(gone, r.Identifier)
				continue
			}
			in := r.Input()
			if in.Key == "" {
				continue
			}
			in.SourceID = src.ID
			in.SourceLanguage, in.SourceCountry = src.Language, src.Country
			if in.URL == "" {
				in.BaseURL = src.URL
			}
			feed.Items = append(feed.Items, in)
		}
		if err := h.storeItems(ctx, src, feed, o, true); err != nil || ctx.Err() != nil {
			return err
		}
		if gm, ok := h.store.(GoneMarker); ok && len(gone) > 0 {
			n, err := gm.MarkGone(ctx, src.ID, gone, o.Started)
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("mark deleted records of source %d gone: %w", src.ID, err)
			}
			if n > 0 {
				h.log.Info("deleted records gone", "source_id", src.ID, "gone", n)
			}
		}
		if p.ResumptionToken == "" {
			o.Stage = ""
			return nil
		}
		token = p.ResumptionToken
	}
}
