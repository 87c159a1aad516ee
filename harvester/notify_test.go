package harvester

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// changes records what a Harvester tells its Notifier.
type changes struct {
	mu  sync.Mutex
	got []catalog.StatusChange
}

func (c *changes) SourceStatusChanged(_ context.Context, ch catalog.StatusChange) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, ch)
	return nil
}

// TestNotifierHearsEachChangeOnce: a source that starts failing is told
// once however many failed runs follow, and once again when it recovers;
// healthy runs tell nothing.
func TestNotifierHearsEachChangeOnce(t *testing.T) {
	f := &changingFeed{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	store := newStore(t)
	heard := &changes{}
	h := newHarvester(t, store, WithNotifier(heard))
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/feed", Name: "Feed"})
	steps := []struct {
		name   string
		broken bool
		want   []catalog.SourceStatus // from, to of what is told, if anything
	}{
		{"first harvest works", false, nil},
		{"works again", false, nil},
		{"starts failing", true, []catalog.SourceStatus{catalog.StatusOK, catalog.StatusFailing}},
		{"fails again", true, nil},
		{"and again", true, nil},
		{"recovers", false, []catalog.SourceStatus{catalog.StatusFailing, catalog.StatusOK}},
		{"stays well", false, nil},
	}
	for _, st := range steps {
		f.set(st.broken, "a")
		before := len(heard.got)
		if _, err := h.HarvestSource(t.Context(), id); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		var got []catalog.SourceStatus
		for _, c := range heard.got[before:] {
			got = append(got, c.From, c.To)
		}
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s: told (-want +got):\n%s", st.name, diff)
		}
	}
	if len(heard.got) != 2 {
		t.Fatalf("told %d changes, want 2", len(heard.got))
	}
	failed := heard.got[0]
	if failed.SourceID != id || failed.Name != "Feed" || failed.URL != srv.URL+"/feed" ||
		failed.Class != catalog.ErrServer || failed.Err == "" || failed.At.IsZero() {
		t.Errorf("failure told as %+v", failed)
	}
	if rec := heard.got[1]; rec.Err != "" || rec.Class != "" {
		t.Errorf("recovery told with an error: %+v", rec)
	}
}
