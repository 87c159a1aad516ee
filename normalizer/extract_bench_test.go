package normalizer

import (
	"net/url"
	"os"
	"testing"
)

// evalSet loads every page of the extraction evaluation set.
func evalSet(b *testing.B) []string {
	var pages []string
	size := 0
	for _, split := range []string{"dev", "heldout"} {
		for _, p := range evalPages(b, split) {
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, string(src))
			size += len(src)
		}
	}
	b.SetBytes(int64(size / len(pages)))
	return pages
}

// BenchmarkExtract is main-content extraction, cleaning and metadata of
// one page of the evaluation set (6 KB on average), without sanitising or
// language detection: what this part of Normalize costs per document.
func BenchmarkExtract(b *testing.B) {
	pages := evalSet(b)
	base, _ := url.Parse("https://site.example/news/1")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		extract(pages[i%len(pages)], base)
	}
}

// BenchmarkNormalizeEvalPage is the whole of Normalize on the same pages.
func BenchmarkNormalizeEvalPage(b *testing.B) {
	pages := evalSet(b)
	n := mustNormalizer(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := n.Normalize(Input{SourceID: 1, URL: "https://site.example/news/1", HTML: pages[i%len(pages)]}); err != nil {
			b.Fatal(err)
		}
	}
}
