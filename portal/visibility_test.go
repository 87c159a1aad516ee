package portal

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// TestOnlyPublicDocumentsAreServed: a document not published, or under
// embargo, is not found by its page, the API or its calendar.
func TestOnlyPublicDocumentsAreServed(t *testing.T) {
	cat := newFakeCatalog()
	future := time.Now().Add(24 * time.Hour)
	for i, d := range []struct {
		state   catalog.DocumentState
		embargo time.Time
		public  bool
	}{
		{catalog.StatePending, time.Time{}, false},
		{catalog.StateRefused, time.Time{}, false},
		{catalog.StateArchived, time.Time{}, false},
		{catalog.StateDraft, time.Time{}, false},
		{catalog.StatePublished, future, false},
		{catalog.StatePublished, time.Now().Add(-time.Hour), true},
	} {
		id := int64(100 + i)
		cat.docs = append(cat.docs, catalog.Document{ID: id, SourceID: 1, Title: "Doc", Language: "en",
			State: d.state, Embargo: d.embargo, ContentType: "event",
			Event: &catalog.Event{Start: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}})
		h := newTestServer(t, cat, nil)
		for _, path := range []string{"/en/documents/%d", "/api/v1/documents/%d", "/en/documents/%d/ics"} {
			target := fmt.Sprintf(path, id)
			code := get(t, h, target).Code
			if d.public && code != http.StatusOK {
				t.Errorf("%s (%s, embargo %v): %d, want 200", target, d.state, d.embargo, code)
			}
			if !d.public && code != http.StatusNotFound {
				t.Errorf("%s (%s, embargo %v): %d, want 404", target, d.state, d.embargo, code)
			}
		}
	}
}
