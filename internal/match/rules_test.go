package match

import (
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Each hard rule, with the reason Check gives.
func TestCheckRules(t *testing.T) {
	p := func(email, name string, role programme.Role, work string, mod func(*programme.Participant)) programme.Participant {
		q := programme.Participant{Email: email, Name: name, Role: role, Workplace: work, SignedUp: today.AddDays(-60)}
		if mod != nil {
			mod(&q)
		}
		return q
	}
	c := programme.Cohort{ID: "k", Participants: []programme.Participant{
		p("me@example.org", "Mette Mentee", programme.Mentee, "Rigshospitalet, Blegdamsvej", nil),
		p("busy@example.org", "Bo Travl", programme.Mentee, "OUH", nil),
		p("picky@example.org", "Pia Kræsen", programme.Mentee, "OUH", func(q *programme.Participant) { q.Avoid = []string{"Mads Mentor"} }),
		p("mo@example.org", "Mads Mentor", programme.Mentor, "AUH", nil),
		p("rh@example.org", "Rikke Rigs", programme.Mentor, "RH", nil),
		p("full@example.org", "Finn Fuld", programme.Mentor, "Herlev Hospital", nil),
		p("shy@example.org", "Sara Sky", programme.Mentor, "Herlev Hospital", func(q *programme.Participant) { q.Avoid = []string{"Rigshospitalet"} }),
		p("old@example.org", "Ole Gammel", programme.Mentor, "Herlev Hospital", func(q *programme.Participant) { q.Capacity = 3 }),
		// Entries written with a comma, as a form's answer may be.
		p("comma@example.org", "Carl Komma", programme.Mentee, "OUH", func(q *programme.Participant) { q.Avoid = []string{"Mads Mentor, AUH"} }),
		p("sites@example.org", "Sif Steder", programme.Mentee, "OUH", func(q *programme.Participant) { q.Avoid = []string{"Hvidovre Hospital, Herlev Hospital"} }),
		p("glostrup@example.org", "Gry Glostrup", programme.Mentee, "OUH", func(q *programme.Participant) { q.Avoid = []string{"Rigshospitalet, Glostrup"} }),
		// A name with a middle name left out; a surname alone is not enough.
		p("middle@example.org", "Mie Midt", programme.Mentee, "OUH", func(q *programme.Participant) { q.Avoid = []string{"Sara Sky", "Gammel"} }),
		p("oneword@example.org", "Ole Ord", programme.Mentee, "OUH", func(q *programme.Participant) { q.Avoid = []string{"Ole"} }),
		p("sara.b@example.org", "Sara Bodil Sky", programme.Mentor, "Hvidovre Hospital", nil),
	}}
	other := programme.Cohort{ID: "foer", Participants: []programme.Participant{
		p("busy@example.org", "Bo Travl", programme.Mentee, "OUH", nil),
		p("x@example.org", "X", programme.Mentee, "OUH", nil),
		p("full@example.org", "Finn Fuld", programme.Mentor, "Herlev Hospital", nil),
		p("me@example.org", "Mette Mentee", programme.Mentee, "Rigshospitalet", nil),
		p("old@example.org", "Ole Gammel", programme.Mentor, "Herlev Hospital", nil),
	}, Pairs: []programme.Pair{
		{Mentee: "busy@example.org", Mentor: "ext@example.org", Matched: today.AddDays(-30), Status: programme.StatusActive},
		{Mentee: "x@example.org", Mentor: "full@example.org", Matched: today.AddDays(-30)},
		{Mentee: "me@example.org", Mentor: "old@example.org", Matched: today.AddDays(-300), Status: programme.StatusStopped, Ended: today.AddDays(-200)},
	}}
	ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{other, c}}
	x := NewRules(ds, today)
	for _, tc := range []struct {
		mentee, mentor string
		rule           Rule
		reason         string
	}{
		{"me@example.org", "mo@example.org", "", ""},
		{"ghost@example.org", "mo@example.org", RuleCohort, "ghost@example.org er ikke tilmeldt kohorte k."},
		{"mo@example.org", "me@example.org", RuleRole, "mo@example.org er tilmeldt som mentor, ikke som mentee."},
		{"busy@example.org", "rh@example.org", RuleMenteeActive, "menteen er allerede i et aktivt forløb (kohorte foer)."},
		{"me@example.org", "full@example.org", RuleCapacity, "mentoren har ikke plads til flere: 1 aktivt forløb, og mentoren tager højst 1 ad gangen."},
		// The conflict-of-interest flag's folding: RH is Rigshospitalet,
		// and its main site's street adds nothing.
		{"me@example.org", "rh@example.org", RuleWorkplace, "mentor og mentee har samme arbejdssted (Rigshospitalet, Blegdamsvej og RH)."},
		{"picky@example.org", "mo@example.org", RuleAvoidMentee, "menteen har bedt om ikke at blive matchet med »Mads Mentor«."},
		{"me@example.org", "shy@example.org", RuleAvoidMentor, "mentoren har bedt om ikke at blive matchet med »Rigshospitalet«."},
		{"me@example.org", "old@example.org", RuleStopped, "de to har været et par før, og forløbet blev afbrudt."},
		// A comma inside an entry: each part is a name or a workplace too.
		{"comma@example.org", "mo@example.org", RuleAvoidMentee, "menteen har bedt om ikke at blive matchet med »Mads Mentor, AUH«."},
		{"sites@example.org", "old@example.org", RuleAvoidMentee, "menteen har bedt om ikke at blive matchet med »Hvidovre Hospital, Herlev Hospital«."},
		{"comma@example.org", "old@example.org", "", ""},
		// Rigshospitalet's site in Glostrup: its part Rigshospitalet is
		// avoided too (a hard rule errs on the side of avoiding).
		{"glostrup@example.org", "rh@example.org", RuleAvoidMentee, "menteen har bedt om ikke at blive matchet med »Rigshospitalet, Glostrup«."},
		{"middle@example.org", "sara.b@example.org", RuleAvoidMentee, "menteen har bedt om ikke at blive matchet med »Sara Sky«."},
		{"middle@example.org", "old@example.org", "", ""},
		{"oneword@example.org", "old@example.org", "", ""},
	} {
		v, ok := x.Check(&ds.Cohorts[1], tc.mentee, tc.mentor)
		if ok != (tc.rule == "") || v.Rule != tc.rule || v.Reason != tc.reason {
			t.Errorf("%s + %s: %v %q (ok %v), want %v %q", tc.mentee, tc.mentor, v.Rule, v.Reason, ok, tc.rule, tc.reason)
		}
	}
	// The same two as a pair raise the conflict-of-interest flag.
	if !programme.SameWorkplace("Rigshospitalet, Blegdamsvej", "RH") {
		t.Error("the flag's SameWorkplace does not see the same place")
	}
	// An accepted pair counts at once.
	x.Add("me@example.org", "mo@example.org", "k")
	if v, ok := x.Check(&ds.Cohorts[1], "picky@example.org", "old@example.org"); !ok {
		t.Errorf("Ole has room for 3: %s", v.Reason)
	}
	if v, _ := x.Check(&ds.Cohorts[1], "me@example.org", "shy@example.org"); v.Rule != RuleMenteeActive || !strings.Contains(v.Reason, "kohorte k") {
		t.Errorf("after Add: %v", v)
	}
}
