package programme

import "sort"

// ExpiryBasis says what a person's retention period is counted from.
type ExpiryBasis string

// The two things a retention period is counted from.
const (
	// ExpiryCourseEnded: the person's last course in the cohort ended.
	ExpiryCourseEnded ExpiryBasis = "course-ended"
	// ExpirySignupLapsed: the person signed up, was never matched, and
	// the sign-up lapsed privacy.signup_lapse_months after it was made.
	ExpirySignupLapsed ExpiryBasis = "signup-lapsed"
)

// Expiry is one person in one cohort whose retention period has passed.
type Expiry struct {
	Cohort string
	Email  string
	// Name and Role are from the person's sign-up; empty when the person
	// is named only by a pair.
	Name  string
	Role  Role
	Basis ExpiryBasis
	// From is the day the period is counted from: the end of the person's
	// last course, or the day the sign-up lapsed.
	From Date
	// Expires is From plus privacy.retention_months: the first day the
	// person's data are past the retention period.
	Expires Date
}

// Expired returns the people of c whose retention period has passed at
// today, in the order of their e-mail addresses. A person is one e-mail
// address in one cohort.
//
//   - Someone with a pair (as mentee or mentor) is kept
//     privacy.retention_months after the last of their courses in the
//     cohort ended (the end as ComputePair finds it: the marked end date,
//     the assumed end of a marked course, or the day a course completed by
//     the rules). While any of their courses goes on, or has no known end,
//     they are not expired.
//   - Someone signed up and never matched: the sign-up lapses
//     privacy.signup_lapse_months after the sign-up date, and is kept
//     retention_months after that. Without a sign-up date, or with
//     signup_lapse_months unset, it never lapses.
//
// With privacy.retention_months unset (0) no one is expired.
func Expired(cfg *Config, c *Cohort, today Date) []Expiry {
	months := cfg.Privacy.RetentionMonths
	if months <= 0 {
		return nil
	}
	type person struct {
		p       *Participant
		end     Date // the latest end of the person's courses
		ongoing bool // a course without a known end
		paired  bool
	}
	people := map[string]*person{}
	get := func(email string) *person {
		if people[email] == nil {
			people[email] = &person{}
		}
		return people[email]
	}
	for i := range c.Participants {
		get(c.Participants[i].Email).p = &c.Participants[i]
	}
	cs := ComputeCohort(cfg, c, today)
	for _, ps := range cs.Pairs {
		for _, email := range []string{ps.Pair.Mentee, ps.Pair.Mentor} {
			if email == "" {
				continue
			}
			pp := get(email)
			pp.paired = true
			if ps.Ended.IsZero() {
				pp.ongoing = true
			} else if ps.Ended.After(pp.end) {
				pp.end = ps.Ended
			}
		}
	}
	var out []Expiry
	for email, pp := range people {
		e := Expiry{Cohort: c.ID, Email: email}
		if pp.p != nil {
			e.Name, e.Role = pp.p.Name, pp.p.Role
		}
		switch {
		case pp.paired && !pp.ongoing:
			e.Basis, e.From = ExpiryCourseEnded, pp.end
		case !pp.paired && pp.p != nil && !pp.p.SignedUp.IsZero() && cfg.Privacy.SignupLapseMonths > 0:
			e.Basis, e.From = ExpirySignupLapsed, pp.p.SignedUp.AddMonths(cfg.Privacy.SignupLapseMonths)
		default:
			continue
		}
		e.Expires = e.From.AddMonths(months)
		if reached(e.Expires, today) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Email < out[j].Email })
	return out
}
