package harvester

import (
	"net/http"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func TestHintsOf(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header map[string]string
		want   serverHints
	}{
		{"none", nil, serverHints{}},
		{"max-age", map[string]string{"Cache-Control": "public, max-age=7200"}, serverHints{MaxAge: 2 * time.Hour}},
		{"s-maxage and max-age: the longer", map[string]string{"Cache-Control": "max-age=60, s-maxage=600"}, serverHints{MaxAge: 10 * time.Minute}},
		{"Expires", map[string]string{"Expires": now.Add(3 * time.Hour).Format(http.TimeFormat)}, serverHints{Expires: 3 * time.Hour}},
		{"max-age wins over Expires", map[string]string{"Cache-Control": "max-age=60", "Expires": now.Add(3 * time.Hour).Format(http.TimeFormat)}, serverHints{MaxAge: time.Minute}},
		{"Expires in the past", map[string]string{"Expires": now.Add(-time.Hour).Format(http.TimeFormat)}, serverHints{}},
		{"garbage", map[string]string{"Cache-Control": "max-age=soon", "Expires": "0"}, serverHints{}},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.header {
			h.Set(k, v)
		}
		if diff := cmp.Diff(tt.want, hintsOf(h, now)); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestNextCheckHonoursServerHints: never sooner than the server asks,
// hints capped at a day, jitter kept.
func TestNextCheckHonoursServerHints(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		hints    serverHints
		o        catalog.HarvestOutcome
		min, max time.Duration
	}{
		{"no hint: the interval, lengthened", serverHints{}, catalog.HarvestOutcome{NotModified: true}, 81 * time.Minute, 99 * time.Minute},
		{"RSS ttl longer than the interval", serverHints{TTL: 6 * time.Hour}, catalog.HarvestOutcome{New: 1}, 6 * time.Hour, 6*time.Hour + 37*time.Minute},
		{"max-age longer than the interval", serverHints{MaxAge: 4 * time.Hour}, catalog.HarvestOutcome{}, 4 * time.Hour, 4*time.Hour + 25*time.Minute},
		{"Expires", serverHints{Expires: 3 * time.Hour}, catalog.HarvestOutcome{}, 3 * time.Hour, 3*time.Hour + 19*time.Minute},
		{"hint shorter than the interval: the interval", serverHints{MaxAge: time.Minute}, catalog.HarvestOutcome{NotModified: true}, 81 * time.Minute, 99 * time.Minute},
		{"a week's hint capped at a day", serverHints{TTL: 7 * 24 * time.Hour}, catalog.HarvestOutcome{}, 24 * time.Hour, 27 * time.Hour},
		{"Retry-After on a deferred run", serverHints{}, catalog.HarvestOutcome{Deferred: true, RetryAfter: 2 * time.Hour}, 2 * time.Hour, 2*time.Hour + 13*time.Minute},
		{"Retry-After of a month capped", serverHints{}, catalog.HarvestOutcome{Deferred: true, RetryAfter: 30 * 24 * time.Hour}, 24 * time.Hour, 27 * time.Hour},
		{"blocked: daily probe", serverHints{}, catalog.HarvestOutcome{Err: "403", Status: catalog.StatusBlocked}, 21 * time.Hour, 27 * time.Hour},
	}
	for _, tt := range tests {
		src := &catalog.Source{Interval: time.Hour}
		seen := map[time.Time]bool{}
		for range 20 {
			_, next := nextCheck(src, &tt.o, tt.hints, now)
			seen[next] = true
			if d := next.Sub(now); d < tt.min || d > tt.max {
				t.Errorf("%s: next check in %s, want between %s and %s", tt.name, d, tt.min, tt.max)
				break
			}
		}
		if len(seen) < 2 {
			t.Errorf("%s: no jitter", tt.name)
		}
	}
}

func TestRSSTTLIsRead(t *testing.T) {
	feed, err := ParseFeed([]byte(`<rss version="2.0"><channel><title>t</title><ttl>180</ttl><item><title>a</title><guid>a</guid></item></channel></rss>`),
		"https://x.example/feed", &catalog.Source{})
	if err != nil || feed.TTL != 3*time.Hour {
		t.Errorf("TTL = %v, %v; want 3h", feed.TTL, err)
	}
}

// FuzzHintsOf: caching headers as servers send them never panic and never
// ask for a negative or an uncapped wait.
func FuzzHintsOf(f *testing.F) {
	f.Add("max-age=3600", "Wed, 21 Oct 2026 07:28:00 GMT")
	f.Add("public, s-maxage=99999999999, max-age=-1", "0")
	f.Add("max-age=\"60\", no-cache", "")
	f.Add(",,=,max-age=", "Thu, 01 Jan 1970 00:00:00 GMT")
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, cacheControl, expires string) {
		h := http.Header{}
		h.Set("Cache-Control", cacheControl)
		h.Set("Expires", expires)
		s := hintsOf(h, now)
		if s.MaxAge < 0 || s.Expires < 0 || s.wait() < 0 || s.wait() > maxServerHint {
			t.Fatalf("hints %+v (wait %s) from %q, %q", s, s.wait(), cacheControl, expires)
		}
	})
}
