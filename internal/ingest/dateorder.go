package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// dateClue is a date cell written with slashes that can be read only one
// way: 3/14/2026 only month first, 14/3/2026 only day first.
type dateClue struct {
	row   int
	value string
}

// dateClues are a file's evidence of how it writes its slash dates.
type dateClues struct {
	dayFirst, monthFirst *dateClue // the first cell that can only be read so
}

// scanDateOrder looks through a file's date columns for slash dates that
// can be read only one way. Where a file's dates can only be month first
// (3/14/2026, as US exports write them) and the run reads them day first
// (or the other way round), its dates that can be read both ways are not
// read silently in the run's order: st.date rejects them.
func (st *state) scanDateOrder(f *fileIn) {
	for _, sp := range f.l.specs {
		c, ok := f.l.col[sp.id]
		if !sp.date || !ok {
			continue
		}
		for _, r := range f.t.Rows {
			v := clean(r.Cell(c))
			if strings.IndexByte(v, '/') < 0 {
				continue
			}
			if f.t.Format == sheet.FormatXLSX {
				if _, ok := sheet.ParseSerial(v, f.t.Date1904); ok {
					continue
				}
			}
			_, errD := sheet.ParseDate(v, sheet.DayFirst)
			_, errM := sheet.ParseDate(v, sheet.MonthFirst)
			switch {
			case errD == nil && errM != nil && f.dates.dayFirst == nil:
				f.dates.dayFirst = &dateClue{r.Num, v}
			case errM == nil && errD != nil && f.dates.monthFirst == nil:
				f.dates.monthFirst = &dateClue{r.Num, v}
			}
		}
	}
}

// otherOrder returns the order that is not o, and its flag value.
func otherOrder(o sheet.DateOrder) (sheet.DateOrder, string) {
	if o == sheet.MonthFirst {
		return sheet.DayFirst, "dmy"
	}
	return sheet.MonthFirst, "mdy"
}

// dateOrderProblem says why the slash date v is not read in the run's
// order when the file's other dates speak against that order; "" when
// nothing does. t is v read in the run's order (ok false when it cannot
// be).
func (st *state) dateOrderProblem(f *fileIn, v string, t time.Time, ok bool) string {
	if strings.IndexByte(v, '/') < 0 {
		return ""
	}
	order := st.opts.DateOrder
	other, flag := otherOrder(order)
	t2, err := sheet.ParseDate(v, other)
	ok2 := err == nil
	against := f.dates.monthFirst // a clue against the run's order
	if order == sheet.MonthFirst {
		against = f.dates.dayFirst
	}
	mixed := f.dates.dayFirst != nil && f.dates.monthFirst != nil
	how := map[sheet.DateOrder]string{sheet.DayFirst: "dagen først", sheet.MonthFirst: "måneden først (som i amerikanske eksporter)"}
	fix := fmt.Sprintf("Indlæs filen igen med -date-order %s, eller skriv datoen som 14-03-2026.", flag)
	if flag == "dmy" {
		fix = "Indlæs filen igen uden -date-order mdy, eller skriv datoen som 14-03-2026."
	}
	switch {
	case ok && ok2 && !t.Equal(t2) && mixed:
		return fmt.Sprintf("%q kan være både %s og %s, og filens datoer med skråstreg er skrevet på begge måder (%q i række %d kan kun have dagen først, %q i række %d kun måneden først). Skriv datoen som 14-03-2026.",
			shorten(v), t.Format("02-01-2006"), t2.Format("02-01-2006"), shorten(f.dates.dayFirst.value), f.dates.dayFirst.row, shorten(f.dates.monthFirst.value), f.dates.monthFirst.row)
	case ok && ok2 && !t.Equal(t2) && against != nil:
		return fmt.Sprintf("%q kan være både %s og %s, og andre datoer i filen kan kun have %s: %q i række %d. %s",
			shorten(v), t.Format("02-01-2006"), t2.Format("02-01-2006"), how[other], shorten(against.value), against.row, fix)
	case !ok && ok2 && !mixed:
		return fmt.Sprintf("%q kan ikke have %s, men er %s med %s. %s",
			shorten(v), how[order], t2.Format("02-01-2006"), how[other], fix)
	}
	return ""
}
