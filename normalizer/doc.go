// Package normalizer turns one harvested item — raw HTML plus what the feed
// or the fetch said about it — into a normalised catalog.Document: a plain
// title, the main content of a page without its navigation, banners,
// footers, share bars, related links and comments (extract.go picks the
// content, junk.go and clean.go remove what is around the article), its
// sanitised HTML and plain text, a summary, metadata reconciled from the
// feed, JSON-LD, OpenGraph, Dublin Core and the page itself (the
// precedence is the table on pageMeta in meta.go), the language (a
// detection weighed against declared hints), countries, themes, a content
// type and a canonical URL (CanonicalURL).
//
// Extraction is measured by TestExtractionF1 on the evaluation set in
// testdata/extract (token-shingle F1, as the public benchmarks compute it).
//
// It is pure: no network, no clock, no store, no logging. The same Input
// always gives the same Document, so re-harvesting an unchanged item gives
// the same ContentHash. Every input is bounded (see the Max constants) and
// every step is linear in its size, so hostile content cannot make it slow
// or panic. Sanitising with bluemonday is the last step before the HTML
// leaves the package; nothing downstream has to clean it again.
//
// Classification (classify.go) gives themes, sub-themes, a content type
// and countries, each as a catalog.Label with a confidence, from the
// multilingual vocabulary of catalog/concepts, the feed's categories, the
// URL, schema.org types, source defaults and the source's rules made from
// editors' corrections (Input.Rules). Structured fields (structured.go)
// give events, funding calls and legal acts from the iCalendar hint,
// JSON-LD and text, and case studies the hub's common template from their
// definition lists and section headings (casestudy.go); translation.go
// links translations by hreflang.
//
// It does not fetch, parse feeds, group duplicates across sources (the
// stores do, at upsert, with catalog/neardup), or set catalog IDs and
// harvest times: the harvester does. Language detection lives in the
// sub-package lang.
package normalizer
