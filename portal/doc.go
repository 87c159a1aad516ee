// Package portal is the hub's web front: server-rendered pages in English,
// French and German (home, search with facets, document), the Atom feed of
// every search, the JSON search API under /api/v1 and the health check.
//
// It reads the catalog through the small Catalog interface that cmd fills
// with a store; it never imports the harvester, the queue or a SQL driver.
// Templates, style sheet and message catalogues are embedded and checked
// when the server is built: a broken template or a missing translation
// fails New, never a request. Handlers return errors and one function
// (serveError) turns them into a status and a page or JSON body:
// catalog.ErrNotFound is 404, catalog.ErrInvalid is 400, anything else is
// a 500 logged once.
//
// Not here yet: sign-in, forum, editorial screens, OAI-PMH and the OpenAPI
// description, which later slices add beside these handlers.
package portal
