package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestReadCSVEncodingsAndDelimiters(t *testing.T) {
	text := "Navn;E-mail;Arbejdsplads\r\nÅge Ærø;aage@example.org;Sønderborg\r\n"
	win, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(strings.ReplaceAll(text, ";", "\t")))
	tests := []struct {
		name  string
		src   []byte
		enc   string
		delim rune
	}{
		{"utf-8", []byte(text), "utf-8", ';'},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), text...), "utf-8-bom", ';'},
		{"windows-1252", win, "windows-1252", ';'},
		{"utf-16 tab", utf16, "utf-16", '\t'},
		{"comma", []byte(strings.ReplaceAll(text, ";", ",")), "utf-8", ','},
		{"tab", []byte(strings.ReplaceAll(text, ";", "\t")), "utf-8", '\t'},
		{"sep line", []byte("sep=,\r\n" + strings.ReplaceAll(text, ";", ",")), "utf-8", ','},
		{"quoted commas in header", []byte("\"Navn, fulde\";E-mail;Arbejdsplads\nÅge Ærø;aage@example.org;Sønderborg\n"), "utf-8", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV("x.csv", tt.src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != tt.enc || tab.Delimiter != tt.delim {
				t.Errorf("encoding %q delimiter %q; want %q %q", tab.Encoding, tab.Delimiter, tt.enc, tt.delim)
			}
			if len(tab.Rows) != 1 || !reflect.DeepEqual(tab.Rows[0].Cells(), []string{"Åge Ærø", "aage@example.org", "Sønderborg"}) {
				t.Errorf("rows = %v", tab.Rows)
			}
			if tab.HeaderRow != 1 || tab.Rows[0].Num != 2 {
				t.Errorf("header row %d, first row %d; want 1, 2", tab.HeaderRow, tab.Rows[0].Num)
			}
		})
	}
}

func TestReadCSVRowNumbers(t *testing.T) {
	// Row numbers are those a spreadsheet shows: blank lines count, and a
	// quoted cell over several lines is one row.
	src := "\nA;B\n1;\"two\nlines\"\n\n3;x\n;\n4;y\n\n"
	tab, err := ReadCSV("x.csv", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range tab.Rows {
		if !r.Blank() {
			got = append(got, r.Num)
		}
	}
	if tab.HeaderRow != 2 || !reflect.DeepEqual(got, []int{3, 5, 7}) {
		t.Errorf("header %d, rows %v; want 2, [3 5 7]", tab.HeaderRow, got)
	}
}

func TestReadCSVLimits(t *testing.T) {
	src := "A\n" + strings.Repeat("x\n", 11)
	_, err := ReadCSV("x.csv", []byte(src), Options{MaxRows: 10})
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "mere end 10 rækker") {
		t.Errorf("too many rows: %v", err)
	}
	src = "A;B\nok;" + strings.Repeat("æ", 101) + "\n"
	_, err = ReadCSV("x.csv", []byte(src), Options{MaxCellLen: 100})
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "række 2, kolonne B") {
		t.Errorf("long cell: %v", err)
	}
	if _, err := ReadCSV("x.csv", []byte("A\n"+strings.Repeat("æ", 100)+"\n"), Options{MaxCellLen: 100}); err != nil {
		t.Errorf("a cell at the limit: %v", err)
	}
	if _, err := ReadCSV("x.csv", []byte("A\x00B\n"), Options{}); err == nil {
		t.Error("binary file read as CSV")
	}
	if _, err := ReadCSV("x.csv", nil, Options{}); err == nil {
		t.Error("empty file read")
	}
}

func TestReadCSVTitleLine(t *testing.T) {
	src := "Tilmeldinger efterår 2026\n\nNavn;E-mail\nÅge;a@example.org\n"
	tab, err := ReadCSV("x.csv", []byte(src), Options{Match: func(h []string) bool { return len(h) == 2 && h[0] == "Navn" }})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Delimiter != ';' || tab.HeaderRow != 3 || len(tab.Rows) != 1 || tab.Rows[0].Num != 4 {
		t.Errorf("delimiter %q header %d rows %v", tab.Delimiter, tab.HeaderRow, tab.Rows)
	}
}

func TestReadCSVMatch(t *testing.T) {
	_, err := ReadCSV("x.csv", []byte("Foo;Bar\n1;2\n"), Options{Match: func(h []string) bool { return false }})
	if !errors.Is(err, ErrNoMatch) {
		t.Errorf("err = %v, want ErrNoMatch", err)
	}
}

func TestReadCSVUnneutralises(t *testing.T) {
	tab, err := ReadCSV("x.csv", []byte("A;B\n'=1+1;'-nej\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"=1+1", "-nej"}; !reflect.DeepEqual(tab.Rows[0].Cells(), want) {
		t.Errorf("cells %q, want %q", tab.Rows[0].Cells(), want)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Navn;E-mail\nÅge;a@example.org\n"))
	f.Add([]byte("\xEF\xBB\xBFID,Email\n1,a@example.org\n"))
	f.Add([]byte("A\tB\n\"x\ny\"\tz\n"))
	f.Add([]byte("sep=;\nA;B\n"))
	f.Add([]byte("\xFF\xFEA\x00;\x00B\x00"))
	f.Add([]byte("A;\"B\n1;2"))
	f.Add([]byte("A;B;C\nq;\"x;y\nr;R;z\ns;S\";z\n"))
	f.Add([]byte("A;B\r1;=HYPERLINK(\"x\";\"y\")\r2;\"a\rb\"\r"))
	f.Add([]byte("sep=|\nA|B\n\"1\"\"|2\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		tab, err := ReadCSV("fuzz.csv", src, Options{MaxRows: 1000, MaxCellLen: 1000})
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		last := tab.HeaderRow
		for _, r := range tab.Rows {
			if r.Num <= last {
				t.Fatalf("row numbers not increasing: %d after %d", r.Num, last)
			}
			last = r.Num
		}
	})
}

// writeXLSX saves f into dir under name and returns the path.
func writeXLSX(t *testing.T, f *excelize.File, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	// A hidden first sheet with a matching header is not read.
	f.SetSheetName("Sheet1", "Gammel")
	f.SetSheetRow("Gammel", "A1", &[]any{"Mentee e-mail", "Mødedato"})
	f.SetSheetRow("Gammel", "A2", &[]any{"old@example.org", "01-01-2020"})
	f.NewSheet("Noter")
	f.SetCellStr("Noter", "A1", "Bare noter")
	f.NewSheet("Møder")
	us := "mm/dd/yy"
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &us})
	f.SetSheetRow("Møder", "A1", &[]any{"Mødelog for 2026"})
	f.SetSheetRow("Møder", "A2", &[]any{"Mentee e-mail", "Mødedato", "Tekst"})
	f.SetSheetRow("Møder", "A3", &[]any{"a@example.org", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), "'=HYPERLINK()"})
	f.SetSheetRow("Møder", "A5", &[]any{"b@example.org", "14-03-2026", 42})
	f.SetCellStyle("Møder", "B3", "B3", style)
	f.SetActiveSheet(2)
	if err := f.SetSheetVisible("Gammel", false); err != nil {
		t.Fatal(err)
	}
	path := writeXLSX(t, f, "m.xlsx")
	tab, err := Read(path, Options{Match: func(h []string) bool { return len(h) > 0 && h[0] == "Mentee e-mail" }})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Sheet != "Møder" || tab.HeaderRow != 2 || tab.Format != FormatXLSX || tab.Date1904 {
		t.Errorf("sheet %q header row %d format %s 1904 %v", tab.Sheet, tab.HeaderRow, tab.Format, tab.Date1904)
	}
	// Neither the hidden sheet nor the visible one without a header row is
	// passed over without a word.
	if len(tab.Warnings) != 2 || tab.Warnings[0].Code != WarnSheetNotRead || tab.Warnings[0].Sheet != "Noter" ||
		tab.Warnings[1].Code != WarnHiddenSheet || !strings.Contains(tab.Warnings[1].Msg, `"Gammel" er skjult`) {
		t.Errorf("warnings %+v", tab.Warnings)
	}
	if len(tab.Rows) != 3 || tab.Rows[0].Num != 3 || !tab.Rows[1].Blank() || tab.Rows[2].Num != 5 {
		t.Fatalf("rows %v", tab.Rows)
	}
	// The date cell comes as its raw serial, whatever its display format.
	if got := tab.Rows[0].Cell(1); got != "46085" {
		t.Errorf("date cell = %q, want the serial 46085", got)
	}
	if d, ok := ParseSerial(tab.Rows[0].Cell(1), tab.Date1904); !ok || d.Format(time.DateOnly) != "2026-03-04" {
		t.Errorf("serial reads as %v", d)
	}
	if got := tab.Rows[0].Cell(2); got != "=HYPERLINK()" {
		t.Errorf("neutralised text = %q", got)
	}
	if got := tab.Rows[2].Cell(2); got != "42" {
		t.Errorf("number = %q", got)
	}
}

func TestReadXLSX1904(t *testing.T) {
	f := excelize.NewFile()
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: boolPtr(true)}); err != nil {
		t.Fatal(err)
	}
	f.SetSheetRow("Sheet1", "A1", &[]any{"Dato"})
	f.SetSheetRow("Sheet1", "A2", &[]any{44633})
	tab, err := Read(writeXLSX(t, f, "d.xlsx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := ParseSerial(tab.Rows[0].Cell(0), tab.Date1904)
	if !tab.Date1904 || !ok || d.Format(time.DateOnly) != "2026-03-14" {
		t.Errorf("1904 %v, date %v", tab.Date1904, d)
	}
}

func boolPtr(b bool) *bool { return &b }

func TestReadXLSXNoMatch(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Foo", "Bar"})
	_, err := Read(writeXLSX(t, f, "n.xlsx"), Options{Match: func([]string) bool { return false }})
	if !errors.Is(err, ErrNoMatch) {
		t.Errorf("err = %v, want ErrNoMatch", err)
	}
}

func TestReadUnreadable(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := excelize.NewFile()
	good.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Navn"})
	for i := 2; i < 200; i++ {
		good.SetSheetRow("Sheet1", "A"+itoa(i), &[]any{"person@example.org", "Navn Navnesen"})
	}
	buf, _ := good.WriteToBuffer()
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	// An .ods: a zip whose first entry is the OpenDocument mimetype.
	var ods bytes.Buffer
	zw := zip.NewWriter(&ods)
	w, _ := zw.Create("mimetype")
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	zw.Close()
	tests := []struct {
		name string
		path string
		want string
	}{
		{"password", write("kode.xlsx", cfb), "adgangskode"},
		{"old xls", write("gammel.xls", cfb), "gamle Excel-format"},
		{"xls by name", write("gammel2.xls", []byte("x")), "gamle Excel-format"},
		{"ods", write("libre.ods", ods.Bytes()), "OpenDocument"},
		{"ods named xlsx", write("libre.xlsx", ods.Bytes()), "OpenDocument"},
		{"truncated", write("halv.xlsx", buf.Bytes()[:buf.Len()/2]), "beskadiget"},
		{"empty xlsx", write("tom.xlsx", nil), "ikke en gyldig .xlsx"},
		{"not a zip", write("tekst.xlsx", []byte("hello, world")), "ikke en gyldig .xlsx"},
		{"unknown type", write("billede.png", []byte("\x89PNG")), "filtype"},
		{"missing", filepath.Join(dir, "findes-ikke.csv"), "kan ikke åbnes"},
		{"folder", dir, "mappe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.path, Options{})
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if !strings.Contains(se.Msg, tt.want) {
				t.Errorf("message %q does not say %q", se.Msg, tt.want)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestReadZipBomb: a workbook whose sheet unpacks far beyond the limit is
// refused before it is unpacked.
func TestReadZipBomb(t *testing.T) {
	// 44 MB over the limit, in spaces that compress to a few hundred kB.
	bomb := hostileZip(t, "xl/media/bomb.bin", int(UnzipSizeLimit)+44<<20)
	path := filepath.Join(t.TempDir(), "bombe.xlsx")
	os.WriteFile(path, bomb, 0o644)
	_, err := Read(path, Options{})
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "for stor udpakket") {
		t.Errorf("err = %v, want a too-large error", err)
	}
}

// Issue 9, item 7: every visible sheet that fits is read, in the
// workbook's order; a blank one is passed over, one with text but no
// header row is named.
func TestReadAllSheets(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Forår")
	f.SetSheetRow("Forår", "A1", &[]any{"Mentee e-mail", "Mødedato"})
	f.SetSheetRow("Forår", "A2", &[]any{"a@example.org", "01-03-2026"})
	f.NewSheet("Tom")
	f.NewSheet("Efterår")
	f.SetSheetRow("Efterår", "A1", &[]any{"Mentee e-mail", "Mødedato"})
	f.SetSheetRow("Efterår", "A2", &[]any{"b@example.org", "01-09-2026"})
	f.SetSheetRow("Efterår", "A3", &[]any{"c@example.org", "02-09-2026"})
	f.NewSheet("Pivot")
	f.SetSheetRow("Pivot", "A3", &[]any{"Antal", 3})
	path := writeXLSX(t, f, "m.xlsx")
	ts, err := ReadAll(path, Options{Match: func(h []string) bool { return len(h) > 0 && h[0] == "Mentee e-mail" }})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Sheet != "Forår" || len(ts[0].Rows) != 1 || ts[1].Sheet != "Efterår" || len(ts[1].Rows) != 2 {
		t.Fatalf("tables %+v", ts)
	}
	if w := ts[0].Warnings; len(w) != 1 || w[0].Code != WarnSheetNotRead || w[0].Sheet != "Pivot" || !strings.Contains(w[0].Msg, `"Pivot" er ikke læst`) {
		t.Errorf("warnings %+v", w)
	}
	if len(ts[1].Warnings) != 0 {
		t.Errorf("the workbook's warnings given twice: %+v", ts[1].Warnings)
	}
}
