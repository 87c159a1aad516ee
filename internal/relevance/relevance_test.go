package relevance

import (
	"context"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// floors are the least mean recall@10 and nDCG@10 per query language
// that the search must keep: a little under what it measured when they
// were set (docs/search.md), so that a change making search worse fails.
var floors = map[string]Mean{
	"en":  {Recall: 0.69, NDCG: 0.74},
	"fr":  {Recall: 0.71, NDCG: 0.74},
	"de":  {Recall: 0.69, NDCG: 0.69},
	"all": {Recall: 0.70, NDCG: 0.72},
}

func TestRelevance(t *testing.T) {
	s := fixtureCatalog(t)
	all, err := s.Search(context.Background(), catalog.Query{Limit: catalog.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, h := range all.Hits {
		known[key(h.URL)] = true
	}
	t.Logf("the catalog holds %d documents", len(known))
	perLang := map[string]int{}
	for _, q := range Queries {
		perLang[q.Lang]++
		for k := range q.Relevant {
			if !known[k] {
				t.Errorf("query %q judges %s, which the catalog does not hold", q.Text, k)
			}
		}
	}
	if len(Queries) < 50 || perLang["en"] < 16 || perLang["fr"] < 16 || perLang["de"] < 16 {
		t.Fatalf("the set has %d queries (%v), want at least 50 and 16 per language", len(Queries), perLang)
	}

	scores := run(t, s, false)
	var b strings.Builder
	if err := WriteTable(&b, scores); err != nil {
		t.Fatal(err)
	}
	t.Logf("cross-language search (the default):\n%s", b.String())
	if testing.Verbose() {
		for _, sc := range scores {
			t.Logf("%s %q: %v", sc.Query.Lang, sc.Query.Text, sc.Found)
		}
	}
	means := Means(scores)
	for lang, floor := range floors {
		got := means[lang]
		if got.Recall < floor.Recall || got.NDCG < floor.NDCG {
			t.Errorf("%s: recall@10 %.3f, nDCG@10 %.3f; floors %.3f, %.3f", lang, got.Recall, got.NDCG, floor.Recall, floor.NDCG)
		}
	}

	// The same queries kept to the words typed, for comparison: what
	// cross-language search adds.
	b.Reset()
	if err := WriteTable(&b, run(t, s, true)); err != nil {
		t.Fatal(err)
	}
	t.Logf("kept to the words typed (NoExpand):\n%s", b.String())
}

func run(t *testing.T, s interface {
	Search(context.Context, catalog.Query) (*catalog.Result, error)
}, noExpand bool) []Score {
	var scores []Score
	for _, q := range Queries {
		ranked := searchKeys(t, s, catalog.Query{Text: q.Text, NoExpand: noExpand})
		scores = append(scores, Measure(q, ranked, Copies))
	}
	return scores
}
