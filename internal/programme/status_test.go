package programme

import (
	"fmt"
	"strings"
	"testing"
)

func day(s string) Date {
	d, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func rulesConfig() *Config {
	cfg := DefaultConfig()
	cfg.Rules = Rules{DurationMonths: Range{Min: 8, Max: 12}, MinMeetingsAfterClarification: 4}
	return &cfg
}

func bp(b bool) *bool { return &b }

// held returns held meetings of one pair: the first is the clarification
// meeting, the rest ordinary meetings.
func held(dates ...string) []Meeting {
	var ms []Meeting
	for i, s := range dates {
		typ := MeetingOrdinary
		if i == 0 {
			typ = MeetingClarification
		}
		ms = append(ms, Meeting{Mentee: "a@x", Date: day(s), Type: typ, Held: true, AgendaSent: bp(true)})
	}
	return ms
}

// flagString writes the flags as "kind/whom/since/count" for comparison.
func flagString(fs []Flag) string {
	var parts []string
	for _, f := range fs {
		s := fmt.Sprintf("%s/%s/%s", f.Kind, f.Whom, f.Since)
		if f.Count != 0 {
			s += fmt.Sprintf("/%d", f.Count)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestComputePair(t *testing.T) {
	cfg := rulesConfig()
	pair := Pair{Mentee: "a@x", Mentor: "b@x", Matched: day("2026-01-31")}
	marked := func(st Status, ended string) Pair {
		p := pair
		p.Status = st
		if ended != "" {
			p.Ended = day(ended)
		}
		return p
	}
	// A course with the clarification meeting on 31 January 2026: its 12
	// months pass on 2027-01-31, its 8 months on 2026-09-30 (clamped).
	four := held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01")
	three := held("2026-01-31", "2026-03-01", "2026-05-01", "2026-10-20")
	tests := []struct {
		name   string
		in     PairInput
		today  string
		state  State
		flags  string
		months int
	}{
		// Awaiting clarification and no-first-contact: matched 2026-01-31,
		// 6 weeks later is 2026-03-14.
		{"awaiting, day before first contact due", PairInput{Pair: pair}, "2026-03-13", StateAwaiting, "", 0},
		{"awaiting, day first contact due", PairInput{Pair: pair}, "2026-03-14", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},
		{"awaiting, day after first contact due", PairInput{Pair: pair}, "2026-03-15", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},
		{"awaiting, cancelled meeting does not count", PairInput{Pair: pair, Meetings: []Meeting{{Mentee: "a@x", Date: day("2026-02-10"), Type: MeetingClarification, Held: false}}},
			"2026-03-14", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},
		{"awaiting, meeting in the future does not count", PairInput{Pair: pair, Meetings: held("2026-04-01")}, "2026-03-14", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},
		{"marked active without meetings is awaiting", PairInput{Pair: marked(StatusActive, "")}, "2026-02-01", StateAwaiting, "", 0},

		// Active and quiet: last meeting 2026-09-01, 16 weeks later is 2026-12-22.
		{"active, day before quiet", PairInput{Pair: pair, Meetings: four}, "2026-12-21", StateActive, "", 10},
		{"active, day quiet", PairInput{Pair: pair, Meetings: four}, "2026-12-22", StateActive, "quiet/both/2026-12-22", 10},
		{"active, day after quiet", PairInput{Pair: pair, Meetings: four}, "2026-12-23", StateActive, "quiet/both/2026-12-22", 10},
		{"active, quiet counted from the clarification meeting", PairInput{Pair: pair, Meetings: held("2026-01-31")}, "2026-05-23", StateActive, "quiet/both/2026-05-23", 3},

		// Completed by the rules: 12 months and 4 meetings after clarification.
		{"four meetings, day before max duration", PairInput{Pair: pair, Meetings: four}, "2027-01-30", StateActive, "quiet/both/2026-12-22", 11},
		{"four meetings, day max duration passes", PairInput{Pair: pair, Meetings: four}, "2027-01-31", StateCompleted, "", 12},
		{"four meetings, day after max duration", PairInput{Pair: pair, Meetings: four}, "2027-02-01", StateCompleted, "", 12},
		// Overdue: three meetings after clarification at 12 months.
		{"three meetings, day before max duration", PairInput{Pair: pair, Meetings: three}, "2027-01-30", StateActive, "", 11},
		{"three meetings, day max duration passes", PairInput{Pair: pair, Meetings: three}, "2027-01-31", StateActive, "overdue/both/2027-01-31/3", 12},
		{"three meetings, day after max duration", PairInput{Pair: pair, Meetings: three}, "2027-02-01", StateActive, "overdue/both/2027-01-31/3", 12},

		// Marked states.
		{"marked completed with end date", PairInput{Pair: marked(StatusCompleted, "2026-10-15"), Meetings: three, MenteeEvaluated: true, MentorEvaluated: true},
			"2026-12-01", StateCompleted, "", 8},
		{"marked stopped, awaiting otherwise", PairInput{Pair: marked(StatusStopped, "2026-02-20"), MenteeEvaluated: true, MentorEvaluated: true},
			"2026-12-01", StateStopped, "", 0},

		// Evaluation missing: ended 2026-10-15, 4 weeks later is 2026-11-12.
		{"evaluation, day before due", PairInput{Pair: marked(StatusCompleted, "2026-10-15"), Meetings: three}, "2026-11-11", StateCompleted, "", 8},
		{"evaluation, day due, both missing", PairInput{Pair: marked(StatusCompleted, "2026-10-15"), Meetings: three}, "2026-11-12", StateCompleted, "evaluation-missing/both/2026-11-12", 8},
		{"evaluation, day after, mentor missing", PairInput{Pair: marked(StatusCompleted, "2026-10-15"), Meetings: three, MenteeEvaluated: true}, "2026-11-13", StateCompleted, "evaluation-missing/mentor/2026-11-12", 8},
		{"evaluation, mentee missing", PairInput{Pair: marked(StatusStopped, "2026-10-15"), Meetings: three, MentorEvaluated: true}, "2026-11-13", StateStopped, "evaluation-missing/mentee/2026-11-12", 8},
		{"evaluation, both answered", PairInput{Pair: marked(StatusStopped, "2026-10-15"), Meetings: three, MentorEvaluated: true, MenteeEvaluated: true}, "2026-11-13", StateStopped, "", 8},
		// A course completed by the rules ends when the max duration passes
		// (2027-01-31); its evaluation is due 2027-02-28.
		{"evaluation after rule completion, day before", PairInput{Pair: pair, Meetings: four}, "2027-02-27", StateCompleted, "", 12},
		{"evaluation after rule completion, day due", PairInput{Pair: pair, Meetings: four}, "2027-02-28", StateCompleted, "evaluation-missing/both/2027-02-28", 12},
		// Stopped without an end date: assumed to end on the last held
		// meeting (2026-10-20), so the evaluation is due 2026-11-17.
		{"stopped without end date, day before due", PairInput{Pair: marked(StatusStopped, ""), Meetings: three}, "2026-11-16", StateStopped, "", 8},
		{"stopped without end date, day due", PairInput{Pair: marked(StatusStopped, ""), Meetings: three}, "2026-11-17", StateStopped, "evaluation-missing/both/2026-11-17", 8},
		{"stopped without end date, day after due", PairInput{Pair: marked(StatusStopped, ""), Meetings: three}, "2026-11-18", StateStopped, "evaluation-missing/both/2026-11-17", 8},
		// Marked without an end date or meetings: assumed to end on the
		// match date (2026-01-31), so the evaluation is due 2026-02-28.
		{"completed without end date or meetings, day before due", PairInput{Pair: marked(StatusCompleted, "")}, "2026-02-27", StateCompleted, "", 0},
		{"completed without end date or meetings, day due", PairInput{Pair: marked(StatusCompleted, "")}, "2026-02-28", StateCompleted, "evaluation-missing/both/2026-02-28", 0},
		{"stopped without end date or meetings, day after due", PairInput{Pair: marked(StatusStopped, ""), MenteeEvaluated: true}, "2026-03-01", StateStopped, "evaluation-missing/mentor/2026-02-28", 0},
		// Marked without any date of the course: no end can be assumed (an
		// end at the reference date would move every day and never fall
		// due), so the missing end date is flagged at once, whatever the
		// date and whether or not the evaluations are in.
		{"stopped without any date, early", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x", Status: StatusStopped}}, "2026-01-01", StateStopped, "end-date-missing/both/", 0},
		{"completed without any date, much later", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x", Status: StatusCompleted}}, "2030-01-01", StateCompleted, "end-date-missing/both/", 0},
		{"completed without any date, evaluated", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x", Status: StatusCompleted}, MenteeEvaluated: true, MentorEvaluated: true},
			"2030-01-01", StateCompleted, "end-date-missing/both/", 0},
		{"cancelled meeting is no date of the course", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x", Status: StatusStopped},
			Meetings: []Meeting{{Mentee: "a@x", Date: day("2026-02-10"), Held: false}}}, "2026-06-01", StateStopped, "end-date-missing/both/", 0},

		// No match date: no-first-contact counts from the later of the two
		// sign-ups (2026-01-31, the earliest the pair can have been
		// matched), due 2026-03-14.
		{"no match date, day before first contact due", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x"}, Mentee: Participant{SignedUp: day("2026-01-10")}, Mentor: Participant{SignedUp: day("2026-01-31")}},
			"2026-03-13", StateAwaiting, "", 0},
		{"no match date, day first contact due", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x"}, Mentee: Participant{SignedUp: day("2026-01-31")}, Mentor: Participant{SignedUp: day("2026-01-10")}},
			"2026-03-14", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},
		{"no match date, only the mentee's sign-up, day after", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x"}, Mentee: Participant{SignedUp: day("2026-01-31")}},
			"2026-03-15", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},
		{"no match date, no sign-up dates", PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x"}}, "2027-01-01", StateAwaiting, "", 0},
		{"match date wins over the sign-ups", PairInput{Pair: pair, Mentee: Participant{SignedUp: day("2026-02-20")}}, "2026-03-14", StateAwaiting, "no-first-contact/mentee/2026-03-14", 0},

		// Missing agenda, contact requested, conflict of interest, past 12 months.
		{"missing agenda", PairInput{Pair: pair, Meetings: append(held("2026-01-31"),
			Meeting{Mentee: "a@x", Date: day("2026-03-05"), Held: true, AgendaSent: bp(false)},
			Meeting{Mentee: "a@x", Date: day("2026-03-01"), Held: true, AgendaSent: bp(false)},
			Meeting{Mentee: "a@x", Date: day("2026-02-01"), Held: false, AgendaSent: bp(false)})},
			"2026-03-10", StateActive, "missing-agenda/mentee/2026-03-01/2", 1},
		{"contact requested on the latest entry", PairInput{Pair: pair, Meetings: append(held("2026-01-31"),
			Meeting{Mentee: "a@x", Date: day("2026-03-05"), Held: false, ContactRequested: true})},
			"2026-03-10", StateActive, "contact-requested/both/2026-03-05", 1},
		{"contact requested earlier, not on the latest entry", PairInput{Pair: pair, Meetings: append(held("2026-01-31", "2026-03-20"),
			Meeting{Mentee: "a@x", Date: day("2026-03-05"), Held: true, ContactRequested: true})},
			"2026-03-25", StateActive, "", 1},
		{"conflict of interest", PairInput{Pair: pair, Meetings: held("2026-01-31"), Mentee: Participant{Workplace: "AUH"}, Mentor: Participant{Workplace: "Aarhus  Universitetshospital."}},
			"2026-02-10", StateActive, "conflict-of-interest/both/2026-01-31", 0},
		{"no conflict of interest without workplaces", PairInput{Pair: pair, Meetings: held("2026-01-31")}, "2026-02-10", StateActive, "", 0},
		{"meetings past 12 months, day before", PairInput{Pair: pair, Meetings: held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01", "2027-01-30")},
			"2027-02-05", StateCompleted, "", 12},
		{"meetings past 12 months, day of", PairInput{Pair: pair, Meetings: held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01", "2027-01-31", "2027-03-01"), MenteeEvaluated: true, MentorEvaluated: true},
			"2027-03-05", StateCompleted, "past-12-months/both/2027-01-31/2", 12},
		{"meetings past 12 months let an overdue course complete", PairInput{Pair: pair, Meetings: append(three, held("2027-02-01")[0])},
			"2027-02-05", StateCompleted, "past-12-months/both/2027-02-01/1", 12},
		// The fourth meeting after clarification on 2027-03-10, after the
		// 12 months: the course completes, and ends, that day, so the
		// evaluation is due 2027-04-07 (not 4 weeks after 2027-01-31).
		{"fourth meeting late, day before it", PairInput{Pair: pair, Meetings: append(held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01"), held("2027-03-10")[0])},
			"2027-03-09", StateActive, "quiet/both/2026-10-21 overdue/both/2027-01-31/3", 13},
		{"fourth meeting late, day of it", PairInput{Pair: pair, Meetings: append(held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01"), held("2027-03-10")[0])},
			"2027-03-10", StateCompleted, "past-12-months/both/2027-03-10/1", 13},
		{"fourth meeting late, day before evaluation due", PairInput{Pair: pair, Meetings: append(held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01"), held("2027-03-10")[0])},
			"2027-04-06", StateCompleted, "past-12-months/both/2027-03-10/1", 13},
		{"fourth meeting late, day evaluation due", PairInput{Pair: pair, Meetings: append(held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01"), held("2027-03-10")[0])},
			"2027-04-07", StateCompleted, "evaluation-missing/both/2027-04-07 past-12-months/both/2027-03-10/1", 13},
		{"fourth meeting late, day after evaluation due", PairInput{Pair: pair, Meetings: append(held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01"), held("2027-03-10")[0])},
			"2027-04-08", StateCompleted, "evaluation-missing/both/2027-04-07 past-12-months/both/2027-03-10/1", 13},
		// Completed by the rules on 2027-01-31 and still meeting by mutual
		// wish: the end stays 2027-01-31, the later meetings are
		// information only.
		{"still meeting after rule completion", PairInput{Pair: pair, Meetings: append(four, held("2027-03-01")[0]), MenteeEvaluated: true, MentorEvaluated: true},
			"2027-03-05", StateCompleted, "past-12-months/both/2027-03-01/1", 12},
		{"untyped first meeting is the clarification", PairInput{Pair: pair, Meetings: []Meeting{{Mentee: "a@x", Date: day("2026-02-15"), Held: true}, {Mentee: "a@x", Date: day("2026-03-15"), Held: true}}},
			"2026-04-15", StateActive, "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ComputePair(cfg, tc.in, day(tc.today))
			if s.State != tc.state {
				t.Errorf("state = %s, want %s", s.State, tc.state)
			}
			if got := flagString(s.Flags); got != tc.flags {
				t.Errorf("flags = %q\nwant     %q", got, tc.flags)
			}
			if s.Months != tc.months {
				t.Errorf("months = %d, want %d", s.Months, tc.months)
			}
		})
	}
}

func TestComputePairFacts(t *testing.T) {
	cfg := rulesConfig()
	in := PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x", Matched: day("2026-01-10"), Status: StatusCompleted},
		Meetings: []Meeting{
			{Date: day("2026-03-15"), Held: true, AgendaSent: bp(true)},
			{Date: day("2026-02-15"), Held: true, Type: MeetingOrdinary},
			{Date: day("2026-02-20"), Held: true, Type: MeetingClarification, AgendaSent: bp(false)},
			{Date: day("2026-04-01"), Held: false},
		}}
	s := ComputePair(cfg, in, day("2026-12-01"))
	if s.Clarification != day("2026-02-20") || s.ClarificationUntyped {
		t.Errorf("clarification = %s (untyped %v), want the typed meeting 2026-02-20", s.Clarification, s.ClarificationUntyped)
	}
	if s.MeetingsAfter != 1 || s.LastMeeting != day("2026-03-15") || s.AgendaSent != 1 || s.AgendaMissing != 1 {
		t.Errorf("after=%d last=%s agenda=%d/%d", s.MeetingsAfter, s.LastMeeting, s.AgendaSent, s.AgendaMissing)
	}
	if !s.EndAssumed || s.Ended != day("2026-03-15") {
		t.Errorf("ended %s assumed %v, want 2026-03-15 assumed (the last held meeting)", s.Ended, s.EndAssumed)
	}
	if s.MaxEnd != day("2027-02-20") || s.MinEnd != day("2026-10-20") {
		t.Errorf("min/max end = %s/%s", s.MinEnd, s.MaxEnd)
	}
	// Without meetings, the match date.
	in.Meetings = nil
	if s := ComputePair(cfg, in, day("2026-12-01")); s.Ended != day("2026-01-10") || !s.EndAssumed {
		t.Errorf("no meetings: ended %s assumed %v", s.Ended, s.EndAssumed)
	}
	// Without meetings or match date, no end is assumed: it is unknown,
	// and flagged.
	in.Pair.Matched = Date{}
	if s := ComputePair(cfg, in, day("2026-12-01")); !s.Ended.IsZero() || s.EndAssumed || !s.EndUnknown || !s.Has(FlagEndDateMissing) {
		t.Errorf("nothing: ended %s assumed %v unknown %v flags %q", s.Ended, s.EndAssumed, s.EndUnknown, flagString(s.Flags))
	}
	// A marked end date is taken as it is.
	in.Pair.Ended = day("2026-05-01")
	if s := ComputePair(cfg, in, day("2026-12-01")); s.Ended != day("2026-05-01") || s.EndAssumed || s.EndUnknown || s.Has(FlagEndDateMissing) {
		t.Errorf("marked end: ended %s assumed %v unknown %v", s.Ended, s.EndAssumed, s.EndUnknown)
	}
}

// The end of a course completed by the rules: the day the maximum duration
// passed, or the day the minimum-th meeting after clarification was held if
// that came later.
func TestComputePairRuleEnd(t *testing.T) {
	cfg := rulesConfig()
	pair := Pair{Mentee: "a@x", Mentor: "b@x", Matched: day("2026-01-31")}
	for _, tc := range []struct {
		name     string
		meetings []Meeting
		today    string
		ended    string
	}{
		{"fourth meeting before 12 months", held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01"), "2027-06-01", "2027-01-31"},
		{"fourth meeting the day before 12 months", held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2027-01-30"), "2027-06-01", "2027-01-31"},
		{"fourth meeting the day 12 months pass", held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2027-01-31"), "2027-06-01", "2027-01-31"},
		{"fourth meeting the day after 12 months", held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2027-02-01"), "2027-06-01", "2027-02-01"},
		{"fifth meeting later does not move the end", held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2027-02-01", "2027-04-01"), "2027-06-01", "2027-02-01"},
		{"not completed yet", held("2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01"), "2027-06-01", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := ComputePair(cfg, PairInput{Pair: pair, Meetings: tc.meetings}, day(tc.today))
			if s.Ended.String() != tc.ended || s.EndAssumed {
				t.Errorf("ended %s (assumed %v), want %s", s.Ended, s.EndAssumed, tc.ended)
			}
		})
	}
}

func TestComputePairMatched(t *testing.T) {
	cfg := rulesConfig()
	in := PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x"}, Mentee: Participant{SignedUp: day("2026-01-10")}, Mentor: Participant{SignedUp: day("2026-01-31")}}
	if s := ComputePair(cfg, in, day("2026-02-01")); s.Matched != day("2026-01-31") || !s.MatchAssumed {
		t.Errorf("from the sign-ups: matched %s assumed %v, want 2026-01-31 assumed", s.Matched, s.MatchAssumed)
	}
	in.Pair.Matched = day("2026-02-10")
	if s := ComputePair(cfg, in, day("2026-02-11")); s.Matched != day("2026-02-10") || s.MatchAssumed {
		t.Errorf("stored: matched %s assumed %v", s.Matched, s.MatchAssumed)
	}
	in = PairInput{Pair: Pair{Mentee: "a@x", Mentor: "b@x"}}
	if s := ComputePair(cfg, in, day("2026-02-11")); !s.Matched.IsZero() || s.MatchAssumed {
		t.Errorf("nothing: matched %s assumed %v", s.Matched, s.MatchAssumed)
	}
}

func TestComputeUnmatched(t *testing.T) {
	cfg := rulesConfig()
	p := Participant{Email: "m@x", Role: Mentor, SignedUp: day("2026-01-31")}
	// 8 weeks after 2026-01-31 is 2026-03-28.
	for _, tc := range []struct {
		today, flags string
		waiting      int
	}{
		{"2026-03-27", "", 55},
		{"2026-03-28", "waiting-too-long/mentor/2026-03-28", 56},
		{"2026-03-29", "waiting-too-long/mentor/2026-03-28", 57},
		{"2026-01-01", "", 0},
	} {
		u := ComputeUnmatched(cfg, p, day(tc.today))
		if got := flagString(u.Flags); got != tc.flags || u.Waiting != tc.waiting {
			t.Errorf("%s: flags %q waiting %d, want %q %d", tc.today, got, u.Waiting, tc.flags, tc.waiting)
		}
	}
	p.Role = Mentee
	if u := ComputeUnmatched(cfg, p, day("2026-04-01")); flagString(u.Flags) != "waiting-too-long/mentee/2026-03-28" {
		t.Errorf("mentee: %q", flagString(u.Flags))
	}
	if u := ComputeUnmatched(cfg, Participant{Email: "x"}, day("2026-04-01")); len(u.Flags) != 0 {
		t.Errorf("no sign-up date: %v", u.Flags)
	}
}

func TestComputeCohort(t *testing.T) {
	cfg := rulesConfig()
	c := Cohort{ID: "k",
		Participants: []Participant{
			{Email: "a@x", Role: Mentee, Workplace: "OUH"}, {Email: "b@x", Role: Mentor, Workplace: "Odense Universitetshospital"},
			{Email: "c@x", Role: Mentee, SignedUp: day("2026-01-01")}, {Email: "d@x", Role: Mentor, SignedUp: day("2026-05-01")},
		},
		Pairs:       []Pair{{Mentee: "a@x", Mentor: "b@x", Matched: day("2026-01-01"), Status: StatusCompleted, Ended: day("2026-01-20")}},
		Meetings:    []Meeting{{Mentee: "a@x", Date: day("2026-01-10"), Held: true}, {Mentee: "zz@x", Date: day("2026-01-10"), Held: true}},
		Evaluations: []Evaluation{{Email: "b@x", Role: Mentor}},
	}
	cs := ComputeCohort(cfg, &c, day("2026-06-01"))
	if len(cs.Pairs) != 1 || len(cs.Unmatched) != 2 {
		t.Fatalf("pairs %d unmatched %d", len(cs.Pairs), len(cs.Unmatched))
	}
	if got := flagString(cs.Pairs[0].Flags); got != "evaluation-missing/mentee/2026-02-17 conflict-of-interest/both/2026-01-01" {
		t.Errorf("pair flags %q", got)
	}
	if got := flagString(cs.Unmatched[0].Flags) + "|" + flagString(cs.Unmatched[1].Flags); got != "waiting-too-long/mentee/2026-02-26|" {
		t.Errorf("unmatched flags %q", got)
	}
}

func TestMonthsBetween(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"2026-01-31", "2026-02-27", 0},
		{"2026-01-31", "2026-02-28", 1}, // 31 January + 1 month is 28 February
		{"2026-01-31", "2026-03-30", 1},
		{"2026-01-31", "2026-03-31", 2},
		{"2024-01-31", "2024-02-29", 1}, // leap year
		{"2026-03-15", "2027-03-14", 11},
		{"2026-03-15", "2027-03-15", 12},
		{"2026-03-15", "2027-03-16", 12},
		{"2026-03-15", "2026-03-01", 0},
		{"2025-12-31", "2026-06-30", 6},
	} {
		if got := MonthsBetween(day(tc.a), day(tc.b)); got != tc.want {
			t.Errorf("MonthsBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if got := day("2026-01-31").AddMonths(1); got != day("2026-02-28") {
		t.Errorf("31 January + 1 month = %s", got)
	}
}

func TestSameWorkplace(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Rigshospitalet", "rigshospitalet", true},
		{"RH", "Rigshospitalet", true},
		{"AUH", "Aarhus Universitetshospital", true},
		{"OUH", "Odense  Universitets-hospital", true},
		{"AAUH", "Aalborg Universitetshospital", true},
		{"SUH", "Sjællands Universitetshospital", true},
		{"Bispebjerg Hosp.", "Bispebjerg Hospital", true},
		{"Holbæk Sgh.", "Holbæk Sygehus", true},
		{"Herlev Hospital", "Hvidovre Hospital", false},
		{"Rigshospitalet", "Rigshospitalet, Glostrup", false},
		{"", "", false},
		{"AUH", "", false},
		// å, æ and ø fold to aa, ae and oe.
		{"Århus Universitetshospital", "Aarhus Universitetshospital", true},
		{"ÅRHUS UNIVERSITETSHOSPITAL", "AUH", true},
		{"Holbæk Sygehus", "Holbaek Sygehus", true},
		{"Regionshospitalet Gødstrup", "Regionshospitalet Goedstrup", true},
		{"SUH", "Sjaellands Universitetshospital", true},
		{"Århus", "Aalborg", false},
		// Dots inside a token do not hide an abbreviation.
		{"A.U.H.", "AUH", true},
		{"A.U.H.", "Aarhus Universitetshospital", true},
		{"O.U.H", "Odense Universitetshospital", true},
		{"Bispebjerg H.o.s.p.", "Bispebjerg Hospital", true},
		// RH: Rigshospitalet, except before one of Regionshospitalet's towns.
		{"RH", "Rigshospitalet", true},
		{"R.H.", "Rigshospitalet", true},
		{"RH Horsens", "Regionshospitalet Horsens", true},
		{"RH Horsens", "Rigshospitalet", false},
		{"RH Horsens", "Rigshospitalet Horsens", false},
		{"RH, Randers", "Regionshospitalet Randers", true},
		{"RH Gødstrup", "Regionshospitalet Gødstrup", true},
		{"RH Nordjylland", "Regionshospital Nordjylland", true},
		{"RH Glostrup", "Rigshospitalet, Glostrup", true},
		{"RH, Blegdamsvej", "Rigshospitalet Blegdamsvej", true},
		// The main site's street names no other place.
		{"Rigshospitalet, Blegdamsvej", "RH", true},
		{"Rigshospitalet, Blegdamsvej 9", "Rigshospitalet", true},
		{"Blegdamsvej", "Rigshospitalet", false},
		{"RH Hjertecentret", "Rigshospitalet Hjertecentret", true},
		{"RH Horsens", "RH Randers", false},
		{"rh viborg", "Regionshospitalet Viborg", true},
	} {
		if got := SameWorkplace(tc.a, tc.b); got != tc.want {
			t.Errorf("SameWorkplace(%q, %q) = %v (%q, %q), want %v", tc.a, tc.b, got, FoldWorkplace(tc.a), FoldWorkplace(tc.b), tc.want)
		}
	}
}

func TestFoldWorkplace(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Århus", "aarhus"},
		{"Ærø Sygehus (Marstal)", "aeroesygehusmarstal"},
		{"Sjællands Universitetshospital", "sjaellandsuniversitetshospital"},
		{"A.U.H.", "aarhusuniversitetshospital"},
		{"a.a.u.h", "aalborguniversitetshospital"},
		{"Hosp.", "hospital"},
		{"RH", "rigshospitalet"},
		{"RH.", "rigshospitalet"},
		{"RH Horsens", "regionshospitalethorsens"},
		{"RH Glostrup", "rigshospitaletglostrup"},
		{"Regionshospital Nordjylland", "regionshospitaletnordjylland"},
		{"Ørsted", "oersted"},
		{"  ", ""},
	} {
		if got := FoldWorkplace(tc.in); got != tc.want {
			t.Errorf("FoldWorkplace(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzFoldWorkplace(f *testing.F) {
	for _, s := range []string{"AUH", "Rigshospitalet, Blegdamsvej", "Hosp.", "  ", "Ærø Sygehus (Marstal)", "A.U.H.", "RH Horsens", "RH"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := FoldWorkplace(s)
		// Case must not matter (where upper-casing round-trips).
		up := strings.ToUpper(s)
		lowUp, low := strings.ToLower(up), strings.ToLower(s)
		if lowUp == low && FoldWorkplace(up) != a {
			t.Errorf("case changes the fold of %q", s)
		}
		if strings.ContainsAny(a, " ,.-") {
			t.Errorf("fold of %q keeps spacing or punctuation: %q", s, a)
		}
	})
}
