package programme

import (
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
