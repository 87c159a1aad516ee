package sqlite

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
)

// TestPragmas checks the settings every connection must carry.
func TestPragmas(t *testing.T) {
	s, _ := openTemp(t)
	for _, tc := range []struct {
		pool, pragma, want string
	}{
		{"write", "journal_mode", "wal"},
		{"write", "foreign_keys", "1"},
		{"write", "busy_timeout", "10000"},
		{"write", "synchronous", "1"},
		{"write", "cache_size", "-65536"},
		{"write", "temp_store", "2"},
		{"write", "wal_autocheckpoint", "32768"},
		{"write", "journal_size_limit", "134217728"},
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

// TestCheckpointer checks that the pages a bulk load writes to the WAL
// reach the database file without a checkpoint of the writer's, which
// would come only past walCheckpointPages.
func TestCheckpointer(t *testing.T) {
	s, path := openTemp(t)
	before := fileSize(t, path)
	if err := catalogtest.LoadSynthetic(t.Context(), s, 300, 1, 300); err != nil {
		t.Fatal(err)
	}
	if wal := fileSize(t, path+"-wal"); wal >= walCheckpointPages*4096 {
		t.Fatalf("the test's load wrote %d bytes of WAL, enough for the writer to checkpoint", wal)
	}
	// Waiting for the other goroutine, not timing it.
	for deadline := time.Now().Add(30 * time.Second); fileSize(t, path) < before+1<<20; {
		if time.Now().After(deadline) {
			t.Fatalf("the database file stays at %d bytes (%d before the load): nothing was checkpointed", fileSize(t, path), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func TestParseIDs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []uint32
		bad  bool
	}{
		{"", []uint32{}, false},
		{"7", []uint32{7}, false},
		{"1,22,333,4294967296", []uint32{1, 22, 333}, false}, // past the facet index's IDs: left out
		{"1,,2", []uint32{1, 2}, false},
		{"1,x", nil, true},
		{"-1", nil, true},
		{"12345678901234567890", nil, true},
	} {
		got, err := parseIDs(tc.in)
		if (err != nil) != tc.bad || !tc.bad && !slices.Equal(got, tc.want) {
			t.Errorf("parseIDs(%q) = %v, %v", tc.in, got, err)
		}
	}
}

// TestSearchesBeside runs many first-time searches at once: each may take
// a second read connection for its page (beside.go), and none may wait
// for one that the others hold.
func TestSearchesBeside(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	s.SetSearchTimeout(20 * time.Second)
	if err := catalogtest.LoadSynthetic(ctx, s, 200, 1, 200); err != nil {
		t.Fatal(err)
	}
	var words []string
	for i := range 3 {
		words = append(words, strings.Fields(catalogtest.SyntheticDocument(0, i).Title)...)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for c := range 32 {
		wg.Go(func() {
			for i := range 10 {
				// Pairs never asked before: their counts are not cached.
				q := catalog.Query{Text: words[(c+i)%len(words)] + " " + words[(c*7+i*3+1)%len(words)]}
				if _, err := s.Search(ctx, q); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// openTemp opens a new catalog in a temporary directory, closed with the
// test, and returns it with its path.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "catalog.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}
