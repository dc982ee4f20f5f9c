package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// writeFile writes lines (joined with newlines) to a fresh file and returns
// its path.
func writeFile(t *testing.T, name string, lines ...string) string {
	t.Helper()
	return testkit.WriteLines(t, t.TempDir(), name, lines...)
}

// pairSignups: a mentor and her mentee in cohort 2026-foraar, matched on
// 1 March 2026.
var pairSignups = []string{
	"Navn;E-mail;Rolle;Kohorte;Matchet med;Matchdato",
	"Mona Mentor;mona@example.org;mentor;2026-foraar;;",
	"Mads Mentee;mads@example.org;mentee;2026-foraar;mona@example.org;01-03-2026",
}

// everything returns every text an ingest wrote: stdout, stderr, every file
// under data and every cell of every workbook under rejects.
func everything(t *testing.T, r result, data, rejects string) map[string]string {
	t.Helper()
	texts := map[string]string{"stdout": r.stdout, "stderr": r.stderr}
	for name, src := range testkit.Snapshot(t, data) {
		texts["data/"+name] = src
	}
	for name := range testkit.Snapshot(t, rejects) {
		x, err := excelize.OpenFile(filepath.Join(rejects, name))
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, sh := range x.GetSheetList() {
			rows, _ := x.GetRows(sh)
			for _, row := range rows {
				cells = append(cells, row...)
			}
		}
		x.Close()
		texts["rejects/"+name] = strings.Join(cells, "\n")
	}
	return texts
}

func assertNowhere(t *testing.T, texts map[string]string, secrets ...string) {
	t.Helper()
	for name, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains the confidential %q", name, s)
			}
		}
	}
}

// TestMeetingLogWithSignupColumns (issue 9.1): a meeting log that also has
// the mentee's name, e-mail, role and cohort is read as a meeting log, its
// minutes never reach data/, the rejects workbook, the report or -json,
// whatever kind the file is read as; a header that fits two kinds equally
// stops the run and asks for -kind.
func TestMeetingLogWithSignupColumns(t *testing.T) {
	const header = "Navn;E-mail;Rolle;Kohorte;Mødedato;Mødetype;Referat"
	const secret = "Talte om hans skilsmisse"
	const secret2 = "Overvejer at sige op"

	t.Run("one row is stored as a meeting", func(t *testing.T) {
		data, rej := newData(t), t.TempDir()
		if r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, writeFile(t, "t.csv", pairSignups...)); r.code != 0 {
			t.Fatalf("sign-ups: exit %d\n%s", r.code, r.stderr)
		}
		log := writeFile(t, "moeder.csv", header, "Mads Mentee;mads@example.org;mentee;2026-foraar;10-03-2026;afklaringsmøde;"+secret)
		r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-json", log)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "moeder.csv: mødelog") || !strings.Contains(r.stdout, `"kind": "meetings"`) {
			t.Errorf("not read as a meeting log:\n%s", r.stderr)
		}
		y, err := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(y), "date: 2026-03-10") {
			t.Errorf("the meeting is not stored:\n%s", y)
		}
		if !strings.Contains(r.stderr, `kolonne G "Referat": mødeindhold`) {
			t.Errorf("the report does not say the minutes were dropped:\n%s", r.stderr)
		}
		assertNowhere(t, everything(t, r, data, rej), secret)
	})

	t.Run("a rejected row's minutes stay out of the rejects", func(t *testing.T) {
		data, rej := newData(t), t.TempDir()
		runIngest(t, "-data", data, "-today", today, "-rejects", rej, writeFile(t, "t.csv", pairSignups...))
		log := writeFile(t, "moeder.csv", header,
			"Mads Mentee;mads@example.org;mentee;2026-foraar;10-03-2026;afklaringsmøde;"+secret,
			"Ukendt Person;ukendt@example.org;mentee;2026-foraar;11-03-2026;møde;"+secret2)
		r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-json", log)
		if r.code != 1 || !strings.Contains(r.stderr, "1 godkendt, 1 afvist") {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		texts := everything(t, r, data, rej)
		if _, ok := texts["rejects/moeder.afvist.xlsx"]; !ok {
			t.Fatalf("no rejects workbook: %v", texts)
		}
		assertNowhere(t, texts, secret, secret2)
	})

	t.Run("a sign-up sheet's notes are dropped too", func(t *testing.T) {
		data, rej := newData(t), t.TempDir()
		signups := writeFile(t, "t.csv", "Navn;E-mail;Rolle;Kohorte;Noter fra samtalen;Ønsker",
			"Mona Mentor;mona@example.org;mentor;2026-foraar;"+secret+";",
			"Mads Mentee;mads@example.org;chef;2026-foraar;"+secret2+";"+secret)
		r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-json", signups)
		if r.code != 1 || !strings.Contains(r.stderr, "t.csv: tilmeldinger") {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, `kolonne E "Noter fra samtalen": mødeindhold`) || !strings.Contains(r.stdout, `"reason": "content"`) ||
			!strings.Contains(r.stdout, `"reason": "unknown-beside-content"`) || !strings.Contains(r.stderr, `kolonne F "Ønsker": ukendt kolonne i et regneark med en kolonne med mødeindhold`) {
			t.Errorf("the report does not say the notes were dropped:\n%s", r.stderr)
		}
		assertNowhere(t, everything(t, r, data, rej), secret, secret2)
	})

	t.Run("a meeting log read as sign-ups keeps its questions about the meeting out", func(t *testing.T) {
		// Headers that are questions about the meeting rather than the
		// words Referat or Noter, in a log read (wrongly) as sign-ups:
		// none of them may reach the rejects workbook.
		data, rej := newData(t), t.TempDir()
		log := writeFile(t, "log.csv", "Navn;E-mail;Rolle;Kohorte;Hvad blev der talt om?;Hvordan gik mødet?;Feedback fra mødet;What did you talk about",
			"Mads Mentee;mads@example.org;chef;2026-foraar;"+secret+";"+secret2+";"+secret+" igen;"+secret2+" again")
		r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-json", "-kind", "signups", log)
		if r.code != 1 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		for _, col := range []string{`kolonne E "Hvad blev der talt om?": mødeindhold`, `kolonne F "Hvordan gik mødet?": mødeindhold`,
			`kolonne G "Feedback fra mødet": mødeindhold`, `kolonne H "What did you talk about": mødeindhold`} {
			if !strings.Contains(r.stderr, col) {
				t.Errorf("the report lacks %s:\n%s", col, r.stderr)
			}
		}
		texts := everything(t, r, data, rej)
		if _, ok := texts["rejects/log.afvist.xlsx"]; !ok {
			t.Fatalf("no rejects workbook: %v", texts)
		}
		assertNowhere(t, texts, secret, secret2)
	})

	t.Run("a tie asks for -kind", func(t *testing.T) {
		data, rej := newData(t), t.TempDir()
		runIngest(t, "-data", data, "-today", today, "-rejects", rej, writeFile(t, "t.csv", pairSignups...))
		before := testkit.Snapshot(t, data)
		log := writeFile(t, "x.csv", "Navn;E-mail;Rolle;Kohorte;Dato;Type",
			"Mads Mentee;mads@example.org;mentee;2026-foraar;10-03-2026;møde")
		r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, log)
		if r.code != 2 || !strings.Contains(r.stderr, "-kind signups eller -kind meetings") || !strings.Contains(r.stderr, "Intet er gemt") {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
		if !reflect.DeepEqual(before, testkit.Snapshot(t, data)) {
			t.Error("an ambiguous file changed data/")
		}
		// Read beside another file, -kind meetings would be wrong for the
		// other: -kind FILE=KIND gives the kind of the one file.
		other := writeFile(t, "m.csv", "Mentee e-mail;Mødedato", "mads@example.org;11-03-2026")
		r = runIngest(t, "-data", data, "-today", today, "-rejects", rej, other, log)
		if r.code != 2 || !strings.Contains(r.stderr, "-kind FIL=meetings") {
			t.Errorf("two files, one a tie: exit %d\n%s", r.code, r.stderr)
		}
		r = runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-kind", log+"=meetings", other, log)
		if r.code != 0 || !strings.Contains(r.stderr, "x.csv: mødelog") || !strings.Contains(r.stderr, "m.csv: mødelog") {
			t.Errorf("with -kind FILE=meetings: exit %d\n%s", r.code, r.stderr)
		}
		// A file name with "=" in it.
		eq := writeFile(t, "uge=12.csv", "Navn;E-mail;Rolle;Kohorte;Dato;Type", "Mads Mentee;mads@example.org;mentee;2026-foraar;12-03-2026;møde")
		if r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-kind", eq+"=meetings", other, eq); r.code != 0 || !strings.Contains(r.stderr, "uge=12.csv: mødelog") {
			t.Errorf("-kind with a file name holding =: exit %d\n%s", r.code, r.stderr)
		}
		for _, bad := range [][]string{{"-kind", "nope.csv=meetings"}, {"-kind", log + "=nope"}, {"-kind", "meetings", "-kind", "signups"}} {
			if r := runIngest(t, append(append([]string{"-data", data, "-today", today, "-rejects", rej}, bad...), other, log)...); r.code != 2 {
				t.Errorf("%q: exit %d\n%s", bad, r.code, r.stderr)
			}
		}
		r = runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-kind", "meetings", log)
		if r.code != 0 || !strings.Contains(r.stderr, "x.csv: mødelog") {
			t.Errorf("with -kind meetings: exit %d\n%s", r.code, r.stderr)
		}
	})
}

// TestHandledKept: an ingest that changes a cohort keeps its follow-ups
// marked handled, which it does not read.
func TestHandledKept(t *testing.T) {
	data := newData(t)
	h := programme.Handled{Kind: programme.FlagContactRequested, Email: "mads@example.org", Date: programme.NewDate(2026, 5, 1), Initials: "AB", Action: "Ringet op", LookAgain: programme.NewDate(2026, 6, 1)}
	c := programme.Cohort{ID: "2026-foraar", Participants: []programme.Participant{{Email: "mads@example.org", Name: "Mads Mentee", Role: programme.Mentee}},
		Pairs: []programme.Pair{}, Meetings: []programme.Meeting{}, Evaluations: []programme.Evaluation{}, Handled: []programme.Handled{h}}
	if _, err := store.SaveCohorts(data, []programme.Cohort{c}); err != nil {
		t.Fatal(err)
	}
	r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "t.csv", "Navn;E-mail;Rolle;Kohorte", "Mona Mentor;mona@example.org;mentor;2026-foraar"))
	if r.code != 0 || !strings.Contains(r.stderr, "Gemt:") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	cs, _, err := store.LoadCohorts(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || len(cs[0].Participants) != 2 || len(cs[0].Handled) != 1 || cs[0].Handled[0] != h {
		t.Errorf("cohort after the ingest %+v, want the handled follow-up kept", cs)
	}
}
