package portal

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParseSheetText(t *testing.T) {
	got := parseSheetText("First line\nsecond line, see https://gov.example/plan.\r\n\r\n  \n\nWrite to info@ministry.example or javascript:alert(1)")
	want := []textParagraph{
		{Lines: [][]textSegment{
			{{Text: "First line"}},
			{{Text: "second line, see "}, {Text: "https://gov.example/plan", URL: "https://gov.example/plan"}, {Text: "."}},
		}},
		{Lines: [][]textSegment{
			{{Text: "Write to "}, {Text: "info@ministry.example", URL: "mailto:info@ministry.example"}, {Text: " or javascript:alert(1)"}},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseSheetText (-want +got):\n%s", diff)
	}
	if got := parseSheetText(" \n\n "); len(got) != 0 {
		t.Errorf("blank text = %+v, want no paragraph", got)
	}
}

// FuzzParseSheetText: whatever an editor types, the segments give back
// every non-space character of it, and links are only http(s) or mailto.
func FuzzParseSheetText(f *testing.F) {
	for _, s := range []string{"", "a\n\nb", "see https://x.example/a?b=c).", "mail a@b.example.", "http://user@host/", "https://[::1", "\r\n\r\n", "x@y", "https://é.example/ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for _, p := range parseSheetText(s) {
			for _, line := range p.Lines {
				for _, seg := range line {
					b.WriteString(seg.Text)
					if seg.URL != "" && !strings.HasPrefix(seg.URL, "http://") && !strings.HasPrefix(seg.URL, "https://") && !strings.HasPrefix(seg.URL, "mailto:") {
						t.Fatalf("link %q from %q", seg.URL, s)
					}
				}
			}
		}
		if utf8.ValidString(s) && strip(b.String()) != strip(s) {
			t.Fatalf("text lost: %q from %q", b.String(), s)
		}
	})
}

// strip removes white space, which paragraphs and lines rearrange.
func strip(s string) string {
	return strings.Join(strings.Fields(s), "")
}
