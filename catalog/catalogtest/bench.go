package catalogtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// HostileQueries returns query texts that must never make a search fail:
// search syntax of both engines, SQL, broken UTF-8, NUL, odd scripts. Fuzz
// tests seed their corpus with them.
func HostileQueries() []string { return append([]string(nil), hostile...) }

// vocabulary feeds the synthetic documents: 8000 made-up words with the
// hub's own words (several languages, with diacritics) spread among them,
// drawn with a Zipf law as natural text is, so that a common word is in
// most documents and a rarer one in a few percent.
var vocabulary = func() []string {
	syllables := strings.Fields("ka lo mi nu pe ra si tu va ze bo da fe gi ho ju le mo ni po")
	var v []string
	for _, a := range syllables {
		for _, b := range syllables {
			for _, c := range syllables {
				v = append(v, a+b+c)
			}
		}
	}
	own := strings.Fields(`integration migrants refugees housing employment education
		language courses citizenship participation health discrimination equality report
		integración migrantes vivienda empleo educación ciudadanía informe
		intégration réfugiés logement emploi éducation citoyenneté rapport
		Integration Flüchtlinge Wohnung Beschäftigung Bildung Sprachkurse Bericht
		ένταξη πρόσφυγες στέγαση απασχόληση εκπαίδευση
		integracja uchodźcy mieszkanie zatrudnienie edukacja
		city region network project programme evaluation funding call event policy`)
	// The i-th own word takes rank 3+7i: from very common to rare.
	for i, w := range own {
		v[3+7*i] = w
	}
	return v
}()

// benchLanguages are the languages of the synthetic documents: ten of the
// stemmed ones and two that are only folded.
var benchLanguages = []string{"en", "es", "fr", "de", "el", "pl", "it", "nl", "pt", "sv", "fi", "hu"}

// SyntheticDocument returns the i-th document of the benchmarks' synthetic
// catalog: a title of 6 words, a summary of 20, a body of 300, drawn with a
// seed of i from a vocabulary in several languages, with a language, two
// themes, a content type, a country and a publication date.
func SyntheticDocument(sourceID int64, i int) catalog.Document {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(vocabulary)-1))
	text := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = vocabulary[z.Uint64()]
		}
		return strings.Join(w, " ")
	}
	theme := catalog.Themes[r.IntN(len(catalog.Themes))]
	return catalog.Document{
		SourceID:    sourceID,
		Key:         fmt.Sprintf("synthetic-%d", i),
		URL:         fmt.Sprintf("https://synthetic.example/items/%d", i),
		Title:       text(6),
		Summary:     text(20),
		Text:        text(300),
		Language:    benchLanguages[r.IntN(len(benchLanguages))],
		Themes:      []string{theme.Slug, theme.Sub[r.IntN(len(theme.Sub))].Slug},
		ContentType: catalog.ContentTypes[r.IntN(len(catalog.ContentTypes))].Slug,
		Countries:   []string{catalog.Countries[r.IntN(len(catalog.Countries))].Slug},
		Published:   t0.Add(-time.Duration(r.IntN(3*365*24)) * time.Hour),
		Harvested:   t0,
	}
}

// BenchUpsert measures UpsertDocument on s, an empty store: inserting new
// documents, then re-harvesting unchanged ones.
func BenchUpsert(b *testing.B, s Store) {
	src := mustSource(b, s, feed("https://synthetic.example/feed"))
	n := 0
	b.Run("Created", func(b *testing.B) {
		for b.Loop() {
			d := SyntheticDocument(src.ID, n)
			n++
			if res, err := s.UpsertDocument(b.Context(), &d); err != nil || res != catalog.Created {
				b.Fatalf("UpsertDocument = %v, %v; want created", res, err)
			}
		}
	})
	b.Run("Unchanged", func(b *testing.B) {
		for ; n < 100; n++ { // when Created did not run
			d := SyntheticDocument(src.ID, n)
			if _, err := s.UpsertDocument(b.Context(), &d); err != nil {
				b.Fatal(err)
			}
		}
		i := 0
		for b.Loop() {
			d := SyntheticDocument(src.ID, i%n)
			i++
			if res, err := s.UpsertDocument(b.Context(), &d); err != nil || res != catalog.Unchanged {
				b.Fatalf("UpsertDocument = %v, %v; want unchanged", res, err)
			}
		}
	})
}

// BenchSearchDocs is the size of the catalog BenchSearch queries.
const BenchSearchDocs = 3000

// BenchSearch fills s, an empty store, with BenchSearchDocs synthetic
// documents from three sources and measures Search, facets included.
func BenchSearch(b *testing.B, s Store) {
	var ids []int64
	for _, u := range []string{"https://one.example/", "https://two.example/", "https://three.example/"} {
		ids = append(ids, mustSource(b, s, feed(u)).ID)
	}
	for i := range BenchSearchDocs {
		d := SyntheticDocument(ids[i%len(ids)], i)
		if _, err := s.UpsertDocument(b.Context(), &d); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name string
		q    catalog.Query
	}{
		{"NoText", catalog.Query{}},
		{"CommonWord", catalog.Query{Text: vocabulary[0]}},
		{"Word", catalog.Query{Text: "housing"}},
		{"RareWord", catalog.Query{Text: "edukacja"}},
		{"FoldedWords", catalog.Query{Text: "Integración MIGRANTES"}},
		{"Prefix", catalog.Query{Text: "integr*"}},
		{"WordFilters", catalog.Query{Text: "housing", Languages: []string{"en", "fr"},
			Themes: []string{"social-cohesion"}}},
		{"Filters", catalog.Query{Languages: []string{"de"}, Countries: []string{"DE", "AT"},
			ContentTypes: []string{"report", "news"}}},
		{"DeepPage", catalog.Query{Text: "report", Offset: 1000}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				res, err := s.Search(b.Context(), bc.q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}

// BenchDuplicateDocs is the size of the catalog BenchDuplicates upserts
// into.
const BenchDuplicateDocs = 2000

// BenchDuplicates fills s, an empty store, with BenchDuplicateDocs
// synthetic documents of one source, then measures upserting into another
// source near-copies of them (a sentence added, a few words changed): the
// duplicate look-up runs in every upsert. It reports the share of copies
// grouped with their original as found/op.
func BenchDuplicates(b *testing.B, s Store) {
	a := mustSource(b, s, feed("https://synthetic.example/a"))
	other := mustSource(b, s, feed("https://synthetic.example/b"))
	for i := range BenchDuplicateDocs {
		d := SyntheticDocument(a.ID, i)
		if _, err := s.UpsertDocument(b.Context(), &d); err != nil {
			b.Fatal(err)
		}
	}
	originals := map[int]int64{}
	n, found := 0, 0
	b.ResetTimer()
	for b.Loop() {
		i := n % BenchDuplicateDocs
		d := SyntheticDocument(other.ID, i)
		d.Key = fmt.Sprintf("copy-%d", n)
		d.Text = "Republished with permission of the original publisher. " + strings.Replace(d.Text, " ", " also ", 3)
		n++
		if _, err := s.UpsertDocument(b.Context(), &d); err != nil {
			b.Fatal(err)
		}
		if originals[i] == 0 {
			orig, err := s.DocumentByKey(b.Context(), a.ID, fmt.Sprintf("synthetic-%d", i))
			if err != nil {
				b.Fatal(err)
			}
			originals[i] = orig.ID
		}
		if d.DuplicateOf == originals[i] {
			found++
		}
	}
	b.ReportMetric(float64(found)/float64(max(n, 1)), "found/op")
}

// Sizes of the catalog BenchDirectory queries.
const (
	BenchDirectorySources   = 60
	BenchDirectoryDocs      = 6000
	BenchDirectoryOrgs      = 600
	benchDirectoryLinkEvery = 10 // one organisation in ten publishes sources
)

// BenchDirectory fills s, an empty store, with BenchDirectoryDocs synthetic
// documents over BenchDirectorySources sources and BenchDirectoryOrgs
// organisations, one in ten linked to sources, and measures Organisations
// (page, total and three facets), whose theme and country filters read the
// linked sources' documents at query time.
func BenchDirectory(b *testing.B, s Store) {
	var srcs []int64
	for i := range BenchDirectorySources {
		srcs = append(srcs, mustSource(b, s, feed(fmt.Sprintf("https://s%d.example/feed", i))).ID)
	}
	for i := range BenchDirectoryDocs {
		d := SyntheticDocument(srcs[i%len(srcs)], i)
		if _, err := s.UpsertDocument(b.Context(), &d); err != nil {
			b.Fatal(err)
		}
	}
	for i := range BenchDirectoryOrgs {
		o := catalog.Organisation{
			Name:    fmt.Sprintf("Organisation %04d", i),
			Type:    catalog.OrganisationTypes[i%len(catalog.OrganisationTypes)].Slug,
			Country: catalog.Countries[i%len(catalog.Countries)].Slug,
			Themes:  []string{catalog.Themes[i%len(catalog.Themes)].Slug},
		}
		if i%benchDirectoryLinkEvery == 0 {
			n := i / benchDirectoryLinkEvery
			o.SourceIDs = []int64{srcs[n%len(srcs)]}
		}
		if err := s.CreateOrganisation(b.Context(), &o); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name string
		q    catalog.OrganisationQuery
	}{
		{"All", catalog.OrganisationQuery{}},
		{"Name", catalog.OrganisationQuery{Text: "organisation 01"}},
		{"ThemeInCountry", catalog.OrganisationQuery{Theme: "social-cohesion", Country: "DE"}},
		{"TypeThemeCountry", catalog.OrganisationQuery{Type: "civil-society", Theme: "economic-participation", Country: "FR"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				res, err := s.Organisations(b.Context(), bc.q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}
