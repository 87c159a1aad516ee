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

func TestKeyed(t *testing.T) {
	got := Keyed([]string{"a", "bb", "ccc"}, func(s string) int { return len(s) })
	if len(got) != 3 || got["a"] != 1 || got["bb"] != 2 || got["ccc"] != 3 {
		t.Errorf("Keyed = %v", got)
	}
}
