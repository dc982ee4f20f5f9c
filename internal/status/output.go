package status

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

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
	jsonFlag struct {
		Kind    string `json:"kind"`
		Urgency string `json:"urgency"`
		Since   string `json:"since,omitempty"`
		Whom    string `json:"whom,omitempty"`
		Count   int    `json:"count,omitempty"`
		Ref     string `json:"ref,omitempty"`
	}
)

func jsonFlags(fs []programme.Flag) []jsonFlag {
	out := make([]jsonFlag, 0, len(fs))
	for _, f := range fs {
		out = append(out, jsonFlag{Kind: string(f.Kind), Urgency: string(f.Kind.Urgency()), Since: f.Since.String(), Whom: string(f.Whom), Count: f.Count, Ref: f.Ref.String()})
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
		jc := jsonCohort{ID: c.ID, Counts: map[string]int{}, OpenFlags: c.OpenFlags,
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
				Ended: p.Ended.String(), EndAssumed: p.EndAssumed, Flags: jsonFlags(p.Flags),
			})
		}
		for _, u := range c.Unmatched {
			jc.Unmatched = append(jc.Unmatched, jsonUnmatched{Email: u.Participant.Email, Role: string(u.Participant.Role),
				SignedUp: u.Participant.SignedUp.String(), Waiting: u.Waiting, Flags: jsonFlags(u.Flags)})
		}
		out.Cohorts = append(out.Cohorts, jc)
	}
	// Laid out by hand: the frame indented, each pair and sign-up one
	// compact line, so that diffs show one line per changed pair.
	var buf bytes.Buffer
	buf.Grow(4096 + 400*len(r.Followups) + 600*countPairs(r))
	line := func(indent string, v any, comma bool) error {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("status: status.json: %w", err)
		}
		buf.WriteString(indent)
		buf.Write(b)
		if comma {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		return nil
	}
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
		fmt.Fprintf(&buf, "\n    {\n      \"id\": %s,\n      \"counts\": %s,\n      \"open_flags\": %d,\n      \"pairs\": [", id, counts, c.OpenFlags)
		if len(c.Pairs) > 0 {
			buf.WriteByte('\n')
		}
		for j := range c.Pairs {
			if err := line("        ", &c.Pairs[j], j < len(c.Pairs)-1); err != nil {
				return nil, err
			}
		}
		if len(c.Pairs) > 0 {
			buf.WriteString("      ")
		}
		buf.WriteString("],\n      \"unmatched\": [")
		if len(c.Unmatched) > 0 {
			buf.WriteByte('\n')
		}
		for j := range c.Unmatched {
			if err := line("        ", &c.Unmatched[j], j < len(c.Unmatched)-1); err != nil {
				return nil, err
			}
		}
		if len(c.Unmatched) > 0 {
			buf.WriteString("      ")
		}
		buf.WriteString("]\n    }")
	}
	if len(out.Cohorts) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes(), nil
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
var FollowupHeader = []string{"Siden", "Kohorte", "Flag", "Hvem", "Navn", "E-mail", "Mentee", "Mentor", "Hvorfor", "Kode"}

// FollowupXLSX returns opfoelgning.xlsx: the follow-up list as a workbook
// with a bold, frozen header row, a filter, column widths, "Siden" as date
// cells, and text that a spreadsheet could take for a formula neutralised.
// A row with two contacts has their names and emails joined by "; ".
func (r *Report) FollowupXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Opfølgning"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("status: opfoelgning.xlsx: %w", err)
	}
	// The filter is set on the empty sheet: the stream writer keeps it, and
	// setting it after Flush would parse the whole sheet again.
	last, _ := excelize.CoordinatesToCellName(len(FollowupHeader), max(len(r.Followups)+1, 2))
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
	widths := []float64{12, 16, 26, 10, 28, 34, 24, 24, 80, 22}
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
	for i, fu := range r.Followups {
		var names, emails []string
		for _, c := range fu.Contacts {
			names = append(names, c.Name)
			emails = append(emails, c.Email)
		}
		var since any = ""
		if !fu.Flag.Since.IsZero() {
			since = excelize.Cell{StyleID: date, Value: fu.Flag.Since.Time()}
		}
		row := []any{since, str(fu.Cohort), str(FlagLabel(fu.Flag.Kind)), str(whomLabels[fu.Flag.Whom]),
			str(strings.Join(names, "; ")), str(strings.Join(emails, "; ")), str(fu.Mentee), str(fu.Mentor),
			excelize.Cell{StyleID: wrap, Value: neutralise(fu.Why)}, str(string(fu.Flag.Kind))}
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

// publicText is the public fragment's wording per language.
var publicText = map[string]map[string]string{
	"da": {
		"courses": "Forløb pr. år", "caption": "Forløb startet, afsluttet og afbrudt pr. kalenderår",
		"year": "År", "started": "Startet", "completed": "Afsluttet", "stopped": "Afbrudt",
		"few": "færre end %d", "none": "Der er ingen forløb at vise endnu.",
		"coursesNote": "Et forløb tæller som startet i det år, afklaringsmødet blev holdt, og som afsluttet eller afbrudt i det år, det sluttede. Tal under %d vises ikke.",
		"eval":        "Deltagernes evaluering", "evalCaption": "Gennemsnit for hele programmet pr. spørgsmål",
		"question": "Spørgsmål", "mean": "Gennemsnit", "answers": "Antal svar", "scale": "skala %d–%d",
		"tooFew": "for få svar", "evalNote": "Gennemsnit vises kun, hvor mindst %d har svaret.",
		"asOf": "Opgjort %s.", "noQuestions": "Der er ingen evalueringsspørgsmål.",
		"demoTitle": "Eksempeldata",
		"demo":      "Tallene på denne side er opfundne eksempeldata fra en demo-kohorte, ikke rigtige tal fra mentorprogrammet.",
	},
	"en": {
		"courses": "Courses per year", "caption": "Courses started, completed and stopped per calendar year",
		"year": "Year", "started": "Started", "completed": "Completed", "stopped": "Stopped",
		"few": "fewer than %d", "none": "There are no courses to show yet.",
		"coursesNote": "A course counts as started in the year of its clarification meeting, and as completed or stopped in the year it ended. Figures below %d are not shown.",
		"eval":        "What participants say", "evalCaption": "Programme-wide mean per question",
		"question": "Question", "mean": "Mean", "answers": "Answers", "scale": "scale %d–%d",
		"tooFew": "too few answers", "evalNote": "Means are shown only where at least %d have answered.",
		"asOf": "As of %s.", "noQuestions": "There are no evaluation questions.",
		"demoTitle": "Example data",
		"demo":      "The figures on this page are invented example data from a demo cohort, not real figures from the mentoring programme.",
	},
}

// PublicHTML returns the public "Programmet i tal" fragment in lang ("da"
// or "en"; anything else is Danish): courses started, completed and stopped
// per year, and the programme-wide mean of each scale question. A figure
// whose group is smaller than privacy.min_group_size is not shown. It holds
// no names, no emails and no cohort breakdowns. With demo: true in
// programme.yaml it opens with a notice that the figures are invented. The
// layout (templates/layouts/numbers.html) wraps it in <div class="numbers">.
func (r *Report) PublicHTML(lang string) template.HTML {
	if lang != "en" {
		lang = "da"
	}
	t := publicText[lang]
	minN := r.Config.Privacy.MinGroupSize
	esc := html.EscapeString
	count := func(n int) string {
		if n > 0 && n < minN {
			return `<span class="numbers-few">` + esc(fmt.Sprintf(t["few"], minN)) + `</span>`
		}
		return strconv.Itoa(n)
	}
	num := func(f float64) string {
		s := strconv.FormatFloat(f, 'f', 1, 64)
		if lang == "da" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	date := daDate(r.AsOf)
	if lang == "en" {
		date = enDate(r.AsOf)
	}
	var b strings.Builder
	if r.Config.Demo {
		fmt.Fprintf(&b, `<div class="callout callout-warning numbers-demo" role="note"><p class="callout-title">%s</p><p>%s</p></div>`, esc(t["demoTitle"]), esc(t["demo"]))
	}
	fmt.Fprintf(&b, `<p class="numbers-asof">%s</p>`, esc(fmt.Sprintf(t["asOf"], date)))
	fmt.Fprintf(&b, `<h2 id="forloeb-pr-aar">%s</h2>`, esc(t["courses"]))
	if ys := r.years(); len(ys) == 0 {
		fmt.Fprintf(&b, `<p>%s</p>`, esc(t["none"]))
	} else {
		fmt.Fprintf(&b, `<div class="table-scroll"><table class="numbers-table"><caption>%s</caption><thead><tr><th scope="col">%s</th><th scope="col" class="num">%s</th><th scope="col" class="num">%s</th><th scope="col" class="num">%s</th></tr></thead><tbody>`,
			esc(t["caption"]), esc(t["year"]), esc(t["started"]), esc(t["completed"]), esc(t["stopped"]))
		for _, y := range ys {
			fmt.Fprintf(&b, `<tr><th scope="row">%d</th><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td></tr>`,
				y.Year, count(y.Started), count(y.Completed), count(y.Stopped))
		}
		b.WriteString(`</tbody></table></div>`)
	}
	fmt.Fprintf(&b, `<p class="numbers-note">%s</p>`, esc(fmt.Sprintf(t["coursesNote"], minN)))
	fmt.Fprintf(&b, `<h2 id="evaluering">%s</h2>`, esc(t["eval"]))
	e := r.Evaluation
	if len(e.Questions) == 0 {
		fmt.Fprintf(&b, `<p>%s</p>`, esc(t["noQuestions"]))
	} else {
		fmt.Fprintf(&b, `<div class="table-scroll"><table class="numbers-table"><caption>%s</caption><thead><tr><th scope="col">%s</th><th scope="col" class="num">%s</th><th scope="col" class="num">%s</th></tr></thead><tbody>`,
			esc(t["evalCaption"]), esc(t["question"]), esc(t["mean"]), esc(t["answers"]))
		total := e.Programme[0]
		for _, s := range total.Stats {
			label := s.Question.Label[lang]
			if label == "" {
				label = s.Question.Label["da"]
			}
			fmt.Fprintf(&b, `<tr><th scope="row">%s <span class="numbers-scale">(%s)</span></th>`, esc(label), esc(fmt.Sprintf(t["scale"], s.Question.Scale.Min, s.Question.Scale.Max)))
			// Only the programme-wide total is shown, never a breakdown, so
			// the plain threshold suffices here (no complementary suppression).
			if s.N < minN {
				fmt.Fprintf(&b, `<td class="num" colspan="2">%s</td></tr>`, esc(t["tooFew"]))
				continue
			}
			fmt.Fprintf(&b, `<td class="num">%s</td><td class="num">%d</td></tr>`, num(s.Mean), s.N)
		}
		b.WriteString(`</tbody></table></div>`)
	}
	fmt.Fprintf(&b, `<p class="numbers-note">%s</p>`, esc(fmt.Sprintf(t["evalNote"], minN)))
	return template.HTML(b.String())
}
