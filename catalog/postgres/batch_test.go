package postgres_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/google/go-cmp/cmp"
)

// TestBatchLikeOneByOne writes the same batches with UpsertDocuments to
// one catalog and one document at a time with UpsertDocument to another,
// and compares what they hold: results, states, groups of copies (exact
// and near, stored before the batch or earlier in it, in the same source
// or not), search vectors, signatures, bands and the words of "did you
// mean".
func TestBatchLikeOneByOne(t *testing.T) {
	batches := batchCases()
	bulk, single := mustOpen(t), mustOpen(t)
	for _, s := range []*postgres.Store{bulk, single} {
		for i := range 4 {
			src := catalog.Source{Kind: catalog.KindFeed, URL: fmt.Sprintf("https://s%d.example/feed", i), Name: "s"}
			if err := s.CreateSource(t.Context(), &src); err != nil {
				t.Fatal(err)
			}
			if i == 3 {
				if err := s.SetSourceTrust(t.Context(), src.ID, catalog.TrustUnverified); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	retries := postgres.BatchRetries()
	for n, batch := range batches {
		docs := func() []*catalog.Document {
			var out []*catalog.Document
			for _, d := range batch {
				c := d
				out = append(out, &c)
			}
			return out
		}
		got, err := bulk.UpsertDocuments(t.Context(), docs())
		if err != nil {
			t.Fatalf("batch %d: UpsertDocuments: %v", n, err)
		}
		var want []catalog.UpsertResult
		for _, d := range docs() {
			res, err := single.UpsertDocument(t.Context(), d)
			if err != nil {
				t.Fatalf("batch %d: UpsertDocument(%s): %v", n, d.Key, err)
			}
			want = append(want, res)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("batch %d: results (-one by one +batch):\n%s", n, diff)
		}
	}
	if n := postgres.BatchRetries() - retries; n != 0 {
		t.Errorf("%d batches written again one by one, want none", n)
	}
	const docsQ = `SELECT d.source_id || '/' || d.key, concat_ws(' | ', d.state, d.text_hash,
			coalesce(r.source_id || '/' || r.key, 'no group'),
			(SELECT count(*) FROM document_bands b WHERE b.document_id = d.id AND b.language = d.language),
			encode(s.signature, 'hex'), d.search::text, d.search_head::text)
		FROM documents d LEFT JOIN documents r ON r.id = d.duplicate_of
		LEFT JOIN document_signatures s ON s.document_id = d.id`
	for _, q := range []string{docsQ, `SELECT term, '' FROM search_terms`} {
		want, err := postgres.QueryPairs(t.Context(), single, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := postgres.QueryPairs(t.Context(), bulk, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%.40s... (-one by one +batch):\n%s", q, diff)
		}
	}
	groups, err := postgres.QueryPairs(t.Context(), bulk, `SELECT d.key, r.key FROM documents d JOIN documents r ON r.id = d.duplicate_of`)
	if err != nil {
		t.Fatal(err)
	}
	// The cases are meant to make groups: a test that found none would
	// compare little.
	for _, k := range []string{"same-source", "exact-text", "exact-url", "near-stored", "copy-of-later", "orig2"} {
		if groups[k] == "" {
			t.Errorf("%s is in no group; groups: %v", k, groups)
		}
	}
}

// batchCases returns batches of documents of sources 1 to 4 (4 is
// unverified) whose copies make groups in every way linkDuplicates finds.
func batchCases() [][]catalog.Document {
	base := catalogtest.SyntheticDocument(1, 1000).Text
	other := catalogtest.SyntheticDocument(1, 1001).Text
	near := func(text string) string {
		w := strings.Fields(text)
		w[10], w[100], w[200] = "zeppelin", "gondola", "funicular"
		return strings.Join(w, " ")
	}
	d := func(src int64, key, text string) catalog.Document {
		return catalog.Document{SourceID: src, Key: key, URL: "https://s.example/" + key, Title: "Title of " + key,
			Summary: "Summary of " + key, Text: text, Language: "en"}
	}
	withURL := func(doc catalog.Document, url string) catalog.Document {
		doc.CanonicalURL = url
		return doc
	}
	inLang := func(doc catalog.Document, lang string) catalog.Document {
		doc.Language = lang
		return doc
	}
	var first []catalog.Document
	first = append(first,
		withURL(d(1, "orig", base), "https://canonical.example/orig"),
		d(2, "near-in-batch", near(base)),
		d(1, "same-source", near(base)),
		d(3, "exact-text", strings.ToUpper(base)+"!"),
		withURL(d(4, "exact-url", "A short text."), "https://canonical.example/orig"),
		inLang(d(2, "french", base), "fr"),
		d(3, "short", "Too short for a signature."),
	)
	for i := range 30 {
		first = append(first, catalogtest.SyntheticDocument(int64(1+i%4), i))
	}
	second := []catalog.Document{
		d(3, "near-stored", near(near(base))),
		d(1, "orig2", other),
		withURL(d(1, "orig", base), "https://canonical.example/orig"), // unchanged
		d(2, "near-in-batch", other),                                  // updated: now a copy of orig2
		d(4, "copy-of-later", near(other)),
		d(2, "twice", "first version"),
		d(2, "twice", near(base)),
		catalogtest.SyntheticDocument(2, 5), // unchanged
	}
	return [][]catalog.Document{first, second}
}

// TestBatchRaces runs batches of the same new keys, in different orders,
// at once: none fails or deadlocks, every key is stored once, and exactly
// one batch creates it.
func TestBatchRaces(t *testing.T) {
	s := mustOpen(t)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://race.example/feed", Name: "race"}
	if err := s.CreateSource(t.Context(), &src); err != nil {
		t.Fatal(err)
	}
	const writers, keys = 4, 60
	retries := postgres.BatchRetries()
	created := make([]map[string]int, writers)
	errs := make(chan error, writers)
	for w := range writers {
		created[w] = map[string]int{}
		go func() {
			var docs []*catalog.Document
			for i := range keys {
				d := catalogtest.SyntheticDocument(src.ID, (i*(w+1)+w)%keys)
				docs = append(docs, &d)
			}
			res, err := s.UpsertDocuments(t.Context(), docs)
			for i, r := range res {
				if r == catalog.Created {
					created[w][docs[i].Key]++
				}
			}
			errs <- err
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Errorf("UpsertDocuments: %v", err)
		}
	}
	total := map[string]int{}
	for _, m := range created {
		for k, n := range m {
			total[k] += n
		}
	}
	for i := range keys {
		k := catalogtest.SyntheticDocument(src.ID, i).Key
		if total[k] != 1 {
			t.Errorf("%s created %d times, want once", k, total[k])
		}
	}
	if n, err := s.CountDocuments(t.Context()); err != nil || n != keys {
		t.Errorf("CountDocuments = %d, %v; want %d", n, err, keys)
	}
	t.Logf("%d of %d batches written again one by one", postgres.BatchRetries()-retries, writers)
}
