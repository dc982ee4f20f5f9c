package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// ErrorsHeader is the header of the column the rejects workbook adds with
// the reasons a row was rejected. Ingesting the workbook ignores it.
const ErrorsHeader = "Fejl"

// RejectsFolder is what the messages call the -rejects folder, in Danish,
// as the secretariat reads them.
const RejectsFolder = "mappen til afviste rækker (-rejects)"

// rejectsTempPrefix begins the name of a rejects workbook being written.
const rejectsTempPrefix = ".afvist-"

// writeRejects writes the rejected rows of one input's sheets (fs, in the
// workbook's order), with their original cells and a Fejl column, to the
// .xlsx at path: a sheet of the same name for each. Content columns are left
// blank, and so, in a meeting log or a sheet with a content column, are
// columns that are not known fields, since they may hold meeting content.
func (st *state) writeRejects(fs []*fileIn, path string) (string, error) {
	if err := makeRejectsFolder(filepath.Dir(path)); err != nil {
		return "", err
	}
	x := excelize.NewFile()
	defer x.Close()
	for i, f := range fs {
		if err := st.rejectsSheet(x, f, i == 0); err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	// Replaced whole (outdir.WriteFileTemp): a stopped or killed run never
	// leaves a half-written workbook under the rejects name. The temporary
	// name carries the process id, and begins with rejectsTempPrefix
	// whatever the workbook's name, so that every run removes what a
	// killed one left (proc.RemoveLeftovers), and a stop by signal removes
	// it before exiting.
	if err := outdir.WriteFileTemp(path, buf.Bytes(), 0o644, rejectsTempPrefix, ".xlsx"); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return filepath.ToSlash(path), nil
}

// makeRejectsFolder makes the -rejects folder dir (and the folders above
// it) where it does not exist. Its error names the folder as the rejects
// folder, and, where a file is in the way (a file of the folder's name, or
// of a folder's above it), that file, where os.MkdirAll names only the
// file, as "mkdir afile: not a directory".
func makeRejectsFolder(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		return nil
	}
	for p := dir; ; p = filepath.Dir(p) {
		if fi, serr := os.Stat(p); serr == nil {
			if !fi.IsDir() {
				return fmt.Errorf("%s %s kan ikke laves, for %s er en fil, ikke en mappe; flyt eller omdøb filen, eller vælg en anden mappe med -rejects", RejectsFolder, dir, p)
			}
			break
		}
		if filepath.Dir(p) == p {
			break
		}
	}
	return fmt.Errorf("%s %s kan ikke laves: %w", RejectsFolder, dir, err)
}

// rejectsSheet adds f's rejected rows to x as a sheet named as f's (the
// workbook's first sheet when first).
func (st *state) rejectsSheet(x *excelize.File, f *fileIn, first bool) error {
	name := f.t.Sheet
	if name == "" {
		name = "Afviste rækker"
	}
	if first {
		if name != "Sheet1" {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		}
	} else if _, err := x.NewSheet(name); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return err
	}
	bold, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#EDEDED"}}})
	errStyle, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "#9C0006"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	dateFmt := "dd-mm-yyyy"
	dateStyle, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	textStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	ncol := len(f.t.Header)
	errCol := ncol
	for i, h := range f.t.Header {
		if sheet.FoldHeader(h) == sheet.FoldHeader(ErrorsHeader) {
			errCol = i // a rejects file read again: reuse its Fejl column
		}
	}
	width := max(ncol, errCol+1)
	blanked := make([]bool, width)
	for i := 0; i < ncol; i++ {
		role := f.l.roles[i]
		blanked[i] = role == colContent || (f.l.sensitive() && role == colUnknown)
	}
	// Column widths: from the header and the cells, capped.
	widths := make([]int, width)
	header := make([]any, width)
	for i := range width {
		h := ErrorsHeader
		if i < ncol && i != errCol {
			h = f.t.Header[i]
			if blanked[i] && !strings.HasSuffix(h, " (indhold fjernet)") {
				h += " (indhold fjernet)"
			}
		}
		header[i] = excelize.Cell{StyleID: bold, Value: sheet.Neutralise(h)}
		widths[i] = min(utf8.RuneCountInString(h)+2, 50)
	}
	var body [][]any
	for _, r := range f.rows {
		if !r.rejected() {
			continue
		}
		cells := make([]any, width)
		for i := range width {
			if i == errCol {
				continue
			}
			v := r.r.Cell(i)
			if blanked[i] || r.hidden[i] || v == "" {
				continue
			}
			cells[i] = st.rejectCell(f, i, v, dateStyle, textStyle)
			widths[i] = max(widths[i], min(utf8.RuneCountInString(v)+2, 50))
		}
		var msgs []string
		for _, p := range r.probs {
			where := ""
			if p.Column != "" {
				where = "Kolonne " + p.Column
				if p.Header != "" {
					where += " (" + p.Header + ")"
				}
				where += ": "
			}
			msgs = append(msgs, where+p.Message+" ["+p.Code+"]")
		}
		msg := strings.Join(msgs, "\n")
		cells[errCol] = excelize.Cell{StyleID: errStyle, Value: sheet.Neutralise(msg)}
		widths[errCol] = max(widths[errCol], min(longestLine(msg)+2, 80))
		body = append(body, cells)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(max(w, 8))); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 18}); err != nil {
		return err
	}
	for i, cells := range body {
		if err := sw.SetRow("A"+strconv.Itoa(i+2), cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return nil
}

// rejectCell is a cell of the rejects workbook: numbers from an .xlsx stay
// numbers (dates get a date format, so the secretariat sees 14-03-2026, not
// 46095); everything else is text, neutralised.
func (st *state) rejectCell(f *fileIn, col int, v string, dateStyle, textStyle int) any {
	if f.t.Format == sheet.FormatXLSX {
		if n, err := strconv.ParseFloat(v, 64); err == nil && strings.Trim(v, "0123456789.-E+e") == "" {
			if sp := f.l.spec(f.l.fields[col]); sp != nil && sp.date {
				return excelize.Cell{StyleID: dateStyle, Value: n}
			}
			return n
		}
	}
	return excelize.Cell{StyleID: textStyle, Value: sheet.Neutralise(v)}
}

func longestLine(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, utf8.RuneCountInString(l))
	}
	return n
}
