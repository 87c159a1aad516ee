package sqlite

import (
	"context"
	"database/sql"
	"net/url"
	"sync"
	"time"
)

// walCheckpointPages is the size of the WAL, in pages, at which the writer
// copies it into the database file itself, at the end of a commit. The
// checkpointer usually does it first, beside the writer. A batch of 500
// upserts into a catalog of 100,000 documents wrote most of the pages of
// the band keys' table (until 00143, see bandindex.go), 7,000 or more: with 8,192
// pages the writer checkpointed after most batches, 7.5 s of CPU under
// the write lock while loading 100,000 synthetic documents; with 32,768
// (128 MB of WAL at most) 2.1 s, the checkpointer doing the rest beside
// it, and the load took 4 min 8 s instead of 4 min 38 (one run of each
// side by side, the same CPU in all: 136.8 and 136.3 s).
const walCheckpointPages = 32768

// walSizeLimit is the size, in bytes, to which the writer cuts the WAL
// file back when it starts it over: that of walCheckpointPages pages of
// 4 KiB, which a load reaches anyway.
const walSizeLimit = walCheckpointPages * 4096

// checkpointGap is the least time between two of the checkpointer's
// checkpoints: each syncs the file, and a harvest commits every document.
const checkpointGap = 250 * time.Millisecond

// checkpointer copies the pages of the WAL into the database file on a
// connection of its own, when the writer says it committed. SQLite does it
// otherwise at the end of the commit that passes the WAL's threshold, in
// the writer's time: 6.1 s of CPU of the 63.5 s under the write lock while
// loading 100,000 documents in batches (profile of 27 November 2026). A
// passive checkpoint holds no write lock: the writer goes on meanwhile.
type checkpointer struct {
	db   *sql.DB
	kick chan struct{}
	stop chan struct{}
	done sync.WaitGroup
}

// startCheckpointer opens the checkpointer's connection to the catalog at
// abs and starts it.
func startCheckpointer(abs string) (*checkpointer, error) {
	db, err := openDB(abs, url.Values{
		"_synchronous":  {"NORMAL"},
		"_busy_timeout": {"1000"},
	})
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, kick: make(chan struct{}, 1), stop: make(chan struct{})}
	c.done.Go(c.run)
	return c, nil
}

// committed tells the checkpointer that the writer committed; it never
// waits.
func (c *checkpointer) committed() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		// A failure (a busy lock) leaves the pages to the next round or
		// to the writer's own checkpoint.
		_, _ = c.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		select {
		case <-c.stop:
			return
		case <-time.After(checkpointGap):
		}
	}
}

// close stops the checkpointer and closes its connection.
func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	close(c.stop)
	c.done.Wait()
	return c.db.Close()
}
