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
		"https://ex.example/a?z=1&a=2&b=3&a=1":                         "https://ex.example/a?a=2&a=1&b=3&z=1", // sorted, equal names in order
		"https://ex.example/a?q=caf%C3%A9&utm_term=x#top":              "https://ex.example/a?q=caf%C3%A9",
		"https://ex.example/a?":                                        "https://ex.example/a",
		"HTTPS://EX.Example:443/Path":                                  "https://ex.example/Path",
		"http://ex.example:80/":                                        "http://ex.example/",
		"http://ex.example:8080/":                                      "http://ex.example:8080/",
		"https://ex.example":                                           "https://ex.example/",
		"  https://ex.example/a  ":                                     "https://ex.example/a",
		"https://ex.example/utm_source/page":                           "https://ex.example/utm_source/page",
		"https://ex.example/a?&&id=1&":                                 "https://ex.example/a?id=1",
		"https://ex.example/news/":                                     "https://ex.example/news",
		"https://ex.example/a/./b/../c//":                              "https://ex.example/a/c",
		"https://ex.example/%7Euser/caf%c3%a9?q=%41%2f":                "https://ex.example/~user/caf%C3%A9?q=A%2F",
		"https://Ex.Example./a?mkt_tok=1&pk_campaign=2&_ga=3":          "https://ex.example/a",
		"https://user:pw@ex.example/a":                                 "https://ex.example/a",
		"http://[::1]:80/a":                                            "http://[::1]/a",
		"mailto:someone@ex.example":                                    "mailto:someone@ex.example",
		"":                                                             "",
		"not a url %zz":                                                "not a url %zz",
	} {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}
