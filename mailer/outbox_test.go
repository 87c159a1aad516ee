package mailer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOutboxWritesReadableMail(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	o, err := NewOutbox(dir, "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	o.now = func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) }
	if err := o.Send(t.Context(), testMessage); err != nil {
		t.Fatalf("Send: %v", err)
	}
	o.now = func() time.Time { return time.Date(2026, 11, 26, 11, 0, 0, 0, time.UTC) }
	second := Message{To: "x@y.example", Subject: "Plain subject", Text: "Hello\n"}
	if err := o.Send(t.Context(), second); err != nil {
		t.Fatal(err)
	}
	list, err := o.List(t.Context(), 0)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list) != 2 || list[0].Subject != "Plain subject" || list[1].Subject != testMessage.Subject {
		t.Fatalf("List = %+v, want the two messages newest first", list)
	}
	if !list[1].Date.Equal(time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Date = %v", list[1].Date)
	}
	l, err := o.Letter(t.Context(), list[1].Name)
	if err != nil {
		t.Fatalf("Letter: %v", err)
	}
	if l.Text != testMessage.Text || l.Lang != "de" || l.From != "<hub@ewsi.example>" && l.From != "hub@ewsi.example" {
		t.Errorf("Letter = from %q, lang %q, text %q", l.From, l.Lang, l.Text)
	}
	raw := string(l.Raw)
	if strings.Contains(raw, "Bestätigen") {
		t.Errorf("raw UTF-8 in the file, want RFC 2047 and quoted-printable:\n%s", raw)
	}
	if !strings.Contains(raw, "\r\n") {
		t.Error("lines do not end in CRLF as RFC 5322 wants")
	}
	info, err := os.Stat(filepath.Join(dir, list[1].Name))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o007 != 0 {
		t.Errorf("mail file mode %v is readable by others", info.Mode().Perm())
	}
	if limited, _ := o.List(t.Context(), 1); len(limited) != 1 {
		t.Errorf("List(1) = %d messages", len(limited))
	}
}

func TestOutboxLetterRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	o, err := NewOutbox(filepath.Join(dir, "outbox"), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "secret.eml"), []byte("Subject: x\r\n\r\nsecret"), 0o600)
	os.WriteFile(filepath.Join(dir, "outbox", "notes.txt"), []byte("x"), 0o600)
	for _, name := range []string{"../secret.eml", "..\\secret.eml", "/etc/passwd", "notes.txt", ".tmp-1.eml", "missing.eml", ""} {
		if _, err := o.Letter(t.Context(), name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Letter(%q): %v, want fs.ErrNotExist", name, err)
		}
	}
	if list, err := o.List(t.Context(), 0); err != nil || len(list) != 0 {
		t.Errorf("List = %v, %v; want nothing", list, err)
	}
}

func TestOutboxConcurrentSends(t *testing.T) {
	o, err := NewOutbox(t.TempDir(), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if err := o.Send(t.Context(), Message{To: "a@b.example", Subject: "s", Text: "t"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	list, err := o.List(t.Context(), 0)
	if err != nil || len(list) != 20 {
		t.Errorf("List = %d messages, %v; want 20", len(list), err)
	}
}

func TestOutboxRefusesInvalidMessage(t *testing.T) {
	o, err := NewOutbox(t.TempDir(), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Send(t.Context(), Message{To: "bad", Subject: "s", Text: "t"}); !IsPermanent(err) {
		t.Errorf("Send to a bad address: %v, want permanent", err)
	}
	if _, err := NewOutbox(t.TempDir(), "not an address"); err == nil {
		t.Error("NewOutbox accepted a bad sender")
	}
}
