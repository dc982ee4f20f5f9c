package status

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// The matching suggestions (internal/match) as the pages, the workbook
// matchforslag.xlsx and status.json show them.

type (
	jsonProposal struct {
		Mentee       string            `json:"mentee"`
		Mentor       string            `json:"mentor"`
		Score        int               `json:"score"`
		Reasons      []string          `json:"reasons"`
		Alternatives []jsonAlternative `json:"alternatives"`
	}
	jsonAlternative struct {
		Mentor string `json:"mentor"`
		Score  int    `json:"score"`
	}
	jsonUnmatchedReason struct {
		Email  string `json:"email"`
		Role   string `json:"role"`
		Reason string `json:"reason"`
	}
)

func jsonProposals(p *match.Proposal) ([]jsonProposal, []jsonUnmatchedReason) {
	props := make([]jsonProposal, 0, len(p.Suggestions))
	for i := range p.Suggestions {
		s := &p.Suggestions[i]
		jp := jsonProposal{Mentee: s.Mentee.Email, Mentor: s.Mentor.Email, Score: s.Score, Reasons: s.Reasons(), Alternatives: make([]jsonAlternative, 0, len(s.Alternatives))}
		for _, a := range s.Alternatives {
			jp.Alternatives = append(jp.Alternatives, jsonAlternative{a.Mentor.Email, a.Score})
		}
		props = append(props, jp)
	}
	un := make([]jsonUnmatchedReason, 0, len(p.Unmatched))
	for _, u := range p.Unmatched {
		un = append(un, jsonUnmatchedReason{u.Participant.Email, string(u.Participant.Role), u.Reason})
	}
	return props, un
}

// Waiting is the number of mentees with no pair, across the cohorts.
func (r *Report) Waiting() int {
	n := 0
	for _, c := range r.Cohorts {
		if c.Proposal != nil {
			n += c.Proposal.Waiting
		}
	}
	return n
}

// Suggested is the number of suggested pairs, across the cohorts.
func (r *Report) Suggested() int {
	n := 0
	for _, c := range r.Cohorts {
		if c.Proposal != nil {
			n += len(c.Proposal.Suggestions)
		}
	}
	return n
}

// Criteria are the soft criteria and their points, in Danish, for the page.
func (r *Report) Criteria() []string {
	w := r.Config.Matching.Weights
	pt := func(n int) string { return programme.Plural(n, "point", "point") }
	return []string{
		fmt.Sprintf("Det speciale, menteen ønsker hos sin mentor: %s.", pt(w.Specialty)),
		fmt.Sprintf("Hvert emne, menteen ønsker og mentoren tilbyder: %s.", pt(w.Theme)),
		fmt.Sprintf("Samme region, eller begge vil gerne mødes online: %s.", pt(w.Region)),
		fmt.Sprintf("Mentoren er mere erfaren end menteen (stilling eller år som speciallæge): %s.", pt(w.Seniority)),
		fmt.Sprintf("Hver hele måned, menteen har ventet siden tilmeldingen: %s.", pt(w.WaitingMonth)),
	}
}

// ProposalXLSX returns matchforslag.xlsx: one row per suggested pair
// (match.Header), with the columns Accepter (ja/nej, a drop-down) and
// Matchdato for the secretariat. Ingesting the workbook creates the pairs
// marked ja, checked against the hard rules again.
func (r *Report) ProposalXLSX() ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, fmt.Errorf("status: matchforslag.xlsx: %w", err) }
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Matchforslag"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fail(err)
	}
	n := 0
	for _, c := range r.Cohorts {
		if c.Proposal != nil {
			n += len(c.Proposal.Suggestions)
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(match.Header), max(n+1, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fail(err)
	}
	// Accepter: ja or nej from a list (any other text is still read, and
	// rejected with a reason by the ingest).
	acc, _ := excelize.CoordinatesToCellName(9, 2)
	accEnd, _ := excelize.CoordinatesToCellName(9, max(n+1, 2))
	dv := excelize.NewDataValidation(true)
	dv.Sqref = acc + ":" + accEnd
	if err := dv.SetDropList([]string{"ja", "nej"}); err != nil {
		return fail(err)
	}
	if err := f.AddDataValidation(sheet, dv); err != nil {
		return fail(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fail(err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}})
	if err != nil {
		return fail(err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fail(err)
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return fail(err)
	}
	widths := []float64{16, 26, 32, 26, 32, 8, 70, 50, 10, 12}
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return fail(err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	head := make([]any, len(match.Header))
	for i, h := range match.Header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fail(err)
	}
	str := func(s string) excelize.Cell { return excelize.Cell{Value: neutralise(s)} }
	row := 2
	for _, c := range r.Cohorts {
		if c.Proposal == nil {
			continue
		}
		for i := range c.Proposal.Suggestions {
			s := &c.Proposal.Suggestions[i]
			cells := []any{str(c.DisplayName()), str(s.Mentee.Name), str(s.Mentee.Email), str(s.Mentor.Name), str(s.Mentor.Email), s.Score,
				excelize.Cell{StyleID: wrap, Value: neutralise(s.ReasonText())}, excelize.Cell{StyleID: wrap, Value: neutralise(s.AlternativesText())},
				"", excelize.Cell{StyleID: date}}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, cells); err != nil {
				return fail(err)
			}
			row++
		}
	}
	if err := sw.Flush(); err != nil {
		return fail(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fail(err)
	}
	return buf.Bytes(), nil
}
