package parallel

import (
	"slices"
	"testing"
)

func TestMap(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 17, 1000} {
		in := make([]int, n)
		want := make([]int, n)
		for i := range in {
			in[i], want[i] = i, i*i
		}
		if got := Map(in, func(x int) int { return x * x }); !slices.Equal(got, want) {
			t.Errorf("Map of %d: %v", n, got)
		}
	}
}
