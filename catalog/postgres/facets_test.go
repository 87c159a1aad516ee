package postgres_test

import (
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/ewsi/hub/catalog/search"
)

// TestConformanceFacetIndex runs the search cases with every count made
// by the facet index, built before each count that finds it stale.
func TestConformanceFacetIndex(t *testing.T) {
	catalogtest.RunSearch(t, func(t *testing.T) catalogtest.Store {
		s := mustOpen(t)
		s.SetFacetMode(search.FacetsSync)
		return s
	})
}

// TestConformanceSQLCounts runs the search cases with every count made in
// SQL.
func TestConformanceSQLCounts(t *testing.T) {
	catalogtest.RunSearch(t, func(t *testing.T) catalogtest.Store {
		s := mustOpen(t)
		s.SetFacetMode(search.FacetsOff)
		return s
	})
}

// TestConformanceByTiers runs the search cases with every page ranked by
// relevance read by tiers, as those of many hits are (the catalogs of
// the cases have few).
func TestConformanceByTiers(t *testing.T) {
	catalogtest.RunSearch(t, func(t *testing.T) catalogtest.Store {
		s := mustOpen(t)
		postgres.SetOneTier(s, -1)
		return s
	})
}
