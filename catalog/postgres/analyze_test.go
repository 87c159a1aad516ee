package postgres_test

import (
	"strconv"
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
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
