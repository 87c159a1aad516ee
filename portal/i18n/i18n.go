// Package i18n holds the portal's message catalogues (English, French,
// German) and the per-language formatting of dates, numbers and plurals.
//
// Catalogues are flat JSON objects embedded in the binary, one file per
// interface language, with keys dotted by page ("search.title") or by
// vocabulary ("theme.health", "type.news", "country.FR"). Load fails when
// a file is malformed or when one language lacks a key another has, so a
// missing translation stops the server at start-up rather than showing up
// on a page. The package translates; it does not pick the language of a
// request (the portal does) nor translate content.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
)

//go:embed locales/*.json
var files embed.FS

// Bundle is the set of loaded catalogues, one Locale per language. It is
// immutable after Load and safe for concurrent use.
type Bundle struct {
	langs   []string
	locales map[string]*Locale
}

// Locale translates and formats for one interface language.
type Locale struct {
	lang     string
	tag      language.Tag
	messages map[string]string
	printer  *message.Printer
	langs    display.Namer
	regions  display.Namer
}

// Load reads the embedded catalogues of langs (for example "en", "fr",
// "de"). It returns an error when a catalogue is missing or malformed, or
// when the catalogues do not all hold the same keys.
func Load(langs ...string) (*Bundle, error) {
	if len(langs) == 0 {
		return nil, fmt.Errorf("i18n: no language to load")
	}
	b := &Bundle{langs: slices.Clone(langs), locales: make(map[string]*Locale, len(langs))}
	for _, l := range langs {
		raw, err := files.ReadFile(path.Join("locales", l+".json"))
		if err != nil {
			return nil, fmt.Errorf("i18n: no catalogue for %q: %w", l, err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(raw, &msgs); err != nil {
			return nil, fmt.Errorf("i18n: catalogue %s.json: %w", l, err)
		}
		tag, err := language.Parse(l)
		if err != nil {
			return nil, fmt.Errorf("i18n: language %q: %w", l, err)
		}
		b.locales[l] = &Locale{
			lang:     l,
			tag:      tag,
			messages: msgs,
			printer:  message.NewPrinter(tag),
			langs:    display.Languages(tag),
			regions:  display.Regions(tag),
		}
	}
	if err := b.checkKeys(); err != nil {
		return nil, err
	}
	return b, nil
}

// checkKeys reports every key that one catalogue has and another lacks.
func (b *Bundle) checkKeys() error {
	all := map[string]bool{}
	for _, l := range b.locales {
		for k := range l.messages {
			all[k] = true
		}
	}
	var missing []string
	for _, lang := range b.langs {
		l := b.locales[lang]
		for k := range all {
			if _, ok := l.messages[k]; !ok {
				missing = append(missing, lang+":"+k)
			}
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("i18n: %d missing translations: %s", len(missing), strings.Join(missing, ", "))
	}
	return nil
}

// Languages returns the loaded languages in the order given to Load.
func (b *Bundle) Languages() []string { return slices.Clone(b.langs) }

// Locale returns the locale of lang, or nil when lang was not loaded.
func (b *Bundle) Locale(lang string) *Locale { return b.locales[lang] }

// Keys returns the sorted keys of lang's catalogue.
func (b *Bundle) Keys(lang string) []string {
	l := b.locales[lang]
	if l == nil {
		return nil
	}
	keys := make([]string, 0, len(l.messages))
	for k := range l.messages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Lang returns the locale's language code.
func (l *Locale) Lang() string { return l.lang }

// Has reports whether the catalogue holds key.
func (l *Locale) Has(key string) bool {
	_, ok := l.messages[key]
	return ok
}

// T returns the message of key, formatted with args by fmt.Sprintf when
// args are given. A missing key yields the key itself, so a gap shows on
// the page instead of breaking it; the catalogue and template tests keep
// that from reaching users.
func (l *Locale) T(key string, args ...any) string {
	msg, ok := l.messages[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Plural returns the message of key+".one" or key+".other", chosen by n
// under the language's plural rule, with n formatted as a number in place
// of the message's %s.
func (l *Locale) Plural(key string, n int) string {
	form := "other"
	switch l.lang {
	case "fr":
		if n == 0 || n == 1 {
			form = "one"
		}
	default:
		if n == 1 {
			form = "one"
		}
	}
	return l.T(key+"."+form, l.Number(n))
}

// Number formats n with the language's digit grouping (1,234 · 1 234 · 1.234).
func (l *Locale) Number(n int) string { return l.printer.Sprintf("%d", n) }

// Date formats the calendar date of t, in t's own location, the way the
// language writes it in running text: "26 November 2026",
// "26 novembre 2026", "26. November 2026". The zero time yields "".
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = l.T("date.day.1")
	}
	return strings.NewReplacer(
		"{day}", day,
		"{month}", l.T("date.month."+strconv.Itoa(int(t.Month()))),
		"{year}", strconv.Itoa(t.Year()),
	).Replace(l.T("date.pattern"))
}

// LanguageName names a content language (ISO 639-1 code) in this locale:
// from the catalogue ("language.de") for the EU languages, else from the
// CLDR names of golang.org/x/text, else the code itself.
func (l *Locale) LanguageName(code string) string {
	if code == "" {
		return l.T("language.unknown")
	}
	if msg, ok := l.messages["language."+code]; ok {
		return msg
	}
	if b, err := language.ParseBase(code); err == nil {
		if name := l.langs.Name(b); name != "" {
			return name
		}
	}
	return code
}

// CountryName names a country (ISO 3166-1 alpha-2 or "EU") in this locale,
// from the catalogue for the covered countries, else from CLDR, else the
// code itself.
func (l *Locale) CountryName(code string) string {
	if msg, ok := l.messages["country."+code]; ok {
		return msg
	}
	if r, err := language.ParseRegion(code); err == nil {
		if name := l.regions.Name(r); name != "" {
			return name
		}
	}
	return code
}

// ThemeName names a theme or sub-theme slug; an unknown slug is returned
// as it is.
func (l *Locale) ThemeName(slug string) string { return l.term("theme.", slug) }

// TypeName names a content type slug; an unknown slug is returned as it is.
func (l *Locale) TypeName(slug string) string { return l.term("type.", slug) }

func (l *Locale) term(prefix, slug string) string {
	if msg, ok := l.messages[prefix+slug]; ok {
		return msg
	}
	return slug
}

// Time formats the clock time of t, in t's own location, the way the
// language writes it: "14:05" in English and German, "14 h 05" in French.
func (l *Locale) Time(t time.Time) string {
	return strings.NewReplacer(
		"{hour}", fmt.Sprintf("%02d", t.Hour()),
		"{minute}", fmt.Sprintf("%02d", t.Minute()),
	).Replace(l.T("time.pattern"))
}

// MonthYear names the month of t with its year: "December 2026",
// "décembre 2026", "Dezember 2026".
func (l *Locale) MonthYear(t time.Time) string {
	return strings.NewReplacer(
		"{month}", l.T("date.month."+strconv.Itoa(int(t.Month()))),
		"{year}", strconv.Itoa(t.Year()),
	).Replace(l.T("date.month_year"))
}

// Weekday names a day of the week; short gives the abbreviation a
// calendar's column headers use.
func (l *Locale) Weekday(d time.Weekday, short bool) string {
	n := int(d)
	if n == 0 {
		n = 7 // Sunday, last of the European week
	}
	if short {
		return l.T("date.weekday.short." + strconv.Itoa(n))
	}
	return l.T("date.weekday." + strconv.Itoa(n))
}
