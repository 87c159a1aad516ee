package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// registerThroughRelay registers and verifies an account with the link
// the relay received.
func registerThroughRelay(t *testing.T, r *relay, base, email, name, pw string) *visitor {
	t.Helper()
	v := newVisitor(t)
	resp, _ := v.submit(base+"en/register", "main form", url.Values{"name": {name}, "email": {email},
		"password": {pw}, "password2": {pw}, "organisation": {name + " e.V."}, "organisation_type": {"civil-society"}, "country": {"DE"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("register %s: %d", email, resp.StatusCode)
	}
	m := r.next(t)
	if !strings.Contains(m.To, email) {
		t.Fatalf("verification mail to %q, want %s", m.To, email)
	}
	if resp, _ := v.submit(linkRe.FindString(m.Text), "main form", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("verify %s: %d", email, resp.StatusCode)
	}
	return v
}

// TestCaseStudySubmittedPublishedAndAcknowledged runs `ewsi serve` with an
// SMTP relay: a registered user submits a case study (a mistake first,
// with everything typed kept), is acknowledged by mail in a real SMTP
// conversation, an editor publishes it from the review queue, and the
// contributor gets the publication mail with the link to its page, which
// credits them; search finds it.
func TestCaseStudySubmittedPublishedAndAcknowledged(t *testing.T) {
	r := startRelay(t)
	data := t.TempDir()
	base, _ := startServe(t, "serve", "--addr", "127.0.0.1:0", "--data", data,
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(r.port), "--smtp-tls", "none",
		"--smtp-from", "EWSI Hub <hub@ewsi.example>")
	contributor := registerThroughRelay(t, r, base, "lena@verein.example", "Lena Vogel", "Lenas langes Passwort")
	editor := registerThroughRelay(t, r, base, "editor@hub.example", "Editor", "editor password")
	runOK(t, "users", "role", "--data", data, "editor@hub.example", "editor")
	contributor.login(base, "lena@verein.example", "Lenas langes Passwort")
	editor.login(base, "editor@hub.example", "editor password")

	form := base + "de/contribute/case-study"
	fields := url.Values{"title": {"Sprachpatenschaften in Leipzig"}, "language": {"de"},
		"summary": {"Ehrenamtliche begleiten Neuzugewanderte beim Deutschlernen."}, "summary_en": {"Volunteers help newcomers learn German."},
		"country": {"DE"}, "region": {"Leipzig"}, "target_groups": {"Neuzugewanderte"},
		"aims": {"Sprachpraxis im Alltag."}, "activities": {"Wöchentliche Treffen in Tandems."},
		"innovative": {"on"}, "credit": {"on"}}
	resp, doc := contributor.submit(form, "main form", url.Values{"title": fields["title"], "language": {"de"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("#summary-error").Text() != "Dieses Feld ist erforderlich." {
		t.Fatalf("incomplete case study: %d %q", resp.StatusCode, doc.Find("#summary-error").Text())
	}
	if got := doc.Find("#title").AttrOr("value", ""); got != "Sprachpatenschaften in Leipzig" {
		t.Errorf("title kept as %q", got)
	}
	if resp, doc := contributor.submitDoc(form, doc, "main form", fields); resp.StatusCode != http.StatusOK {
		t.Fatalf("submit: %d %q", resp.StatusCode, doc.Find("main").Text())
	}
	m := r.next(t)
	if m.Subject != "We have received your contribution" || !strings.Contains(m.To, "lena@verein.example") ||
		!strings.Contains(m.Text, "Sprachpatenschaften in Leipzig") {
		t.Errorf("receipt: %+v\n%s", m.Envelope, m.Text)
	}

	id := ""
	_, q := editor.get(base + "en/editor/queue")
	q.Find("li.queue-item").Each(func(_ int, li *goquery.Selection) {
		if strings.Contains(li.Text(), "Sprachpatenschaften in Leipzig") {
			id = li.Find(`input[name="id"]`).AttrOr("value", "")
		}
	})
	if id == "" {
		t.Fatalf("the case study is not in the review queue: %q", q.Find("main").Text())
	}
	if resp, _ := editor.submitDoc(base+"en/editor/queue", q, "form.queue-decide", url.Values{"id": {id}, "action": {"publish"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	m = r.next(t)
	if m.Subject != "Your contribution is published" || !strings.Contains(m.To, "lena@verein.example") {
		t.Errorf("publication mail: %+v", m.Envelope)
	}
	link := linkRe.FindString(m.Text)
	if link != base+"en/documents/"+id {
		t.Fatalf("publication link %q, want %s", link, base+"en/documents/"+id)
	}
	resp, page := newVisitor(t).get(link)
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(page.Find("p.credit").Text()) != "Contributed by Lena Vogel, Lena Vogel e.V." {
		t.Errorf("page: %d, credit %q", resp.StatusCode, page.Find("p.credit").Text())
	}
	if r := searchAPI(t, base, "Sprachpatenschaften"); r.Total != 1 {
		t.Errorf("search finds %d", r.Total)
	}
}
