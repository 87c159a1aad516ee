package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/harvester/fetch"
)

const sourcesUsage = `Usage:
  ewsi sources add [--kind feed|calendar|sitemap|oai|site] [--rules FILE] [--name NAME] [--publisher ORG] [--lang LL] [--country CC] URL
                             a homepage given as a feed is looked into for its feed;
                             a site is crawled by the JSON rules in FILE (start_urls, include, exclude,
                             max_depth, max_pages, item_link_selector, title_selector, date_selector, body_selector)
  ewsi sources list          every source with its state, items and silence
  ewsi sources show ID       one source's health and last runs
  ewsi sources harvest ID    harvest one source now, in this process`

func (e *env) sources(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: ewsi sources needs add, list, show or harvest\n%s", errUsage, sourcesUsage)
	}
	switch args[0] {
	case "add":
		return e.sourcesAdd(ctx, args[1:])
	case "list":
		return e.sourcesList(ctx, args[1:])
	case "show":
		return e.sourcesShow(ctx, args[1:])
	case "harvest":
		return e.sourcesHarvest(ctx, args[1:])
	}
	return fmt.Errorf("%w: unknown sources command %q\n%s", errUsage, args[0], sourcesUsage)
}

func (e *env) sourcesAdd(ctx context.Context, args []string) error {
	var s catalog.Source
	var kind, rulesFile string
	cfg, rest, err := e.load("sources add", args, func(fs *flag.FlagSet) {
		fs.StringVar(&kind, "kind", string(catalog.KindFeed), "feed, site, sitemap, calendar or oai")
		fs.StringVar(&rulesFile, "rules", "", "JSON file of crawl rules (--kind site)")
		fs.StringVar(&s.Name, "name", "", "name shown to users (default: the host name)")
		fs.StringVar(&s.Publisher, "publisher", "", "organisation that publishes the source")
		fs.StringVar(&s.Language, "lang", "", "default language of its items (ISO 639-1)")
		fs.StringVar(&s.Country, "country", "", "default country of its items (ISO 3166-1, or EU)")
	})
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: ewsi sources add takes exactly one URL\n%s", errUsage, sourcesUsage)
	}
	u, err := catalog.ValidateSourceURL(rest[0])
	if err != nil {
		return fmt.Errorf("cannot add the source: %w", err)
	}
	s.Kind, s.URL = catalog.SourceKind(kind), u.String()
	if !s.Kind.Valid() {
		return fmt.Errorf("cannot add the source: %q is not a kind of source (feed, site, sitemap, calendar or oai)", kind)
	}
	if (rulesFile != "") != (s.Kind == catalog.KindSite) {
		return fmt.Errorf("%w: --rules FILE goes with --kind site, and only with it\n%s", errUsage, sourcesUsage)
	}
	if rulesFile != "" {
		if s.Rules, err = readRules(rulesFile, s.URL); err != nil {
			return fmt.Errorf("cannot add the source: %w", err)
		}
	}
	if s.Name == "" {
		s.Name = u.Hostname()
	}
	s.Country = strings.ToUpper(s.Country)
	if s.Country != "" && !catalog.IsCountry(s.Country) {
		return fmt.Errorf("cannot add the source: %q is not a covered country code (use ISO 3166-1 such as FR, or EU)", s.Country)
	}
	if s.Kind == catalog.KindFeed {
		client := fetch.New(fetch.Options{Timeout: cfg.FetchTimeout, MaxBody: cfg.MaxBody,
			AllowPrivate: cfg.AllowPrivate, UserAgent: "EWSI-Hub-Harvester/0.1 (+" + cfg.ContactURL + ")"})
		feedURL, how, err := harvester.FindFeed(ctx, client, s.URL)
		switch {
		case errors.Is(err, harvester.ErrNoFeedFound):
			return fmt.Errorf("cannot add the source: %w", err)
		case err != nil:
			// Unreachable now: registered as given, the harvest will say.
			fmt.Fprintf(e.stdout, "could not check the address now (%v); adding it as given\n", err)
		case feedURL != s.URL:
			fmt.Fprintf(e.stdout, "%s is a page, not a feed; %s: %s\n", s.URL, how, feedURL)
			s.URL = feedURL
		}
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	if err := a.store.CreateSource(ctx, &s); err != nil {
		return fmt.Errorf("cannot add the source: %w", err)
	}
	fmt.Fprintf(e.stdout, "added source %d: %s (%s)\n", s.ID, s.URL, s.Kind)
	return nil
}

// readRules reads a site's crawl rules from a JSON file; without start
// URLs the crawl starts at the source's URL. Unknown fields are refused,
// so that a misspelt rule is not silently ignored.
func readRules(path, sourceURL string) (catalog.CrawlRules, error) {
	var r catalog.CrawlRules
	b, err := os.ReadFile(path)
	if err != nil {
		return r, fmt.Errorf("reading the crawl rules: %w", err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&r); err != nil {
		return r, fmt.Errorf("the crawl rules in %s are not valid JSON rules: %w", path, err)
	}
	if len(r.StartURLs) == 0 {
		r.StartURLs = []string{sourceURL}
	}
	if err := harvester.CrawlRulesOf(r).Validate(); err != nil {
		return r, fmt.Errorf("the crawl rules in %s: %w", path, err)
	}
	return r, nil
}

func (e *env) sourcesList(ctx context.Context, args []string) error {
	cfg, _, err := e.load("sources list", args, nil)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	list, err := a.store.Sources(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	acts, err := a.store.Activity(ctx, now.Add(-activityDays*24*time.Hour))
	if err != nil {
		return err
	}
	byID := make(map[int64]catalog.Activity, len(acts))
	for _, a := range acts {
		byID[a.SourceID] = a
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATUS\tITEMS\tSILENT\tLAST HARVEST\tNEXT CHECK\tURL\tLAST ERROR")
	for _, s := range list {
		act := byID[s.ID]
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Kind, s.Status,
			act.Documents, silent(act, now, s.CreatedAt), when(s.LastHarvest), when(s.NextCheck), s.URL, oneLine(s.LastError))
	}
	return tw.Flush()
}

// activityDays is the window of "items per week".
const activityDays = 28

// silent says how long a source has given nothing new.
func silent(a catalog.Activity, now, created time.Time) string {
	d := a.SilentDays(now, created)
	if d < 0 {
		return "-"
	}
	return fmt.Sprintf("%dd", d)
}

// oneLine keeps a table row on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sourceID reads the one source ID of a subcommand's arguments.
func sourceID(cmd string, rest []string) (int64, error) {
	if len(rest) != 1 {
		return 0, fmt.Errorf("%w: ewsi sources %s takes one source ID\n%s", errUsage, cmd, sourcesUsage)
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: %q is not a source ID (see ewsi sources list)", errUsage, rest[0])
	}
	return id, nil
}

func (e *env) sourcesShow(ctx context.Context, args []string) error {
	var nRuns int
	cfg, rest, err := e.load("sources show", args, func(fs *flag.FlagSet) {
		fs.IntVar(&nRuns, "runs", 10, "how many of the last runs to list")
	})
	if err != nil {
		return err
	}
	id, err := sourceID("show", rest)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	s, err := a.store.Source(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) {
		return fmt.Errorf("there is no source %d (see ewsi sources list)", id)
	}
	if err != nil {
		return err
	}
	now := time.Now()
	acts, err := a.store.Activity(ctx, now.Add(-activityDays*24*time.Hour))
	if err != nil {
		return err
	}
	var act catalog.Activity
	for _, x := range acts {
		if x.SourceID == id {
			act = x
		}
	}
	runs, err := a.store.Runs(ctx, id, nRuns)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(w, "%s\t%s\n", k, v) }
	row("source", fmt.Sprintf("%d %s (%s)", s.ID, s.Name, s.Kind))
	row("url", s.URL)
	row("status", string(s.Status))
	row("last harvest", when(s.LastHarvest))
	row("last success", when(s.LastSuccess))
	lastErr := "-"
	if s.LastError != "" {
		lastErr = fmt.Sprintf("%s [%s, %d failure(s) in a row]", oneLine(s.LastError), s.ErrorClass, s.FailCount)
	}
	row("last error", lastErr)
	row("next check", fmt.Sprintf("%s (every %s)", when(s.NextCheck), s.Interval))
	row("documents", strconv.Itoa(act.Documents))
	row("items per week", fmt.Sprintf("%.1f (last %d days)", act.PerWeek(activityDays), activityDays))
	if d := act.SilentDays(now, s.CreatedAt); d >= 0 {
		row("silent for", fmt.Sprintf("%d days", d))
	} else {
		row("silent for", "-")
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nlast %d runs:\n", len(runs))
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED\tTOOK\tSTATUS\tNEW\tUPDATED\tUNCHANGED\tFAILED\tERROR")
	for _, r := range runs {
		took := "-"
		if !r.Finished.IsZero() && !r.Started.IsZero() {
			took = r.Finished.Sub(r.Started).Round(time.Millisecond).String()
		}
		msg := oneLine(r.Err)
		if r.Stage != "" && msg != "" {
			msg = r.Stage + ": " + msg
		}
		if len(r.Errors) > 1 {
			msg += fmt.Sprintf(" (+%d more)", len(r.Errors)-1)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", r.ID, when(r.Started), took, r.Status,
			r.New, r.Updated, r.Unchanged, r.Failed, msg)
	}
	return tw.Flush()
}

func (e *env) sourcesHarvest(ctx context.Context, args []string) error {
	cfg, rest, err := e.load("sources harvest", args, nil)
	if err != nil {
		return err
	}
	id, err := sourceID("harvest", rest)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	// In this process, politeness is kept in memory: no Redis needed.
	h, err := a.harvester(nil)
	if err != nil {
		return err
	}
	o, err := h.HarvestSource(ctx, id)
	if errors.Is(err, harvester.ErrHostBusy) {
		return fmt.Errorf("source %d: %w", id, err)
	}
	if err != nil {
		return err
	}
	switch {
	case o.Deferred:
		fmt.Fprintf(e.stdout, "source %d: the server asked us to wait %s; next check %s\n", id, o.RetryAfter, when(o.NextCheck))
		return nil
	case o.Err != "":
		return fmt.Errorf("source %d failed at %s (%s, now %s): %s", id, o.Stage, o.ErrorClass, o.SourceStatus(), o.Err)
	case o.Started.IsZero():
		fmt.Fprintf(e.stdout, "source %d is disabled: not harvested\n", id)
		return nil
	}
	if o.NotModified {
		fmt.Fprintf(e.stdout, "source %d: not modified since the last harvest\n", id)
		return nil
	}
	fmt.Fprintf(e.stdout, "source %d: %d new, %d updated, %d unchanged, %d failed\n", id, o.New, o.Updated, o.Unchanged, o.Failed)
	return nil
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}
