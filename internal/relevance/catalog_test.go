package relevance

import (
	"context"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/concepts"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/normalizer"
)

// fixtureCatalog harvests every feed and calendar of the fixture web into
// a fresh embedded catalog, as the demo does, with the vocabulary's
// expander set as cmd/ewsi sets it.
func fixtureCatalog(t testing.TB) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	web := httptest.NewServer(fixtureweb.Handler())
	t.Cleanup(web.Close)
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	norm, err := normalizer.New(normalizer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	client := fetch.New(fetch.Options{Timeout: 10 * time.Second,
		AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	h := harvester.New(store, client, norm, nil,
		harvester.WithLimiter(harvester.NewMemoryLimiter(time.Millisecond)))
	for _, src := range fixtureweb.Sources(web.URL) {
		if src.Kind != catalog.KindFeed && src.Kind != catalog.KindCalendar {
			continue
		}
		if err := store.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
		o, err := h.HarvestSource(ctx, src.ID)
		if err != nil || o.Err != "" {
			t.Fatalf("harvest %s: %v %s", src.URL, err, o.Err)
		}
	}
	store.SetExpander(concepts.Expander{})
	return store
}

// key is how the relevance set names a document: the path of its URL,
// stable whatever port the fixture web listens on and whatever id the
// store gives.
func key(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return u.Path
}

// searchKeys runs a query as the search box does (no language filter,
// ranked by relevance) and returns the keys of the first hits.
func searchKeys(t *testing.T, s interface {
	Search(context.Context, catalog.Query) (*catalog.Result, error)
}, q catalog.Query) []string {
	t.Helper()
	q.Limit = 2 * Cutoff // room for copies left out
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = key(h.URL)
	}
	return out
}
