package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/sqlite"
)

// mustOpen opens a new catalog file in a temporary directory, closed when
// the test ends.
func mustOpen(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	catalogtest.Run(t, func(t *testing.T) catalogtest.Store { return mustOpen(t) })
}
