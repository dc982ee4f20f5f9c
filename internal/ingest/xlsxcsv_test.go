package ingest

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// TestXLSXAsCSV: the same rows as .xlsx text cells and as CSV give the
// same problems, notes, counts and data, also where a row's reading
// depends on the rest of the sheet (x marks in a yes/no column, slash
// dates that can be read only one way), wherever in a long sheet that
// row is.
func TestXLSXAsCSV(t *testing.T) {
	header := []string{"Mentee", "Mødedato", "Dagsorden sendt", "Ønsker kontakt fra sekretariatet", "Varighed", "Referat"}
	// many is n rows of meetings between March and October 2026, on slash
	// dates that can be read both ways, with blank yes/no cells, and the
	// row at index mark (when >= 0) changed by edit.
	many := func(n, mark int, edit func([]string)) [][]string {
		var rows [][]string
		for i := range n {
			r := []string{"mads@example.org", fmt.Sprintf("%d/%d/2026", 1+i%12, 3+i/12%8), "", "", "60", "Fortroligt"}
			if i == mark {
				edit(r)
			}
			rows = append(rows, r)
		}
		return rows
	}
	tick := func(r []string) { r[2] = "x" }
	usDate := func(r []string) { r[1] = "3/14/2026" }
	tests := []struct {
		name string
		rows [][]string
	}{
		{"plain", [][]string{
			{"mads@example.org", "04-03-2026", "ja", "nej", "60", "Vi talte om arbejdet"},
			{},
			{"", "", "", "", "", "Kun referat: rækken er tom uden det"},
			{"mads@example.org", "05-03-2026", "måske", "", "", ""},
			{"mads@example.org", "24-12-2026", "", "", "", ""},
			{"nobody@example.org", "06-03-2026", "", "", "", ""},
			{"mona@example.org", "07-03-2026", "nej", "ja", "1,5 t", ""},
			{"mads@example.org", "04-03-2026", "nej", "nej", "45", ""},
			{},
			{},
		}},
		{"x marks", [][]string{
			{"mads@example.org", "04-03-2026", "x", "", "60", ""},
			{"mads@example.org", "05-03-2026", "", "x", "60", ""},
		}},
		{"slash dates", [][]string{
			{"mads@example.org", "3/4/2026", "", "", "60", ""},
			{"mads@example.org", "3/14/2026", "", "", "60", ""},
			{"mads@example.org", "20-03-2026", "", "", "60", ""},
		}},
		{"many rows", many(3000, -1, nil)},
		{"an x mark late", many(3000, 2500, tick)},
		{"a slash date late", many(3000, 2100, usDate)},
		{"an x mark first", many(3000, 0, tick)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Two data folders alike: each run saves.
			csvData, xlsxData := newData(t), newData(t)
			run(t, csvData, Options{}, file(t, "t.csv", baseSignups...))
			run(t, xlsxData, Options{}, file(t, "t.csv", baseSignups...))
			lines := []string{strings.Join(header, ";")}
			for _, r := range tc.rows {
				lines = append(lines, strings.Join(r, ";"))
			}
			csvRes := run(t, csvData, Options{}, file(t, "m.csv", lines...))
			xlsxRes := run(t, xlsxData, Options{}, textXLSX(t, append([][]string{header}, tc.rows...)))
			if want, got := reportWithoutFile(csvRes.Report), reportWithoutFile(xlsxRes.Report); !reflect.DeepEqual(got, want) {
				t.Errorf(".xlsx report\n%+v\nCSV report\n%+v", got, want)
			}
			if !reflect.DeepEqual(xlsxRes.Dataset, csvRes.Dataset) {
				t.Errorf(".xlsx data\n%+v\nCSV data\n%+v", xlsxRes.Dataset.Cohorts, csvRes.Dataset.Cohorts)
			}
			if !xlsxRes.Report.Applied || xlsxRes.Report.Files[0].Accepted == 0 {
				t.Errorf("no row accepted: %+v", xlsxRes.Report.Problems)
			}
		})
	}
}

// textXLSX writes rows to an .xlsx as text cells.
func textXLSX(t *testing.T, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		for j, c := range r {
			if c != "" {
				f.SetCellStr("Sheet1", sheet.ColumnName(j)+strconv.Itoa(i+1), c)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "m.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// reportWithoutFile is a report without what names the file, its format
// or its sheet.
func reportWithoutFile(r *Report) Report {
	out := Report{Applied: r.Applied}
	for _, f := range r.Files {
		f.Path, f.Sheet, f.Encoding, f.Delimiter, f.Rejects = "", "", "", "", ""
		out.Files = append(out.Files, f)
	}
	for _, p := range r.Problems {
		p.File, p.Sheet = "", ""
		out.Problems = append(out.Problems, p)
	}
	for _, n := range r.Notes {
		n.File, n.Sheet = "", ""
		out.Notes = append(out.Notes, n)
	}
	for _, d := range r.Dropped {
		d.File, d.Sheet = "", ""
		out.Dropped = append(out.Dropped, d)
	}
	return out
}
