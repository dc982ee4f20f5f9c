package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Problem codes, in the style of Frictionless.
const (
	CodeMissingCell      = "missing-cell"      // a required cell is blank
	CodeTypeError        = "type-error"        // a value is not a date, number, yes/no, e-mail
	CodeConstraintError  = "constraint-error"  // a value is of the right type but not allowed
	CodeUnknownReference = "unknown-reference" // a mentor, mentee or respondent not signed up
	CodeDuplicateRow     = "duplicate-row"     // a note: same key, different values; the later row won
	CodeFormatError      = "format-error"      // the row is not written properly in the file (a stray quote)
	CodeOlderRow         = "older-row"         // a note: the row is older than what is stored; the stored values are kept
	CodeInvisibleRemoved = "invisible-removed" // a note: invisible characters were removed from e-mail addresses
	CodeAddressRespelled = "address-respelled" // a note: a cohort file holds an address edited by hand, read as the ingest writes it
)

// Problem is one reason a row was rejected.
type Problem struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"` // the column letter; "" when the problem is the whole row
	Header  string `json:"header"` // the column's header as written
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"` // plain Danish, with how to fix it
	Value   string `json:"value"`
}

// sheetPart names a workbook's sheet (`ark "Februar", `) for a line of the
// report, so that a workbook with several sheets read says which; "" for
// a CSV, or when msg names the sheet already (a sheet not read).
func sheetPart(sheet, msg string) string {
	if sheet == "" || strings.Contains(msg, fmt.Sprintf("%q", sheet)) {
		return ""
	}
	return fmt.Sprintf("ark %q, ", sheet)
}

// Where says where the problem is, the way a spreadsheet shows it:
// `fil.csv: række 14, kolonne C (Mødedato)`.
func (p Problem) Where() string {
	var b strings.Builder
	b.WriteString(filepath.Base(p.File))
	b.WriteString(": ")
	if p.Sheet != "" {
		fmt.Fprintf(&b, "ark %q, ", p.Sheet)
	}
	fmt.Fprintf(&b, "række %d", p.Row)
	if p.Column != "" {
		fmt.Fprintf(&b, ", kolonne %s", p.Column)
		if p.Header != "" {
			fmt.Fprintf(&b, " (%s)", shortHeader(p.Header))
		}
	}
	return b.String()
}

// String is the problem as the human report writes it.
func (p Problem) String() string {
	return p.Where() + ": " + p.Message + " [" + p.Code + "]"
}

// Note is something the report tells that is not a rejection: a later row
// that won over an earlier one, a clarification meeting inferred, a hidden
// sheet not read.
type Note struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Dropped is a column whose content was not stored.
type Dropped struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet"`
	Column string `json:"column"`
	Header string `json:"header"`
	Reason string `json:"reason"` // "content", "unknown", "unknown-meeting", "unknown-beside-content", "forms", "duplicate"
}

// FileReport sums up one input file.
type FileReport struct {
	Path       string `json:"path"`
	Kind       Kind   `json:"kind"`
	Sheet      string `json:"sheet"`
	Encoding   string `json:"encoding"`
	Delimiter  string `json:"delimiter"`
	Rows       int    `json:"rows"` // data rows read, blank rows not counted
	Accepted   int    `json:"accepted"`
	Rejected   int    `json:"rejected"`
	Added      int    `json:"added"`
	Updated    int    `json:"updated"`
	Unchanged  int    `json:"unchanged"`
	Superseded int    `json:"superseded"` // accepted rows overridden by a later row with the same key
	Rejects    string `json:"rejects"`
}

// Report is what an ingest did. In JSON every key is always present.
type Report struct {
	// Error is why the run stopped without reading the files or saving
	// (exit status 2); "" otherwise.
	Error    string       `json:"error"`
	DryRun   bool         `json:"dry_run"`
	Strict   bool         `json:"strict"`
	Applied  bool         `json:"applied"` // whether data/ was written (false in dry runs and strict runs with rejects)
	Files    []FileReport `json:"files"`
	Problems []Problem    `json:"problems"`
	Dropped  []Dropped    `json:"dropped"`
	Notes    []Note       `json:"notes"`
	Changed  []string     `json:"changed"` // cohort files written (or that would be, in a dry run)
}

// ErrorReport is the report of a run that stopped on an error: nothing read,
// nothing saved.
func ErrorReport(err string, dryRun, strict bool) *Report {
	return &Report{Error: err, DryRun: dryRun, Strict: strict}
}

// Rejected returns the number of rejected rows.
func (r *Report) Rejected() int {
	n := 0
	for _, f := range r.Files {
		n += f.Rejected
	}
	return n
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	rr := *r
	for _, s := range []*[]Problem{&rr.Problems} {
		if *s == nil {
			*s = []Problem{}
		}
	}
	if rr.Dropped == nil {
		rr.Dropped = []Dropped{}
	}
	if rr.Notes == nil {
		rr.Notes = []Note{}
	}
	if rr.Changed == nil {
		rr.Changed = []string{}
	}
	if rr.Files == nil {
		rr.Files = []FileReport{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rr)
}

var codeTitles = map[string]string{
	CodeMissingCell:      "manglende værdi",
	CodeTypeError:        "ugyldig værdi",
	CodeConstraintError:  "værdi ikke tilladt",
	CodeUnknownReference: "ukendt person eller par",
	CodeFormatError:      "rækken er skrevet forkert i filen",
}

// WriteText writes the report for people, in Danish: per file its kind and
// counts, then the problems grouped by reason, then what was dropped, then
// notes and what was saved.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "%s: %s", filepath.Base(f.Path), f.Kind.Danish())
		if f.Sheet != "" {
			fmt.Fprintf(&b, " (ark %q)", f.Sheet)
		}
		if f.Encoding != "" {
			fmt.Fprintf(&b, " (%s, skilletegn %s)", f.Encoding, f.Delimiter)
		}
		fmt.Fprintf(&b, "\n  %d rækker læst: %d godkendt, %d afvist", f.Rows, f.Accepted, f.Rejected)
		fmt.Fprintf(&b, "\n  %d nye, %d opdaterede, %d uændrede", f.Added, f.Updated, f.Unchanged)
		if f.Superseded > 0 {
			fmt.Fprintf(&b, ", %d erstattet af en senere række", f.Superseded)
		}
		b.WriteByte('\n')
		if f.Rejects != "" {
			fmt.Fprintf(&b, "  afviste rækker er skrevet til %s; ret dem dér og indlæs filen igen\n", f.Rejects)
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(&b, "\nProblemer (%d afviste rækker):\n", r.Rejected())
		codes := []string{}
		by := map[string][]Problem{}
		for _, p := range r.Problems {
			if by[p.Code] == nil {
				codes = append(codes, p.Code)
			}
			by[p.Code] = append(by[p.Code], p)
		}
		slices.Sort(codes)
		for _, c := range codes {
			title := codeTitles[c]
			if title == "" {
				title = c
			}
			fmt.Fprintf(&b, "  %s: %s (%d)\n", c, title, len(by[c]))
			for _, p := range by[c] {
				fmt.Fprintf(&b, "    %s: %s\n", p.Where(), p.Message)
			}
		}
	}
	if len(r.Dropped) > 0 {
		b.WriteString("\nIkke gemt:\n")
		for _, d := range r.Dropped {
			fmt.Fprintf(&b, "  %s: %skolonne %s %q: %s\n", filepath.Base(d.File), sheetPart(d.Sheet, ""), d.Column, shortHeader(d.Header), droppedReason(d.Reason))
		}
	}
	if len(r.Notes) > 0 {
		b.WriteString("\nBemærkninger:\n")
		for _, n := range r.Notes {
			b.WriteString("  ")
			if n.File != "" {
				b.WriteString(filepath.Base(n.File))
				b.WriteString(": ")
				b.WriteString(sheetPart(n.Sheet, n.Message))
				if n.Row > 0 {
					fmt.Fprintf(&b, "række %d: ", n.Row)
				}
			}
			b.WriteString(n.Message)
			b.WriteByte('\n')
		}
	}
	b.WriteByte('\n')
	switch {
	case r.DryRun && len(r.Changed) > 0:
		fmt.Fprintf(&b, "Prøvekørsel: intet er gemt. Disse filer ville blive ændret: %s\n", strings.Join(r.Changed, ", "))
	case r.DryRun:
		b.WriteString("Prøvekørsel: intet er gemt, og intet ville blive ændret.\n")
	case r.Strict && r.Rejected() > 0:
		b.WriteString("Intet er gemt, fordi -strict er sat og der er afviste rækker. Ret dem og indlæs igen.\n")
	case len(r.Changed) > 0:
		fmt.Fprintf(&b, "Gemt: %s\n", strings.Join(r.Changed, ", "))
	default:
		b.WriteString("Ingen ændringer: data/ er uændret.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func droppedReason(r string) string {
	switch r {
	case "content":
		return "mødeindhold (referat, noter) gemmes aldrig, af hensyn til fortroligheden; teksten er ikke læst videre"
	case "unknown":
		return "ukendt kolonne, gemmes ikke"
	case "unknown-beside-content":
		return "ukendt kolonne i et regneark med en kolonne med mødeindhold; gemmes ikke og kommer ikke med i afvisningsfilen, da den også kan indeholde mødeindhold"
	case "unknown-meeting":
		return "ukendt kolonne i en mødelog; gemmes ikke og kommer ikke med i afvisningsfilen, da den kan indeholde mødeindhold"
	case "forms":
		return "kolonne fra Forms, gemmes ikke"
	case "duplicate":
		return "en anden kolonne med samme betydning er brugt; denne gemmes ikke"
	}
	return r
}

// shortHeader cuts a header for the report: a header cell can be as long as
// any cell, and a page of text helps nobody.
func shortHeader(h string) string {
	h = strings.Join(strings.Fields(h), " ")
	if r := []rune(h); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return h
}

// Why is the reason a column was not stored, as the report words it.
func (d Dropped) Why() string { return droppedReason(d.Reason) }

// ShortHeader is the column's header as the report shows it.
func (d Dropped) ShortHeader() string { return shortHeader(d.Header) }
