package normalizer

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
)

// metaView is the part of a Document that metadata sets.
type metaView struct {
	Title, Summary, CanonicalURL, Publisher, Licence string
	Authors                                          []string
	Published, Updated                               time.Time
	Translations                                     []catalog.Translation
}

func viewMeta(d *catalog.Document) metaView {
	return metaView{d.Title, d.Summary, d.CanonicalURL, d.Publisher, d.Licence, d.Authors, d.Published, d.Updated, d.Translations}
}

func TestMetadataLayers(t *testing.T) {
	n := mustNormalizer(t)
	body := `<body><article><h1>Visible heading</h1>` + para("Language classes") + `</article></body>`
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		in   Input
		head string
		want metaView
	}{
		{
			name: "JSON-LD @graph with references beats OpenGraph and Dublin Core",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"WebPage","@id":"https://city.example/a#page","name":"Page name"},
{"@type":"NewsArticle","headline":"LD headline","description":"LD description","datePublished":"2026-11-26T09:15:00+01:00",
 "dateModified":"2026-11-27T08:00:00Z","author":[{"@id":"#ana"},{"@type":"Person","name":"Ben Ode"}],
 "publisher":{"@id":"#org"},"license":"https://creativecommons.org/licenses/by/4.0/"},
{"@type":"Person","@id":"#ana","name":"Ana Lopes"},
{"@type":"Organization","@id":"#org","name":"City of Riverton"}]}</script>
<meta property="og:title" content="OG title"><meta name="DC.creator" content="DC Creator"><meta property="og:site_name" content="OG site">`,
			want: metaView{Title: "LD headline", Summary: "LD description", CanonicalURL: "https://city.example/a",
				Publisher: "City of Riverton", Licence: "https://creativecommons.org/licenses/by/4.0/",
				Authors: []string{"Ana Lopes", "Ben Ode"}, Published: utc(2026, 11, 26, 8, 15), Updated: utc(2026, 11, 27, 8, 0)},
		},
		{
			name: "malformed JSON-LD is ignored; OpenGraph, Dublin Core and rel=license are read",
			head: `<script type="application/ld+json">{"@type":"Article", "headline": "Broken",</script>
<meta property="og:title" content="OG title"><meta property="og:description" content="OG description">
<meta name="DC.creator" content="Dora Creator"><meta name="DC.publisher" content="Ministry of Labour">
<meta property="article:published_time" content="2026-11-20"><meta property="og:url" content="https://city.example/canonical-a">
<link rel="license" href="/licence">`,
			want: metaView{Title: "OG title", Summary: "OG description", CanonicalURL: "https://city.example/canonical-a",
				Publisher: "Ministry of Labour", Licence: "https://city.example/licence", Authors: []string{"Dora Creator"},
				Published: utc(2026, 11, 20, 0, 0)},
		},
		{
			name: "microdata, as Joomla and older CMSs write it",
			head: `<meta itemprop="datePublished" content="2026-11-17T09:00:00+01:00">`,
			in: Input{HTML: `<div itemscope itemtype="https://schema.org/Article"><h2 itemprop="headline">Microdata headline</h2>
<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Mira Author</span></span></div>`},
			want: metaView{Title: "Microdata headline", Summary: "Visible heading Language classes is the subject of this paragraph, which the city council wrote for residents who arrived recently, and which says what to do, where to go and whom to ask.",
				CanonicalURL: "https://city.example/a", Authors: []string{"Mira Author"}, Published: utc(2026, 11, 17, 8, 0)},
		},
		{
			name: "the feed's fields come first",
			in: Input{Title: "Feed title", Summary: "Feed summary", Authors: []string{"Feed Author"},
				Published: utc(2026, 1, 2, 3, 4)},
			head: `<script type="application/ld+json">[{"@type":"Organization","name":"X"},{"@type":"Article","headline":"LD","author":"LD Author","datePublished":"2026-11-26"}]</script>`,
			want: metaView{Title: "Feed title", Summary: "Feed summary", CanonicalURL: "https://city.example/a",
				Authors: []string{"Feed Author"}, Published: utc(2026, 1, 2, 3, 4)},
		},
		{
			name: "a canonical on another site is not followed; hreflang alternates are translations",
			head: `<link rel="canonical" href="https://aggregator.example/copy">
<link rel="alternate" hreflang="fr" href="/fr/a"><link rel="alternate" hreflang="de-AT" href="https://city.example/de/a">
<link rel="alternate" hreflang="en" href="https://city.example/a"><link rel="alternate" hreflang="x-default" href="/a">`,
			want: metaView{Title: "Visible heading", Summary: "Language classes is the subject of this paragraph, which the city council wrote for residents who arrived recently, and which says what to do, where to go and whom to ask.",
				CanonicalURL: "https://city.example/a",
				Translations: []catalog.Translation{{Language: "fr", URL: "https://city.example/fr/a"}, {Language: "de", URL: "https://city.example/de/a"}}},
		},
		{
			name: "GovernmentService provider is the publisher; a same-site canonical wins over the URL",
			in:   Input{URL: "https://www.city.example/a?utm_source=x"},
			head: `<link rel="canonical" href="https://city.example/services/permits/"><script type="application/ld+json">{"@type":"GovernmentService","name":"Residence permits","provider":{"@type":"GovernmentOrganization","name":"Immigration Office"}}</script>`,
			want: metaView{Title: "Residence permits", Summary: "Visible heading Language classes is the subject of this paragraph, which the city council wrote for residents who arrived recently, and which says what to do, where to go and whom to ask.",
				CanonicalURL: "https://city.example/services/permits", Publisher: "Immigration Office"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.SourceID = 1
			if in.URL == "" {
				in.URL = "https://city.example/a"
			}
			in.HTML = `<!DOCTYPE html><html lang="en"><head>` + tc.head + `</head>` +
				strings.Replace(body, "<body>", "<body>"+in.HTML, 1) + `</html>`
			d, err := n.Normalize(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, viewMeta(d)); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
		})
	}
}

// TestVisiblePublished reads the publication date from what a page shows
// in its own language when no metadata gives one, and not from comments.
func TestVisiblePublished(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range []struct {
		name, lang, body string
		want             time.Time
	}{
		{"French date line", "fr", `<h1>Titre</h1><p class="date">Publié le 26 novembre 2026</p>`, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"Greek under the title", "el", `<h1>Τίτλος</h1><p>26 Νοεμβρίου 2026</p>`, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"Maltese byline", "mt", `<h1>Titlu</h1><div class="byline">Ippubblikat fl-1 ta' Diċembru 2026</div>`, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"time element", "de", `<h1>Titel</h1><time datetime="2026-11-26T08:00:00+01:00">26. November 2026</time>`, time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC)},
		{"comment dates ignored", "en", `<h1>Title</h1><div class="comment"><time datetime="2026-12-24">24 December</time></div><p class="posted-on">Posted on November 2, 2026</p>`, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(Input{SourceID: 1, URL: "https://city.example/a",
				HTML: `<html lang="` + tc.lang + `"><body><article>` + tc.body + para("Courses") + `</article></body></html>`})
			if err != nil {
				t.Fatal(err)
			}
			if !d.Published.Equal(tc.want) {
				t.Errorf("Published = %v, want %v", d.Published, tc.want)
			}
		})
	}
}
