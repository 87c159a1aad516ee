package portal

import (
	"context"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

// publicDocument returns a document the public may see: published and past
// any embargo. Any other is reported as not found (an error wrapping
// catalog.ErrNotFound), so pages, the API, calendars and OAI-PMH never
// reveal a pending, refused, archived or embargoed item; editors see those
// in the review queue.
func (s *Server) publicDocument(ctx context.Context, id int64) (*catalog.Document, error) {
	d, err := s.catalog.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if !catalog.Visible(d.State, d.Embargo, s.now()) {
		return nil, fmt.Errorf("document %d is not public: %w", id, catalog.ErrNotFound)
	}
	return d, nil
}
