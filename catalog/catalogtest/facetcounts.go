package catalogtest

import (
	"strconv"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// testFacetCounts checks that totals and facets follow every kind of
// write at once, whatever a store keeps between searches (cached counts,
// a facet index): upserts, state changes, an embargo passing, documents
// gone, the copy of a gone representative standing for its group.
func testFacetCounts(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a := mustSource(t, s, feed("https://counts-a.example/feed"))
	b := mustSource(t, s, feed("https://counts-b.example/feed"))
	mk := func(src int64, key, lang, canonical string) catalog.Document {
		d := doc(src, key)
		d.Text, d.Language, d.CanonicalURL = "harbour crane "+key, lang, canonical
		d.ContentType, d.Countries, d.Themes = "report", []string{"DE"}, []string{"employment"}
		d.Published = t0
		return d
	}
	a1 := mustUpsert(t, s, mk(a.ID, "a1", "en", "https://counts.example/one"), catalog.Created)
	a2 := mustUpsert(t, s, mk(a.ID, "a2", "fr", ""), catalog.Created)
	// b1 is a copy of a1 (same canonical URL): a1 stands for both.
	mustUpsert(t, s, mk(b.ID, "b1", "en", "https://counts.example/one"), catalog.Created)
	srcA, srcB := strconv.FormatInt(a.ID, 10), strconv.FormatInt(b.ID, 10)

	type want struct {
		total          int
		langs, sources []catalog.FacetValue
		onlyB          int
	}
	check := func(step string, w want) {
		t.Helper()
		// Each query twice: the second may come from what the first left.
		for range 2 {
			for _, q := range []catalog.Query{{}, {Text: "harbour"}} {
				res, err := s.Search(ctx, q)
				if err != nil {
					t.Fatalf("%s: Search(%+v): %v", step, q, err)
				}
				got := want{total: res.Total, langs: res.Facets[catalog.FacetLanguage], sources: res.Facets[catalog.FacetSource],
					onlyB: w.onlyB}
				if diff := cmp.Diff(w, got, cmp.AllowUnexported(want{}), equateEmpty); diff != "" {
					t.Errorf("%s: Search(%+v) counts (-want +got):\n%s", step, q, diff)
				}
			}
			res, err := s.Search(ctx, catalog.Query{SourceIDs: []int64{b.ID}})
			if err != nil || res.Total != w.onlyB {
				t.Errorf("%s: source B alone: total %v, %v; want %d", step, res.Total, err, w.onlyB)
			}
		}
	}
	check("stored", want{total: 2, langs: fvs("en=1", "fr=1"), sources: sortedFvs(srcA+"=2", srcB+"=1"), onlyB: 1})

	a2.Language, a2.Text, a2.ContentHash = "de", "harbour crane a2 in German", ""
	mustUpsert(t, s, a2, catalog.Updated)
	check("updated", want{total: 2, langs: fvs("de=1", "en=1"), sources: sortedFvs(srcA+"=2", srcB+"=1"), onlyB: 1})

	if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{a2.ID}, State: catalog.StateArchived}); err != nil {
		t.Fatal(err)
	}
	check("archived", want{total: 1, langs: fvs("en=1"), sources: sortedFvs(srcA+"=1", srcB+"=1"), onlyB: 1})

	if _, err := s.MarkGone(ctx, a.ID, []string{a1.Key}, t0); err != nil {
		t.Fatal(err)
	}
	check("representative gone", want{total: 1, langs: fvs("en=1"), sources: sortedFvs(srcB + "=1"), onlyB: 1})

	// An embargo passing is no write: counts must follow it all the same.
	until := time.Now().Add(1500 * time.Millisecond).UTC().Truncate(time.Second).Add(time.Second)
	if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{a2.ID}, State: catalog.StatePublished, Embargo: until}); err != nil {
		t.Fatal(err)
	}
	check("embargoed", want{total: 1, langs: fvs("en=1"), sources: sortedFvs(srcB + "=1"), onlyB: 1})
	time.Sleep(time.Until(until) + 50*time.Millisecond)
	check("embargo passed", want{total: 2, langs: fvs("de=1", "en=1"), sources: sortedFvs(srcA+"=1", srcB+"=1"), onlyB: 1})

	// An editor's correction and merge change what is counted too.
	news := catalog.Query{ContentTypes: []string{"news"}}
	totals := func(step string, wantNews, wantAll int) {
		t.Helper()
		for range 2 {
			if got := searchTotal(t, s, news); got != wantNews {
				t.Errorf("%s: %d news, want %d", step, got, wantNews)
			}
			if got := searchTotal(t, s, catalog.Query{}); got != wantAll {
				t.Errorf("%s: %d documents, want %d", step, got, wantAll)
			}
		}
	}
	totals("before the correction", 0, 2)
	err := s.RecordCorrection(ctx, &catalog.Correction{DocumentID: a2.ID, Field: catalog.FieldContentType,
		OldValue: "report", NewValue: "news", Editor: "editor@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	totals("corrected", 1, 2)
	// b1 joins a2's group: a2 stands for it.
	if err := s.MergeDocuments(ctx, mustDoc(t, s, b.ID, "b1").ID, a2.ID); err != nil {
		t.Fatal(err)
	}
	totals("merged", 1, 1)
}

// mustDoc reads the document of a source under key.
func mustDoc(t *testing.T, s Store, sourceID int64, key string) *catalog.Document {
	t.Helper()
	d, err := s.DocumentByKey(t.Context(), sourceID, key)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sortedFvs is fvs sorted as a store sorts facet values.
func sortedFvs(v ...string) []catalog.FacetValue {
	f := fvs(v...)
	sortFacet(f)
	return f
}
