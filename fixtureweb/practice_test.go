package fixtureweb

import (
	"slices"
	"strings"
	"testing"
)

// TestPracticeRecords checks that the practice database publishes every
// case study on the whole template, in the template's order, on its
// page and in its feed, and that the ground truth has every field.
func TestPracticeRecords(t *testing.T) {
	srv := newServer(t)
	feed, _ := get(t, srv.URL+"/practices/records.atom")
	n := 0
	for _, it := range Items() {
		if it.Publisher != "practices" {
			continue
		}
		n++
		cs := it.CaseStudy
		if cs == nil || !cs.Template || cs.Region == "" || len(cs.TargetGroups) == 0 || cs.FundingBy == "" ||
			cs.Started.IsZero() || !cs.Ended.IsZero() && cs.Ended.Before(cs.Started) {
			t.Errorf("%s: incomplete template %+v", it.Path, cs)
			continue
		}
		body, _ := get(t, srv.URL+it.Path)
		doc := parseHTML(t, body)
		var labels []string
		for _, dt := range findAll(doc, tag("dt")) {
			labels = append(labels, text(dt))
		}
		w := templateWordsFor(it.Language)
		want := []string{w.Region, w.Country, w.TargetGroups, w.Period, w.Budget, w.Funding, w.Partners, w.Contact,
			w.Evaluated, w.Innovative}
		if !slices.Equal(labels, want) {
			t.Errorf("%s: template labels %q, want %q", it.Path, labels, want)
		}
		if !strings.Contains(string(feed), "&lt;dt&gt;"+escapeText(w.Region)+"&lt;/dt&gt;&lt;dd&gt;"+escapeText(cs.Region)) {
			t.Errorf("%s: the feed entry lacks the template", it.Path)
		}
	}
	if n != 8 {
		t.Errorf("%d practice records, want 8", n)
	}
}

// escapeText escapes s as it appears inside the feed's escaped HTML.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;amp;", "'", "&amp;#39;").Replace(s)
}
