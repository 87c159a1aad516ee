package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchAndFilter searches from the home page's form, then narrows
// the results by a facet value and checks that every hit shows it.
func TestSearchAndFilter(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx,
		chromedp.Navigate(base+"/en/"),
		chromedp.SendKeys(chromedp.ID("q"), "integration"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".total")),
	)
	total := text(t, ctx, ".total")
	if !strings.Contains(total, "found") || strings.HasPrefix(total, "0 ") {
		t.Fatalf("search for integration: %q", total)
	}
	screenshot(t, ctx, "search-en")
	facet := text(t, ctx, `[data-facet="type"] li:first-child .facet-label`)
	follow(t, ctx, `[data-facet="type"] li:first-child a`)
	if active := text(t, ctx, ".active-filters"); !strings.Contains(active, facet) {
		t.Errorf("active filters %q do not name the chosen %q", active, facet)
	}
	types := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".hit .hit-type")).map(e => e.textContent)`)
	if len(types) == 0 {
		t.Fatalf("no hit after filtering by %q (%s)", facet, text(t, ctx, ".total"))
	}
	for _, ty := range types {
		if ty != facet {
			t.Errorf("hit of type %q under the filter %q", ty, facet)
		}
	}
}

// TestOpenDocumentAndSwitchLanguage opens the first latest document from
// the home page, then switches the interface to French and German: the
// page stays the same document, in the other interface language.
func TestOpenDocumentAndSwitchLanguage(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/en/"))
	title := text(t, ctx, ".hits .hit-title a")
	screenshot(t, ctx, "home-en")
	follow(t, ctx, ".hits .hit-title a")
	heading := text(t, ctx, "h1")
	if strings.TrimSpace(heading) != strings.TrimSpace(title) {
		t.Errorf("document page heading %q, link said %q", heading, title)
	}
	if meta := text(t, ctx, "#doc-meta"); meta != "About this document" {
		t.Errorf("metadata heading %q", meta)
	}
	screenshot(t, ctx, "document-en")
	for _, tc := range []struct{ lang, meta string }{
		{"fr", "À propos de ce document"},
		{"de", "Über dieses Dokument"},
	} {
		follow(t, ctx, `.languages a[hreflang="`+tc.lang+`"]`)
		meta, h1 := text(t, ctx, "#doc-meta"), text(t, ctx, "h1")
		if meta != tc.meta || h1 != heading {
			t.Errorf("after switching to %s: metadata heading %q, h1 %q (want %q, %q)", tc.lang, meta, h1, tc.meta, heading)
		}
	}
	screenshot(t, ctx, "document-de")
}

// TestBrowseThemesAndTypes goes from the home page to a theme, to a
// sub-theme's section and to one of its documents, then to a listing of
// one content type.
func TestBrowseThemesAndTypes(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/en/"))
	follow(t, ctx, `main ul.themes a[href="/en/themes/economic-participation"]`)
	if got := text(t, ctx, "h1"); got != "Economic participation" {
		t.Errorf("theme page h1 %q", got)
	}
	screenshot(t, ctx, "theme-en")
	n := eval[int](t, ctx, `document.querySelectorAll("section.subtheme").length`)
	if n != 6 {
		t.Errorf("%d sub-theme sections, want 6", n)
	}
	listed := eval[int](t, ctx, `document.querySelectorAll("section.subtheme .hit-title a").length`)
	if listed == 0 {
		t.Fatal("no document under any sub-theme of economic participation")
	}
	follow(t, ctx, "section.subtheme .hit-title a")
	if text(t, ctx, "#doc-meta") == "" {
		t.Error("the document page has no metadata")
	}
	do(t, ctx, chromedp.Navigate(base+"/fr/"))
	follow(t, ctx, `header nav a[href="/fr/types"]`)
	follow(t, ctx, `main a[href="/fr/types/news"]`)
	types := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".hit .hit-type")).map(e => e.textContent)`)
	if len(types) == 0 {
		t.Fatal("no news")
	}
	for _, ty := range types {
		if ty != "Actualité" {
			t.Errorf("news listing shows a %q", ty)
		}
	}
	screenshot(t, ctx, "type-news-fr")
}
