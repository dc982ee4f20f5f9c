package match

import (
	"fmt"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Rule names a hard rule that a suggested pair never breaks.
type Rule string

// The hard rules.
const (
	RuleCohort       Rule = "cohort"        // both signed up to the cohort
	RuleRole         Rule = "role"          // the mentee is a mentee, the mentor a mentor
	RuleMenteeActive Rule = "mentee-active" // the mentee is in no active pair already
	RuleCapacity     Rule = "capacity"      // the mentor has room, counting active pairs
	RuleWorkplace    Rule = "workplace"     // not the same workplace (programme.SameWorkplace)
	RuleAvoidMentee  Rule = "avoid-mentee"  // the mentee asked to avoid the mentor
	RuleAvoidMentor  Rule = "avoid-mentor"  // the mentor asked to avoid the mentee
	RuleStopped      Rule = "stopped"       // the two were a pair before, and it was stopped
)

// Violation is a hard rule a pair would break, with the reason in Danish.
type Violation struct {
	Rule   Rule
	Reason string
}

// Rules checks the hard rules against a whole dataset at a date: whether a
// person is in an active pair, how many active pairs a mentor has, and
// which pairs were stopped are counted across every cohort.
type Rules struct {
	cfg   *programme.Config
	today programme.Date
	// activeMentee: the cohort of each mentee's active pair; mentorLoad:
	// each mentor's active pairs; stopped: mentee -> mentors of the pairs
	// that were stopped.
	activeMentee map[string]string
	mentorLoad   map[string]int
	stopped      map[string]map[string]bool
	// proposedMentee: the cohort where a mentee was suggested a mentor by
	// an earlier Propose on these rules; proposedMentor: each mentor's
	// suggestions so far, and the cohort of the first. A person signed
	// up to two cohorts is so never suggested beyond their room when
	// every suggestion is accepted. Check ignores them.
	proposedMentee   map[string]string
	proposedMentor   map[string]int
	proposedMentorIn map[string]string
	// DateText writes a date in the reasons; nil writes 2026-11-22.
	DateText func(programme.Date) string
}

// NewRules counts the dataset's active and stopped pairs at today. A pair
// is active while its state is neither completed nor stopped.
func NewRules(ds *programme.Dataset, today programme.Date) *Rules {
	x := &Rules{cfg: &ds.Config, today: today, activeMentee: map[string]string{}, mentorLoad: map[string]int{}, stopped: map[string]map[string]bool{},
		proposedMentee: map[string]string{}, proposedMentor: map[string]int{}, proposedMentorIn: map[string]string{}}
	for ci := range ds.Cohorts {
		c := &ds.Cohorts[ci]
		cs := programme.ComputeCohort(&ds.Config, c, today)
		for _, ps := range cs.Pairs {
			p := ps.Pair
			if ps.State == programme.StateStopped || p.Status == programme.StatusStopped {
				if x.stopped[p.Mentee] == nil {
					x.stopped[p.Mentee] = map[string]bool{}
				}
				x.stopped[p.Mentee][p.Mentor] = true
			}
			if ps.State == programme.StateAwaiting || ps.State == programme.StateActive {
				x.activeMentee[p.Mentee] = c.ID
				x.mentorLoad[p.Mentor]++
			}
		}
	}
	return x
}

// Add counts a pair made after the rules were set up (an accepted
// suggestion), so that the next check sees it: the mentee is then in an
// active pair, and the mentor has one less place.
func (x *Rules) Add(mentee, mentor, cohort string) {
	x.activeMentee[mentee] = cohort
	x.mentorLoad[mentor]++
}

// StoppedReason is the stopped rule's reason.
const StoppedReason = "de to har været et par før, og forløbet blev afbrudt."

// Stopped reports whether mentee and mentor were a pair that was stopped,
// in any cohort.
func (x *Rules) Stopped(mentee, mentor string) bool { return x.stopped[mentee][mentor] }

// Active is the id of the cohort of the mentee's active pair (awaiting the
// clarification meeting, or active), "" where the mentee is in none.
func (x *Rules) Active(mentee string) string { return x.activeMentee[mentee] }

// Free is the room the mentor has left: capacity less active pairs.
func (x *Rules) Free(mentor *programme.Participant) int {
	return max(0, mentor.MentorCapacity()-x.mentorLoad[mentor.Email])
}

// Check returns the first hard rule that pairing mentee with mentor in
// cohort c would break; ok is true when none is.
func (x *Rules) Check(c *programme.Cohort, mentee, mentor string) (v Violation, ok bool) {
	var me, mo *programme.Participant
	for i := range c.Participants {
		switch c.Participants[i].Email {
		case mentee:
			me = &c.Participants[i]
		case mentor:
			mo = &c.Participants[i]
		}
	}
	cohort := cohortName(c)
	switch {
	case me == nil:
		return Violation{RuleCohort, fmt.Sprintf("%s er ikke tilmeldt kohorte %s.", mentee, cohort)}, false
	case mo == nil:
		return Violation{RuleCohort, fmt.Sprintf("%s er ikke tilmeldt kohorte %s.", mentor, cohort)}, false
	}
	return x.check(newPerson(x.cfg, me), newPerson(x.cfg, mo))
}

// check applies every hard rule but the cohort's to two sign-ups of a cohort.
func (x *Rules) check(me, mo *person) (Violation, bool) {
	r := x.broken(me, mo)
	if r == "" {
		return Violation{}, true
	}
	return Violation{r, x.reason(r, me, mo)}, false
}

// broken returns the first hard rule but the cohort's that pairing two
// sign-ups of a cohort breaks, or "". It is the proposal's inner loop.
func (x *Rules) broken(me, mo *person) Rule {
	switch {
	case me.p.Role != programme.Mentee || mo.p.Role != programme.Mentor:
		return RuleRole
	case x.activeMentee[me.p.Email] != "":
		return RuleMenteeActive
	case x.Free(mo.p) == 0:
		return RuleCapacity
	case me.work != "" && me.work == mo.work:
		return RuleWorkplace
	}
	if _, ok := me.avoids(mo); ok {
		return RuleAvoidMentee
	}
	if _, ok := mo.avoids(me); ok {
		return RuleAvoidMentor
	}
	if x.stopped[me.p.Email][mo.p.Email] {
		return RuleStopped
	}
	return ""
}

// reason says in Danish why pairing me with mo breaks rule r.
func (x *Rules) reason(r Rule, me, mo *person) string {
	switch r {
	case RuleRole:
		if me.p.Role != programme.Mentee {
			return fmt.Sprintf("%s er tilmeldt som %s, ikke som mentee.", me.p.Email, me.p.Role)
		}
		return fmt.Sprintf("%s er tilmeldt som %s, ikke som mentor.", mo.p.Email, mo.p.Role)
	case RuleMenteeActive:
		return fmt.Sprintf("menteen er allerede i et aktivt forløb (kohorte %s).", x.activeMentee[me.p.Email])
	case RuleCapacity:
		return fmt.Sprintf("mentoren har ikke plads til flere: %s, og mentoren tager højst %d ad gangen.",
			programme.Plural(x.mentorLoad[mo.p.Email], "aktivt forløb", "aktive forløb"), mo.p.MentorCapacity())
	case RuleWorkplace:
		return fmt.Sprintf("mentor og mentee har samme arbejdssted (%s og %s).", me.p.Workplace, mo.p.Workplace)
	case RuleAvoidMentee:
		what, _ := me.avoids(mo)
		return fmt.Sprintf("menteen har bedt om ikke at blive matchet med »%s«.", what)
	case RuleAvoidMentor:
		what, _ := mo.avoids(me)
		return fmt.Sprintf("mentoren har bedt om ikke at blive matchet med »%s«.", what)
	case RuleStopped:
		return StoppedReason
	}
	return string(r)
}

// person is a sign-up with what the rules and the score compare, folded
// once.
type person struct {
	p         *programme.Participant
	work      string // programme.FoldWorkplace: the conflict-of-interest flag's folding
	name      string
	region    string
	specialty string
	wish      string
	themes    uint64 // bit k: the k-th theme of matching.themes
	rank      int    // programme.SeniorityRank; -1 unknown
	months    int    // whole months waited (scorer.waited); -1 not yet known
	avoid     []avoidItem
}

type avoidItem struct {
	text  string // as written
	email string // an e-mail address, lower case
	name  string // folded (programme.FoldWords)
	work  string // folded (programme.FoldWorkplace)
	// parts: where the text holds commas, each part's name and workplace
	// (folded), so that "Søren Sørensen, Hvidovre Hospital" avoids Søren
	// Sørensen and Hvidovre Hospital, as "Rigshospitalet, Blegdamsvej"
	// as a whole avoids Rigshospitalet. The sign-ups separate entries by
	// semicolons, but a form's answer may use a comma: a hard rule errs
	// on the side of avoiding.
	parts []avoidItem
}

func newPerson(cfg *programme.Config, p *programme.Participant) *person {
	q := &person{p: p, work: programme.FoldWorkplace(p.Workplace), name: programme.FoldWords(p.Name),
		region: programme.FoldWords(p.Region), specialty: programme.FoldWords(p.Specialty), wish: programme.FoldWords(p.WishSpecialty), rank: -1, months: -1}
	for _, id := range p.Themes {
		for k, t := range cfg.Matching.Themes {
			if t.ID == id && k < 64 {
				q.themes |= 1 << k
			}
		}
	}
	if r, ok := programme.SeniorityRank(p.Seniority); ok {
		q.rank = r
	}
	for _, a := range p.Avoid {
		it := avoidItem{text: a}
		if strings.Contains(a, "@") {
			it.email, _ = programme.NormEmail(a) // as every address is stored
		} else {
			it.name, it.work = programme.FoldWords(a), programme.FoldWorkplace(a)
			if strings.Contains(a, ",") {
				for part := range strings.SplitSeq(a, ",") {
					if name := programme.FoldWords(part); name != "" {
						it.parts = append(it.parts, avoidItem{name: name, work: programme.FoldWorkplace(part)})
					}
				}
			}
		}
		q.avoid = append(q.avoid, it)
	}
	return q
}

// avoids reports whether p asked to avoid o: o's e-mail, o's name, or o's
// workplace (folded as the conflict-of-interest flag folds it), in an
// entry or in one of its comma-separated parts. It returns what p wrote.
// It allocates nothing.
func (p *person) avoids(o *person) (string, bool) {
	for _, a := range p.avoid {
		if a.email != "" && a.email == o.p.Email || a.names(o) {
			return a.text, true
		}
		for _, pt := range a.parts {
			if pt.names(o) {
				return a.text, true
			}
		}
	}
	return "", false
}

// names reports whether the entry is o's name or o's workplace.
// A name of two words or more is also o's where o's name holds its words
// in order ("Søren Sørensen" is "Søren Bo Sørensen"): a hard rule errs on
// the side of avoiding.
func (a *avoidItem) names(o *person) bool {
	return a.name != "" && (a.name == o.name || strings.Contains(a.name, " ") && inOrder(a.name, o.name)) ||
		a.work != "" && a.work == o.work
}

// inOrder reports whether every word of the folded name a is a word of the
// folded name b, in the same order. It allocates nothing.
func inOrder(a, b string) bool {
	for w := range strings.FieldsSeq(a) {
		found := false
		for b != "" {
			var x string
			x, b, _ = strings.Cut(b, " ")
			if x == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func cohortName(c *programme.Cohort) string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}
