package portal

import "testing"

// TestSafeNext keeps ?next= on this site.
func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/en/profile":             "/en/profile",
		"/fr/search?q=a":          "/fr/search?q=a",
		"":                        "/en/",
		"//evil.example/":         "/en/",
		"/\\evil.example":         "/en/",
		"https://evil.example/":   "/en/",
		"javascript:alert(1)":     "/en/",
		"/en/\r\nSet-Cookie: x=1": "/en/",
	} {
		if got := safeNext("en", next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}
