package sheet

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestRowPacking: rows made one after another into shared blocks (across
// block boundaries, a row larger than a block, empty rows and cells) read
// back as their cells, also after later rows were made, and erasing a cell
// blanks that cell of that row only.
func TestRowPacking(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var p rowPacker
	var rows []Row
	var want [][]string
	for n := range 3000 {
		cells := make([]string, rng.IntN(12))
		for i := range cells {
			switch rng.IntN(6) {
			case 0: // blank
			case 1:
				cells[i] = strings.Repeat("æø", rng.IntN(40))
			case 2:
				cells[i] = strings.Repeat("x", packTextBlock+rng.IntN(100))
			default:
				cells[i] = string(rune('a'+rng.IntN(26))) + strings.Repeat(" ", rng.IntN(3))
			}
		}
		rows = append(rows, p.row(n+2, cells))
		want = append(want, cells)
	}
	for i, r := range rows {
		if r.Num != i+2 || r.Len() != len(want[i]) || !reflect.DeepEqual(r.Cells(), want[i]) && len(want[i]) > 0 {
			t.Fatalf("row %d: %d %d cells, want %d %q", i, r.Num, r.Len(), len(want[i]), want[i])
		}
		for c := -1; c <= len(want[i]); c++ {
			w := ""
			if c >= 0 && c < len(want[i]) {
				w = want[i][c]
			}
			if got := r.Cell(c); got != w {
				t.Fatalf("row %d cell %d: %q, want %q", i, c, got, w)
			}
		}
		if r.Blank() != blankCells(want[i]) {
			t.Errorf("row %d: Blank %v for %q", i, r.Blank(), want[i])
		}
	}
	for i := range rows {
		if rows[i].Len() > 1 {
			rows[i].Erase(1)
			want[i][1] = ""
		}
		rows[i].Erase(-1)
		rows[i].Erase(rows[i].Len())
	}
	for i, r := range rows {
		if len(want[i]) > 0 && !reflect.DeepEqual(r.Cells(), want[i]) {
			t.Fatalf("after Erase, row %d: %q, want %q", i, r.Cells(), want[i])
		}
	}
}

// TestRowBlank: a row is blank when every cell is empty or white space,
// judged cell by cell (two cells' bytes that together would be a space do
// not make a blank row).
func TestRowBlank(t *testing.T) {
	for _, tt := range []struct {
		cells []string
		blank bool
	}{
		{nil, true},
		{[]string{"", " ", "\t\u00a0"}, true},
		{[]string{"", "x"}, false},
		{[]string{"\xc2", "\xa0"}, false},
	} {
		r := NewRow(2, tt.cells...)
		if r.Blank() != tt.blank {
			t.Errorf("%q: Blank %v, want %v", tt.cells, r.Blank(), tt.blank)
		}
		if len(tt.cells) > 1 && !tt.blank {
			r.Erase(1)
			if r.Blank() != blankCells(tt.cells[:1]) {
				t.Errorf("%q with cell B erased: Blank %v", tt.cells, r.Blank())
			}
		}
	}
}
