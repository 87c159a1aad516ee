// Package kinds reads the kinds of source the hub harvests besides feeds:
// feed autodiscovery on a homepage, sitemaps and sitemap indexes,
// iCalendar files of events, OAI-PMH ListRecords pages, and sites crawled
// by rules.
//
// The parsers are pure: bytes in, records out. They never fetch, never
// panic on any input, and bound what they do (items, bytes, nesting), so
// a hostile or broken source costs at most linear work in the size of its
// response. Errors are sentences a source owner can act on.
//
// Crawl is the one function here that does I/O. It fetches through the
// transport of harvester/fetch (so the SSRF guard applies to every
// request, redirects and robots.txt included), obeys robots.txt, waits
// between requests and stays on the hosts its rules allow.
//
// The package does not fetch feeds, sitemaps, calendars or OAI pages
// itself, keep validators, schedule, store, or normalise: the harvester
// fetches with its client, hands the bytes here and passes what comes out
// to the normalizer.
package kinds
