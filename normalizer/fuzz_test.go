package normalizer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// fuzzBound is how long one fuzzed input may take. Inputs are at most
// the fuzzer's size (kilobytes), so anything near this is a bug.
const fuzzBound = 2 * time.Second

// FuzzNormalizeHTML normalises arbitrary HTML as a fragment and as a page
// and checks that it never panics, stays fast, and never lets anything
// executable through. Seeds: the XSS vectors, the golden pages and
// testdata/fuzz/FuzzNormalizeHTML.
func FuzzNormalizeHTML(f *testing.F) {
	for _, v := range xssVectors {
		f.Add(v.html, "")
	}
	pages, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.html"))
	for _, p := range pages {
		if strings.HasSuffix(p, ".out.html") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b), "text/html; charset=utf-8")
		}
	}
	f.Add("<p>Caf\xe9</p>", "text/html; charset=iso-8859-1")
	n := mustNormalizer(f)
	f.Fuzz(func(t *testing.T, body, contentType string) {
		start := time.Now()
		d, err := n.Normalize(Input{SourceID: 1, URL: "https://ex.example/a/b", Title: "T",
			HTML: body, ContentType: contentType, Summary: body})
		if elapsed := time.Since(start); elapsed > fuzzBound {
			t.Errorf("took %v", elapsed)
		}
		if err != nil {
			t.Fatalf("Normalize with a title failed: %v", err)
		}
		checkSafe(t, d.HTML)
		for _, s := range []string{d.Title, d.Summary, d.Text, d.HTML} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8: %q", s)
			}
		}
		if err := d.Validate(); err != nil {
			t.Errorf("Validate: %v", err)
		}
	})
}

// FuzzTitle cleans arbitrary titles: never a panic, always one line of
// valid UTF-8 within MaxTitle characters, without markup tokens or
// invisible characters, trimmed and with single spaces.
func FuzzTitle(f *testing.F) {
	for _, s := range []string{
		"Plain title", "Caf&eacute; &amp;amp; &#8217;", "<b>bold</b><script>x</script>",
		"a < b > c", "\x00\xff\ufeff\u200b", strings.Repeat("word ", 200), "&#x110000;&#0;&#xD800;",
		"<title>t</title><plaintext>rest", "<!-- c --><![CDATA[x]]>", "&amp",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		start := time.Now()
		got := plainLine(in, MaxTitle)
		if elapsed := time.Since(start); elapsed > fuzzBound {
			t.Errorf("took %v", elapsed)
		}
		if !utf8.ValidString(got) {
			t.Errorf("invalid UTF-8: %q", got)
		}
		if n := utf8.RuneCountInString(got); n > MaxTitle {
			t.Errorf("%d characters", n)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Errorf("untrimmed or doubled spaces: %q", got)
		}
		for _, r := range got {
			if (unicode.IsSpace(r) && r != ' ') || invisible(r) || unicode.IsControl(r) {
				t.Errorf("character %U in %q", r, got)
			}
		}
	})
}
