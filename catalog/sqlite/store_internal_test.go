package sqlite

import (
	"path/filepath"
	"testing"
)

// TestPragmas checks the settings every connection must carry.
func TestPragmas(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		pool, pragma, want string
	}{
		{"write", "journal_mode", "wal"},
		{"write", "foreign_keys", "1"},
		{"write", "busy_timeout", "10000"},
		{"write", "synchronous", "1"},
		{"write", "cache_size", "-65536"},
		{"write", "temp_store", "2"},
		{"read", "foreign_keys", "1"},
		{"read", "busy_timeout", "10000"},
		{"read", "query_only", "1"},
	} {
		db := s.write
		if tc.pool == "read" {
			db = s.read
		}
		var got string
		if err := db.QueryRowContext(t.Context(), "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatalf("%s PRAGMA %s: %v", tc.pool, tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("%s PRAGMA %s = %s, want %s", tc.pool, tc.pragma, got, tc.want)
		}
	}
	if n := s.write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer pool holds up to %d connections, want 1", n)
	}
}
