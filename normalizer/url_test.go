package normalizer

import "testing"

func TestCanonicalURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://ex.example/a?b=1":                                     "https://ex.example/a?b=1",
		"https://ex.example/a#section":                                 "https://ex.example/a",
		"https://ex.example/a?utm_source=rss&utm_medium=feed":          "https://ex.example/a",
		"https://ex.example/a?id=7&utm_campaign=x&page=2":              "https://ex.example/a?id=7&page=2",
		"https://ex.example/a?UTM_Source=x&id=1":                       "https://ex.example/a?id=1",
		"https://ex.example/a?fbclid=IwAR0&x=1":                        "https://ex.example/a?x=1",
		"https://ex.example/a?gclid=abc":                               "https://ex.example/a",
		"https://ex.example/a?msclkid=1&mc_cid=2&mc_eid=3&_hsenc=4&q=": "https://ex.example/a?q=",
		"https://ex.example/a?utm%5Fsource=x":                          "https://ex.example/a",
		"https://ex.example/a?z=1&a=2":                                 "https://ex.example/a?z=1&a=2", // order kept
		"https://ex.example/a?q=caf%C3%A9&utm_term=x#top":              "https://ex.example/a?q=caf%C3%A9",
		"https://ex.example/a?":                                        "https://ex.example/a",
		"HTTPS://EX.Example:443/Path":                                  "https://ex.example/Path",
		"http://ex.example:80/":                                        "http://ex.example/",
		"http://ex.example:8080/":                                      "http://ex.example:8080/",
		"https://ex.example":                                           "https://ex.example/",
		"  https://ex.example/a  ":                                     "https://ex.example/a",
		"https://ex.example/utm_source/page":                           "https://ex.example/utm_source/page",
		"https://ex.example/a?&&id=1&":                                 "https://ex.example/a?id=1",
		"":                                                             "",
		"not a url %zz":                                                "not a url %zz",
	} {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}
