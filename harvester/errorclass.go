package harvester

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
)

// QuarantineAfter is how many 404s in a row quarantine a source.
const QuarantineAfter = 3

// classifyFetch sets o's error, class and the source status it calls for,
// from a failed fetch:
//   - network errors and 5xx: failing, backed off exponentially;
//   - 401, 403: blocked (as is a bot challenge, see isChallenge);
//   - 404: failing, then quarantined at the QuarantineAfter-th in a row;
//   - 410: disabled;
//   - 429, and 503 with Retry-After: deferred, no failure (the host is
//     paused);
//   - refused addresses, redirect loops, oversized bodies: failing.
func classifyFetch(src *catalog.Source, o *catalog.HarvestOutcome, err error) {
	o.Stage, o.Err = "fetch", err.Error()
	o.Errors = append(o.Errors, catalog.RunError{Stage: "fetch", URL: src.URL, Message: err.Error()})
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		o.ErrorClass = catalog.ErrNetwork
		return
	}
	o.RetryAfter = fe.RetryAfter
	switch fe.Class {
	case fetch.ClassNetwork:
		o.ErrorClass = catalog.ErrNetwork
		return
	case fetch.ClassHTTP:
	default:
		o.ErrorClass = catalog.ErrRefused
		return
	}
	switch st := fe.Status; {
	case isChallenge(st, fe.ContentType, fe.Snippet):
		blockedByChallenge(o, src.URL)
		o.Errors[len(o.Errors)-1].Message = o.Err
	case st == http.StatusTooManyRequests || (st == http.StatusServiceUnavailable && fe.RetryAfter > 0):
		o.Deferred, o.ErrorClass = true, catalog.ErrThrottled
		if o.RetryAfter <= 0 {
			o.RetryAfter = catalog.MinInterval
		}
	case st == http.StatusUnauthorized || st == http.StatusForbidden:
		o.ErrorClass, o.Status = catalog.ErrBlocked, catalog.StatusBlocked
	case st == http.StatusNotFound:
		o.ErrorClass = catalog.ErrMissing
		streak := 1
		if src.ErrorClass == catalog.ErrMissing {
			streak = src.ErrorStreak + 1
		}
		if streak >= QuarantineAfter {
			o.Status = catalog.StatusQuarantined
			o.Err = fmt.Sprintf("%s (%d times in a row: quarantined, checked daily)", o.Err, streak)
		}
	case st == http.StatusGone:
		o.ErrorClass, o.Status = catalog.ErrGone, catalog.StatusDisabled
		o.Err += " (the publisher removed it: disabled)"
	case st >= 500:
		o.ErrorClass = catalog.ErrServer
	default:
		o.ErrorClass = catalog.ErrClient
	}
}

// challengeMarkers are strings of the pages that bot-protection services
// answer instead of the content.
var challengeMarkers = []string{
	"cf-challenge", "challenge-platform", "cf_chl_", "/cdn-cgi/challenge",
	"just a moment...", "attention required! | cloudflare", "ddos-guard",
	"_incapsula_resource", "px-captcha", "g-recaptcha", "h-captcha", "hcaptcha.com",
	"captcha-delivery.com", "are you a robot", "verify you are human", "checking your browser",
	"akamai bot manager", "sucuri website firewall",
}

// isChallenge reports whether a 200, 403, 429 or 503 answer is a bot
// challenge page rather than the resource: an HTML page carrying one of
// challengeMarkers.
func isChallenge(status int, contentType string, body []byte) bool {
	switch status {
	case http.StatusOK, http.StatusForbidden, http.StatusTooManyRequests, http.StatusServiceUnavailable:
	default:
		return false
	}
	head := body[:min(len(body), 16<<10)]
	if !strings.Contains(strings.ToLower(contentType), "html") && !looksHTML(head) {
		return false
	}
	lower := bytes.ToLower(head)
	for _, m := range challengeMarkers {
		if bytes.Contains(lower, []byte(m)) {
			return true
		}
	}
	return false
}

func looksHTML(b []byte) bool {
	t := bytes.ToLower(bytes.TrimLeft(b, " \t\r\n\ufeff"))
	return bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html"))
}

// blockedByChallenge marks o as blocked by a bot challenge.
func blockedByChallenge(o *catalog.HarvestOutcome, url string) {
	o.Stage, o.ErrorClass, o.Status = "fetch", catalog.ErrBlocked, catalog.StatusBlocked
	o.Deferred, o.RetryAfter = false, 0
	o.Err = fmt.Sprintf("fetching %s: the server answered a bot challenge page instead of the content (blocked: ask the publisher to allow our User-Agent)", url)
	o.ETag, o.LastModified = "", ""
}
