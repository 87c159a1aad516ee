package harvester

import (
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"
)

// NewServer returns the Asynq server that runs harvest tasks, logging
// through log.
func NewServer(r asynq.RedisConnOpt, concurrency int, log *slog.Logger) *asynq.Server {
	return asynq.NewServer(r, asynq.Config{
		Concurrency: concurrency,
		Logger:      asynqLogger{log.With("component", "asynq")},
		LogLevel:    asynq.WarnLevel,
	})
}

// asynqLogger adapts slog to Asynq's printf-less logger.
type asynqLogger struct{ l *slog.Logger }

func (a asynqLogger) Debug(args ...any) { a.l.Debug(fmt.Sprint(args...)) }
func (a asynqLogger) Info(args ...any)  { a.l.Info(fmt.Sprint(args...)) }
func (a asynqLogger) Warn(args ...any)  { a.l.Warn(fmt.Sprint(args...)) }
func (a asynqLogger) Error(args ...any) { a.l.Error(fmt.Sprint(args...)) }

// Fatal is called by Asynq on errors it cannot go on from; it logs and
// leaves stopping to the caller's Run error rather than exiting.
func (a asynqLogger) Fatal(args ...any) { a.l.Error(fmt.Sprint(args...), "fatal", true) }
