package ingest

import (
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// problemsByRow maps "row" to the problems of that row, as "field:code
// message".
func problemsByRow(res *Result) map[int][]Problem {
	m := map[int][]Problem{}
	for _, p := range res.Report.Problems {
		m[p.Row] = append(m[p.Row], p)
	}
	return m
}

// TestMeetingCohortColumn (issue 9.4): a meeting log's cohort column says
// which of a mentee's pairs a meeting belongs to; a cohort that does not
// exist, or in which the mentee has no pair, rejects the row with the
// reason. Without the column, the pair matched latest before the meeting
// takes it.
func TestMeetingCohortColumn(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv",
		"Navn;E-mail;Rolle;Kohorte;Matchet med;Matchdato",
		"Mona Mentor;mona@example.org;mentor;2025-efteraar;;",
		"Mads Mentee;mads@example.org;mentee;2025-efteraar;mona@example.org;01-09-2025",
		"Mona Mentor;mona@example.org;mentor;2026-foraar;;",
		"Mads Mentee;mads@example.org;mentee;2026-foraar;mona@example.org;01-03-2026",
		"Mie Mentee;mie@example.org;mentee;2026-foraar;mona@example.org;01-03-2026",
	))
	res := run(t, data, Options{}, file(t, "m.csv",
		"Mentee e-mail;Mødedato;Kohorte",
		"mads@example.org;10-03-2026;2025-efteraar", // the autumn pair, though spring's was matched later
		"mads@example.org;11-03-2026;",              // no cohort: the pair matched latest before it
		"mads@example.org;12-03-2026;2027-foraar",   // no such cohort
		"mie@example.org;12-03-2026;2025-efteraar",  // a cohort without a pair of hers
		"mads@example.org;13-03-2026;2026 Forår",    // the name as typed: the same cohort
	))
	autumn, spring := cohort(t, res.Dataset, "2025-efteraar"), cohort(t, res.Dataset, "2026-foraar")
	dates := func(c *programme.Cohort) []string {
		var out []string
		for _, m := range c.Meetings {
			out = append(out, m.Mentee+" "+m.Date.String())
		}
		return out
	}
	if got := strings.Join(dates(autumn), ","); got != "mads@example.org 2026-03-10" {
		t.Errorf("autumn meetings %s", got)
	}
	if got := strings.Join(dates(spring), ","); got != "mads@example.org 2026-03-11,mads@example.org 2026-03-13" {
		t.Errorf("spring meetings %s", got)
	}
	probs := problemsByRow(res)
	if len(probs) != 2 {
		t.Fatalf("problems %+v", res.Report.Problems)
	}
	if p := probs[4]; len(p) != 1 || p[0].Code != CodeUnknownReference || p[0].Column != "C" ||
		!strings.Contains(p[0].Message, "kohorte 2027-foraar findes ikke") || !strings.Contains(p[0].Message, "Kohorterne er 2025-efteraar og 2026-foraar") {
		t.Errorf("row 4: %+v", p)
	}
	if p := probs[5]; len(p) != 1 || p[0].Code != CodeUnknownReference ||
		!strings.Contains(p[0].Message, "har ikke noget par i kohorte 2025-efteraar, men har et par i kohorte 2026-foraar") {
		t.Errorf("row 5: %+v", p)
	}
}
