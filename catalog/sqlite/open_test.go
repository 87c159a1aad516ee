package sqlite_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
)

func TestOpenErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "such", "dir", "catalog.db")
	for _, path := range []string{"", ":memory:", missing} {
		s, err := sqlite.Open(t.Context(), path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", path)
			continue
		}
		if path != "" && !strings.Contains(err.Error(), path) {
			t.Errorf("Open(%q) error %q does not name the file", path, err)
		}
	}
}

// TestReopen checks that a catalog outlives its Store, and that a path
// with characters special in URIs works.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd name?#&%.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	src := &catalog.Source{Kind: catalog.KindFeed, URL: "https://kept.example/feed"}
	if err := s.CreateSource(t.Context(), src); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if _, err := s.Source(t.Context(), src.ID); err != nil {
		t.Errorf("source after reopening: %v", err)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*")); len(matches) == 0 ||
		!strings.HasPrefix(filepath.Base(matches[0]), "odd name?#&%.db") {
		t.Errorf("files in the directory: %q; want the catalog under its own name", matches)
	}
}

// TestTwoStoresOneFile has two Stores on one file, as two processes would,
// write at once: busy_timeout and IMMEDIATE transactions must keep
// SQLITE_BUSY away.
func TestTwoStoresOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	var stores [2]*sqlite.Store
	for i := range stores {
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	src := &catalog.Source{Kind: catalog.KindFeed, URL: "https://shared.example/feed"}
	if err := stores[0].CreateSource(t.Context(), src); err != nil {
		t.Fatal(err)
	}
	const each = 50
	var wg sync.WaitGroup
	for w := range 4 {
		s := stores[w%2]
		wg.Go(func() {
			for i := range each {
				// Half the keys are shared between the two stores.
				d := catalog.Document{SourceID: src.ID, Key: fmt.Sprintf("k%d", (w%2)*each/2+i),
					Title: fmt.Sprintf("Item %d", i)}
				if _, err := s.UpsertDocument(t.Context(), &d); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				if _, err := s.Search(t.Context(), catalog.Query{Text: "item"}); err != nil {
					t.Errorf("reader %d: %v", w, err)
					return
				}
			}
		})
	}
	wg.Wait()
	n, err := stores[1].CountDocuments(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := each + each/2; n != want {
		t.Errorf("CountDocuments = %d, want %d", n, want)
	}
}

// TestOpenConcurrently opens several stores on one new file at once, as
// processes starting together do: the schema must be created once, and
// every Open succeed.
func TestOpenConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	const n = 4
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			s, err := sqlite.Open(t.Context(), path)
			if err != nil {
				t.Errorf("Open %d: %v", i, err)
				return
			}
			s.Close()
		})
	}
	wg.Wait()
}
