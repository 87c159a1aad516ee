package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/mail"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLSPolicy says whether the SMTP connection must be encrypted.
type TLSPolicy string

// TLS policies of SMTPOptions.
const (
	// TLSMandatory: STARTTLS must succeed, or nothing is sent.
	TLSMandatory TLSPolicy = "mandatory"
	// TLSOpportunistic: STARTTLS when the relay offers it.
	TLSOpportunistic TLSPolicy = "opportunistic"
	// TLSNone: plain text, for a relay on the same machine.
	TLSNone TLSPolicy = "none"
)

// SMTPOptions configure an SMTP relay.
type SMTPOptions struct {
	Host string
	Port int // 587 when zero
	// Username and Password authenticate with PLAIN (only over TLS or to
	// localhost) when Username is set. The password is never logged or
	// put into errors.
	Username string
	Password string
	From     string
	TLS      TLSPolicy // mandatory when empty
	// TLSConfig overrides the TLS settings (tests trust their own
	// certificate); nil verifies the relay's certificate against the
	// system roots for Host.
	TLSConfig *tls.Config
	// Timeout bounds connecting and each command; 30 s when zero.
	Timeout time.Duration
}

// SMTP sends through a relay, one connection per message. It is safe for
// concurrent use.
type SMTP struct {
	opts SMTPOptions
	now  func() time.Time
}

// NewSMTP checks the options and returns the relay's Mailer. The error
// names the option that is wrong.
func NewSMTP(o SMTPOptions) (*SMTP, error) {
	if o.Host == "" {
		return nil, errors.New("smtp: no host")
	}
	if o.Port == 0 {
		o.Port = 587
	}
	if o.Port < 1 || o.Port > 65535 {
		return nil, fmt.Errorf("smtp: port %d out of range", o.Port)
	}
	if o.TLS == "" {
		o.TLS = TLSMandatory
	}
	switch o.TLS {
	case TLSMandatory, TLSOpportunistic, TLSNone:
	default:
		return nil, fmt.Errorf("smtp: TLS policy %q is not mandatory, opportunistic or none", o.TLS)
	}
	if _, err := mail.ParseAddress(o.From); err != nil {
		return nil, fmt.Errorf("smtp: sender %q is not an email address", o.From)
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	return &SMTP{opts: o, now: time.Now}, nil
}

// Send delivers m through the relay. Invalid messages and the relay's
// permanent refusals (5xx) wrap ErrPermanent; network failures and 4xx
// answers do not, so the caller tries again later. ctx bounds the whole
// conversation.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := m.build(s.opts.From, s.now().UTC())
	if err != nil {
		return err
	}
	policy := map[TLSPolicy]gomail.TLSPolicy{
		TLSMandatory: gomail.TLSMandatory, TLSOpportunistic: gomail.TLSOpportunistic, TLSNone: gomail.NoTLS,
	}[s.opts.TLS]
	opts := []gomail.Option{
		gomail.WithPort(s.opts.Port),
		gomail.WithTLSPolicy(policy),
		gomail.WithTimeout(s.opts.Timeout),
	}
	if s.opts.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.opts.TLSConfig))
	} else {
		opts = append(opts, gomail.WithTLSConfig(&tls.Config{ServerName: s.opts.Host, MinVersion: tls.VersionTLS12}))
	}
	if s.opts.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain),
			gomail.WithUsername(s.opts.Username), gomail.WithPassword(s.opts.Password))
	}
	c, err := gomail.NewClient(s.opts.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", s.opts.Host, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *gomail.SendError
		if errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
			return fmt.Errorf("smtp %s: %w: %w", s.opts.Host, ErrPermanent, err)
		}
		return fmt.Errorf("smtp %s: %w", s.opts.Host, err)
	}
	return nil
}
