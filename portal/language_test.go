package portal

import (
	"net/http"
	"testing"
)

func TestRootRedirectsByAcceptLanguage(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{"", "/en/"},
		{"fr", "/fr/"},
		{"de-DE,de;q=0.9,en;q=0.8", "/de/"},
		{"de-CH", "/de/"},
		{"fr-BE,en;q=0.5", "/fr/"},
		{"en;q=0.1, fr", "/fr/"},              // q-values, not order, decide
		{"de-AT;q=0.9, en-GB;q=0.95", "/en/"}, // likewise
		{"nl, de;q=0.5", "/de/"},              // first acceptable one
		{"de;q=0, fr;q=0.1", "/fr/"},          // q=0 means not acceptable
		{"nl", "/en/"},                        // nothing acceptable: English
		{"*", "/en/"},                         // anything: English
		{"es, it;q=0.8", "/en/"},              // neither is offered
		{"garbage!!, fr;q=0.5", "/fr/"},       // one bad range does not spoil the rest
		{"fr;q=abc, de;q=0.3", "/de/"},        // a bad weight drops its range only
		{"lb", "/de/"},                        // Luxembourgish readers get German
		{"br", "/fr/"},                        // Breton readers get French
		{"EN-us", "/en/"},                     // case does not matter
		{"x-klingon", "/en/"},
	}
	h := newTestServer(t, newFakeCatalog(), nil)
	for _, tt := range tests {
		rec := get(t, h, "/", "Accept-Language", tt.header)
		if rec.Code != http.StatusSeeOther {
			t.Errorf("%q: status %d, want 303", tt.header, rec.Code)
		}
		if got := rec.Header().Get("Location"); got != tt.want {
			t.Errorf("%q: Location %q, want %q", tt.header, got, tt.want)
		}
		if got := rec.Header().Get("Vary"); got != "Accept-Language" {
			t.Errorf("%q: Vary %q", tt.header, got)
		}
	}
}

func TestLanguageWithoutSlashRedirects(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	rec := get(t, h, "/de")
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/de/" {
		t.Errorf("/de: %d %q", rec.Code, rec.Header().Get("Location"))
	}
}
