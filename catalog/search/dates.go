package search

import (
	"cmp"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// dates orders the documents of a FacetIndex newest first, as the stores
// do (undated last, ties by ID descending), so that a page of a search
// sorted by date is read from the index rather than by sorting every hit
// in SQL.
type dates struct {
	newest []uint32 // IDs, newest first
	// rank is each ID's position in newest, indexed by ID; nil when the
	// IDs are too sparse for a slice of that length to be worth it.
	rank []uint32
}

func newDates(rows []FacetRow) dates {
	type dated struct {
		id  uint32
		at  int64
		has bool
	}
	order := make([]dated, 0, len(rows))
	var maxID uint32
	for i := range rows {
		r := &rows[i]
		id := uint32(r.ID)
		order = append(order, dated{id, r.Published, r.Year != ""})
		maxID = max(maxID, id)
	}
	slices.SortFunc(order, func(a, b dated) int {
		switch {
		case a.has != b.has:
			if a.has {
				return -1
			}
			return 1
		case a.at != b.at:
			return cmp.Compare(b.at, a.at)
		}
		return cmp.Compare(b.id, a.id)
	})
	d := dates{newest: make([]uint32, len(order))}
	for i, o := range order {
		d.newest[i] = o.id
	}
	if len(order) > 0 && int(maxID) <= 4*len(order)+1024 {
		d.rank = make([]uint32, int(maxID)+1)
		for i, id := range d.newest {
			d.rank[id] = uint32(i)
		}
	}
	return d
}

// Newest returns the IDs of found (a subset of the index's documents, see
// Found) from offset, at most limit of them, newest first.
func (x *FacetIndex) Newest(found *roaring.Bitmap, offset, limit int) []int64 {
	n := int(found.GetCardinality())
	if offset >= n || limit <= 0 {
		return nil
	}
	want := min(offset+limit, n)
	var out []int64
	if x.rank != nil && n*32 < len(x.newest) {
		// Few documents: sort them rather than walk the whole order.
		ids := found.ToArray()
		slices.SortFunc(ids, func(a, b uint32) int { return cmp.Compare(x.rank[a], x.rank[b]) })
		for _, id := range ids[offset:want] {
			out = append(out, int64(id))
		}
		return out
	}
	seen := 0
	for _, id := range x.newest {
		if !found.Contains(id) {
			continue
		}
		if seen >= offset {
			out = append(out, int64(id))
		}
		if seen++; seen == want {
			break
		}
	}
	return out
}
