package config

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

// value adapts a setting to flag.Value and to file and env parsing.
type value struct{ s setting }

func (v value) String() string {
	if v.s.ptr == nil || v.s.secret() {
		return ""
	}
	switch p := v.s.ptr.(type) {
	case *string:
		return *p
	case *int:
		return strconv.Itoa(*p)
	case *int64:
		return strconv.FormatInt(*p, 10)
	case *time.Duration:
		return p.String()
	case *[]netip.Prefix:
		var parts []string
		for _, n := range *p {
			parts = append(parts, n.String())
		}
		return strings.Join(parts, ",")
	}
	return ""
}

func (v value) Set(raw string) error {
	switch p := v.s.ptr.(type) {
	case *string:
		*p = raw
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", raw)
		}
		*p = n
	case *int64:
		n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", raw)
		}
		*p = n
	case *time.Duration:
		d, err := time.ParseDuration(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Errorf("%q is not a duration such as 30s or 5m", raw)
		}
		*p = d
	case *[]netip.Prefix:
		var out []netip.Prefix
		for _, f := range strings.Split(raw, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			n, err := parsePrefix(f)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		*p = out
	}
	return nil
}

// parsePrefix accepts a CIDR or a bare address (a /32 or /128).
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		n, err := netip.ParsePrefix(s)
		if err != nil {
			return n, fmt.Errorf("%q is not a network such as 127.0.0.0/8", s)
		}
		return n.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or network", s)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// loadFile reads a JSON object whose keys are setting names; numbers,
// strings and lists are accepted where they make sense.
func (c *Config) loadFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("configuration file: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("configuration file %s is not a JSON object: %w", path, err)
	}
	known := map[string]setting{}
	for _, s := range c.settings() {
		known[s.name] = s
	}
	for k, msg := range raw {
		s, ok := known[k]
		if !ok {
			return fmt.Errorf("configuration file %s: unknown setting %q", path, k)
		}
		str, err := jsonScalar(msg)
		if err != nil {
			return fmt.Errorf("configuration file %s: setting %s: %w", path, k, err)
		}
		if err := (value{s}).Set(str); err != nil {
			return fmt.Errorf("configuration file %s: setting %s: %w", path, k, err)
		}
	}
	return nil
}

// jsonScalar turns a JSON string, number or list of strings into the text
// form Set parses.
func jsonScalar(msg json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(msg, &s) == nil {
		return s, nil
	}
	var n json.Number
	if json.Unmarshal(msg, &n) == nil {
		return n.String(), nil
	}
	var list []string
	if json.Unmarshal(msg, &list) == nil {
		return strings.Join(list, ","), nil
	}
	return "", fmt.Errorf("must be a string, a number or a list of strings")
}
