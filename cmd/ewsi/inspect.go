package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/normalizer"
)

const inspectUsage = `Usage: ewsi inspect [flags] FILE|URL [flags]

Prints what the harvester would make of a feed or a page, as a JSON list of
documents: one per item of a feed, one for a page. A URL is fetched with the
harvester's client, so private and loopback addresses are refused unless
--allow-private names them.

  --url U            the address FILE was published at (resolves its links)
  --source-lang L    the source's default language (ISO 639-1)
  --source-country C the source's default country (ISO 3166-1, or EU)`

// inspected is one document as inspect prints it: the fields normalisation
// sets, with stable snake_case names.
type inspected struct {
	Key          string                `json:"key"`
	URL          string                `json:"url,omitempty"`
	CanonicalURL string                `json:"canonical_url"`
	Title        string                `json:"title"`
	Summary      string                `json:"summary,omitempty"`
	Text         string                `json:"text"`
	HTML         string                `json:"html"`
	Language     string                `json:"language"`
	Languages    []string              `json:"languages"`
	LanguageFrom string                `json:"language_from,omitempty"`
	Authors      []string              `json:"authors,omitempty"`
	Publisher    string                `json:"publisher,omitempty"`
	Licence      string                `json:"licence,omitempty"`
	Themes       []string              `json:"themes"`
	ContentType  string                `json:"content_type"`
	Countries    []string              `json:"countries"`
	Published    *time.Time            `json:"published"`
	Updated      *time.Time            `json:"updated,omitempty"`
	Translations []catalog.Translation `json:"translations,omitempty"`
	Event        *catalog.Event        `json:"event"`
	Funding      *catalog.Funding      `json:"funding"`
	Legislation  *catalog.Legislation  `json:"legislation,omitempty"`
	ContentHash  string                `json:"content_hash"`
}

func inspectView(d *catalog.Document) inspected {
	v := inspected{Key: d.Key, URL: d.URL, CanonicalURL: d.CanonicalURL, Title: d.Title, Summary: d.Summary,
		Text: d.Text, HTML: d.HTML, Language: d.Language, Languages: d.Languages, LanguageFrom: d.LanguageFrom,
		Authors: d.Authors, Publisher: d.Publisher, Licence: d.Licence, Themes: d.Themes,
		ContentType: d.ContentType, Countries: d.Countries, Translations: d.Translations,
		Event: d.Event, Funding: d.Funding, Legislation: d.Legislation, ContentHash: d.ContentHash}
	if v.Languages == nil {
		v.Languages = []string{}
	}
	if v.Themes == nil {
		v.Themes = []string{}
	}
	if v.Countries == nil {
		v.Countries = []string{}
	}
	if !d.Published.IsZero() {
		v.Published = &d.Published
	}
	if !d.Updated.IsZero() {
		v.Updated = &d.Updated
	}
	return v
}

// inspect runs `ewsi inspect`. Errors: errUsage for a wrong call; a fetch
// refused or failed, an unreadable file, or an item the normaliser
// refuses (catalog.ErrInvalid) otherwise.
func (e *env) inspect(ctx context.Context, args []string) error {
	var pageURL, sourceLang, sourceCountry string
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&pageURL, "url", "", "the address FILE was published at")
		fs.StringVar(&sourceLang, "source-lang", "", "the source's default language (ISO 639-1)")
		fs.StringVar(&sourceCountry, "source-country", "", "the source's default country (ISO 3166-1, or EU)")
	}
	cfg, rest, err := e.load("inspect", args, extra)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		// Flags after the argument: parse them too (the flag package
		// stops at the first argument).
		target := rest[0]
		cfg, rest, err = e.load("inspect", append(append([]string{}, args[:len(args)-len(rest)]...), rest[1:]...), extra)
		if err != nil {
			return err
		}
		rest = append([]string{target}, rest...)
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: ewsi inspect takes exactly one FILE or URL\n%s", errUsage, inspectUsage)
	}
	target := rest[0]

	var body []byte
	var contentType string
	base := pageURL
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		client := fetch.New(fetch.Options{
			Timeout:      cfg.FetchTimeout,
			MaxBody:      cfg.MaxBody,
			AllowPrivate: cfg.AllowPrivate,
			UserAgent:    "EWSI-Hub-Harvester/0.1 (+" + cfg.ContactURL + ")",
		})
		resp, err := client.Get(ctx, target, fetch.Validators{})
		if err != nil {
			return fmt.Errorf("cannot fetch %s: %w", target, err)
		}
		body, contentType = resp.Body, resp.Header.Get("Content-Type")
		if base == "" {
			base = resp.URL
		}
	} else {
		f, err := os.Open(target)
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", target, err)
		}
		body, err = io.ReadAll(io.LimitReader(f, cfg.MaxBody+1))
		f.Close()
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", target, err)
		}
		if int64(len(body)) > cfg.MaxBody {
			return fmt.Errorf("cannot read %s: larger than --max-body (%d bytes)", target, cfg.MaxBody)
		}
	}

	norm, err := normalizer.New(normalizer.Options{})
	if err != nil {
		return fmt.Errorf("starting the normalizer: %w", err)
	}
	src := &catalog.Source{ID: 1, URL: base, Language: sourceLang, Country: strings.ToUpper(sourceCountry)}
	// The harvester's own path: decode to UTF-8, then read as a feed, and
	// as a page when it is not one.
	body, _ = harvester.ToUTF8(body, contentType)
	var inputs []normalizer.Input
	feed, err := harvester.ParseFeed(body, base, src)
	if err == nil {
		inputs = feed.Items
	} else if errors.Is(err, harvester.ErrNotAFeed) {
		key := base
		if key == "" {
			key = "file:" + target
		}
		inputs = []normalizer.Input{{SourceID: src.ID, Key: key, URL: base, HTML: string(body),
			ContentType: contentType, SourceLanguage: sourceLang, SourceCountry: src.Country}}
	} else if err != nil {
		return err
	}
	out := []inspected{}
	for _, in := range inputs {
		d, err := norm.Normalize(in)
		if err != nil {
			return fmt.Errorf("normalising %s: %w", in.Key, err)
		}
		out = append(out, inspectView(d))
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
