package normalizer

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/fixtureweb"
)

// TestFixtureDuplicates normalises every page of the fixture web, stores
// them in a SQLite catalog (one source per publisher) and checks the
// groups the store computes at upsert against Items: each republished
// copy (DuplicateOf) groups with its original, nothing else groups, and
// translations share a TranslationKey.
func TestFixtureDuplicates(t *testing.T) {
	n := mustNormalizer(t)
	ctx := t.Context()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()

	sources := map[string]int64{}
	for _, p := range fixtureweb.Publishers() {
		src := catalog.Source{Kind: catalog.KindSite, URL: web.URL + p.Home(), Name: p.Name, Country: p.Country}
		if err := store.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
		sources[p.Slug] = src.ID
	}
	ids := map[string]int64{}
	docs := map[string]*catalog.Document{}
	items := fixtureweb.Items()
	// Originals first, as a harvest in publication order would store them.
	slices.SortStableFunc(items, func(a, b fixtureweb.Item) int { return a.Published.Compare(b.Published) })
	for _, it := range items {
		resp, err := http.Get(web.URL + it.Path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		d, err := n.Normalize(Input{SourceID: sources[it.Publisher], URL: web.URL + it.Path, HTML: string(body)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.UpsertDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		ids[it.Path], docs[it.Path] = d.ID, d
	}
	pathOf := map[int64]string{}
	for p, id := range ids {
		pathOf[id] = p
	}
	grouped, copies := 0, 0
	for _, it := range items {
		group, err := store.DocumentGroup(ctx, ids[it.Path])
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, g := range group {
			paths = append(paths, pathOf[g.ID])
		}
		switch {
		case it.DuplicateOf != "":
			copies++
			if len(group) < 2 || paths[0] != it.DuplicateOf || !slices.Contains(paths, it.Path) {
				t.Errorf("%s: group %v, want the original %s first", it.Path, paths, it.DuplicateOf)
			} else {
				grouped++
			}
		case len(group) > 1 && paths[0] != it.Path:
			t.Errorf("%s: grouped under %v, but it is no copy", it.Path, paths)
		}
		for _, tr := range it.Translations {
			if docs[it.Path].TranslationKey == "" || docs[it.Path].TranslationKey != docs[tr].TranslationKey {
				t.Errorf("%s and its translation %s: keys %q and %q", it.Path, tr, docs[it.Path].TranslationKey, docs[tr].TranslationKey)
			}
		}
		if len(it.Translations) == 0 && docs[it.Path].TranslationKey != "" {
			t.Errorf("%s has no translations but key %q", it.Path, docs[it.Path].TranslationKey)
		}
	}
	t.Logf("%d of %d republished copies grouped with their original; %d items", grouped, copies, len(items))
	if copies == 0 {
		t.Fatal("the fixture web has no republished copies to find")
	}
	en := ids["/eio/en/news/action-plan-midterm-review"]
	tr, err := store.Translations(ctx, en)
	if err != nil || len(tr) != 2 {
		t.Errorf("Translations of the EIO review: %d documents, %v; want the French and German versions", len(tr), err)
	}
}
