package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Class sorts fetch failures by what the harvester should do about them.
type Class string

// Failure classes.
const (
	ClassNetwork   Class = "network"   // DNS, connect, reset, timeout: back off and retry
	ClassHTTP      Class = "http"      // a non-2xx status: see Status
	ClassTooLarge  Class = "too_large" // body over the limit
	ClassForbidden Class = "forbidden" // the address is private or reserved
	ClassRedirect  Class = "redirect"  // too many redirects or a bad one
	ClassInvalid   Class = "invalid"   // the URL cannot be requested
)

// Error is a failed fetch. Its message is a sentence a source owner can read.
type Error struct {
	URL        string
	Class      Class
	Status     int           // with ClassHTTP
	RetryAfter time.Duration // from a 429 or 503
	// ContentType and Snippet (the first bytes of the body) come with
	// ClassHTTP, so that a bot challenge can be told from a refusal.
	ContentType string
	Snippet     []byte
	Err         error
}

func (e *Error) Error() string {
	switch e.Class {
	case ClassHTTP:
		return fmt.Sprintf("fetching %s: the server answered %d %s", e.URL, e.Status, http.StatusText(e.Status))
	case ClassTooLarge:
		return fmt.Sprintf("fetching %s: the response is too large (%v)", e.URL, e.Err)
	case ClassForbidden:
		return fmt.Sprintf("fetching %s: refused, it points to a private or reserved network address (%v)", e.URL, e.Err)
	case ClassRedirect:
		return fmt.Sprintf("fetching %s: %v", e.URL, e.Err)
	case ClassInvalid:
		return fmt.Sprintf("fetching %s: the address cannot be requested: %v", e.URL, e.Err)
	}
	return fmt.Sprintf("fetching %s: the server could not be reached: %v", e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether trying again later may succeed.
func (e *Error) Temporary() bool {
	switch e.Class {
	case ClassNetwork:
		return true
	case ClassHTTP:
		return e.Status == 408 || e.Status == 429 || e.Status >= 500
	}
	return false
}

func classify(rawURL string, err error) *Error {
	inner := strip(err)
	switch {
	case errors.Is(err, ErrForbiddenAddress):
		return &Error{URL: rawURL, Class: ClassForbidden, Err: inner}
	case errors.Is(err, errTooManyRedirects):
		return &Error{URL: rawURL, Class: ClassRedirect, Err: inner}
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return &Error{URL: rawURL, Class: ClassNetwork, Err: errors.New("timed out")}
	}
	return &Error{URL: rawURL, Class: ClassNetwork, Err: inner}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// strip removes the url.Error and net.OpError wrappers, whose text repeats
// the URL and the dial details, keeping the reason.
func strip(err error) error {
	for {
		var ue *url.Error
		var oe *net.OpError
		switch {
		case errors.As(err, &ue):
			err = ue.Err
		case errors.As(err, &oe):
			err = oe.Err
		default:
			return err
		}
	}
}
