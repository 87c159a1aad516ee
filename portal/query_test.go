package portal

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

func TestParseAPIQuery(t *testing.T) {
	q, err := parseAPIQuery("q=+labour+market+&lang=de&lang=DE&theme=employment&type=report&country=at&source=3&source=03&sort=date&limit=50&offset=100")
	if err != nil {
		t.Fatal(err)
	}
	want := catalog.Query{
		Text:         "labour market",
		Languages:    []string{"de"},
		Themes:       []string{"employment"},
		ContentTypes: []string{"report"},
		Countries:    []string{"AT"},
		SourceIDs:    []int64{3},
		Sort:         catalog.SortDate,
		Limit:        50,
		Offset:       100,
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("got  %+v\nwant %+v", q, want)
	}
}

func TestParsePageQuery(t *testing.T) {
	q, err := parsePageQuery("q=x&page=3&limit=99")
	if err != nil {
		t.Fatal(err)
	}
	if q.Limit != pageSize || q.Offset != 2*pageSize {
		t.Errorf("page 3: limit %d offset %d", q.Limit, q.Offset)
	}
	if _, err := parsePageQuery("page=" + strconv.Itoa(maxPage+1)); err == nil {
		t.Error("page past MaxOffset accepted")
	}
	var pe *paramError
	if _, err := parsePageQuery("page=x"); !errors.As(err, &pe) || pe.Param != "page" || pe.Reason != "not_integer" {
		t.Errorf("page=x: %v", err)
	}
}

func TestParseExact(t *testing.T) {
	for raw, want := range map[string]bool{"q=x": false, "q=x&exact=": false, "q=x&exact=0": false, "q=x&exact=1": true} {
		q, err := parsePageQuery(raw)
		if err != nil || q.NoExpand != want {
			t.Errorf("%s: NoExpand %v, %v; want %v", raw, q.NoExpand, err, want)
		}
		if back := searchValues(q).Get("exact") == "1"; back != want {
			t.Errorf("%s: the search's URL says exact %v", raw, back)
		}
	}
	var pe *paramError
	if _, err := parseAPIQuery("exact=yes"); !errors.As(err, &pe) || pe.Param != "exact" {
		t.Errorf("exact=yes: %v, want a parameter error", err)
	}
	if _, err := parseAPIQuery("exact=1&exact=1"); !errors.As(err, &pe) || pe.Param != "exact" {
		t.Errorf("exact repeated: %v, want a parameter error", err)
	}
}

// validQuery states what every query the parsers return must satisfy.
func validQuery(q catalog.Query) string {
	switch {
	case !utf8.ValidString(q.Text):
		return "text is not UTF-8"
	case utf8.RuneCountInString(q.Text) > maxTextRunes:
		return "text too long"
	case q.Text != strings.TrimSpace(q.Text):
		return "text not trimmed"
	case q.Limit < 1 || q.Limit > catalog.MaxLimit:
		return "limit out of range"
	case q.Offset < 0 || q.Offset > catalog.MaxOffset:
		return "offset out of range"
	case q.Sort != catalog.SortRelevance && q.Sort != catalog.SortDate:
		return "unknown sort"
	case len(q.Languages) > maxFilterValues || len(q.Themes) > maxFilterValues || len(q.ContentTypes) > maxFilterValues ||
		len(q.Countries) > maxFilterValues || len(q.SourceIDs) > maxFilterValues:
		return "too many filter values"
	}
	for _, l := range q.Languages {
		if !isLanguageCode(l) {
			return "bad language " + l
		}
	}
	for _, th := range q.Themes {
		if !isTheme(th) {
			return "bad theme " + th
		}
	}
	for _, ct := range q.ContentTypes {
		if !catalog.IsContentType(ct) {
			return "bad type " + ct
		}
	}
	for _, c := range q.Countries {
		if !catalog.IsCountry(c) {
			return "bad country " + c
		}
	}
	for _, id := range q.SourceIDs {
		if id <= 0 {
			return "bad source"
		}
	}
	return ""
}

// FuzzParseQuery: whatever the query string, the parsers never panic and
// return either a valid query or an error that is a 400; and a search the
// portal writes as a URL reads back as the same search.
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{
		"", "q=integration", "q=%zz", "q=a&q=b", "limit=abc", "limit=-1", "offset=99999999999",
		"sort=date", "sort=nope", "theme=health&theme=housing", "country=fr", "lang=xx", "lang=DE",
		"source=1&source=2", "source=-4", "page=2", "page=0", "q=" + strings.Repeat("ü", 501),
		"q=%ff%fe", "theme=%00", "a;b", "limit=1e3", "limit=+5", "q=++&lang=", "country=EU&type=news",
		"exact=1", "exact=2&q=a",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for name, parse := range map[string]func(string) (catalog.Query, error){
			"api": parseAPIQuery, "page": parsePageQuery,
		} {
			q, err := parse(raw)
			if err != nil {
				var pe *paramError
				if !errors.As(err, &pe) || !errors.Is(err, catalog.ErrInvalid) || statusOf(err) != http.StatusBadRequest {
					t.Fatalf("%s %q: error %v is not a 400 parameter error", name, raw, err)
				}
				if !utf8.ValidString(pe.Value) || pe.Error() == "" {
					t.Fatalf("%s %q: unreadable error %q", name, raw, pe.Error())
				}
				continue
			}
			if why := validQuery(q); why != "" {
				t.Fatalf("%s %q: invalid query %+v: %s", name, raw, q, why)
			}
			if name != "page" {
				continue
			}
			// The portal's own links read back as the same search.
			link := searchPath("en", "", q, q.Offset/pageSize+1)
			u, err := url.Parse(link)
			if err != nil {
				t.Fatalf("%q: link %q does not parse: %v", raw, link, err)
			}
			back, err := parsePageQuery(u.RawQuery)
			if err != nil {
				t.Fatalf("%q: link %q is refused: %v", raw, link, err)
			}
			if !reflect.DeepEqual(back, q) {
				t.Fatalf("%q: link %q reads back as\n%+v, want\n%+v", raw, link, back, q)
			}
		}
	})
}
