package normalizer

import (
	"strings"
	"testing"
)

// TestCleanByShape checks what clean removes inside the content by shape
// alone, and what it must keep.
func TestCleanByShape(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range []struct {
		name          string
		html          string
		want, missing []string
	}{
		{
			name: "kicker before the title, byline and date line after it",
			html: page(`<article><p>Integration</p><h1>Housing advice</h1><div>By Ana Lopes · 26 November 2026, 08:14</div>` +
				para("Housing advice") + para("Tenancy law") + `</article>`),
			want:    []string{"Housing advice", "Tenancy law is the subject"},
			missing: []string{"Integration", "Ana Lopes"},
		},
		{
			name: "related list and tag cloud in the article's container, with their headings",
			html: page(`<div class="post"><h1>Courses</h1>` + para("Language courses") + para("Childcare") +
				`<h3>See elsewhere</h3><ul><li><a href="/a">One story</a></li><li><a href="/b">Another story</a></li></ul>
<h3>Keywords</h3><div><a href="/t/1">asylum</a> <a href="/t/2">housing</a></div></div>`),
			want:    []string{"Language courses is the subject", "Childcare is the subject"},
			missing: []string{"See elsewhere", "One story", "Keywords", "asylum"},
		},
		{
			name: "newsletter box with a form inside the article",
			html: page(`<article><h1>Courses</h1>` + para("Language courses") +
				`<div class="box-x"><h4>Stay informed</h4><p>Get our news every month.</p><form><input type="email"><button>OK</button></form></div>` +
				para("Childcare") + `</article>`),
			want:    []string{"Language courses is the subject", "Childcare is the subject"},
			missing: []string{"Stay informed", "every month"},
		},
		{
			name: "sentences with years and links stay",
			html: page(`<article><h1>Strategy</h1><p>The strategy runs until 2031.</p>` + para("The plan") +
				`<p>Read the <a href="/s">full strategy</a> and the <a href="/e">evaluation of the 2020 plan</a>, published by the ministry this week.</p>` +
				`<h2>Timeline</h2><ul><li>2027: first year</li><li>2031: evaluation</li></ul></article>`),
			want: []string{"The strategy runs until 2031.", "Read the full strategy", "Timeline", "2027: first year"},
		},
		{
			name: "dates and links inside sentences, cells and list items stay",
			html: page(`<article><h1>Call</h1>` + para("The call") +
				`<p>Apply by <span>4 March 2027</span> at noon, Brussels time.</p><p>See <span><a href="/r">the full report</a></span> and its annex on methods and data.</p>` +
				`<table><tr><th>Step</th><th>Date</th></tr><tr><td>Opening</td><td><div>12.01.2027</div></td></tr></table>` +
				`<ul><li><div>20 January 2027</div> information session</li></ul></article>`),
			want: []string{"Apply by 4 March 2027 at noon", "See the full report and its annex", "12.01.2027", "20 January 2027"},
		},
		{
			name: "a heading alone in its content element keeps the text of the next one",
			html: page(`<main><h1>Courses</h1><div class="ce"><p>` + strings.Repeat("Intro words here. ", 10) + `</p></div>
<div class="ce"><header><h2>Shorter waits</h2></header></div><div class="ce">` + para("Waiting times") + `</div>
<div class="ce"><h2>Nothing follows this one</h2></div></main>`),
			want:    []string{"Shorter waits", "Waiting times is the subject"},
			missing: []string{"Nothing follows"},
		},
		{
			name: "a story in anonymous divs above a longer discussion that never says comment",
			html: page(`<div class="wrap"><div class="story"><h1>Courses</h1>` + para("Language courses") + para("Childcare") + para("Registration") + `</div>
<div class="thread"><ul>` + strings.Repeat(`<li class="post"><p>I think this is a good idea, but the classes should also be open on Saturdays, because many people work, and the bus does not run late.</p></li>`, 8) + `</ul></div></div>`),
			want:    []string{"Language courses is the subject", "Childcare is the subject"},
			missing: []string{"Saturdays"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(Input{SourceID: 1, URL: "https://city.example/a", HTML: tc.html})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, d.Text)
				}
			}
			for _, m := range tc.missing {
				if strings.Contains(d.Text, m) {
					t.Errorf("text keeps %q:\n%s", m, d.Text)
				}
			}
		})
	}
}
