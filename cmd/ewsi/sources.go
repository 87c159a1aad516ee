package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ewsi/hub/catalog"
)

const sourcesUsage = `Usage:
  ewsi sources add [--kind feed] [--name NAME] [--publisher ORG] [--lang LL] [--country CC] URL
  ewsi sources list
  ewsi sources harvest ID    harvest one source now, in this process`

func (e *env) sources(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: ewsi sources needs add, list or harvest\n%s", errUsage, sourcesUsage)
	}
	switch args[0] {
	case "add":
		return e.sourcesAdd(ctx, args[1:])
	case "list":
		return e.sourcesList(ctx, args[1:])
	case "harvest":
		return e.sourcesHarvest(ctx, args[1:])
	}
	return fmt.Errorf("%w: unknown sources command %q\n%s", errUsage, args[0], sourcesUsage)
}

func (e *env) sourcesAdd(ctx context.Context, args []string) error {
	var s catalog.Source
	var kind string
	cfg, rest, err := e.load("sources add", args, func(fs *flag.FlagSet) {
		fs.StringVar(&kind, "kind", string(catalog.KindFeed), "feed, site, sitemap, calendar or oai")
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
	if s.Kind != catalog.KindFeed {
		return fmt.Errorf("cannot add the source: only feeds can be harvested yet, not %q", kind)
	}
	if s.Name == "" {
		s.Name = u.Hostname()
	}
	s.Country = strings.ToUpper(s.Country)
	if s.Country != "" && !catalog.IsCountry(s.Country) {
		return fmt.Errorf("cannot add the source: %q is not a covered country code (use ISO 3166-1 such as FR, or EU)", s.Country)
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
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATUS\tLAST HARVEST\tNEXT CHECK\tURL\tLAST ERROR")
	for _, s := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Kind, s.Status,
			when(s.LastHarvest), when(s.NextCheck), s.URL, s.LastError)
	}
	return tw.Flush()
}

func (e *env) sourcesHarvest(ctx context.Context, args []string) error {
	cfg, rest, err := e.load("sources harvest", args, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: ewsi sources harvest takes one source ID\n%s", errUsage, sourcesUsage)
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: %q is not a source ID (see ewsi sources list)", errUsage, rest[0])
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	h, err := a.harvester()
	if err != nil {
		return err
	}
	o, err := h.HarvestSource(ctx, id)
	if err != nil {
		return err
	}
	if o.Err != "" {
		return fmt.Errorf("source %d failed at %s: %s", id, o.Stage, o.Err)
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
