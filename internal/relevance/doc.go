// Package relevance measures how well catalog search finds what a
// practitioner looks for: a set of judged queries in English, French and
// German over the catalog the fixture web makes, and the measures
// recall@10 and nDCG@10 per query and per query language.
//
// The judgments name documents by the path of their URL on the fixture
// web, never by a store's ids, and were made by reading the documents
// under fixtureweb/content. Many relevant documents are in another
// language than the query's: the set measures cross-language search as
// much as ranking. Run it with
//
//	go test ./internal/relevance -run TestRelevance -v
//
// which harvests the fixture web into a fresh embedded catalog, prints a
// table and fails when a language's means fall below the floors written
// in the test.
package relevance
