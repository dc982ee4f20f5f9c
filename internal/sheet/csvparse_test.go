package sheet

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// TestCSVStrayQuote is why the package has its own CSV parser: on a row
// whose cell starts with a quote that is never closed (a typed "ulukket,
// say), encoding/csv loses the rows after it: with LazyQuotes the cell runs
// on to the next quote of the file or its end, swallowing the rows between
// into one cell (and in the second case shifting every cell after it);
// without LazyQuotes it stops with an error at the first such row. Ours
// reads the cell as the text it is, keeps every row, and marks the cell.
func TestCSVStrayQuote(t *testing.T) {
	tests := []struct {
		name, src string
		lazy      [][]string // what encoding/csv with LazyQuotes gives
		ours      [][]string
	}{
		{"never closed", "q;\"ulukket;z\nr;R;z\ns;S;z\n",
			[][]string{{"q", "ulukket;z\nr;R;z\ns;S;z\n"}},
			[][]string{{"q", `"ulukket`, "z"}, {"r", "R", "z"}, {"s", "S", "z"}}},
		{"closed by a later row's quote", "q;\"ulukket;z\nr;R;z\ns;\"S\";z\nt;T;z\n",
			[][]string{{"q", "ulukket;z\nr;R;z\ns;\"S", "z"}, {"t", "T", "z"}},
			[][]string{{"q", `"ulukket`, "z"}, {"r", "R", "z"}, {"s", "S", "z"}, {"t", "T", "z"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := csv.NewReader(strings.NewReader(tc.src))
			r.Comma, r.LazyQuotes, r.FieldsPerRecord = ';', true, -1
			lazy, err := r.ReadAll()
			if err != nil || !reflect.DeepEqual(lazy, tc.lazy) {
				t.Errorf("encoding/csv, LazyQuotes:\n got %q, %v\nwant %q", lazy, err, tc.lazy)
			}

			r = csv.NewReader(strings.NewReader(tc.src))
			r.Comma, r.FieldsPerRecord = ';', -1
			var strict [][]string
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if !errors.Is(err, csv.ErrQuote) {
					t.Errorf("encoding/csv, strict: %q, %v; want an ErrQuote", rec, err)
				}
				if err != nil {
					break
				}
				strict = append(strict, rec)
			}
			if len(strict) != 0 {
				t.Errorf("encoding/csv, strict, read %q before the stray quote", strict)
			}

			p := newCSVParser(tc.src, ';', 2, 32767)
			var ours [][]string
			marked := 0
			for {
				rec, ok := p.next()
				if !ok {
					break
				}
				ours = append(ours, rec.fields)
				marked += len(rec.issues)
			}
			if !reflect.DeepEqual(ours, tc.ours) || marked != 1 {
				t.Errorf("ours:\n got %q (%d cells marked)\nwant %q (1 marked)", ours, marked, tc.ours)
			}
		})
	}

	// Without LazyQuotes, a quote inside an unquoted cell is an error too;
	// for Excel (and us) it is text.
	r := csv.NewReader(strings.NewReader("1;Anna \"Bo\" Berg\n"))
	r.Comma = ';'
	if _, err := r.Read(); !errors.Is(err, csv.ErrBareQuote) {
		t.Errorf("encoding/csv, strict, on a bare quote: %v", err)
	}
}
