package harvester

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// NewServer returns the Asynq server that runs harvest tasks, logging
// through log. A task that finds its host busy (ErrHostBusy) is retried
// once the host's wait is over, and that retry is not counted as a
// failure; other errors are retried with Asynq's back-off.
func NewServer(r asynq.RedisConnOpt, concurrency int, log *slog.Logger) *asynq.Server {
	return asynq.NewServer(r, asynq.Config{
		Concurrency: concurrency,
		Logger:      asynqLogger{log.With("component", "asynq")},
		LogLevel:    asynq.WarnLevel,
		// Tasks waiting for a busy host come back within a second of
		// their turn rather than Asynq's default five.
		DelayedTaskCheckInterval: time.Second,
		IsFailure:                func(err error) bool { return !errors.Is(err, ErrHostBusy) },
		RetryDelayFunc: func(n int, err error, t *asynq.Task) time.Duration {
			var busy *HostBusyError
			if errors.As(err, &busy) {
				return max(busy.Wait, 50*time.Millisecond)
			}
			return asynq.DefaultRetryDelayFunc(n, err, t)
		},
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
