package parallel

import (
	"errors"
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

func TestPages(t *testing.T) {
	for _, pages := range []int{0, 1, 2, 5} {
		read := 0
		next := func() ([]int, error) {
			if read == pages {
				return nil, nil
			}
			read++
			return []int{read * 10, read*10 + 1}, nil
		}
		var got []int
		err := Pages(next, func(x *int) int { return *x * 2 }, func(in, out []int) error {
			for i := range in {
				if out[i] != in[i]*2 {
					t.Errorf("page of %v: out %v", in, out)
				}
			}
			got = append(got, in...)
			return nil
		})
		if err != nil || len(got) != 2*pages {
			t.Errorf("%d pages: wrote %v, %v", pages, got, err)
		}
	}
}

func TestPagesStops(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	next := func() ([]int, error) { n++; return []int{n}, nil }
	err := Pages(next, func(x *int) int { return *x }, func(in, out []int) error {
		if in[0] == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || n != 4 {
		t.Errorf("write failing on page 3: %v after %d pages read; want boom after 4", err, n)
	}
	n = 0
	next = func() ([]int, error) {
		n++
		if n == 2 {
			return nil, boom
		}
		return []int{n}, nil
	}
	wrote := 0
	err = Pages(next, func(x *int) int { return *x }, func(in, out []int) error { wrote++; return nil })
	if !errors.Is(err, boom) || wrote != 0 {
		t.Errorf("next failing on page 2: %v, %d pages written; want boom and none", err, wrote)
	}
}
