package postgres_test

import (
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
)

// Figures (go test -run XXX -bench . ./catalog/postgres/), PostgreSQL 15 on
// the same 2-core VM, shared with other builds (load ~7), so read them as
// orders of magnitude; the synthetic catalog of catalogtest.BenchSearch has
// 3000 documents, and "matches" is the Total of the query:
//
//	UpsertDocument/Created      1.3 ms/op   (tsvector and GIN entry included)
//	UpsertDocument/Unchanged    0.09 ms/op
//	Search/NoText              14.5 ms/op   3000 matches
//	Search/CommonWord          35.7 ms/op   3000 matches
//	Search/Word                30.9 ms/op   2438 matches
//	Search/RareWord            18.4 ms/op    315 matches
//	Search/FoldedWords         15.9 ms/op    252 matches
//	Search/Prefix              35.1 ms/op   3000 matches
//	Search/WordFilters         14.6 ms/op     93 matches
//	Search/Filters              2.4 ms/op      1 match
//	Search/DeepPage            23.8 ms/op   1003 matches (offset 1000)
//
// On a table this small the planner prefers a sequential scan to the GIN
// index, and then reads every document's tsvector: with the index forced,
// the counting statement of RareWord ran in 3 ms instead of 11 (EXPLAIN
// ANALYZE). Larger catalogs get the index.

// These figures predate search v2 (stems, seven facets, snippets, the
// count cache, which BenchSearch's repeated queries now hit): for
// current figures at scale see BenchmarkScale and docs/search.md.

func BenchmarkUpsertDocument(b *testing.B) { catalogtest.BenchUpsert(b, mustOpen(b)) }

func BenchmarkSearch(b *testing.B) { catalogtest.BenchSearch(b, mustOpen(b)) }

// BenchmarkDuplicates (catalogtest.BenchDuplicates, -benchtime 200x,
// load 12-23): upserting a near-copy into a catalog of 2000 synthetic
// documents, duplicate look-up included, took 6.3 ms/op; every copy was grouped
// with its original (found/op 1.000). The synthetic texts draw on one
// Zipf vocabulary, so many share MinHash bands and most look-ups compare
// the full maxCandidates (64) signatures: real texts give fewer.
func BenchmarkDuplicates(b *testing.B) { catalogtest.BenchDuplicates(b, mustOpen(b)) }

// BenchmarkDirectory (catalogtest.BenchDirectory: 600 organisations, 60
// linked to sources holding 6000 documents; -benchtime 50x, load average
// 18-24 on 2 cores, so read them as orders of magnitude). Each query
// returns a page, the total and three facets:
//
//	Directory/All                18 ms/op   600 matches
//	Directory/Name               86 ms/op   100 matches
//	Directory/ThemeInCountry     26 ms/op    58 matches
//	Directory/TypeThemeCountry   12 ms/op     1 match
//
// Before the tags were kept as rows (computed from the documents at query
// time) the same queries took 0.4-4.3 s on SQLite and 0.3-1.6 s on
// PostgreSQL.
func BenchmarkDirectory(b *testing.B) { catalogtest.BenchDirectory(b, mustOpen(b)) }
