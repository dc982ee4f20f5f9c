package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestUnicodeConflictEndToEnd (issue 9, item 6): a mentee whose workplace
// is written decomposed (NFD, as macOS writes "Å") and a mentor at the same
// workplace written composed get the conflict-of-interest flag on the
// status pages, and nothing invisible or decomposed reaches data/ or the
// pages.
func TestUnicodeConflictEndToEnd(t *testing.T) {
	data := newData(t)
	dir := t.TempDir()
	signups := filepath.Join(dir, "tilmeldinger.csv")
	csv := strings.Join([]string{
		"Tidsstempel;Navn;E-mail;Rolle;Kohorte;Arbejdsplads;Matchet med;Matchdato",
		"01-02-2026 10:00;Mona Mentor;\ufeffmona@example.org;Mentor;Forår 2026;Århus Universitetshospital;;",
		"02-02-2026 11:00;A\u030ase Ha\u030ansen;a\u030ase\u200b@example.org;Mentee;Forår 2026;A\u030arhus Universitetshospital;mona@example.org\u200e;01-03-2026",
		"02-02-2026 11:00;Bo Berg;bo@example.org;Mentee;Forår 2026;Odense Universitetshospital;mona@example.org;01-03-2026",
	}, "\n") + "\n"
	if err := os.WriteFile(signups, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	priv := filepath.Join(t.TempDir(), "private")
	var out, errb bytes.Buffer
	code := ingestMain([]string{"-data", data, "-today", today, "-rejects", dir, "-private", priv, "-templates", "../../templates", signups}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	src, err := os.ReadFile(filepath.Join(priv, "status.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Cohorts []struct {
			Pairs []struct {
				Mentee string
				Flags  []struct{ Kind string }
			}
		}
	}
	if err := json.Unmarshal(src, &st); err != nil {
		t.Fatal(err)
	}
	flags := map[string][]string{}
	for _, c := range st.Cohorts {
		for _, p := range c.Pairs {
			flags[p.Mentee] = nil
			for _, f := range p.Flags {
				flags[p.Mentee] = append(flags[p.Mentee], f.Kind)
			}
		}
	}
	has := func(mentee string) bool {
		for _, k := range flags[mentee] {
			if k == "conflict-of-interest" {
				return true
			}
		}
		return false
	}
	if !has("åse@example.org") {
		t.Errorf("no conflict of interest for the NFD workplace: %q", flags)
	}
	if has("bo@example.org") {
		t.Errorf("conflict of interest between different workplaces: %q", flags)
	}
	page, err := os.ReadFile(filepath.Join(priv, "opfoelgning.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Interessekonflikt") || !strings.Contains(string(page), "Åse Hånsen") {
		t.Errorf("the follow-up page does not show the conflict of interest for Åse Hånsen")
	}
	// Nothing decomposed or invisible is stored or shown.
	stored := testkit.Snapshot(t, data)
	stored["status.json"] = string(src)
	stored["opfoelgning.html"] = string(page)
	for name, s := range stored {
		for _, bad := range []string{"\u030a", "\u200b", "\u200e", "\ufeff"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %+q", name, bad)
			}
		}
	}
	if !strings.Contains(errb.String(), "usynlige tegn") {
		t.Errorf("the report does not say that invisible characters were removed:\n%s", errb.String())
	}
}
