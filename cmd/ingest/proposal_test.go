package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// matchSignups is a cohort of waiting mentees and free mentors with the
// matching columns filled in.
const matchSignups = `Tidsstempel;Navn;E-mail;Rolle;Kohorte;Speciale;Arbejdsplads;Region;Ønsket speciale;Emner;Mødeform;Antal mentees;Stilling;Undgå
01-03-2026 09:00;Mette Mentor;mette@example.org;mentor;Efterår 2026;Kardiologi;AUH;Region Midtjylland;;Forskning, Ledelse;begge;2;Overlæge;
02-03-2026 09:00;Niels Mentor;niels@example.org;mentor;Efterår 2026;Psykiatri;Rigshospitalet;Region Hovedstaden;;Karrierevalg;online;1;Speciallæge;
03-03-2026 09:00;Olga Mentor;olga@example.org;mentor;Efterår 2026;Almen medicin;Praksis Vejle;Region Syddanmark;;Arbejds- og familieliv;fysisk;;Professor;
10-03-2026 09:00;Anna Mentee;anna@example.org;mentee;Efterår 2026;;Aarhus Universitetshospital;Region Midtjylland;Kardiologi;Forskning;begge;;HU-læge;
11-03-2026 09:00;Bent Mentee;bent@example.org;mentee;Efterår 2026;;Hvidovre Hospital;Region Hovedstaden;Psykiatri;Karrierevalg;online;;Introduktionslæge;
12-03-2026 09:00;Carla Mentee;carla@example.org;mentee;Efterår 2026;;OUH;Region Syddanmark;Almen medicin;Arbejds- og familieliv;fysisk;;KBU-læge;
13-03-2026 09:00;Dan Mentee;dan@example.org;mentee;Efterår 2026;;Regionshospitalet Horsens;Region Midtjylland;Kardiologi;Ledelse;begge;;HU-læge;
`

// proposalSetup ingests the examples and matchSignups, which writes
// private/ with matchforslag.xlsx.
func proposalSetup(t *testing.T) (data, private string) {
	t.Helper()
	data, private = newData(t), filepath.Join(t.TempDir(), "private")
	signups := filepath.Join(t.TempDir(), "tilmeldinger-efteraar.csv")
	if err := os.WriteFile(signups, []byte(matchSignups), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private}, append(examples, signups)...)...)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	return data, private
}

// markProposals copies matchforslag.xlsx from private with Accepter set on
// the rows whose mentee e-mail is a key of marks, and returns its path.
func markProposals(t *testing.T, private string, marks map[string]string) string {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(private, "matchforslag.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != strings.Join(match.Header, "|") {
		t.Fatalf("header %q, want %q", rows[0], match.Header)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	found := 0
	for i, row := range rows[1:] {
		if v, ok := marks[row[col[match.ColumnMenteeEmail]-1]]; ok {
			cell, _ := excelize.CoordinatesToCellName(col[match.ColumnAccept], i+2)
			f.SetCellValue(sheet, cell, v)
			found++
		}
	}
	if found != len(marks) {
		t.Fatalf("found %d of the rows %v in matchforslag.xlsx: %q", found, marks, rows)
	}
	path := filepath.Join(t.TempDir(), "matchforslag.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// suggested returns mentee -> suggested mentor of matchforslag.xlsx.
func suggested(t *testing.T, private string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(private, "matchforslag.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	out := map[string]string{}
	for _, row := range rows[1:] {
		out[row[2]] = row[4]
	}
	return out
}

func cohortOf(t *testing.T, data, id string) *programme.Cohort {
	t.Helper()
	ds, err := store.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds.Cohorts {
		if ds.Cohorts[i].ID == id {
			return &ds.Cohorts[i]
		}
	}
	t.Fatalf("no cohort %s", id)
	return nil
}

// TestProposalRoundTrip: matchforslag.xlsx with ja on two rows and nej on a
// third, ingested as it is, creates exactly the two pairs (matched today),
// the status pages show them, and the next proposal no longer suggests
// them; ingesting the workbook again changes nothing. Once also through
// LibreOffice, where it is installed.
func TestProposalRoundTrip(t *testing.T) {
	check := func(t *testing.T, data, private, workbook string, want map[string]string) {
		r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates", "-private", private, workbook)
		if r.code != 0 || !strings.Contains(r.stderr, "2 nye") {
			t.Fatalf("ingesting the marked workbook: exit %d\n%s", r.code, r.stderr)
		}
		c := cohortOf(t, data, "efteraar-2026")
		if len(c.Pairs) != 2 {
			t.Fatalf("pairs %+v, want 2", c.Pairs)
		}
		for _, p := range c.Pairs {
			if want[p.Mentee] != p.Mentor || p.Matched.String() != today {
				t.Errorf("pair %+v, want %s with %s matched %s", p, p.Mentee, want[p.Mentee], today)
			}
		}
		page, err := os.ReadFile(filepath.Join(private, "kohorte", "efteraar-2026.html"))
		if err != nil {
			t.Fatal(err)
		}
		pairs, _, _ := strings.Cut(string(page), `id="venteliste"`)
		for _, name := range []string{"Anna Mentee", "Bent Mentee"} {
			if !strings.Contains(pairs, name) {
				t.Errorf("the cohort page does not show %s among the pairs", name)
			}
		}
		js, _ := os.ReadFile(filepath.Join(private, "status.json"))
		if !strings.Contains(string(js), `{"mentee":"anna@example.org","mentor":"`+want["anna@example.org"]+`","state":"awaiting-clarification","matched":"`+today+`"`) {
			t.Errorf("status.json lacks the new pair")
		}
		next := suggested(t, private)
		if _, ok := next["anna@example.org"]; ok {
			t.Errorf("the new proposal still suggests a mentor for Anna: %v", next)
		}
		if _, ok := next["carla@example.org"]; !ok {
			t.Errorf("Carla (marked nej) is no longer suggested: %v", next)
		}
		before := testkit.Snapshot(t, data)
		if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", workbook); r.code != 0 || !strings.Contains(r.stderr, "Ingen ændringer") {
			t.Errorf("again: exit %d\n%s", r.code, r.stderr)
		}
		if after := testkit.Snapshot(t, data); after["cohorts/efteraar-2026.yaml"] != before["cohorts/efteraar-2026.yaml"] {
			t.Errorf("ingesting the workbook again changed data/")
		}
	}
	marks := map[string]string{"anna@example.org": "ja", "bent@example.org": "Ja", "carla@example.org": "nej"}
	t.Run("excelize", func(t *testing.T) {
		data, private := proposalSetup(t)
		want := suggested(t, private)
		check(t, data, private, markProposals(t, private, marks), want)
	})
	t.Run("libreoffice", func(t *testing.T) {
		needLibreOffice(t)
		data, private := proposalSetup(t)
		want := suggested(t, private)
		workbook := markProposals(t, private, marks)
		check(t, data, private, throughLibreOffice(t, workbook), want)
	})
}

// TestProposalRejected: an accepted row that breaks a hard rule by the time
// it is ingested (the mentor has since moved to the mentee's workplace; the
// mentor's one place taken by a pair accepted in an earlier row) is rejected
// with the reason, and nothing of it is stored; an answer that is neither
// ja nor nej is rejected too.
func TestProposalRejected(t *testing.T) {
	data, private := proposalSetup(t)
	want := suggested(t, private)
	if want["anna@example.org"] == "" || want["dan@example.org"] == "" {
		t.Fatalf("no suggestion for Anna or Dan: %v", want)
	}
	// Anna's suggested mentor now works where Anna does.
	moved := filepath.Join(t.TempDir(), "flyttet.csv")
	os.WriteFile(moved, []byte("Tidsstempel;Navn;E-mail;Rolle;Kohorte;Arbejdsplads\n20-11-2026 09:00;Flyttet;"+want["anna@example.org"]+";mentor;Efterår 2026;AUH\n"), 0o644)
	if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", moved); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	// Dan's row is edited to name Carla's mentor, who takes one mentee;
	// Carla's row comes first (she signed up first) and takes the place.
	carlaMentor := want["carla@example.org"]
	if carlaMentor == "" || carlaMentor == "mette@example.org" {
		t.Fatalf("Carla's suggested mentor %q is not one with room for one", carlaMentor)
	}
	f, err := excelize.OpenFile(markProposals(t, private, map[string]string{"anna@example.org": "ja", "bent@example.org": "nej", "carla@example.org": "ja", "dan@example.org": "ja"}))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	rows, _ := f.GetRows(sheet)
	for i, row := range rows {
		if row[2] == "dan@example.org" {
			cell, _ := excelize.CoordinatesToCellName(5, i+1)
			f.SetCellValue(sheet, cell, carlaMentor)
		}
	}
	path := filepath.Join(t.TempDir(), "matchforslag.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", path)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (rows rejected)\n%s", r.code, r.stderr)
	}
	for _, frag := range []string{
		"forslaget kan ikke accepteres: mentor og mentee har samme arbejdssted (Aarhus Universitetshospital og AUH)",
		"forslaget kan ikke accepteres: mentoren har ikke plads til flere: 1 aktivt forløb, og mentoren tager højst 1 ad gangen.",
	} {
		if !strings.Contains(r.stderr, frag) {
			t.Errorf("report lacks %q:\n%s", frag, r.stderr)
		}
	}
	c := cohortOf(t, data, "efteraar-2026")
	if len(c.Pairs) != 1 || c.Pairs[0].Mentee != "carla@example.org" || c.Pairs[0].Mentor != carlaMentor {
		t.Errorf("pairs %+v, want only Carla's", c.Pairs)
	}
	// An answer that is neither ja nor nej is rejected; nothing changes.
	before := testkit.Snapshot(t, data)
	r = runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", markProposals(t, private, map[string]string{"bent@example.org": "måske"}))
	if r.code != 1 || !strings.Contains(r.stderr, `"måske" er hverken ja eller nej`) {
		t.Errorf("exit %d, want 1 with the answer named\n%s", r.code, r.stderr)
	}
	if after := testkit.Snapshot(t, data); after["cohorts/efteraar-2026.yaml"] != before["cohorts/efteraar-2026.yaml"] {
		t.Errorf("a rejected answer changed data/")
	}
}

// TestProposalEndedPair: a row marked ja for two whose pair in the cohort
// has ended is rejected with the reason, not passed over as a pair stored
// already: stopped is a hard rule (the workbook of before the stop, or a
// row typed by hand), and a completed pair is not made again.
func TestProposalEndedPair(t *testing.T) {
	data, private := proposalSetup(t)
	want := suggested(t, private)
	workbook := markProposals(t, private, map[string]string{"anna@example.org": "ja", "carla@example.org": "ja"})
	if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", workbook); r.code != 0 || !strings.Contains(r.stderr, "2 nye") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	// Anna's pair is stopped, Carla's completed; Anna's mentor now takes
	// one mentee and has Dan, so the stopped pair, not the capacity, is
	// the reason given.
	ended := filepath.Join(t.TempDir(), "slut.csv")
	os.WriteFile(ended, []byte("Tidsstempel;Navn;E-mail;Rolle;Kohorte;Matchet med;Matchdato;Status;Slutdato;Antal mentees\n"+
		"10-03-2026 09:00;Anna Mentee;anna@example.org;mentee;Efterår 2026;"+want["anna@example.org"]+";"+today+";afbrudt;"+today+";\n"+
		"12-03-2026 09:00;Carla Mentee;carla@example.org;mentee;Efterår 2026;"+want["carla@example.org"]+";"+today+";afsluttet;"+today+";\n"+
		"13-03-2026 09:00;Dan Mentee;dan@example.org;mentee;Efterår 2026;"+want["anna@example.org"]+";"+today+";;;\n"+
		"01-03-2026 09:00;Mentor;"+want["anna@example.org"]+";mentor;Efterår 2026;;;;;1\n"), 0o644)
	if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", ended); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	before := testkit.Snapshot(t, data)
	r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", workbook)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (rows rejected)\n%s", r.code, r.stderr)
	}
	for _, frag := range []string{
		"kolonne I (Accepter): forslaget kan ikke accepteres: de to har været et par før, og forløbet blev afbrudt.",
		"forslaget kan ikke accepteres: carla@example.org og " + want["carla@example.org"] + " har allerede haft et forløb i kohorte efteraar-2026, og det er slut.",
	} {
		if !strings.Contains(r.stderr, frag) {
			t.Errorf("report lacks %q:\n%s", frag, r.stderr)
		}
	}
	if after := testkit.Snapshot(t, data); after["cohorts/efteraar-2026.yaml"] != before["cohorts/efteraar-2026.yaml"] {
		t.Errorf("rejected rows changed data/")
	}
}

// TestProposalMatchDate: a Matchdato after the day of the ingest, or before
// either of the two signed up (a mistyped year), rejects the row with the
// reason on the Matchdato cell; a date between is the pair's.
func TestProposalMatchDate(t *testing.T) {
	data, private := proposalSetup(t)
	f, err := excelize.OpenFile(markProposals(t, private, map[string]string{"anna@example.org": "ja", "bent@example.org": "ja", "carla@example.org": "ja"}))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	rows, _ := f.GetRows(sheet)
	dates := map[string]string{"anna@example.org": "01-12-2026", "bent@example.org": "01-01-2020", "carla@example.org": "15-11-2026"}
	for i, row := range rows {
		if d, ok := dates[row[2]]; ok {
			cell, _ := excelize.CoordinatesToCellName(len(match.Header), i+1)
			f.SetCellValue(sheet, cell, d)
		}
	}
	path := filepath.Join(t.TempDir(), "matchforslag.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", path)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, frag := range []string{
		"kolonne J (Matchdato): matchdatoen 01-12-2026 ligger efter i dag (22-11-2026).",
		"kolonne J (Matchdato): matchdatoen 01-01-2020 ligger før tilmeldingen (11-03-2026).",
	} {
		if !strings.Contains(r.stderr, frag) {
			t.Errorf("report lacks %q:\n%s", frag, r.stderr)
		}
	}
	c := cohortOf(t, data, "efteraar-2026")
	if len(c.Pairs) != 1 || c.Pairs[0].Mentee != "carla@example.org" || c.Pairs[0].Matched.String() != "2026-11-15" {
		t.Errorf("pairs %+v, want only Carla's, matched 2026-11-15", c.Pairs)
	}
}
