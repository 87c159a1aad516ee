package catalogtest

import (
	"errors"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// t0 is the suite's reference instant; whole seconds, since stores keep
// times to at least the second.
var t0 = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// cet is a zone other than UTC, to check that stores return UTC.
var cet = time.FixedZone("CET", 3600)

// equateEmpty lets a stored empty list read back as nil.
var equateEmpty = cmpopts.EquateEmpty()

// mustSource creates src and returns it as stored.
func mustSource(t testing.TB, s Store, src catalog.Source) catalog.Source {
	t.Helper()
	if err := s.CreateSource(t.Context(), &src); err != nil {
		t.Fatalf("CreateSource(%s): %v", src.URL, err)
	}
	return src
}

// mustGetSource reads source id.
func mustGetSource(t testing.TB, s Store, id int64) catalog.Source {
	t.Helper()
	got, err := s.Source(t.Context(), id)
	if err != nil {
		t.Fatalf("Source(%d): %v", id, err)
	}
	return *got
}

// mustUpsert stores d and checks the outcome.
func mustUpsert(t testing.TB, s Store, d catalog.Document, want catalog.UpsertResult) catalog.Document {
	t.Helper()
	got, err := s.UpsertDocument(t.Context(), &d)
	if err != nil {
		t.Fatalf("UpsertDocument(%q): %v", d.Key, err)
	}
	if got != want {
		t.Fatalf("UpsertDocument(%q) = %v, want %v", d.Key, got, want)
	}
	return d
}

// mustCount returns the number of documents.
func mustCount(t testing.TB, s Store) int {
	t.Helper()
	n, err := s.CountDocuments(t.Context())
	if err != nil {
		t.Fatalf("CountDocuments: %v", err)
	}
	return n
}

// wantErr fails t unless err wraps want (nil: no error).
func wantErr(t testing.TB, what string, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("%s: unexpected error %v", what, err)
	case want != nil && !errors.Is(err, want):
		t.Fatalf("%s: error = %v, want one wrapping %q", what, err, want)
	}
}

// checkUTC fails t when a non-zero time is not in UTC.
func checkUTC(t testing.TB, what string, times ...time.Time) {
	t.Helper()
	for _, tm := range times {
		if !tm.IsZero() && tm.Location() != time.UTC {
			t.Errorf("%s: time %v is in %v, want UTC", what, tm, tm.Location())
		}
	}
}

// feed returns a valid feed source at url.
func feed(url string) catalog.Source {
	return catalog.Source{Kind: catalog.KindFeed, URL: url, Name: "Feed " + url}
}

// doc returns a valid document of source sourceID under key.
func doc(sourceID int64, key string) catalog.Document {
	return catalog.Document{
		SourceID: sourceID,
		Key:      key,
		URL:      "https://news.example/" + key,
		Title:    "Title of " + key,
		Text:     "Body of " + key,
		Language: "en",
	}
}
