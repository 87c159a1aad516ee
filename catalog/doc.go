// Package catalog holds the hub's domain: sources, documents, harvest runs,
// the search query model, the controlled vocabularies and the errors every
// store returns. It imports nothing but the standard library; the stores
// (catalog/sqlite, catalog/postgres) and every consumer depend on it, never
// the other way round.
//
// Interfaces are owned by the packages that consume them (harvester, portal,
// cmd); the conformance suite in catalog/catalogtest states the behaviour
// every store must share.
package catalog
