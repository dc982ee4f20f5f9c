package ingest

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
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

// formsXLSX writes a Microsoft Forms export: an .xlsx whose first row is
// header and whose other rows are rows.
func formsXLSX(t *testing.T, header []any, rows ...[]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &header)
	for i, r := range rows {
		f.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+2), &r)
	}
	path := filepath.Join(t.TempDir(), "forms.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFormsAnonymous (issue 9.5): a Microsoft Forms export whose own Email
// column says "anonymous" (the form collects the address in a question of
// its own) is read from the question; the same for Name. Forms' own column
// still wins where it holds an address.
func TestFormsAnonymous(t *testing.T) {
	data := newData(t)
	signups := formsXLSX(t,
		[]any{"ID", "Start time", "Completion time", "Email", "Name", "Navn", "E-mail", "Rolle", "Kohorte"},
		[]any{1, "", "", "anonymous", "", "Mona Mentor", "mona@example.org", "mentor", "2026-foraar"},
		[]any{2, "", "", "", "", "Mads Mentee", "mads@example.org", "mentee", "2026-foraar"},
		[]any{3, "", "", "anonymous", "anonymous", "", "mie@example.org", "mentee", "2026-foraar"},
		[]any{4, "", "", "anonymous", "", "Max Mentee", "", "mentee", "2026-foraar"},
	)
	res := run(t, data, Options{}, signups)
	c := cohort(t, res.Dataset, "2026-foraar")
	var people []string
	for _, p := range c.Participants {
		people = append(people, p.Email+" "+p.Name)
	}
	if got := strings.Join(people, ","); got != "mads@example.org Mads Mentee,mona@example.org Mona Mentor" {
		t.Errorf("participants %s", got)
	}
	probs := problemsByRow(res)
	if p := probs[4]; len(p) != 1 || p[0].Field != fName || p[0].Code != CodeMissingCell {
		t.Errorf("row 4 (no name anywhere): %+v", p)
	}
	if p := probs[5]; len(p) != 1 || p[0].Field != fEmail || p[0].Column != "D" || !strings.Contains(p[0].Message, "anonymt") {
		t.Errorf("row 5 (no address anywhere): %+v", p)
	}
	if len(probs) != 2 {
		t.Errorf("problems %+v", res.Report.Problems)
	}

	evals := formsXLSX(t,
		[]any{"ID", "Start time", "Completion time", "Email", "Name", "E-mailadresse", "Samlet tilfredshed", "Kommentarer"},
		[]any{1, "", "", "anonymous", "", "mona@example.org", 5, "Godt"},
		[]any{2, "", "", "mads@example.org", "Mads Mentee", "mads.privat@example.org", 4, ""},
	)
	res = run(t, data, Options{}, evals)
	if f := res.Report.Files[0]; f.Kind != Evaluations || f.Rejected != 0 || f.Added != 2 {
		t.Fatalf("report %+v %+v", f, res.Report.Problems)
	}
	var got []string
	for _, e := range cohort(t, res.Dataset, "2026-foraar").Evaluations {
		got = append(got, e.Email+" "+strconv.Itoa(e.Answers["tilfredshed"]))
	}
	if strings.Join(got, ",") != "mads@example.org 4,mona@example.org 5" {
		t.Errorf("evaluations %v", got)
	}
	for _, d := range res.Report.Dropped {
		if d.Header == "E-mailadresse" {
			t.Errorf("the question column is reported as not stored: %+v", d)
		}
	}
}

// TestCommentNotRead: an evaluation export whose comment question has a
// header that is not one of the question's ("Har du andre kommentarer?")
// has that column dropped as free text, never guessed to be the comment,
// and the report says how to have it read.
func TestCommentNotRead(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", "Navn;E-mail;Rolle;Kohorte", "Mona Mentor;mona@example.org;mentor;2026-foraar"))
	res := run(t, data, Options{}, file(t, "e.csv", "E-mail;Samlet tilfredshed;Har du andre kommentarer?", "mona@example.org;5;Et godt forløb"))
	if e := cohort(t, res.Dataset, "2026-foraar").Evaluations; len(e) != 1 || e[0].Comment != "" {
		t.Fatalf("evaluations %+v", e)
	}
	var notes []string
	for _, n := range res.Report.Notes {
		if n.Code == "comment-not-read" {
			notes = append(notes, n.Message)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `kolonne C "Har du andre kommentarer?"`) || !strings.Contains(notes[0], "programme.yaml") {
		t.Errorf("notes %q", notes)
	}
	// A meeting log's Kommentarer column gets no such note.
	res = run(t, data, Options{DryRun: true}, file(t, "m.csv", "Mentee e-mail;Mødedato;Kommentarer", "mads@example.org;10-03-2026;x"))
	for _, n := range res.Report.Notes {
		if n.Code == "comment-not-read" {
			t.Errorf("a meeting log's comments: %+v", n)
		}
	}
}

// TestLongCohortNames (issue 9.9): cohort names whose ids would be longer
// than MaxIDLen and that share their first MaxIDLen characters stay two
// cohorts, under the same ids on every ingest; a cohort stored under the
// shortened id an earlier version gave such a name is never merged into.
func TestLongCohortNames(t *testing.T) {
	prefix := "Mentorforløb for yngre læger i hoveduddannelse i Region Hovedstaden og Region Sjælland, "
	a, b := prefix+"forår 2026", prefix+"efterår 2026"
	if fullSlug(a)[:MaxIDLen] != fullSlug(b)[:MaxIDLen] {
		t.Fatal("the names must share their first MaxIDLen characters")
	}
	data := newData(t)
	signups := file(t, "t.csv",
		"Navn;E-mail;Rolle;Kohorte",
		"Mona Mentor;mona@example.org;mentor;"+a,
		"Mia Mentor;mia@example.org;mentor;"+b,
	)
	res := run(t, data, Options{}, signups)
	if len(res.Dataset.Cohorts) != 2 {
		t.Fatalf("cohorts %+v", res.Dataset.Cohorts)
	}
	ids := map[string]bool{}
	for _, c := range res.Dataset.Cohorts {
		ids[c.ID] = true
		if len(c.ID) > MaxIDLen || len(c.Participants) != 1 {
			t.Errorf("cohort %s (%d characters): %+v", c.ID, len(c.ID), c.Participants)
		}
	}
	if !ids[Slug(a)] || !ids[Slug(b)] {
		t.Errorf("ids %v, want %s and %s", ids, Slug(a), Slug(b))
	}
	// Two notes, each naming its cohort so that they can be told apart:
	// the names' ends and their ids.
	notes := map[string]bool{}
	for _, n := range res.Report.Notes {
		if n.Code == "long-cohort-name" {
			notes[n.Message] = true
			if !strings.Contains(n.Message, "forår 2026\" er over") && !strings.Contains(n.Message, "efterår 2026\" er over") {
				t.Errorf("the note does not show how the name ends: %s", n.Message)
			}
		}
	}
	if len(notes) != 2 {
		t.Errorf("notes %+v", res.Report.Notes)
	}
	// Again: the same ids, nothing changed.
	res = run(t, data, Options{}, signups)
	if f := res.Report.Files[0]; f.Unchanged != 2 || len(res.Report.Changed) != 0 {
		t.Errorf("second ingest %+v, changed %v", f, res.Report.Changed)
	}

	// A cohort stored under the shortened id of an earlier version.
	data = newData(t)
	run(t, data, Options{}, file(t, "old.csv", "Navn;E-mail;Rolle;Kohorte", "Mona Mentor;mona@example.org;mentor;"+legacySlug(a)))
	res = run(t, data, Options{}, signups)
	for _, p := range res.Report.Problems {
		if p.Code != CodeConstraintError || p.Field != fCohort || !strings.Contains(p.Message, legacySlug(a)+".yaml") {
			t.Errorf("problem %+v", p)
		}
	}
	if len(res.Report.Problems) != 2 || len(res.Report.Changed) != 0 {
		t.Errorf("problems %+v, changed %v", res.Report.Problems, res.Report.Changed)
	}

	// A name whose id would not be a file name is rejected, not a failed save.
	res = run(t, newData(t), Options{}, file(t, "g.csv", "Navn;E-mail;Rolle;Kohorte", "Mona Mentor;mona@example.org;mentor;Hold Ωmega"))
	if p := res.Report.Problems; len(p) != 1 || p[0].Code != CodeConstraintError || p[0].Field != fCohort {
		t.Errorf("problems %+v", p)
	}
}

// FuzzSlug: every cohort name's id fits a file name, and two names with
// different ids before shortening keep different ids after it.
func FuzzSlug(f *testing.F) {
	long := strings.Repeat("Mentorforløb for yngre læger ", 4)
	f.Add("Forår 2026", "2026-foraar")
	f.Add(long+"forår", long+"efterår")
	f.Add(long+"α", long+"β")
	f.Fuzz(func(t *testing.T, a, b string) {
		ia, ib := Slug(a), Slug(b)
		if len(ia) > MaxIDLen || !utf8.ValidString(ia) {
			t.Fatalf("Slug(%q) = %q: %d bytes", a, ia, len(ia))
		}
		if fa, fb := fullSlug(a), fullSlug(b); fa != fb && ia == ib {
			t.Fatalf("Slug(%q) = Slug(%q) = %q", a, b, ia)
		}
		if ia != "" && !strings.ContainsFunc(ia, func(r rune) bool { return r >= utf8.RuneSelf }) {
			if err := store.CheckID(ia); err != nil {
				t.Fatalf("Slug(%q): %v", a, err)
			}
		}
	})
}

// TestMeetingLoggedByMentor: a meeting log whose rows carry the address of
// whoever logged the meeting (Navn, E-mail, Rolle, as in issue 9.1) puts a
// mentor's meeting on the mentor's one pair; a mentor with several pairs,
// or none in the row's cohort, is rejected with the reason.
func TestMeetingLoggedByMentor(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv",
		"Navn;E-mail;Rolle;Kohorte;Matchet med;Matchdato",
		"Mona Mentor;mona@example.org;mentor;2026-foraar;;",
		"Mads Mentee;mads@example.org;mentee;2026-foraar;mona@example.org;01-03-2026",
		"Mia Mentor;mia@example.org;mentor;2026-foraar;;",
		"Max Mentee;max@example.org;mentee;2026-foraar;mia@example.org;01-03-2026",
		"Mie Mentee;mie@example.org;mentee;2026-foraar;mia@example.org;01-03-2026",
		"Ole Mentor;ole@example.org;mentor;2025-efteraar;;",
	))
	res := run(t, data, Options{}, file(t, "m.csv",
		"Navn;E-mail;Rolle;Kohorte;Mødedato;Mødetype;Referat",
		"Mona Mentor;mona@example.org;mentor;2026-foraar;10-03-2026;afklaringsmøde;Fortroligt",
		"Mads Mentee;mads@example.org;mentee;2026-foraar;10-03-2026;afklaringsmøde;Fortroligt",
		"Mia Mentor;mia@example.org;mentor;2026-foraar;10-03-2026;møde;Fortroligt",
		"Mona Mentor;mona@example.org;mentor;2025-efteraar;11-03-2026;møde;Fortroligt",
	))
	c := cohort(t, res.Dataset, "2026-foraar")
	if len(c.Meetings) != 1 || c.Meetings[0].Mentee != "mads@example.org" || c.Meetings[0].Date != programme.NewDate(2026, 3, 10) {
		t.Errorf("meetings %+v", c.Meetings)
	}
	if f := res.Report.Files[0]; f.Kind != Meetings || f.Accepted != 2 || f.Rejected != 2 {
		t.Errorf("report %+v", f)
	}
	probs := problemsByRow(res)
	if p := probs[4]; len(p) != 1 || !strings.Contains(p[0].Message, "er mentor for flere: max@example.org (kohorte 2026-foraar), mie@example.org (kohorte 2026-foraar)") {
		t.Errorf("row 4: %+v", p)
	}
	if p := probs[5]; len(p) != 1 || !strings.Contains(p[0].Message, "har intet par i kohorte 2025-efteraar, kun i kohorte 2026-foraar") {
		t.Errorf("row 5: %+v", p)
	}
}

// TestCohortFieldsKept: what an ingest does not read (a cohort's display
// name, its handled follow-ups) is returned as it was loaded.
func TestCohortFieldsKept(t *testing.T) {
	c := programme.Cohort{ID: "2026-foraar", Name: "Forår 2026",
		Handled: []programme.Handled{{Kind: "quiet", Email: "mads@example.org", Date: programme.NewDate(2026, 5, 1), Initials: "AB"}}}
	got := fromCohort(&c).cohort()
	if got.Name != c.Name || len(got.Handled) != 1 || got.Handled[0] != c.Handled[0] {
		t.Errorf("cohort %+v, want name and handled kept", got)
	}
}
