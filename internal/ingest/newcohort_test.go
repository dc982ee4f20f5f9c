package ingest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

func TestCohortDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		alike bool
		d     int
	}{
		// Misspellings.
		{"mentorr-2026", "mentor-2026", true, 1},
		{"forar-2026", "foraar-2026", true, 1},
		{"foraar-2o26", "foraar-2026", true, 1}, // the letter O for a zero
		{"froaar-2026", "foraar-2026", true, 1}, // two letters swapped
		{"efteraaar-2025", "efteraar-2025", true, 1},
		{"efterar-2025", "efteraar-2025", true, 1},
		{"mentorr-2o26", "mentor-2026", true, 2}, // one edit in each of two parts
		{"forr-2026", "foraar-2026", false, 0},   // a part of 4 letters: at most 1 edit
		// Equal but for dashes: spaces and punctuation differ.
		{"foraar2026", "foraar-2026", true, 0},
		{"2026foraar", "2026-foraar", true, 0},
		{"for-aar-2026", "foraar-2026", true, 0},
		// Another number is another cohort, not a typo.
		{"foraar-2027", "foraar-2026", false, 0},
		{"2027-foraar", "2026-foraar", false, 0},
		{"hold-10", "hold-1", false, 0},
		{"hold-2-2026", "hold-1-2026", false, 0},
		// ... also where the number is part of a word.
		{"mentor2027", "mentor2026", false, 0},
		{"hold-3a", "hold-2a", false, 0},
		{"hold-12a", "hold-2a", false, 0},
		{"2027foraar", "2026foraar", false, 0},
		{"foraar-2026-hold2", "foraar-2026-hold1", false, 0},
		// Another single letter is another group.
		{"hold-b-2026", "hold-a-2026", false, 0},
		{"hold-2b", "hold-2a", false, 0},
		{"hold-b2-2026", "hold-a2-2026", false, 0},
		// But a letter for a digit, or a letter more, is a typo.
		{"mentor-2o26", "mentor-2026", true, 1},
		{"mentorr2026", "mentor2026", true, 1},
		{"foraar-2026e", "foraar-2026", true, 1},
		// Other names.
		{"efteraar-2026", "foraar-2026", false, 0},
		{"foraar-2026-ekstra", "foraar-2026", false, 0},
		{"mentorer-2026", "mentee-2026", false, 0},
		{"abc-2026", "xbz-2026", false, 0}, // two edits in a short part
		{"mentorrr-2o26", "mentor-2026", false, 0},
		// The same cohort is not "alike".
		{"foraar-2026", "foraar-2026", false, 0},
	} {
		for _, ab := range [][2]string{{c.a, c.b}, {c.b, c.a}} {
			d, ok := cohortDistance(ab[0], ab[1])
			if ok != c.alike || (ok && d != c.d) {
				t.Errorf("cohortDistance(%q, %q) = %d, %v; want %d, %v", ab[0], ab[1], d, ok, c.d, c.alike)
			}
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"abc", "abc", 0},
		{"abc", "acb", 1}, {"abc", "abd", 1}, {"abc", "ab", 1}, {"ab", "abc", 1},
		{"kitten", "sitting", 3}, {"ca", "abc", 3}, {"forår", "foår", 1},
	} {
		if got := editDistance([]rune(c.a), []rune(c.b), 10); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
		// Bounded: the distance where it is at most k, else k+1.
		for k := range 4 {
			if got := editDistance([]rune(c.a), []rune(c.b), k); got != min(c.d, k+1) {
				t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, k, got, min(c.d, k+1))
			}
		}
	}
}

// newCohortNotes returns the new-cohort notes of a report, as
// "code row: message".
func newCohortNotes(rep *Report) []string {
	var out []string
	for _, n := range rep.Notes {
		if n.NewCohort() {
			out = append(out, fmt.Sprintf("%s %d: %s", n.Code, n.Row, n.Message))
		}
	}
	return out
}

// signupRows makes n sign-up rows of mentors in cohort, their addresses
// starting with prefix.
func signupRows(prefix, cohort string, n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("01-02-2026 10:00;Mentor %s %d;%s%d@example.org;Mentor;%s;Klinik;;;;", prefix, i, prefix, i, cohort))
	}
	return out
}

func TestNewCohortNotes(t *testing.T) {
	existing := file(t, "gammel.csv", append([]string{signupHeader}, signupRows("f", "Forår 2026", 3)...)...)
	for _, c := range []struct {
		name     string
		existing bool // the register has "Forår 2026" (foraar-2026) first
		opts     Options
		lines    []string
		want     []string
	}{{
		name:     "a new cohort next to an existing one, year only differs",
		existing: true,
		opts:     Options{DryRun: true},
		lines:    signupRows("n", "Forår 2027", 2),
		want:     []string{`new-cohort 2: kohorten "Forår 2027" (foraar-2027) er ny: 2 tilmeldinger opretter den`},
	}, {
		name:     "a new cohort is named as it is saved: as its last sign-up writes it",
		existing: true,
		opts:     Options{DryRun: true},
		lines:    slices.Concat(signupRows("n", "forår 2027", 1), signupRows("m", "Forår 2027", 2)),
		want:     []string{`new-cohort 2: kohorten "Forår 2027" (foraar-2027) er ny: 3 tilmeldinger opretter den`},
	}, {
		name:     "misspellings of an existing cohort, dry run",
		existing: true,
		opts:     Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Foraar 2026", 1), signupRows("b", "Forår 2026", 1),
			signupRows("c", "Forar 2026", 1), signupRows("d", "Forår2026", 2), signupRows("e", "Mentorr 2026", 1)),
		want: []string{
			`new-cohort-similar 4: kohorten "Forar 2026" (forar-2026) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
			`new-cohort-similar 5: kohorten "Forår2026" (foraar2026) er ny: 2 tilmeldinger opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
			`new-cohort 7: kohorten "Mentorr 2026" (mentorr-2026) er ny: 1 tilmelding opretter den`,
		},
	}, {
		name:     "a misspelling saved says which file to delete",
		existing: true,
		lines:    signupRows("c", "Forar 2026", 1),
		want: []string{
			`new-cohort-similar 2: kohorten "Forar 2026" (forar-2026) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så slet DATA/cohorts/forar-2026.yaml (den har kun det, der blev gemt i den nu), ret kohorten i arket, og indlæs det igen`,
		},
	}, {
		name:     "-strict with a rejected row saves nothing: correct before saving",
		existing: true,
		opts:     Options{Strict: true},
		lines:    append(signupRows("c", "Forar 2026", 1), "01-02-2026 10:00;;x@example.org;Mentor;Forår 2026;;;;;"),
		want: []string{
			`new-cohort-similar 2: kohorten "Forar 2026" (forar-2026) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
		},
	}, {
		name:  "a first import: every cohort is new; no hints between unlike ones",
		opts:  Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Forår 2026", 3), signupRows("b", "Efterår 2026", 2), signupRows("c", "Forår 2027", 4)),
		want: []string{
			`new-cohort 2: kohorten "Forår 2026" (foraar-2026) er ny: 3 tilmeldinger opretter den`,
			`new-cohort 5: kohorten "Efterår 2026" (efteraar-2026) er ny: 2 tilmeldinger opretter den`,
			`new-cohort 7: kohorten "Forår 2027" (foraar-2027) er ny: 4 tilmeldinger opretter den`,
		},
	}, {
		name:  "a first import with a typo on one row: the smaller cohort points at the larger",
		opts:  Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Forår 2026", 3), signupRows("b", "Forår 2O26", 1), signupRows("c", "Forår 2026", 47)),
		want: []string{
			`new-cohort 2: kohorten "Forår 2026" (foraar-2026) er ny: 50 tilmeldinger opretter den`,
			`new-cohort-similar 5: kohorten "Forår 2O26" (foraar-2o26) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som 50 tilmeldinger i samme indlæsning opretter: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
		},
	}, {
		name:  "a first import, two alike with as many rows: each points at the other",
		opts:  Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Mentor 2026", 2), signupRows("b", "Mentorr 2026", 2)),
		want: []string{
			`new-cohort-similar 2: kohorten "Mentor 2026" (mentor-2026) er ny: 2 tilmeldinger opretter den; den ligner "Mentorr 2026" (mentorr-2026), som 2 tilmeldinger i samme indlæsning opretter: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
			`new-cohort-similar 4: kohorten "Mentorr 2026" (mentorr-2026) er ny: 2 tilmeldinger opretter den; den ligner "Mentor 2026" (mentor-2026), som 2 tilmeldinger i samme indlæsning opretter: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
		},
	}, {
		name:     "an existing cohort is nearer than a new one",
		existing: true,
		opts:     Options{DryRun: true},
		lines:    slices.Concat(signupRows("a", "Foraar 2O26", 1), signupRows("b", "Forar 2026", 5)),
		want: []string{
			`new-cohort-similar 2: kohorten "Foraar 2O26" (foraar-2o26) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
			`new-cohort-similar 3: kohorten "Forar 2026" (forar-2026) er ny: 5 tilmeldinger opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`,
		},
	}, {
		name:  "rejected rows create nothing and are not counted",
		opts:  Options{DryRun: true},
		lines: append(signupRows("a", "Forår 2026", 2), "01-02-2026 10:00;;x@example.org;Mentor;Forår 2026;;;;;", "01-02-2026 10:00;;y@example.org;Mentor;Mentorr 2026;;;;;"),
		want:  []string{`new-cohort 2: kohorten "Forår 2026" (foraar-2026) er ny: 2 tilmeldinger opretter den`},
	}, {
		name: "a person signed up twice is one sign-up",
		opts: Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Forår 2026", 2), signupRows("a", "Forår 2026", 1),
			[]string{"02-02-2026 10:00;Mentor a 0;a0@example.org;Mentor;Forår 2026;Hospital;;;;"}),
		want: []string{`new-cohort 2: kohorten "Forår 2026" (foraar-2026) er ny: 2 tilmeldinger opretter den`},
	}, {
		name:     "an invisible character in the name is the same cohort",
		existing: true,
		opts:     Options{DryRun: true},
		lines:    slices.Concat(signupRows("a", "For\u200bår 2026", 1), signupRows("b", "Forår\u00ad 2026", 1), signupRows("c", "Forår 2026", 1)),
	}, {
		name:     "no new cohort, no note",
		existing: true,
		opts:     Options{DryRun: true},
		lines:    signupRows("a", "foraar-2026", 2),
	}} {
		t.Run(c.name, func(t *testing.T) {
			data := newData(t)
			if c.existing {
				if res := run(t, data, Options{}, existing); len(newCohortNotes(res.Report)) != 1 {
					t.Fatalf("setup: %q", newCohortNotes(res.Report))
				}
			}
			res := run(t, data, c.opts, file(t, "ny.csv", append([]string{signupHeader}, c.lines...)...))
			got := newCohortNotes(res.Report)
			for i := range got {
				got[i] = strings.ReplaceAll(got[i], filepath.ToSlash(data), "DATA")
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			// They come first, and name the file of the row.
			for i, n := range res.Report.Notes[:len(got)] {
				if !n.NewCohort() || filepath.Base(n.File) != "ny.csv" {
					t.Errorf("note %d is %+v", i, n)
				}
			}
		})
	}
}

// TestNewCohortNotesChangeNothingElse: the notes (new-cohort,
// new-cohort-similar, cohort-renamed) are the report's only.
// On random registers and inputs (cohort names with misspellings, years
// and spacing that differ, rejected rows, meetings naming cohorts), a run
// with the notes and one without save the same data/, and their reports
// are the same but for the new-cohort notes; a dry run writes nothing.
func TestNewCohortNotesChangeNothingElse(t *testing.T) {
	names := []string{"Forår 2026", "Forar 2026", "Foraar 2026", "Forår2026", "Forår 2027", "Mentorr 2026", "Mentor 2026", "Efterår 2026", "Forår 2O26"}
	for seed := range uint64(12) {
		rnd := rand.New(rand.NewPCG(seed, 7))
		signups := func(n int) string {
			lines := []string{signupHeader}
			for range n {
				name := names[rnd.IntN(len(names))]
				if rnd.IntN(4) > 0 {
					name = names[rnd.IntN(2)] // most rows in the first cohorts
				}
				e := fmt.Sprintf("p%d@example.org", rnd.IntN(40))
				if rnd.IntN(12) == 0 {
					e = "ikke en adresse"
				}
				lines = append(lines, fmt.Sprintf("0%d-02-2026 10:00;Person %s;%s;Mentor;%s;Klinik;;;;", 1+rnd.IntN(9), e, e, name))
			}
			return file(t, "tilmeldinger.csv", lines...)
		}
		meetings := func(n int) string {
			lines := []string{"Mentee e-mail;Mødedato;Kohorte"}
			for range n {
				lines = append(lines, fmt.Sprintf("p%d@example.org;0%d-03-2026;%s", rnd.IntN(40), 1+rnd.IntN(9), names[rnd.IntN(len(names))]))
			}
			return file(t, "moeder.csv", lines...)
		}
		base := []string{}
		if seed%3 > 0 { // a third start from an empty register
			base = append(base, signups(5+rnd.IntN(20)))
		}
		in := []string{signups(1 + rnd.IntN(30)), meetings(rnd.IntN(5))}
		rejects := t.TempDir()
		var snaps [2]map[string]string
		var reports [2]string
		for i, on := range []bool{true, false} {
			noteNew = on
			data := newData(t)
			if len(base) > 0 {
				run(t, data, Options{}, base...)
			}
			before := testkit.Snapshot(t, data)
			dry := run(t, data, Options{DryRun: true, Rejects: rejects}, in...)
			if !maps.Equal(before, testkit.Snapshot(t, data)) {
				t.Errorf("seed %d: a dry run changed data/", seed)
			}
			res := run(t, data, Options{Rejects: rejects}, in...)
			if on && len(newCohortNotes(dry.Report)) != len(newCohortNotes(res.Report)) {
				t.Errorf("seed %d: the dry run notes %q, the run %q", seed, newCohortNotes(dry.Report), newCohortNotes(res.Report))
			}
			snap := testkit.Snapshot(t, data)
			for k, v := range snap {
				snap[k] = strings.ReplaceAll(v, data, "DATA")
			}
			snaps[i] = snap
			rep := *res.Report
			rep.Notes = slices.DeleteFunc(slices.Clone(rep.Notes), func(n Note) bool { return n.NewCohort() || n.Code == CodeCohortRenamed })
			var b strings.Builder
			rep.WriteJSON(&b)
			reports[i] = strings.ReplaceAll(b.String(), data, "DATA")
		}
		noteNew = true
		if !maps.Equal(snaps[0], snaps[1]) {
			t.Errorf("seed %d: data/ differs with the notes and without", seed)
		}
		if reports[0] != reports[1] {
			t.Errorf("seed %d: the reports differ but for the notes:\n%s\n---\n%s", seed, reports[0], reports[1])
		}
	}
}

func TestRenamedCohortNotes(t *testing.T) {
	for _, c := range []struct {
		name  string
		opts  Options
		lines []string
		want  []string
	}{{
		name:  "another spelling of the same cohort renames it: noted",
		opts:  Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Forår 2026", 1), signupRows("b", "Foraar  2026", 1)),
		want:  []string{`cohort-renamed 3: kohorten "Forår 2026" (foraar-2026) får navnet "Foraar 2026", som rækken skriver det; det er den samme kohorte, men navnet vises på statussiderne. Er det gamle navn det rigtige, så skriv "Forår 2026" i arket, og indlæs det igen, før du gemmer`},
	}, {
		name:  "saved",
		lines: signupRows("b", "FORÅR 2026", 1),
		want:  []string{`cohort-renamed 2: kohorten foraar-2026 hedder nu "FORÅR 2026" (før "Forår 2026"), som rækken skriver det; det er den samme kohorte, men navnet vises på statussiderne. Er det gamle navn det rigtige, så skriv "Forår 2026" i arket, og indlæs det igen`},
	}, {
		name:  "the last row keeps the name: nothing to note",
		opts:  Options{DryRun: true},
		lines: slices.Concat(signupRows("a", "Foraar 2026", 1), signupRows("b", "Forår 2026", 1)),
	}, {
		name:  "the id as the name changes nothing",
		opts:  Options{DryRun: true},
		lines: signupRows("a", "foraar-2026", 1),
	}} {
		t.Run(c.name, func(t *testing.T) {
			data := newData(t)
			run(t, data, Options{}, file(t, "gammel.csv", append([]string{signupHeader}, signupRows("f", "Forår 2026", 2)...)...))
			res := run(t, data, c.opts, file(t, "ny.csv", append([]string{signupHeader}, c.lines...)...))
			var got []string
			for _, n := range res.Report.Notes {
				if n.Code == CodeCohortRenamed {
					got = append(got, fmt.Sprintf("%s %d: %s", n.Code, n.Row, n.Message))
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if name := cohort(t, res.Dataset, "foraar-2026").Name; len(c.want) > 0 && c.opts.DryRun == (name != "Forår 2026") {
				t.Errorf("the stored name is %q", name)
			}
		})
	}
}

// FuzzCohortDistance holds the closeness rule to its promises on any two
// cohort names (their ids before a long one is shortened, as cohortKey
// compares them): it is symmetric, a cohort is not alike itself, alike ids
// are at most 2 edits apart, and two ids that differ only in a number
// (another year, also inside a word) are never alike. editDistance is a
// distance: symmetric, zero only between equal strings, at least the
// difference in length and at most the longer length; bounded by k, it is
// the distance where that is at most k, else k+1.
func FuzzCohortDistance(f *testing.F) {
	for _, s := range [][2]string{{"Forår 2026", "Foraar 2026"}, {"Mentorr 2026", "Mentor 2026"}, {"Forår 2026", "Forår2026"},
		{"Hold A", "Hold B"}, {"efterår 2025", "forår 2025"}, {"", "x"}, {"2O26", "2026"}} {
		f.Add(s[0], s[1], uint16(2026), uint16(2027))
	}
	f.Fuzz(func(t *testing.T, x, y string, n, m uint16) {
		a, b := fullSlug(x), fullSlug(y) // what is compared: cohortKey
		d1, ok1 := cohortDistance(a, b)
		d2, ok2 := cohortDistance(b, a)
		if d1 != d2 || ok1 != ok2 {
			t.Fatalf("not symmetric: %q %q: %d %v, %d %v", a, b, d1, ok1, d2, ok2)
		}
		if ok1 && (a == b || d1 < 0 || d1 > 2) {
			t.Fatalf("%q %q alike at %d", a, b, d1)
		}
		if a != "" && n != m {
			// A number of its own ("Forår 2026"), or in a word
			// ("Mentor2026", "Hold 2A").
			for _, f := range []string{"%s %d", "%s%d", "%[1]s%[2]d%[1]s"} {
				ya, yb := fullSlug(fmt.Sprintf(f, x, n)), fullSlug(fmt.Sprintf(f, x, m))
				if _, ok := cohortDistance(ya, yb); ok {
					t.Fatalf("%q and %q differ only in the number, yet are alike", ya, yb)
				}
			}
		}
		ra, rb := []rune(x), []rune(y)
		full := max(len(ra), len(rb)) // no bound
		e := editDistance(ra, rb, full)
		if e != editDistance(rb, ra, full) || (e == 0) != (string(ra) == string(rb)) || e < max(len(ra), len(rb))-min(len(ra), len(rb)) || e > max(len(ra), len(rb)) {
			t.Fatalf("editDistance(%q, %q) = %d", x, y, e)
		}
		for k := range 4 {
			if got := editDistance(ra, rb, k); got != min(e, k+1) {
				t.Fatalf("editDistance(%q, %q, %d) = %d; the distance is %d", x, y, k, got, e)
			}
		}
	})
}

// TestNewCohortNotesLongNames: a name whose id is shortened with a hash
// (over MaxIDLen) is compared by its whole name: a misspelling anywhere in
// it is noted, another year at its end is not.
func TestNewCohortNotesLongNames(t *testing.T) {
	long := "Mentorprogram for yngre læger i Region Hovedstaden, almen medicin og psykiatri, forår 2026"
	if len(fullSlug(long)) <= MaxIDLen {
		t.Fatalf("%q is not long", long)
	}
	label := func(name string) string { return fmt.Sprintf("%q (%s)", name, Slug(name)) }
	for _, c := range []struct {
		name    string
		similar bool
	}{
		{strings.Replace(long, "psykiatri", "psykiatr", 1), true}, // a letter missing after the first 80
		{strings.Replace(long, "yngre", "ynrge", 1), true},        // two letters swapped in the first 80
		{strings.Replace(long, "Region Hovedstaden,", "RegionHovedstaden", 1), true},
		{strings.Replace(long, "2026", "2027", 1), false}, // another year
		{strings.Replace(long, "psykiatri", "kirurgi", 1), false},
	} {
		data := newData(t)
		run(t, data, Options{}, file(t, "gammel.csv", append([]string{signupHeader}, signupRows("f", long, 2)...)...))
		res := run(t, data, Options{DryRun: true}, file(t, "ny.csv", append([]string{signupHeader}, signupRows("n", c.name, 1)...)...))
		want := fmt.Sprintf("new-cohort 2: kohorten %s er ny: 1 tilmelding opretter den", label(c.name))
		if c.similar {
			want = fmt.Sprintf("new-cohort-similar 2: kohorten %s er ny: 1 tilmelding opretter den; den ligner %s, som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer",
				label(c.name), label(long))
		}
		if got := newCohortNotes(res.Report); !slices.Equal(got, []string{want}) {
			t.Errorf("%q:\n%s\nwant\n%s", c.name, strings.Join(got, "\n"), want)
		}
	}
}

// TestNewCohortNotesShortenNames: a cohort name pasted with far too much
// text is cut by its middle in the notes, as in the long-cohort-name note,
// not repeated whole.
func TestNewCohortNotesShortenNames(t *testing.T) {
	huge := "Forår 2026 " + strings.Repeat("og så videre ", 500)
	data := newData(t)
	run(t, data, Options{}, file(t, "gammel.csv", append([]string{signupHeader}, signupRows("f", huge, 1)...)...))
	res := run(t, data, Options{DryRun: true}, file(t, "ny.csv", append([]string{signupHeader},
		slices.Concat(signupRows("n", huge+"x", 1), signupRows("m", strings.ToUpper(huge), 1))...)...))
	var n int
	for _, note := range res.Report.Notes {
		if note.NewCohort() || note.Code == CodeCohortRenamed {
			n++
			if len(note.Message) > 1200 || !strings.Contains(note.Message, bothEnds(huge+"x")) && !strings.Contains(note.Message, bothEnds(strings.ToUpper(huge))) {
				t.Errorf("%s: %d bytes: %.300s", note.Code, len(note.Message), note.Message)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d notes, want a new cohort and a renamed one: %+v", n, res.Report.Notes)
	}
}

// TestCohortNameForeignLetter: a cohort name with a letter of another
// alphabet that looks like a Danish one (a Cyrillic or Greek o in
// "Forår 2026", pasted from elsewhere) is rejected, and the reason names
// the letter: the name as shown looks right.
func TestCohortNameForeignLetter(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{DryRun: true}, file(t, "ny.csv", append([]string{signupHeader},
		slices.Concat(signupRows("a", "F\u043er\u00e5r 2026", 1), signupRows("b", "F\u03bfr\u00e5r 2026", 1), signupRows("c", "Forår 2026!", 1))...)...))
	var got []string
	for _, p := range res.Report.Problems {
		got = append(got, fmt.Sprintf("%d %s %s", p.Row, p.Field, p.Message))
	}
	want := []string{
		"2 cohort \"F\u043er\u00e5r 2026\" kan ikke bruges som kohortens navn: tegnet »\u043e« (U+043E) er ikke et af bogstaverne a-z, æ, ø, å eller et tal, selv om det kan ligne et af dem. Skriv navnet igen med bogstaverne a-z, æ, ø, å og tal, som 2026-foraar.",
		"3 cohort \"F\u03bfr\u00e5r 2026\" kan ikke bruges som kohortens navn: tegnet »\u03bf« (U+03BF) er ikke et af bogstaverne a-z, æ, ø, å eller et tal, selv om det kan ligne et af dem. Skriv navnet igen med bogstaverne a-z, æ, ø, å og tal, som 2026-foraar.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if notes := newCohortNotes(res.Report); len(notes) != 1 || !strings.Contains(notes[0], "(foraar-2026) er ny: 1 tilmelding") {
		t.Errorf("only the valid row creates a cohort: %q", notes)
	}
}

// BenchmarkNewCohortNotes5000: a sign-up sheet whose Kohorte column holds
// 5,000 different names of one shape ("Hold cjbebh 3", as where another
// column is read as the cohort), all new and of one length, which a
// comparison of every two would make the worst case of the notes (19 s
// when each comparison split and allocated its ids; 2.7 s with the ids
// read once and the cheap tests first; under half a second with
// alikeIndex).
func BenchmarkNewCohortNotes5000(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 2))
	lines := []string{signupHeader}
	names := map[string]bool{}
	for i := range 5000 {
		w := make([]byte, 6)
		for j := range w {
			w[j] = byte('a' + rnd.IntN(10))
		}
		name := fmt.Sprintf("Hold %s %d", w, i%7)
		names[name] = true
		lines = append(lines, fmt.Sprintf("01-02-2026 10:00;P %d;p%d@example.org;Mentor;%s;;;;;", i, i, name))
	}
	data := newData(b)
	f := file(b, "hold.csv", lines...)
	for b.Loop() {
		if res := run(b, data, Options{DryRun: true}, f); len(newCohortNotes(res.Report)) != len(names) {
			b.Fatalf("%d notes of new cohorts, want %d", len(newCohortNotes(res.Report)), len(names))
		}
	}
}

// TestAlikeIndex: the index finds every cohort alike another, as comparing
// each with every other does, on ids of many lengths (across smallID) made
// alike by random edits, numbers and dashes.
func TestAlikeIndex(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	letters := []rune("abcde12-")
	var keys []string
	for range 150 {
		base := make([]rune, 1+rnd.IntN(smallID+6))
		for i := range base {
			base[i] = letters[rnd.IntN(len(letters))]
		}
		for range 1 + rnd.IntN(4) {
			k := slices.Clone(base)
			for range rnd.IntN(3) {
				i := rnd.IntN(len(k))
				switch rnd.IntN(4) {
				case 0:
					k[i] = letters[rnd.IntN(len(letters))]
				case 1:
					k = slices.Insert(k, i, letters[rnd.IntN(len(letters))])
				case 2:
					if len(k) > 1 {
						k = slices.Delete(k, i, i+1)
					}
				case 3:
					if i+1 < len(k) {
						k[i], k[i+1] = k[i+1], k[i]
					}
				}
			}
			if key := Slug(string(k)); key != "" {
				keys = append(keys, fullSlug(string(k)))
			}
		}
	}
	shapes := make([]*shape, len(keys))
	for i, k := range keys {
		shapes[i] = newShape(k)
	}
	index := newAlikeIndex(shapes)
	alike := 0
	for _, a := range shapes {
		found := index.candidates(a)
		if !slices.IsSorted(found) {
			t.Fatalf("%q: candidates out of order: %v", a.key, found)
		}
		for j, b := range shapes {
			if _, ok := distance(a, b); ok {
				alike++
				if _, in := slices.BinarySearch(found, j); !in {
					t.Errorf("%q and %q are alike, but the index does not find the second for the first", a.key, b.key)
				}
			}
		}
	}
	if alike < 100 {
		t.Fatalf("only %d alike pairs of %d ids: the test shows little", alike, len(keys))
	}
}
