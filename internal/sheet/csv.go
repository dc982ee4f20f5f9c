package sheet

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func readCSVFile(path string, r io.Reader, opts Options) (*Table, error) {
	src, err := io.ReadAll(io.LimitReader(r, DefaultMaxFileSize+1))
	if err != nil {
		return nil, &Error{File: path, Msg: "filen kan ikke læses", Err: err}
	}
	return ReadCSV(path, src, opts)
}

// ReadCSV reads the text of a CSV or tab-separated file. path names the file
// in errors. The encoding (UTF-8 with or without a byte order mark, UTF-16
// with one, else Windows-1252) and the delimiter (';', ',' or tab, whichever
// the header line has most of outside quotes; or an Excel "sep=" line) are
// detected.
func ReadCSV(path string, src []byte, opts Options) (t *Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, &Error{File: path, Msg: "filen kan ikke læses som CSV. Åbn den i Excel og gem den igen som .xlsx", Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	opts = opts.withDefaults()
	text, enc, err := decodeText(src)
	if err != nil {
		return nil, &Error{File: path, Msg: "filens tegnsæt kan ikke læses. Gem filen som CSV UTF-8 eller som .xlsx", Err: err}
	}
	if strings.IndexByte(text, 0) >= 0 {
		return nil, &Error{File: path, Msg: "er ikke en tekstfil (den indeholder binære data). Gem regnearket som .xlsx eller CSV"}
	}
	t = &Table{File: path, Format: FormatCSV, Encoding: enc}
	text = normaliseCR(text)
	// Excel's "sep=;" line names the delimiter; Excel does not show it.
	if first, rest, ok := strings.Cut(text, "\n"); ok || first != "" {
		f := strings.TrimRight(first, "\r")
		if len(f) >= 5 && utf8.RuneCountInString(f) == 5 && strings.HasPrefix(strings.ToLower(f), "sep=") {
			if d, _ := utf8.DecodeRuneInString(f[4:]); validDelimiter(d) {
				t.Delimiter = d
			}
			text = rest
		}
	}
	delims := 0
	if t.Delimiter == 0 {
		t.Delimiter, delims = detectDelimiter(text)
	}
	p := newCSVParser(text, t.Delimiter, delims, opts.MaxCellLen)
	// Room for every line as a row: growing a slice of 100,000s of rows
	// costs more than counting the lines.
	t.Rows = make([]Row, 0, min(strings.Count(text, "\n")+1, opts.MaxRows+1))
	var packer rowPacker
	num := 0  // spreadsheet row number of the last record
	last := 0 // the last physical line of the last record
	for {
		rec, ok := p.next()
		if !ok {
			break
		}
		num += 1 + max(0, rec.first-(last+1))
		last = rec.last
		for i, c := range rec.fields {
			rec.fields[i] = unneutralise(c)
		}
		if t.HeaderRow == 0 {
			// The header is the first row that matches within the first
			// 20, so that a title line above the table does no harm.
			if opts.Match != nil && !opts.Match(rec.fields) {
				if num < 20 {
					continue
				}
				return nil, &Error{File: path, Msg: noHeaderMsg, Err: ErrNoMatch}
			}
			if err := checkCells(t, opts, num, rec.fields); err != nil {
				return nil, err
			}
			t.Header, t.HeaderRow = trimHeader(rec.fields), num
			p.rowDelims = max(2, len(t.Header)-1)
			for _, is := range rec.issues {
				t.Warnings = append(t.Warnings, Warning{Code: WarnHeader, Msg: fmt.Sprintf("overskriftsrækken (række %d), kolonne %s: %s", num, ColumnName(is.Col), is.Msg)})
			}
			continue
		}
		if err := checkRow(t, opts, num, rec.fields); err != nil {
			return nil, err
		}
		r := packer.row(num, rec.fields)
		r.Issues = rec.issues
		t.Rows = append(t.Rows, r)
		if opts.Progress != nil && len(t.Rows)%opts.ProgressEvery == 0 {
			opts.Progress(len(t.Rows))
		}
	}
	if t.HeaderRow == 0 && num > 0 {
		return nil, &Error{File: path, Msg: noHeaderMsg, Err: ErrNoMatch}
	}
	if t.HeaderRow == 0 {
		return nil, &Error{File: path, Msg: "er tom. Eksporter regnearket igen", Err: ErrNoMatch}
	}
	for len(t.Rows) > 0 && t.Rows[len(t.Rows)-1].Blank() {
		t.Rows = t.Rows[:len(t.Rows)-1]
	}
	return t, nil
}

// decodeText turns the file's bytes into text and names the encoding found.
func decodeText(src []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		return string(bytes.ToValidUTF8(src[3:], []byte("\uFFFD"))), "utf-8-bom", nil
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		b, err := dec.Bytes(src)
		if err != nil {
			return "", "", err
		}
		return string(b), "utf-16", nil
	case utf8.Valid(src):
		return string(src), "utf-8", nil
	}
	b, err := charmap.Windows1252.NewDecoder().Bytes(src)
	if err != nil {
		return "", "", err
	}
	return string(b), "windows-1252", nil
}

// detectDelimiter counts ';', ',' and tab outside quotes on the first line
// that has any (a title line above the table has none) and picks the most
// frequent; ';' wins ties, as in Danish Excel. With none of them in the
// first 20 lines, the file is a single column (',').
func detectDelimiter(text string) (rune, int) {
	counts := map[rune]int{}
	for n := 0; text != "" && n < 20 && len(counts) == 0; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		inQuote := false
		for _, r := range line {
			switch {
			case r == '"':
				inQuote = !inQuote
			case !inQuote && (r == ';' || r == ',' || r == '\t'):
				counts[r]++
			}
		}
	}
	best, n := ',', 0
	for _, d := range []rune{';', '\t', ','} {
		if counts[d] > n {
			best, n = d, counts[d]
		}
	}
	return best, n
}

// validDelimiter reports whether an Excel "sep=" line's character can be a
// delimiter.
func validDelimiter(d rune) bool {
	return d != utf8.RuneError && d != '"' && d != '\r' && d != '\n' && d != 0
}

// normaliseCR turns the line ends of a file saved with CR alone ("CSV
// (Macintosh)") into LF. A file is such a file when its first line end is a
// lone CR; in other files a lone CR is text (as in a quoted cell).
func normaliseCR(text string) string {
	i := strings.IndexAny(text, "\r\n")
	if i < 0 || text[i] != '\r' || (i+1 < len(text) && text[i+1] == '\n') {
		return text
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n")
}
