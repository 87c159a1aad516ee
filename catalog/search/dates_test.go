package search

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	gocmp "github.com/google/go-cmp/cmp"
)

// TestNewest checks pages in date order against sorting the found
// documents: undated last, ties by ID descending, for small sets (sorted
// by rank) and large ones (read off the whole order), dense IDs and
// sparse ones (no rank slice).
func TestNewest(t *testing.T) {
	for _, sparse := range []bool{false, true} {
		r := rand.New(rand.NewPCG(7, 9))
		rows := make([]FacetRow, 2000)
		for i := range rows {
			id := int64(i + 1)
			if sparse {
				id = id*10_000 + 3
			}
			rows[i] = FacetRow{ID: id, Published: int64(r.IntN(50)) * 1e6, Year: "2026"}
			if r.IntN(10) == 0 {
				rows[i].Year, rows[i].Published = "", 0
			}
		}
		x := BuildFacetIndex("", rows)
		for _, share := range []int{1, 5, 50, 100} {
			found := roaring.New()
			var want []FacetRow
			for _, row := range rows {
				if r.IntN(100) < share {
					found.Add(uint32(row.ID))
					want = append(want, row)
				}
			}
			slices.SortFunc(want, func(a, b FacetRow) int {
				if (a.Year == "") != (b.Year == "") {
					if a.Year == "" {
						return 1
					}
					return -1
				}
				if c := cmp.Compare(b.Published, a.Published); c != 0 {
					return c
				}
				return cmp.Compare(b.ID, a.ID)
			})
			for _, page := range [][2]int{{0, 10}, {7, 20}, {len(want) - 3, 10}, {len(want), 10}, {0, 0}} {
				t.Run(fmt.Sprintf("sparse %v share %d%% offset %d limit %d", sparse, share, page[0], page[1]), func(t *testing.T) {
					var exp []int64
					for _, row := range want[min(page[0], len(want)):min(page[0]+page[1], len(want))] {
						exp = append(exp, row.ID)
					}
					got := x.Newest(found, page[0], page[1])
					if diff := gocmp.Diff(exp, got); diff != "" {
						t.Errorf("Newest (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}
