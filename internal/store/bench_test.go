package store

import (
	"fmt"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// benchCohorts is a register of 10,000 pairs in 40 cohorts: 20,000
// participants, about 60,000 meetings and 20,000 evaluations.
func benchCohorts() []programme.Cohort {
	var cohorts []programme.Cohort
	yes := true
	for c := range 40 {
		co := programme.Cohort{ID: fmt.Sprintf("kohorte-%02d", c)}
		base := programme.NewDate(2024, 1, 15).AddMonths(c % 24)
		for i := range 250 {
			mentee := fmt.Sprintf("mentee%05d.k%02d@example.org", i, c)
			mentor := fmt.Sprintf("mentor%05d.k%02d@example.org", i, c)
			co.Participants = append(co.Participants,
				programme.Participant{Email: mentee, Name: fmt.Sprintf("Mentee Nummer%d", i), Role: programme.Mentee, SignedUp: base, Workplace: fmt.Sprintf("Hospital %d, Afdeling %d", i%17, i%5)},
				programme.Participant{Email: mentor, Name: fmt.Sprintf("Mentor Nummer%d", i), Role: programme.Mentor, SignedUp: base, Specialty: "Almen medicin"})
			co.Pairs = append(co.Pairs, programme.Pair{Mentee: mentee, Mentor: mentor, Matched: base.AddDays(14), Status: programme.StatusActive})
			n := 7
			if i%7 == 0 {
				n = 0
			}
			for m := range n {
				typ := programme.MeetingOrdinary
				if m == 0 {
					typ = programme.MeetingClarification
				}
				co.Meetings = append(co.Meetings, programme.Meeting{Mentee: mentee, Date: base.AddDays(30 + 50*m + i%20), Type: typ, AgendaSent: &yes, Held: true, Minutes: 60, Form: "video"})
			}
			for k, who := range []string{mentee, mentor} {
				co.Evaluations = append(co.Evaluations, programme.Evaluation{Email: who, Role: []programme.Role{programme.Mentee, programme.Mentor}[k],
					Answers: map[string]int{"tilfredshed": 1 + (i+k)%5, "anbefaling": (i * 3) % 11}, Comment: fmt.Sprintf("Kommentar %d: godt forløb.", i)})
			}
		}
		cohorts = append(cohorts, co)
	}
	return cohorts
}

// BenchmarkSave10k encodes and writes the 40 cohort files of 10,000 pairs
// into an empty data folder.
func BenchmarkSave10k(b *testing.B) {
	cohorts := benchCohorts()
	b.ResetTimer()
	for range b.N {
		if _, err := SaveCohorts(b.TempDir(), cohorts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad10k reads the 40 cohort files of 10,000 pairs.
func BenchmarkLoad10k(b *testing.B) {
	dir := newData(b)
	if _, err := SaveCohorts(dir, benchCohorts()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, _, err := LoadCohorts(dir); err != nil {
			b.Fatal(err)
		}
	}
}
