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
