package mailer

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Outbox is the embedded mode's Mailer: every message becomes one .eml
// file (RFC 5322, MIME, UTF-8) in a folder, where administrators read it
// through the portal or a mail client opens it. It is safe for concurrent
// use, also by several processes sharing the folder.
type Outbox struct {
	dir  string
	from string
	now  func() time.Time
}

// NewOutbox returns an outbox writing to dir (created if needed, readable
// by its owner and group only) with from as the sender address. The error
// says why the folder cannot be used.
func NewOutbox(dir, from string) (*Outbox, error) {
	if _, err := mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("outbox: sender %q is not an email address", from)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return &Outbox{dir: dir, from: from, now: time.Now}, nil
}

// Dir is the outbox folder.
func (o *Outbox) Dir() string { return o.dir }

// Send writes m as a new .eml file. The file appears whole or not at all:
// it is written under a temporary name and renamed. Errors wrap
// ErrPermanent for an invalid message.
func (o *Outbox) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := o.now().UTC()
	msg, err := m.build(o.from, t)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	// Names sort by time; the random part keeps two messages of one
	// microsecond apart.
	name := t.Format("20060102T150405.000000Z") + "-" + strings.ToLower(rand.Text()[:10]) + ".eml"
	tmp, err := os.CreateTemp(o.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("outbox: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o640); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(o.dir, name)); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// Envelope is what a list of mails shows of one.
type Envelope struct {
	Name    string // the file name, the message's key in Letter
	Date    time.Time
	From    string
	To      string
	Subject string // decoded
	Lang    string // Content-Language, the language of Subject and text
}

// Letter is one message as read back: its envelope, the decoded text and
// the raw file.
type Letter struct {
	Envelope
	Text string
	Raw  []byte
}

// List returns the envelopes of the messages in the outbox, newest first,
// at most limit (all when limit <= 0). Files that are not mail are skipped.
func (o *Outbox) List(ctx context.Context, limit int) ([]Envelope, error) {
	entries, err := os.ReadDir(o.dir)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".eml") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	slices.Reverse(names)
	out := []Envelope{}
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if limit > 0 && len(out) == limit {
			break
		}
		l, err := o.Letter(ctx, n)
		if err != nil {
			continue // half-written by hand, or not mail: not ours to show
		}
		out = append(out, l.Envelope)
	}
	return out, nil
}

// Letter reads one message by the name List gave. A name that is not an
// outbox file (or tries to leave the folder) yields an error wrapping
// fs.ErrNotExist; a file that is not a readable message, another error.
func (o *Outbox) Letter(ctx context.Context, name string) (*Letter, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(name, ".eml") || strings.HasPrefix(name, ".") ||
		strings.ContainsAny(name, `/\`) || filepath.Base(name) != name {
		return nil, fmt.Errorf("outbox: message %q: %w", name, fs.ErrNotExist)
	}
	raw, err := os.ReadFile(filepath.Join(o.dir, name))
	if err != nil {
		return nil, fmt.Errorf("outbox: message %q: %w", name, err)
	}
	l, err := ParseLetter(raw)
	if err != nil {
		return nil, fmt.Errorf("outbox: message %q: %w", name, err)
	}
	l.Name = name
	return l, nil
}

// ParseLetter reads a message as Send writes it: headers decoded
// (RFC 2047), the text/plain body decoded from quoted-printable or base64,
// in a multipart message the first text/plain part.
func ParseLetter(raw []byte) (*Letter, error) {
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return nil, err
	}
	dec := new(mime.WordDecoder)
	header := func(k string) string {
		v := msg.Header.Get(k)
		if d, err := dec.DecodeHeader(v); err == nil {
			return d
		}
		return v
	}
	l := &Letter{Raw: raw}
	l.Lang = header("Content-Language")
	l.From, l.To, l.Subject = header("From"), header("To"), header("Subject")
	if d, err := msg.Header.Date(); err == nil {
		l.Date = d.UTC()
	}
	text, err := plainText(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	if err != nil {
		return nil, err
	}
	l.Text = text
	return l, nil
}

func plainText(contentType, cte string, body io.Reader) (string, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil && contentType != "" {
		return "", fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return "", fmt.Errorf("no text/plain part")
			}
			if err != nil {
				return "", err
			}
			pt := p.Header.Get("Content-Type")
			if pmt, _, _ := mime.ParseMediaType(pt); pmt == "text/plain" || pt == "" {
				return plainText(pt, p.Header.Get("Content-Transfer-Encoding"), p)
			}
		}
	}
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, newlineStripper{body})
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

// newlineStripper drops CR and LF, which base64 bodies wrap lines with.
type newlineStripper struct{ r io.Reader }

func (n newlineStripper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
