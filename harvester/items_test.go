package harvester

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/normalizer"
)

// countingStore counts the documents written through each of the
// catalog's upserts.
type countingStore struct {
	*sqlite.Store
	batches, inBatches, alone atomic.Int32
}

func (s *countingStore) UpsertDocuments(ctx context.Context, docs []*catalog.Document) ([]catalog.UpsertResult, error) {
	s.batches.Add(1)
	s.inBatches.Add(int32(len(docs)))
	return s.Store.UpsertDocuments(ctx, docs)
}

func (s *countingStore) UpsertDocument(ctx context.Context, d *catalog.Document) (catalog.UpsertResult, error) {
	s.alone.Add(1)
	return s.Store.UpsertDocument(ctx, d)
}

// breakingNormalizer normalises as the real one does, but leaves the
// document of the item at URL bad without a key, which the catalog
// refuses.
type breakingNormalizer struct {
	Normalizer
	bad string
}

func (n breakingNormalizer) Normalize(in normalizer.Input) (*catalog.Document, error) {
	d, err := n.Normalizer.Normalize(in)
	if err == nil && in.URL == n.bad {
		d.Key = ""
	}
	return d, err
}

// bigFeed serves an RSS feed of n items; the title of item changed, when
// not negative, says "revised".
func bigFeed(n int, changed *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title><link>http://x/</link>`)
		for i := range n {
			title := fmt.Sprintf("Integration course %d for newcomers", i)
			if int(changed.Load()) == i {
				title += " (revised)"
			}
			fmt.Fprintf(&b, `<item><title>%s</title><link>http://%s/item/%d</link><guid>item-%d</guid>`+
				`<description>Language classes and job counselling for migrants arriving in the city, session %d of the programme.</description></item>`,
				title, r.Host, i, i, i)
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	})
}

// TestItemsStoredInBatches harvests a feed of 120 items, one of which the
// catalog refuses: the others are written storeBatch at a time, the
// batch holding the bad one item by item, so that it alone fails. A
// harvester that has not seen the feed before (a new process) finds them
// all unchanged, and a revised item updated.
func TestItemsStoredInBatches(t *testing.T) {
	var changed atomic.Int32
	changed.Store(-1)
	srv := httptest.NewServer(bigFeed(120, &changed))
	defer srv.Close()
	store := &countingStore{Store: newStore(t)}
	id := addSource(t, store.Store, catalog.Source{URL: srv.URL + "/feed", Language: "en"})
	bad := fmt.Sprintf("%s/item/77", srv.URL)
	harvest := func() catalog.HarvestOutcome {
		t.Helper()
		h := newHarvester(t, store)
		h.norm = breakingNormalizer{Normalizer: h.norm, bad: bad}
		o, err := h.HarvestSource(context.Background(), id)
		if err != nil || o.Err != "" {
			t.Fatalf("harvest: %v %s", err, o.Err)
		}
		return o
	}

	o := harvest()
	if o.New != 119 || o.Failed != 1 || len(o.Errors) != 1 || o.Errors[0].Stage != "store" || o.Errors[0].URL != bad {
		t.Fatalf("first harvest: %d new, %d failed, errors %+v; want 119, 1 and item 77's in store", o.New, o.Failed, o.Errors)
	}
	if n, _ := store.CountDocuments(context.Background()); n != 119 {
		t.Errorf("%d documents stored, want 119", n)
	}
	// Items 0-49 and 100-119 in two batches; 50-99 in a batch that the
	// bad item failed, then one by one.
	if b, in, alone := store.batches.Load(), store.inBatches.Load(), store.alone.Load(); b != 3 || in != 120 || alone != 50 {
		t.Errorf("%d batches of %d documents in all, %d alone; want 3, 120, 50", b, in, alone)
	}

	changed.Store(3)
	o = harvest()
	if o.New != 0 || o.Updated != 1 || o.Unchanged != 118 || o.Failed != 1 {
		t.Errorf("harvest of the feed with item 3 revised, by a new harvester: %d new, %d updated, %d unchanged, %d failed; want 0, 1, 118, 1",
			o.New, o.Updated, o.Unchanged, o.Failed)
	}
	got, err := store.DocumentByKey(context.Background(), id, "item-3")
	if err != nil || !strings.Contains(got.Title, "revised") {
		t.Errorf("item 3 after the second harvest: %v, %v; want its revised title", got, err)
	}
}
