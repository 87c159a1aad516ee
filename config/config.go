// Package config builds the hub's one Config from, in rising precedence,
// defaults, an optional JSON file, EWSI_* environment variables and
// command-line flags, and validates it with messages that name the setting.
// It knows nothing of the packages that use the values.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Config is every setting of the hub. The zero value is not useful; call
// Default or Load.
type Config struct {
	// Addr is the portal's listen address.
	Addr string
	// DataDir holds the embedded catalog, the search index and the outbox.
	DataDir string
	// DB is empty for the embedded SQLite catalog in DataDir, or a
	// postgres:// URL for the shared PostgreSQL catalog.
	DB string
	// Redis is empty for the in-process Redis, or host:port / redis:// URL.
	Redis string
	// Workers is how many harvest tasks one process runs at once.
	Workers int
	// SchedulerTick is how often the scheduler looks for due sources.
	SchedulerTick time.Duration
	// FetchTimeout bounds one HTTP fetch, from dial to last byte.
	FetchTimeout time.Duration
	// MaxBody is the largest response body the harvester accepts, in bytes.
	MaxBody int64
	// HostDelay is the least time between two requests to one host, kept
	// by every worker together.
	HostDelay time.Duration
	// AllowPrivate lists networks (CIDR) that fetches may reach although
	// they are private or loopback; empty in production.
	AllowPrivate []netip.Prefix
	// ContactURL goes into the User-Agent so publishers can reach us.
	ContactURL string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// BaseURL is the portal's public address (https://hub.example.eu);
	// empty means the scheme and host of each request, except in the links
	// of mails, which are then made only for a loopback address (demo).
	BaseURL string
	// AdminEmail is the contact the OAI-PMH Identify answer gives.
	AdminEmail string
	// RegularContributors is how many published contributions in twelve
	// months make a regular contributor, thanked in the bulletin.
	RegularContributors int

	// SMTPHost is the mail relay; empty writes mail to the outbox folder.
	SMTPHost string
	// SMTPPort is the relay's port (587: submission with STARTTLS).
	SMTPPort int
	// SMTPUser and SMTPPassword log in to the relay when SMTPUser is set.
	// The password is never printed: not in help, errors or logs.
	SMTPUser     string
	SMTPPassword string
	// SMTPTLS is mandatory, opportunistic or none.
	SMTPTLS string
	// SMTPFrom is the sender of every mail: an address, optionally with a
	// name ("EWSI Hub <hub@example.eu>").
	SMTPFrom string
	// Outbox is the folder of .eml files written when SMTPHost is empty;
	// empty means "outbox" in DataDir.
	Outbox string

	// SheetMaxAge is how long a section of a country sheet stays current
	// after it was last verified; older sections are marked on the portal
	// and their coordinators reminded.
	SheetMaxAge time.Duration
}

// Default returns the embedded-mode defaults.
func Default() Config {
	return Config{
		Addr:          "127.0.0.1:8080",
		DataDir:       "ewsi-data",
		Workers:       4,
		SchedulerTick: 15 * time.Second,
		FetchTimeout:  30 * time.Second,
		MaxBody:       10 << 20,
		HostDelay:     time.Second,
		ContactURL:    "https://ewsi.example/about/harvester",
		LogLevel:      "info",
		SMTPPort:      587,
		SMTPTLS:       "mandatory",
		SMTPFrom:      "EWSI Hub <hub@ewsi.example>",
		SheetMaxAge:   365 * 24 * time.Hour,

		RegularContributors: 3,
	}
}

// setting binds one Config field to its file key, env var and flag.
type setting struct {
	name string // file key and flag name
	help string
	ptr  any // *string, *int, *int64, *time.Duration, *[]netip.Prefix
}

// secret reports whether a setting's value must never be shown (help,
// errors, logs).
func (s setting) secret() bool { return s.name == "smtp-password" }

func (c *Config) settings() []setting {
	return []setting{
		{"addr", "address the portal listens on", &c.Addr},
		{"data", "folder for the embedded catalog, index and outbox", &c.DataDir},
		{"db", "catalog: empty for embedded SQLite, or postgres://user@host:port/db", &c.DB},
		{"redis", "queue: empty for in-process Redis, or host:port or redis://host:port/db", &c.Redis},
		{"workers", "harvest tasks run at once by one process", &c.Workers},
		{"scheduler-tick", "how often the scheduler looks for due sources", &c.SchedulerTick},
		{"fetch-timeout", "time limit of one fetch", &c.FetchTimeout},
		{"max-body", "largest response body accepted, in bytes", &c.MaxBody},
		{"host-delay", "least time between two requests to one host", &c.HostDelay},
		{"allow-private", "comma-separated networks (CIDR) fetches may reach although private", &c.AllowPrivate},
		{"contact-url", "contact URL sent in the User-Agent", &c.ContactURL},
		{"log-level", "debug, info, warn or error", &c.LogLevel},
		{"base-url", "public address of the portal, e.g. https://hub.example.eu (default: each request's host; mail links need it unless on loopback)", &c.BaseURL},
		{"admin-email", "administrator's address in the OAI-PMH Identify answer", &c.AdminEmail},
		{"regular-contributors", "published contributions in twelve months that make a regular contributor", &c.RegularContributors},
		{"smtp-host", "mail relay; empty writes mail to the outbox folder", &c.SMTPHost},
		{"smtp-port", "mail relay port", &c.SMTPPort},
		{"smtp-user", "mail relay user name; empty sends without logging in", &c.SMTPUser},
		{"smtp-password", "mail relay password (never shown)", &c.SMTPPassword},
		{"smtp-tls", "STARTTLS to the relay: mandatory, opportunistic or none", &c.SMTPTLS},
		{"smtp-from", "sender of the hub's mail", &c.SMTPFrom},
		{"outbox", "folder of the mail written when there is no relay (default: outbox in the data folder)", &c.Outbox},
		{"sheet-max-age", "how long a country sheet section stays current after its last verification (8760h: a year)", &c.SheetMaxAge},
	}
}

// EnvName is the environment variable of a setting: EWSI_ + upper snake case.
func EnvName(name string) string {
	return "EWSI_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// FlagSet returns a flag set bound to c's settings plus --config. Values
// parsed into it override what c already holds.
func (c *Config) FlagSet(name string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	// --config is read by Load before parsing; it is declared so that help
	// lists it and parsing accepts it.
	fs.String("config", "", "optional JSON configuration file (env "+EnvName("config")+")")
	for _, s := range c.settings() {
		fs.Var(value{s}, s.name, s.help+" (env "+EnvName(s.name)+")")
	}
	return fs
}

// Load builds a Config for one subcommand: defaults, then the file named by
// --config or EWSI_CONFIG, then EWSI_* variables, then flags. It returns the
// arguments left after the flags. getenv is os.Getenv in production;
// extra, when not nil, adds the subcommand's own flags.
func Load(name string, args []string, getenv func(string) string, out io.Writer, extra func(*flag.FlagSet)) (*Config, []string, error) {
	c := Default()
	file := configArg(args)
	if file == "" {
		file = getenv(EnvName("config"))
	}
	if file != "" {
		if err := c.loadFile(file); err != nil {
			return nil, nil, err
		}
	}
	for _, s := range c.settings() {
		if v, ok := lookup(getenv, EnvName(s.name)); ok {
			if err := (value{s}).Set(v); err != nil {
				return nil, nil, fmt.Errorf("setting %s from %s: %w", s.name, EnvName(s.name), err)
			}
		}
	}
	fs := c.FlagSet(name, out)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	return &c, fs.Args(), nil
}

// configArg finds --config in args before the flags are parsed, so that
// the file can be read first and flags still win over it.
func configArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, p := range []string{"--config", "-config"} {
			if a == p && i+1 < len(args) {
				return args[i+1]
			}
			if v, ok := strings.CutPrefix(a, p+"="); ok {
				return v
			}
		}
	}
	return ""
}

func lookup(getenv func(string) string, k string) (string, bool) {
	v := getenv(k)
	return v, v != ""
}

// Validate checks every setting; the error names the setting and says what
// is wrong in a sentence.
func (c *Config) Validate() error {
	var errs []error
	bad := func(name, format string, a ...any) {
		errs = append(errs, fmt.Errorf("setting %s (--%s, %s): %s", name, name, EnvName(name), fmt.Sprintf(format, a...)))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("addr", "%q is not host:port", c.Addr)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("data", "the data folder must not be empty")
	}
	if c.DB != "" {
		if err := checkPostgresURL(c.DB); err != nil {
			bad("db", "%v", err)
		}
	}
	if c.Redis != "" {
		if err := checkRedis(c.Redis); err != nil {
			bad("redis", "%v", err)
		}
	}
	if c.Workers < 1 || c.Workers > 256 {
		bad("workers", "must be between 1 and 256, not %d", c.Workers)
	}
	if c.SchedulerTick < time.Second {
		bad("scheduler-tick", "must be at least 1s, not %s", c.SchedulerTick)
	}
	if c.FetchTimeout < time.Second {
		bad("fetch-timeout", "must be at least 1s, not %s", c.FetchTimeout)
	}
	if c.HostDelay < 0 || c.HostDelay > time.Minute {
		bad("host-delay", "must be between 0s and 1m, not %s", c.HostDelay)
	}
	if c.MaxBody < 1024 {
		bad("max-body", "must be at least 1024 bytes, not %d", c.MaxBody)
	}
	if u, err := url.Parse(c.ContactURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		bad("contact-url", "%q is not an http(s) URL", c.ContactURL)
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("base-url", "%q is not an absolute http(s) URL", c.BaseURL)
		}
	}
	if c.RegularContributors < 1 {
		bad("regular-contributors", "must be at least 1, not %d", c.RegularContributors)
	}
	if c.AdminEmail != "" && !strings.Contains(c.AdminEmail, "@") {
		bad("admin-email", "%q is not an email address", c.AdminEmail)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log-level", "must be debug, info, warn or error, not %q", c.LogLevel)
	}
	if c.SheetMaxAge < 24*time.Hour {
		bad("sheet-max-age", "must be at least 24h, not %s", c.SheetMaxAge)
	}
	c.validateMail(bad)
	return errors.Join(errs...)
}

// SQLitePath is the embedded catalog's file.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "catalog.db") }

// RedactedDB is DB with any password replaced, for logs and messages.
func (c *Config) RedactedDB() string {
	if c.DB == "" {
		return "sqlite:" + c.SQLitePath()
	}
	if u, err := url.Parse(c.DB); err == nil {
		return u.Redacted()
	}
	return "postgres://…"
}

func checkPostgresURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("the catalog address is not a URL (expected postgres://user@host:port/dbname)")
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return fmt.Errorf("the catalog address must start with postgres:// (leave it empty for the embedded catalog), not %q", u.Scheme+"://")
	}
	if u.Host == "" {
		return fmt.Errorf("the catalog address %s names no host", u.Redacted())
	}
	return nil
}

func checkRedis(s string) error {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			return fmt.Errorf("the queue address must be host:port or redis://host:port/db")
		}
		return nil
	}
	if _, _, err := net.SplitHostPort(s); err != nil {
		return fmt.Errorf("the queue address %q is not host:port", s)
	}
	return nil
}
