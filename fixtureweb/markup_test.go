package fixtureweb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarkup(t *testing.T) {
	tests := []struct {
		name, src, html, text string
	}{
		{"paragraph", "One line\nand the next.", "<p>One line and the next.</p>\n", "One line and the next."},
		{"heading", "## Aims", "<h2>Aims</h2>\n", "Aims"},
		{"escape and bold", "**Fish** & <chips>", "<p><strong>Fish</strong> &amp; &lt;chips&gt;</p>\n", "Fish & <chips>"},
		{"links", "[home](/eio/) and [mail](mailto:a@b.example)",
			`<p><a href="http://h/eio/">home</a> and <a href="mailto:a@b.example">mail</a></p>` + "\n", "home and mail"},
		{"list", "- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n", "a\nb"},
		{"numbered", "1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n", "a\nb"},
		{"quote", "> said", "<blockquote>\n<p>said</p>\n</blockquote>\n", "said"},
		{"table", "Table: T\n| A | B |\n|---|---|\n| 1 | 2 |",
			"<table>\n<caption>T</caption>\n<thead>\n<tr><th>A</th><th>B</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>\n",
			"T\nA | B\n1 | 2"},
		{"blocks", "Lead.\n\n## H\n\nMore.", "<p>Lead.</p>\n<h2>H</h2>\n<p>More.</p>\n", "Lead.\n\nH\n\nMore."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.html, renderMarkup(tt.src, "http://h")); diff != "" {
				t.Errorf("renderMarkup (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.text, plainText(tt.src)); diff != "" {
				t.Errorf("plainText (-want +got):\n%s", diff)
			}
		})
	}
	if got := leadText("## H\n\n- x\n\nThe **lead**.\n\nNext."); got != "The lead." {
		t.Errorf("leadText = %q", got)
	}
}

func TestSplitLead(t *testing.T) {
	for _, tt := range []struct{ src, lead, rest string }{
		{"Lead\nline.\n\n## H\n\nMore.", "Lead\nline.", "## H\n\nMore."},
		{"## H\n\nText.", "", "## H\n\nText."},
		{"Only.", "Only.", ""},
	} {
		lead, rest := splitLead(tt.src)
		if lead != tt.lead || rest != tt.rest {
			t.Errorf("splitLead(%q) = %q, %q", tt.src, lead, rest)
		}
	}
}
