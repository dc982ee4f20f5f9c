package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReadCSVQuotes: a quote that is not closed properly never swallows the
// rows after it: its row is read as it stands and gets an Issue.
func TestReadCSVQuotes(t *testing.T) {
	type row struct {
		num    int
		cells  []string
		issues []int // columns with an issue
	}
	tests := []struct {
		name string
		src  string
		want []row
	}{
		{"proper quotes", "A;B;C\n1;\"x;y\";z\n2;\"two\nlines\";z\n3;\"say \"\"hi\"\"\";z\n", []row{
			{2, []string{"1", "x;y", "z"}, nil},
			{3, []string{"2", "two\nlines", "z"}, nil},
			{4, []string{"3", `say "hi"`, "z"}, nil},
		}},
		{"a quote never closed", "A;B;C\nq;\"ulukket;z\nr;R;z\ns;S;z\n", []row{
			{2, []string{"q", `"ulukket`, "z"}, []int{1}},
			{3, []string{"r", "R", "z"}, nil},
			{4, []string{"s", "S", "z"}, nil},
		}},
		{"a quote closed by a later row's quote", "A;B;C\nq;\"ulukket;z\nr;R;z\ns;\"S\";z\n", []row{
			{2, []string{"q", `"ulukket`, "z"}, []int{1}},
			{3, []string{"r", "R", "z"}, nil},
			{4, []string{"s", "S", "z"}, nil},
		}},
		{"a stray quote whose next quote closes a field", "A;B;C\nq;\"ulukket;z\nr;R;z\ns;x;\"S\"\n", []row{
			{2, []string{"q", `"ulukket`, "z"}, []int{1}},
			{3, []string{"r", "R", "z"}, nil},
			{4, []string{"s", "x", "S"}, nil},
		}},
		{"a stray quote closed properly rows later", "A;B;C\nq;\"ulukket;z\nr;R;z\ns;S\";z\n", []row{
			{2, []string{"q", `"ulukket`, "z"}, []int{1}},
			{3, []string{"r", "R", "z"}, nil},
			{4, []string{"s", `S"`, "z"}, nil},
		}},
		{"an unquoted formula with quotes and a delimiter", "A;B;C\n1;=HYPERLINK(\"http://evil\";\"klik\");z\n2;x;z\n3;\"y\";z\n", []row{
			{2, []string{"1", `=HYPERLINK("http://evil"`, `"klik")`, "z"}, []int{2}},
			{3, []string{"2", "x", "z"}, nil},
			{4, []string{"3", "y", "z"}, nil},
		}},
		{"quotes inside an unquoted cell are text", "A;B\n1;Anna \"Bo\" Berg\n2;x\n", []row{
			{2, []string{"1", `Anna "Bo" Berg`}, nil},
			{3, []string{"2", "x"}, nil},
		}},
		{"a comment over lines with a delimiter", "A;B;C\n1;\"godt; men\nfor kort\";z\n2;x;z\n", []row{
			{2, []string{"1", "godt; men\nfor kort", "z"}, nil},
			{3, []string{"2", "x", "z"}, nil},
		}},
		{"quote at the very end", "A;B\n1;\"", []row{
			{2, []string{"1", `"`}, []int{1}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV("x.csv", []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, r := range tab.Rows {
				var cols []int
				for _, is := range r.Issues {
					cols = append(cols, is.Col)
					if !strings.Contains(is.Msg, "citationstegn") {
						t.Errorf("issue message %q", is.Msg)
					}
				}
				got = append(got, row{r.Num, r.Cells(), cols})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestReadCSVLineEnds: LF, CRLF and the CR alone of "CSV (Macintosh)" all
// end rows; a CR inside a quoted cell of a file with LF line ends is text.
func TestReadCSVLineEnds(t *testing.T) {
	want := [][]string{{"a@example.org", "Ane"}, {"b@example.org", "Bo"}}
	for name, src := range map[string]string{
		"lf":        "E-mail;Navn\na@example.org;Ane\nb@example.org;Bo\n",
		"crlf":      "E-mail;Navn\r\na@example.org;Ane\r\nb@example.org;Bo\r\n",
		"cr":        "E-mail;Navn\ra@example.org;Ane\rb@example.org;Bo\r",
		"cr no end": "E-mail;Navn\ra@example.org;Ane\rb@example.org;Bo",
		"cr sep":    "sep=;\rE-mail;Navn\ra@example.org;Ane\rb@example.org;Bo\r",
	} {
		tab, err := ReadCSV("x.csv", []byte(src), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got [][]string
		for _, r := range tab.Rows {
			got = append(got, r.Cells())
		}
		if !reflect.DeepEqual(got, want) || tab.Delimiter != ';' || tab.Rows[1].Num != 3 {
			t.Errorf("%s: rows %q delimiter %q", name, got, tab.Delimiter)
		}
	}
	tab, err := ReadCSV("x.csv", []byte("A;B\n\"x\ry\";z\n"), Options{})
	if err != nil || tab.Rows[0].Cell(0) != "x\ry" {
		t.Errorf("CR in a quoted cell: %v %+v", err, tab)
	}
}

// TestReadLongHeader: a header cell is held to the cell length limit too.
func TestReadLongHeader(t *testing.T) {
	_, err := ReadCSV("x.csv", []byte("A;"+strings.Repeat("h", 101)+"\n1;2\n"), Options{MaxCellLen: 100})
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "række 1, kolonne B") || !strings.Contains(se.Msg, "for lang") {
		t.Errorf("err = %v", err)
	}
}

// TestReadXLSXOnlyHidden: when the only sheet that fits is hidden, the
// error says so.
func TestReadXLSXOnlyHidden(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Noter"})
	f.NewSheet("Data")
	f.SetSheetRow("Data", "A1", &[]any{"E-mail", "Navn"})
	if err := f.SetSheetVisible("Data", false); err != nil {
		t.Fatal(err)
	}
	_, err := Read(writeXLSX(t, f, "h.xlsx"), Options{Match: func(h []string) bool { return len(h) > 0 && h[0] == "E-mail" }})
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, `"Data", er skjult`) || errors.Is(err, ErrNoMatch) {
		t.Errorf("err = %v", err)
	}
}

// TestReadSharedStringsLimit: a workbook whose shared strings unpack beyond
// the limit is refused before excelize reads them.
func TestReadSharedStringsLimit(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Navn"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"a@example.org", strings.Repeat("tekst ", 2000)})
	path := writeXLSX(t, f, "sst.xlsx")
	if _, err := Read(path, Options{}); err != nil {
		t.Fatalf("under the limit: %v", err)
	}
	old := SharedStringsLimit
	defer func() { SharedStringsLimit = old }()
	SharedStringsLimit = 10_000
	_, err := Read(path, Options{})
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "for meget tekst") {
		t.Errorf("err = %v, want the shared strings refused", err)
	}
}

// TestMergedCells: MergedCells reads a sheet's merged blocks.
func TestMergedCells(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Kohorte"})
	f.MergeCell("Sheet1", "B2", "B4")
	ranges, err := MergedCells(writeXLSX(t, f, "m.xlsx"), "Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []Range{{FirstRow: 2, LastRow: 4, FirstCol: 1, LastCol: 1}}; !reflect.DeepEqual(ranges, want) {
		t.Fatalf("ranges %+v", ranges)
	}
	if r := ranges[0]; r.Covers(2, 1) || !r.Covers(3, 1) || !r.Covers(4, 1) || r.Covers(5, 1) || r.Covers(3, 0) {
		t.Error("Covers")
	}
}

// hostileZip returns a workbook with an entry name that unpacks to size
// bytes of spaces.
func hostileZip(t testing.TB, name string, size int) []byte {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"E-mail"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name != name {
			zw.Copy(zf)
		}
	}
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	for size > 0 {
		n := min(size, len(chunk))
		w.Write(chunk[:n])
		size -= n
	}
	zw.Close()
	return out.Bytes()
}

func TestReadSharedStringsBomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sst.xlsx")
	os.WriteFile(path, hostileZip(t, "xl/sharedStrings.xml", int(SharedStringsLimit)+1<<20), 0o644)
	_, err := Read(path, Options{})
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "for meget tekst") {
		t.Errorf("err = %v", err)
	}
}
