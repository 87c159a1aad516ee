package normalizer

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

// TestHostileInputs feeds pathological documents of several megabytes and
// checks that each is normalised into a document the catalog accepts and
// never hangs: the bound catches runaway (quadratic) work, with room for a
// loaded machine, where these take 1–4 s; how time grows with size is
// measured by BenchmarkNormalizeScaling, not here.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds inputs of several megabytes")
	}
	n := mustNormalizer(t)
	const bound = 60 * time.Second
	for _, tc := range []struct {
		name string
		in   Input
	}{
		{"nested deeper than the parser allows", Input{HTML: strings.Repeat("<div>", 200000) + "deep text"}},
		{"deeply nested page", Input{HTML: "<html><body>" + strings.Repeat("<div><span>", 400) + para("Deep") + "</body></html>"}},
		{"one huge text node", Input{HTML: "<p>" + strings.Repeat("word ", 2<<20) + "</p>"}},
		{"larger than MaxHTML", Input{HTML: strings.Repeat("<p>Paragraph of text.</p>", MaxHTML/10)}},
		{"a million links", Input{HTML: strings.Repeat(`<a href="/x">y</a>`, 400000)}},
		{"escaping expands the text", Input{HTML: "<p>" + strings.Repeat("<&>\"'", 700000) + "</p>"}},
		{"unclosed tables", Input{HTML: strings.Repeat("<table><tr><td>", 100000)}},
		{"misnested formatting", Input{HTML: strings.Repeat("<b><i><u><s>x</b></i></u></s>", 100000)}},
		{"many attributes", Input{HTML: "<p " + strings.Repeat(`a="b" `, 300000) + ">x</p>"}},
		{"huge class attribute", Input{HTML: `<div class="` + strings.Repeat("cookie ", 300000) + `">` + para("Text") + `</div>`}},
		{"many entities", Input{HTML: strings.Repeat("&amp;&#x41;&eacute;&nosuch;", 200000)}},
		{"huge title", Input{Title: strings.Repeat("<b>title</b> &amp; ", 500000)}},
		{"huge summary", Input{Title: "T", Summary: strings.Repeat("<p>sum</p>", 500000)}},
		{"many authors and categories", Input{Title: "T", Authors: manyStrings(100000), Categories: manyStrings(100000)}},
		{"invalid UTF-8 everywhere", Input{Title: "\xff\xfe T \xc3", HTML: strings.Repeat("\xff\xc3(<p>\xe2\x82</p>", 200000)}},
		{"many country names", Input{Title: "T", HTML: "<p>" + strings.Repeat("Pays Pays-Bas République tchèque Island ", 100000) + "</p>"}},
		{"many keywords", Input{Title: "T", HTML: "<p>" + strings.Repeat("residence permit language course schule ", 100000) + "</p>"}},
		{"binary garbage", Input{Title: "T", HTML: string(garbage(3 << 20))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.SourceID, tc.in.URL = 1, "https://ex.example/p"
			start := time.Now()
			d, err := n.Normalize(tc.in)
			elapsed := time.Since(start)
			if elapsed > bound {
				t.Errorf("took %v, want under %v", elapsed, bound)
			}
			t.Logf("%v", elapsed.Round(time.Millisecond))
			if err != nil {
				return // refusing is fine; hanging or panicking is not
			}
			if err := d.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if len(d.Text) > MaxText || len(d.HTML) > MaxBodyHTML {
				t.Errorf("Text %d bytes, HTML %d bytes: over the bounds", len(d.Text), len(d.HTML))
			}
			if utf8.RuneCountInString(d.Title) > MaxTitle || utf8.RuneCountInString(d.Summary) > MaxSummary {
				t.Errorf("Title %d, Summary %d characters: over the bounds",
					utf8.RuneCountInString(d.Title), utf8.RuneCountInString(d.Summary))
			}
			if len(d.Authors) > MaxAuthors {
				t.Errorf("%d authors", len(d.Authors))
			}
			for _, s := range []string{d.Title, d.Summary, d.Text, d.HTML} {
				if !utf8.ValidString(s) {
					t.Errorf("invalid UTF-8 in output: %.80q", s)
				}
			}
			checkSafe(t, d.HTML)
		})
	}
}

func manyStrings(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "name " + strings.Repeat("x", i%50)
	}
	return out
}

// garbage returns n deterministic pseudo-random bytes.
func garbage(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

func TestDocumentsValidate(t *testing.T) {
	n := mustNormalizer(t)
	d, err := n.Normalize(Input{SourceID: 1, URL: "https://ex.example/", Title: strings.Repeat("long title ", 200)})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if d.Validate() != nil || len(d.Title) > catalog.MaxTitle*4 {
		t.Errorf("title of %d bytes", len(d.Title))
	}
}

// TestLinearTime checks that normalising four times as much of the same
// pathological shape takes about four times as long, not sixteen: it
// catches quadratic behaviour that the fuzzer's small inputs cannot.
// BenchmarkNormalizeScaling times hostile shapes at two input sizes, 4×
// apart: time per op should grow about 4×, never with the square. It is a
// benchmark, not a timed test, so a loaded machine cannot fail the suite.
func BenchmarkNormalizeScaling(b *testing.B) {
	n := mustNormalizer(b)
	for _, tc := range []struct {
		name string
		unit string
	}{
		{"paragraphs", "<p>Some words of text, with a comma.</p>"},
		{"links", `<a href="/x?a=1">y</a> `},
		{"misnested formatting", "<b><i><u><s>x</b></i></u></s>"},
		{"nested blocks", strings.Repeat("<div class=menu>", 50) + "x" + strings.Repeat("</div>", 50)},
		{"tables", "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"},
		{"junk classes", `<div class="share cookie related"><p>text, text</p></div>`},
		{"headings and lists", "<h2>Related</h2><ul><li><a href=/a>a</a></li></ul>"},
		{"country and theme words", "<p>Germany Austria residence permit schule Pays-Bas</p>"},
	} {
		for _, size := range []int{MaxHTML / 16, MaxHTML / 4} {
			in := Input{SourceID: 1, URL: "https://ex.example/", Title: "T",
				HTML: "<html><body><main>" + strings.Repeat(tc.unit, size/len(tc.unit)) + "</main></body></html>"}
			b.Run(fmt.Sprintf("%s/%dKiB", tc.name, size>>10), func(b *testing.B) {
				for b.Loop() {
					if _, err := n.Normalize(in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
