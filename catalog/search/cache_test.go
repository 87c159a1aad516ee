package search

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func TestCountCache(t *testing.T) {
	c := NewCountCache(2)
	f := map[string][]catalog.FacetValue{"language": {{Value: "en", Count: 3}}}
	c.Put(1, "a", 3, f)
	f["language"][0].Count = 99 // the cache keeps its own copy
	type got struct {
		Total  int
		Facets map[string][]catalog.FacetValue
		OK     bool
	}
	get := func(gen int64, key string) got {
		has := c.Has(gen, key)
		n, fv, ok := c.Get(gen, key)
		if has != ok {
			t.Errorf("Has(%d, %q) = %v, Get finds %v", gen, key, has, ok)
		}
		return got{n, fv, ok}
	}
	want := got{3, map[string][]catalog.FacetValue{"language": {{Value: "en", Count: 3}}}, true}
	for _, tc := range []struct {
		name string
		step func()
		gen  int64
		key  string
		want got
	}{
		{"hit", func() {}, 1, "a", want},
		{"other key", func() {}, 1, "b", got{}},
		{"other generation", func() {}, 2, "a", got{}},
		{"an older put is not kept", func() { c.Put(0, "b", 1, nil) }, 1, "b", got{}},
		{"a newer put empties", func() { c.Put(2, "b", 1, nil) }, 1, "a", got{}},
		{"newer entry", func() {}, 2, "b", got{1, map[string][]catalog.FacetValue{}, true}},
		{"least recent dropped", func() { c.Put(2, "c", 1, nil); c.Put(2, "d", 1, nil) }, 2, "b", got{}},
		{"kept until cleared", func() {}, 2, "d", got{1, map[string][]catalog.FacetValue{}, true}},
		{"cleared", func() { c.Clear() }, 2, "d", got{}},
		{"put after clearing", func() { c.Put(2, "d", 1, nil) }, 2, "d", got{1, map[string][]catalog.FacetValue{}, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.step()
			if diff := cmp.Diff(tc.want, get(tc.gen, tc.key)); diff != "" {
				t.Errorf("Get (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCountKey(t *testing.T) {
	base := catalog.Query{Text: "a", Languages: []string{"en"}}
	keys := map[string]string{}
	for name, q := range map[string]catalog.Query{
		"base":  base,
		"text":  {Text: "b", Languages: []string{"en"}},
		"lang":  {Text: "a", Languages: []string{"fr"}},
		"theme": {Text: "a", Languages: []string{"en"}, Themes: []string{"en"}},
		"from":  {Text: "a", Languages: []string{"en"}, From: time.Unix(1, 0)},
	} {
		k := CountKey(q, 0)
		if other, dup := keys[k]; dup {
			t.Errorf("queries %s and %s share a key", name, other)
		}
		keys[k] = name
	}
	paged := base
	paged.Limit, paged.Offset, paged.Sort = 5, 10, catalog.SortDate
	if CountKey(paged, 0) != CountKey(base, 0) {
		t.Error("paging and sort change the key")
	}
	if CountKey(base, 1) == CountKey(base, 0) {
		t.Error("the expander does not change the key")
	}
}
