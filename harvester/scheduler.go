package harvester

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
)

// leaderKey is the Redis key whose holder is the one acting scheduler.
const leaderKey = "ewsi:scheduler:leader"

// Scheduler enqueues the sources the catalog says are due. Several may run
// (one per machine); a lock in Redis lets exactly one act at a time, and
// another takes over within a few ticks when the holder stops.
type Scheduler struct {
	store Store
	queue *Queue
	redis redis.UniversalClient
	tick  time.Duration
	id    string
	log   *slog.Logger
	now   func() time.Time
}

// NewScheduler returns a scheduler that looks for due sources every tick.
func NewScheduler(store Store, q *Queue, rdb redis.UniversalClient, tick time.Duration, log *slog.Logger) *Scheduler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 8)
	rand.Read(b)
	return &Scheduler{store: store, queue: q, redis: rdb, tick: tick, id: hex.EncodeToString(b),
		log: log.With("component", "scheduler"), now: time.Now}
}

// Run acts on every tick while it holds the lock, until ctx ends. The
// first tick is immediate, so a restarted hub re-enqueues at once what the
// catalog says is due or unfinished.
func (s *Scheduler) Run(ctx context.Context) error {
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		leader, err := s.lead(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Warn("leader lock", "err", err)
		case leader:
			if n, err := s.AbortStaleRuns(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("abort stale runs", "err", err)
			} else if n > 0 {
				s.log.Warn("closed runs left running by a stopped process", "count", n)
			}
			if n, err := s.EnqueueDue(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("enqueue due sources", "err", err)
			} else if n > 0 {
				s.log.Info("enqueued due sources", "count", n)
			}
		}
		select {
		case <-ctx.Done():
			s.release()
			return nil
		case <-t.C:
		}
	}
}

// renewScript extends the lock only if we still hold it.
var renewScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0`)

// lead takes or renews the lock; the lock outlives three ticks so a
// missed tick does not hand it over.
func (s *Scheduler) lead(ctx context.Context) (bool, error) {
	ttl := 3 * s.tick
	ok, err := s.redis.SetNX(ctx, leaderKey, s.id, ttl).Result()
	if err != nil || ok {
		return ok, err
	}
	n, err := renewScript.Run(ctx, s.redis, []string{leaderKey}, s.id, ttl.Milliseconds()).Int()
	return n == 1, err
}

var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`)

func (s *Scheduler) release() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	releaseScript.Run(ctx, s.redis, []string{leaderKey}, s.id)
}

// staleAfter is how long after its start a run still open must belong to
// a process that died: the harvester's own deadline has long passed.
const staleAfter = HarvestTimeout + 2*time.Minute

// AbortStaleRuns closes as aborted the runs left running by a process that
// died (started more than staleAfter ago) and returns how many it closed.
func (s *Scheduler) AbortStaleRuns(ctx context.Context) (int, error) {
	return s.store.AbortStaleRuns(ctx, s.now().Add(-staleAfter),
		"the harvesting process stopped before the run ended")
}

// EnqueueDue queues a harvest of every due source and returns how many it
// queued. Sources already in the queue are skipped by their task ID.
func (s *Scheduler) EnqueueDue(ctx context.Context) (int, error) {
	const batch = 500
	due, err := s.store.DueSources(ctx, s.now(), batch)
	if err != nil {
		return 0, err
	}
	var errs []error
	n := 0
	for _, src := range due {
		if err := s.queue.HarvestNow(ctx, src.ID); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
