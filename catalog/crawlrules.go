package catalog

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// CrawlRules say how a site source (KindSite) is crawled: the source
// owner's rules, stored with the source as JSON. The harvester checks
// them fully (patterns, selectors, bounds) when it crawls; see
// harvester/kinds.CrawlRules, which has the same fields.
type CrawlRules struct {
	StartURLs        []string `json:"start_urls,omitempty"`
	AllowedHosts     []string `json:"allowed_hosts,omitempty"`
	Include          []string `json:"include,omitempty"`
	Exclude          []string `json:"exclude,omitempty"`
	MaxDepth         int      `json:"max_depth,omitempty"`
	MaxPages         int      `json:"max_pages,omitempty"`
	ItemLinkSelector string   `json:"item_link_selector,omitempty"`
	TitleSelector    string   `json:"title_selector,omitempty"`
	DateSelector     string   `json:"date_selector,omitempty"`
	BodySelector     string   `json:"body_selector,omitempty"`
}

// IsZero reports whether r holds no rule.
func (r CrawlRules) IsZero() bool { return reflect.ValueOf(r).IsZero() }

// MarshalRules encodes r as stores keep it: "" for no rules.
func MarshalRules(r CrawlRules) string {
	if r.IsZero() {
		return ""
	}
	b, _ := json.Marshal(r) // strings and ints always marshal
	return string(b)
}

// UnmarshalRules decodes what MarshalRules made; the error wraps
// ErrInvalid and names the JSON problem.
func UnmarshalRules(s string) (CrawlRules, error) {
	var r CrawlRules
	if s == "" {
		return r, nil
	}
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return r, fmt.Errorf("%w: crawl rules: %v", ErrInvalid, err)
	}
	return r, nil
}
