package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SharedStringsLimit caps the unpacked size of a workbook's shared strings
// (all its text cells), which excelize holds in memory whole. A variable so
// that tests can lower it.
var SharedStringsLimit int64 = 64 << 20

// readXLSX reads every visible sheet of an .xlsx workbook whose header row
// matches.
func readXLSX(path string, r io.ReaderAt, size int64, opts Options) ([]*Table, error) {
	ods, sst, _ := inspectZip(r, size)
	if ods {
		return nil, &Error{File: path, Msg: "er et LibreOffice/OpenDocument-regneark (.ods), som ikke kan læses. Vælg Filer > Gem som > Excel 2007-365 (.xlsx) i LibreOffice"}
	}
	if sst > uint64(SharedStringsLimit) {
		return nil, &Error{File: path, Msg: fmt.Sprintf("har for meget tekst (over %d MB udpakket) og er afvist for en sikkerheds skyld. Del regnearket op i flere filer", SharedStringsLimit>>20)}
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    UnzipSizeLimit,
		UnzipXMLSizeLimit: UnzipXMLSizeLimit,
	})
	if err != nil {
		return nil, xlsxOpenError(path, err)
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	var warnings []Warning
	var visible, hidden []string
	for _, name := range f.GetSheetList() {
		if ok, err := f.GetSheetVisible(name); err == nil && !ok {
			hidden = append(hidden, name)
			continue
		}
		visible = append(visible, name)
	}
	var tables []*Table
	var notRead []string
	for _, name := range visible {
		t := &Table{File: path, Format: FormatXLSX, Sheet: name, Date1904: date1904}
		ok, blank, err := readSheet(f, t, opts, false)
		if err != nil {
			return nil, err
		}
		switch {
		case ok:
			tables = append(tables, t)
		case !blank:
			notRead = append(notRead, name)
		}
	}
	if len(tables) > 0 {
		for _, name := range notRead {
			warnings = append(warnings, Warning{Code: WarnSheetNotRead, Sheet: name,
				Msg: fmt.Sprintf("arket %q er ikke læst: det %s", name, noHeaderMsg)})
		}
		for _, name := range hidden {
			warnings = append(warnings, Warning{Code: WarnHiddenSheet, Sheet: name,
				Msg: fmt.Sprintf("arket %q er skjult og blev ikke læst; vis arket i Excel, hvis det skal indlæses", name)})
		}
		tables[0].Warnings = append(warnings, tables[0].Warnings...)
		return tables, nil
	}
	// No visible sheet fits: say so if a hidden one would have.
	for _, name := range hidden {
		t := &Table{File: path, Format: FormatXLSX, Sheet: name, Date1904: date1904}
		if ok, _, err := readSheet(f, t, opts, true); err == nil && ok {
			return nil, &Error{File: path, Msg: fmt.Sprintf("det eneste ark med kendte kolonneoverskrifter, %q, er skjult, og skjulte ark læses ikke. Vis arket i Excel (højreklik på en arkfane > Vis), gem, og indlæs filen igen", name)}
		}
	}
	switch len(visible) {
	case 0:
		return nil, &Error{File: path, Msg: "har ingen synlige ark. Vis arket med data i Excel og gem igen"}
	case 1:
		return nil, &Error{File: path, Msg: fmt.Sprintf("arket %q %s", visible[0], noHeaderMsg), Err: ErrNoMatch}
	}
	return nil, &Error{File: path, Msg: fmt.Sprintf("ingen af arkene %s %s", quoteList(visible), strings.TrimPrefix(noHeaderMsg, "har ")), Err: ErrNoMatch}
}

// Range is a block of merged cells: rows as the spreadsheet numbers them,
// columns 0-based, inclusive.
type Range struct {
	FirstRow, LastRow, FirstCol, LastCol int
}

// Covers reports whether the cell at row, col lies inside r but is not its
// top-left cell (the one that holds the value).
func (r Range) Covers(row, col int) bool {
	return row >= r.FirstRow && row <= r.LastRow && col >= r.FirstCol && col <= r.LastCol && (row != r.FirstRow || col != r.FirstCol)
}

// MergedCells returns the merged cells of a sheet of an .xlsx workbook.
// Reading them costs a full parse of the sheet, so callers ask only when a
// blank cell needs explaining.
func MergedCells(path, sheetName string) (ranges []Range, err error) {
	defer func() {
		if r := recover(); r != nil {
			ranges, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	mc, err := f.GetMergeCells(sheetName)
	if err != nil {
		return nil, err
	}
	for _, m := range mc {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		ranges = append(ranges, Range{FirstRow: min(r1, r2), LastRow: max(r1, r2), FirstCol: min(c1, c2) - 1, LastCol: max(c1, c2) - 1})
	}
	return ranges, nil
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// readSheet streams one sheet into t. It reports false, with no error, when
// the header row does not match, and then whether the rows it looked at
// were all blank. With headerOnly it stops at the header.
func readSheet(f *excelize.File, t *Table, opts Options, headerOnly bool) (found, blank bool, err error) {
	rows, err := f.Rows(t.Sheet)
	if err != nil {
		return false, false, xlsxOpenError(t.File, err)
	}
	defer rows.Close()
	num := 0
	blank = true
	raw := excelize.Options{RawCellValue: true}
	var packer rowPacker
	for rows.Next() {
		num++
		cells, err := rows.Columns(raw)
		if err != nil {
			return false, false, &Error{File: t.File, Msg: fmt.Sprintf("ark %q, række %d kan ikke læses; filen er beskadiget. Åbn den i Excel og gem den igen som .xlsx", t.Sheet, num), Err: err}
		}
		for i, c := range cells {
			cells[i] = unneutralise(c)
		}
		if t.HeaderRow == 0 {
			// The header row is the first row that matches within the
			// first 20, so that a title above the table does no harm.
			isBlank := blankCells(cells)
			blank = blank && isBlank
			if isBlank || (opts.Match != nil && !opts.Match(cells)) {
				if num >= 20 {
					return false, blank, nil
				}
				continue
			}
			if err := checkCells(t, opts, num, cells); err != nil {
				return false, false, err
			}
			t.Header, t.HeaderRow = trimHeader(cells), num
			if headerOnly {
				return true, false, nil
			}
			continue
		}
		if err := checkRow(t, opts, num, cells); err != nil {
			return false, false, err
		}
		if len(t.Rows) == cap(t.Rows) {
			// Doubled: append grows a large array by a quarter, which
			// copies a 100,000-row sheet's rows about four times over.
			t.Rows = slices.Grow(t.Rows, max(len(t.Rows), 1024))
		}
		t.Rows = append(t.Rows, packer.row(num, cells))
		if opts.Progress != nil && len(t.Rows)%opts.ProgressEvery == 0 {
			opts.Progress(len(t.Rows))
		}
	}
	if err := rows.Error(); err != nil {
		return false, false, &Error{File: t.File, Msg: fmt.Sprintf("ark %q kan ikke læses; filen er beskadiget. Åbn den i Excel og gem den igen som .xlsx", t.Sheet), Err: err}
	}
	// Trailing blank rows are noise that spreadsheets leave behind.
	for len(t.Rows) > 0 && t.Rows[len(t.Rows)-1].Blank() {
		t.Rows = t.Rows[:len(t.Rows)-1]
	}
	return t.HeaderRow != 0, blank, nil
}

// trimHeader trims the header texts and drops blank trailing ones.
func trimHeader(cells []string) []string {
	h := make([]string, len(cells))
	for i, c := range cells {
		h[i] = strings.TrimSpace(c)
	}
	for len(h) > 0 && h[len(h)-1] == "" {
		h = h[:len(h)-1]
	}
	return h
}

// xlsxOpenError turns excelize's and archive/zip's errors into advice.
func xlsxOpenError(path string, err error) error {
	msg := "kan ikke læses som .xlsx; filen er beskadiget eller ufuldstændig. Åbn den i Excel og gem den igen som .xlsx, eller hent en ny kopi"
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		msg = "er beskyttet med adgangskode eller i et format, der ikke kan læses. Fjern adgangskoden og gem som .xlsx"
	case strings.Contains(err.Error(), "unzip size"):
		msg = fmt.Sprintf("er for stor udpakket (over %d MB) og er afvist for en sikkerheds skyld. Del regnearket op i flere filer", UnzipSizeLimit>>20)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
	}
	return &Error{File: path, Msg: msg, Err: err}
}

// inspectZip looks at a zip's directory: whether it is an OpenDocument
// spreadsheet, and the unpacked size of its shared strings. archive/zip,
// which excelize also uses, refuses an entry that unpacks to more than its
// stated size, so the stated size can be trusted.
func inspectZip(r io.ReaderAt, size int64) (ods bool, sst uint64, err error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false, 0, err
	}
	for _, f := range zr.File {
		if strings.Contains(strings.ToLower(f.Name), "sharedstrings") {
			sst = min(sst+min(f.UncompressedSize64, 1<<62), 1<<62)
		}
		if f.Name == "mimetype" {
			rc, err := f.Open()
			if err != nil {
				continue
			}
			b := make([]byte, 64)
			n, _ := io.ReadFull(rc, b)
			rc.Close()
			ods = strings.HasPrefix(string(b[:n]), "application/vnd.oasis.opendocument")
		}
	}
	return ods, sst, nil
}
