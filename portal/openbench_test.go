package portal

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Benchmarks of the open interfaces' own work, on the in-memory catalog
// (the store's search time is measured in the store's benchmarks).
// Measured on the 2-core build machine (Go 1.26): parsing a full POST
// body about 0.17 ms and 470 allocations; a ListRecords page of 50
// oai_dc records about 7 ms, most of it the fake catalog's linear
// Document look-ups and XML encoding; an event calendar about 0.06 ms.

// BenchmarkParseAPISearchBody parses a full POST body: depth scan,
// decoding and every check.
func BenchmarkParseAPISearchBody(b *testing.B) {
	body := `{"query": {"value": "language courses for refugees", "operator": "AND"},
		"filter": {"operator": "AND", "conditions": [
			{"field": "theme", "value": ["health", "housing", "employment"]},
			{"field": "country", "value": ["DE", "AT", "FR", "IT"]},
			{"field": "date", "value": {"from": "2024-01-01", "to": "2024-12-31"}}]},
		"facets": [{"field": "theme", "limit": 5}, {"field": "country"}, {"field": "type", "sort": "value:asc"}],
		"sort": ["date:desc"], "fields": {"include": ["summary", "themes"]}, "limit": 50, "offset": 100}`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseAPISearchBody(strings.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOAIListRecords serves a page of 50 oai_dc records.
func BenchmarkOAIListRecords(b *testing.B) {
	h := newTestServer(b, manyDocuments(200), nil)
	req := httptest.NewRequest(http.MethodGet, "/oai?verb=ListRecords&metadataPrefix=oai_dc", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkSearchCalendar serves the iCalendar of an event search.
func BenchmarkSearchCalendar(b *testing.B) {
	h := newTestServer(b, withEvent(newFakeCatalog()), nil)
	req := httptest.NewRequest(http.MethodGet, "/en/search/ics", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
