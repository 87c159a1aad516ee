package harvester

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hibiken/asynq"
)

// Task types, named area:verb.
const (
	// TypeHarvestSource harvests one source of any kind; the handler
	// reads the kind from the catalog.
	TypeHarvestSource = "harvest:source"
	// TypeHarvestFeed is the type tasks were queued under when only feeds
	// were harvested; a worker still takes those left in Redis.
	TypeHarvestFeed = "harvest:feed"
)

// HarvestTimeout bounds one harvest run; past it the run is aborted and
// recorded, never left stuck.
const HarvestTimeout = 5 * time.Minute

type harvestPayload struct {
	SourceID int64 `json:"source_id"`
}

// NewHarvestSourceTask returns the task that harvests one source, of any
// kind. Its ID is derived from the source, so a source is never queued
// twice.
func NewHarvestSourceTask(sourceID int64) (*asynq.Task, error) {
	b, err := json.Marshal(harvestPayload{SourceID: sourceID})
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeHarvestSource, b,
		asynq.TaskID("harvest:"+strconv.FormatInt(sourceID, 10)),
		asynq.MaxRetry(5),
		// The harvester's own deadline comes first and records the run
		// as aborted; Asynq's is the safety net.
		asynq.Timeout(HarvestTimeout+time.Minute),
	), nil
}

// HandleHarvestSource is the Asynq handler of TypeHarvestSource (and of
// TypeHarvestFeed). Errors from
// the source are recorded on it and end the task; only failures of the hub
// itself are returned for Asynq to retry. A host that is busy (another
// worker is fetching from it, or its minimum delay has not passed) is not
// waited for: the error wraps ErrHostBusy, which the server made by
// NewServer retries after the wait without counting a failure.
func (h *Harvester) HandleHarvestSource(ctx context.Context, t *asynq.Task) error {
	var p harvestPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.SourceID <= 0 {
		return fmt.Errorf("harvest source: bad payload %q: %w", t.Payload(), asynq.SkipRetry)
	}
	_, err := h.harvest(ctx, p.SourceID, false)
	if errors.Is(err, errSourceGone) {
		return fmt.Errorf("harvest source %d: %w: %w", p.SourceID, err, asynq.SkipRetry)
	}
	return err
}

// Mux returns the task routes of a worker.
func (h *Harvester) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.HandleFunc(TypeHarvestSource, h.HandleHarvestSource)
	mux.HandleFunc(TypeHarvestFeed, h.HandleHarvestSource)
	return mux
}

// Queue enqueues harvests.
type Queue struct {
	client *asynq.Client
}

// NewQueue returns a Queue on the given Redis.
func NewQueue(r asynq.RedisConnOpt) *Queue {
	return &Queue{client: asynq.NewClient(r)}
}

// Close releases the Redis connection.
func (q *Queue) Close() error { return q.client.Close() }

// HarvestNow queues a harvest of the source. Queuing a source already
// queued or running is not an error: the one in flight will do.
func (q *Queue) HarvestNow(ctx context.Context, sourceID int64) error {
	t, err := NewHarvestSourceTask(sourceID)
	if err != nil {
		return err
	}
	_, err = q.client.EnqueueContext(ctx, t)
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("queue harvest of source %d: %w", sourceID, err)
	}
	return nil
}
