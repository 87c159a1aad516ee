package catalogtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// testTiers checks the three tiers of ranking by relevance: the hits whose
// title holds a word of the query come first, by score and freshness,
// whatever their summaries and bodies say; then those whose summary holds
// one; then those holding the words in their body alone. Pages across the
// boundaries, filters and negations must keep that one order.
func testTiers(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	src := mustSource(t, s, feed("https://tiers.example/feed"))
	now := time.Now().UTC()
	filler := strings.Repeat("a community allotment for the neighbourhood ", 5)
	keyOf := map[int64]string{}
	for _, d := range []struct {
		key, title, summary, text, ctype string
		published                        time.Time
	}{
		{"title", "Gardening together", "A project of the district.", filler, "news", now.AddDate(-3, 0, 0)},
		{"summary", "Green spaces in town", "Gardening with newcomers: gardening for all, gardening all year.", filler + " compost", "report", now.AddDate(0, 0, -2)},
		{"body many", "Neighbourhood life", "A report of the district.",
			filler + strings.Repeat(" gardening", 15), "report", now.AddDate(0, 0, -1)},
		{"body newer", "Neighbourhood days", "A project of the district.", filler + " gardening", "report", now.AddDate(-1, 0, 0)},
		{"body older", "Neighbourhood evenings", "A project of the district.", filler + " gardening", "report", now.AddDate(-2, 0, -10)},
		{"none", "Neighbourhood mornings", "A project of the district.", filler, "report", now},
	} {
		doc := mustUpsert(t, s, catalog.Document{SourceID: src.ID, Key: d.key, Title: d.title, Summary: d.summary,
			Text: d.text, Language: "en", ContentType: d.ctype, Published: d.published}, catalog.Created)
		keyOf[doc.ID] = d.key
	}
	all := []string{"title", "summary", "body many", "body newer", "body older"}
	for _, tc := range []struct {
		q    catalog.Query
		want []string
	}{
		{catalog.Query{Text: "gardening"}, all},
		{catalog.Query{Text: "gardening", Limit: 1, Offset: 2}, all[2:3]},
		{catalog.Query{Text: "gardening", Limit: 2, Offset: 1}, all[1:3]},
		{catalog.Query{Text: "gardening", Limit: 2, Offset: 3}, all[3:5]},
		{catalog.Query{Text: "gardening", Limit: 2, Offset: 5}, nil},
		{catalog.Query{Text: "gardening", ContentTypes: []string{"report"}, Limit: 2, Offset: 1}, all[2:4]},
		{catalog.Query{Text: "gardening -compost"}, []string{"title", "body many", "body newer", "body older"}},
		// Every hit but "summary" holds "district" in its summary: "title"
		// leads the title tier, the others share the summary tier.
		{catalog.Query{Text: "gardening district"}, []string{"title", "body many", "body newer", "body older"}},
	} {
		t.Run(fmt.Sprintf("%s limit %d offset %d %v", tc.q.Text, tc.q.Limit, tc.q.Offset, tc.q.ContentTypes), func(t *testing.T) {
			res, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, keyOf[h.ID])
			}
			if diff := cmp.Diff(tc.want, got, equateEmpty); diff != "" {
				t.Errorf("hits in order (-want +got):\n%s", diff)
			}
		})
	}
}
