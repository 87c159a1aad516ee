package kinds

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ewsi/hub/fixtureweb"
)

// fixtureServer serves the fixture web on loopback for one test.
func fixtureServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(fixtureweb.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// mustGet fetches url from a test server and fails the test on anything
// but a 200.
func mustGet(t *testing.T, url string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return b
}

func TestFixtureDiscoverEveryPublisher(t *testing.T) {
	srv := fixtureServer(t)
	for _, p := range fixtureweb.Publishers() {
		t.Run(p.Slug, func(t *testing.T) {
			home := srv.URL + p.Home()
			got := Discover(mustGet(t, home), home)
			var want []string
			for _, f := range p.Feeds {
				want = append(want, srv.URL+f.Path)
			}
			if len(got) != len(want) {
				t.Fatalf("found %v, want %v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("feed %d = %s, want %s", i, got[i], want[i])
				}
			}
		})
	}
}

func TestFixtureSitemapIndexReachesEveryItem(t *testing.T) {
	srv := fixtureServer(t)
	named := RobotsSitemaps(mustGet(t, srv.URL+"/robots.txt"))
	if len(named) != 1 || named[0] != srv.URL+"/sitemap.xml" {
		t.Fatalf("robots.txt names %v", named)
	}
	idx, err := ParseSitemap(mustGet(t, named[0]), named[0])
	if err != nil {
		t.Fatal(err)
	}
	if !idx.Index || len(idx.Children) != len(fixtureweb.Publishers()) {
		t.Fatalf("index: %v with %d children, want an index of %d", idx.Index, len(idx.Children), len(fixtureweb.Publishers()))
	}
	pages := map[string]SitemapEntry{}
	for _, c := range idx.Children {
		if c.LastMod.IsZero() {
			t.Errorf("%s: no lastmod", c.Loc)
		}
		sm, err := ParseSitemap(mustGet(t, c.Loc), c.Loc)
		if err != nil {
			t.Fatalf("%s: %v", c.Loc, err)
		}
		if sm.Index {
			t.Fatalf("%s: a child is an index", c.Loc)
		}
		for _, e := range sm.Entries {
			pages[e.Loc] = e
		}
	}
	items := fixtureweb.Items()
	for _, it := range items {
		e, ok := pages[srv.URL+it.Path]
		if !ok {
			t.Errorf("%s: not in any sitemap", it.Path)
			continue
		}
		wantDay := it.Updated.Format("2006-01-02")
		if !e.DayPrecision || e.LastMod.Format("2006-01-02") != wantDay {
			t.Errorf("%s: lastmod %s (day precision %v), want %s", it.Path, e.LastMod, e.DayPrecision, wantDay)
		}
		if len(e.Alternates) != len(it.Translations)+boolInt(len(it.Translations) > 0) {
			t.Errorf("%s: %d alternates, want the page itself and %d translations", it.Path, len(e.Alternates), len(it.Translations))
		}
		for _, a := range e.Alternates {
			if _, ok := pages[a.URL]; !ok || a.Lang == "" {
				t.Errorf("%s: alternate %+v is not a listed page", it.Path, a)
			}
		}
	}
	// Each publisher's sitemap lists its homepage besides its items.
	if want := len(items) + len(fixtureweb.Publishers()); len(pages) != want {
		t.Errorf("%d pages in the sitemaps, want %d", len(pages), want)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestFixtureCalendars(t *testing.T) {
	srv := fixtureServer(t)
	items := fixtureweb.Items()
	// Now is before every fixture event, so each is returned as written.
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range fixtureweb.Publishers() {
		if p.Calendar == "" {
			continue
		}
		t.Run(p.Slug, func(t *testing.T) {
			cal := srv.URL + p.Calendar
			evs, err := ParseICalAt(mustGet(t, cal), cal, now)
			if err != nil {
				t.Fatal(err)
			}
			byURL := map[string]Event{}
			for _, e := range evs {
				byURL[e.URL] = e
			}
			want := 0
			for _, it := range items {
				if it.Calendar != p.Calendar {
					continue
				}
				want++
				e, ok := byURL[srv.URL+it.Path]
				if !ok {
					t.Errorf("%s: not in the calendar", it.Path)
					continue
				}
				got := e.Event
				if !got.Start.Equal(it.Event.Start) || !got.End.Equal(it.Event.End) {
					t.Errorf("%s: %s – %s, want %s – %s", it.Path, got.Start, got.End, it.Event.Start, it.Event.End)
				}
				if got.TimeZone != it.Event.Start.Location().String() {
					t.Errorf("%s: zone %q, want %q", it.Path, got.TimeZone, it.Event.Start.Location())
				}
				if got.Location != it.Event.Location || got.Online != it.Event.Online {
					t.Errorf("%s: location %q online %v, want %q %v", it.Path, got.Location, got.Online, it.Event.Location, it.Event.Online)
				}
				if e.Title != it.Title || e.Language != it.Language || e.Key == "" || e.Recurring || got.AllDay != it.Event.AllDay {
					t.Errorf("%s: title %q lang %q key %q all-day %v", it.Path, e.Title, e.Language, e.Key, got.AllDay)
				}
				if e.Summary == "" || !e.Updated.Equal(it.Updated) {
					t.Errorf("%s: summary %q updated %s, want %s", it.Path, e.Summary, e.Updated, it.Updated)
				}
			}
			if want == 0 || len(evs) != want {
				t.Errorf("%d events in the calendar, want %d", len(evs), want)
			}
		})
	}
}
