package status

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// The shape of status.json. Dates are ISO strings; keys with no value are
// left out; flags are objects.
type (
	jsonReport struct {
		AsOf    string       `json:"as_of"`
		Demo    bool         `json:"demo,omitempty"`
		Rules   jsonRules    `json:"rules"`
		Cohorts []jsonCohort `json:"cohorts"`
	}
	jsonRules struct {
		DurationMonths programme.Range `json:"duration_months"`
		MinMeetings    int             `json:"min_meetings_after_clarification"`
		Followup       map[string]int  `json:"followup"`
	}
	jsonCohort struct {
		ID        string          `json:"id"`
		Name      string          `json:"name,omitempty"`
		Counts    map[string]int  `json:"counts"`
		OpenFlags int             `json:"open_flags"`
		Pairs     []jsonPair      `json:"pairs"`
		Unmatched []jsonUnmatched `json:"unmatched"`
	}
	jsonPair struct {
		Mentee               string     `json:"mentee"`
		Mentor               string     `json:"mentor"`
		State                string     `json:"state"`
		Matched              string     `json:"matched,omitempty"`
		MatchAssumed         bool       `json:"match_assumed,omitempty"`
		Clarification        string     `json:"clarification,omitempty"`
		ClarificationUntyped bool       `json:"clarification_untyped,omitempty"`
		MeetingsAfter        int        `json:"meetings_after_clarification"`
		Months               int        `json:"months"`
		LastMeeting          string     `json:"last_meeting,omitempty"`
		AgendaSent           int        `json:"agendas_sent"`
		AgendaMissing        int        `json:"agendas_missing"`
		Ended                string     `json:"ended,omitempty"`
		EndAssumed           bool       `json:"end_assumed,omitempty"`
		Flags                []jsonFlag `json:"flags"`
	}
	jsonUnmatched struct {
		Email    string     `json:"email"`
		Role     string     `json:"role"`
		SignedUp string     `json:"signed_up,omitempty"`
		Waiting  int        `json:"waiting_days"`
		Flags    []jsonFlag `json:"flags"`
	}
	jsonExpiry struct {
		Cohort  string `json:"cohort"`
		Email   string `json:"email"`
		Role    string `json:"role,omitempty"`
		Basis   string `json:"basis"`
		From    string `json:"from"`
		Expires string `json:"expires"`
	}
	jsonFlag struct {
		Kind    string `json:"kind"`
		Urgency string `json:"urgency"`
		Since   string `json:"since,omitempty"`
		Whom    string `json:"whom,omitempty"`
		Count   int    `json:"count,omitempty"`
		Ref     string `json:"ref,omitempty"`
		// Handled is the record of handling the flag as it stands.
		Handled *jsonHandled `json:"handled,omitempty"`
	}
	jsonHandled struct {
		Date      string `json:"date"`
		Initials  string `json:"initials"`
		Action    string `json:"action"`
		LookAgain string `json:"look_again"`
		// Open is true once the look-again date has come: the flag is in
		// the follow-up queue again.
		Open bool `json:"open"`
	}
)

// jsonFlags writes the flags of the pair or sign-up keyed by email.
func (r *Report) jsonFlags(c *CohortReport, email string, fs []programme.Flag) []jsonFlag {
	out := make([]jsonFlag, 0, len(fs))
	for _, f := range fs {
		jf := jsonFlag{Kind: string(f.Kind), Urgency: string(f.Kind.Urgency()), Since: f.Since.String(), Whom: string(f.Whom), Count: f.Count, Ref: f.Ref.String()}
		if h := c.HandledFor(f, email); h != nil {
			jf.Handled = &jsonHandled{Date: h.Date.String(), Initials: h.Initials, Action: h.Action, LookAgain: h.LookAgain.String(), Open: !h.Holds(f, r.AsOf)}
		}
		out = append(out, jf)
	}
	return out
}

// JSON returns status.json: the same facts as the pages, for other tools,
// with cohorts in id order and pairs and sign-ups in the cohort file's order,
// each pair and sign-up on a line of its own. Emails are as stored.
func (r *Report) JSON() ([]byte, error) {
	fu := r.Config.Followup
	out := jsonReport{
		AsOf: r.AsOf.String(),
		Demo: r.Config.Demo,
		Rules: jsonRules{
			DurationMonths: r.Config.Rules.DurationMonths,
			MinMeetings:    r.Config.Rules.MinMeetingsAfterClarification,
			Followup: map[string]int{"first_contact_weeks": fu.FirstContactWeeks, "quiet_weeks": fu.QuietWeeks,
				"evaluation_due_weeks": fu.EvaluationDueWeeks, "waiting_weeks": fu.WaitingWeeks},
		},
		Cohorts: make([]jsonCohort, 0, len(r.Cohorts)),
	}
	for _, c := range r.Cohorts {
		jc := jsonCohort{ID: c.ID, Name: c.Title, Counts: map[string]int{}, OpenFlags: c.OpenFlags,
			Pairs: make([]jsonPair, 0, len(c.Pairs)), Unmatched: make([]jsonUnmatched, 0, len(c.Unmatched))}
		for _, s := range programme.States {
			jc.Counts[string(s)] = c.Counts[s]
		}
		for i := range c.Pairs {
			p := &c.Pairs[i]
			jc.Pairs = append(jc.Pairs, jsonPair{
				Mentee: p.Pair.Mentee, Mentor: p.Pair.Mentor, State: string(p.State),
				Matched: p.Matched.String(), MatchAssumed: p.MatchAssumed, Clarification: p.Clarification.String(), ClarificationUntyped: p.ClarificationUntyped,
				MeetingsAfter: p.MeetingsAfter, Months: p.Months, LastMeeting: p.LastMeeting.String(),
				AgendaSent: p.AgendaSent, AgendaMissing: p.AgendaMissing,
				Ended: p.Ended.String(), EndAssumed: p.EndAssumed, Flags: r.jsonFlags(c, p.Pair.Mentee, p.Flags),
			})
		}
		for _, u := range c.Unmatched {
			jc.Unmatched = append(jc.Unmatched, jsonUnmatched{Email: u.Participant.Email, Role: string(u.Participant.Role),
				SignedUp: u.Participant.SignedUp.String(), Waiting: u.Waiting, Flags: r.jsonFlags(c, u.Participant.Email, u.Flags)})
		}
		out.Cohorts = append(out.Cohorts, jc)
	}
	// Laid out by hand: the frame indented, each pair and sign-up one
	// compact line, so that diffs show one line per changed pair.
	var buf bytes.Buffer
	buf.Grow(4096 + 400*len(r.Followups) + 600*countPairs(r))
	asOf, _ := marshal(out.AsOf)
	rules, err := marshal(out.Rules)
	if err != nil {
		return nil, fmt.Errorf("status: status.json: %w", err)
	}
	fmt.Fprintf(&buf, "{\n  \"as_of\": %s,\n", asOf)
	if out.Demo {
		buf.WriteString("  \"demo\": true,\n")
	}
	fmt.Fprintf(&buf, "  \"rules\": %s,\n  \"cohorts\": [", rules)
	for i, c := range out.Cohorts {
		if i > 0 {
			buf.WriteByte(',')
		}
		id, _ := marshal(c.ID)
		counts, _ := marshal(c.Counts)
		name := ""
		if c.Name != "" {
			b, _ := marshal(c.Name)
			name = fmt.Sprintf("\n      \"name\": %s,", b)
		}
		fmt.Fprintf(&buf, "\n    {\n      \"id\": %s,%s\n      \"counts\": %s,\n      \"open_flags\": %d,\n      \"pairs\": ", id, name, counts, c.OpenFlags)
		if err := jsonLines(&buf, "        ", c.Pairs); err != nil {
			return nil, err
		}
		buf.WriteString(",\n      \"unmatched\": ")
		if err := jsonLines(&buf, "        ", c.Unmatched); err != nil {
			return nil, err
		}
		if p := r.Cohorts[i].Proposal; p != nil {
			props, reasons := jsonProposals(p)
			buf.WriteString(",\n      \"proposals\": ")
			if err := jsonLines(&buf, "        ", props); err != nil {
				return nil, err
			}
			buf.WriteString(",\n      \"unmatched_reasons\": ")
			if err := jsonLines(&buf, "        ", reasons); err != nil {
				return nil, err
			}
		}
		buf.WriteString("\n    }")
	}
	if len(out.Cohorts) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("],\n  \"retention_expired\": ")
	expired := make([]jsonExpiry, len(r.Expired))
	for i, e := range r.Expired {
		expired[i] = jsonExpiry{Cohort: e.Cohort, Email: e.Email, Role: string(e.Role), Basis: string(e.Basis), From: e.From.String(), Expires: e.Expires.String()}
	}
	if err := jsonLines(&buf, "    ", expired); err != nil {
		return nil, err
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), nil
}

// jsonLines writes items as a JSON array, each item one compact line at
// indent and the closing bracket two spaces less far in ("[]" when empty).
func jsonLines[T any](buf *bytes.Buffer, indent string, items []T) error {
	buf.WriteByte('[')
	if len(items) == 0 {
		buf.WriteByte(']')
		return nil
	}
	buf.WriteByte('\n')
	for j := range items {
		b, err := marshal(&items[j])
		if err != nil {
			return fmt.Errorf("status: status.json: %w", err)
		}
		buf.WriteString(indent)
		buf.Write(b)
		if j < len(items)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString(indent[2:])
	buf.WriteByte(']')
	return nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func countPairs(r *Report) int {
	n := 0
	for _, c := range r.Cohorts {
		n += len(c.Pairs)
	}
	return n
}

// FollowupHeader is the header row of opfoelgning.xlsx.
// The columns Håndteret dato to Se igen are filled in to mark a row handled
// (cmd/ingest reads them back); Kode keys the row.
var FollowupHeader = []string{"Hast", programme.ColumnSince, "Kohorte", "Flag", "Hvem", "Navn", "E-mail", "Mentee", "Mentor", "Hvorfor",
	programme.ColumnHandledDate, programme.ColumnInitials, programme.ColumnAction, programme.ColumnLookAgain, programme.ColumnKey}

// FollowupXLSX returns opfoelgning.xlsx: the follow-up queue, then the
// follow-ups marked handled (with their record filled in), as a workbook
// with a bold, frozen header row, a filter, column widths, dates as date
// cells, and text that a spreadsheet could take for a formula neutralised.
// A row with two contacts has their names and emails joined by "; ". To
// mark a row handled, the secretariat fills in its Håndteret dato,
// Initialer, Handling and (optionally) Se igen and ingests the workbook.
func (r *Report) FollowupXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Opfølgning"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	// The filter is set on the empty sheet: the stream writer keeps it, and
	// setting it after Flush would parse the whole sheet again.
	rows := append(append(make([]Followup, 0, len(r.Followups)+len(r.Handled)), r.Followups...), r.Handled...)
	last, _ := excelize.CoordinatesToCellName(len(FollowupHeader), max(len(rows)+1, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}})
	if err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	widths := []float64{14, 12, 16, 26, 10, 28, 34, 24, 24, 80, 15, 10, 24, 12, 44}
	// Set from the last column back: the stream writer lists the columns in
	// the reverse order of the calls, and Excel wants them ascending.
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	head := make([]any, len(FollowupHeader))
	for i, h := range FollowupHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	str := func(s string) excelize.Cell { return excelize.Cell{Value: neutralise(s)} }
	dateCell := func(d programme.Date) any {
		if d.IsZero() {
			return ""
		}
		return excelize.Cell{StyleID: date, Value: d.Time()}
	}
	for i, fu := range rows {
		var names, emails []string
		for _, c := range fu.Contacts {
			names = append(names, c.Name)
			emails = append(emails, c.Email)
		}
		u := fu.Urgency()
		row := []any{str(u.Icon() + " " + urgencyLabel(u)), dateCell(fu.Flag.Since), str(r.CohortName(fu.Cohort)), str(FlagLabel(fu.Flag.Kind)), str(whomLabel(fu.Flag.Whom)),
			str(strings.Join(names, "; ")), str(strings.Join(emails, "; ")), str(fu.Mentee), str(fu.Mentor),
			excelize.Cell{StyleID: wrap, Value: neutralise(fu.Why)}, "", "", "", "", str(fu.Key)}
		if h := fu.Handled; h != nil && h.Holds(fu.Flag, r.AsOf) {
			row[10], row[11], row[12], row[13] = dateCell(h.Date), str(h.Initials), str(h.Action), dateCell(h.LookAgain)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// yearCounts are the courses started, completed and stopped in one year.
type yearCounts struct {
	Year                        int
	Started, Completed, Stopped int
}

// years counts courses by year: started by the year of the clarification
// meeting, completed and stopped by the year the course ended (the marked
// end date, the assumed end, or the day the maximum duration passed).
func (r *Report) years() []yearCounts {
	by := map[int]*yearCounts{}
	get := func(y int) *yearCounts {
		if by[y] == nil {
			by[y] = &yearCounts{Year: y}
		}
		return by[y]
	}
	for _, c := range r.Cohorts {
		for i := range c.Pairs {
			p := &c.Pairs[i]
			if !p.Clarification.IsZero() {
				get(p.Clarification.Time().Year()).Started++
			}
			if p.Ended.IsZero() || p.Ended.After(r.AsOf) {
				continue
			}
			switch p.State {
			case programme.StateCompleted:
				get(p.Ended.Time().Year()).Completed++
			case programme.StateStopped:
				get(p.Ended.Time().Year()).Stopped++
			}
		}
	}
	out := make([]yearCounts, 0, len(by))
	for _, y := range by {
		out = append(out, *y)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

// numbersPage is what the public fragment's template (web/numbers.html)
// gets: the language's strings, and the figures with the privacy rules
// applied.
type numbersPage struct {
	T                           map[string]string
	Demo                        bool
	AsOf, CoursesNote, EvalNote string
	Years                       []numbersYear
	Questions                   bool
	Stats                       []numbersStat
}

// numbersYear is a row of the courses table.
type numbersYear struct {
	Year                        int
	Started, Completed, Stopped numbersCount
}

// numbersCount is a count, or the words saying it is too small to show.
type numbersCount struct {
	N   int
	Few string
}

// numbersStat is a row of the evaluation table: the mean is shown only
// where the evaluation page shows the programme's total.
type numbersStat struct {
	Label, Scale, Mean string
	N                  int
	Shown              bool
	// Withheld: hidden to protect a smaller group, not for too few answers.
	Withheld bool
}

var numbersTmpl = template.Must(template.New("numbers").Option("missingkey=error").ParseFS(web, "web/numbers.html"))

// PublicHTML returns the public "Programmet i tal" fragment in w's language,
// with w's numbers: strings from the theme's templates/i18n: courses
// started, completed and stopped per year, and the programme-wide mean of
// each scale question. A figure whose group is smaller than
// privacy.min_group_size is not shown, nor a mean that the evaluation page
// hides (see eval.go). It holds no names, no emails and no
// cohort breakdowns. With demo: true in programme.yaml it opens with a
// notice that the figures are invented. The layout
// (templates/layouts/numbers.html) wraps it in <div class="numbers">.
func (r *Report) PublicHTML(w *i18n.Lang) (template.HTML, error) {
	return r.Public().HTML(w)
}
