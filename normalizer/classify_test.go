package normalizer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// TestVocabulary keeps vocabulary.go consistent with the catalog's
// vocabularies: every key a known slug, every keyword non-empty.
func TestVocabulary(t *testing.T) {
	for slug, kws := range themeKeywords {
		if _, ok := catalog.ThemeOf(slug); !ok {
			t.Errorf("themeKeywords: unknown theme %q", slug)
		}
		for _, kw := range kws {
			if len(analysis.Tokens(kw)) == 0 {
				t.Errorf("themeKeywords[%q]: keyword %q has no words", slug, kw)
			}
		}
	}
	for slug, kws := range typeKeywords {
		if !catalog.IsContentType(slug) {
			t.Errorf("typeKeywords: unknown content type %q", slug)
		}
		for _, kw := range kws {
			if len(analysis.Tokens(kw)) == 0 {
				t.Errorf("typeKeywords[%q]: keyword %q has no words", slug, kw)
			}
		}
	}
	seen := map[string]bool{}
	for _, slug := range typePriority {
		if !catalog.IsContentType(slug) || seen[slug] {
			t.Errorf("typePriority: unknown or repeated %q", slug)
		}
		seen[slug] = true
	}
	for _, ct := range catalog.ContentTypes {
		if !seen[ct.Slug] {
			t.Errorf("typePriority lacks %q", ct.Slug)
		}
	}
}

func TestClassifyThemes(t *testing.T) {
	c := newClassifier()
	for _, tc := range []struct {
		name       string
		title      string
		categories []string
		text       string
		want       []string
	}{
		{"English title", "New language courses for refugees", nil, "",
			[]string{"education-culture", "language-competencies"}},
		{"French title", "Titre de séjour : les nouvelles règles", nil, "",
			[]string{"active-citizenship", "residence-work-permits"}},
		{"German compound by prefix", "Anerkennungsgesetz tritt in Kraft", nil, "",
			[]string{"economic-participation", "recognition-qualifications"}},
		{"text needs repeated mentions", "Update", nil, "Housing is scarce. Housing costs rise. New housing is planned.",
			[]string{"social-cohesion", "housing"}},
		{"a single mention in the text is not enough", "Update", nil, "The report also mentions housing once.", nil},
		{"theme-level keyword", "Racism at school gates", nil, "",
			[]string{"education-culture", "school-education", "anti-discrimination"}},
		{"category by name", "Update", []string{"Health"}, "", []string{"social-cohesion", "health"}},
		{"category by slug", "Update", []string{"vocational-training"}, "",
			[]string{"economic-participation", "vocational-training"}},
		{"nothing", "Quarterly update", nil, "Nothing of note.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.classifyThemes(tc.title, tc.categories, analysis.Tokens(tc.text))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("classifyThemes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClassifyType(t *testing.T) {
	c := newClassifier()
	for _, tc := range []struct {
		name, title string
		categories  []string
		path, text  string
		want        string
	}{
		{"event by title", "Webinar: integration of refugee women", nil, "/", "", "event"},
		{"event by French title", "Colloque sur l'accueil des réfugiés", nil, "/", "", "event"},
		{"funding by phrase", "AMIF call for proposals 2025", nil, "/", "", "funding"},
		{"tender", "Call for tenders: evaluation of the integration plan", nil, "/", "", "tender"},
		{"legislation in German", "Neues Staatsangehörigkeitsgesetz beschlossen", nil, "/", "", "legislation"},
		{"case study", "Good practice: mentoring for refugee women", nil, "/", "", "case-study"},
		{"news by URL path", "Mayor visits welcome centre", nil, "/en/news/2025/visit", "", "news"},
		{"news by French path", "Le maire visite le centre", nil, "/actualites/visite", "", "news"},
		{"category", "Mayor visits welcome centre", []string{"Events"}, "/", "", "event"},
		{"report", "Annual report on migration and asylum", nil, "/", "", "report"},
		{"nothing", "Mayor visits welcome centre", nil, "/p/123", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.classifyType(tc.title, tc.categories, tc.path, analysis.Tokens(tc.text))
			if got != tc.want {
				t.Errorf("classifyType = %q, want %q", got, tc.want)
			}
		})
	}
}
