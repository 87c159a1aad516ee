package normalizer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
)

func TestNormalizeErrors(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range []struct {
		name   string
		in     Input
		reason string
	}{
		{"no key and no URL", Input{SourceID: 1, Title: "T", HTML: "<p>x</p>"}, "neither an identifier nor a link"},
		{"blank key and URL", Input{SourceID: 1, Key: "  ", URL: " \t", Title: "T"}, "neither an identifier nor a link"},
		{"no title and no text", Input{SourceID: 1, URL: "https://ex.example/a", HTML: "<script>x()</script><p> </p>"}, "no title and no text"},
		{"javascript link", Input{SourceID: 1, URL: "javascript:alert(1)", Title: "T"}, "not a web address"},
		{"ftp link", Input{SourceID: 1, URL: "ftp://ex.example/file", Title: "T"}, "not a web address"},
		{"relative link without base", Input{SourceID: 1, Key: "k", URL: "/news/1", Title: "T"}, "not a web address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(tc.in)
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Fatalf("Normalize = %v, %v; want an error wrapping catalog.ErrInvalid", d, err)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("error %q does not say %q", err, tc.reason)
			}
		})
	}
}

func TestNormalizeFields(t *testing.T) {
	n := mustNormalizer(t)
	pub := time.Date(2025, 3, 1, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	upd := time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC)
	long := strings.Repeat("Migrants who arrived recently can join the free evening classes. ", 20)
	for _, tc := range []struct {
		name  string
		in    Input
		check func(t *testing.T, d *catalog.Document)
	}{
		{"key defaults to the URL; canonical URL cleaned",
			Input{URL: "https://ex.example/n/1?utm_source=x#c", Title: "T"},
			func(t *testing.T, d *catalog.Document) {
				want := []string{"https://ex.example/n/1?utm_source=x#c", "https://ex.example/n/1?utm_source=x#c", "https://ex.example/n/1"}
				if diff := cmp.Diff(want, []string{d.Key, d.URL, d.CanonicalURL}); diff != "" {
					t.Errorf("Key, URL, CanonicalURL (-want +got):\n%s", diff)
				}
			}},
		{"relative URL resolved against BaseURL",
			Input{Key: "k", URL: "/n/2", BaseURL: "https://ex.example/feed.xml", Title: "T"},
			func(t *testing.T, d *catalog.Document) {
				if d.URL != "https://ex.example/n/2" || d.Key != "k" {
					t.Errorf("URL, Key = %q, %q", d.URL, d.Key)
				}
			}},
		{"key without URL",
			Input{Key: "urn:x:1", Title: "T", HTML: "<p>Body</p>"},
			func(t *testing.T, d *catalog.Document) {
				if d.Key != "urn:x:1" || d.URL != "" || d.CanonicalURL != "" {
					t.Errorf("Key, URL, CanonicalURL = %q, %q, %q", d.Key, d.URL, d.CanonicalURL)
				}
			}},
		{"published falls back to updated, in UTC",
			Input{URL: "https://ex.example/", Title: "T", Updated: pub},
			func(t *testing.T, d *catalog.Document) {
				if !d.Published.Equal(pub) || d.Published.Location() != time.UTC || !d.Updated.Equal(pub) {
					t.Errorf("Published, Updated = %v, %v", d.Published, d.Updated)
				}
			}},
		{"published and updated kept",
			Input{URL: "https://ex.example/", Title: "T", Published: pub, Updated: upd},
			func(t *testing.T, d *catalog.Document) {
				if !d.Published.Equal(pub) || !d.Updated.Equal(upd) {
					t.Errorf("Published, Updated = %v, %v", d.Published, d.Updated)
				}
			}},
		{"authors cleaned and deduplicated",
			Input{URL: "https://ex.example/", Title: "T", Authors: []string{" Ana  Silva ", "", "<b>ana silva</b>", "J&eacute;r&ocirc;me"}},
			func(t *testing.T, d *catalog.Document) {
				if diff := cmp.Diff([]string{"Ana Silva", "Jérôme"}, d.Authors); diff != "" {
					t.Errorf("Authors (-want +got):\n%s", diff)
				}
			}},
		{"title from the page when the feed has none",
			Input{URL: "https://ex.example/", HTML: `<html><head><title>Page title | Site</title><meta property="og:title" content="OG title"></head><body><p>Body</p></body></html>`},
			func(t *testing.T, d *catalog.Document) {
				if d.Title != "OG title" {
					t.Errorf("Title = %q", d.Title)
				}
			}},
		{"title from the first line of text as a last resort",
			Input{URL: "https://ex.example/", HTML: "<p>First line of the body</p><p>Second</p>"},
			func(t *testing.T, d *catalog.Document) {
				if d.Title != "First line of the body" {
					t.Errorf("Title = %q", d.Title)
				}
			}},
		{"text from the summary when there is no body",
			Input{URL: "https://ex.example/", Title: "T", Summary: "<p>Only a <b>description</b> here.</p>"},
			func(t *testing.T, d *catalog.Document) {
				if d.Text != "Only a description here." || d.Summary != "Only a description here." || !strings.Contains(d.HTML, "<b>description</b>") {
					t.Errorf("Text, Summary, HTML = %q, %q, %q", d.Text, d.Summary, d.HTML)
				}
			}},
		{"summary from the feed is plain text",
			Input{URL: "https://ex.example/", Title: "T", Summary: "<p>Short &amp; <i>sweet</i>.</p>", HTML: "<p>" + long + "</p>"},
			func(t *testing.T, d *catalog.Document) {
				if d.Summary != "Short & sweet." {
					t.Errorf("Summary = %q", d.Summary)
				}
			}},
		{"summary made from the text, cut at a word",
			Input{URL: "https://ex.example/", Title: "T", HTML: "<h1>T</h1><p>" + long + "</p>"},
			func(t *testing.T, d *catalog.Document) {
				if n := utf8.RuneCountInString(d.Summary); n > SummaryLength || n < SummaryLength-20 {
					t.Errorf("Summary has %d characters: %q", n, d.Summary)
				}
				if !strings.HasPrefix(d.Summary, "Migrants who") || !strings.HasSuffix(d.Summary, "…") {
					t.Errorf("Summary = %q", d.Summary)
				}
			}},
		{"text keeps paragraph breaks",
			Input{URL: "https://ex.example/", Title: "T", HTML: "<p>One  &amp;\n two</p><ul><li>a</li><li>b</li></ul><p>x<br>y</p>"},
			func(t *testing.T, d *catalog.Document) {
				if d.Text != "One & two\n\na\nb\n\nx\ny" {
					t.Errorf("Text = %q", d.Text)
				}
			}},
		{"content hash set and stable",
			Input{SourceID: 7, URL: "https://ex.example/", Title: "T", HTML: "<p>Body</p>"},
			func(t *testing.T, d *catalog.Document) {
				if d.ContentHash == "" || d.ContentHash != d.Hash() {
					t.Errorf("ContentHash = %q, Hash() = %q", d.ContentHash, d.Hash())
				}
				if err := d.Validate(); err != nil {
					t.Errorf("Validate: %v", err)
				}
			}},
		{"categories not modified in place",
			Input{URL: "https://ex.example/", Title: "T", Categories: []string{"<b>Health</b>"}},
			func(t *testing.T, d *catalog.Document) {}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.in.SourceID == 0 {
				tc.in.SourceID = 1
			}
			cats := append([]string(nil), tc.in.Categories...)
			d, err := n.Normalize(tc.in)
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			if d.SourceID != tc.in.SourceID {
				t.Errorf("SourceID = %d", d.SourceID)
			}
			if diff := cmp.Diff(cats, tc.in.Categories); diff != "" {
				t.Errorf("Normalize changed the input's categories:\n%s", diff)
			}
			tc.check(t, d)
		})
	}
}

func TestNormalizeIsDeterministic(t *testing.T) {
	n := mustNormalizer(t)
	in := Input{SourceID: 1, URL: "https://ex.example/a", Title: "Housing & health", Categories: []string{"Health", "Events"},
		HTML: "<p>" + strings.Repeat("Free health checks and housing advice for newcomers in Germany, Austria and Belgium. ", 30) + "</p>"}
	first, err := n.Normalize(in)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		again, err := n.Normalize(in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, again); diff != "" {
			t.Fatalf("second run differs (-first +again):\n%s", diff)
		}
	}
}

func TestLanguageDecision(t *testing.T) {
	n := mustNormalizer(t)
	fr := "La mairie propose des cours de français gratuits aux personnes migrantes récemment arrivées."
	for _, tc := range []struct {
		name               string
		title, html        string
		declared, source   string
		wantLang, wantFrom string
		wantOthers         []string
	}{
		{"detection on a long text beats a wrong declaration", "Cours", "<p>" + fr + "</p>", "en", "de", "fr", FromDetector, nil},
		{"declared wins on a short text", "Kurs", "<p>Neu</p>", "de-AT", "fr", "de", FromDeclared, nil},
		{"page <html lang> when the item declares nothing", "Kurs", `<html lang="nl"><body><p>Nieuw</p></body></html>`, "", "fr", "nl", FromDeclared, nil},
		{"source language last", "Kurs", "<p>Neu</p>", "", "sv", "sv", FromSource, nil},
		{"Norwegian in any form is no", "Kurs", "<p>Ny</p>", "nb-NO", "", "no", FromDeclared, nil},
		{"short text with no hints: confident detection", "Ο δήμος", "", "", "", "el", FromDetector, nil},
		{"nothing known", "123", "<p>456</p>", "", "", "", "", nil},
		{"invalid hints ignored", "Xyz", "", "und", "klingon", "", "", nil},
		{"mixed document", "Cours", "<p>" + strings.Repeat(fr+" ", 4) + "</p><p>" +
			strings.Repeat("The city council offers free language classes for newly arrived migrants and their families. ", 4) + "</p>",
			"", "", "fr", FromDetector, []string{"en"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(Input{SourceID: 1, URL: "https://ex.example/", Title: tc.title, HTML: tc.html,
				Language: tc.declared, SourceLanguage: tc.source})
			if err != nil {
				t.Fatal(err)
			}
			if d.Language != tc.wantLang || d.LanguageFrom != tc.wantFrom {
				t.Errorf("Language, LanguageFrom = %q, %q; want %q, %q", d.Language, d.LanguageFrom, tc.wantLang, tc.wantFrom)
			}
			if diff := cmp.Diff(tc.wantOthers, d.Languages); diff != "" {
				t.Errorf("Languages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	n := mustNormalizer(t)
	for text, want := range map[string]string{
		"Il-Ministeru ppubblika rapport ġdid dwar l-impjieg ta' ċittadini ta' pajjiżi terzi.":         "mt",
		"Il ministero ha pubblicato un nuovo rapporto sull'occupazione dei cittadini di paesi terzi.": "it",
		"Министерството на труда публикува нов доклад за заетостта на гражданите на трети държави.":   "bg",
	} {
		if got, confident := n.DetectLanguage(text); got != want || !confident {
			t.Errorf("DetectLanguage(%q) = %q, %v; want %q, true", text, got, confident, want)
		}
	}
}

// TestConcurrent normalises the golden cases from several goroutines at
// once (run with -race) and expects what a single goroutine gets.
func TestConcurrent(t *testing.T) {
	n := mustNormalizer(t)
	var inputs []Input
	for _, tc := range goldenCases {
		src, err := os.ReadFile(filepath.Join("testdata", "golden", tc.name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		in := tc.in
		in.HTML = string(src)
		inputs = append(inputs, in)
	}
	want := make([]*catalog.Document, len(inputs))
	for i, in := range inputs {
		d, err := n.Normalize(in)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = d
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				d, err := n.Normalize(in)
				if err != nil {
					t.Error(err)
					return
				}
				if d.ContentHash != want[i].ContentHash {
					t.Errorf("%s: concurrent result differs", goldenCases[i].name)
				}
			}
		}()
	}
	wg.Wait()
}
