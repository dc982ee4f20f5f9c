package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
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
	// Excel's "sep=;" line names the delimiter; Excel does not show it.
	if first, rest, ok := strings.Cut(text, "\n"); ok || first != "" {
		f := strings.TrimRight(first, "\r")
		if len(f) == 5 && strings.HasPrefix(strings.ToLower(f), "sep=") {
			d, _ := utf8.DecodeRuneInString(f[4:])
			t.Delimiter = d
			text = rest
		}
	}
	if t.Delimiter == 0 {
		t.Delimiter = detectDelimiter(text)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = t.Delimiter
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	num := 0      // spreadsheet row number of the last record
	consumed := 0 // newlines before the reader's offset
	var off int64
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{File: path, Msg: fmt.Sprintf("linje %d kan ikke læses som CSV (%s). Ret linjen, eller gem filen som .xlsx", pe.StartLine, pe.Err), Err: err}
			}
			return nil, &Error{File: path, Msg: "kan ikke læses som CSV", Err: err}
		}
		line, _ := cr.FieldPos(0)
		num += 1 + max(0, line-(consumed+1))
		newOff := cr.InputOffset()
		consumed += strings.Count(text[off:newOff], "\n")
		off = newOff
		for i, c := range rec {
			rec[i] = unneutralise(c)
		}
		if t.HeaderRow == 0 {
			// The header is the first row that matches within the first
			// 20, so that a title line above the table does no harm.
			if opts.Match != nil && !opts.Match(rec) {
				if num < 20 {
					continue
				}
				return nil, &Error{File: path, Msg: "første række har ingen kendte kolonneoverskrifter. Første række skal indeholde overskrifter som E-mail, Navn, Rolle, Kohorte", Err: ErrNoMatch}
			}
			t.Header, t.HeaderRow = trimHeader(rec), num
			continue
		}
		if err := checkRow(t, opts, num, rec); err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, Row{Num: num, Cells: rec})
		if opts.Progress != nil && len(t.Rows)%opts.ProgressEvery == 0 {
			opts.Progress(len(t.Rows))
		}
	}
	if t.HeaderRow == 0 && num > 0 {
		return nil, &Error{File: path, Msg: "første række har ingen kendte kolonneoverskrifter. Første række skal indeholde overskrifter som E-mail, Navn, Rolle, Kohorte", Err: ErrNoMatch}
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
func detectDelimiter(text string) rune {
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
	return best
}
