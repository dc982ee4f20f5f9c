package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestNewCohort: a register with "Forår 2026" and "Mentor 2026", and a
// sign-up sheet naming "Foraar 2026" (the same cohort, as its id is the
// same, but its display name changes: a cohort-renamed note), "Forar
// 2026" and "Mentorr 2026" (misspellings: new cohorts next to the existing
// ones) and "Forår 2027" (a new cohort, not a typo). The dry run's text
// and JSON reports name each new cohort once, with its rows, and say of
// the misspellings which cohort they look like; the exit status and what
// is saved are as without the notes; the run that saves says which file
// to delete.
func TestNewCohort(t *testing.T) {
	data, rej, in := newData(t), t.TempDir(), t.TempDir()
	head := "Tidsstempel;Navn;E-mail;Rolle;Kohorte"
	first := testkit.WriteLines(t, in, "start.csv", head,
		"01-02-2026 10:00;Mona Mentor;mona@example.org;Mentor;Forår 2026",
		"01-02-2026 10:00;Max Mentor;max@example.org;Mentor;Mentor 2026")
	if r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, first); r.code != 0 ||
		!strings.Contains(r.stderr, `kohorten "Forår 2026" (foraar-2026) er ny: 1 tilmelding opretter den`) ||
		!strings.Contains(r.stderr, `kohorten "Mentor 2026" (mentor-2026) er ny: 1 tilmelding opretter den`) ||
		strings.Contains(r.stderr, "ligner") {
		t.Fatalf("first import: exit %d\n%s", r.code, r.stderr)
	}
	next := testkit.WriteLines(t, in, "tilmeldinger.csv", head,
		"02-02-2026 10:00;Anne Andersen;anne@example.org;Mentor;Foraar 2026",
		"02-02-2026 10:00;Bo Berg;bo@example.org;Mentor;Forar 2026",
		"02-02-2026 10:00;Carl Carlsen;carl@example.org;Mentor;Mentorr 2026",
		"02-02-2026 10:00;Dorte Dahl;dorte@example.org;Mentor;Forår 2027",
		"02-02-2026 10:00;Erik Ek;erik@example.org;Mentor;Forår 2027",
		"02-02-2026 10:00;Frida Fisk;frida@example.org;Mentor;Forar 2026",
		"02-02-2026 10:00;;gustav@example.org;Mentor;Mentorr 2026")
	clean := func(s string) string {
		s = strings.ReplaceAll(s, filepath.ToSlash(rej), "$REJECTS")
		s = strings.ReplaceAll(s, filepath.ToSlash(in), "$IN")
		return strings.ReplaceAll(s, filepath.ToSlash(data), "$DATA")
	}
	before := testkit.Snapshot(t, data)
	r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-dry-run", next)
	if r.code != 1 { // one row rejected (no name)
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !maps.Equal(before, testkit.Snapshot(t, data)) {
		t.Error("the dry run changed data/")
	}
	golden(t, "ny-kohorte.txt", clean(r.stderr))
	j := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-dry-run", "-json", next)
	var rep struct {
		Notes []struct {
			File, Sheet, Code, Message string
			Row                        int
		} `json:"notes"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &rep); err != nil || j.code != 1 {
		t.Fatalf("exit %d, %v\n%s", j.code, err, j.stdout)
	}
	type note struct {
		code string
		row  int
		has  string
	}
	want := []note{
		{"new-cohort-similar", 3, `kohorten "Forar 2026" (forar-2026) er ny: 2 tilmeldinger opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`},
		{"new-cohort-similar", 4, `kohorten "Mentorr 2026" (mentorr-2026) er ny: 1 tilmelding opretter den; den ligner "Mentor 2026" (mentor-2026), som findes i forvejen`},
		{"new-cohort", 5, `kohorten "Forår 2027" (foraar-2027) er ny: 2 tilmeldinger opretter den`},
	}
	var got []note
	for _, n := range rep.Notes {
		if strings.HasPrefix(n.Code, "new-cohort") {
			if filepath.Base(n.File) != "tilmeldinger.csv" || n.Sheet != "" {
				t.Errorf("note %+v", n)
			}
			got = append(got, note{n.Code, n.Row, n.Message})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("notes %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].code != want[i].code || got[i].row != want[i].row || !strings.HasPrefix(got[i].has, want[i].has) {
			t.Errorf("note %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if got[2].has != want[2].has {
		t.Errorf("a new cohort that is no typo: %q", got[2].has)
	}

	// The text report's notes are the JSON's.
	for _, n := range rep.Notes {
		if !strings.Contains(j.stderr, "række "+strconv.Itoa(n.Row)+": "+n.Message+"\n") {
			t.Errorf("the text report lacks %q", n.Message)
		}
	}

	// The run that saves: the same cohort files, and the note says which
	// file to delete to undo a misspelling.
	r = runIngest(t, "-data", data, "-today", today, "-rejects", rej, next)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	typo := filepath.ToSlash(filepath.Join(data, "cohorts", "forar-2026.yaml"))
	if !strings.Contains(r.stderr, "række 3: kohorten \"Forar 2026\" (forar-2026) er ny: 2 tilmeldinger opretter den; den ligner \"Forår 2026\" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så slet "+typo+" (den har kun det, der blev gemt i den nu), ret kohorten i arket, og indlæs det igen\n") {
		t.Errorf("the saved run's report:\n%s", r.stderr)
	}
	for _, id := range []string{"foraar-2026", "forar-2026", "mentor-2026", "mentorr-2026", "foraar-2027"} {
		if _, err := os.Stat(filepath.Join(data, "cohorts", id+".yaml")); err != nil {
			t.Errorf("cohort %s: %v", id, err)
		}
	}
	// Again: nothing is new, so no note.
	r = runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-dry-run", next)
	if strings.Contains(r.stderr, "er ny") {
		t.Errorf("a second run notes new cohorts:\n%s", r.stderr)
	}
}
