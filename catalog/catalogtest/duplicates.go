package catalogtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// article is a text long enough for near-duplicate detection.
const article = `The city council has opened registrations for its free evening language classes for newly
arrived residents. The classes, run with the adult learning centre, start on 2 September and take place twice
a week in three neighbourhood libraries. Childcare is available during the classes, and participants who work
shifts can switch between groups. The council says the classes are open to everyone who has moved to the city
in the last three years, whatever their residence status, including refugees. An evaluation of the first year
found that two thirds of participants had found work or training within a year.`

// republished is article as another publisher republished it: a new
// opening sentence and a few words changed.
var republished = "Republished from our partner city with permission. " +
	strings.NewReplacer("free evening", "free", "three neighbourhood libraries", "three libraries",
		"two thirds", "most").Replace(article)

const unrelated = `Employers in the construction sector report a shortage of skilled workers, and a new
programme recruits qualified electricians and plumbers from outside the European Union. The programme
covers the recognition of qualifications, a six-month adaptation period with a mentor on site, and German
lessons during working hours. Trade unions welcomed the programme but asked for equal pay to be checked by
the labour inspectorate. The first cohort of forty workers arrives in the spring, and the ministry will
publish an evaluation after two years.`

func ids(ds []catalog.Document) []int64 {
	var out []int64
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func testDuplicates(t *testing.T, open func(t *testing.T) Store) {
	t.Run("NearDuplicatesAcrossSources", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		a := mustSource(t, s, feed("https://a.example/feed"))
		b := mustSource(t, s, feed("https://b.example/feed"))
		c := mustSource(t, s, feed("https://c.example/feed"))

		orig := doc(a.ID, "orig")
		orig.Text = article
		orig = mustUpsert(t, s, orig, catalog.Created)
		copyB := doc(b.ID, "copy")
		copyB.Text = republished
		copyB = mustUpsert(t, s, copyB, catalog.Created)
		if copyB.DuplicateOf != orig.ID {
			t.Errorf("republished copy: DuplicateOf = %d, want %d", copyB.DuplicateOf, orig.ID)
		}
		other := doc(c.ID, "other")
		other.Text = unrelated
		other = mustUpsert(t, s, other, catalog.Created)
		if other.DuplicateOf != 0 {
			t.Errorf("unrelated text: DuplicateOf = %d, want 0", other.DuplicateOf)
		}
		french := doc(c.ID, "fr")
		french.Text, french.Language = republished, "fr"
		french = mustUpsert(t, s, french, catalog.Created)
		if french.DuplicateOf != 0 && french.DuplicateOf != orig.ID {
			t.Errorf("DuplicateOf = %d", french.DuplicateOf)
		}

		for _, id := range []int64{orig.ID, copyB.ID} {
			g, err := s.DocumentGroup(ctx, id)
			if err != nil {
				t.Fatalf("DocumentGroup(%d): %v", id, err)
			}
			if got := ids(g); len(got) < 2 || got[0] != orig.ID || got[1] != copyB.ID {
				t.Errorf("DocumentGroup(%d) = %v, want the original %d first, then %d", id, got, orig.ID, copyB.ID)
			}
		}
		if g, _ := s.DocumentGroup(ctx, other.ID); len(g) != 1 || g[0].ID != other.ID {
			t.Errorf("DocumentGroup(unrelated) = %v", ids(g))
		}
		stored := mustGetDocument(t, s, copyB.ID)
		if stored.DuplicateOf != orig.ID {
			t.Errorf("stored DuplicateOf = %d, want %d", stored.DuplicateOf, orig.ID)
		}
		_, err := s.DocumentGroup(ctx, 9999)
		wantErr(t, "unknown document", err, catalog.ErrNotFound)
	})

	t.Run("NearDuplicatesAmongMany", func(t *testing.T) { testCopiesAmongMany(t, open(t)) })

	t.Run("SameSourceIsNotACopy", func(t *testing.T) {
		s := open(t)
		a := mustSource(t, s, feed("https://a.example/feed"))
		first := doc(a.ID, "first")
		first.Text = article
		mustUpsert(t, s, first, catalog.Created)
		again := doc(a.ID, "again")
		again.Text = republished
		if got := mustUpsert(t, s, again, catalog.Created); got.DuplicateOf != 0 {
			t.Errorf("a near-copy in the same source: DuplicateOf = %d, want 0", got.DuplicateOf)
		}
	})

	t.Run("ExactCopies", func(t *testing.T) {
		s := open(t)
		a := mustSource(t, s, feed("https://a.example/feed"))
		b := mustSource(t, s, feed("https://b.example/feed"))
		c := mustSource(t, s, feed("https://c.example/feed"))
		orig := doc(a.ID, "orig")
		orig.CanonicalURL = "https://a.example/news/1"
		orig = mustUpsert(t, s, orig, catalog.Created)
		byURL := doc(b.ID, "syndicated")
		byURL.CanonicalURL = "https://a.example/news/1"
		byURL = mustUpsert(t, s, byURL, catalog.Created)
		if byURL.DuplicateOf != orig.ID {
			t.Errorf("same canonical URL: DuplicateOf = %d, want %d", byURL.DuplicateOf, orig.ID)
		}
		byText := doc(c.ID, "copy")
		byText.Text = strings.ToUpper(orig.Text) + "!"
		byText = mustUpsert(t, s, byText, catalog.Created)
		if byText.DuplicateOf != orig.ID {
			t.Errorf("same folded text: DuplicateOf = %d, want %d", byText.DuplicateOf, orig.ID)
		}
		// Search shows a group once, by its representative, unless a
		// source is chosen: then that source's own copy shows.
		searchIDs := func(q catalog.Query) []int64 {
			t.Helper()
			r, err := s.Search(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, h := range r.Hits {
				out = append(out, h.ID)
			}
			if r.Total != len(out) {
				t.Errorf("Search(%+v): total %d, %d hits", q, r.Total, len(out))
			}
			return out
		}
		// A text query: a text-less one lists gone documents too.
		word := strings.Fields(orig.Text)[0]
		if got := searchIDs(catalog.Query{Text: word}); len(got) != 1 || got[0] != orig.ID {
			t.Errorf("search without a source: %v, want only the representative %d", got, orig.ID)
		}
		if got := searchIDs(catalog.Query{Text: word, SourceIDs: []int64{b.ID}}); len(got) != 1 || got[0] != byURL.ID {
			t.Errorf("search in source b: %v, want its copy %d", got, byURL.ID)
		}
		// A copy whose representative is gone shows instead.
		if _, err := s.MarkGone(t.Context(), a.ID, []string{"orig"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if got := searchIDs(catalog.Query{Text: word}); len(got) != 2 {
			t.Errorf("search after the representative is gone: %v, want its two copies", got)
		}
	})

	t.Run("UpdateLeavesGroup", func(t *testing.T) {
		s := open(t)
		a := mustSource(t, s, feed("https://a.example/feed"))
		b := mustSource(t, s, feed("https://b.example/feed"))
		orig := doc(a.ID, "orig")
		orig.Text = article
		orig = mustUpsert(t, s, orig, catalog.Created)
		cp := doc(b.ID, "copy")
		cp.Text = republished
		cp = mustUpsert(t, s, cp, catalog.Created)
		cp.Text, cp.ContentHash = unrelated, ""
		cp = mustUpsert(t, s, cp, catalog.Updated)
		if got := mustGetDocument(t, s, cp.ID); got.DuplicateOf != 0 {
			t.Errorf("rewritten copy still DuplicateOf %d", got.DuplicateOf)
		}
	})

	t.Run("Translations", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		a := mustSource(t, s, feed("https://a.example/feed"))
		var docs []catalog.Document
		for _, l := range []string{"en", "fr", "de"} {
			d := doc(a.ID, "item-"+l)
			d.Language, d.TranslationKey = l, "https://a.example/en/item"
			docs = append(docs, mustUpsert(t, s, d, catalog.Created))
		}
		lone := mustUpsert(t, s, doc(a.ID, "lone"), catalog.Created)
		got, err := s.Translations(ctx, docs[1].ID)
		if err != nil {
			t.Fatalf("Translations: %v", err)
		}
		if g := ids(got); len(g) != 2 || g[0] != docs[2].ID || g[1] != docs[0].ID {
			t.Errorf("Translations(fr) = %v, want de %d then en %d", g, docs[2].ID, docs[0].ID)
		}
		if got, err := s.Translations(ctx, lone.ID); err != nil || len(got) != 0 {
			t.Errorf("Translations(lone) = %v, %v", ids(got), err)
		}
		_, err = s.Translations(ctx, 9999)
		wantErr(t, "unknown document", err, catalog.ErrNotFound)
	})
}

// testCopiesAmongMany loads 2,000 synthetic documents in batches, then
// near-copies of some of them from another source, one by one and in a
// batch, and a batch holding both new originals and their copies: each
// copy joins its original, found among all the others.
func testCopiesAmongMany(t *testing.T, s Store) {
	ctx := t.Context()
	a := mustSource(t, s, feed("https://many.example/feed"))
	b := mustSource(t, s, feed("https://republisher.example/feed"))
	originals := make([]*catalog.Document, 2010)
	for i := range originals {
		d := SyntheticDocument(a.ID, i)
		originals[i] = &d
	}
	for first := 0; first < 2000; first += 500 {
		if _, err := s.UpsertDocuments(ctx, originals[first:first+500]); err != nil {
			t.Fatalf("UpsertDocuments: %v", err)
		}
	}
	nearCopy := func(i int) *catalog.Document {
		d := SyntheticDocument(b.ID, i)
		d.Key, d.URL = fmt.Sprintf("copy-%d", i), fmt.Sprintf("https://republisher.example/copy-%d", i)
		words := strings.Fields(d.Text)
		words[50], words[150], words[250] = "republished", "with", "permission"
		d.Text = "Republished from our partner with permission. " + strings.Join(words, " ")
		return &d
	}
	var batch []*catalog.Document
	for i := 0; i < 2000; i += 100 {
		if i%200 == 0 {
			got := mustUpsert(t, s, *nearCopy(i), catalog.Created)
			if got.DuplicateOf != originals[i].ID {
				t.Errorf("copy of document %d, alone: DuplicateOf = %d, want %d", i, got.DuplicateOf, originals[i].ID)
			}
			continue
		}
		batch = append(batch, nearCopy(i))
	}
	for i := 2000; i < 2010; i += 2 {
		batch = append(batch, originals[i], nearCopy(i), originals[i+1])
	}
	if _, err := s.UpsertDocuments(ctx, batch); err != nil {
		t.Fatalf("UpsertDocuments: %v", err)
	}
	for _, d := range batch {
		if d.SourceID != b.ID {
			if d.DuplicateOf != 0 {
				t.Errorf("original %s: DuplicateOf = %d, want 0", d.Key, d.DuplicateOf)
			}
			continue
		}
		var i int
		fmt.Sscanf(d.Key, "copy-%d", &i)
		if d.DuplicateOf != originals[i].ID {
			t.Errorf("copy of document %d, in a batch: DuplicateOf = %d, want %d", i, d.DuplicateOf, originals[i].ID)
		}
	}
}
