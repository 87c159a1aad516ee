package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

const reprocessUsage = `Usage:
  ewsi reprocess [--source ID]   normalise again what was harvested, without fetching`

// reprocess normalises again the raw objects kept by the last harvests of
// one source, or of every source, and stores what changed.
func (e *env) reprocess(ctx context.Context, args []string) error {
	var only int64
	cfg, rest, err := e.load("reprocess", args, func(fs *flag.FlagSet) {
		fs.Int64Var(&only, "source", 0, "only this source (default: every source)")
	})
	if err != nil {
		return err
	}
	if len(rest) != 0 || only < 0 {
		return fmt.Errorf("%w: ewsi reprocess takes no arguments\n%s", errUsage, reprocessUsage)
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	h, err := a.harvester(nil)
	if err != nil {
		return err
	}
	var ids []int64
	if only > 0 {
		ids = []int64{only}
	} else {
		list, err := a.store.Sources(ctx)
		if err != nil {
			return err
		}
		for _, s := range list {
			ids = append(ids, s.ID)
		}
	}
	var total catalog.HarvestOutcome
	for _, id := range ids {
		o, err := h.Reprocess(ctx, id)
		if err != nil {
			return err
		}
		if o.Err != "" {
			fmt.Fprintf(e.stderr, "source %d: %s\n", id, o.Err)
		}
		total.New += o.New
		total.Updated += o.Updated
		total.Unchanged += o.Unchanged
		total.Failed += o.Failed
	}
	fmt.Fprintf(e.stdout, "reprocessed %d source(s): %d new, %d updated, %d unchanged, %d failed\n",
		len(ids), total.New, total.Updated, total.Unchanged, total.Failed)
	return nil
}
