package harvester

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
)

// TestSourceRulesApply checks that a rule an editor's correction made for
// a source classifies that source's items on the next harvest.
func TestSourceRulesApply(t *testing.T) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	var src catalog.Source
	for _, s := range fixtureweb.Sources(web.URL) {
		if s.Kind == catalog.KindFeed {
			src = s
			break
		}
	}
	id := addSource(t, store, src)
	rule := catalog.SourceRule{SourceID: id, URLPrefix: web.URL + "/", Field: catalog.FieldThemes,
		Value: "supplier-diversity", CreatedBy: "editor"}
	if err := store.AddSourceRule(ctx, &rule); err != nil {
		t.Fatal(err)
	}
	if o, err := h.HarvestSource(ctx, id); err != nil || o.New == 0 {
		t.Fatalf("harvest: %+v, %v", o, err)
	}
	res, err := store.Search(ctx, catalog.Query{Themes: []string{"supplier-diversity"}, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatal("no document of the source carries the theme its rule sets")
	}
	d, err := store.Document(ctx, res.Hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(d.Themes, "economic-participation") {
		t.Errorf("themes %v lack the rule's sub-theme's theme", d.Themes)
	}
}
