package search

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestStrTable holds strTable to a map[string]int: random keys (many
// repeated, short and long, the empty one) set when missing and looked up
// as strings, as bytes and inside a longer text, through several growths.
func TestStrTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tab, want := &strTable{}, map[string]int{}
	for n := range 20000 {
		k := fmt.Sprintf("%04x", r.IntN(3000))[:r.IntN(5)]
		switch r.IntN(10) {
		case 0:
			k += "æøå" + fmt.Sprint(n) // long, new
		case 1:
			k += "-mentorforløbet" // long, may be repeated
		case 2:
			k += "\x00" // a zero byte does not make a short key another's
		}
		var (
			v, i int
			ok   bool
			tag  uint64
			how  = r.IntN(3)
		)
		switch how {
		case 0:
			v, ok, tag, i = lookup(tab, k, 0, len(k))
		case 1: // bytes, with more before and after
			v, ok, tag, i = lookup(tab, []byte(".."+k+".."), 2, len(k)+2)
		case 2: // a word in a longer text
			v, ok, tag, i = lookup(tab, "x "+k+" yyyyyyyy", 2, len(k)+2)
		}
		w, wok := want[k]
		if ok != wok || v != w {
			t.Fatalf("op %d: %q: got %d, %v; want %d, %v (way %d)", n, k, v, ok, w, wok, how)
		}
		if !ok {
			tab.set(k, n, tag, i)
			want[k] = n
		}
	}
	if tab.n != len(want) || len(tab.slots) < 2*tab.n {
		t.Errorf("%d keys in %d slots, want %d keys in at least twice as many", tab.n, len(tab.slots), len(want))
	}
}
