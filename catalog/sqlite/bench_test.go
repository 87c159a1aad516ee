package sqlite_test

import (
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
)

// Figures (go test -run XXX -bench . ./catalog/sqlite/), 2-core VM shared
// with other builds (load ~7), so read them as orders of magnitude; the
// synthetic catalog of catalogtest.BenchSearch has 3000 documents, and
// "matches" is the Total of the query:
//
//	UpsertDocument/Created      0.74 ms/op  (one IMMEDIATE transaction, FTS row included)
//	UpsertDocument/Unchanged    0.07 ms/op
//	Search/NoText               9.2 ms/op   3000 matches
//	Search/CommonWord          18.8 ms/op   3000 matches
//	Search/Word                15.5 ms/op   2438 matches
//	Search/RareWord             3.3 ms/op    315 matches
//	Search/FoldedWords          3.3 ms/op    252 matches
//	Search/Prefix              19.7 ms/op   3000 matches
//	Search/WordFilters          9.5 ms/op     93 matches
//	Search/Filters              3.1 ms/op      1 match
//	Search/DeepPage             9.0 ms/op   1003 matches (offset 1000)
//
// Every search counts the total and the five facets; most of the time of a
// common word goes to counting its thousands of matches.

// These figures predate search v2 (stems, seven facets, snippets, the
// count cache, which BenchSearch's repeated queries now hit): for
// current figures at scale see BenchmarkScale and docs/search.md.

func BenchmarkUpsertDocument(b *testing.B) { catalogtest.BenchUpsert(b, mustOpen(b)) }

func BenchmarkSearch(b *testing.B) { catalogtest.BenchSearch(b, mustOpen(b)) }

// BenchmarkDuplicates (catalogtest.BenchDuplicates, -benchtime 200x,
// load 12-23): upserting a near-copy into a catalog of 2000 synthetic
// documents, duplicate look-up included, took 14.4 ms/op; every copy was grouped
// with its original (found/op 1.000). The synthetic texts draw on one
// Zipf vocabulary, so many share MinHash bands and most look-ups compare
// the full maxCandidates (64) signatures: real texts give fewer.
func BenchmarkDuplicates(b *testing.B) { catalogtest.BenchDuplicates(b, mustOpen(b)) }

// BenchmarkDirectory (catalogtest.BenchDirectory: 600 organisations, 60
// linked to sources holding 6000 documents; -benchtime 50x, load average
// 18-24 on 2 cores, so read them as orders of magnitude). Each query
// returns a page, the total and three facets:
//
//	Directory/All               2.2 ms/op   600 matches
//	Directory/Name              1.8 ms/op   100 matches
//	Directory/ThemeInCountry    2.8 ms/op    58 matches
//	Directory/TypeThemeCountry  1.7 ms/op     1 match
//
// Before the tags were kept as rows (computed from the documents at query
// time) the same queries took 0.4-4.3 s on SQLite and 0.3-1.6 s on
// PostgreSQL.
func BenchmarkDirectory(b *testing.B) { catalogtest.BenchDirectory(b, mustOpen(b)) }
