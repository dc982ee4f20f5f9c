package programme

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

func TestExpired(t *testing.T) {
	cfg := rulesConfig()
	cfg.Privacy.RetentionMonths = 24
	cfg.Privacy.SignupLapseMonths = 12
	c := Cohort{
		ID: "k",
		Participants: []Participant{
			{Email: "done@x", Name: "Done", Role: Mentee, SignedUp: day("2024-01-10")},
			{Email: "stop@x", Name: "Stop", Role: Mentee},
			{Email: "going@x", Name: "Going", Role: Mentee},
			{Email: "mentor@x", Name: "Mentor", Role: Mentor},
			{Email: "wait@x", Name: "Wait", Role: Mentee, SignedUp: day("2024-02-29")},
			{Email: "nodate@x", Name: "Nodate", Role: Mentor},
			{Email: "unknown@x", Name: "Unknown", Role: Mentee},
			{Email: "m2@x", Name: "M2", Role: Mentor},
		},
		Pairs: []Pair{
			// Ended by its marked date.
			{Mentee: "done@x", Mentor: "mentor@x", Status: StatusCompleted, Ended: day("2024-06-30")},
			// Stopped without an end date: assumed ended on its last meeting.
			{Mentee: "stop@x", Mentor: "m2@x", Status: StatusStopped},
			// Goes on: the mentor's data stay while it does.
			{Mentee: "going@x", Mentor: "mentor@x", Matched: day("2024-03-01")},
			// Marked completed without any date: the end is unknown.
			{Mentee: "unknown@x", Mentor: "m2@x", Status: StatusCompleted},
			// A pair naming someone with no sign-up.
			{Mentee: "ghost@x", Mentor: "m2@x", Status: StatusStopped, Ended: day("2024-05-01")},
		},
		Meetings: []Meeting{
			{Mentee: "stop@x", Date: day("2024-03-31"), Held: true},
		},
	}
	tests := []struct {
		today string
		want  string
	}{
		{"2026-03-29", ""},
		// stop@x ended 2024-03-31 (its last meeting): expired 24 months later.
		{"2026-03-31", "stop@x/Stop/course-ended/2024-03-31/2026-03-31"},
		{"2026-04-30", "stop@x/Stop/course-ended/2024-03-31/2026-03-31"},
		{"2026-05-01", "ghost@x//course-ended/2024-05-01/2026-05-01 stop@x/Stop/course-ended/2024-03-31/2026-03-31"},
		{"2026-06-30", "done@x/Done/course-ended/2024-06-30/2026-06-30 ghost@x//course-ended/2024-05-01/2026-05-01 stop@x/Stop/course-ended/2024-03-31/2026-03-31"},
		// wait@x signed up 2024-02-29, lapsed 2025-02-28, expired 2027-02-28.
		{"2027-02-27", "done@x/Done/course-ended/2024-06-30/2026-06-30 ghost@x//course-ended/2024-05-01/2026-05-01 stop@x/Stop/course-ended/2024-03-31/2026-03-31"},
		{"2027-02-28", "done@x/Done/course-ended/2024-06-30/2026-06-30 ghost@x//course-ended/2024-05-01/2026-05-01 stop@x/Stop/course-ended/2024-03-31/2026-03-31 wait@x/Wait/signup-lapsed/2025-02-28/2027-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.today, func(t *testing.T) {
			var parts []string
			for _, e := range Expired(cfg, &c, day(tt.today)) {
				if e.Cohort != "k" {
					t.Errorf("cohort %q", e.Cohort)
				}
				parts = append(parts, e.Email+"/"+e.Name+"/"+string(e.Basis)+"/"+e.From.String()+"/"+e.Expires.String())
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("expired\n %s\nwant\n %s", got, tt.want)
			}
		})
	}
	// Far in the future, still never: the mentor with a course going on,
	// m2 with a course of unknown end, the partners of both, and the
	// sign-up without a date.
	for _, e := range Expired(cfg, &c, day("2099-01-01")) {
		switch e.Email {
		case "mentor@x", "going@x", "m2@x", "unknown@x", "nodate@x":
			t.Errorf("%s expired", e.Email)
		}
	}

	// Without a retention period no one expires; without a lapse period
	// an unmatched sign-up does not.
	off := *cfg
	off.Privacy.RetentionMonths = 0
	if got := Expired(&off, &c, day("2099-01-01")); got != nil {
		t.Errorf("retention unset: %v", got)
	}
	noLapse := *cfg
	noLapse.Privacy.SignupLapseMonths = 0
	for _, e := range Expired(&noLapse, &c, day("2099-01-01")) {
		if e.Basis == ExpirySignupLapsed {
			t.Errorf("lapse unset: %+v", e)
		}
	}
}

// TestExpiredLastCourse: a mentor of two courses is kept until the later
// one's end has passed the retention period, and the pair's members of
// the earlier course go first.
func TestExpiredLastCourse(t *testing.T) {
	cfg := rulesConfig()
	cfg.Privacy.RetentionMonths = 6
	c := Cohort{ID: "k",
		Participants: []Participant{{Email: "a@x"}, {Email: "b@x"}, {Email: "m@x", Role: Mentor}},
		Pairs: []Pair{
			{Mentee: "a@x", Mentor: "m@x", Status: StatusStopped, Ended: day("2026-01-15")},
			{Mentee: "b@x", Mentor: "m@x", Status: StatusCompleted, Ended: day("2026-03-15")},
		},
	}
	got := func(today string) string {
		var s []string
		for _, e := range Expired(cfg, &c, day(today)) {
			s = append(s, e.Email)
		}
		return strings.Join(s, " ")
	}
	if g := got("2026-07-15"); g != "a@x" {
		t.Errorf("2026-07-15: %q", g)
	}
	if g := got("2026-09-15"); g != "a@x b@x m@x" {
		t.Errorf("2026-09-15: %q", g)
	}
}

// TestExpiredProperty: over random cohorts and dates, whoever Expired lists
// has every one of their courses ended at least retention_months before
// today (or, unmatched, signed up at least signup_lapse_months plus that),
// and whoever it leaves out has a course going on, a course or sign-up
// without a date, or not yet reached the period.
func TestExpiredProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(24))
	cfg := rulesConfig()
	for n := 0; n < 300; n++ {
		cfg.Privacy.RetentionMonths = 1 + rng.Intn(36)
		cfg.Privacy.SignupLapseMonths = rng.Intn(13)
		base := day("2024-01-01")
		rnd := func() Date { return base.AddDays(rng.Intn(900)) }
		var c Cohort
		c.ID = "k"
		people := 2 + rng.Intn(6)
		addr := func(i int) string { return fmt.Sprintf("p%d@x", i) }
		for i := 0; i < people; i++ {
			p := Participant{Email: addr(i)}
			if rng.Intn(4) > 0 {
				p.SignedUp = rnd()
			}
			c.Participants = append(c.Participants, p)
		}
		for i := 0; i < people; i++ {
			if rng.Intn(2) > 0 {
				continue
			}
			p := Pair{Mentee: addr(i), Mentor: addr(rng.Intn(people))}
			switch rng.Intn(4) {
			case 0:
				p.Status, p.Ended = StatusCompleted, rnd()
			case 1:
				p.Status = StatusStopped
			case 2:
				p.Matched = rnd()
			}
			c.Pairs = append(c.Pairs, p)
			for k := rng.Intn(7); k > 0; k-- {
				c.Meetings = append(c.Meetings, Meeting{Mentee: p.Mentee, Date: rnd(), Held: rng.Intn(5) > 0})
			}
		}
		today := base.AddDays(rng.Intn(2500))
		expired := map[string]Expiry{}
		for _, e := range Expired(cfg, &c, today) {
			expired[e.Email] = e
		}
		cs := ComputeCohort(cfg, &c, today)
		for i := 0; i < people; i++ {
			email := addr(i)
			var last Date
			paired, ongoing := false, false
			for _, ps := range cs.Pairs {
				if ps.Pair.Mentee != email && ps.Pair.Mentor != email {
					continue
				}
				paired = true
				if ps.Ended.IsZero() {
					ongoing = true
				} else if ps.Ended.After(last) {
					last = ps.Ended
				}
			}
			var from Date
			switch {
			case paired && !ongoing:
				from = last
			case !paired && !c.Participants[i].SignedUp.IsZero() && cfg.Privacy.SignupLapseMonths > 0:
				from = c.Participants[i].SignedUp.AddMonths(cfg.Privacy.SignupLapseMonths)
			}
			due := !from.IsZero() && !today.Before(from.AddMonths(cfg.Privacy.RetentionMonths))
			e, listed := expired[email]
			if listed != due {
				t.Fatalf("case %d, %s at %s: listed %v, want %v (paired %v, ongoing %v, from %s)", n, email, today, listed, due, paired, ongoing, from)
			}
			if listed && (e.From != from || e.Expires != from.AddMonths(cfg.Privacy.RetentionMonths) || e.Expires.After(today)) {
				t.Fatalf("case %d, %s: %+v, want from %s", n, email, e, from)
			}
		}
	}
}
