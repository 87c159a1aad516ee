package normalizer

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract runs main-content extraction and metadata reading on
// arbitrary pages: never a panic, bounded time, valid UTF-8 out, dates in
// range. Seeds: the evaluation set's dev pages, the hard golden pages and
// testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	for _, glob := range []string{
		filepath.Join("testdata", "extract", "dev", "*.html"),
		filepath.Join("testdata", "golden", "hard-*.html"),
	} {
		pages, _ := filepath.Glob(glob)
		for i, p := range pages {
			if i%4 != 0 && strings.Contains(glob, "extract") {
				continue // a sample of the layouts is enough
			}
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	base, _ := url.Parse("https://site.example/a/b")
	f.Fuzz(func(t *testing.T, page string) {
		start := time.Now()
		b := extract(page, base)
		if elapsed := time.Since(start); elapsed > fuzzBound {
			t.Errorf("took %v", elapsed)
		}
		if !utf8.ValidString(b.html) && utf8.ValidString(page) {
			t.Errorf("invalid UTF-8 out of valid UTF-8 in")
		}
		for _, d := range []time.Time{b.meta.published, b.meta.modified} {
			if !d.IsZero() && (d.Year() < minYear || d.Year() > maxYear || d.Location() != time.UTC) {
				t.Errorf("date %v out of range or not UTC", d)
			}
		}
		if len(b.meta.translations) > maxTranslations {
			t.Errorf("%d translations", len(b.meta.translations))
		}
	})
}

// FuzzParseDate reads arbitrary strings as dates, with and without a
// language: never a panic, bounded time, zero or a UTC date in range.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-26T10:30:00+01:00", "26 novembre 2026", "26. März 2026, 14:30",
		"26 Νοεμβρίου 2026", "1 ta' Ġunju 2026", "26 ноември 2026 г.", "November 26, 2026", "31.02.2026",
		"99/99/9999", "2026-13-45", "Thu, 26 Nov 2026 10:00:00 +0100", "\xff\xfe", strings.Repeat("1 ", 100)} {
		f.Add(s, "")
		f.Add(s, "el")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		start := time.Now()
		got := []time.Time{parseDate(s), visibleDate(s, lang)}
		if elapsed := time.Since(start); elapsed > fuzzBound {
			t.Errorf("took %v", elapsed)
		}
		for _, d := range got {
			if !d.IsZero() && (d.Year() < minYear || d.Year() > maxYear || d.Location() != time.UTC) {
				t.Errorf("%q gave %v", s, d)
			}
		}
	})
}

// FuzzJSONLD reads arbitrary JSON-LD blocks: never a panic, bounded time,
// bounded output.
func FuzzJSONLD(f *testing.F) {
	for _, s := range []string{
		`{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","author":[{"@type":"Person","name":"A"},"B"],"datePublished":"2026-11-26"}`,
		`{"@graph":[{"@type":"Article","author":{"@id":"#p"},"publisher":{"@id":"#o"}},{"@id":"#p","name":"P"},{"@id":"#o","name":"O"}]}`,
		`[{"@type":"Event","name":"E","startDate":"2027-03-11T09:30:00+01:00"},{"@type":"Organization","name":"O"}]`,
		`{"@type":["Report","CreativeWork"],"name":"R","license":{"@id":"https://creativecommons.org/licenses/by/4.0/"}}`,
		`{"@type":"GovernmentService","provider":{"name":"Office"}}`, `{"@type":"Grant","funder":[{"name":"F"}]}`,
		`{"@type": "Article", "headline": `, `[[[[[[[[[[]]]]]]]]]]`, `{"@graph":{"@graph":{"@graph":{}}}}`, `null`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, block string) {
		start := time.Now()
		e, _ := parseJSONLD(jsonLDBlocks(`<html><head><script type="application/ld+json">` + block +
			`</script></head><body></body></html>`)).mainEntity()
		if elapsed := time.Since(start); elapsed > fuzzBound {
			t.Errorf("took %v", elapsed)
		}
		if len(e.Authors) > MaxAuthors {
			t.Errorf("%d authors", len(e.Authors))
		}
	})
}
