// Package portal is the hub's web front: server-rendered pages in English,
// French and German (home, search with facets, document, events calendar,
// funding calls, themes and content types), and the open
// interfaces that let people and other hubs reuse the catalog: the Atom
// feed and the iCalendar of every search, the JSON API under /api/v1
// (search by query string or by a ReliefWeb-style body, documents,
// sources) described by the OpenAPI document at /api/v1/openapi.json, the
// OAI-PMH provider at /oai, sitemaps and schema.org JSON-LD for search
// engines, and the health check.
//
// It reads the catalog through the small Catalog interface that cmd fills
// with a store; it never imports the harvester, the queue or a SQL driver.
// Templates, style sheet and message catalogues are embedded and checked
// when the server is built: a broken template or a missing translation
// fails New, never a request. Handlers return errors and one function
// (serveError) turns them into a status and a page or JSON body:
// catalog.ErrNotFound is 404, catalog.ErrInvalid is 400, a catalog call
// past its deadline is 503, anything else is a 500 logged once. OAI-PMH
// protocol errors are not HTTP errors: they are OAI-PMH responses.
//
// Not here yet: sign-in, forum, editorial screens, which later slices add
// beside these handlers.
package portal
