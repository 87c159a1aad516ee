package kinds

import (
	"testing"
)

// The fuzz tests assert what every parser promises for any input: no
// panic and bounded output. Seeds come from f.Add and testdata/fuzz.

func FuzzDiscover(f *testing.F) {
	f.Add([]byte(`<link rel="alternate" type="application/rss+xml" href="/rss.xml">`), "https://a.example/")
	f.Add([]byte(`<base href="//cdn.example/x/"><link rel=alternate type=application/atom+xml href=a>`), "http://a.example/b/c")
	f.Add([]byte(`<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">`), "https://a.example/")
	f.Add([]byte("\xff\xfe<\x00l\x00"), "::")
	f.Fuzz(func(t *testing.T, body []byte, page string) {
		got := Discover(body, page)
		if len(got) > MaxDiscovered {
			t.Fatalf("%d feeds, more than the cap", len(got))
		}
		seen := map[string]bool{}
		for _, u := range got {
			if seen[u] {
				t.Fatalf("duplicate %q", u)
			}
			seen[u] = true
			if len(u) < 8 || (u[:7] != "http://" && u[:8] != "https://") {
				t.Fatalf("not an http(s) URL: %q", u)
			}
		}
	})
}
