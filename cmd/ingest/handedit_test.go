package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestHandEditedAddress: an e-mail address edited by hand in a cohort file
// (capitals, spaces or an invisible character inside quotes, in one record
// or in all) is the person the ingest writes in lower case. A later sign-up
// of the person is no second person, their meeting log finds their pair,
// -forget finds them, and the report says how the file's address is read;
// the file, once saved, is byte for byte what the same runs write without
// the hand edit.
//
// Before the store read addresses by programme.NormEmail, each case failed:
// the sign-up added a second Mads (capitals in the participant only: the
// pair and its meeting stayed with the other), the meeting was rejected
// ("menteen mads@example.org har ikke noget par") and -forget said no one
// had the address.
func TestHandEditedAddress(t *testing.T) {
	signups := []string{
		"Tidsstempel;Navn;E-mail;Rolle;Kohorte;Arbejdsplads;Matchet med;Matchdato",
		"02-01-2026 09:00;Mona Mentor;mona@example.org;mentor;2026-foraar;Herlev Hospital;;",
		"02-01-2026 09:10;Mads Mentee;mads@example.org;mentee;2026-foraar;Rigshospitalet;mona@example.org;01-03-2026",
	}
	again := []string{
		"Tidsstempel;Navn;E-mail;Rolle;Kohorte;Arbejdsplads",
		"05-01-2026 10:00;Mads Mentee;mads@example.org;mentee;2026-foraar;Bispebjerg Hospital",
	}
	meetings := []string{
		"Mentee e-mail;Dato;Type;Afholdt",
		"mads@example.org;10-03-2026;Afklaringsmøde;Ja",
	}
	tests := []struct {
		name  string
		edit  func(string) string
		shown string // how the report names the address as the file has it
	}{
		{"capitals everywhere", func(s string) string {
			return strings.ReplaceAll(s, "mads@example.org", "Mads@Example.ORG")
		}, "Mads@Example.ORG"},
		{"capitals in the participant only", func(s string) string {
			return strings.Replace(s, "- email: mads@example.org", "- email: MADS@example.org", 1)
		}, "MADS@example.org"},
		{"spaces inside quotes", func(s string) string {
			return strings.ReplaceAll(s, ": mads@example.org", `: "  mads@example.org "`)
		}, "  mads@example.org "},
		{"a zero-width space", func(s string) string {
			return strings.ReplaceAll(s, ": mads@example.org", `: "mads@example.org\u200B"`)
		}, "mads@example.org\u200b"},
	}
	steps := func(t *testing.T, data string, edit func(string) string) []result {
		t.Helper()
		var rs []result
		r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", signups...))
		if r.code != 0 {
			t.Fatalf("first ingest: exit %d\n%s", r.code, r.stderr)
		}
		if edit != nil {
			p := filepath.Join(data, "cohorts", "2026-foraar.yaml")
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			edited := edit(string(src))
			if edited == string(src) {
				t.Fatal("the edit changed nothing")
			}
			if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range [][]string{again, meetings} {
			r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "ark.csv", f...))
			rs = append(rs, r)
		}
		return rs
	}
	control := newData(t)
	steps(t, control, nil)
	want := testkit.Snapshot(t, filepath.Join(control, "cohorts"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := newData(t)
			rs := steps(t, data, tt.edit)
			signup, meeting := rs[0], rs[1]
			if signup.code != 0 || !strings.Contains(signup.stderr, "0 nye, 1 opdaterede") {
				t.Errorf("the sign-up again: exit %d, want 0 and the person updated, not new:\n%s", signup.code, signup.stderr)
			}
			if !strings.Contains(signup.stderr, "data/cohorts/2026-foraar.yaml") || !strings.Contains(signup.stderr, "mads@example.org") ||
				!strings.Contains(signup.stderr, strings.Trim(tt.shown, " \u200b")) {
				t.Errorf("the report does not say how the hand-edited address %q is read:\n%s", tt.shown, signup.stderr)
			}
			if meeting.code != 0 || !strings.Contains(meeting.stderr, "1 godkendt, 0 afvist") {
				t.Errorf("the meeting log: exit %d, want its row accepted:\n%s", meeting.code, meeting.stderr)
			}
			got := testkit.Snapshot(t, filepath.Join(data, "cohorts"))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the saved cohort differs from the runs without the hand edit:\n%s\nwant:\n%s", got["2026-foraar.yaml"], want["2026-foraar.yaml"])
			}
		})
		t.Run(tt.name+"/forget", func(t *testing.T) {
			data := newData(t)
			r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", signups...))
			if r.code != 0 {
				t.Fatalf("first ingest: exit %d\n%s", r.code, r.stderr)
			}
			p := filepath.Join(data, "cohorts", "2026-foraar.yaml")
			src, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(tt.edit(string(src))), 0o644)
			r = runIngest(t, "-data", data, "-today", today, "-forget", "mads@example.org", "-dry-run")
			if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "Mads Mentee") {
				t.Errorf("-forget mads@example.org: exit %d, want the person found:\n%s%s", r.code, r.stdout, r.stderr)
			}
			r = runIngest(t, "-data", data, "-today", today, "-forget", "mads@example.org", "-yes")
			if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "1 e-mailadresse i "+p+" var rettet i hånden") {
				t.Errorf("-forget mads@example.org -yes: exit %d, want the person removed, and the hand edit named:\n%s%s", r.code, r.stdout, r.stderr)
			}
			if got, _ := os.ReadFile(p); strings.Contains(strings.ToLower(string(got)), "mads@") {
				t.Errorf("-forget left the address:\n%s", got)
			}
		})
	}
}

// TestHandEditedAddressTwice: a hand edit that makes two participants of a
// file one address ("Mads@Example.org" beside "mads@example.org") stops
// the run, naming the file and both lines, and nothing is written.
func TestHandEditedAddressTwice(t *testing.T) {
	data := newData(t)
	r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", pairSignups...))
	if r.code != 0 {
		t.Fatalf("first ingest: exit %d\n%s", r.code, r.stderr)
	}
	p := filepath.Join(data, "cohorts", "2026-foraar.yaml")
	src, _ := os.ReadFile(p)
	// Mona's address edited to Mads's with a capital: two people, one address.
	os.WriteFile(p, []byte(strings.Replace(string(src), "- email: mona@example.org", "- email: Mads@Example.org", 1)), 0o644)
	before := testkit.Snapshot(t, data)
	r = runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", pairSignups...))
	if r.code != 2 || !strings.Contains(r.stderr, "2026-foraar.yaml:") || !strings.Contains(r.stderr, "mads@example.org") {
		t.Errorf("exit %d, want 2 and an error naming the file's lines:\n%s", r.code, r.stderr)
	}
	if !reflect.DeepEqual(before, testkit.Snapshot(t, data)) {
		t.Error("the run changed data/")
	}
}

// TestForgetPlanSaysRespelled: -forget's plan (with -dry-run, or without
// -yes) is what the user approves; when the file it would save holds an
// address edited by hand, which the save writes as the ingest writes
// addresses, the plan says so, as the run with -yes does afterwards.
func TestForgetPlanSaysRespelled(t *testing.T) {
	signups := []string{
		"Navn;E-mail;Rolle;Kohorte",
		"Mona Mentor;mona@example.org;mentor;2026-foraar",
		"Mads Mentee;mads@example.org;mentee;2026-foraar",
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"-dry-run", []string{"-dry-run"}, 0, "var rettet i hånden"},
		{"no -yes", nil, 2, "var rettet i hånden"},
		{"-yes", []string{"-yes"}, 0, "var rettet i hånden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := newData(t)
			if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", signups...)); r.code != 0 {
				t.Fatalf("first ingest: exit %d\n%s", r.code, r.stderr)
			}
			p := filepath.Join(data, "cohorts", "2026-foraar.yaml")
			src, _ := os.ReadFile(p)
			// Mona's address edited by hand; Mads is the one forgotten.
			if err := os.WriteFile(p, []byte(strings.Replace(string(src), "- email: mona@example.org", "- email: Mona@Example.org", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runIngest(t, append([]string{"-data", data, "-today", today, "-forget", "mads@example.org"}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, p) {
				t.Errorf("exit %d (want %d); the output does not say that %s, saved, gets its hand-edited address rewritten:\n%s", r.code, tc.code, p, r.stderr)
			}
		})
	}
}

// TestEraseKeyTwiceHoldsNoAddress: a cohort file with two records of one
// key (Mona's address edited by hand to Mads's) stops -forget and
// -purge-expired, naming the file and both lines, but nothing they write
// holds an address (their contract: no error, report or -json output
// holds the address or the name), though the ingest's own message names
// the address.
func TestEraseKeyTwiceHoldsNoAddress(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"-forget -dry-run", []string{"-forget", "mads@example.org", "-dry-run"}},
		{"-forget -yes", []string{"-forget", "mads@example.org", "-yes"}},
		{"-forget -json", []string{"-forget", "mads@example.org", "-json", "-dry-run"}},
		{"-purge-expired -yes -json", []string{"-purge-expired", "-yes", "-json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := newData(t)
			if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", pairSignups...)); r.code != 0 {
				t.Fatalf("first ingest: exit %d\n%s", r.code, r.stderr)
			}
			p := filepath.Join(data, "cohorts", "2026-foraar.yaml")
			src, _ := os.ReadFile(p)
			edited := strings.Replace(string(src), "- email: mona@example.org", "- email: Mads@Example.org", 1)
			os.WriteFile(p, []byte(edited), 0o644)
			lineOf := func(s string) int { return 1 + strings.Count(edited[:strings.Index(edited, s)], "\n") }
			first, second := lineOf("- email: mads@example.org"), lineOf("- email: Mads@Example.org")
			where := fmt.Sprintf("%s:%d: listen participants: to deltagere med samme adresse, på linje %d og %d", p, first, first, second)
			r := runIngest(t, append([]string{"-data", data, "-today", today}, tc.args...)...)
			out := r.stdout + r.stderr
			if r.code != 2 || !strings.Contains(r.stderr, where) {
				t.Errorf("exit %d, want 2 and an error naming %s and both lines:\n%s", r.code, where, out)
			}
			if low := strings.ToLower(out); strings.Contains(low, "mads@") || strings.Contains(low, "mona@") {
				t.Errorf("the output holds an address:\n%s", out)
			}
			if got, _ := os.ReadFile(p); string(got) != edited {
				t.Error("the file changed")
			}
		})
	}
	// The ingest names the address, for the secretariat to find the records.
	data := newData(t)
	runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", pairSignups...))
	p := filepath.Join(data, "cohorts", "2026-foraar.yaml")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "- email: mona@example.org", "- email: Mads@Example.org", 1)), 0o644)
	if r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), writeFile(t, "tilmeldinger.csv", pairSignups...)); r.code != 2 || !strings.Contains(r.stderr, "mads@example.org") {
		t.Errorf("the ingest: exit %d, want 2 and the address named:\n%s", r.code, r.stderr)
	}
}
