package harvester

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/internal/testenv"
)

// redisDB is this package's database on the test Redis, flushed per test.
const redisDB = 13

func testRedis(t *testing.T) (asynq.RedisClientOpt, *redis.Client) {
	t.Helper()
	addr := testenv.RedisAddr(t)
	rdb := redis.NewClient(&redis.Options{Addr: addr, DB: redisDB})
	if err := rdb.FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.FlushDB(context.Background()); rdb.Close() })
	return asynq.RedisClientOpt{Addr: addr, DB: redisDB}, rdb
}

func TestSchedulerEnqueuesEachDueSourceOnce(t *testing.T) {
	ropt, rdb := testRedis(t)
	store := newStore(t)
	ctx := context.Background()
	due := []int64{
		addSource(t, store, catalog.Source{URL: "https://a.example/feed"}),
		addSource(t, store, catalog.Source{URL: "https://b.example/feed"}),
	}
	later := catalog.Source{URL: "https://c.example/feed", NextCheck: time.Now().Add(time.Hour)}
	addSource(t, store, later)

	q := NewQueue(ropt)
	defer q.Close()
	a := NewScheduler(store, q, rdb, time.Second, nil)
	b := NewScheduler(store, q, rdb, time.Second, nil)
	// Only one of two schedulers leads.
	la, err := a.lead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lb, _ := b.lead(ctx)
	if !la || lb {
		t.Fatalf("leaders: a=%v b=%v, want only a", la, lb)
	}
	if again, _ := a.lead(ctx); !again {
		t.Fatal("the leader lost its own lock on renewal")
	}
	// Enqueuing twice queues each due source once.
	for range 2 {
		if _, err := a.EnqueueDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	ins := asynq.NewInspector(ropt)
	defer ins.Close()
	tasks, err := ins.ListPendingTasks("default")
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != len(due) {
		t.Fatalf("%d tasks queued, want %d", len(tasks), len(due))
	}
	// When the leader stops, the other takes over.
	a.release()
	if lb, _ := b.lead(ctx); !lb {
		t.Error("the second scheduler did not take over")
	}
}

// TestQueueLossIsRecovered: the catalog, not Redis, says what is due, so a
// flushed queue is rebuilt on the next tick.
func TestQueueLossIsRecovered(t *testing.T) {
	ropt, rdb := testRedis(t)
	store := newStore(t)
	ctx := context.Background()
	addSource(t, store, catalog.Source{URL: "https://a.example/feed"})
	q := NewQueue(ropt)
	defer q.Close()
	s := NewScheduler(store, q, rdb, time.Second, nil)
	if n, err := s.EnqueueDue(ctx); err != nil || n != 1 {
		t.Fatalf("EnqueueDue = %d, %v", n, err)
	}
	rdb.FlushDB(ctx)
	if n, err := s.EnqueueDue(ctx); err != nil || n != 1 {
		t.Fatalf("after losing the queue, EnqueueDue = %d, %v", n, err)
	}
	// Asynq's inspector no longer lists the flushed queue, but the task is
	// in it, where the workers look.
	if n, err := rdb.LLen(ctx, "asynq:{default}:pending").Result(); err != nil || n != 1 {
		t.Errorf("%d tasks after recovery (%v), want 1", n, err)
	}
}

// TestSchedulerClosesRunsOfDeadProcesses: a run left running by a process
// that died is closed as aborted; a run in progress is not.
func TestSchedulerClosesRunsOfDeadProcesses(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{URL: "https://dead.example/feed"})
	dead, _ := store.StartRun(ctx, id, time.Now().Add(-HarvestTimeout-time.Hour))
	live, _ := store.StartRun(ctx, id, time.Now().Add(-time.Minute))
	s := NewScheduler(store, nil, nil, time.Second, nil)
	if n, err := s.AbortStaleRuns(ctx); err != nil || n != 1 {
		t.Fatalf("AbortStaleRuns = %d, %v; want 1", n, err)
	}
	runs, _ := store.Runs(ctx, id, 0)
	got := map[int64]string{}
	for _, r := range runs {
		got[r.ID] = r.Status
	}
	if got[dead] != catalog.RunAborted || got[live] != catalog.RunRunning {
		t.Errorf("run statuses %v; want %d aborted, %d running", got, dead, live)
	}
}
