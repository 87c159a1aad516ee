package mailer

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// relay is an in-process SMTP server that records what it receives.
type relay struct {
	addr      string
	port      int
	clientTLS *tls.Config // trusts the relay's certificate

	mu       sync.Mutex
	received []received
	// failRcpt, when set, is the answer to RCPT TO.
	failRcpt *smtp.SMTPError
	authed   []string // usernames that logged in
	tlsSeen  []bool   // whether each message came over TLS
}

type received struct {
	from string
	to   []string
	data []byte
}

const relayUser, relayPassword = "hub", "s3cret-relay-pw"

// startRelay starts a relay on loopback; withTLS offers STARTTLS with a
// certificate made for the test.
func startRelay(t *testing.T, withTLS bool) *relay {
	t.Helper()
	r := &relay{}
	s := smtp.NewServer(r)
	s.Domain = "relay.test"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	if withTLS {
		cert, pool := selfSigned(t)
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		r.clientTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.addr = ln.Addr().String()
	r.port = ln.Addr().(*net.TCPAddr).Port
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return r
}

func (r *relay) NewSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	return &relaySession{r: r, tls: isTLS}, nil
}

func (r *relay) messages() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.received...)
}

type relaySession struct {
	r    *relay
	tls  bool
	from string
	to   []string
}

func (s *relaySession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *relaySession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != relayUser || password != relayPassword {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		s.r.mu.Lock()
		s.r.authed = append(s.r.authed, username)
		s.r.mu.Unlock()
		return nil
	}), nil
}

func (s *relaySession) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }

func (s *relaySession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.r.mu.Lock()
	fail := s.r.failRcpt
	s.r.mu.Unlock()
	if fail != nil {
		return fail
	}
	s.to = append(s.to, to)
	return nil
}

func (s *relaySession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.received = append(s.r.received, received{from: s.from, to: s.to, data: b})
	s.r.tlsSeen = append(s.r.tlsSeen, s.tls)
	return nil
}

func (s *relaySession) Reset()        { s.from, s.to = "", nil }
func (s *relaySession) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "relay.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

var testMessage = Message{
	To: "zoe@ngo.example", ToName: "Zoë Müller", Lang: "de",
	Subject: "Bestätigen Sie Ihre Adresse – EWSI",
	Text:    "Guten Tag,\n\nbitte öffnen Sie diesen Link:\nhttps://hub.example/de/verify?token=abc\n",
}

func TestSMTPSendsOverSTARTTLSWithAuth(t *testing.T) {
	r := startRelay(t, true)
	m, err := NewSMTP(SMTPOptions{Host: "127.0.0.1", Port: r.port, Username: relayUser, Password: relayPassword,
		From: "hub@ewsi.example", TLS: TLSMandatory, TLSConfig: r.clientTLS, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(t.Context(), testMessage); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := r.messages()
	if len(got) != 1 {
		t.Fatalf("relay received %d messages, want 1", len(got))
	}
	if got[0].from != "hub@ewsi.example" || len(got[0].to) != 1 || got[0].to[0] != "zoe@ngo.example" {
		t.Errorf("envelope from %q to %v", got[0].from, got[0].to)
	}
	if !r.tlsSeen[0] || len(r.authed) != 1 {
		t.Errorf("TLS %v, logins %v; want the message over TLS after one login", r.tlsSeen[0], r.authed)
	}
	raw := string(got[0].data)
	// The subject travels as RFC 2047 words, never as raw UTF-8.
	if strings.Contains(raw, "Bestätigen") && !strings.Contains(raw, "=?UTF-8?") {
		t.Errorf("subject not encoded:\n%s", raw)
	}
	for _, h := range []string{"Message-ID: <", "Date: ", "MIME-Version: 1.0", "Content-Language: de",
		"Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"} {
		if !strings.Contains(raw, h) {
			t.Errorf("message lacks %q:\n%s", h, raw)
		}
	}
	l, err := ParseLetter(got[0].data)
	if err != nil {
		t.Fatal(err)
	}
	if l.Subject != testMessage.Subject || l.Text != testMessage.Text || l.Lang != "de" {
		t.Errorf("read back subject %q, lang %q, text %q", l.Subject, l.Lang, l.Text)
	}
	if !strings.Contains(l.To, "zoe@ngo.example") || !strings.Contains(l.To, "Zoë Müller") {
		t.Errorf("To = %q", l.To)
	}
	if strings.Contains(raw, relayPassword) {
		t.Error("the relay password is in the message")
	}
}

func TestSMTPMandatoryTLSRefusesPlainRelay(t *testing.T) {
	r := startRelay(t, false)
	m, err := NewSMTP(SMTPOptions{Host: "127.0.0.1", Port: r.port, From: "hub@ewsi.example", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(t.Context(), testMessage); err == nil {
		t.Fatal("Send succeeded without TLS under the mandatory policy")
	}
	if n := len(r.messages()); n != 0 {
		t.Errorf("relay received %d messages in clear", n)
	}
	plain, err := NewSMTP(SMTPOptions{Host: "127.0.0.1", Port: r.port, From: "hub@ewsi.example", TLS: TLSNone, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := plain.Send(t.Context(), testMessage); err != nil {
		t.Fatalf("Send with TLS none: %v", err)
	}
	if n := len(r.messages()); n != 1 {
		t.Errorf("relay received %d messages, want 1", n)
	}
}

func TestSMTPErrorsPermanentOrNot(t *testing.T) {
	r := startRelay(t, true)
	send := func(pw string) error {
		m, err := NewSMTP(SMTPOptions{Host: "127.0.0.1", Port: r.port, Username: relayUser, Password: pw,
			From: "hub@ewsi.example", TLSConfig: r.clientTLS, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		return m.Send(t.Context(), testMessage)
	}
	r.failRcpt = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	if err := send(relayPassword); !IsPermanent(err) {
		t.Errorf("550 on RCPT: %v, want a permanent error", err)
	}
	r.failRcpt = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
	if err := send(relayPassword); err == nil || IsPermanent(err) {
		t.Errorf("451 on RCPT: %v, want a temporary error", err)
	}
	r.failRcpt = nil
	err := send("wrong password")
	if err == nil {
		t.Fatal("Send with a wrong password succeeded")
	}
	if strings.Contains(err.Error(), "wrong password") {
		t.Errorf("the error shows the password: %v", err)
	}
	// Nobody listens: a network failure is worth retrying.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	m, _ := NewSMTP(SMTPOptions{Host: "127.0.0.1", Port: port, From: "hub@ewsi.example", Timeout: time.Second})
	if err := m.Send(t.Context(), testMessage); err == nil || IsPermanent(err) {
		t.Errorf("connection refused: %v, want a temporary error", err)
	}
	if len(r.messages()) != 0 {
		t.Errorf("relay received %d messages", len(r.messages()))
	}
}

func TestNewSMTPRefusesBadOptions(t *testing.T) {
	for name, o := range map[string]SMTPOptions{
		"no host":    {From: "a@b.example"},
		"bad port":   {Host: "h", Port: 70000, From: "a@b.example"},
		"bad policy": {Host: "h", TLS: "sometimes", From: "a@b.example"},
		"bad from":   {Host: "h", From: "nobody"},
	} {
		if _, err := NewSMTP(o); err == nil {
			t.Errorf("%s: NewSMTP succeeded", name)
		}
	}
}

func TestMessageValidate(t *testing.T) {
	for name, m := range map[string]Message{
		"no recipient":      {Subject: "s", Text: "t"},
		"two recipients":    {To: "a@b.example, c@d.example", Subject: "s", Text: "t"},
		"no subject":        {To: "a@b.example", Text: "t"},
		"no text":           {To: "a@b.example", Subject: "s"},
		"header injection":  {To: "a@b.example", Subject: "s\r\nBcc: x@y.example", Text: "t"},
		"name with newline": {To: "a@b.example", ToName: "A\nB", Subject: "s", Text: "t"},
	} {
		if err := m.Validate(); !errors.Is(err, ErrPermanent) {
			t.Errorf("%s: %v, want ErrPermanent", name, err)
		}
	}
}
