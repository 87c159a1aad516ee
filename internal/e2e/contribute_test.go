package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSubmitAndPublishCaseStudy: a signed-in practitioner fills the case
// study form, forgets the publishing criteria and gets the message with
// everything typed kept, then sends it; an editor signs in, finds it in
// the review queue and publishes it; the contributor is thanked by mail
// and the case study is on its page, credited to them.
func TestSubmitAndPublishCaseStudy(t *testing.T) {
	ctx, _ := tab(t)
	base := accountsPortal(t)
	const title = "Mentoria para o emprego em Lisboa"

	signInAs(t, ctx, base, "en", contributorEmail)
	follow(t, ctx, `header a[href="/en/contribute"]`)
	follow(t, ctx, `ul.contribute-kinds a[href="/en/contribute/case-study"]`)
	if n := eval[int](t, ctx, `document.querySelectorAll("section.criteria li").length`); n < 2 {
		t.Fatalf("the form shows %d publishing criteria", n)
	}
	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("language"), "pt"),
		chromedp.SendKeys(chromedp.ID("summary"), "Mentores ajudam pessoas refugiadas a encontrar trabalho."),
		chromedp.SendKeys(chromedp.ID("summary_en"), "Mentors help refugees find work in Lisbon."),
		chromedp.SetValue(chromedp.ID("country"), "PT"),
		chromedp.SendKeys(chromedp.ID("region"), "Lisboa"),
		chromedp.SendKeys(chromedp.ID("target_groups"), "pessoas refugiadas"),
		chromedp.SendKeys(chromedp.ID("aims"), "Emprego estável para 100 pessoas."),
		chromedp.SendKeys(chromedp.ID("activities"), "Mentoria semanal e visitas a empresas."),
		chromedp.SendKeys(chromedp.ID("outcomes"), "75 empregos."),
	)
	submitted(t, ctx, "main form.contribute-form button[type=submit]")
	if msg := text(t, ctx, "#evaluated-error"); !strings.Contains(msg, "evaluated, innovative or both") {
		t.Errorf("criteria message %q", msg)
	}
	if got := eval[string](t, ctx, `document.getElementById("title").value`); got != title {
		t.Errorf("title kept as %q", got)
	}
	if got := eval[string](t, ctx, `document.getElementById("aims").value`); got != "Emprego estável para 100 pessoas." {
		t.Errorf("aims kept as %q", got)
	}
	if got := eval[string](t, ctx, `document.getElementById("language").value`); got != "pt" {
		t.Errorf("language kept as %q", got)
	}
	screenshot(t, ctx, "contribute-case-study-error")

	do(t, ctx, chromedp.Click(chromedp.ID("innovative")))
	submitted(t, ctx, "main form.contribute-form button[type=submit]")
	if h := text(t, ctx, "h1"); h != "Thank you for your contribution" {
		t.Fatalf("after sending: %q", h)
	}
	screenshot(t, ctx, "contribute-case-study-sent")
	if n := mailsTo(t, contributorEmail, "We have received your contribution"); n != 1 {
		t.Errorf("%d receipts", n)
	}
	signOut(t, ctx)

	signInAs(t, ctx, base, "en", contribEditorEmail)
	follow(t, ctx, `header a[href="/en/editor/queue"]`)
	id := eval[string](t, ctx, `(() => {
		for (const li of document.querySelectorAll("li.queue-item")) {
			if (li.textContent.includes(`+"`"+title+"`"+`)) return li.querySelector('input[name="id"]').value;
		}
		return "";
	})()`)
	if id == "" {
		t.Fatal("the case study is not in the review queue")
	}
	screenshot(t, ctx, "contribute-review-queue")
	do(t, ctx, chromedp.Click(chromedp.ID("doc-"+id)), chromedp.Click(chromedp.CSS(`input[name="action"][value="publish"]`)))
	submitted(t, ctx, "form.queue-decide button[type=submit]")
	if n := mailsTo(t, contributorEmail, "Your contribution is published"); n != 1 {
		t.Errorf("%d publication mails", n)
	}
	signOut(t, ctx)

	do(t, ctx, chromedp.Navigate(base+"/en/documents/"+id))
	if h := text(t, ctx, "h1"); h != title {
		t.Errorf("document page h1 %q", h)
	}
	if c := text(t, ctx, "p.credit"); c != "Contributed by Ana Sousa, Associação Mentor" {
		t.Errorf("credit %q", c)
	}
	if s := text(t, ctx, "p.summary-en"); s != "Mentors help refugees find work in Lisbon." {
		t.Errorf("English summary %q", s)
	}
	screenshot(t, ctx, "contribute-case-study-published")
}
