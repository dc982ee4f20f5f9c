package sheet

import "strings"

// csvParser splits decoded text into records the way Excel reads CSV: a
// field that starts with a quote runs to the quote that is followed by the
// delimiter or a line end ("" inside is one quote) and may span lines; other
// quotes are text. A stray quote never swallows the rows after it: a quoted
// field that is not closed properly (a quote followed by other text, no
// closing quote at all, or a field that would take in whole rows of the
// table) is read as the text it is, up to the next delimiter or line end,
// and the row gets an Issue.
//
// Why not encoding/csv: on a cell typed by hand with a quote at its start
// that is never closed ("ulukket), encoding/csv loses the rows after it. With LazyQuotes the cell runs on to
// the next quote in the file, or to its end, taking every row between into
// one cell (q;"ulukket;z, r;R;z, s;"S";z on three lines read as the one
// record q | ulukket;z⏎r;R;z⏎s;"S | z); without LazyQuotes Read stops with
// ErrQuote at that row, and a bare quote inside an unquoted cell (Anna "Bo"
// Berg) is an error too. TestCSVStrayQuote shows both beside ours.
type csvParser struct {
	text  string
	pos   int
	line  int // the physical line (1-based) at pos
	delim string
	// rowDelims is how many delimiters on one line make the line look like
	// a row of the table; a quoted field taking in such a line is a stray
	// quote.
	rowDelims int
	// maxField bounds the search for a closing quote, in bytes.
	maxField int
	// noQuoteFrom is an offset from which the text has no quote at all.
	noQuoteFrom int
	// nfields is the number of fields of the last record, the likely
	// number of the next.
	nfields int
}

// csvRecord is one record: its fields and its first and last physical
// lines.
type csvRecord struct {
	fields      []string
	first, last int
	issues      []Issue
}

func newCSVParser(text string, delim rune, rowDelims, maxCellLen int) *csvParser {
	return &csvParser{text: text, line: 1, delim: string(delim), rowDelims: max(2, rowDelims), maxField: 4*maxCellLen + 64, noQuoteFrom: -1}
}

// next returns the next record; ok is false at the end of the text. Empty
// lines are skipped (the caller counts them from the line numbers).
func (p *csvParser) next() (rec csvRecord, ok bool) {
	t := p.text
	for p.pos < len(t) {
		switch {
		case t[p.pos] == '\n':
			p.pos++
			p.line++
			continue
		case t[p.pos] == '\r' && p.pos+1 < len(t) && t[p.pos+1] == '\n':
			p.pos += 2
			p.line++
			continue
		}
		break
	}
	if p.pos >= len(t) {
		return rec, false
	}
	rec.first = p.line
	rec.fields = make([]string, 0, max(p.nfields, 1))
	defer func() { p.nfields = len(rec.fields) }()
	for {
		var field string
		if t[p.pos] == '"' {
			var issue string
			field, issue = p.quoted()
			if issue != "" {
				rec.issues = append(rec.issues, Issue{Col: len(rec.fields), Msg: issue})
			}
		} else {
			field = p.unquoted()
		}
		rec.fields = append(rec.fields, field)
		rest := t[p.pos:]
		switch {
		case rest == "":
			rec.last = p.line
			return rec, true
		case strings.HasPrefix(rest, p.delim):
			p.pos += len(p.delim)
			if p.pos == len(t) {
				rec.fields = append(rec.fields, "")
				rec.last = p.line
				return rec, true
			}
		case rest[0] == '\n':
			rec.last = p.line
			p.pos++
			p.line++
			return rec, true
		case strings.HasPrefix(rest, "\r\n"):
			rec.last = p.line
			p.pos += 2
			p.line++
			return rec, true
		}
	}
}

// unquoted reads a field up to the next delimiter or line end (a CR before
// the line end is not part of it).
func (p *csvParser) unquoted() string {
	t := p.text
	start := p.pos
	i := start
	for i < len(t) {
		c := t[i]
		if c == '\n' || (c == p.delim[0] && strings.HasPrefix(t[i:], p.delim)) {
			break
		}
		i++
	}
	end := i
	if end > start && t[end-1] == '\r' && end < len(t) && t[end] == '\n' {
		end--
	}
	p.pos = end
	return t[start:end]
}

// quoted reads a quoted field at p.pos. When the field is not closed
// properly, it reads the field as unquoted text instead and says why.
func (p *csvParser) quoted() (string, string) {
	t := p.text
	start := p.pos
	limit := min(len(t), start+p.maxField)
	var b strings.Builder
	escaped := false // b holds the text: the field had a "" in it
	i := start + 1
	closed, reason := false, ""
	for {
		j := -1
		if p.noQuoteFrom < 0 || i < p.noQuoteFrom {
			j = strings.IndexByte(t[i:limit], '"')
			if j < 0 && limit == len(t) {
				p.noQuoteFrom = i
			}
		}
		if j < 0 {
			if limit == len(t) {
				reason = "eof"
			} else {
				reason = "long"
			}
			break
		}
		q := i + j
		if q+1 < len(t) && t[q+1] == '"' {
			b.WriteString(t[i : q+1])
			escaped = true
			i = q + 2
			continue
		}
		if escaped {
			b.WriteString(t[i:q])
		}
		rest := t[q+1:]
		if rest == "" || rest[0] == '\n' || strings.HasPrefix(rest, "\r\n") || strings.HasPrefix(rest, p.delim) {
			closed = true
			i = q + 1
			break
		}
		reason = "text"
		break
	}
	if closed {
		raw := t[start:i]
		text := raw[1 : len(raw)-1]
		if escaped {
			text = b.String()
		}
		if n := strings.Count(raw, "\n"); n == 0 {
			p.pos = i
			return text, ""
		} else if !p.swallows(raw) {
			p.pos = i
			p.line += n
			return strings.ReplaceAll(text, "\r\n", "\n"), ""
		}
		reason = "rows"
	}
	// Not a proper quoted field: read it as it stands, to the end of the
	// cell on this line.
	f := p.unquoted()
	msg := "cellen begynder med et citationstegn (\"), som ikke afsluttes korrekt"
	switch reason {
	case "eof", "long", "rows":
		msg = "cellen begynder med et citationstegn (\"), som ikke lukkes på samme linje, så de følgende rækker ville blive læst ind i cellen"
	}
	msg += ". Rækken er læst, som den står, og dens celler kan være forskudt. Ret cellen: fjern citationstegnet, eller sæt hele cellen i citationstegn og skriv \"\" for hvert \" i den"
	return f, msg
}

// swallows reports whether the text of a quoted field that spans lines
// holds a line that looks like a row of the table.
func (p *csvParser) swallows(raw string) bool {
	lines := strings.Split(raw, "\n")
	for _, l := range lines[1:] {
		if strings.Count(l, p.delim) >= p.rowDelims {
			return true
		}
	}
	return false
}
