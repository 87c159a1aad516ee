package normalizer

import (
	"strings"
	"testing"
)

func TestCharset(t *testing.T) {
	n := mustNormalizer(t)
	latin1 := "<p>Caf\xe9 cr\xe8me \xe0 la fran\xe7aise, pr\xe9par\xe9 par les b\xe9n\xe9voles de l'association.</p>"
	for _, tc := range []struct {
		name, html, contentType, want string
	}{
		{"declared in the header", latin1, "text/html; charset=ISO-8859-1", "Café crème à la française"},
		{"declared in a meta tag", `<html><head><meta charset="windows-1252"></head><body>` + latin1 + `</body></html>`, "", "Café crème à la française"},
		{"undeclared falls back to Windows-1252", latin1 + "<p>\x93quoted\x94</p>", "text/html", "“quoted”"},
		{"valid UTF-8 wins over a wrong label", "<p>Café crème</p>", "text/html; charset=iso-8859-1", "Café crème"},
		{"UTF-8 with a byte-order mark", "\ufeff<p>Café crème</p>", "text/html", "Café crème"},
		{"broken UTF-8 declared UTF-8", "<p>Caf\xc3 ok</p>", "text/html; charset=utf-8", "Caf ok"},
		{"UTF-16 with a byte-order mark", "\xff\xfe<\x00p\x00>\x00H\x00\xe9\x00<\x00/\x00p\x00>\x00", "", "Hé"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(Input{SourceID: 1, URL: "https://ex.example/", Title: "T", HTML: tc.html, ContentType: tc.contentType})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Text, tc.want) {
				t.Errorf("Text = %q, want it to contain %q", d.Text, tc.want)
			}
		})
	}
}
