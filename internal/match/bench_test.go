package match

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// benchDataset is one cohort with n waiting mentees and 2n/5 mentors of
// capacity 1 to 3, with every kind of sign-up answer, some avoid lists, and
// workplaces shared often enough that the workplace rule bites.
func benchDataset(n int) *programme.Dataset {
	rng := rand.New(rand.NewPCG(uint64(n), 99))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	c := programme.Cohort{ID: "stor"}
	for i := range n + 2*n/5 {
		role := programme.Mentee
		if i >= n {
			role = programme.Mentor
		}
		p := programme.Participant{Email: fmt.Sprintf("p%05d@example.org", i), Name: fmt.Sprintf("Person Nummer%d", i), Role: role,
			SignedUp: today.AddDays(-rng.IntN(365)), Specialty: pick(specialties), Workplace: fmt.Sprintf("Hospital %d", rng.IntN(40)),
			Region: pick(regions), MeetingForm: forms[rng.IntN(len(forms))], Seniority: pick(positions)}
		if role == programme.Mentee {
			p.WishSpecialty = pick(specialties)
		} else {
			p.Capacity = 1 + rng.IntN(3)
		}
		for _, t := range themeIDs {
			if rng.IntN(3) == 0 {
				p.Themes = append(p.Themes, t)
			}
		}
		if rng.IntN(10) == 0 {
			p.Avoid = []string{fmt.Sprintf("Hospital %d", rng.IntN(40)), fmt.Sprintf("p%05d@example.org", rng.IntN(n))}
		}
		c.Participants = append(c.Participants, p)
	}
	return &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c}}
}

// BenchmarkPropose: the proposal with its explanations for one cohort of
// n waiting mentees and 2n/5 mentors (capacity 1 to 3). Reports the most
// one proposal allocated (MB-alloc/op, the total, so an upper bound of
// the heap it adds) besides time; the process's peak resident memory is
// /usr/bin/time's "Maximum resident set size".
func BenchmarkPropose(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000} {
		b.Run(fmt.Sprintf("mentees=%d", n), func(b *testing.B) {
			ds := benchDataset(n)
			var peak uint64
			for b.Loop() {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				p := Propose(ds, today, nil)
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				peak = max(peak, after.TotalAlloc-before.TotalAlloc)
				if len(p[0].Suggestions) == 0 {
					b.Fatal("no suggestions")
				}
			}
			b.ReportMetric(float64(peak)/1e6, "MB-alloc/op")
		})
	}
}
