package harvester

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/normalizer"
)

// changingFeed serves a feed of the items named in keys, or a 500 while
// broken is set, and counts requests.
type changingFeed struct {
	mu       sync.Mutex
	keys     []string
	broken   bool
	requests atomic.Int32
}

func (f *changingFeed) set(broken bool, keys ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keys, f.broken = keys, broken
}

func (f *changingFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.broken {
		http.Error(w, "down", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
	for _, k := range f.keys {
		// Items are dated by their letter: a is the oldest.
		date := time.Date(2026, 11, int(k[0]-'a')+1, 9, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
		fmt.Fprintf(w, `<item><title>Integration project %[1]s</title><link>https://x.example/%[1]s</link><guid>%[1]s</guid>`+
			`<pubDate>%[2]s</pubDate><description>Mentoring and language support for refugees in project %[1]s of the region.</description></item>`, k, date)
	}
	fmt.Fprint(w, `</channel></rss>`)
}

func TestItemsGoneOnlyAfterConsecutiveSuccessfulRuns(t *testing.T) {
	f := &changingFeed{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/feed"})
	steps := []struct {
		name   string
		broken bool
		keys   []string
		gone   bool // c is gone afterwards
	}{
		{"all three", false, []string{"a", "b", "c"}, false},
		{"c missing once", false, []string{"a", "b"}, false},
		{"source failing: not counted", true, nil, false},
		{"source failing again", true, nil, false},
		{"c missing twice", false, []string{"a", "b"}, false},
		{"c missing three times: gone", false, []string{"a", "b"}, true},
		{"c reappears", false, []string{"a", "b", "c"}, false},
	}
	for _, st := range steps {
		f.set(st.broken, st.keys...)
		if _, err := h.HarvestSource(ctx, id); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		d, err := store.DocumentByKey(ctx, id, "c")
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if gone := !d.GoneAt.IsZero(); gone != st.gone {
			t.Errorf("%s: c gone = %v, want %v", st.name, gone, st.gone)
		}
		res, err := store.Search(ctx, catalog.Query{Text: "integration project", SourceIDs: []int64{id}})
		if err != nil {
			t.Fatal(err)
		}
		want := 3
		if st.gone {
			want = 2
		}
		if res.Total != want {
			t.Errorf("%s: search finds %d, want %d", st.name, res.Total, want)
		}
	}
	// An item older than every item of the feed aged out of its window:
	// it is never gone.
	f.set(false, "b", "c", "d")
	for range 4 {
		if _, err := h.HarvestSource(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if d, _ := store.DocumentByKey(ctx, id, "a"); !d.GoneAt.IsZero() {
		t.Errorf("an item that aged out of the feed was marked gone")
	}
}

// suffixNormalizer is the real normalizer with a suffix on every title,
// to tell a reprocessed document from the first.
type suffixNormalizer struct {
	*normalizer.Normalizer
	suffix string
}

func (n suffixNormalizer) Normalize(in normalizer.Input) (*catalog.Document, error) {
	d, err := n.Normalizer.Normalize(in)
	if err == nil {
		d.Title += n.suffix
		d.ContentHash = d.Hash()
	}
	return d, err
}

func TestReprocessWithoutFetching(t *testing.T) {
	f := &changingFeed{}
	f.set(false, "a", "b")
	srv := httptest.NewServer(f)
	defer srv.Close()
	store := newStore(t)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/feed"})
	if o, err := newHarvester(t, store).HarvestSource(ctx, id); err != nil || o.New != 2 {
		t.Fatalf("harvest: %+v, %v", o, err)
	}
	raws, err := store.RawObjects(ctx, id)
	if err != nil || len(raws) != 1 || raws[0].URL != srv.URL+"/feed" || !strings.Contains(string(raws[0].Body), "project b") {
		t.Fatalf("raw objects after a harvest: %d, %v", len(raws), err)
	}
	fetches := f.requests.Load()
	h := newHarvester(t, store)
	h.norm = suffixNormalizer{sharedNormalizer(t), " (v2)"}
	o, err := h.Reprocess(ctx, id)
	if err != nil || o.Updated != 2 || o.Err != "" {
		t.Fatalf("Reprocess = %+v, %v; want 2 updated", o, err)
	}
	if n := f.requests.Load(); n != fetches {
		t.Errorf("Reprocess fetched %d times", n-fetches)
	}
	d, _ := store.DocumentByKey(ctx, id, "a")
	if !strings.HasSuffix(d.Title, " (v2)") {
		t.Errorf("title after reprocessing: %q", d.Title)
	}
	if _, err := h.Reprocess(ctx, 424242); err == nil {
		t.Error("Reprocess of an unknown source succeeded")
	}
}
