package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// problemSet sums up a report's problems as "file:row:field:code".
func problemSet(res *Result) []string {
	var out []string
	for _, p := range res.Report.Problems {
		out = append(out, filepath.Base(p.File)+":"+strconv.Itoa(p.Row)+":"+p.Field+":"+p.Code)
	}
	slices.Sort(out)
	return out
}

// TestEveryReason: a rejected row gets its reference and order checks too,
// not only the reasons found while reading its cells.
func TestEveryReason(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		lines []string
		want  []string
	}{
		{"signup: bad date and unknown mentor", "t.csv", []string{
			signupHeader,
			"31-02-2026;Mia Mentee;mia@example.org;Mentee;Forår 2026;;ukendt@example.org;01-03-2026;;",
		}, []string{"t.csv:2:mentor:unknown-reference", "t.csv:2:signed_up:type-error"}},
		{"signup: bad status and no mentor", "t.csv", []string{
			signupHeader,
			";Mia Mentee;mia@example.org;Mentee;Forår 2026;;;01-03-2026;måske;",
		}, []string{"t.csv:2:matched:constraint-error", "t.csv:2:status:constraint-error"}},
		{"signup: a mentee named as mentor and an end before the match", "t.csv", []string{
			signupHeader,
			";Mia Mentee;mia@example.org;Mentee;Forår 2026;;mads@example.org;01-03-2026;;01-02-2026",
		}, []string{"t.csv:2:ended:constraint-error", "t.csv:2:mentor:unknown-reference"}},
		{"meeting: bad duration and no pair", "m.csv", []string{
			"Mentee e-mail;Mødedato;Varighed",
			"ukendt@example.org;10-03-2026;lang tid",
		}, []string{"m.csv:2:mentee:unknown-reference", "m.csv:2:minutes:type-error"}},
		{"meeting: bad type and before the match", "m.csv", []string{
			"Mentee e-mail;Mødedato;Mødetype",
			"mads@example.org;10-02-2026;snak",
		}, []string{"m.csv:2:date:constraint-error", "m.csv:2:type:constraint-error"}},
		{"meeting: bad date, the pair still looked up", "m.csv", []string{
			"Mentee e-mail;Mødedato",
			"ukendt@example.org;31-02-2026",
		}, []string{"m.csv:2:date:type-error", "m.csv:2:mentee:unknown-reference"}},
		{"evaluation: out of scale and not signed up", "e.csv", []string{
			"E-mail;Samlet tilfredshed",
			"nobody@example.org;6",
		}, []string{"e.csv:2:answers.tilfredshed:constraint-error", "e.csv:2:email:unknown-reference"}},
		{"evaluation: bad date and wrong role", "e.csv", []string{
			"E-mail;Samlet tilfredshed;Rolle;Tidsstempel",
			"mona@example.org;4;mentee;32-01-2026",
		}, []string{"e.csv:2:role:constraint-error", "e.csv:2:submitted:type-error"}},
		{"evaluation: no answers and not signed up", "e.csv", []string{
			"E-mail;Samlet tilfredshed;Anbefaling",
			"nobody@example.org;;",
		}, []string{"e.csv:2::missing-cell", "e.csv:2:email:unknown-reference"}},
		{"evaluation: a bad e-mail is not looked up", "e.csv", []string{
			"E-mail;Samlet tilfredshed",
			"nobody(at)example.org;4",
		}, []string{"e.csv:2:email:type-error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := newData(t)
			run(t, data, Options{}, file(t, "s.csv", baseSignups...))
			res := run(t, data, Options{}, file(t, tt.file, tt.lines...))
			if got := problemSet(res); !slices.Equal(got, tt.want) {
				t.Errorf("problems %q, want %q\n%v", got, tt.want, res.Report.Problems)
			}
		})
	}
}

// TestRoleChange: nobody's role changes while a pair needs it: a pair's
// mentor stays a mentor, its mentee a mentee.
func TestRoleChange(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
		say   string
	}{
		{"mentor becomes mentee", []string{signupHeader,
			";Mona Mentor;mona@example.org;Mentee;Forår 2026;;;;;"},
			[]string{"t.csv:2:role:constraint-error"}, "er mentor for mads@example.org"},
		{"mentee becomes mentor", []string{signupHeader,
			";Mads Mentee;mads@example.org;Mentor;Forår 2026;;;;;"},
			[]string{"t.csv:2:role:constraint-error"}, "er mentee i et par med mentoren mona@example.org"},
		{"a mentor without pairs may become mentee", []string{signupHeader,
			";Nils Mentor;nils@example.org;Mentor;Forår 2026;;;;;",
			";Nils Mentor;nils@example.org;Mentee;Forår 2026;;;;;"},
			nil, ""},
		{"a mentee named as mentor in the same run", []string{signupHeader,
			";Nils;nils@example.org;Mentee;Forår 2026;;;;;",
			";Nora;nora@example.org;Mentee;Forår 2026;;nils@example.org;01-03-2026;;"},
			[]string{"t.csv:3:mentor:unknown-reference"}, "er tilmeldt som mentee, ikke som mentor"},
		{"a mentor made mentee and named as mentor in the same run", []string{signupHeader,
			";Nils;nils@example.org;Mentor;Forår 2026;;;;;",
			";Nils;nils@example.org;Mentee;Forår 2026;;;;;",
			";Nora;nora@example.org;Mentee;Forår 2026;;nils@example.org;01-03-2026;;"},
			[]string{"t.csv:4:mentor:unknown-reference"}, "er tilmeldt som mentee, ikke som mentor"},
		{"mentor and mentee with a mentor in one run", []string{signupHeader,
			";Nina;nina@example.org;Mentee;Forår 2026;;mona@example.org;01-03-2026;;",
			";Nina;nina@example.org;Mentor;Forår 2026;;;;;"},
			[]string{"t.csv:3:role:constraint-error"}, "også tilmeldt som mentee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := newData(t)
			run(t, data, Options{}, file(t, "s.csv", baseSignups...))
			res := run(t, data, Options{}, file(t, "t.csv", tt.lines...))
			if got := problemSet(res); !slices.Equal(got, tt.want) {
				t.Fatalf("problems %q, want %q\n%v", got, tt.want, res.Report.Problems)
			}
			if tt.say != "" && !strings.Contains(res.Report.Problems[0].Message, tt.say) {
				t.Errorf("message %q does not say %q", res.Report.Problems[0].Message, tt.say)
			}
			// The invariant of docs/data.md holds.
			for _, c := range res.Dataset.Cohorts {
				role := map[string]programme.Role{}
				for _, p := range c.Participants {
					role[p.Email] = p.Role
				}
				for _, p := range c.Pairs {
					if role[p.Mentor] != programme.Mentor || role[p.Mentee] != programme.Mentee {
						t.Errorf("pair %+v: mentor is %s, mentee is %s", p, role[p.Mentor], role[p.Mentee])
					}
				}
			}
		})
	}
}

// TestOlderExport: an older export ingested after a newer one does not undo
// the newer values (by the sign-up timestamp); it fills in blanks only. With
// the same day, or no timestamps, the file ingested last wins.
func TestOlderExport(t *testing.T) {
	const h = "Tidsstempel;Navn;E-mail;Rolle;Kohorte;Arbejdsplads;Matchet med;Matchdato;Status"
	mona := "01-01-2026 10:00;Mona;mona@example.org;Mentor;C;;;;"
	week1 := []string{h, mona, "02-01-2026 10:00;Mads;mads@example.org;Mentee;C;;mona@example.org;01-02-2026;aktiv"}
	week2 := []string{h, mona, "09-01-2026 10:00;Mads;mads@example.org;Mentee;C;Klinik B;mona@example.org;01-02-2026;afbrudt"}
	data := newData(t)
	run(t, data, Options{}, file(t, "w1.csv", week1...))
	run(t, data, Options{}, file(t, "w2.csv", week2...))
	// week 1 again, with a region the newer row lacked
	again := []string{h + ";Region", mona + ";", "02-01-2026 10:00;Mads;mads@example.org;Mentee;C;Klinik A;mona@example.org;01-02-2026;aktiv;Midt"}
	res := run(t, data, Options{}, file(t, "w1b.csv", again...))
	c := cohort(t, res.Dataset, "c")
	if c.Pairs[0].Status != programme.StatusStopped {
		t.Errorf("status %q: the older export undid the newer", c.Pairs[0].Status)
	}
	p := c.Participants[0]
	if p.Email != "mads@example.org" || p.Workplace != "Klinik B" || p.Region != "Midt" || p.SignedUp != programme.NewDate(2026, 1, 9) {
		t.Errorf("participant %+v: want the newer values, and the blank region filled in", p)
	}
	noted := false
	for _, n := range res.Report.Notes {
		noted = noted || (n.Code == CodeOlderRow && n.Row == 3)
	}
	if !noted {
		t.Errorf("no note about the older row: %+v", res.Report.Notes)
	}
	// The same day: the file ingested last wins.
	res = run(t, data, Options{}, file(t, "w2b.csv", h, mona, "09-01-2026 18:00;Mads;mads@example.org;Mentee;C;;mona@example.org;01-02-2026;afsluttet"))
	if s := cohort(t, res.Dataset, "c").Pairs[0].Status; s != programme.StatusCompleted {
		t.Errorf("same day: status %q, want afsluttet", s)
	}
	// Evaluations: an older answer does not undo a newer one.
	run(t, data, Options{}, file(t, "e1.csv", "E-mail;Samlet tilfredshed;Tidsstempel", "mads@example.org;5;10-11-2026"))
	res = run(t, data, Options{}, file(t, "e0.csv", "E-mail;Samlet tilfredshed;Udbytte;Tidsstempel", "mads@example.org;2;4;01-11-2026"))
	e := cohort(t, res.Dataset, "c").Evaluations[0]
	if e.Answers["tilfredshed"] != 5 || e.Answers["udbytte"] != 4 || e.Submitted != programme.NewDate(2026, 11, 10) {
		t.Errorf("evaluation %+v", e)
	}
}

// TestRejectsNames: two inputs with the same name get rejects files of
// their own, and the report says which.
func TestRejectsNames(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "s.csv", baseSignups...))
	bad := []string{"Mentee e-mail;Mødedato", "ukendt@example.org;10-03-2026"}
	a, b := file(t, "m.csv", bad...), file(t, "m.csv", bad...)
	x := filepath.Join(filepath.Dir(a), "m.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Mentee e-mail", "Mødedato"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"ukendt@example.org", "10-03-2026"})
	if err := f.SaveAs(x); err != nil {
		t.Fatal(err)
	}
	rej := t.TempDir()
	res := run(t, data, Options{Rejects: rej}, a, b, x)
	var got []string
	for _, f := range res.Report.Files {
		got = append(got, filepath.Base(f.Rejects))
	}
	if want := []string{"m.afvist.xlsx", "m-2.afvist.xlsx", "m-3.afvist.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("rejects %q, want %q", got, want)
	}
	entries, _ := os.ReadDir(rej)
	if len(entries) != 3 {
		t.Errorf("%d files in the rejects folder, want 3", len(entries))
	}
	renamed := 0
	for _, n := range res.Report.Notes {
		if n.Code == "rejects-renamed" {
			renamed++
		}
	}
	if renamed != 2 {
		t.Errorf("notes %+v", res.Report.Notes)
	}
}

func TestCheckHeaders(t *testing.T) {
	tests := []struct {
		yaml string
		say  []string // "" for no error
	}{
		{"headers: {}", nil},
		{"headers:\n  meetings:\n    date: [Dato for samtalen]\n  evaluations:\n    udbytte: [Gavn]\n    email: [Mailadresse]", nil},
		{"headers:\n  moeder:\n    date: [Dato]", []string{`"moeder" er ikke en slags regneark`, "signups, meetings, evaluations, proposals eller followups"}},
		{"headers:\n  meetings:\n    dato: [Dato]", []string{`headers.meetings: feltet "dato" findes ikke`, "mentee, date, type"}},
		{"headers:\n  signups:\n    udbytte: [Gavn]", []string{`headers.signups: feltet "udbytte"`}},
	}
	for _, tt := range tests {
		data := newData(t)
		src, _ := os.ReadFile(filepath.Join(data, store.ProgrammeFile))
		src = []byte(strings.Replace(string(src), "headers: {}", tt.yaml, 1))
		os.WriteFile(filepath.Join(data, store.ProgrammeFile), src, 0o644)
		_, err := Run([]string{file(t, "s.csv", baseSignups...)}, Options{Data: data, Today: today, DryRun: true})
		if len(tt.say) == 0 {
			if err != nil {
				t.Errorf("%s: %v", tt.yaml, err)
			}
			continue
		}
		for _, s := range tt.say {
			if err == nil || !strings.Contains(err.Error(), s) {
				t.Errorf("%s: err %v does not say %q", tt.yaml, err, s)
			}
		}
	}
}

// TestMeetingNotesHidden: a few words typed into a meeting log's field are
// not echoed in the report (they may be what was said); the rejects file
// keeps the cell, for the secretariat to correct.
func TestMeetingNotesHidden(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "s.csv", baseSignups...))
	res := run(t, data, Options{}, file(t, "m.csv",
		"Mentee e-mail;Mødedato;Mødetype;Varighed",
		"mads@example.org;10-03-2026;Talte om hans skilsmisse;60",
		"mads@example.org;17-03-2026;Møde;lang tid",
	))
	probs := res.Report.Problems
	if len(probs) != 2 {
		t.Fatalf("problems %+v", probs)
	}
	if strings.Contains(probs[0].Message, "skilsmisse") || probs[0].Value != "" || !strings.Contains(probs[0].Message, "tekst skjult") {
		t.Errorf("notes echoed: %+v", probs[0])
	}
	if probs[1].Value != "lang tid" {
		t.Errorf("a short value is not shown: %+v", probs[1])
	}
	x, err := excelize.OpenFile(res.Report.Files[0].Rejects)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x.GetCellValue(x.GetSheetName(0), "C2")
	x.Close()
	if c != "Talte om hans skilsmisse" {
		t.Errorf("rejects cell %q: want the original", c)
	}
}

// TestFoldedWhitespace: names and places are one line.
func TestFoldedWhitespace(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "s.csv",
		"Navn;E-mail;Rolle;Kohorte;Arbejdsplads",
		"\"Mona\n  Mentor\";mona@example.org;mentor;C;\"Klinik\r\nA\"",
	))
	p := cohort(t, res.Dataset, "c").Participants[0]
	if p.Name != "Mona Mentor" || p.Workplace != "Klinik A" {
		t.Errorf("participant %+v", p)
	}
}

// TestStrayQuote: a row with a quote that is not closed is rejected as a
// format error; the rows after it are read as they are.
func TestStrayQuote(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "s.csv",
		"E-mail;Navn;Rolle;Kohorte",
		"q@example.org;\"Ulukket;mentor;C",
		"r@example.org;R;mentor;C",
		"s@example.org;=HYPERLINK(\"http://x\";\"klik\");mentor;C",
		"t@example.org;T;mentor;C",
	))
	if got, want := problemSet(res), []string{"s.csv:2:name:format-error", "s.csv:4:role:constraint-error", "s.csv:4:role:format-error"}; !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	if n := len(cohort(t, res.Dataset, "c").Participants); n != 2 {
		t.Errorf("%d participants, want 2 (r and t)", n)
	}
}

// TestMergedCells: a blank cell under merged cells is explained.
func TestMergedCells(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Navn", "Rolle", "Kohorte"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"a@example.org", "A", "mentor", "C"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"b@example.org", "B", "mentor"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"c@example.org", "", "mentor", "C"})
	if err := f.MergeCell("Sheet1", "D2", "D3"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "flettet.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res := run(t, newData(t), Options{}, path)
	probs := res.Report.Problems
	if len(probs) != 2 || !strings.Contains(probs[0].Message, "flettede celler (D2:D3)") || strings.Contains(probs[1].Message, "flettede") {
		t.Errorf("problems %+v", probs)
	}
}

// TestLongHeader: a header cell is shortened in the report.
func TestLongHeader(t *testing.T) {
	long := strings.Repeat("h", 20000)
	res := run(t, newData(t), Options{DryRun: true}, file(t, "s.csv", "E-mail;Navn;Rolle;Kohorte;"+long, "a@example.org;A;mentor;C;x"))
	var b strings.Builder
	res.Report.WriteText(&b)
	if strings.Contains(b.String(), long[:100]) || len(res.Report.Dropped) != 1 || len(res.Report.Dropped[0].Header) > 80 {
		t.Errorf("the long header is in the report:\n%.300s", b.String())
	}
}

// TestNoHeaderMessage: the message for a file without known headers says
// what is expected once.
func TestNoHeaderMessage(t *testing.T) {
	_, err := Run([]string{file(t, "x.csv", "Farve;Form", "rød;rund")}, Options{Data: newData(t), Today: today, DryRun: true})
	var fe *sheet.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err %v", err)
	}
	if n := strings.Count(strings.ToLower(err.Error()), "første række"); n != 1 {
		t.Errorf("%q says \"første række\" %d times", err, n)
	}
}

// TestMissingDataFolder: a data folder that does not exist is an error and
// is not made.
func TestMissingDataFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "findes-ikke")
	_, err := Run([]string{file(t, "s.csv", baseSignups...)}, Options{Data: dir, Today: today})
	if err == nil || !strings.Contains(err.Error(), "findes ikke; angiv datamappen med -data") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("the data folder was made")
	}
}
