package portal

import (
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// hitView is one document in a result list.
type hitView struct {
	URL          string // the document's page on the portal
	Title        string
	Lang         string // content language, on the title's lang attribute
	Dir          string // "rtl" for right-to-left languages, else ""
	Source       string
	LanguageName string
	Type         string
	Published    string // formatted for the interface language
	PublishedISO string // for <time datetime>
	Summary      string
}

// maxSummaryRunes bounds the summary shown in a result list.
const maxSummaryRunes = 320

func newHitView(loc *i18n.Locale, h catalog.Hit) hitView {
	v := hitView{
		URL:     documentPath(loc.Lang(), h.ID),
		Title:   h.Title,
		Lang:    h.Language,
		Dir:     textDirection(h.Language),
		Source:  h.SourceName,
		Summary: clip(h.Summary, maxSummaryRunes),
	}
	if h.Language != "" {
		v.LanguageName = loc.LanguageName(h.Language)
	}
	if h.ContentType != "" {
		v.Type = loc.TypeName(h.ContentType)
	}
	if !h.Published.IsZero() {
		v.Published = loc.Date(h.Published)
		v.PublishedISO = h.Published.Format("2006-01-02")
	}
	return v
}

// textDirection returns "rtl" for the right-to-left languages sources
// are likely to publish in, so their titles render the right way round.
func textDirection(lang string) string {
	switch lang {
	case "ar", "fa", "he", "ps", "ur", "ku", "yi", "dv":
		return "rtl"
	}
	return ""
}

// clip shortens s to at most n runes, at a word boundary when one is near.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// link is a labelled address.
type link struct {
	Label string
	URL   string
}

// termOr translates key, or returns fallback when the catalogue lacks it
// (a value newer than the catalogues).
func termOr(loc *i18n.Locale, key, fallback string) string {
	if loc.Has(key) {
		return loc.T(key)
	}
	return fallback
}
