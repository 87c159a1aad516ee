package normalizer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainLine(t *testing.T) {
	long := strings.Repeat("integration ", 60)
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plain", "Language classes for newcomers", "Language classes for newcomers"},
		{"named entities", "Caf&eacute; &amp; m&eacute;tro &ndash; Paris", "Café & métro – Paris"},
		{"numeric entities", "It&#8217;s &#x201C;new&#x201D;", "It’s “new”"},
		{"entity without semicolon", "Fish &amp chips", "Fish & chips"},
		{"escaped twice by the feed", "Migrants&amp;#8217; rights &amp;amp; duties", "Migrants’ rights & duties"},
		{"escaped markup stays text", "Use &lt;br&gt; for breaks", "Use <br> for breaks"},
		{"tags dropped", "<b>Bold</b> <a href='/x'>and linked</a> title", "Bold and linked title"},
		{"script content dropped", "Title<script>alert(1)</script><style>b{}</style>", "Title"},
		{"break becomes space", "First line<br>second line", "First line second line"},
		{"whitespace collapsed", "  lots   of\n\t space\u00a0here ", "lots of space here"},
		{"invisible characters", "zero\u200bwidth\u00adsoft\ufeff", "zerowidthsoft"},
		{"control characters", "a\x00b\x07c\x1bd", "abcd"},
		{"invalid UTF-8", "caf\xe9 \xff ok", "caf ok"},
		{"lone angle brackets", "a < b and c > d", "a < b and c > d"},
		{"empty", "", ""},
		{"only markup", "<p> </p><br/>", ""},
		{"Greek", "Ο δήμος &amp; οι μετανάστες", "Ο δήμος & οι μετανάστες"},
		{"right to left", "<span dir=rtl>دروس اللغة</span>", "دروس اللغة"},
		{"long title cut at a word", long, strings.TrimSpace(strings.Repeat("integration ", 41)) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainLine(tc.in, MaxTitle); got != tc.want {
				t.Errorf("plainLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestClipWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 12, "one two…"},
		{"one, two, three", 11, "one, two…"},
		{"Unbreakablewordthatgoeson", 10, "Unbreakab…"},
		{"ééééé ééééé", 8, "ééééé…"},
	} {
		got := clipWords(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("clipWords(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > tc.max {
			t.Errorf("clipWords(%q, %d) has %d characters", tc.in, tc.max, n)
		}
	}
}
