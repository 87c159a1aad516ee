package postgres_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/jackc/pgx/v5"
)

// TestStatisticsFollowOneByOne checks that documents stored one at a time,
// as a harvest of feeds that change by an item does, keep the planner's
// statistics within a quarter of the catalog while it is small: plans
// made from those of an empty catalog scanned every document on each
// look-up of a key.
func TestStatisticsFollowOneByOne(t *testing.T) {
	s := mustOpen(t)
	const n = 200
	if err := catalogtest.LoadSynthetic(t.Context(), s, n, 1, 1); err != nil {
		t.Fatal(err)
	}
	rows, err := postgres.QueryPairs(t.Context(), s, `SELECT reltuples::bigint::text, '' FROM pg_class WHERE oid = 'documents'::regclass`)
	if err != nil {
		t.Fatal(err)
	}
	for known := range rows {
		if k, _ := strconv.Atoi(known); k < n*4/5 {
			t.Errorf("the statistics know of %d documents after %d stored one by one, want %d or more", k, n, n*4/5)
		}
	}
}

// TestStatisticsAfterFailedRefresh checks that a batch whose refresh of
// the statistics fails after its commit is reported stored, and that its
// documents still count towards the next refresh. The refresh fails as
// one would when the caller gives up on it: ANALYZE waits for a lock
// that another transaction holds (and inserts do not wait for), and the
// batch's context is cancelled meanwhile.
func TestStatisticsAfterFailedRefresh(t *testing.T) {
	url, schema := newSchema(t)
	s, err := postgres.Open(t.Context(), url, postgres.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// 20 documents, after which the statistics know of 20: a refresh
	// is then due after 5 more.
	if err := catalogtest.LoadSynthetic(t.Context(), s, 20, 1, 20); err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://refresh.example/feed", Name: "Refresh"}
	if err := s.CreateSource(t.Context(), &src); err != nil {
		t.Fatal(err)
	}
	synthetic := func(first, end int) []*catalog.Document {
		var docs []*catalog.Document
		for i := first; i < end; i++ {
			d := catalogtest.SyntheticDocument(src.ID, i)
			docs = append(docs, &d)
		}
		return docs
	}

	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	lock, err := conn.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(context.Background())
	if _, err := lock.Exec(t.Context(), `LOCK TABLE `+pgx.Identifier{schema, "documents"}.Sanitize()+` IN SHARE UPDATE EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	type upserted struct {
		res []catalog.UpsertResult
		err error
	}
	done := make(chan upserted, 1)
	go func() {
		res, err := s.UpsertDocuments(ctx, synthetic(100, 110))
		done <- upserted{res, err}
	}()
	// Wait until a backend waits for the lock, then give up on the call.
	// The backends are looked at from the store's pool, outside the
	// locking transaction: within a transaction, pg_stat_activity keeps
	// what it showed first.
	var locker int
	if err := lock.QueryRow(t.Context(), `SELECT pg_backend_pid()`).Scan(&locker); err != nil {
		t.Fatal(err)
	}
	waiting := fmt.Sprintf(`SELECT count(*)::text, '' FROM pg_stat_activity
		WHERE %d = ANY (pg_blocking_pids(pid)) AND query LIKE 'ANALYZE%%'`, locker)
	for give := time.Now().Add(time.Minute); ; {
		select {
		case u := <-done:
			t.Fatalf("UpsertDocuments returned (%v, %v) without waiting to refresh the statistics", u.res, u.err)
		case <-time.After(10 * time.Millisecond):
		}
		n, err := postgres.QueryPairs(t.Context(), s, waiting)
		if err != nil {
			t.Fatal(err)
		}
		if _, none := n["0"]; !none {
			break
		}
		if time.Now().After(give) {
			t.Fatal("no ANALYZE waited for the lock")
		}
	}
	cancel()
	u := <-done
	if u.err != nil {
		t.Fatalf("UpsertDocuments: %v, after storing the batch", u.err)
	}
	for i, r := range u.res {
		if r != catalog.Created {
			t.Errorf("document %d: %v, want created", i, r)
		}
	}
	if err := lock.Rollback(t.Context()); err != nil {
		t.Fatal(err)
	}

	// One document more: with the ten of the batch, a refresh is due.
	if _, err := s.UpsertDocument(t.Context(), synthetic(110, 111)[0]); err != nil {
		t.Fatal(err)
	}
	rows, err := postgres.QueryPairs(t.Context(), s, `SELECT reltuples::bigint::text, '' FROM pg_class WHERE oid = 'documents'::regclass`)
	if err != nil {
		t.Fatal(err)
	}
	for known := range rows {
		if k, _ := strconv.Atoi(known); k != 31 {
			t.Errorf("the statistics know of %d documents, want 31", k)
		}
	}
}
