package sqlite

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/neardup"
)

// bandText is a text long enough for a signature, sharing no word with
// that of another n.
func bandText(n int) string {
	words := make([]string, 60)
	for i := range words {
		words[i] = fmt.Sprintf("word%dof%d", i, n)
	}
	return strings.Join(words, " ")
}

// bandSources creates n feed sources.
func bandSources(t *testing.T, s *Store, n int) []catalog.Source {
	t.Helper()
	srcs := make([]catalog.Source, n)
	for i := range srcs {
		srcs[i] = catalog.Source{Kind: catalog.KindFeed, URL: "https://news" + string(rune('a'+i)) + ".example/feed", Name: "News"}
		if err := s.CreateSource(t.Context(), &srcs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return srcs
}

// bandDoc upserts a document of source src under key with text and
// returns it.
func bandDoc(t *testing.T, s *Store, src catalog.Source, key, text string) catalog.Document {
	t.Helper()
	d := catalog.Document{SourceID: src.ID, Key: key, URL: "https://example.org/" + key, Language: "en",
		Title: "Language classes", Text: text}
	if _, err := s.UpsertDocument(t.Context(), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBandIndexMigration applies 00143 to a catalog whose band keys the
// table of 00142 holds: the table goes, and a near-duplicate upserted
// afterwards is found through the signatures kept, from which the index
// is loaded. Migrating down gives the table back, empty.
func TestBandIndexMigration(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	p, err := s.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 142); err != nil {
		t.Fatal(err)
	}
	srcs := bandSources(t, s, 2)
	if _, err := s.write.ExecContext(ctx, `INSERT INTO documents (source_id, key, url, title, text, language, content_hash, harvested_at)
		VALUES (?, 'a', 'https://newsa.example/a', 'Language classes', ?, 'en', 'x', 0)`, srcs[0].ID, bandText(1)); err != nil {
		t.Fatal(err)
	}
	sig, _ := neardup.Of(bandText(1))
	if _, err := s.write.ExecContext(ctx, `INSERT INTO document_signatures (document_id, signature)
		SELECT id, ? FROM documents WHERE key = 'a'`, sig.Bytes()); err != nil {
		t.Fatal(err)
	}

	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if tableExists(t, s, "document_bands") {
		t.Error("after 00143: document_bands is still there")
	}
	cp := bandDoc(t, s, srcs[1], "b", bandText(1)+" Registration opens on Monday.")
	var orig int64
	if err := s.read.QueryRowContext(ctx, `SELECT id FROM documents WHERE key = 'a'`).Scan(&orig); err != nil {
		t.Fatal(err)
	}
	if cp.DuplicateOf != orig {
		t.Errorf("after 00143: the copy's DuplicateOf = %d, want %d", cp.DuplicateOf, orig)
	}

	if _, err := p.DownTo(ctx, 142); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM document_bands`).Scan(&n); err != nil || n != 0 {
		t.Errorf("down to 00142: %d band keys, %v; want an empty table", n, err)
	}
}

func tableExists(t *testing.T, s *Store, name string) bool {
	t.Helper()
	var n int
	if err := s.read.QueryRowContext(t.Context(), `SELECT count(*) FROM sqlite_schema WHERE name = ?`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// TestBandIndexOtherStore has a second Store on the same file store the
// original after the first loaded its index: the first finds it all the
// same, as it would a document stored by another process.
func TestBandIndexOtherStore(t *testing.T) {
	a, path := openTemp(t)
	b, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	srcs := bandSources(t, a, 2)
	bandDoc(t, a, srcs[0], "other", bandText(9))
	if !a.bands.loaded {
		t.Fatal("the first Store did not load its band index")
	}
	orig := bandDoc(t, b, srcs[0], "orig", bandText(1))
	cp := bandDoc(t, a, srcs[1], "copy", bandText(1)+" Registration opens on Monday.")
	if cp.DuplicateOf != orig.ID {
		t.Errorf("the copy's DuplicateOf = %d, want %d, stored by the other Store", cp.DuplicateOf, orig.ID)
	}
}

// TestBandIndexRollback fails a batch after its first document's keys
// were found: neither the index nor band_version keeps them.
func TestBandIndexRollback(t *testing.T) {
	s, _ := openTemp(t)
	srcs := bandSources(t, s, 2)
	bandDoc(t, s, srcs[0], "first", bandText(1))
	size, version := s.bands.size, s.bands.version
	good := catalog.Document{SourceID: srcs[0].ID, Key: "good", URL: "https://example.org/good", Language: "en", Title: "T", Text: bandText(2)}
	lost := catalog.Document{SourceID: 9999, Key: "lost", URL: "https://example.org/lost", Language: "en", Title: "T", Text: bandText(3)}
	if _, err := s.UpsertDocuments(t.Context(), []*catalog.Document{&good, &lost}); err == nil {
		t.Fatal("a batch with an unknown source was stored")
	}
	if s.bands.size != size || s.bands.version != version {
		t.Errorf("after a failed batch: %d keys at version %d, want %d at %d", s.bands.size, s.bands.version, size, version)
	}
	var n int64
	if err := s.read.QueryRowContext(t.Context(), `SELECT n FROM band_version`).Scan(&n); err != nil || n != version {
		t.Errorf("band_version = %d, %v; want %d", n, err, version)
	}
	cp := bandDoc(t, s, srcs[1], "copy", bandText(2))
	if cp.DuplicateOf != 0 {
		t.Errorf("a copy of the lost batch's text joined document %d", cp.DuplicateOf)
	}
}

// TestBandIndexStale changes one document's text again and again: the
// keys of its old texts find nothing, and the index, loaded again once
// they outnumber the others, stays within twice its live keys.
func TestBandIndexStale(t *testing.T) {
	s, _ := openTemp(t)
	srcs := bandSources(t, s, 2)
	var d catalog.Document
	for i := range 8 {
		d = bandDoc(t, s, srcs[0], "changing", bandText(i))
		if s.bands.size > 2*neardup.Bands {
			t.Errorf("after %d changes: %d keys in the index, more than twice the %d of its one document", i, s.bands.size, neardup.Bands)
		}
	}
	if old := bandDoc(t, s, srcs[1], "old", bandText(0)); old.DuplicateOf != 0 {
		t.Errorf("a copy of the first text joined document %d", old.DuplicateOf)
	}
	if cp := bandDoc(t, s, srcs[1], "new", bandText(7)); cp.DuplicateOf != d.ID {
		t.Errorf("a copy of the last text: DuplicateOf = %d, want %d", cp.DuplicateOf, d.ID)
	}
}

// TestBandIndexLookAhead checks that the candidates of a look-up begun
// before the write lock (lookAhead), completed under it after other
// batches committed and merged runs, are those of a look-up made under the
// lock alone.
func TestBandIndexLookAhead(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	keysOf := func() (k [neardup.Bands]int64) {
		for i := range k {
			k[i] = rng.Int64N(3000)
		}
		return k
	}
	ix := &bandIndex{loaded: true}
	next := int64(1)
	commitBatches := func(n int) {
		for range n {
			b := ix.begin()
			for range 20 {
				if err := b.add(keysOf(), next, false); err != nil {
					t.Fatal(err)
				}
				next++
			}
			b.commit()
			b.end()
		}
	}
	commitBatches(50)
	queries := make([][neardup.Bands]int64, 40)
	for i := range queries {
		queries[i] = keysOf()
	}
	const limit = 100000
	searched, early := ix.lookAhead(queries, limit+1)
	// More batches, whose runs merge with those searched: the largest
	// run too, once the index has doubled. Look-ups run meanwhile, as
	// those of a batch waiting for the write lock do (for -race).
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				ix.lookAhead(queries[:1], 10)
			}
		}
	}()
	commitBatches(60)
	close(stop)
	<-done
	for i, q := range queries {
		self := int64(0)
		if len(early[i]) > 0 {
			self = int64(early[i][0])
		}
		b := ix.begin()
		got := b.candidates(q, self, limit, early[i], searched)
		want := b.candidates(q, self, limit, nil, nil)
		b.end()
		slices.Sort(got)
		slices.Sort(want)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Fatalf("query %d: %d candidates looked up ahead, %d under the lock alone", i, len(got), len(want))
		}
		if slices.Contains(got, self) {
			t.Fatalf("query %d: the document itself (%d) among its candidates", i, self)
		}
	}
	// The limit holds with candidates found ahead.
	b := ix.begin()
	defer b.end()
	if got := b.candidates(queries[0], 0, 5, early[0], searched); len(got) != 5 {
		t.Errorf("%d candidates, want the limit, 5", len(got))
	}
}
