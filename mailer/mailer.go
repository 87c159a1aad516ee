// Package mailer sends the hub's mail: one Mailer interface with two
// implementations, an SMTP relay (github.com/wneessen/go-mail) for the
// several-machines mode and, as the embedded default, an outbox folder of
// .eml files that administrators read in the portal.
//
// It builds and delivers messages; it does not write them (the portal does,
// from its templates, in the recipient's language) nor queue them (cmd
// sends through an Asynq task so that a slow relay never blocks a page).
package mailer

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text mail to one person.
type Message struct {
	To     string // the address
	ToName string // shown beside the address; may be empty
	// Lang is the language the message is written in (Content-Language).
	Lang    string
	Subject string
	Text    string
}

// Mailer delivers messages.
type Mailer interface {
	// Send delivers m or returns why it could not. Errors for which
	// trying again cannot help (a malformed address, a relay's 5xx answer)
	// satisfy IsPermanent.
	Send(ctx context.Context, m Message) error
}

// ErrPermanent marks failures that retrying cannot mend.
var ErrPermanent = errors.New("permanent mail failure")

// IsPermanent reports whether err is a failure that retrying cannot mend.
func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// Validate checks that m has one plain recipient address, a subject and a
// body, and no line breaks in header fields. The error wraps ErrPermanent.
func (m Message) Validate() error {
	a, err := mail.ParseAddress(m.To)
	if err != nil || a.Address != m.To {
		// The address is not repeated: errors end up in logs.
		return fmt.Errorf("%w: the recipient is not one email address", ErrPermanent)
	}
	if strings.TrimSpace(m.Subject) == "" || strings.TrimSpace(m.Text) == "" {
		return fmt.Errorf("%w: the message has no subject or no text", ErrPermanent)
	}
	for _, h := range []string{m.ToName, m.Subject, m.Lang} {
		if strings.ContainsAny(h, "\r\n") {
			return fmt.Errorf("%w: a header field holds a line break", ErrPermanent)
		}
	}
	return nil
}

// build makes the RFC 5322 message from from: UTF-8, quoted-printable
// text, a Message-ID and a Date. go-mail encodes non-ASCII subjects and
// names as RFC 2047 words.
func (m Message) build(from string, now time.Time) (*gomail.Msg, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("%w: sender %q: %w", ErrPermanent, from, err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return nil, fmt.Errorf("%w: the recipient cannot be written in a header", ErrPermanent)
	}
	msg.Subject(m.Subject)
	if m.Lang != "" {
		msg.SetGenHeader(gomail.HeaderContentLang, m.Lang)
	}
	// Mails the hub sends on its own: auto-responders should not answer.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetDateWithValue(now)
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return msg, nil
}
