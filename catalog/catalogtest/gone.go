package catalogtest

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// testGone checks deletions: a document is gone only after missing from
// several runs in a row, is then hidden from search, and comes back when
// seen again.
func testGone(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	src := mustSource(t, s, feed("https://gone.example/feed"))
	other := mustSource(t, s, feed("https://other.example/feed"))
	var ids []int64
	for _, k := range []string{"a", "b", "c"} {
		d := doc(src.ID, k)
		d.Text = "Refugee housing in " + k
		ids = append(ids, mustUpsert(t, s, d, catalog.Created).ID)
	}
	kept := doc(other.ID, "c")
	kept.Text = "Refugee housing elsewhere"
	mustUpsert(t, s, kept, catalog.Created)
	hits := func() int {
		t.Helper()
		r, err := s.Search(ctx, catalog.Query{Text: "refugee housing", SourceIDs: []int64{src.ID}})
		if err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	type counts struct{ Gone, Back int }
	steps := []struct {
		name string
		seen []string
		want counts
		hits int
	}{
		{"first miss", []string{"a", "b"}, counts{0, 0}, 3},
		{"second miss", []string{"a", "b"}, counts{0, 0}, 3},
		{"seen again resets the count", []string{"a", "b", "c"}, counts{0, 0}, 3},
		{"miss 1", []string{"a"}, counts{0, 0}, 3},
		{"miss 2", []string{"a"}, counts{0, 0}, 3},
		{"third miss in a row: gone", []string{"a"}, counts{2, 0}, 1},
		{"still missing: counted once", []string{"a"}, counts{0, 0}, 1},
		{"c comes back", []string{"a", "c"}, counts{0, 1}, 2},
	}
	for i, st := range steps {
		at := t0.Add(time.Duration(i) * time.Hour)
		gone, back, err := s.MarkMissing(ctx, src.ID, st.seen, time.Time{}, at, 3)
		if err != nil {
			t.Fatalf("%s: MarkMissing: %v", st.name, err)
		}
		if diff := cmp.Diff(st.want, counts{gone, back}); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", st.name, diff)
		}
		if got := hits(); got != st.hits {
			t.Errorf("%s: search finds %d of the source's documents, want %d", st.name, got, st.hits)
		}
	}
	goneAt := t0.Add(5 * time.Hour)
	for i, want := range []time.Time{{}, goneAt, {}} {
		d, err := s.Document(ctx, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if !d.GoneAt.Equal(want) {
			t.Errorf("document %s: GoneAt = %v, want %v", d.Key, d.GoneAt, want)
		}
	}
	// Another source's documents are never touched.
	if d, _ := s.DocumentByKey(ctx, other.ID, "c"); !d.GoneAt.IsZero() {
		t.Errorf("another source's document marked gone")
	}
	if n := mustCount(t, s); n != 4 {
		t.Errorf("%d documents kept, want all 4: gone ones are kept", n)
	}

	// Only documents published within the feed's window can be missed:
	// older ones aged out of it, undated ones cannot be told apart.
	win := mustSource(t, s, feed("https://window.example/feed"))
	for i, k := range []string{"old", "undated", "recent", "shown"} {
		d := doc(win.ID, k)
		if k != "undated" {
			d.Published = t0.Add(time.Duration(i) * 24 * time.Hour)
		}
		mustUpsert(t, s, d, catalog.Created)
	}
	var gone int
	for range 3 {
		g, _, err := s.MarkMissing(ctx, win.ID, []string{"shown"}, t0.Add(48*time.Hour), t0, 3)
		if err != nil {
			t.Fatal(err)
		}
		gone += g
	}
	if gone != 1 {
		t.Errorf("%d documents gone, want 1 (recent)", gone)
	}
	for k, want := range map[string]bool{"old": false, "undated": false, "recent": true, "shown": false} {
		d, err := s.DocumentByKey(ctx, win.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		if got := !d.GoneAt.IsZero(); got != want {
			t.Errorf("document %s gone = %v, want %v", k, got, want)
		}
	}
}

func testRawObjects(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	src := mustSource(t, s, feed("https://raw.example/feed"))
	first := catalog.RawObject{SourceID: src.ID, URL: "https://raw.example/feed", Fetched: t0,
		ContentType: "application/rss+xml", Body: []byte("<rss>one</rss>")}
	if err := s.PutRawObject(ctx, &first); err != nil {
		t.Fatal(err)
	}
	if first.Hash != catalog.HashBody(first.Body) {
		t.Errorf("Hash = %q, want the body's SHA-256", first.Hash)
	}
	// The latest per URL is kept: a second put replaces the first.
	second := catalog.RawObject{SourceID: src.ID, URL: "https://raw.example/feed", Fetched: t0.Add(time.Hour).In(cet),
		ContentType: "application/atom+xml", Body: []byte{0xff, 0x00, 'x'}}
	page := catalog.RawObject{SourceID: src.ID, URL: "https://raw.example/page", Fetched: t0, Body: nil}
	for _, o := range []*catalog.RawObject{&second, &page} {
		if err := s.PutRawObject(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.RawObjects(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.RawObject{
		{SourceID: src.ID, URL: second.URL, Fetched: t0.Add(time.Hour), ContentType: "application/atom+xml",
			Body: []byte{0xff, 0x00, 'x'}, Hash: catalog.HashBody([]byte{0xff, 0x00, 'x'})},
		{SourceID: src.ID, URL: page.URL, Fetched: t0, Body: []byte{}, Hash: catalog.HashBody(nil)},
	}
	if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
		t.Errorf("RawObjects (-want +got):\n%s", diff)
	}
	for _, o := range got {
		checkUTC(t, "raw object", o.Fetched)
	}
	err = s.PutRawObject(ctx, &catalog.RawObject{SourceID: 424242, URL: "https://x.example/"})
	wantErr(t, "PutRawObject(unknown source)", err, catalog.ErrNotFound)
	if none, err := s.RawObjects(ctx, 424242); err != nil || len(none) != 0 {
		t.Errorf("RawObjects(unknown source) = %v, %v; want none", none, err)
	}
}

func testActivity(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	busy := mustSource(t, s, feed("https://busy.example/feed"))
	quiet := mustSource(t, s, feed("https://quiet.example/feed"))
	for _, k := range []string{"a", "b", "c"} {
		mustUpsert(t, s, doc(busy.ID, k), catalog.Created)
	}
	if _, _, err := s.MarkMissing(ctx, busy.ID, []string{"a", "b"}, time.Time{}, t0, 1); err != nil {
		t.Fatal(err)
	}
	for _, o := range []catalog.HarvestOutcome{
		{SourceID: busy.ID, Finished: t0.Add(-30 * 24 * time.Hour), New: 10},
		{SourceID: busy.ID, Finished: t0.Add(-2 * 24 * time.Hour), New: 2},
		{SourceID: busy.ID, Finished: t0.Add(-24 * time.Hour), New: 1},
		{SourceID: busy.ID, Finished: t0, NotModified: true},
		{SourceID: quiet.ID, Finished: t0, Err: "down"},
	} {
		if _, err := s.RecordHarvest(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Activity(ctx, t0.Add(-7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.Activity{
		{SourceID: busy.ID, Documents: 2, NewSince: 3, LastNew: t0.Add(-24 * time.Hour)},
		{SourceID: quiet.ID},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Activity (-want +got):\n%s", diff)
	}
}

// testMarkGone checks deletions the source announces: gone at once,
// hidden from search, only the keys named and only the source's own.
func testMarkGone(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	src := mustSource(t, s, feed("https://oai.example/oai"))
	other := mustSource(t, s, feed("https://other.example/oai"))
	for _, k := range []string{"a", "b"} {
		d := doc(src.ID, k)
		d.Text = "Migrant integration survey " + k
		mustUpsert(t, s, d, catalog.Created)
	}
	o := doc(other.ID, "a")
	o.Text = "Migrant integration survey elsewhere"
	mustUpsert(t, s, o, catalog.Created)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	n, err := s.MarkGone(ctx, src.ID, []string{"a", "unknown"}, at)
	if err != nil || n != 1 {
		t.Fatalf("MarkGone = %d, %v; want 1", n, err)
	}
	if n, err := s.MarkGone(ctx, src.ID, []string{"a"}, at); err != nil || n != 0 {
		t.Errorf("MarkGone again = %d, %v; want 0 (already gone)", n, err)
	}
	d, err := s.DocumentByKey(ctx, src.ID, "a")
	if err != nil {
		t.Fatal(err)
	}
	if !d.GoneAt.Equal(at) {
		t.Errorf("gone at %v, want %v", d.GoneAt, at)
	}
	r, err := s.Search(ctx, catalog.Query{Text: "migrant integration survey"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 2 {
		t.Errorf("search finds %d documents after one is gone, want 2 (b and the other source's a)", r.Total)
	}
}

// testMissingEvents checks that an event's window is its start: an event
// that started before since has aged out of its calendar, not gone.
func testMissingEvents(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	src := mustSource(t, s, feed("https://cal.example/events.ics"))
	published := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for k, start := range map[string]time.Time{
		"past":    time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC),
		"removed": time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC),
		"kept":    time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC),
	} {
		d := doc(src.ID, k)
		d.Published = published
		d.Event = &catalog.Event{Start: start}
		mustUpsert(t, s, d, catalog.Created)
	}
	since := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	gone, _, err := s.MarkMissing(ctx, src.ID, []string{"kept"}, since, since, 1)
	if err != nil || gone != 1 {
		t.Fatalf("MarkMissing = %d, %v; want 1 (only the removed event)", gone, err)
	}
	for k, want := range map[string]bool{"past": false, "removed": true, "kept": false} {
		d, err := s.DocumentByKey(ctx, src.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		if got := !d.GoneAt.IsZero(); got != want {
			t.Errorf("%s gone = %v, want %v", k, got, want)
		}
	}
}
