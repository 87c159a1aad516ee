package harvester

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/harvester/fetch"
)

func TestPreviewStoresNothing(t *testing.T) {
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	var feed catalog.Source
	for _, s := range fixtureweb.Sources(web.URL()) {
		if s.Kind == catalog.KindFeed {
			feed = s
			break
		}
	}
	s := newStore(t)
	h := newHarvester(t, s)
	docs, err := h.Preview(t.Context(), feed, 3)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	if len(docs) == 0 || len(docs) > 3 || docs[0].Title == "" {
		t.Errorf("Preview gave %d documents, first %+v", len(docs), docs)
	}
	if n, _ := s.CountDocuments(t.Context()); n != 0 {
		t.Errorf("Preview stored %d documents", n)
	}
	if _, err := h.Preview(t.Context(), catalog.Source{Kind: "ftp", URL: feed.URL}, 3); !errors.Is(err, ErrCannotPreview) {
		t.Errorf("preview of an unknown kind: %v", err)
	}
}

// TestPreviewRefusesPrivateAddresses: a proposed URL on a private or
// loopback address is refused by the SSRF guard, as a harvest would be.
func TestPreviewRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the guard let the preview reach a loopback server")
	}))
	defer srv.Close()
	h := New(newStore(t), fetch.New(fetch.Options{Timeout: 5 * time.Second}), sharedNormalizer(t), nil)
	for _, u := range []string{srv.URL + "/feed", "http://10.0.0.1/feed", "http://[::1]/feed", "http://169.254.169.254/latest/meta-data"} {
		_, err := h.Preview(t.Context(), catalog.Source{Kind: catalog.KindFeed, URL: u}, 3)
		var fe *fetch.Error
		if !errors.As(err, &fe) || fe.Class != fetch.ClassForbidden {
			t.Errorf("Preview(%s): %v, want a refused private address", u, err)
		}
	}
}

// TestPreviewEveryKind previews the fixture web's calendar and sitemap
// index, storing nothing.
func TestPreviewEveryKind(t *testing.T) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	s := newStore(t)
	h := newHarvester(t, s)
	seen := map[catalog.SourceKind]bool{}
	for _, src := range fixtureweb.Sources(web.URL) {
		if seen[src.Kind] {
			continue
		}
		seen[src.Kind] = true
		docs, err := h.Preview(t.Context(), src, 3)
		if err != nil {
			t.Errorf("Preview of %s %s: %v", src.Kind, src.URL, err)
			continue
		}
		if len(docs) == 0 || len(docs) > 3 || docs[0].Title == "" {
			t.Errorf("Preview of %s gave %d documents", src.Kind, len(docs))
		}
		if src.Kind == catalog.KindCalendar && docs[0].Event == nil {
			t.Errorf("calendar preview without an event: %+v", docs[0])
		}
	}
	if !seen[catalog.KindCalendar] || !seen[catalog.KindSitemap] {
		t.Errorf("fixture kinds previewed: %v", seen)
	}
	if n, _ := s.CountDocuments(t.Context()); n != 0 {
		t.Errorf("Preview stored %d documents", n)
	}
}
