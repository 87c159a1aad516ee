package normalizer

import (
	"net/url"
	"sort"
	"strings"
)

// resolve makes ref absolute against base and keeps it only if it is an
// http, https or mailto address; anything else (javascript:, data:,
// vbscript:, a relative reference with no base, an unparsable string) is
// refused. Parsing lower-cases the scheme and rejects control characters,
// so "JaVaScRiPt:" and "java\tscript:" are refused too; entities were
// already decoded by the HTML parser.
func resolve(base *url.URL, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
	default:
		return "", false
	}
	return u.String(), true
}

// webURL parses raw as an absolute http(s) URL, or returns nil.
func webURL(raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// trackingParams are query parameters that identify a click, a campaign
// or a mailing, not a resource. Any parameter starting with "utm_" is one
// too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_hsenc": true, "_hsmi": true, "_ga": true, "_gl": true, "mkt_tok": true,
	"twclid": true, "ttclid": true, "li_fat_id": true, "s_cid": true, "vero_id": true,
	"oly_anon_id": true, "oly_enc_id": true, "rb_clickid": true, "wickedid": true,
	"srsltid": true, "ocid": true, "cmpid": true, "xtor": true, "at_medium": true,
	"at_campaign": true, "pk_campaign": true, "pk_kwd": true, "pk_source": true,
	"pk_medium": true, "mtm_campaign": true, "mtm_source": true, "mtm_medium": true,
}

// CanonicalURL returns the form of an http(s) address under which the
// catalog recognises a resource, whatever link led to it:
//
//   - scheme and host in lower case, the host without a trailing dot and
//     without the scheme's default port;
//   - the path with "." and ".." segments resolved, percent-escapes of
//     unreserved characters decoded ("%7E" → "~") and the others in upper
//     case ("%c3%a9" → "%C3%A9"), and no trailing slash except for the
//     root ("/news/" → "/news"): sites serve both, and links mix them;
//   - no fragment and no user information;
//   - no tracking parameters (utm_*, fbclid, gclid, Mailchimp's mc_cid
//     and mc_eid, HubSpot's, Matomo's and Piwik's campaign parameters, _ga
//     and the others of trackingParams), the remaining parameters sorted
//     by name (the order of equal names kept) and escaped the same way as
//     the path; an empty query is dropped.
//
// Anything that is not an absolute http(s) URL, or does not parse, is
// returned trimmed and otherwise unchanged. Which URL to canonicalise —
// the item's link or the page's rel=canonical — is decided by readMeta.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return raw
	}
	host, port := strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), u.Port()
	if (port == "80" && u.Scheme == "http") || (port == "443" && u.Scheme == "https") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6 literal
	}
	if port != "" {
		host += ":" + port
	}
	p := cleanPath(normEscapes(u.EscapedPath()))
	if len(p) > 1 {
		if p = strings.TrimRight(p, "/"); p == "" {
			p = "/"
		}
	}
	// User information and the fragment never identify the resource.
	return u.Scheme + "://" + host + p + query(u.RawQuery)
}

// query returns "?" and the canonical form of raw, or "" when nothing is
// left of it.
func query(raw string) string {
	if raw == "" {
		return ""
	}
	type param struct{ key, raw string }
	var kept []param
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		k, _, _ := strings.Cut(p, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		kept = append(kept, param{k, normEscapes(p)})
	}
	if len(kept) == 0 {
		return ""
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	var b strings.Builder
	b.WriteByte('?')
	for i, p := range kept {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.raw)
	}
	return b.String()
}

// normEscapes decodes percent-escapes of unreserved characters (letters,
// digits, "-", ".", "_", "~") and upper-cases the hex of the others.
func normEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			c := unhex(s[i+1])<<4 | unhex(s[i+2])
			if unreserved(c) {
				b.WriteByte(c)
			} else {
				b.WriteByte('%')
				b.WriteString(strings.ToUpper(s[i+1 : i+3]))
			}
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// cleanPath resolves "." and ".." segments of an escaped path, keeping a
// trailing slash, and makes an empty path "/".
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p, "/")
	var out []string
	for i, s := range segs {
		switch s {
		case ".":
			if i == len(segs)-1 {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if i == len(segs)-1 {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}
