package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first visible sheet of an .xlsx workbook whose header
// row matches.
func readXLSX(path string, r io.ReaderAt, size int64, opts Options) (*Table, error) {
	if ods, _ := isODS(r, size); ods {
		return nil, &Error{File: path, Msg: "er et LibreOffice/OpenDocument-regneark (.ods), som ikke kan læses. Vælg Filer > Gem som > Excel 2007-365 (.xlsx) i LibreOffice"}
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
	var warnings []string
	var visible []string
	for _, name := range f.GetSheetList() {
		if ok, err := f.GetSheetVisible(name); err == nil && !ok {
			warnings = append(warnings, fmt.Sprintf("arket %q er skjult og blev ikke læst; vis arket i Excel, hvis det skal indlæses", name))
			continue
		}
		visible = append(visible, name)
	}
	if len(visible) == 0 {
		return nil, &Error{File: path, Msg: "har ingen synlige ark. Vis arket med data i Excel og gem igen"}
	}
	for _, name := range visible {
		t := &Table{File: path, Format: FormatXLSX, Sheet: name, Date1904: date1904}
		ok, err := readSheet(f, t, opts)
		if err != nil {
			return nil, err
		}
		if ok {
			t.Warnings = warnings
			return t, nil
		}
	}
	if len(visible) == 1 {
		return nil, &Error{File: path, Msg: fmt.Sprintf("arket %q har ingen kendt overskriftsrække. Første række skal indeholde kolonneoverskrifter som E-mail, Navn, Rolle, Kohorte", visible[0]), Err: ErrNoMatch}
	}
	return nil, &Error{File: path, Msg: fmt.Sprintf("ingen af arkene %s har en kendt overskriftsrække. Første række skal indeholde kolonneoverskrifter som E-mail, Navn, Rolle, Kohorte", quoteList(visible)), Err: ErrNoMatch}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// readSheet streams one sheet into t. It reports false, with no error, when
// the header row does not match.
func readSheet(f *excelize.File, t *Table, opts Options) (bool, error) {
	rows, err := f.Rows(t.Sheet)
	if err != nil {
		return false, xlsxOpenError(t.File, err)
	}
	defer rows.Close()
	num := 0
	raw := excelize.Options{RawCellValue: true}
	for rows.Next() {
		num++
		cells, err := rows.Columns(raw)
		if err != nil {
			return false, &Error{File: t.File, Msg: fmt.Sprintf("ark %q, række %d kan ikke læses; filen er beskadiget. Åbn den i Excel og gem den igen som .xlsx", t.Sheet, num), Err: err}
		}
		cells = pack(cells)
		if t.HeaderRow == 0 {
			// The header row is the first row that matches within the
			// first 20, so that a title above the table does no harm.
			if (Row{Cells: cells}).Blank() || (opts.Match != nil && !opts.Match(cells)) {
				if num >= 20 {
					return false, nil
				}
				continue
			}
			t.Header, t.HeaderRow = trimHeader(cells), num
			continue
		}
		if err := checkRow(t, opts, num, cells); err != nil {
			return false, err
		}
		t.Rows = append(t.Rows, Row{Num: num, Cells: cells})
		if opts.Progress != nil && len(t.Rows)%opts.ProgressEvery == 0 {
			opts.Progress(len(t.Rows))
		}
	}
	if err := rows.Error(); err != nil {
		return false, &Error{File: t.File, Msg: fmt.Sprintf("ark %q kan ikke læses; filen er beskadiget. Åbn den i Excel og gem den igen som .xlsx", t.Sheet), Err: err}
	}
	// Trailing blank rows are noise that spreadsheets leave behind.
	for len(t.Rows) > 0 && t.Rows[len(t.Rows)-1].Blank() {
		t.Rows = t.Rows[:len(t.Rows)-1]
	}
	return t.HeaderRow != 0, nil
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

// isODS reports whether a zip file is an OpenDocument spreadsheet.
func isODS(r io.ReaderAt, size int64) (bool, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false, err
	}
	for _, f := range zr.File {
		if f.Name == "mimetype" {
			rc, err := f.Open()
			if err != nil {
				return false, err
			}
			b := make([]byte, 64)
			n, _ := io.ReadFull(rc, b)
			rc.Close()
			return strings.HasPrefix(string(b[:n]), "application/vnd.oasis.opendocument"), nil
		}
	}
	return false, nil
}

// pack copies a row's cells into one string and slices them from it, undoing
// our formula neutralisation on the way. A row kept in memory is then two
// objects instead of one per cell, which keeps the garbage collector's work
// on a large sheet small.
func pack(cells []string) []string {
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range cells {
		b.WriteString(unneutralise(c))
	}
	s := b.String()
	out := make([]string, len(cells))
	off := 0
	for i, c := range cells {
		l := len(unneutralise(c))
		out[i] = s[off : off+l]
		off += l
	}
	return out
}
