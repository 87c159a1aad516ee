package config

import (
	"net/mail"
	"path/filepath"
	"strings"
)

// validateMail checks the mail settings, reporting each
// mistake through bad with the setting's name. The password is never
// quoted.
func (c *Config) validateMail(bad func(name, format string, a ...any)) {
	if c.SMTPPort < 1 || c.SMTPPort > 65535 {
		bad("smtp-port", "must be between 1 and 65535, not %d", c.SMTPPort)
	}
	switch c.SMTPTLS {
	case "mandatory", "opportunistic", "none":
	default:
		bad("smtp-tls", "must be mandatory, opportunistic or none, not %q", c.SMTPTLS)
	}
	if a, err := mail.ParseAddress(c.SMTPFrom); err != nil || !strings.Contains(a.Address, "@") {
		bad("smtp-from", "%q is not an email address", c.SMTPFrom)
	}
	if strings.ContainsAny(c.SMTPHost, "/:@ ") {
		bad("smtp-host", "%q must be a host name or address alone (the port goes in smtp-port)", c.SMTPHost)
	}
	if c.SMTPUser != "" && c.SMTPPassword == "" {
		bad("smtp-password", "is empty although smtp-user is set")
	}
	if c.SMTPUser != "" && c.SMTPTLS == "none" && c.SMTPHost != "localhost" && c.SMTPHost != "127.0.0.1" {
		bad("smtp-tls", "none would send the relay password in clear to %s; use mandatory", c.SMTPHost)
	}
	if c.SMTPHost == "" && c.SMTPUser != "" {
		bad("smtp-host", "is empty although smtp-user is set: mail would go to the outbox and the login be unused")
	}
}

// OutboxPath is the folder of the mail written when there is no relay.
func (c *Config) OutboxPath() string {
	if c.Outbox != "" {
		return c.Outbox
	}
	return filepath.Join(c.DataDir, "outbox")
}
