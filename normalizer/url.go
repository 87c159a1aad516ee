package normalizer

import (
	"net/url"
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

// trackingParams are query parameters that identify a click or a
// campaign, not a resource. Any parameter starting with "utm_" is one too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_hsenc": true, "_hsmi": true, "_ga": true, "_gl": true,
}

// CanonicalURL returns raw without what does not identify the resource: the
// fragment, utm_* campaign parameters and click identifiers (fbclid, gclid,
// msclkid, Mailchimp's and HubSpot's…), the default port and the case of
// the scheme and host. Other parameters keep their order and encoding. A
// raw URL that does not parse is returned trimmed and otherwise unchanged.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); (p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https") {
		u.Host = strings.TrimSuffix(u.Host, ":"+p)
	}
	if u.Host != "" && u.Path == "" && u.Opaque == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		var kept []string
		for _, p := range strings.Split(u.RawQuery, "&") {
			if p == "" {
				continue
			}
			k, _, _ := strings.Cut(p, "=")
			if uk, err := url.QueryUnescape(k); err == nil {
				k = uk
			}
			k = strings.ToLower(k)
			if strings.HasPrefix(k, "utm_") || trackingParams[k] {
				continue
			}
			kept = append(kept, p)
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	u.ForceQuery = false
	return u.String()
}
