package status

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// generate builds a dataset of pairs in cohorts with six meetings and two
// evaluations per pair on average, spread over states and flags.
func generate(pairs, cohorts int) *programme.Dataset {
	ds := &programme.Dataset{Config: testConfig()}
	start := d("2024-01-15")
	per := pairs / cohorts
	for c := range cohorts {
		co := programme.Cohort{ID: fmt.Sprintf("kohorte-%02d", c)}
		base := start.AddMonths(c % 24)
		for i := range per {
			mentee := fmt.Sprintf("mentee%05d.k%02d@example.org", i, c)
			mentor := fmt.Sprintf("mentor%05d.k%02d@example.org", i, c)
			co.Participants = append(co.Participants,
				programme.Participant{Email: mentee, Name: fmt.Sprintf("Mentee Nummer%d", i), Role: programme.Mentee, SignedUp: base, Workplace: fmt.Sprintf("Hospital %d", i%17)},
				programme.Participant{Email: mentor, Name: fmt.Sprintf("Mentor Nummer%d", i), Role: programme.Mentor, SignedUp: base, Workplace: fmt.Sprintf("Hospital %d", i%13)})
			p := programme.Pair{Mentee: mentee, Mentor: mentor, Matched: base.AddDays(14)}
			switch i % 10 {
			case 0:
				p.Status, p.Ended = programme.StatusCompleted, base.AddMonths(11)
			case 1:
				p.Status = programme.StatusStopped
			}
			co.Pairs = append(co.Pairs, p)
			n := 7 // six per pair on average: every seventh pair has none
			if i%7 == 0 {
				n = 0 // awaiting clarification
			}
			for m := range n {
				agenda := i%5 != 0 || m != 2
				co.Meetings = append(co.Meetings, programme.Meeting{Mentee: mentee, Date: base.AddDays(30 + 50*m + i%20),
					Type: map[bool]programme.MeetingType{true: programme.MeetingClarification, false: programme.MeetingOrdinary}[m == 0],
					Held: true, AgendaSent: &agenda, ContactRequested: m == n-1 && i%23 == 0})
			}
			for k, who := range []string{mentee, mentor} {
				if (i+k)%4 == 3 {
					who = fmt.Sprintf("extra%05d.k%02d@example.org", i, c)
				}
				co.Evaluations = append(co.Evaluations, programme.Evaluation{Email: who, Role: []programme.Role{programme.Mentee, programme.Mentor}[k],
					Answers: map[string]int{"tilfredshed": 1 + (i+k)%5, "anbefaling": (i * 3) % 11}, Comment: fmt.Sprintf("Kommentar %d", i)})
			}
		}
		for i := range per / 20 {
			co.Participants = append(co.Participants, programme.Participant{Email: fmt.Sprintf("venter%04d.k%02d@example.org", i, c), Name: "Venter", Role: programme.Mentee, SignedUp: base.AddDays(i)})
		}
		ds.Cohorts = append(ds.Cohorts, co)
	}
	return ds
}

func TestGenerate(t *testing.T) {
	ds := generate(10000, 40)
	var pairs, meetings, evals int
	for _, c := range ds.Cohorts {
		pairs += len(c.Pairs)
		meetings += len(c.Meetings)
		evals += len(c.Evaluations)
	}
	if len(ds.Cohorts) != 40 || pairs != 10000 || meetings < 59000 || meetings > 61000 || evals != 20000 {
		t.Errorf("cohorts %d pairs %d meetings %d evaluations %d", len(ds.Cohorts), pairs, meetings, evals)
	}
	if testing.Short() {
		return
	}
	r := New(generate(400, 4), today)
	if err := r.WritePrivate(t.TempDir()+"/p", theme()); err != nil {
		t.Fatal(err)
	}
}

func benchmarkStatus(b *testing.B, pairs int) {
	ds := generate(pairs, 40)
	th := theme()
	b.ResetTimer()
	for i := range b.N {
		r := New(ds, today)
		if err := r.WritePrivate(fmt.Sprintf("%s/p%d", b.TempDir(), i), th); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatus10k builds the status pages (New and WritePrivate) for
// 10,000 pairs in 40 cohorts with 60,000 meetings and 20,000 evaluations.
func BenchmarkStatus10k(b *testing.B) { benchmarkStatus(b, 10000) }

// BenchmarkStatus5k is half the size, to show the growth.
func BenchmarkStatus5k(b *testing.B) { benchmarkStatus(b, 5000) }

// BenchmarkStatus2500 is a quarter of the size.
func BenchmarkStatus2500(b *testing.B) { benchmarkStatus(b, 2500) }

// BenchmarkStatus10kFromDisk is what cmd/build does for the status pages of
// 10,000 pairs: load the register from its 40 cohort files (store.Load),
// then New and WritePrivate. The files are written once, before the timer.
func BenchmarkStatus10kFromDisk(b *testing.B) {
	dir := b.TempDir()
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, store.ProgrammeFile), src, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := store.Save(dir, generate(10000, 40)); err != nil {
		b.Fatal(err)
	}
	th := theme()
	b.ResetTimer()
	for i := range b.N {
		ds, err := store.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := New(ds, today).WritePrivate(fmt.Sprintf("%s/p%d", b.TempDir(), i), th); err != nil {
			b.Fatal(err)
		}
	}
}
