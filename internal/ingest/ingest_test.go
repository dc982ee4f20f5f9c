package ingest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

var today = programme.NewDate(2026, 11, 22)

func newData(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, store.ProgrammeFile), src, 0o644)
	return dir
}

// file writes a CSV under a fresh folder; lines are joined with newlines.
func file(t testing.TB, name string, lines ...string) string {
	t.Helper()
	return testkit.WriteLines(t, t.TempDir(), name, lines...)
}

func run(t testing.TB, data string, opts Options, files ...string) *Result {
	t.Helper()
	opts.Data = data
	if opts.Today.IsZero() {
		opts.Today = today
	}
	if opts.Rejects == "" {
		opts.Rejects = t.TempDir()
	}
	res, err := Run(files, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func cohort(t testing.TB, ds *programme.Dataset, id string) *programme.Cohort {
	t.Helper()
	for i := range ds.Cohorts {
		if ds.Cohorts[i].ID == id {
			return &ds.Cohorts[i]
		}
	}
	t.Fatalf("no cohort %s", id)
	return nil
}

const signupHeader = "Tidsstempel;Navn;E-mail;Rolle;Kohorte;Arbejdsplads;Matchet med;Matchdato;Status;Slutdato"

var baseSignups = []string{
	signupHeader,
	"01-02-2026 10:00;Mona Mentor;mona@example.org;Mentor;Forår 2026;Klinik A;;;;",
	"02-02-2026 11:00;Mads Mentee;MADS@example.org;mentee;Forår 2026;Klinik B;mona@example.org;01-03-2026;;",
}

func TestSignupsAndPairs(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	c := cohort(t, res.Dataset, "foraar-2026")
	if len(c.Participants) != 2 || c.Participants[0].Email != "mads@example.org" || c.Participants[0].SignedUp != programme.NewDate(2026, 2, 2) {
		t.Errorf("participants %+v", c.Participants)
	}
	if len(c.Pairs) != 1 || c.Pairs[0] != (programme.Pair{Mentee: "mads@example.org", Mentor: "mona@example.org", Matched: programme.NewDate(2026, 3, 1)}) {
		t.Errorf("pairs %+v", c.Pairs)
	}
	f := res.Report.Files[0]
	if f.Kind != Signups || f.Rows != 2 || f.Added != 2 || f.Rejected != 0 {
		t.Errorf("report %+v", f)
	}
}

func TestLaterRowWins(t *testing.T) {
	data := newData(t)
	// Same person twice: the later timestamp wins even when written first.
	res := run(t, data, Options{}, file(t, "t.csv",
		signupHeader,
		"05-02-2026 10:00;Mona M. Mentor;mona@example.org;Mentor;2026-foraar;Klinik C;;;;",
		"01-02-2026 10:00;Mona Mentor;mona@example.org;Mentor;2026-foraar;Klinik A;;;;",
		"01-02-2026 10:00;Mona Mentor;mona@example.org;Mentor;2026-foraar;Klinik A;;;;",
	))
	p := cohort(t, res.Dataset, "2026-foraar").Participants[0]
	if p.Name != "Mona M. Mentor" || p.Workplace != "Klinik C" {
		t.Errorf("participant %+v, want the later row", p)
	}
	f := res.Report.Files[0]
	if f.Added != 1 || f.Superseded != 2 || f.Unchanged != 0 {
		t.Errorf("report %+v", f)
	}
	notes := 0
	for _, n := range res.Report.Notes {
		if n.Code == CodeDuplicateRow {
			notes++
		}
	}
	if notes != 2 {
		t.Errorf("notes %+v", res.Report.Notes)
	}
	// Without timestamps, row order decides; identical rows are silent.
	data = newData(t)
	res = run(t, data, Options{}, file(t, "t.csv",
		"Navn;E-mail;Rolle;Kohorte",
		"A;a@example.org;mentor;x",
		"B;a@example.org;mentor;x",
		"B;a@example.org;mentor;x",
	))
	if p := cohort(t, res.Dataset, "x").Participants[0]; p.Name != "B" {
		t.Errorf("name %q, want B", p.Name)
	}
	if f := res.Report.Files[0]; f.Added != 1 || f.Superseded != 1 || f.Unchanged != 1 {
		t.Errorf("report %+v", f)
	}
}

func TestNothingDisappears(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	// A later export with one person, fewer columns and a blank cell.
	res := run(t, data, Options{}, file(t, "t2.csv",
		"Navn;E-mail;Rolle;Kohorte;Arbejdsplads",
		"Mads Mentee;mads@example.org;Mentee;Forår 2026;",
		"Nina Ny;nina@example.org;Mentee;Forår 2026;Klinik N",
	))
	c := cohort(t, res.Dataset, "foraar-2026")
	if len(c.Participants) != 3 || len(c.Pairs) != 1 {
		t.Fatalf("participants %d pairs %d", len(c.Participants), len(c.Pairs))
	}
	if c.Participants[0].Workplace != "Klinik B" || c.Participants[0].SignedUp.IsZero() {
		t.Errorf("a blank cell or a missing column erased %+v", c.Participants[0])
	}
	if f := res.Report.Files[0]; f.Added != 1 || f.Unchanged != 1 {
		t.Errorf("report %+v", f)
	}
}

func TestReferences(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "t.csv",
		signupHeader,
		";Mona Mentor;mona@example.org;Mentor;2026-foraar;;;;;",
		";Mie Mentee;mie@example.org;Mentee;2026-foraar;;mona@example.org;01-03-2026;;",
		";Max Mentee;max@example.org;Mentee;2026-foraar;;ukendt@example.org;01-03-2026;;",
		";Moa Mentee;moa@example.org;Mentee;2026-foraar;;mie@example.org;01-03-2026;;",
		";Mik Mentee;mik@example.org;Mentee;2026-foraar;;Mona Mentor;01-03-2026;afsluttet;01-02-2026",
		";Mo Mentee;mo@example.org;Mentee;2026-foraar;;;;aktiv;",
	), file(t, "m.csv",
		"Mentee e-mail;Mødedato",
		"mie@example.org;10-03-2026",
		"max@example.org;10-03-2026",
		"mie@example.org;10-02-2026",
		"mie@example.org;10-12-2026",
	), file(t, "e.csv",
		"E-mail;Samlet tilfredshed;Anbefaling (0-10);Rolle",
		"mie@example.org;5;10;",
		"nobody@example.org;4;9;",
		"mona@example.org;6;9;",
		"mona@example.org;5;9;mentee",
	))
	want := map[string]string{
		"t.csv:4": CodeUnknownReference, // mentor not signed up
		"t.csv:5": CodeUnknownReference, // mie is a mentee, not a mentor
		"t.csv:6": CodeConstraintError,  // ended before matched (the mentor found by name)
		"t.csv:7": CodeConstraintError,  // status without a mentor
		"m.csv:3": CodeUnknownReference, // max has no pair (rejected)
		"m.csv:4": CodeConstraintError,  // before the match
		"m.csv:5": CodeConstraintError,  // after today
		"e.csv:3": CodeUnknownReference,
		"e.csv:4": CodeConstraintError, // 6 out of scale
		"e.csv:5": CodeConstraintError, // wrong role
	}
	got := map[string]string{}
	for _, p := range res.Report.Problems {
		got[filepath.Base(p.File)+":"+strconv.Itoa(p.Row)] = p.Code
	}
	for k, code := range want {
		if got[k] != code {
			t.Errorf("%s: %q, want %q", k, got[k], code)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems %v", res.Report.Problems)
	}
	c := cohort(t, res.Dataset, "2026-foraar")
	if len(c.Pairs) != 1 || len(c.Meetings) != 1 || len(c.Evaluations) != 1 {
		t.Errorf("pairs %d meetings %d evaluations %d", len(c.Pairs), len(c.Meetings), len(c.Evaluations))
	}
	if c.Meetings[0].Type != programme.MeetingClarification {
		t.Errorf("first meeting not inferred as the clarification meeting: %+v", c.Meetings[0])
	}
	if c.Evaluations[0].Role != programme.Mentee || c.Evaluations[0].Answers["anbefaling"] != 10 {
		t.Errorf("evaluation %+v", c.Evaluations[0])
	}
}

func TestMeetingValues(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	res := run(t, data, Options{}, file(t, "m.csv",
		"Mentee;Dato;Type;Dagsorden sendt;Afholdt;Varighed;Mødeform;Ønsker kontakt fra sekretariatet;Referat;Hvad talte I om",
		"mads@example.org;02-03-2026;Møde;x;ja;1:30;Teams;;hemmeligt;hemmeligt",
		"mads@example.org;09-03-2026;afklaringsmøde;;aflyst;45 min;fysisk;x;;",
		"mads@example.org;16-03-2026;;;;1,5 time;telefon;;;",
		"mads@example.org;23-03-2026;Et langt referat der ikke hører hjemme her;ja;ja;60;video;nej;;",
	))
	c := cohort(t, res.Dataset, "foraar-2026")
	if len(c.Meetings) != 3 {
		t.Fatalf("meetings %+v", c.Meetings)
	}
	m := c.Meetings
	if m[0].Type != programme.MeetingOrdinary || m[0].AgendaSent == nil || !*m[0].AgendaSent || !m[0].Held || m[0].Minutes != 90 || m[0].Form != "video" || m[0].ContactRequested {
		t.Errorf("meeting 1 %+v", m[0])
	}
	if m[1].Type != programme.MeetingClarification || m[1].AgendaSent == nil || *m[1].AgendaSent || m[1].Held || m[1].Minutes != 45 || !m[1].ContactRequested {
		t.Errorf("meeting 2 %+v", m[1])
	}
	if m[2].Type != "" || m[2].Minutes != 90 || m[2].Form != "telefon" || !m[2].Held {
		t.Errorf("meeting 3 %+v", m[2])
	}
	// The long text in the type column is not echoed.
	if len(res.Report.Problems) != 1 || strings.Contains(res.Report.Problems[0].Message, "langt referat") || res.Report.Problems[0].Value != "" {
		t.Errorf("problems %+v", res.Report.Problems)
	}
	reasons := map[string]string{}
	for _, d := range res.Report.Dropped {
		reasons[d.Header] = d.Reason
	}
	if reasons["Referat"] != "content" || reasons["Hvad talte I om"] != "content" {
		t.Errorf("dropped %+v", res.Report.Dropped)
	}
	x, err := excelize.OpenFile(res.Report.Files[0].Rejects)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	x.Close()
	if strings.Contains(strings.Join(rows[1], "|"), "langt referat") || strings.Contains(strings.Join(rows[1], "|"), "hemmeligt") {
		t.Errorf("content in the rejects file: %q", rows[1])
	}
}

func TestXLSXDatesAndKinds(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	f := excelize.NewFile()
	us := "mm/dd/yy"
	st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &us})
	f.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Mødedato", "Afholdt"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"mads@example.org", 46085, "ja"}) // 04-03-2026, shown as 03/04/26
	f.SetCellStyle("Sheet1", "B2", "B2", st)
	f.SetSheetRow("Sheet1", "A3", &[]any{"mads@example.org", "05-03-2026", 1})
	f.SetSheetRow("Sheet1", "A4", &[]any{"=HYPERLINK(\"x\")", 46370, "ja"}) // 14-12-2026: after today
	path := filepath.Join(t.TempDir(), "m.xlsx")
	f.SaveAs(path)
	res := run(t, data, Options{}, path)
	if len(res.Report.Problems) != 2 {
		t.Errorf("problems %+v", res.Report.Problems)
	}
	x, err := excelize.OpenFile(res.Report.Files[0].Rejects)
	if err != nil {
		t.Fatal(err)
	}
	sh := x.GetSheetName(0)
	a2, _ := x.GetCellValue(sh, "A2")
	b2, _ := x.GetCellValue(sh, "B2")
	raw, _ := x.GetCellValue(sh, "B2", excelize.Options{RawCellValue: true})
	x.Close()
	if a2 != "'=HYPERLINK(\"x\")" || b2 != "14-12-2026" || raw != "46370" {
		t.Errorf("rejects cells %q %q %q: want neutralised text and a date cell", a2, b2, raw)
	}
	if k := res.Report.Files[0].Kind; k != Meetings {
		t.Fatalf("kind %s", k)
	}
	c := cohort(t, res.Dataset, "foraar-2026")
	if len(c.Meetings) != 2 || c.Meetings[0].Date != programme.NewDate(2026, 3, 4) || c.Meetings[1].Date != programme.NewDate(2026, 3, 5) {
		t.Errorf("meetings %+v", c.Meetings)
	}
}

func TestRecognise(t *testing.T) {
	cfg, err := store.LoadConfig("../../data")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		header []string
		forced Kind
		want   Kind
	}{
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte"}, "", Signups},
		{[]string{"ID", "Start time", "Completion time", "Email", "Name", "Rolle", "Hold"}, "", Signups},
		{[]string{"Mentee e-mail", "Mødedato"}, "", Meetings},
		{[]string{"E-mail", "Dato", "Referat"}, "", Meetings},
		{[]string{"ID", "Start time", "Completion time", "Email", "Name", "Samlet tilfredshed (1-5)", "Anbefaling (0-10)", "Kommentarer"}, "", Evaluations},
		{[]string{"E-mail", "Match"}, "", Evaluations},
		{[]string{"E-mail", "Navn"}, "", ""},
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte"}, Meetings, ""},
		// A meeting log with the mentee's sign-up columns: the meeting
		// date only a meeting log has decides (issue 9.1).
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Mødedato", "Mødetype", "Referat"}, "", Meetings},
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Meeting date"}, "", Meetings},
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Mødedato"}, Signups, Signups},
		// An evaluation with the respondent's sign-up columns: its
		// questions outnumber the sign-up's own columns (Navn); with one
		// question (or a sign-up sheet with a column Match) it is a tie.
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Match", "Udbytte"}, "", Evaluations},
		{[]string{"ID", "Start time", "Completion time", "Email", "Name", "Rolle", "Kohorte", "Samlet tilfredshed", "Kommentarer"}, "", Evaluations},
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Match"}, "", "ambiguous"},
		// A generic date does not mark a meeting log; the sign-up's own
		// columns outnumber the meeting log's.
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Speciale", "Dato"}, "", Signups},
		// Equally many columns of each kind's own: ambiguous, never guessed.
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Dato", "Type"}, "", "ambiguous"},
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Mødedato", "Match"}, "", Meetings},
		// A Danish Microsoft Forms meeting log: its own columns, the
		// mentee's address, the date and length asked as questions.
		{[]string{"Id", "Starttidspunkt", "Klokkeslæt for fuldførelse", "Mail", "Navn", "Mentees e-mail", "Dato for mødet", "Hvor længe varede mødet?", "Hvad talte I om?"}, "", Meetings},
		{[]string{"Navn", "E-mail", "Rolle", "Kohorte", "Date of the meeting"}, "", Meetings},
	}
	for _, tt := range tests {
		l, err := recognise(tt.header, &cfg, tt.forced)
		got := Kind("")
		var ae *AmbiguousError
		switch {
		case errors.As(err, &ae):
			got = "ambiguous"
			if !strings.Contains(err.Error(), "-kind") {
				t.Errorf("recognise(%q): %v does not ask for -kind", tt.header, err)
			}
		case err != nil:
			t.Errorf("recognise(%q): %v", tt.header, err)
		case l != nil:
			got = l.kind
		}
		if got != tt.want {
			t.Errorf("recognise(%q, %q) = %q, want %q", tt.header, tt.forced, got, tt.want)
		}
	}
	l, _ := recognise([]string{"Id", "Mail", "Navn", "Mentees e-mail", "Dato for mødet", "Hvor længe varede mødet?", "Hvad talte I om?"}, &cfg, "")
	if l.fields[4] != fDate || l.fields[5] != fMinutes || l.roles[6] != colContent {
		t.Errorf("Danish Forms meeting log: fields %q, roles %v", l.fields, l.roles)
	}
	// Forms' Name is not stored for evaluations; Email is the respondent.
	l, _ = recognise([]string{"ID", "Email", "Name", "Match", "Fejl", "Favoritfarve"}, &cfg, "")
	if l.fields[1] != fEmail || l.roles[2] != colForms || l.roles[0] != colForms || l.roles[4] != colOurs || l.roles[5] != colUnknown {
		t.Errorf("layout %+v", l)
	}
}

func TestExtraHeaders(t *testing.T) {
	data := newData(t)
	cfg := `
headers:
  meetings:
    date: [Dato for samtalen]
`
	src, _ := os.ReadFile(filepath.Join(data, store.ProgrammeFile))
	src = []byte(strings.Replace(string(src), "headers: {}", strings.TrimSpace(cfg), 1))
	os.WriteFile(filepath.Join(data, store.ProgrammeFile), src, 0o644)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	res := run(t, data, Options{}, file(t, "m.csv", "Mentee;Dato for samtalen (dd-mm-åååå)", "mads@example.org;02-03-2026"))
	if f := res.Report.Files[0]; f.Kind != Meetings || f.Added != 1 {
		t.Errorf("report %+v", f)
	}
}

func TestValueParsers(t *testing.T) {
	for in, want := range map[string]int{"4": 4, "4,0": 4, "5 - Meget tilfreds": 5, "5 (meget tilfreds)": 5, "10": 10, "0": 0} {
		if got, ok := parseScale(in); !ok || got != want {
			t.Errorf("parseScale(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"Meget tilfreds", "4.5", "", "1000"} {
		if got, ok := parseScale(in); ok {
			t.Errorf("parseScale(%q) = %d", in, got)
		}
	}
	for in, want := range map[string]int{"60": 60, "60 min": 60, "45 minutter": 45, "1,5 time": 90, "2 timer": 120, "1:30": 90, "1.30": 90} {
		if got, ok := parseMinutes(in, false); !ok || got != want {
			t.Errorf("parseMinutes(%q) = %d, %v", in, got, ok)
		}
	}
	if got, ok := parseMinutes("0.0625", true); !ok || got != 90 {
		t.Errorf("a time cell: %d", got)
	}
	for in, want := range map[string]string{"Forår 2026": "foraar-2026", "2026-foraar": "2026-foraar", " Efterår  2025!": "efteraar-2025", "Hold 3 (Aarhus)": "hold-3-aarhus",
		// Invisible characters (a zero-width space, a soft hyphen, a word
		// joiner), which the name shown leaves out, are no dash.
		"For\u200bår 2026": "foraar-2026", "Efter\u00adår 2025": "efteraar-2025", "2026\u2060Forår": "2026foraar"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := RejectsPath("ud", "ind/møder.csv"); got != filepath.Join("ud", "møder.afvist.xlsx") {
		t.Errorf("RejectsPath = %q", got)
	}
	if got := RejectsPath("ud", "ud/møder.afvist.xlsx"); got != filepath.Join("ud", "møder.afvist.xlsx") {
		t.Errorf("RejectsPath of a rejects file = %q", got)
	}
	_ = sheet.DayFirst
}

// TestPublishUnderLock: Publish gets the dataset as saved while the lock on
// data/ is still held, only after a run that saved, and its error is the
// Result's PublishErr.
func TestPublishUnderLock(t *testing.T) {
	data := newData(t)
	var calls int
	publish := func(ds *programme.Dataset) error {
		calls++
		if _, err := os.Stat(filepath.Join(data, store.LockFile)); err != nil {
			t.Errorf("Publish without the lock: %v", err)
		}
		if len(ds.Cohorts) == 0 {
			t.Error("Publish got no cohorts")
		}
		return os.ErrPermission
	}
	run(t, data, Options{DryRun: true, Publish: publish}, file(t, "t.csv", baseSignups...))
	if calls != 0 {
		t.Fatal("Publish was called on a dry run")
	}
	res := run(t, data, Options{Publish: publish}, file(t, "t.csv", baseSignups...))
	if calls != 1 || res.PublishErr != os.ErrPermission {
		t.Errorf("calls %d, PublishErr %v", calls, res.PublishErr)
	}
	if _, err := os.Stat(filepath.Join(data, store.LockFile)); err == nil {
		t.Error("the lock is held after Run")
	}
}

// TestPendingJournal: a save that a killed run left half done (its journal
// in place) is not finished by a dry run, which writes nothing and says
// that one is pending, reading data/ as the save leaves it; the next real
// run finishes it and says so.
func TestPendingJournal(t *testing.T) {
	data := newData(t)
	two := append(append([]string{}, baseSignups...),
		"03-02-2026 10:00;Eva Efterår;eva@example.org;Mentor;Efterår 2026;Klinik C;;;;")
	in := file(t, "t.csv", two...)
	store.CommitHook = func(point string) {
		if point == "journal" {
			panic("killed after the journal")
		}
	}
	_, err := Run([]string{in}, Options{Data: data, Today: today, Rejects: t.TempDir()})
	store.CommitHook = nil
	if err == nil {
		t.Fatal("the interrupted run did not fail")
	}
	if _, err := os.Stat(filepath.Join(data, store.JournalFile)); err != nil {
		t.Fatalf("no pending journal: %v", err)
	}
	before := testkit.Snapshot(t, data)
	res := run(t, data, Options{DryRun: true}, in)
	if after := testkit.Snapshot(t, data); !reflect.DeepEqual(before, after) {
		t.Error("the dry run changed data/")
	}
	if len(res.Report.Notes) != 1 || res.Report.Notes[0].Code != "journal-pending" || len(res.Report.Changed) != 0 || len(res.Dataset.Cohorts) != 2 {
		t.Errorf("dry run: notes %+v, changed %v, %d cohorts", res.Report.Notes, res.Report.Changed, len(res.Dataset.Cohorts))
	}
	res = run(t, data, Options{}, in)
	if len(res.Report.Notes) != 1 || res.Report.Notes[0].Code != "journal-finished" || !strings.Contains(res.Report.Notes[0].Message, "efteraar-2026.yaml") ||
		len(res.Report.Changed) != 0 {
		t.Errorf("real run: notes %+v, changed %v", res.Report.Notes, res.Report.Changed)
	}
	if _, err := os.Stat(filepath.Join(data, store.JournalFile)); err == nil {
		t.Error("the journal is still there")
	}
}

// TestRejectsLeftovers: the rejects workbook is written to a temporary file
// and renamed, and the temporary files a killed run left (its process gone)
// are removed by the next run that writes rejects; a running process's
// are kept.
func TestRejectsLeftovers(t *testing.T) {
	child := exec.Command(os.Args[0], "-test.run=^$")
	if err := child.Run(); err != nil {
		t.Fatal(err)
	}
	dead, alive := strconv.Itoa(child.Process.Pid), strconv.Itoa(os.Getppid())
	rej := t.TempDir()
	gone := []string{".afvist-p" + dead + "-123.xlsx", ".afvist-4567.xlsx"}
	kept := []string{".afvist-p" + alive + "-123.xlsx", "noter.xlsx"}
	for _, n := range append(gone, kept...) {
		if err := os.WriteFile(filepath.Join(rej, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := append(append([]string{}, baseSignups...), "03-02-2026 10:00;Eva;eva(at)example.org;Mentor;Forår 2026;Klinik C;;;;")
	res := run(t, newData(t), Options{Rejects: rej}, file(t, "t.csv", bad...))
	if res.Report.Rejected() != 1 {
		t.Fatalf("%d rejected, want 1", res.Report.Rejected())
	}
	for _, n := range gone {
		if _, err := os.Stat(filepath.Join(rej, n)); err == nil {
			t.Errorf("%s was left", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(rej, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(rej, "t.afvist.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	if m, _ := filepath.Glob(filepath.Join(rej, ".afvist-p"+strconv.Itoa(os.Getpid())+"-*")); len(m) > 0 {
		t.Errorf("the run left its temporary file: %v", m)
	}
	// A run that rejects nothing removes them too; a dry run does not.
	leftover := filepath.Join(rej, ".afvist-p"+dead+"-9.xlsx")
	os.WriteFile(leftover, []byte("rows"), 0o644)
	run(t, newData(t), Options{Rejects: rej, DryRun: true}, file(t, "t.csv", baseSignups...))
	if _, err := os.Stat(leftover); err != nil {
		t.Error("a dry run removed a leftover")
	}
	if res := run(t, newData(t), Options{Rejects: rej}, file(t, "t.csv", baseSignups...)); res.Report.Rejected() != 0 {
		t.Fatalf("%d rejected", res.Report.Rejected())
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("a run without rejected rows left a killed run's temporary workbook")
	}
}

// TestRejectsWriteFails: when the rejects workbook cannot be put in place
// (a folder of its name is in the way), the run stops with an error that
// names it, before anything is saved: data/ and the folder are as before,
// and no temporary workbook is left; an old workbook of that name is
// replaced whole.
func TestRejectsWriteFails(t *testing.T) {
	bad := append(append([]string{}, baseSignups...), "03-02-2026 10:00;Eva;eva(at)example.org;Mentor;Forår 2026;Klinik C;;;;")
	rej, data := t.TempDir(), newData(t)
	inTheWay := filepath.Join(rej, "t.afvist.xlsx")
	if err := os.MkdirAll(filepath.Join(inTheWay, "noget"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := testkit.Snapshot(t, data)
	_, err := Run([]string{file(t, "t.csv", bad...)}, Options{Data: data, Today: today, Rejects: rej})
	if err == nil || !strings.Contains(err.Error(), inTheWay) {
		t.Errorf("error %v, want one naming %s", err, inTheWay)
	}
	if !reflect.DeepEqual(before, testkit.Snapshot(t, data)) {
		t.Error("data/ changed")
	}
	if _, err := os.Stat(filepath.Join(inTheWay, "noget")); err != nil {
		t.Errorf("the folder in the way changed: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(rej, ".*")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
	// An old workbook of the name is replaced by a whole one.
	os.RemoveAll(inTheWay)
	if err := os.WriteFile(inTheWay, []byte("en gammel, ødelagt fil"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, data, Options{Rejects: rej}, file(t, "t.csv", bad...))
	x, err := excelize.OpenFile(inTheWay)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if rows, _ := x.GetRows(x.GetSheetName(0)); len(rows) != 2 || !strings.Contains(strings.Join(rows[1], ";"), "eva(at)example.org") {
		t.Errorf("rejects workbook rows %q", rows)
	}
	if fi, _ := os.Stat(inTheWay); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
}

// TestRejectsFolderInTheWay: a -rejects folder that cannot be made,
// because a file is where it or a folder above it would be, stops the run
// before anything is saved, with a message that says it is the folder for
// rejected rows, which folder, and which file is in the way, where it said
// only "mkdir afile: not a directory".
func TestRejectsFolderInTheWay(t *testing.T) {
	bad := append(append([]string{}, baseSignups...), "03-02-2026 10:00;Eva;eva(at)example.org;Mentor;Forår 2026;Klinik C;;;;")
	for _, tc := range []struct {
		name string
		dir  func(base string) (rejects, file string) // the -rejects folder, the file in its way
	}{
		{"a file of the folder's name", func(base string) (string, string) {
			return filepath.Join(base, "afviste"), filepath.Join(base, "afviste")
		}},
		{"a file where a folder above it would be", func(base string) (string, string) {
			return filepath.Join(base, "afviste", "uge 12"), filepath.Join(base, "afviste")
		}},
		{"a file two folders up", func(base string) (string, string) {
			return filepath.Join(base, "afviste", "2026", "uge 12"), filepath.Join(base, "afviste")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, data := t.TempDir(), newData(t)
			rejects, inTheWay := tc.dir(base)
			if err := os.WriteFile(inTheWay, []byte("en fil"), 0o644); err != nil {
				t.Fatal(err)
			}
			before := testkit.Snapshot(t, data)
			_, err := Run([]string{file(t, "t.csv", bad...)}, Options{Data: data, Today: today, Rejects: rejects})
			want := "mappen til afviste rækker (-rejects) " + rejects + " kan ikke laves, for " + inTheWay + " er en fil, ikke en mappe; flyt eller omdøb filen, eller vælg en anden mappe med -rejects"
			if err == nil || err.Error() != want {
				t.Errorf("error\n %v\nwant\n %s", err, want)
			}
			if !reflect.DeepEqual(before, testkit.Snapshot(t, data)) {
				t.Error("data/ changed")
			}
			if b, _ := os.ReadFile(inTheWay); string(b) != "en fil" {
				t.Error("the file in the way changed")
			}
		})
	}
	// A folder that cannot be made for another reason (a name longer than
	// the system takes) is named so too, with the system's reason.
	rejects := filepath.Join(t.TempDir(), strings.Repeat("x", 300))
	_, err := Run([]string{file(t, "t.csv", bad...)}, Options{Data: newData(t), Today: today, Rejects: rejects})
	if want := "mappen til afviste rækker (-rejects) " + rejects + " kan ikke laves: mkdir "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error\n %v\nwant one beginning\n %s", err, want)
	}
}

// TestFileKinds: a file whose header fits two kinds stops the run until
// its own kind is given (FileKinds), which leaves the other files
// recognised from their headers.
func TestFileKinds(t *testing.T) {
	data := newData(t)
	amb := file(t, "tvetydig.csv", "Navn;E-mail;Rolle;Kohorte;Match", "Mona Mentor;mona@example.org;Mentor;Forår 2026;")
	meet := file(t, "m.csv", "Mentee e-mail;Mødedato", "mads@example.org;02-03-2026")
	_, err := Run([]string{amb, meet}, Options{Data: data, Today: today, DryRun: true})
	var ae *AmbiguousError
	if !errors.As(err, &ae) {
		t.Fatalf("without a kind: %v, want an AmbiguousError", err)
	}
	res := run(t, data, Options{DryRun: true, FileKinds: map[string]Kind{amb: Signups}}, amb, meet)
	kinds := map[string]Kind{}
	for _, f := range res.Report.Files {
		kinds[filepath.Base(f.Path)] = f.Kind
	}
	if kinds["tvetydig.csv"] != Signups || kinds["m.csv"] != Meetings {
		t.Errorf("kinds %v, want tvetydig.csv signups (given) and m.csv meetings (recognised)", kinds)
	}
}
