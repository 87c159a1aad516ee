package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/ewsi/hub/mailer"
)

// TypeMailSend is the task that delivers one mail. Its payload is the
// mailer.Message as JSON; it holds the message's links (tokens included)
// for as long as the task waits in Redis.
const TypeMailSend = "mail:send"

// Retries of a mail that the relay refused for now: with Asynq's
// exponential back-off, 12 tries span about a day and a half.
const (
	mailMaxRetry = 12
	mailTimeout  = 2 * time.Minute
)

// mailQueue is the portal's Mail: it enqueues a mail:send task and
// returns, so a slow relay never holds a page.
type mailQueue struct {
	client *asynq.Client
}

func newMailQueue(r asynq.RedisConnOpt) *mailQueue {
	return &mailQueue{client: asynq.NewClient(r)}
}

// Enqueue queues m; it fails only when Redis does not take the task.
func (q *mailQueue) Enqueue(ctx context.Context, m mailer.Message) error {
	payload, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	task := asynq.NewTask(TypeMailSend, payload, asynq.MaxRetry(mailMaxRetry), asynq.Timeout(mailTimeout))
	if _, err := q.client.EnqueueContext(ctx, task); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

func (q *mailQueue) Close() error { return q.client.Close() }

// handleMailSend returns the handler of mail:send, which delivers through
// m. A message that can never be sent (a bad payload, an address the relay
// refuses for good) is not retried; every other failure is, by Asynq.
// Logs carry the task's ID, never the message or its address.
func handleMailSend(m mailer.Mailer, log *slog.Logger) asynq.HandlerFunc {
	log = log.With("component", "mail")
	return func(ctx context.Context, t *asynq.Task) error {
		var msg mailer.Message
		if err := json.Unmarshal(t.Payload(), &msg); err != nil {
			return fmt.Errorf("mail task: %w: %w", err, asynq.SkipRetry)
		}
		err := m.Send(ctx, msg)
		if mailer.IsPermanent(err) {
			id, _ := asynq.GetTaskID(ctx)
			log.Warn("mail refused for good", "task_id", id, "err", err)
			return fmt.Errorf("send mail: %w: %w", err, asynq.SkipRetry)
		}
		if err != nil {
			return fmt.Errorf("send mail: %w", err)
		}
		return nil
	}
}

// mailer builds the Mailer the configuration asks for: the SMTP relay
// when smtp-host is set, else the outbox folder, which it also returns so
// that administrators can read it in the portal.
func (a *app) mailer() (mailer.Mailer, *mailer.Outbox, error) {
	if a.mail != nil {
		return a.mail, a.outbox, nil
	}
	c := a.cfg
	if c.SMTPHost == "" {
		o, err := mailer.NewOutbox(c.OutboxPath(), c.SMTPFrom)
		if err != nil {
			return nil, nil, fmt.Errorf("setting outbox: %w", err)
		}
		a.log.Info("mail: written to the outbox folder", "dir", c.OutboxPath())
		a.mail, a.outbox = o, o
		return o, o, nil
	}
	m, err := mailer.NewSMTP(mailer.SMTPOptions{Host: c.SMTPHost, Port: c.SMTPPort, Username: c.SMTPUser,
		Password: c.SMTPPassword, From: c.SMTPFrom, TLS: mailer.TLSPolicy(c.SMTPTLS)})
	if err != nil {
		return nil, nil, fmt.Errorf("setting smtp-host: %w", err)
	}
	a.log.Info("mail: SMTP relay", "host", c.SMTPHost, "port", c.SMTPPort, "tls", c.SMTPTLS)
	a.mail = m
	return m, nil, nil
}
