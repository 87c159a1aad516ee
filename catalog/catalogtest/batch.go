package catalogtest

import (
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// testBatch checks UpsertDocuments: the results, stored documents and
// search index of UpsertDocument, for all the batch or none of it.
func testBatch(t *testing.T, open func(t *testing.T) Store) {
	t.Run("LikeOneByOne", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://batch.example/feed"))
		a, b := doc(src.ID, "a"), doc(src.ID, "b")
		a.Text, b.Text = "first hovercraft text", "second zeppelin text"
		res := mustBatch(t, s, []catalog.UpsertResult{catalog.Created, catalog.Created}, &a, &b)
		if a.ID == 0 || b.ID == 0 || a.ID == b.ID {
			t.Fatalf("IDs after UpsertDocuments = %d, %d; want two distinct", a.ID, b.ID)
		}
		for _, d := range res {
			got, err := s.DocumentByKey(t.Context(), src.ID, d.Key)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != d.ID || got.Text != d.Text || got.ContentHash == "" || got.Harvested.IsZero() {
				t.Errorf("stored %q = id %d text %q; want id %d text %q, hash and harvest time set", d.Key, got.ID, got.Text, d.ID, d.Text)
			}
		}
		a2, b2, c := doc(src.ID, "a"), doc(src.ID, "b"), doc(src.ID, "c")
		a2.Text, b2.Text, c.Text = a.Text, "second airship text", "third submarine text"
		mustBatch(t, s, []catalog.UpsertResult{catalog.Unchanged, catalog.Updated, catalog.Created}, &a2, &b2, &c)
		if b2.ID != b.ID || a2.ID != a.ID {
			t.Errorf("IDs on update = %d, %d; want %d, %d", a2.ID, b2.ID, a.ID, b.ID)
		}
		for word, want := range map[string]int{"hovercraft": 1, "zeppelin": 0, "airship": 1, "submarine": 1, "text": 3} {
			if got := searchTotal(t, s, catalog.Query{Text: word}); got != want {
				t.Errorf("Search(%q).Total = %d after the batches, want %d", word, got, want)
			}
		}
		mustBatch(t, s, []catalog.UpsertResult{catalog.Unchanged}, &c)
	})
	t.Run("ReindexManyPages", func(t *testing.T) { testReindexPages(t, open(t)) })
	t.Run("SameKeyTwice", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://batch.example/feed"))
		first, second := doc(src.ID, "k"), doc(src.ID, "k")
		first.Text, second.Text = "early gondola", "late funicular"
		mustBatch(t, s, []catalog.UpsertResult{catalog.Created, catalog.Updated}, &first, &second)
		if first.ID != second.ID || mustCount(t, s) != 1 {
			t.Fatalf("same key twice: IDs %d, %d, %d documents; want one", first.ID, second.ID, mustCount(t, s))
		}
		if searchTotal(t, s, catalog.Query{Text: "gondola"}) != 0 || searchTotal(t, s, catalog.Query{Text: "funicular"}) != 1 {
			t.Error("the index holds the first version of a key written twice in one batch, want the second only")
		}
	})
	t.Run("StoredKeyTwice", func(t *testing.T) {
		// The second document of a key brings back the stored content:
		// it is written after the first, not found unchanged beforehand.
		s := open(t)
		src := mustSource(t, s, feed("https://batch.example/feed"))
		stored := doc(src.ID, "k")
		stored.Text = "early gondola"
		mustBatch(t, s, []catalog.UpsertResult{catalog.Created}, &stored)
		changed, back := doc(src.ID, "k"), doc(src.ID, "k")
		changed.Text, back.Text = "late funicular", stored.Text
		mustBatch(t, s, []catalog.UpsertResult{catalog.Updated, catalog.Updated}, &changed, &back)
		if back.ID != stored.ID || searchTotal(t, s, catalog.Query{Text: "gondola"}) != 1 ||
			searchTotal(t, s, catalog.Query{Text: "funicular"}) != 0 {
			t.Errorf("after a batch changing a key and changing it back: ID %d (want %d), the index finds the first text %d times and the second %d (want 1 and 0)",
				back.ID, stored.ID, searchTotal(t, s, catalog.Query{Text: "gondola"}), searchTotal(t, s, catalog.Query{Text: "funicular"}))
		}
	})
	t.Run("AllOrNothing", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://batch.example/feed"))
		good, bad := doc(src.ID, "good"), doc(src.ID, "")
		_, err := s.UpsertDocuments(t.Context(), []*catalog.Document{&good, &bad})
		wantErr(t, "UpsertDocuments with an invalid document", err, catalog.ErrInvalid)
		good, lost := doc(src.ID, "good"), doc(src.ID+1000, "lost")
		_, err = s.UpsertDocuments(t.Context(), []*catalog.Document{&good, &lost})
		wantErr(t, "UpsertDocuments with an unknown source", err, catalog.ErrNotFound)
		if n := mustCount(t, s); n != 0 {
			t.Errorf("%d documents stored by failed batches, want 0", n)
		}
		if got := searchTotal(t, s, catalog.Query{}); got != 0 {
			t.Errorf("Search finds %d documents of failed batches, want 0", got)
		}
		if res, err := s.UpsertDocuments(t.Context(), nil); err != nil || len(res) != 0 {
			t.Errorf("UpsertDocuments(nil) = %v, %v; want nothing", res, err)
		}
	})
}

// mustBatch upserts docs in one batch and checks the results.
func mustBatch(t *testing.T, s Store, want []catalog.UpsertResult, docs ...*catalog.Document) []*catalog.Document {
	t.Helper()
	got, err := s.UpsertDocuments(t.Context(), docs)
	if err != nil {
		t.Fatalf("UpsertDocuments: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("UpsertDocuments results (-want +got):\n%s", diff)
	}
	return docs
}

// searchTotal returns the total of q.
func searchTotal(t *testing.T, s Store, q catalog.Query) int {
	t.Helper()
	res, err := s.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res.Total
}

// testReindexPages checks that rebuilding the index of a catalog larger
// than one of Reindex's pages (500 documents, analysed while the page
// before is written) changes no answer.
func testReindexPages(t *testing.T, s Store) {
	const n = 1234
	if err := LoadSynthetic(t.Context(), s, n, 1, 500); err != nil {
		t.Fatal(err)
	}
	queries := []catalog.Query{{Limit: 5}, {Text: vocabulary[3], Limit: 5}, {Text: vocabulary[52], Limit: 5},
		{Text: vocabulary[400] + " " + vocabulary[7], Limit: 5}, {Text: `"` + vocabulary[2] + " " + vocabulary[3] + `"`},
		{Text: vocabulary[10], Languages: []string{"de"}, Limit: 5}, {Text: "theme:employment", Limit: 5}}
	before := answers(t, s, queries)
	if before[0].Total != n || before[1].Total == 0 {
		t.Fatalf("before Reindex: %d documents, %d with %q; want %d and some", before[0].Total, before[1].Total, vocabulary[3], n)
	}
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if diff := cmp.Diff(before, answers(t, s, queries)); diff != "" {
		t.Errorf("answers after Reindex (-before +after):\n%s", diff)
	}
}
