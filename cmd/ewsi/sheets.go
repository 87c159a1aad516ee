package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal"
)

// TypeSheetsRemind is the task that mails the people who look after the
// country sheets whose sections grew old. It carries no payload: the
// catalog says which sections are stale and which were reminded already.
const TypeSheetsRemind = "sheets:remind"

// sheetRemindEvery is how often the scheduler queues sheets:remind. A
// section goes stale on a day, not a minute, so an hour is ample; the
// task's uniqueness keeps several schedulers from queueing it twice, and
// the catalog's claim keeps any two runs from reminding a section twice.
const sheetRemindEvery = time.Hour

// sheetReminder builds the reminder, queueing its mails through m. Mail
// links go to base-url or, without one, to the address this process's
// portal listens on, else the addr setting (the demo and single-machine
// installs on loopback; several machines set base-url).
func (a *app) sheetReminder(m portal.Mail) (*portal.SheetReminder, error) {
	base := a.cfg.BaseURL
	switch {
	case base != "":
	case a.listenAddr != "":
		base = "http://" + a.listenAddr
	default:
		base = "http://" + a.cfg.Addr
	}
	return portal.NewSheetReminder(portal.ReminderOptions{Store: a.store, Mail: m, BaseURL: base, MaxAge: a.cfg.SheetMaxAge})
}

// handleSheetsRemind returns the handler of sheets:remind.
func handleSheetsRemind(r *portal.SheetReminder, log *slog.Logger) asynq.HandlerFunc {
	log = log.With("component", "sheets")
	return func(ctx context.Context, t *asynq.Task) error {
		n, err := r.Remind(ctx)
		if n > 0 {
			log.Info("country sheet reminders queued", "count", n)
		}
		if err != nil {
			return fmt.Errorf("sheets:remind: %w", err)
		}
		return nil
	}
}

// queueSheetReminders queues sheets:remind now and every sheetRemindEvery
// until ctx ends.
func (a *app) queueSheetReminders(ctx context.Context, ropt asynq.RedisConnOpt) {
	client := asynq.NewClient(ropt)
	defer client.Close()
	t := time.NewTicker(sheetRemindEvery)
	defer t.Stop()
	for {
		task := asynq.NewTask(TypeSheetsRemind, nil, asynq.Unique(sheetRemindEvery/2), asynq.MaxRetry(3))
		if _, err := client.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrDuplicateTask) && ctx.Err() == nil {
			a.log.Warn("queueing the country sheet reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// directMail sends at once through a Mailer, for a command that runs once
// and cannot leave mail in a queue that may be in-process.
type directMail struct{ m mailer.Mailer }

func (d directMail) Enqueue(ctx context.Context, msg mailer.Message) error { return d.m.Send(ctx, msg) }

// sheets runs `ewsi sheets remind`: mail the reminders of the sections
// that grew old now, instead of waiting for the scheduler.
func (e *env) sheets(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "remind" {
		return fmt.Errorf("%w: ewsi sheets remind [flags]: mail the reminders of country sheet sections not verified within sheet-max-age", errUsage)
	}
	cfg, _, err := e.load("sheets remind", args[1:], nil)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	m, _, err := a.mailer()
	if err != nil {
		return err
	}
	r, err := a.sheetReminder(directMail{m})
	if err != nil {
		return err
	}
	n, err := r.Remind(ctx)
	fmt.Fprintf(e.stdout, "country sheet reminders sent: %d\n", n)
	return err
}
