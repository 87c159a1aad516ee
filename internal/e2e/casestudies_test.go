package e2e

import (
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCompareCaseStudies browses the case studies from the navigation in
// English, narrows them with the criteria facet, ticks three, presses
// compare and reads the side-by-side table: one column per case study
// under its title, one row per field of the template.
func TestCompareCaseStudies(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/en/"))
	follow(t, ctx, `header nav a[href="/en/case-studies"]`)
	all := eval[int](t, ctx, `document.querySelectorAll("li.case-study-hit").length`)
	if all < 12 {
		t.Errorf("%d case studies in the demo, want at least 12", all)
	}
	if got := text(t, ctx, "section.criteria-note p"); !strings.Contains(got, "clear goals") {
		t.Errorf("the publishing criteria are not in view: %q", got)
	}
	screenshot(t, ctx, "case-studies-en")
	// The evaluated ones only.
	follow(t, ctx, `section[data-facet="criteria"] a.facet-value[href$="criteria=evaluated"]`)
	evaluated := eval[int](t, ctx, `document.querySelectorAll("li.case-study-hit").length`)
	if evaluated == 0 || evaluated >= all {
		t.Fatalf("%d evaluated case studies of %d", evaluated, all)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".active-filters a.chip").length`); n != 1 {
		t.Errorf("%d active filters, want 1", n)
	}
	titles := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("li.case-study-hit .hit-title a")).slice(0, 3).map(a => a.textContent)`)
	ids := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("li.case-study-hit input[name=id]")).slice(0, 3).map(i => i.value)`)
	if len(ids) < 3 {
		t.Fatalf("only %d evaluated case studies to compare", len(ids))
	}
	// Tick three by their labels, as a user would, and press compare.
	for _, id := range ids {
		do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="pick-`+id+`"]`)))
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.compare-form button[type="submit"]`)))
	waitLoaded(t, ctx, "/en/case-studies/compare?id="+strings.Join(ids, "&id="))
	screenshot(t, ctx, "case-studies-compare-en")
	cols := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table.compare thead th[scope=col]")).map(th => th.textContent.trim())`)
	if len(cols) != 4 || cols[0] != "Field of the template" {
		t.Fatalf("column headers %q", cols)
	}
	for i, want := range titles {
		if cols[i+1] != want {
			t.Errorf("column %d is %q, want %q", i+1, cols[i+1], want)
		}
	}
	rows := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table.compare tbody th[scope=row]")).map(th => th.textContent.trim())`)
	for _, want := range []string{"Publishing criteria met", "Country", "Region or city", "Aims", "Outcomes", "Evaluation", "Budget", "Partners", "Duration"} {
		if !contains(rows, want) {
			t.Errorf("no %q row in %q", want, rows)
		}
	}
	// Every compared case study is evaluated, so every criteria cell says so.
	crit := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("tr.row-criteria td")).map(td => td.textContent)`)
	for i, c := range crit {
		if !strings.Contains(c, "Evaluated") {
			t.Errorf("criteria cell %d: %q", i, c)
		}
	}
	aims := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("tr.row-aims td")).map(td => td.textContent.trim())`)
	if len(aims) != 3 {
		t.Fatalf("%d aims cells", len(aims))
	}
	for i, a := range aims {
		if a == "" || a == "Not stated" {
			t.Errorf("case study %d states no aims", i)
		}
	}
	// On a phone the table scrolls inside its labelled region, and the
	// page itself does not scroll sideways.
	do(t, ctx, chromedp.EmulateViewport(375, 740))
	defer func() { do(t, ctx, chromedp.EmulateViewport(1280, 900)) }()
	if eval[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth + 1`) {
		t.Error("the compare page scrolls sideways on a phone")
	}
	if !eval[bool](t, ctx, `(r => r.scrollWidth > r.clientWidth)(document.querySelector("div[role=region].compare-scroll"))`) {
		t.Error("the table does not scroll within its region on a phone")
	}
	screenshot(t, ctx, "case-studies-compare-phone")
	// Fewer than two is refused with a page that says what to do.
	do(t, ctx, chromedp.Navigate(base+"/en/case-studies/compare?id="+ids[0]))
	if got := text(t, ctx, "h1"); got != "Choose two to four case studies" {
		t.Errorf("one case study to compare: %q", got)
	}
}

// BenchmarkCaseStudyPages times the case-study pages over the demo's
// catalog, through HTTP on loopback. Target: under 30 ms per page.
// Measured on the shared 2-core build machine under a load average of
// about 13 (Go 1.26, -benchtime 100x), ms per page: browse 4.8–7.2,
// browse with two facets 3.8–13.0, browse with text 5.6–10.5, one case
// study 0.5–0.7, compare two 0.7–2.6, compare four 1.1, home (with the
// featured case studies) 8.1–21.5, where BenchmarkDemoPages' home took
// 8.1 in the same minutes.
func BenchmarkCaseStudyPages(b *testing.B) {
	dir := b.TempDir()
	h, err := startHub(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	defer os.RemoveAll(dir)
	resp, err := http.Get(h.URL + "/en/case-studies")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	ids := regexp.MustCompile(`name="id" value="(\d+)"`).FindAllStringSubmatch(string(body), 4)
	if len(ids) < 4 {
		b.Fatalf("%d case studies in the demo", len(ids))
	}
	for _, p := range []string{
		"/en/case-studies", "/fr/case-studies?criteria=evaluated&theme=economic-participation",
		"/de/case-studies?q=integration", "/en/case-studies/" + ids[0][1],
		"/fr/case-studies/compare?id=" + ids[0][1] + "&id=" + ids[1][1],
		"/de/case-studies/compare?id=" + ids[0][1] + "&id=" + ids[1][1] + "&id=" + ids[2][1] + "&id=" + ids[3][1],
		"/en/",
	} {
		b.Run(strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "-").Replace(strings.Trim(p, "/")), func(b *testing.B) {
			for b.Loop() {
				resp, err := http.Get(h.URL + p)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: status %d", p, resp.StatusCode)
				}
			}
		})
	}
}
