// Package fixtureweb serves the fixture web: a small web of made-up
// publishers on a loopback port, so that tests and `ewsi demo` never reach
// the internet.
//
// Eight invented publishers (an EU office, two national ministries, a
// network of cities, two NGOs, a research institute and a practice
// database that publishes case studies on the hub's common template)
// publish some seventy items in English, French, German, Italian, Polish, Greek and Maltese:
// news, events, funding calls, case studies, legislation, statistics,
// reports and policy papers. They are served as RSS 2.0, Atom 1.0 and JSON Feed 1.1
// feeds, as HTML article pages built like real sites (cookie banners, menus,
// breadcrumbs, share bars, comments), as sitemaps, as iCalendar files and
// behind one robots.txt. Everything on it was written for this project.
//
// The items are stored once, as text files under content/ (embedded), and
// rendered at serve time, so feeds, pages, sitemaps and calendars always
// agree and carry absolute URLs for whatever base the server runs at.
// Items returns the same items as ground truth (language, content type,
// themes, countries, event and funding facts) for accuracy tests; Sources
// returns what a source owner would register.
//
// The URL space, under whatever base the server runs at:
//
//	/                      index of the publishers
//	/robots.txt            allows all but /private/, names the sitemap index
//	/sitemap.xml           sitemap index of the publishers' sitemaps
//	/{slug}/               a publisher's homepage, with feed autodiscovery
//	/{slug}/sitemap.xml    its sitemap (with hreflang alternates)
//	/{slug}/legal          its legal notice
//	Feed.Path, Calendar    its feeds and iCalendar file (see Publishers)
//	Item.Path              one article page per item (see Items)
//
// Responses carry ETag and Last-Modified and answer conditional requests.
// The package serves well-behaved endpoints only; it does not simulate
// slow, broken or hostile servers.
package fixtureweb
