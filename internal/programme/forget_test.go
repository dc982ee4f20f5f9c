package programme

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// forgetCohort is a cohort in which m1 mentors two mentees (a, b), c is a
// mentee with mentor m2, d waits unmatched, and a, m1 and c have answered
// the evaluation.
func forgetCohort() Cohort {
	return Cohort{
		ID:   "k",
		Name: "Kohorte K",
		Participants: []Participant{
			{Email: "a@x", Name: "A", Role: Mentee}, {Email: "b@x", Name: "B", Role: Mentee},
			{Email: "c@x", Name: "C", Role: Mentee}, {Email: "d@x", Name: "D", Role: Mentee},
			{Email: "m1@x", Name: "M1", Role: Mentor}, {Email: "m2@x", Name: "M2", Role: Mentor},
		},
		Pairs: []Pair{
			{Mentee: "a@x", Mentor: "m1@x"}, {Mentee: "b@x", Mentor: "m1@x"}, {Mentee: "c@x", Mentor: "m2@x"},
		},
		Meetings: []Meeting{
			{Mentee: "a@x", Date: day("2026-01-05"), Held: true}, {Mentee: "a@x", Date: day("2026-02-05"), Held: true},
			{Mentee: "b@x", Date: day("2026-01-06"), Held: true},
			{Mentee: "c@x", Date: day("2026-01-07"), Held: true}, {Mentee: "c@x", Date: day("2026-03-07"), Held: false},
		},
		Evaluations: []Evaluation{
			{Email: "a@x", Role: Mentee, Answers: map[string]int{"q": 4}},
			{Email: "c@x", Role: Mentee}, {Email: "m1@x", Role: Mentor, Comment: "godt"},
		},
		// Handled follow-ups: of the pairs a-m1 and c-m2 (keyed by the
		// mentee), of a's waiting before the match, and of d's waiting.
		Handled: []Handled{
			{Kind: FlagQuiet, Email: "a@x"}, {Kind: FlagWaitingTooLong, Email: "a@x"},
			{Kind: FlagContactRequested, Email: "c@x"}, {Kind: FlagWaitingTooLong, Email: "d@x"},
		},
	}
}

func emails(c Cohort) string {
	var parts []string
	for _, p := range c.Participants {
		parts = append(parts, p.Email)
	}
	parts = append(parts, "|")
	for _, p := range c.Pairs {
		parts = append(parts, p.Mentee+"-"+p.Mentor)
	}
	parts = append(parts, "|")
	for _, m := range c.Meetings {
		parts = append(parts, m.Mentee+"@"+m.Date.String())
	}
	parts = append(parts, "|")
	for _, e := range c.Evaluations {
		parts = append(parts, e.Email)
	}
	parts = append(parts, "|")
	for _, h := range c.Handled {
		parts = append(parts, string(h.Kind)+":"+h.Email)
	}
	return strings.Join(parts, " ")
}

func TestForgetInCohort(t *testing.T) {
	tests := []struct {
		email string
		want  string // emails() of the result
		rem   Removed
	}{
		{"a@x", "b@x c@x d@x m1@x m2@x | b@x-m1@x c@x-m2@x | b@x@2026-01-06 c@x@2026-01-07 c@x@2026-03-07 | c@x m1@x | contact-requested:c@x waiting-too-long:d@x",
			Removed{Cohort: "k", Participants: 1, Pairs: 1, Meetings: 2, Evaluations: 1, Handled: 2, Partners: []string{"m1@x"}}},
		// A mentor of two: both pairs and all their meetings go; the
		// mentees stay, with their evaluations.
		// a's waiting before the match is a's and stays.
		{"m1@x", "a@x b@x c@x d@x m2@x | c@x-m2@x | c@x@2026-01-07 c@x@2026-03-07 | a@x c@x | waiting-too-long:a@x contact-requested:c@x waiting-too-long:d@x",
			Removed{Cohort: "k", Participants: 1, Pairs: 2, Meetings: 3, Evaluations: 1, Handled: 1, Partners: []string{"a@x", "b@x"}}},
		// Meetings held or not, all go with the pair.
		{"c@x", "a@x b@x d@x m1@x m2@x | a@x-m1@x b@x-m1@x | a@x@2026-01-05 a@x@2026-02-05 b@x@2026-01-06 | a@x m1@x | quiet:a@x waiting-too-long:a@x waiting-too-long:d@x",
			Removed{Cohort: "k", Participants: 1, Pairs: 1, Meetings: 2, Evaluations: 1, Handled: 1, Partners: []string{"m2@x"}}},
		{"d@x", "a@x b@x c@x m1@x m2@x | a@x-m1@x b@x-m1@x c@x-m2@x | a@x@2026-01-05 a@x@2026-02-05 b@x@2026-01-06 c@x@2026-01-07 c@x@2026-03-07 | a@x c@x m1@x | quiet:a@x waiting-too-long:a@x contact-requested:c@x",
			Removed{Cohort: "k", Participants: 1, Handled: 1}},
		// Not there: nothing changes.
		{"zz@x", "a@x b@x c@x d@x m1@x m2@x | a@x-m1@x b@x-m1@x c@x-m2@x | a@x@2026-01-05 a@x@2026-02-05 b@x@2026-01-06 c@x@2026-01-07 c@x@2026-03-07 | a@x c@x m1@x | quiet:a@x waiting-too-long:a@x contact-requested:c@x waiting-too-long:d@x",
			Removed{Cohort: "k"}},
		// Addresses are compared as stored, never folded here.
		{"A@x", "a@x b@x c@x d@x m1@x m2@x | a@x-m1@x b@x-m1@x c@x-m2@x | a@x@2026-01-05 a@x@2026-02-05 b@x@2026-01-06 c@x@2026-01-07 c@x@2026-03-07 | a@x c@x m1@x | quiet:a@x waiting-too-long:a@x contact-requested:c@x waiting-too-long:d@x",
			Removed{Cohort: "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			in := forgetCohort()
			before := emails(in)
			got, rem := ForgetInCohort(in, tt.email)
			if s := emails(got); s != tt.want {
				t.Errorf("left\n %s\nwant\n %s", s, tt.want)
			}
			if !reflect.DeepEqual(rem, tt.rem) {
				t.Errorf("removed %+v, want %+v", rem, tt.rem)
			}
			if rem.Any() != (tt.rem.Participants > 0) {
				t.Errorf("Any() = %v", rem.Any())
			}
			if emails(in) != before {
				t.Errorf("the input changed: %s", emails(in))
			}
			if got.ID != in.ID || got.Name != in.Name {
				t.Errorf("id %q, name %q", got.ID, got.Name)
			}
		})
	}
}

// TestForgetInCohortProperty checks, over random cohorts, that nothing left
// names the person, that exactly the records naming them (and the meetings
// of their pairs) went, and that the counts add up.
func TestForgetInCohortProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	for n := 0; n < 500; n++ {
		var c Cohort
		c.ID = "k"
		people := 2 + rng.Intn(8)
		addr := func(i int) string { return fmt.Sprintf("p%d@x", i) }
		for i := 0; i < people; i++ {
			c.Participants = append(c.Participants, Participant{Email: addr(i)})
		}
		for i := 0; i < people; i++ {
			if rng.Intn(2) == 0 {
				c.Pairs = append(c.Pairs, Pair{Mentee: addr(i), Mentor: addr(rng.Intn(people))})
			}
			for k := rng.Intn(4); k > 0; k-- {
				c.Meetings = append(c.Meetings, Meeting{Mentee: addr(i), Date: day("2026-01-01").AddDays(rng.Intn(300))})
			}
			if rng.Intn(2) == 0 {
				c.Evaluations = append(c.Evaluations, Evaluation{Email: addr(i)})
			}
			if rng.Intn(3) == 0 {
				kind := []FlagKind{FlagQuiet, FlagWaitingTooLong, FlagContactRequested}[rng.Intn(3)]
				c.Handled = append(c.Handled, Handled{Kind: kind, Email: addr(i)})
			}
		}
		who := addr(rng.Intn(people + 1))
		got, rem := ForgetInCohort(c, who)
		total := len(c.Participants) + len(c.Pairs) + len(c.Meetings) + len(c.Evaluations) + len(c.Handled)
		left := len(got.Participants) + len(got.Pairs) + len(got.Meetings) + len(got.Evaluations) + len(got.Handled)
		if total-left != rem.Participants+rem.Pairs+rem.Meetings+rem.Evaluations+rem.Handled {
			t.Fatalf("counts %+v do not add up to %d removed", rem, total-left)
		}
		pairMentees := map[string]bool{}
		for _, p := range got.Pairs {
			if p.Mentee == who || p.Mentor == who {
				t.Fatalf("pair %+v left", p)
			}
			pairMentees[p.Mentee] = true
		}
		for _, p := range got.Participants {
			if p.Email == who {
				t.Fatalf("participant left")
			}
		}
		for _, e := range got.Evaluations {
			if e.Email == who {
				t.Fatalf("evaluation left")
			}
		}
		// Every meeting of a pair that stays stays.
		kept := 0
		for _, m := range c.Meetings {
			if m.Mentee == who {
				continue
			}
			goneWithPair := false
			for _, p := range c.Pairs {
				if p.Mentor == who && p.Mentee == m.Mentee {
					goneWithPair = true
				}
			}
			if !goneWithPair {
				kept++
			}
		}
		if kept != len(got.Meetings) {
			t.Fatalf("%d meetings left, want %d", len(got.Meetings), kept)
		}
		for _, m := range got.Meetings {
			if m.Mentee == who {
				t.Fatalf("meeting of the person left")
			}
		}
		for _, h := range got.Handled {
			if h.Email == who {
				t.Fatalf("handled follow-up of the person left")
			}
			if h.Kind != FlagWaitingTooLong && !pairMentees[h.Email] {
				for _, p := range c.Pairs {
					if p.Mentee == h.Email && p.Mentor == who {
						t.Fatalf("handled follow-up of a removed pair left")
					}
				}
			}
		}
		for _, p := range rem.Partners {
			if p == who {
				t.Fatalf("the person is their own partner")
			}
		}
	}
}

func TestFreeTextMentions(t *testing.T) {
	c := Cohort{
		Evaluations: []Evaluation{{Comment: "Tak til Åse Ørn for et godt forløb"}, {Comment: "godt"}, {Comment: "skriv til ASE@X.DK"}},
		Handled:     []Handled{{Action: "ringet til åse ørn"}, {Action: "mail sendt"}},
		// Another participant's avoid list names her twice: one record.
		Participants: []Participant{{Email: "bo@x.dk", Avoid: []string{"Rigshospitalet", "åse ørn", "ASE@x.dk"}}, {Email: "cy@x.dk", Avoid: []string{"Bo"}}},
	}
	tests := []struct {
		words []string
		want  int
	}{
		{[]string{"Åse Ørn", "ase@x.dk"}, 4},
		{[]string{"Åse Ørn"}, 3},
		{[]string{"ase@x.dk"}, 2},
		{[]string{"", "  "}, 0},
		{nil, 0},
		{[]string{"Bo Bak"}, 0},
	}
	for _, tt := range tests {
		if got := FreeTextMentions(&c, tt.words...); got != tt.want {
			t.Errorf("%q: %d, want %d", tt.words, got, tt.want)
		}
	}
}
