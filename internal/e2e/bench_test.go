package e2e

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

// BenchmarkDemoPages times every page type, through HTTP on loopback,
// over the catalog the demo builds (the fixture web's feeds harvested
// into SQLite). It needs no browser. Target: under 30 ms per page.
// Measured on the shared 2-core build machine (Go 1.26) after merging
// main, ms per page: home 6.5, search 3.1, events month 3.0, events list
// 3.2, funding 2.3, closed calls 2.2, themes 2.3, one theme 12.3 (seven
// searches), types 1.6, one type 1.3. Before the merge, on the older
// store, one theme took 19.7–22.2 and the rest under 12.
func BenchmarkDemoPages(b *testing.B) {
	dir := b.TempDir()
	h, err := startHub(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	defer os.RemoveAll(dir)
	for _, p := range []string{
		"/en/", "/fr/search?q=integration", "/de/events?month=2026-12", "/en/events?view=list",
		"/fr/funding", "/de/funding/closed", "/en/themes", "/fr/themes/economic-participation",
		"/de/types", "/en/types/news",
	} {
		b.Run(strings.ReplaceAll(strings.Trim(p, "/"), "/", "_"), func(b *testing.B) {
			for b.Loop() {
				resp, err := http.Get(h.URL + p)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: status %d", p, resp.StatusCode)
				}
			}
		})
	}
}
