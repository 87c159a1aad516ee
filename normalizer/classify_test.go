package normalizer

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
)

func labelOf(d *catalog.Document, kind catalog.LabelKind, slug string) (catalog.Label, bool) {
	for _, l := range d.Labels {
		if l.Kind == kind && l.Slug == slug {
			return l, true
		}
	}
	return catalog.Label{}, false
}

func TestClassify(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range []struct {
		name       string
		in         Input
		themes     []string // must be among Themes
		notThemes  []string
		typ        string
		countries  []string // exactly
		typeFrom   string
		minTypeCon float64
	}{
		{name: "English title and text",
			in: Input{URL: "https://ex.example/p/1", Title: "New language courses for refugees",
				HTML: "<p>The city offers free language courses and language classes to newcomers.</p>"},
			themes: []string{"education-culture", "language-competencies"}, typ: "", countries: nil},
		{name: "French call by title and URL",
			in: Input{URL: "https://ex.example/appels-a-projets/2027-emploi", Title: "Appel à projets : insertion professionnelle des réfugiés",
				HTML: "<p>Les associations peuvent candidater. Date limite : 31 janvier 2027.</p>", SourceCountry: "FR"},
			themes: []string{"economic-participation", "employment"}, typ: "funding", countries: []string{"FR"}},
		{name: "German event by path",
			in: Input{URL: "https://ex.example/veranstaltungen/fachtag", Title: "Fachtag Anerkennung ausländischer Berufsabschlüsse",
				HTML: "<p>Die Anerkennung ausländischer Abschlüsse in Österreich und Deutschland.</p>"},
			themes: []string{"recognition-qualifications"}, typ: "event", countries: []string{"AT", "DE"}},
		{name: "schema.org Grant decides the type",
			in: Input{URL: "https://ex.example/p/2", Title: "Support for local projects", SchemaType: "https://schema.org/Grant",
				HTML: "<p>Local groups can receive support.</p>"},
			typ: "funding", typeFrom: "schema"},
		{name: "JSON-LD Event in the page",
			in: Input{URL: "https://ex.example/p/3", Title: "Meeting the neighbours",
				HTML: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"x","startDate":"2027-03-12T10:00:00+01:00"}</script></head><body><main><p>Come and meet the neighbours.</p></main></body></html>`},
			typ: "event"},
		{name: "feed category names a sub-theme in French",
			in:     Input{URL: "https://ex.example/p/4", Title: "Mise à jour", Categories: []string{"Santé"}, HTML: "<p>Rien.</p>", Language: "fr"},
			themes: []string{"social-cohesion", "health"}},
		{name: "source default theme and type",
			in: Input{URL: "https://ex.example/p/5", Title: "Quarterly note", SourceThemes: []string{"health"},
				SourceContentType: "news", HTML: "<p>Nothing much.</p>"},
			themes: []string{"social-cohesion", "health"}, typ: "news", typeFrom: "source"},
		{name: "a passing mention does not tag",
			in: Input{URL: "https://ex.example/p/6", Title: "Quarterly update",
				HTML: "<p>" + repeatWords("The committee met and discussed the agenda of the next meeting.", 60) + " Housing was mentioned.</p>"},
			notThemes: []string{"housing", "social-cohesion"}},
		{name: "EU source defers to a named country",
			in: Input{URL: "https://ex.example/p/7", Title: "Mentoring in Tampere, Finland", SourceCountry: "EU",
				HTML: "<p>Volunteers in Finland help newcomers.</p>"},
			countries: []string{"FI"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, th := range tc.themes {
				if !slices.Contains(d.Themes, th) {
					t.Errorf("Themes %v lack %q", d.Themes, th)
				}
				if l, ok := labelOf(d, labelKindOf(th), th); !ok || l.Confidence < catalog.ConfidenceAssigned {
					t.Errorf("no assigned label for %q: %+v", th, d.Labels)
				}
			}
			for _, th := range tc.notThemes {
				if slices.Contains(d.Themes, th) {
					t.Errorf("Themes %v have %q", d.Themes, th)
				}
			}
			if tc.typ != "" && d.ContentType != tc.typ {
				t.Errorf("ContentType = %q, want %q (labels %+v)", d.ContentType, tc.typ, d.Labels)
			}
			if tc.typeFrom != "" {
				if l, _ := labelOf(d, catalog.LabelType, tc.typ); l.From != tc.typeFrom {
					t.Errorf("type label from %q, want %q", l.From, tc.typeFrom)
				}
			}
			if tc.countries != nil || tc.name == "English title and text" {
				if diff := cmp.Diff(tc.countries, d.Countries); diff != "" {
					t.Errorf("Countries (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func labelKindOf(slug string) catalog.LabelKind {
	if p, _ := catalog.ThemeOf(slug); p == slug {
		return catalog.LabelTheme
	}
	return catalog.LabelSubTheme
}

func repeatWords(s string, n int) string {
	out := s
	for range n - 1 {
		out += " " + s
	}
	return out
}

func TestTypeAlternatives(t *testing.T) {
	n := mustNormalizer(t)
	d, err := n.Normalize(Input{URL: "https://ex.example/news/report-launch",
		Title: "Report launch conference: the annual report on integration",
		HTML:  "<p>The report will be presented at a conference on 3 May. Registration is open.</p>"})
	if err != nil {
		t.Fatal(err)
	}
	var types []catalog.Label
	for _, l := range d.Labels {
		if l.Kind == catalog.LabelType {
			types = append(types, l)
		}
	}
	if len(types) < 2 {
		t.Fatalf("want a primary type and alternatives, got %+v", types)
	}
	if types[0].Slug != d.ContentType || types[0].Confidence < catalog.ConfidenceAssigned {
		t.Errorf("first type label %+v is not the assigned ContentType %q", types[0], d.ContentType)
	}
	for _, l := range types[1:] {
		if l.Confidence >= catalog.ConfidenceAssigned || l.Confidence <= 0 {
			t.Errorf("alternative %+v: confidence not in (0, %v)", l, catalog.ConfidenceAssigned)
		}
	}
}

func TestApplyRules(t *testing.T) {
	n := mustNormalizer(t)
	in := Input{SourceID: 7, URL: "https://ex.example/agenda/2027/forum", Title: "Forum des associations",
		HTML: "<p>Le forum réunit les associations du quartier.</p>", Language: "fr",
		Rules: []catalog.SourceRule{
			{SourceID: 7, URLPrefix: "https://ex.example/agenda/", Field: catalog.FieldContentType, Value: "event"},
			{SourceID: 7, TitleKeyword: "associations", Field: catalog.FieldThemes, Value: "volunteering"},
			{SourceID: 7, TitleKeyword: "forum", Field: catalog.FieldCountries, Value: "BE"},
			{SourceID: 8, URLPrefix: "https://ex.example/", Field: catalog.FieldContentType, Value: "tender"},
			{SourceID: 7, URLPrefix: "https://other.example/", Field: catalog.FieldThemes, Value: "health"},
			{SourceID: 7, TitleKeyword: "forum des", Field: catalog.FieldThemes, Value: "consultation-dialogue", Remove: true},
		}}
	d, err := n.Normalize(in)
	if err != nil {
		t.Fatal(err)
	}
	if d.ContentType != "event" {
		t.Errorf("ContentType = %q, want event from the rule", d.ContentType)
	}
	if l, _ := labelOf(d, catalog.LabelType, "event"); l.From != "rule" || l.Confidence != 1 {
		t.Errorf("type label %+v, want from rule with confidence 1", l)
	}
	for _, want := range []string{"active-citizenship", "volunteering"} {
		if !slices.Contains(d.Themes, want) {
			t.Errorf("Themes %v lack %q from the rule", d.Themes, want)
		}
	}
	if slices.Contains(d.Themes, "health") || slices.Contains(d.Themes, "consultation-dialogue") {
		t.Errorf("Themes %v: a rule of another URL applied, or a removal did not", d.Themes)
	}
	if !slices.Contains(d.Countries, "BE") {
		t.Errorf("Countries %v lack BE from the rule", d.Countries)
	}
}

func TestJSONLDBlocks(t *testing.T) {
	src := `<html><head><SCRIPT type="application/ld+json">{"@type":"Event"}</SCRIPT>
<script type=application/ld+json>[{"@type":["Grant","Thing"]},{"@graph":[{"@type":"Legislation"}]}]</script>
<script>var x = "application/ld+json";</script></head></html>`
	if got := schemaTypeOf(parseJSONLD(jsonLDBlocks(src))); got != "event,grant,legislation,thing" {
		t.Errorf("schemaTypeOf = %q", got)
	}
	if got := jsonLDBlocks("<script type=application/ld+json>{"); got != nil {
		t.Errorf("unterminated block: %q", got)
	}
}

// A character whose lower case has another length before the block must
// not shift the block (a fuzz finding: it sliced out of range).
func TestJSONLDBlocksAfterLengthChangingCase(t *testing.T) {
	for _, prefix := range []string{"\xb0\xb0\xb0", "\u212a\u212a\u212a", "\u0130stanbul"} {
		src := prefix + `<script type="application/ld+json">{"@type":"Event"}</script>`
		if got := jsonLDBlocks(src); len(got) != 1 || got[0] != `{"@type":"Event"}` {
			t.Errorf("after %q: blocks %q", prefix, got)
		}
	}
}
