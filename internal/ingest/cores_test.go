package ingest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// TestSameOnAnyCores: the parts of a run done in parallel (rows made and
// parsed chunk by chunk, meeting rows' pairs looked up, each cohort's
// meetings merged and clarification meetings inferred, each winning row's
// outcome found, cohort files written) give the same report and the same
// cohort files on one core as on several, for random inputs: several
// cohorts sharing addresses, sign-ups and meeting logs in several files
// whose rows conflict, meetings logged by mentors and with a cohort,
// rejected rows, blank rows, and x marks and slash dates past the first
// chunk of a long log.
func TestSameOnAnyCores(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	for seed := range uint64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			files := coresInput(t, seed)
			var reports []Report
			var cohorts []map[string]string
			for _, procs := range []int{1, 4} {
				prev := runtime.GOMAXPROCS(procs)
				data := newData(t)
				run(t, data, Options{}, files[0], files[1], files[3]) // a register to update
				res := run(t, data, Options{}, files...)
				runtime.GOMAXPROCS(prev)
				reports = append(reports, reportWithoutFile(res.Report))
				cohorts = append(cohorts, cohortFiles(t, data))
				if res.Report.Files[2].Accepted == 0 || res.Report.Files[2].Rejected == 0 {
					t.Fatalf("the meeting log should have rows accepted and rejected: %+v", res.Report.Files[2])
				}
			}
			if !reflect.DeepEqual(reports[0], reports[1]) {
				t.Errorf("report on 1 core\n%+v\non 4\n%+v", reports[0], reports[1])
			}
			if !reflect.DeepEqual(cohorts[0], cohorts[1]) {
				for name, want := range cohorts[0] {
					if got := cohorts[1][name]; got != want {
						t.Errorf("%s on 4 cores differs from 1 core:\n%s\non 1:\n%s", name, got, want)
					}
				}
				t.Errorf("cohort files on 1 core %d, on 4 %d", len(cohorts[0]), len(cohorts[1]))
			}
		})
	}
}

// coresInput writes TestSameOnAnyCores's files: two sign-up sheets, two
// meeting logs (the first over 9,000 rows) and an evaluation export.
func coresInput(t *testing.T, seed uint64) []string {
	rnd := rand.New(rand.NewPCG(seed, 15))
	cohortNames := []string{"Forår 2025", "Efterår 2025", "Forår 2026"}
	var mentors, mentees []string
	for i := range 6 {
		mentors = append(mentors, fmt.Sprintf("mentor%d@example.org", i))
	}
	for i := range 30 {
		mentees = append(mentees, fmt.Sprintf("mentee%d@example.org", i))
	}
	// A date in the given months of year, now and then with slashes.
	date := func(year, from, to int) string {
		day, month := 1+rnd.IntN(28), from+rnd.IntN(to-from+1)
		if rnd.IntN(5) == 0 {
			return fmt.Sprintf("%d/%d/%d", day, month, year)
		}
		return fmt.Sprintf("%02d-%02d-%d", day, month, year)
	}
	signups := func(n int) []string {
		lines := []string{signupHeader}
		for range n {
			c := rnd.IntN(len(cohortNames))
			year := 2025 + c/2
			ts := fmt.Sprintf("%02d-01-%d %02d:%02d", 1+rnd.IntN(28), year, rnd.IntN(24), rnd.IntN(60))
			if rnd.IntN(3) == 0 {
				m := mentors[rnd.IntN(len(mentors))]
				lines = append(lines, fmt.Sprintf("%s;Møller %d;%s;Mentor;%s;Sygehus Sønderjylland;;;;", ts, rnd.IntN(3), m, cohortNames[c]))
				continue
			}
			e := mentees[rnd.IntN(len(mentees))]
			workplace := []string{"Lægehuset Åbyhøj", "La\u0308gehuset A\u030abyho\u0308j", "Rigshospitalet"}[rnd.IntN(3)]
			mentor, matched := mentors[rnd.IntN(len(mentors))], date(year, 1, 3)
			if rnd.IntN(10) == 0 {
				mentor, matched = "", ""
			}
			if rnd.IntN(15) == 0 {
				e = "ikke en adresse"
			}
			lines = append(lines, fmt.Sprintf("%s;Ærø %d;%s;Mentee;%s;%s;%s;%s;;", ts, rnd.IntN(3), e, cohortNames[c], workplace, mentor, matched))
		}
		return lines
	}
	meetings := func(n int, late bool) []string {
		lines := []string{"Mentee e-mail;Mødedato;Mødetype;Dagsorden sendt;Afholdt;Varighed;Mødeform;Kontakt ønskes;Kohorte;Referat"}
		for i := range n {
			if rnd.IntN(50) == 0 {
				lines = append(lines, ";;;;;;;;;")
				continue
			}
			e := mentees[rnd.IntN(len(mentees))]
			if rnd.IntN(8) == 0 {
				e = mentors[rnd.IntN(len(mentors))]
			}
			if rnd.IntN(40) == 0 {
				e = "ukendt@example.org"
			}
			cohort := ""
			if rnd.IntN(6) == 0 {
				cohort = cohortNames[rnd.IntN(len(cohortNames))]
			}
			agenda, contact := []string{"", "", "ja", "nej"}[rnd.IntN(4)], ""
			if late && i > n-100 && rnd.IntN(20) == 0 {
				agenda, contact = "x", "x"
			}
			typ := []string{"Møde", "Møde", "Mo\u0308de", "Mode", "Afklaringsmøde"}[rnd.IntN(4+rnd.IntN(2)*rnd.IntN(2)*rnd.IntN(2))]
			minutes := []string{"60", "90", "1,5 t", "", "0"}[rnd.IntN(5)]
			form := []string{"", "video", "fysisk", "telefon"}[rnd.IntN(4)]
			lines = append(lines, strings.Join([]string{e, date(2025+rnd.IntN(2), 2, 12), typ, agenda, "", minutes, form, contact, cohort, "fortroligt"}, ";"))
		}
		return lines
	}
	eval := []string{"ID,Start time,Completion time,Email,Name,Samlet tilfredshed,Udbytte,Match,Anbefaling (0-10),Kommentarer"}
	for i := range 25 {
		e := append(mentees, mentors...)[rnd.IntN(len(mentees)+len(mentors))]
		eval = append(eval, fmt.Sprintf("%d,14-09-2026 20:06:52,14-09-2026 20:11:05,%s,N,%d,%d,%d,%d,tekst", i+1, e, 1+rnd.IntN(5), 1+rnd.IntN(5), 1+rnd.IntN(6), rnd.IntN(12)))
	}
	return []string{
		file(t, "tilmeldinger1.csv", signups(60)...),
		file(t, "tilmeldinger2.csv", signups(40)...),
		file(t, "moedelog1.csv", meetings(9000, true)...),
		file(t, "moedelog2.csv", meetings(500, false)...),
		file(t, "evaluering.csv", eval...),
	}
}

// cohortFiles returns the text of each cohort file under data.
func cohortFiles(t *testing.T, data string) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(data, store.CohortDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(b)
	}
	return out
}
