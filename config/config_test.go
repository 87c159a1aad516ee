package config

import (
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ewsi.json")
	os.WriteFile(file, []byte(`{"addr": "127.0.0.1:1000", "workers": 2, "data": "/from-file", "allow-private": ["127.0.0.0/8", "::1"]}`), 0o600)
	c, rest, err := Load("serve", []string{"--config", file, "--addr", "127.0.0.1:3000", "extra"},
		env(map[string]string{"EWSI_ADDR": "127.0.0.1:2000", "EWSI_WORKERS": "7"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Addr = "127.0.0.1:3000" // flag beats env beats file
	want.Workers = 7             // env beats file
	want.DataDir = "/from-file"
	want.AllowPrivate = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	if diff := cmp.Diff(want, *c, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"extra"}, rest); diff != "" {
		t.Errorf("rest (-want +got):\n%s", diff)
	}
}

func TestLoadErrorsNameTheSetting(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--db", "mysql://x"}, nil, "setting db (--db, EWSI_DB): the catalog address must start with postgres://"},
		{[]string{"--db", "postgres://"}, nil, "names no host"},
		{[]string{"--redis", "nohostport"}, nil, "setting redis"},
		{[]string{"--workers", "0"}, nil, "setting workers"},
		{[]string{"--workers", "many"}, nil, `"many" is not a whole number`},
		{nil, map[string]string{"EWSI_FETCH_TIMEOUT": "soon"}, "setting fetch-timeout from EWSI_FETCH_TIMEOUT"},
		{[]string{"--allow-private", "10.0.0.0/33"}, nil, "is not a network"},
		{[]string{"--log-level", "loud"}, nil, "setting log-level"},
		{[]string{"--addr", "nocolon"}, nil, "setting addr"},
		{[]string{"--sheet-max-age", "1h"}, nil, "setting sheet-max-age (--sheet-max-age, EWSI_SHEET_MAX_AGE): must be at least 24h"},
	}
	for _, tt := range tests {
		_, _, err := Load("serve", tt.args, env(tt.env), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q, %v) error = %v, want it to contain %q", tt.args, tt.env, err, tt.want)
		}
	}
}

func TestSheetMaxAge(t *testing.T) {
	c, _, err := Load("serve", nil, env(nil), io.Discard, nil)
	if err != nil || c.SheetMaxAge != 365*24*time.Hour {
		t.Fatalf("default sheet-max-age = %v, %v; want a year", c.SheetMaxAge, err)
	}
	c, _, err = Load("serve", []string{"--sheet-max-age", "2160h"}, env(nil), io.Discard, nil)
	if err != nil || c.SheetMaxAge != 90*24*time.Hour {
		t.Errorf("--sheet-max-age 2160h = %v, %v", c.SheetMaxAge, err)
	}
}

func TestLoadBadFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"notjson.json": `addr = 1`,
		"unknown.json": `{"colour": "blue"}`,
		"badtype.json": `{"workers": {"n": 1}}`,
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		if _, _, err := Load("serve", []string{"--config=" + p}, env(nil), io.Discard, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, _, err := Load("serve", nil, env(map[string]string{"EWSI_CONFIG": filepath.Join(dir, "missing.json")}), io.Discard, nil); err == nil {
		t.Error("missing file: no error")
	}
}

func TestDefaultsAreValidAndEmbedded(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.DB != "" || c.Redis != "" {
		t.Errorf("defaults must select the embedded mode, got db=%q redis=%q", c.DB, c.Redis)
	}
	if c.SchedulerTick != 15*time.Second {
		t.Errorf("tick = %s", c.SchedulerTick)
	}
}

func TestRedactedDB(t *testing.T) {
	c := Default()
	c.DB = "postgres://hub:secret@db.internal:5432/hub"
	if got := c.RedactedDB(); strings.Contains(got, "secret") {
		t.Errorf("RedactedDB leaks the password: %s", got)
	}
}

func TestMailSettings(t *testing.T) {
	c, _, err := Load("serve", []string{"--smtp-host", "relay.example.eu", "--smtp-user", "hub", "--smtp-from", "EWSI <hub@example.eu>",
		"--base-url", "https://hub.example.eu"}, env(map[string]string{"EWSI_SMTP_PASSWORD": "pa55-w0rd", "EWSI_SMTP_PORT": "2525"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPHost != "relay.example.eu" || c.SMTPPort != 2525 || c.SMTPUser != "hub" || c.SMTPPassword != "pa55-w0rd" ||
		c.SMTPTLS != "mandatory" || c.BaseURL != "https://hub.example.eu" || c.OutboxPath() != filepath.Join("ewsi-data", "outbox") {
		t.Errorf("config = %+v", c)
	}
	// The password never shows in help.
	var help strings.Builder
	fs := c.FlagSet("serve", &help)
	fs.PrintDefaults()
	if strings.Contains(help.String(), "pa55-w0rd") {
		t.Error("help prints the SMTP password")
	}
	if !strings.Contains(help.String(), "EWSI_SMTP_PASSWORD") {
		t.Error("help does not list smtp-password")
	}
}

func TestMailSettingErrorsNameTheSetting(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--smtp-port", "0"}, "setting smtp-port"},
		{[]string{"--smtp-tls", "maybe"}, "setting smtp-tls"},
		{[]string{"--smtp-from", "nobody"}, "setting smtp-from"},
		{[]string{"--smtp-host", "relay:25"}, "setting smtp-host"},
		{[]string{"--smtp-host", "relay", "--smtp-user", "u"}, "setting smtp-password"},
		{[]string{"--smtp-host", "relay", "--smtp-user", "u", "--smtp-password", "secret-pw", "--smtp-tls", "none"}, "setting smtp-tls"},
		{[]string{"--smtp-user", "u", "--smtp-password", "secret-pw"}, "setting smtp-host"},
		{[]string{"--base-url", "hub.example.eu"}, "setting base-url"},
	}
	for _, tt := range tests {
		_, _, err := Load("serve", tt.args, env(nil), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want it to contain %q", tt.args, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret-pw") {
			t.Errorf("Load(%q) error shows the password: %v", tt.args, err)
		}
	}
}
