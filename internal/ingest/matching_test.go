package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// The sign-up columns the matching suggestions weigh are read under their
// Danish and English headers, and stored; a free-text question beside
// them is not.
func TestSignupMatchingColumns(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "t.csv",
		"Tidsstempel;Navn;E-mail;Rolle;Kohorte;Speciale;Ønsket speciale;Emner;Foretrukken mødeform;Undgå;Antal mentees;Stilling;Hvad håber du at få ud af forløbet?",
		"01-02-2026 10:00;Mona Mentor;mona@example.org;Mentor;Forår 2026;Kardiologi;;Forskning, ledelse;begge;\"Per Hansen; AUH\";2;Overlæge;Jeg vil gerne give noget videre",
		"02-02-2026 11:00;Mads Mentee;mads@example.org;mentee;Forår 2026;;kardiologi;\"karrierevalg;Research\";Online;mona@EXAMPLE.org;3;HU-læge;Ro på karrieren",
	), file(t, "u.csv",
		"Timestamp;Full name;Email;Role;Cohort;Wished specialty;Themes;Meeting form;Avoid;Capacity;Seniority",
		"03-02-2026 10:00;Nina Mentor;nina@example.org;mentor;Forår 2026;;Work and family life;physical;;1;12 years",
	))
	if len(res.Report.Problems) != 0 {
		t.Fatalf("problems: %+v", res.Report.Problems)
	}
	c := cohort(t, res.Dataset, "foraar-2026")
	got := map[string]programme.Participant{}
	for _, p := range c.Participants {
		got[p.Email] = p
	}
	mona, mads, nina := got["mona@example.org"], got["mads@example.org"], got["nina@example.org"]
	if !slices.Equal(mona.Themes, []string{"forskning", "ledelse"}) || mona.MeetingForm != programme.FormBoth || mona.Capacity != 2 ||
		mona.Seniority != "Overlæge" || !slices.Equal(mona.Avoid, []string{"Per Hansen", "AUH"}) {
		t.Errorf("mentor stored as %+v", mona)
	}
	// A mentee's capacity means nothing and is not kept; themes in the
	// order of programme.yaml.
	if mads.WishSpecialty != "kardiologi" || !slices.Equal(mads.Themes, []string{"karrierevalg", "forskning"}) || mads.MeetingForm != programme.FormOnline ||
		mads.Capacity != 0 || !slices.Equal(mads.Avoid, []string{"mona@example.org"}) {
		t.Errorf("mentee stored as %+v", mads)
	}
	if !slices.Equal(nina.Themes, []string{"arbejdsliv-familieliv"}) || nina.MeetingForm != programme.FormPhysical || nina.Capacity != 1 || nina.Seniority != "12 years" {
		t.Errorf("English headers stored as %+v", nina)
	}
	for _, p := range c.Participants {
		if strings.Contains(p.Name+p.WishSpecialty+strings.Join(p.Avoid, ""), "videre") {
			t.Errorf("free text stored: %+v", p)
		}
	}
}

// A value that is not one of the allowed is rejected with its column.
func TestSignupMatchingErrors(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "t.csv",
		"Navn;E-mail;Rolle;Kohorte;Emner;Mødeform;Antal mentees;Stilling;Undgå",
		"A;a@example.org;mentor;K;Golf;;;;",
		"B;b@example.org;mentor;K;;til fods;;;",
		"C;c@example.org;mentor;K;;;mange;;",
		"D;d@example.org;mentor;K;;;;kirurg;",
		"E;e@example.org;mentor;K;;;;;per@",
	))
	want := map[int]string{2: "Emner", 3: "Mødeform", 4: "Antal mentees", 5: "Stilling", 6: "Undgå"}
	if len(res.Report.Problems) != len(want) {
		t.Fatalf("problems: %+v", res.Report.Problems)
	}
	for _, p := range res.Report.Problems {
		if want[p.Row] != p.Header {
			t.Errorf("row %d: problem in %q (%s), want %q", p.Row, p.Header, p.Message, want[p.Row])
		}
	}
}

func FuzzParseThemes(f *testing.F) {
	cfg, err := store.LoadConfig("../../data")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Forskning, ledelse", "karrierevalg;Research", "Golf", ",,;", "Arbejds- og familieliv\nKonflikter", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids, bad := parseThemes(&cfg.Matching, s)
		seen := map[string]bool{}
		last := -1
		for _, id := range ids {
			k := slices.IndexFunc(cfg.Matching.Themes, func(th programme.Theme) bool { return th.ID == id })
			if k < 0 || seen[id] || k <= last {
				t.Fatalf("parseThemes(%q) = %v: unknown, repeated or out of order", s, ids)
			}
			seen[id], last = true, k
		}
		if bad != "" && !strings.Contains(s, bad) {
			t.Fatalf("parseThemes(%q): bad item %q is not in the text", s, bad)
		}
	})
}

func FuzzParseCapacity(f *testing.F) {
	for _, s := range []string{"2", "2 mentees", "0", "11", "mange", "1 2", " 3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseCapacity(s)
		if ok != (n >= 1 && n <= maxCapacity) {
			t.Fatalf("parseCapacity(%q) = %d, %v", s, n, ok)
		}
		if f, ok2 := parseMeetingForm(s); ok2 != (f != "") {
			t.Fatalf("parseMeetingForm(%q) = %q, %v", s, f, ok2)
		}
	})
}
