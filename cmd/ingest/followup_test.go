package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// markHandled copies opfoelgning.xlsx from private with the first row of
// kind marked handled (date, initials, action; Se igen left blank) and
// returns the copy's path and the row's key.
func markHandled(t *testing.T, private string, kind programme.FlagKind, day time.Time) (string, string) {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(private, "opfoelgning.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	for _, h := range []string{programme.ColumnHandledDate, programme.ColumnInitials, programme.ColumnAction, programme.ColumnLookAgain, programme.ColumnKey} {
		if col[h] == 0 {
			t.Fatalf("opfoelgning.xlsx has no column %q: %v", h, rows[0])
		}
	}
	for i, row := range rows[1:] {
		key := row[col[programme.ColumnKey]-1]
		if !strings.HasPrefix(key, string(kind)+"/") {
			continue
		}
		cell := func(c int) string { n, _ := excelize.CoordinatesToCellName(c, i+2); return n }
		if err := f.SetCellValue(sheet, cell(col[programme.ColumnHandledDate]), day); err != nil {
			t.Fatal(err)
		}
		f.SetCellValue(sheet, cell(col[programme.ColumnInitials]), "AB")
		f.SetCellValue(sheet, cell(col[programme.ColumnAction]), "ringet op")
		path := filepath.Join(t.TempDir(), "opfoelgning.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path, key
	}
	t.Fatalf("no %s row in opfoelgning.xlsx", kind)
	return "", ""
}

// readPrivate returns the open queue and the "Håndteret" part of
// opfoelgning.html, and status.json.
func readPrivate(t *testing.T, private string) (queue, handled, js string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(private, "opfoelgning.html"))
	if err != nil {
		t.Fatal(err)
	}
	queue, handled, ok := strings.Cut(string(b), `id="haandteret"`)
	if !ok {
		t.Fatal("opfoelgning.html has no Håndteret section")
	}
	j, err := os.ReadFile(filepath.Join(private, "status.json"))
	if err != nil {
		t.Fatal(err)
	}
	return queue, handled, string(j)
}

// TestFollowupRoundTrip: a row of opfoelgning.xlsx marked handled and
// ingested moves to "Håndteret" with its note and out of the queue;
// ingesting the workbook again changes nothing; the flag is back in the
// queue on its look-again date, or at once with new evidence (a new request
// for contact). Once also through LibreOffice, where it is installed.
func TestFollowupRoundTrip(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, today)
	setup := func(t *testing.T) (data, private string) {
		data, private = newData(t), filepath.Join(t.TempDir(), "private")
		r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private}, examples...)...)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		return data, private
	}
	ingest := func(t *testing.T, data, private, on string, files ...string) result {
		return runIngest(t, append([]string{"-data", data, "-today", on, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private}, files...)...)
	}
	check := func(t *testing.T, data, private, workbook, key string) {
		r := ingest(t, data, private, today, workbook)
		if r.code != 0 || !strings.Contains(r.stderr, "1 nye") {
			t.Fatalf("ingesting the marked workbook: exit %d\n%s", r.code, r.stderr)
		}
		queue, handled, js := readPrivate(t, private)
		if strings.Contains(queue, "Ønsker kontakt</th>") || !strings.Contains(handled, "ringet op") || !strings.Contains(handled, "(AB)") {
			t.Errorf("after marking: the request for contact is still in the queue, or not under Håndteret")
		}
		ds, err := store.Load(data)
		if err != nil {
			t.Fatal(err)
		}
		kind, cohort, email, _ := programme.ParseFollowupKey(key)
		var h *programme.Handled
		for i := range ds.Cohorts {
			if ds.Cohorts[i].ID == cohort {
				h = programme.FindHandled(ds.Cohorts[i].Handled, kind, email)
			}
		}
		if h == nil || h.Date.String() != today || h.Initials != "AB" || h.Action != "ringet op" {
			t.Fatalf("stored record %+v", h)
		}
		if want := programme.DateOf(day).AddDays(7 * programme.LookAgainWeeks(&ds.Config, kind)); h.LookAgain != want {
			t.Errorf("look again %s, want the flag's rhythm (%s)", h.LookAgain, want)
		}
		if !strings.Contains(js, `"handled":{"date":"`+today+`","initials":"AB","action":"ringet op","look_again":"`+h.LookAgain.String()+`","open":false}`) {
			t.Errorf("status.json lacks the record")
		}
		// The same workbook again: nothing changes.
		before := testkit.Snapshot(t, data)
		if r := ingest(t, data, private, today, workbook); r.code != 0 || !strings.Contains(r.stderr, "Ingen ændringer") {
			t.Errorf("again: exit %d\n%s", r.code, r.stderr)
		}
		if after := testkit.Snapshot(t, data); len(after) != len(before) || after["cohorts/"+cohort+".yaml"] != before["cohorts/"+cohort+".yaml"] {
			t.Errorf("ingesting the workbook again changed data/")
		}
		// On its look-again date it is back in the queue, the record noted.
		r2 := status.New(ds, h.LookAgain)
		back := false
		for _, fu := range r2.Followups {
			back = back || (fu.Key == key && fu.Handled != nil)
		}
		if !back || len(r2.Handled) != 0 {
			t.Errorf("on %s: back in the queue %v, %d still handled", h.LookAgain, back, len(r2.Handled))
		}
		if r := status.New(ds, h.LookAgain.AddDays(-1)); len(r.Handled) != 1 {
			t.Errorf("the day before %s: %d handled, want 1", h.LookAgain, len(r.Handled))
		}
		// New evidence: a new request for contact brings it back at once.
		log := filepath.Join(t.TempDir(), "nyt.csv")
		os.WriteFile(log, []byte("Mentee e-mail;Mødedato;Afholdt;Ønsker kontakt fra sekretariatet\n"+email+";20-11-2026;ja;ja\n"), 0o644)
		if r := ingest(t, data, private, today, log); r.code != 0 {
			t.Fatalf("new meeting: exit %d\n%s", r.code, r.stderr)
		}
		queue, handled, _ = readPrivate(t, private)
		if !strings.Contains(queue, "Ønsker kontakt</th>") || strings.Contains(handled, "ringet op") {
			t.Errorf("after a new request for contact: not back in the queue")
		}
	}
	t.Run("excelize", func(t *testing.T) {
		data, private := setup(t)
		workbook, key := markHandled(t, private, programme.FlagContactRequested, day)
		check(t, data, private, workbook, key)
	})
	t.Run("libreoffice", func(t *testing.T) {
		needLibreOffice(t)
		data, private := setup(t)
		workbook, key := markHandled(t, private, programme.FlagContactRequested, day)
		check(t, data, private, throughLibreOffice(t, workbook), key)
	})
}

// TestFollowupValidation: a marked row with a cell wrong is rejected with
// the reason and place, and nothing is stored; blank rows change nothing.
func TestFollowupValidation(t *testing.T) {
	data, private := newData(t), filepath.Join(t.TempDir(), "private")
	if r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private}, examples...)...); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(private, "opfoelgning.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	long := strings.Repeat("talte om vagtplanen og stress ", 4)
	// Columns K to N: Håndteret dato, Initialer, Handling, Se igen.
	for row, cells := range map[int][]any{
		2: {"", "AB", "ringet op", ""},           // no date
		3: {"23-11-2026", "AB", "ringet op", ""}, // after today
		4: {"20-11-2026", "A1B", "ringet op", ""},
		5: {"20-11-2026", "AB", long, ""},
		6: {"20-11-2026", "AB", "mail sendt", "01-11-2026"}, // look again before handled
		8: {"20-11-2026", "AB", "mail sendt", "20-11-2036"}, // a mistyped year
	} {
		for i, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(11+i, row)
			f.SetCellValue(sheet, cell, v)
		}
	}
	f.SetCellValue(sheet, "O7", "ukendt/2026-foraar/x@example.org")
	f.SetCellValue(sheet, "K7", "20-11-2026")
	f.SetCellValue(sheet, "L7", "AB")
	f.SetCellValue(sheet, "M7", "ringet op")
	path := filepath.Join(t.TempDir(), "opfoelgning.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := testkit.Snapshot(t, data)
	rej := t.TempDir()
	r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-private", "", path)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (rows rejected)\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"række 2, kolonne K", "Håndteret dato mangler",
		"række 3", "ligger efter i dag",
		"række 4", `"A1B" er ikke initialer`,
		"række 5", "handlingen er på", "højst 60 tegn",
		"række 6", "ligger ikke efter Håndteret dato",
		"række 7", "er ikke en kode fra opfoelgning.xlsx",
		"række 8, kolonne N", "20-11-2036 ligger mere end 12 måneder efter Håndteret dato",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "vagtplanen") {
		t.Errorf("the long action is echoed in the report")
	}
	if after := testkit.Snapshot(t, data); len(after) != len(before) {
		t.Errorf("data/ changed")
	} else {
		for k := range before {
			if before[k] != after[k] {
				t.Errorf("%s changed", k)
			}
		}
	}
	// The rejects workbook does not keep the long action either.
	x, err := excelize.OpenFile(filepath.Join(rej, "opfoelgning.afvist.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	all, _ := x.GetRows(x.GetSheetName(0))
	for _, row := range all {
		if strings.Contains(strings.Join(row, "|"), "vagtplanen") {
			t.Errorf("the rejects workbook keeps the long action")
		}
	}
}

// TestFollowupStaleRow: a row marked handled in a workbook made before new
// evidence came (here a new request for contact, logged on the 21st) is
// rejected, so the new request stays in the queue: by the row's Siden,
// which no longer is the flag's, also when the log comes in the same run;
// and, where the Siden column was deleted, because the flag became due
// after the handled date. Without new evidence the row without Siden is
// stored.
func TestFollowupStaleRow(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, today)
	handledOn := day.AddDate(0, 0, -2) // 20 November, before the new request
	newRequest := func(t *testing.T, email string) string {
		log := filepath.Join(t.TempDir(), "nyt.csv")
		os.WriteFile(log, []byte("Mentee e-mail;Mødedato;Afholdt;Ønsker kontakt fra sekretariatet\n"+email+";21-11-2026;ja;ja\n"), 0o644)
		return log
	}
	withoutSince := func(t *testing.T, workbook string) string {
		f, err := excelize.OpenFile(workbook)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if v, _ := f.GetCellValue(f.GetSheetName(0), "B1"); v != programme.ColumnSince {
			t.Fatalf("column B is %q, want %q", v, programme.ColumnSince)
		}
		if err := f.RemoveCol(f.GetSheetName(0), "B"); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "opfoelgning.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct {
		name     string
		noSince  bool // the Siden column deleted
		log      bool // a new request for contact logged
		sameRun  bool // the log ingested with the workbook
		rejected string
	}{
		{name: "log first", log: true, rejected: "kolonne B (Siden): flaget »Ønsker kontakt« for "},
		{name: "same run", log: true, sameRun: true, rejected: "gælder nu fra 21-11-2026, men rækken viser 05-11-2026"},
		{name: "no Siden", noSince: true, log: true, rejected: "(Håndteret dato): flaget »Ønsker kontakt« for "},
		{name: "no Siden, nothing new", noSince: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, private := newData(t), filepath.Join(t.TempDir(), "private")
			args := func(files ...string) []string {
				return append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private}, files...)
			}
			if r := runIngest(t, args(examples...)...); r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			workbook, key := markHandled(t, private, programme.FlagContactRequested, handledOn)
			_, _, email, _ := programme.ParseFollowupKey(key)
			if tc.noSince {
				workbook = withoutSince(t, workbook)
			}
			files := []string{workbook}
			if tc.log && tc.sameRun {
				files = []string{newRequest(t, email), workbook}
			} else if tc.log {
				if r := runIngest(t, args(newRequest(t, email))...); r.code != 0 {
					t.Fatalf("new request: exit %d\n%s", r.code, r.stderr)
				}
			}
			rejects := t.TempDir()
			r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", rejects, "-templates", "../../templates", "-private", private}, files...)...)
			queue, handled, _ := readPrivate(t, private)
			if tc.rejected == "" {
				if r.code != 0 || !strings.Contains(r.stderr, "1 nye") || !strings.Contains(handled, "ringet op") {
					t.Fatalf("exit %d, want the row stored\n%s", r.code, r.stderr)
				}
				return
			}
			if r.code != 1 || !strings.Contains(r.stderr, tc.rejected) || !strings.Contains(r.stderr, "Hent en ny opfoelgning.xlsx") {
				t.Fatalf("exit %d, want the row rejected with %q\n%s", r.code, tc.rejected, r.stderr)
			}
			if !strings.Contains(queue, "Ønsker kontakt</th>") || strings.Contains(handled, "ringet op") {
				t.Errorf("the new request for contact is not in the queue, or the row went under Håndteret")
			}
			if !tc.noSince {
				// The rejects workbook shows the row's Siden as a date,
				// not as the number a workbook stores.
				x, err := excelize.OpenFile(filepath.Join(rejects, "opfoelgning.afvist.xlsx"))
				if err != nil {
					t.Fatal(err)
				}
				if v, _ := x.GetCellValue(x.GetSheetName(0), "B2"); v != "05-11-2026" {
					t.Errorf("the rejects workbook's Siden reads %q, want 05-11-2026", v)
				}
				x.Close()
			}
			ds, err := store.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range ds.Cohorts {
				if h := programme.FindHandled(c.Handled, programme.FlagContactRequested, email); h != nil {
					t.Errorf("stored %+v", h)
				}
			}
		})
	}
}

// needLibreOffice skips the test where LibreOffice (soffice) is not
// installed.
func needLibreOffice(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
}

// throughLibreOffice saves workbook again with LibreOffice, as a secretary
// who opens it there and saves it would, and returns the new file (same
// name, in a folder of its own).
func throughLibreOffice(t *testing.T, workbook string) string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()), "--convert-to", "xlsx", "--outdir", out, workbook)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, stderr.String())
	}
	return filepath.Join(out, filepath.Base(workbook))
}

// TestFollowupOlderRow: an older workbook's row about a flag handled again
// later does not put the older record back, whether it comes in a later
// run (noted as older, nothing changed) or in the same run as the newer
// row, in either order.
func TestFollowupOlderRow(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, today)
	for _, tc := range []struct {
		name  string
		order string // the runs: "new,old" = two runs; "new+old" = one run
	}{
		{"later run", "new,old"},
		{"same run, older last", "new+old"},
		{"same run, older first", "old+new"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, private := newData(t), filepath.Join(t.TempDir(), "private")
			args := func(files ...string) []string {
				return append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private}, files...)
			}
			if r := runIngest(t, args(examples...)...); r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			older, key := markHandled(t, private, programme.FlagContactRequested, day.AddDate(0, 0, -4))
			newer, _ := markHandled(t, private, programme.FlagContactRequested, day)
			files := map[string]string{"old": older, "new": newer}
			var last result
			for _, run := range strings.Split(tc.order, ",") {
				var fs []string
				for _, n := range strings.Split(run, "+") {
					fs = append(fs, files[n])
				}
				if last = runIngest(t, args(fs...)...); last.code != 0 {
					t.Fatalf("exit %d\n%s", last.code, last.stderr)
				}
			}
			if tc.order == "new,old" && (!strings.Contains(last.stderr, "senere end rækkens 18-11-2026, så den gemte markering er beholdt") || !strings.Contains(last.stderr, "Ingen ændringer")) {
				t.Errorf("the older workbook's run does not say it kept the later record:\n%s", last.stderr)
			}
			ds, err := store.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			kind, cohort, email, _ := programme.ParseFollowupKey(key)
			for _, c := range ds.Cohorts {
				if c.ID == cohort {
					if h := programme.FindHandled(c.Handled, kind, email); h == nil || h.Date.String() != today {
						t.Errorf("stored %+v, want the record handled %s", h, today)
					}
				}
			}
		})
	}
}
