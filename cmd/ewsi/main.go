// Command ewsi is the EWSI Hub: one binary that harvests, normalises,
// stores and serves the European Web Site on Integration. See `ewsi help`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `ewsi — the European Web Site on Integration hub

Usage: ewsi COMMAND [flags] [arguments]

Commands:
  demo       start the fixture web, harvest it and serve the portal (embedded mode)
  serve      run the portal, the harvest workers and the scheduler in one process
  worker     run harvest workers only (several machines: needs --redis and --db)
  scheduler  run the scheduler only (one acts at a time across machines)
  migrate    bring the catalog's schema up to date
  reindex    rebuild the search index from the catalog
  alerts     mail the saved searches' alerts that are due (serve and demo do it every 15 minutes)
  sources    add | list | show | harvest: manage harvested sources
  reprocess  normalise again what was harvested, without fetching
  sheets     remind: mail the reminders of country sheet sections grown old, now
  users      role: give a registered account a role (the first administrator)
  inspect    print what the harvester makes of a feed or page (FILE or URL), as JSON
  help       show this text

Every command takes the settings below as flags or EWSI_* variables:
run 'ewsi COMMAND -h' to list them.
`

// errUsage marks a mistake in how the command was called (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signalContext()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "ewsi:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "ewsi:", err)
		os.Exit(1)
	}
}

// signalContext ends when the process is asked to stop.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// run is main without the process: tests call it with their own context,
// arguments, output and environment.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	e := &env{stdout: stdout, stderr: stderr, getenv: getenv}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "demo":
		return e.demo(ctx, rest)
	case "serve":
		return e.serve(ctx, rest)
	case "worker":
		return e.worker(ctx, rest)
	case "scheduler":
		return e.scheduler(ctx, rest)
	case "migrate":
		return e.migrate(ctx, rest)
	case "reindex":
		return e.reindex(ctx, rest)
	case "alerts":
		return e.alerts(ctx, rest)
	case "sources":
		return e.sources(ctx, rest)
	case "users":
		return e.users(ctx, rest)
	case "sheets":
		return e.sheets(ctx, rest)
	case "inspect":
		return e.inspect(ctx, rest)
	case "reprocess":
		return e.reprocess(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// env is what every subcommand shares: where to write and how to read the
// environment.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}
