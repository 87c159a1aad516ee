package harvester

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// maxServerHint caps what a server may ask us to wait (Retry-After,
// max-age, Expires, <ttl>): a hint of a week would make a source silent.
const maxServerHint = 24 * time.Hour

// probeInterval is how often blocked and quarantined sources are tried.
const probeInterval = 24 * time.Hour

// serverHints is how long the server asked us to wait before asking again.
type serverHints struct {
	MaxAge  time.Duration // Cache-Control max-age (or s-maxage)
	Expires time.Duration // Expires, from now
	TTL     time.Duration // RSS <ttl>
}

// hintsOf reads the caching hints of a response's header.
func hintsOf(h http.Header, now time.Time) serverHints {
	var s serverHints
	for _, d := range strings.Split(h.Get("Cache-Control"), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(strings.ToLower(d)), "=")
		if k == "max-age" || k == "s-maxage" {
			if n, err := strconv.ParseInt(strings.Trim(v, `"`), 10, 64); err == nil && n > 0 && n < 1<<31 {
				s.MaxAge = max(s.MaxAge, time.Duration(n)*time.Second)
			}
		}
	}
	if s.MaxAge == 0 {
		// max-age wins over Expires (RFC 9111).
		if t, err := http.ParseTime(h.Get("Expires")); err == nil && t.After(now) {
			s.Expires = t.Sub(now)
		}
	}
	return s
}

// wait is the longest of the hints, capped at maxServerHint.
func (s serverHints) wait() time.Duration {
	return min(max(s.MaxAge, s.Expires, s.TTL), maxServerHint)
}

// nextCheck adapts the polling interval: shorter when news arrives, longer
// when nothing changes, exponential back-off on failure, a daily probe of
// blocked and quarantined sources, and never sooner than the server asked
// (Retry-After, Cache-Control, Expires, <ttl>, each capped at
// maxServerHint), with ±10% jitter so sources do not align. A deferred run
// keeps the interval and waits for Retry-After only.
func nextCheck(src *catalog.Source, o *catalog.HarvestOutcome, hints serverHints, now time.Time) (time.Duration, time.Time) {
	iv := src.Interval
	if iv <= 0 {
		iv = catalog.DefaultInterval
	}
	switch {
	case o.Deferred:
		wait := min(max(o.RetryAfter, time.Second), maxServerHint)
		return iv, now.Add(wait + jitter(wait/10).Abs())
	case o.Status == catalog.StatusBlocked || o.Status == catalog.StatusQuarantined:
		return iv, now.Add(probeInterval + jitter(probeInterval/10))
	case o.Err != "" || o.Aborted:
		fails := min(src.FailCount+1, 12)
		iv = catalog.MinInterval << fails
	case o.New > 0:
		iv /= 2
	default:
		iv = iv * 3 / 2
	}
	iv = min(max(iv, catalog.MinInterval), catalog.MaxInterval)
	wait := max(iv, hints.wait())
	if o.RetryAfter > wait {
		wait = min(o.RetryAfter, maxServerHint)
	}
	j := jitter(wait / 10)
	if hint := max(hints.wait(), min(o.RetryAfter, maxServerHint)); wait+j < hint {
		j = -j // jitter never brings the check before what the server asked
	}
	return iv, now.Add(wait + j)
}

// jitter is a uniform random duration in [-d, d].
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration((rand.Float64()*2 - 1) * float64(d))
}
