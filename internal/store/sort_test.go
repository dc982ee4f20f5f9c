package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortStable: sortStable orders any slice as slices.SortStableFunc
// does, records with equal keys kept in their order, whether the slice is
// in order already, reversed or shuffled, with few or many equal keys.
func TestSortStable(t *testing.T) {
	type rec struct{ key, was int }
	byKey := func(a, b rec) int { return a.key - b.key }
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 20, 21, 100, 2500} {
		for _, keys := range []int{1, 3, n/2 + 1, 4 * n} {
			for _, shape := range []string{"shuffled", "sorted", "reversed"} {
				s := make([]rec, n)
				for i := range s {
					s[i] = rec{r.IntN(keys + 1), i}
				}
				switch shape {
				case "sorted":
					slices.SortStableFunc(s, byKey)
				case "reversed":
					slices.SortStableFunc(s, byKey)
					slices.Reverse(s)
				}
				for i := range s {
					s[i].was = i
				}
				want := slices.Clone(s)
				slices.SortStableFunc(want, byKey)
				sortStable(s, func(a, b *rec) int { return byKey(*a, *b) })
				if !slices.Equal(s, want) {
					t.Fatalf("n %d, %d keys, %s: got %v, want %v", n, keys, shape, s, want)
				}
			}
		}
	}
}
