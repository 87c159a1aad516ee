package harvester

import (
	"context"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
)

// ErrCannotPreview: the kind of source has no harvester yet, so nothing
// can be shown of it.
var ErrCannotPreview = errors.New("only feeds can be previewed yet")

// Preview fetches src as a harvest would, through the same SSRF-guarded
// client, parser and normalizer, and returns up to limit of the documents
// it would store, storing nothing and recording no run. src needs no ID.
// The error is a sentence for the person who proposed the source: the
// fetch's (unreachable, refused private address, HTTP status), the
// parser's (not a feed) or ErrCannotPreview.
func (h *Harvester) Preview(ctx context.Context, src catalog.Source, limit int) ([]catalog.Document, error) {
	if src.Kind != catalog.KindFeed {
		return nil, fmt.Errorf("%w, not %s sources", ErrCannotPreview, src.Kind)
	}
	resp, err := h.fetch.Get(ctx, src.URL, fetch.Validators{})
	if err != nil {
		return nil, err
	}
	body, _ := ToUTF8(resp.Body, resp.Header.Get("Content-Type"))
	feed, err := ParseFeed(body, resp.URL, &src)
	if err != nil {
		return nil, err
	}
	var out []catalog.Document
	for _, in := range feed.Items {
		if limit > 0 && len(out) == limit {
			break
		}
		doc, err := h.norm.Normalize(in)
		if err != nil {
			continue // a harvest would skip it too
		}
		out = append(out, *doc)
	}
	return out, nil
}
