package programme

import (
	"sort"
	"strings"
)

// Removed counts the records ForgetInCohort took out of one cohort.
type Removed struct {
	Cohort       string
	Participants int // the person's sign-up (0 or 1)
	Pairs        int // the pairs the person was a member of
	Meetings     int // the meetings of those pairs
	Evaluations  int // the person's evaluation
	Handled      int // the follow-ups marked handled of the person and of those pairs
	// Partners are the e-mail addresses of the people whose pair with the
	// forgotten person went. They stay in the cohort, now without a pair.
	Partners []string
}

// Any reports whether anything was removed.
func (r Removed) Any() bool {
	return r.Participants+r.Pairs+r.Meetings+r.Evaluations+r.Handled > 0
}

// Add adds o's counts to r (the cohort and partners are left as they are).
func (r *Removed) Add(o Removed) {
	r.Participants += o.Participants
	r.Pairs += o.Pairs
	r.Meetings += o.Meetings
	r.Evaluations += o.Evaluations
	r.Handled += o.Handled
}

// ForgetInCohort returns c without any record of the person with email (as
// stored: case-folded), and what it took out. c is not changed; the slices
// of the result are new.
//
// Everything that names the person goes: their sign-up, their evaluation,
// every pair they are mentee or mentor of, every meeting of those pairs (a
// meeting names the pair by its mentee), and the follow-ups marked handled
// about the person or about those pairs. A pair names both its members, so
// it cannot stay without the forgotten one: the partner's sign-up,
// evaluation and handled waiting-list follow-ups stay, and the partner is
// left unmatched. Meetings logged under the person as mentee without a
// pair go too.
func ForgetInCohort(c Cohort, email string) (Cohort, Removed) {
	rem := Removed{Cohort: c.ID}
	out := c // every other field as it is; the lists below are new
	out.Participants, rem.Participants = without(c.Participants, func(p Participant) bool { return p.Email == email })
	// Meetings are keyed by the pair's mentee: the mentees whose pair goes.
	gone := map[string]bool{email: true}
	partners := map[string]bool{}
	out.Pairs = make([]Pair, 0, len(c.Pairs))
	for _, p := range c.Pairs {
		switch email {
		case p.Mentee:
			partners[p.Mentor] = true
		case p.Mentor:
			partners[p.Mentee] = true
			gone[p.Mentee] = true
		default:
			out.Pairs = append(out.Pairs, p)
			continue
		}
		rem.Pairs++
	}
	out.Meetings, rem.Meetings = without(c.Meetings, func(m Meeting) bool { return gone[m.Mentee] })
	out.Evaluations, rem.Evaluations = without(c.Evaluations, func(e Evaluation) bool { return e.Email == email })
	// A handled record is keyed by the pair's mentee, or by the sign-up of
	// someone waiting: a partner's waiting is theirs.
	out.Handled, rem.Handled = without(c.Handled, func(h Handled) bool {
		return h.Email == email || (gone[h.Email] && h.Kind != FlagWaitingTooLong)
	})
	if len(out.Handled) == 0 {
		out.Handled = nil
	}
	delete(partners, email)
	delete(partners, "")
	for p := range partners {
		rem.Partners = append(rem.Partners, p)
	}
	sort.Strings(rem.Partners)
	return out, rem
}

// FreeTextMentions counts the records of c whose free text (an evaluation's
// comment, a handled follow-up's action, an entry of a participant's avoid
// list) holds any of the words, compared without regard to case; empty
// words are skipped. ForgetInCohort does not touch what others wrote: these
// are left for a person to read and edit (an avoid list is the other
// participant's wish, which should hold if the person signs up again).
func FreeTextMentions(c *Cohort, words ...string) int {
	var ws []string
	for _, w := range words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			ws = append(ws, w)
		}
	}
	has := func(text string) bool {
		text = strings.ToLower(text)
		for _, w := range ws {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
	n := 0
	for _, e := range c.Evaluations {
		if has(e.Comment) {
			n++
		}
	}
	for _, h := range c.Handled {
		if has(h.Action) {
			n++
		}
	}
	for _, p := range c.Participants {
		for _, a := range p.Avoid {
			if has(a) {
				n++
				break
			}
		}
	}
	return n
}

// without returns a new slice of the elements of xs that drop does not pick
// (xs is not changed), and how many it dropped.
func without[T any](xs []T, drop func(T) bool) ([]T, int) {
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if !drop(x) {
			out = append(out, x)
		}
	}
	return out, len(xs) - len(out)
}
