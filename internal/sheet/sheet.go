// Package sheet reads the secretariat's spreadsheets (.xlsx, .csv, .txt) into
// tables of text cells that remember where they came from: file, sheet, row
// number as the spreadsheet shows it, and column letter.
//
// It also holds the value parsers the ingester shares: dates in the forms
// Danish spreadsheets, Excel and the Forms services write them
// (ParseDate, SerialDate), durations (ParseDuration), yes/no answers
// (ParseBool) and header folding (FoldHeader). It knows nothing of the
// programme: it imports none of our packages.
package sheet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Limits against hostile or broken files.
const (
	// DefaultMaxRows is the most data rows a sheet may have.
	DefaultMaxRows = 1_000_000
	// DefaultMaxCellLen is the longest cell text, in characters. It is
	// Excel's own limit, so no file saved by Excel goes over it.
	DefaultMaxCellLen = 32_767
	// DefaultMaxFileSize is the largest CSV file read, in bytes.
	DefaultMaxFileSize = 256 << 20
	// UnzipSizeLimit caps the unpacked size of a whole workbook.
	UnzipSizeLimit = 256 << 20
	// UnzipXMLSizeLimit caps the unpacked size of one worksheet held in
	// memory; larger sheets are unpacked to a temporary file.
	UnzipXMLSizeLimit = 64 << 20
)

// Options controls Read.
type Options struct {
	// MaxRows and MaxCellLen override the defaults when above zero.
	MaxRows    int
	MaxCellLen int
	// Match tells whether a header row (the original header texts) is one
	// the caller can read. ReadAll takes every visible sheet whose header
	// row matches, Read the first; with Match nil, every visible sheet
	// that is not blank.
	Match func(header []string) bool
	// Progress, when set, is called every ProgressEvery rows with the
	// number of rows read so far.
	Progress      func(rows int)
	ProgressEvery int
}

// Format is the kind of file a table was read from.
type Format string

// The formats Read understands.
const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// Table is one sheet: its header row and its data rows.
type Table struct {
	File   string // the path as given
	Format Format
	Sheet  string // the sheet's name; "" for CSV
	// Header holds the header texts as written; HeaderRow is the
	// spreadsheet row number of the header (1 unless blank rows or a title
	// precede it).
	Header    []string
	HeaderRow int
	// Rows are the data rows after the header, blank rows included (with no
	// cells), so that callers can count and skip them.
	Rows []Row
	// Date1904 is set when the workbook counts serial dates from 1904.
	Date1904 bool
	// Encoding and Delimiter describe a CSV file ("utf-8", "utf-8-bom",
	// "utf-16", "windows-1252"; ';', ',' or '\t').
	Encoding  string
	Delimiter rune
	// Warnings are things the reader noticed that the user should know:
	// sheets of the workbook that were not read, a header cell written
	// wrongly. Those about the workbook as a whole are on its first table.
	Warnings []Warning
}

// Warning is something the reader noticed. Msg is plain Danish.
type Warning struct {
	Code  string // one of the Warn constants
	Sheet string // the sheet it is about, if any
	Msg   string
}

// The kinds of warnings.
const (
	// WarnHiddenSheet: a hidden sheet was not read.
	WarnHiddenSheet = "hidden-sheet"
	// WarnSheetNotRead: a visible sheet with text in it but no header row
	// that matches was not read.
	WarnSheetNotRead = "sheet-not-read"
	// WarnHeader: a header cell is written wrongly (a stray quote).
	WarnHeader = "header-format"
)

// Row is one data row. Its cells' texts lie one after another in one string
// shared with the rows read before and after it, and where each begins and
// ends in a block of offsets shared the same way: a sheet of 100,000 rows
// is then a few hundred objects for the garbage collector, not a slice of
// strings per row that it must scan each time it runs while the sheet is
// still being read (see docs/ingest.md, "Speed").
type Row struct {
	Num int // the row number the spreadsheet shows
	// Issues are things wrong with how the row is written in the file (a
	// stray quote in a CSV), which make its cells unreliable.
	Issues []Issue
	text   string   // the cells' texts
	spans  []uint32 // cell i is text[spans[2i]:spans[2i+1]]
}

// NewRow returns a row of the given cell texts.
func NewRow(num int, cells ...string) Row {
	var p rowPacker
	return p.row(num, cells)
}

// Issue is a problem with the way a cell is written. Msg is plain Danish.
type Issue struct {
	Col int // 0-based
	Msg string
}

// Len returns the number of cells of the row; trailing blanks may be
// missing.
func (r Row) Len() int { return len(r.spans) / 2 }

// Cell returns the text of column i (0-based), or "" past the row's end.
func (r Row) Cell(i int) string {
	if i < 0 || 2*i >= len(r.spans) {
		return ""
	}
	return r.text[r.spans[2*i]:r.spans[2*i+1]]
}

// Cells returns the row's cell texts, a new slice.
func (r Row) Cells() []string {
	out := make([]string, r.Len())
	for i := range out {
		out[i] = r.Cell(i)
	}
	return out
}

// Erase blanks cell i, if the row has it.
func (r *Row) Erase(i int) {
	if i >= 0 && 2*i < len(r.spans) {
		r.spans[2*i+1] = r.spans[2*i]
	}
}

// Blank reports whether every cell of the row is empty or white space.
func (r Row) Blank() bool {
	for i := range r.Len() {
		if strings.TrimSpace(r.Cell(i)) != "" {
			return false
		}
	}
	return true
}

// blankCells reports whether every cell is empty or white space.
func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// rowPacker makes rows whose texts and offsets go into shared blocks: a
// block is filled row by row and never written again where a row already
// lies, so the rows made from it stay as they were.
type rowPacker struct {
	text  strings.Builder
	spans []uint32
}

// Sizes of the shared blocks; a row larger than a block gets its own.
const (
	packTextBlock  = 64 << 10
	packSpansBlock = 4 << 10
)

// row makes a row of cells.
func (p *rowPacker) row(num int, cells []string) Row {
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	if p.text.Cap()-p.text.Len() < n {
		p.text = strings.Builder{}
		p.text.Grow(max(n, packTextBlock))
	}
	if cap(p.spans)-len(p.spans) < 2*len(cells) {
		p.spans = make([]uint32, 0, max(2*len(cells), packSpansBlock))
	}
	start := p.text.Len()
	first := len(p.spans)
	for _, c := range cells {
		off := uint32(p.text.Len() - start)
		p.text.WriteString(c)
		p.spans = append(p.spans, off, off+uint32(len(c)))
	}
	return Row{Num: num, text: p.text.String()[start:], spans: p.spans[first:len(p.spans):len(p.spans)]}
}

// ColumnName returns the spreadsheet letters of column i (0-based): 0 is A,
// 26 is AA.
func ColumnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// Error is a file that cannot be used: read here, or (from package ingest)
// read but not recognised. It is the one user-facing error of a file that
// stops a run. Msg says in plain Danish what is wrong and what to do; Err
// is the underlying cause, if any, for errors.Is and errors.As. The message
// is "File: Msg" (the cause is for programs; Msg already says it for
// people), or "File: cause" when there is no Msg.
type Error struct {
	File string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Msg == "" && e.Err != nil {
		return e.File + ": " + e.Err.Error()
	}
	return e.File + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// noHeaderMsg says that no header row was found; the caller adds which
// headers it expects.
const noHeaderMsg = "har ingen række med kendte kolonneoverskrifter blandt de første 20 rækker"

// ErrNoMatch is wrapped by the error Read returns when no sheet's header row
// matched Options.Match.
var ErrNoMatch = errors.New("no sheet with a known header row")

var (
	magicZip = []byte("PK\x03\x04")
	magicCFB = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// withDefaults fills in the limits and the progress interval that opts
// leaves at zero.
func (opts Options) withDefaults() Options {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	if opts.MaxCellLen <= 0 {
		opts.MaxCellLen = DefaultMaxCellLen
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 1000
	}
	return opts
}

// Read reads the first matching sheet of the spreadsheet at path (see
// ReadAll).
func Read(path string, opts Options) (*Table, error) {
	ts, err := ReadAll(path, opts)
	if err != nil {
		return nil, err
	}
	return ts[0], nil
}

// ReadAll reads every visible sheet of the spreadsheet at path whose header
// row matches, in the workbook's order (a CSV file is one table). Sheets not
// read (hidden ones, visible ones with text but no matching header row) are
// named in the first table's Warnings. The format is chosen by the file's
// content, with the extension as a hint. Files that cannot be read give an
// *Error whose message says what to do.
func ReadAll(path string, opts Options) (ts []*Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			ts, err = nil, &Error{File: path, Msg: "filen er beskadiget og kan ikke læses. Åbn den i Excel og gem den igen som .xlsx (Excel-projektmappe)", Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	opts = opts.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "filen kan ikke åbnes; ret stien eller filnavnet", Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{File: path, Msg: "filen kan ikke læses", Err: err}
	}
	if fi.IsDir() {
		return nil, &Error{File: path, Msg: "er en mappe, ikke en fil; angiv regnearkene i mappen enkeltvis"}
	}
	head := make([]byte, 8)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytesHasPrefix(head, magicCFB):
		if ext == ".xls" {
			return nil, &Error{File: path, Msg: "er i det gamle Excel-format .xls, som ikke kan læses. Åbn filen i Excel og vælg Gem som > Excel-projektmappe (.xlsx)"}
		}
		return nil, &Error{File: path, Msg: "er beskyttet med adgangskode (eller er en gammel .xls-fil). Fjern adgangskoden i Excel (Filer > Oplysninger > Beskyt projektmappe > Krypter med adgangskode, slet koden) og gem som .xlsx"}
	case ext == ".xls":
		return nil, &Error{File: path, Msg: "er i det gamle Excel-format .xls, som ikke kan læses. Åbn filen i Excel og vælg Gem som > Excel-projektmappe (.xlsx)"}
	case ext == ".ods" || ext == ".fods":
		return nil, &Error{File: path, Msg: "er et LibreOffice/OpenDocument-regneark (.ods), som ikke kan læses. Vælg Filer > Gem som > Excel 2007-365 (.xlsx) i LibreOffice"}
	case bytesHasPrefix(head, magicZip) || ext == ".xlsx" || ext == ".xlsm":
		if !bytesHasPrefix(head, magicZip) {
			return nil, &Error{File: path, Msg: "er ikke en gyldig .xlsx-fil (filen er tom eller beskadiget). Åbn den i Excel og gem den igen som .xlsx"}
		}
		return readXLSX(path, f, fi.Size(), opts)
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		if fi.Size() > DefaultMaxFileSize {
			return nil, &Error{File: path, Msg: fmt.Sprintf("er for stor (%d MB; højst %d MB). Del filen op i flere", fi.Size()>>20, DefaultMaxFileSize>>20)}
		}
		t, err := readCSVFile(path, f, opts)
		if err != nil {
			return nil, err
		}
		return []*Table{t}, nil
	case ext == ".numbers":
		return nil, &Error{File: path, Msg: "er et Numbers-regneark. Vælg Arkiv > Eksporter til > Excel i Numbers"}
	}
	return nil, &Error{File: path, Msg: "har en filtype, der ikke kan læses. Gem regnearket som .xlsx eller .csv"}
}

func bytesHasPrefix(b, p []byte) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == string(p)
}

// checkRow applies the limits to one row.
func checkRow(t *Table, opts Options, num int, cells []string) error {
	if len(t.Rows) >= opts.MaxRows {
		return &Error{File: t.File, Msg: fmt.Sprintf("har mere end %d rækker. Del filen op i flere mindre filer", opts.MaxRows)}
	}
	return checkCells(t, opts, num, cells)
}

// checkCells applies the cell length limit to one row, the header row too.
func checkCells(t *Table, opts Options, num int, cells []string) error {
	for i, c := range cells {
		if len(c) > opts.MaxCellLen && countRunes(c) > opts.MaxCellLen {
			where := "række " + strconv.Itoa(num) + ", kolonne " + ColumnName(i)
			if t.Sheet != "" {
				where = "ark " + strconv.Quote(t.Sheet) + ", " + where
			}
			return &Error{File: t.File, Msg: fmt.Sprintf("%s: cellen er for lang (over %d tegn). Forkort teksten", where, opts.MaxCellLen)}
		}
	}
	return nil
}

func countRunes(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// unneutralise undoes the apostrophe our writers put before text a
// spreadsheet would run as a formula, so that a rejects file reads back as
// it was.
func unneutralise(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// Neutralise makes text safe to put in a spreadsheet cell: text that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
// gets an apostrophe in front. Only use it on text, not on numbers.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
