package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/alicebob/miniredis/v2"
	"github.com/emersion/go-smtp"
	"github.com/hibiken/asynq"

	"github.com/ewsi/hub/mailer"
)

// relay is an in-process SMTP server (no TLS, no login: on loopback) that
// hands each message it receives to a channel.
type relay struct {
	port     int
	received chan []byte

	mu       sync.Mutex
	failRcpt *smtp.SMTPError
}

func startRelay(t *testing.T) *relay {
	t.Helper()
	r := &relay{received: make(chan []byte, 16)}
	s := smtp.NewServer(r)
	s.Domain = "relay.test"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.port = ln.Addr().(*net.TCPAddr).Port
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return r
}

func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

type relaySession struct{ r *relay }

func (s *relaySession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *relaySession) Rcpt(string, *smtp.RcptOptions) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if s.r.failRcpt != nil {
		return s.r.failRcpt
	}
	return nil
}
func (s *relaySession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err == nil {
		s.r.received <- b
	}
	return err
}
func (s *relaySession) Reset()        {}
func (s *relaySession) Logout() error { return nil }

// next waits for the next message the relay receives.
func (r *relay) next(t *testing.T) *mailer.Letter {
	t.Helper()
	select {
	case raw := <-r.received:
		l, err := mailer.ParseLetter(raw)
		if err != nil {
			t.Fatal(err)
		}
		return l
	case <-time.After(30 * time.Second):
		t.Fatal("the relay received no mail")
		return nil
	}
}

var linkRe = regexp.MustCompile(`https?://\S+`)

// TestRegistrationMailThroughQueueAndRelay runs `ewsi serve` with an SMTP
// relay: registering in the portal queues a mail:send task, a worker
// delivers it in a real SMTP conversation, and its link verifies the
// account, which can then sign in.
func TestRegistrationMailThroughQueueAndRelay(t *testing.T) {
	r := startRelay(t)
	data := t.TempDir()
	base, _ := startServe(t, "serve", "--addr", "127.0.0.1:0", "--data", data,
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(r.port), "--smtp-tls", "none",
		"--smtp-from", "EWSI Hub <hub@ewsi.example>")
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	submit := func(page string, values url.Values) (int, *goquery.Document) {
		t.Helper()
		resp, err := client.Get(page)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := goquery.NewDocumentFromReader(resp.Body)
		resp.Body.Close()
		form := doc.Find("main form").First()
		form.Find(`input[type="hidden"]`).Each(func(_ int, in *goquery.Selection) {
			values.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
		})
		resp, err = client.PostForm(page, values)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		doc, _ = goquery.NewDocumentFromReader(resp.Body)
		return resp.StatusCode, doc
	}
	status, _ := submit(base+"de/register", url.Values{
		"name": {"Jonas Weber"}, "email": {"jonas@verein.example"},
		"password": {"ein langes Passwort"}, "password2": {"ein langes Passwort"},
		"organisation": {"Verein"}, "organisation_type": {"migrant-association"}, "country": {"DE"},
	})
	if status != http.StatusOK {
		t.Fatalf("register: %d", status)
	}
	m := r.next(t)
	if m.Subject != "Bestätigen Sie Ihre E-Mail-Adresse" || m.Lang != "de" || !strings.Contains(m.To, "jonas@verein.example") ||
		!strings.Contains(m.From, "hub@ewsi.example") {
		t.Errorf("mail: %+v", m.Envelope)
	}
	link := linkRe.FindString(m.Text)
	if !strings.HasPrefix(link, base+"de/verify?token=") {
		t.Fatalf("link %q", link)
	}
	if status, doc := submit(link, url.Values{}); status != http.StatusOK || strings.TrimSpace(doc.Find("h1").Text()) != "Adresse bestätigt" {
		t.Fatalf("verify: %d %q", status, doc.Find("h1").Text())
	}
	status, doc := submit(base+"de/login", url.Values{"email": {"jonas@verein.example"}, "password": {"ein langes Passwort"}})
	if status != http.StatusOK || doc.Find("header ul.account a").First().Text() != "Jonas Weber" {
		t.Fatalf("sign-in: %d, header %q", status, doc.Find("header ul.account").Text())
	}
	// The outbox is not in use with a relay.
	if matches, _ := filepath.Glob(filepath.Join(data, "outbox", "*.eml")); len(matches) != 0 {
		t.Errorf("%d mails in the outbox although a relay is set", len(matches))
	}
}

// TestMailTaskRetriesOnlyWhatCanSucceed runs the mail:send handler on an
// Asynq server: delivered mail arrives; a relay's permanent refusal and a
// broken payload are not retried; a temporary refusal is.
func TestMailTaskRetriesOnlyWhatCanSucceed(t *testing.T) {
	r := startRelay(t)
	m, err := mailer.NewSMTP(mailer.SMTPOptions{Host: "127.0.0.1", Port: r.port, TLS: mailer.TLSNone,
		From: "hub@ewsi.example", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	h := handleMailSend(m, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := context.Background()
	msg := `{"To":"a@ngo.example","Subject":"Hallo","Text":"Text\n","Lang":"de"}`

	if err := h(ctx, asynq.NewTask(TypeMailSend, []byte(msg))); err != nil {
		t.Fatalf("deliverable mail: %v", err)
	}
	if l := r.next(t); l.Subject != "Hallo" || l.Text != "Text\n" {
		t.Errorf("delivered %+v", l)
	}
	if err := h(ctx, asynq.NewTask(TypeMailSend, []byte("{not json"))); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("broken payload: %v, want SkipRetry", err)
	}
	r.mu.Lock()
	r.failRcpt = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	r.mu.Unlock()
	if err := h(ctx, asynq.NewTask(TypeMailSend, []byte(msg))); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("550: %v, want SkipRetry", err)
	}
	r.mu.Lock()
	r.failRcpt = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "later"}
	r.mu.Unlock()
	if err := h(ctx, asynq.NewTask(TypeMailSend, []byte(msg))); err == nil || errors.Is(err, asynq.SkipRetry) {
		t.Errorf("451: %v, want an error to retry", err)
	}
}

// TestMailQueueToOutbox enqueues through mailQueue and lets an Asynq
// server on an in-process Redis write the mail to the outbox.
func TestMailQueueToOutbox(t *testing.T) {
	mr := miniredis.NewMiniRedis()
	mr.ClockTTL(true)
	if err := mr.StartAddr("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer mr.Close()
	ropt := asynq.RedisClientOpt{Addr: mr.Addr()}
	outbox, err := mailer.NewOutbox(t.TempDir(), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	srv := asynq.NewServer(ropt, asynq.Config{Concurrency: 1, LogLevel: asynq.FatalLevel})
	mux := asynq.NewServeMux()
	mux.Handle(TypeMailSend, handleMailSend(outbox, slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	q := newMailQueue(ropt)
	defer q.Close()
	if err := q.Enqueue(t.Context(), mailer.Message{To: "b@ngo.example", Subject: "Objet é", Text: "Corps\n", Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := outbox.List(t.Context(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 1 {
			if list[0].Subject != "Objet é" {
				t.Errorf("subject %q", list[0].Subject)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the queued mail never reached the outbox")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
