package status

import (
	"sort"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// EvalReport holds the evaluation summaries: for the whole programme and for
// every cohort, in total and per role, with the privacy rules applied.
type EvalReport struct {
	// Questions are the scale questions, in programme.yaml's order.
	Questions []programme.Question
	// MinGroup and MinComments are privacy.min_group_size and
	// privacy.min_group_size_comments.
	MinGroup, MinComments int
	// Programme is the whole programme: all answers, mentees, mentors.
	Programme []*Group
	// Cohorts are the cohorts' groups, in the dataset's order.
	Cohorts []CohortEval
}

// CohortEval is one cohort's groups: all answers, mentees, mentors.
type CohortEval struct {
	ID     string
	Groups []*Group
}

// Group is one group of respondents (a cohort or the programme, all or one
// role) with its figures per question.
type Group struct {
	// Cohort is the cohort's id, "" for the whole programme.
	Cohort string
	// Role is the respondents' role, "" for all.
	Role programme.Role
	// N is the number of evaluations in the group.
	N int
	// Stats are the figures per scale question, in Questions' order.
	Stats []*Stat
	// Comments are the group's free-text comments, sorted; shown only when
	// CommentsShown.
	Comments      []string
	CommentsShown bool
}

// Stat is the distribution and mean of one scale question in one group.
type Stat struct {
	Question programme.Question
	// N is the number of answers within the scale.
	N int
	// Counts holds the number of answers per scale value, from Scale.Min.
	Counts []int
	// Mean is the mean answer (0 when N is 0).
	Mean float64
	// Hidden is true when the figures must not be shown: too few answers,
	// or hidden so that another hidden group cannot be worked out.
	Hidden bool
	// Complementary is true when Hidden only because of another group.
	Complementary bool
}

// Label returns the Danish name of the group.
func (g *Group) Label() string {
	who := "Alle svar"
	switch g.Role {
	case programme.Mentee:
		who = "Mentees"
	case programme.Mentor:
		who = "Mentorer"
	}
	return who
}

// Max returns the largest count of the distribution, at least 1.
func (s *Stat) Max() int {
	m := 1
	for _, c := range s.Counts {
		m = max(m, c)
	}
	return m
}

// relation says that parent's answers are exactly the union of children's.
type relation struct {
	parent   *Group
	children []*Group
}

// newEvalReport aggregates the evaluations of ds and applies the privacy rules.
func newEvalReport(ds *programme.Dataset) *EvalReport {
	cfg := &ds.Config
	er := &EvalReport{MinGroup: cfg.Privacy.MinGroupSize, MinComments: cfg.Privacy.MinGroupSizeComments}
	var commentQ bool
	for _, q := range cfg.Questions {
		if q.Scale != nil {
			er.Questions = append(er.Questions, q)
		} else if q.Text {
			commentQ = true
		}
	}
	_ = commentQ // comments come from Evaluation.Comment whatever the question's id
	newGroup := func(cohort string, role programme.Role) *Group {
		g := &Group{Cohort: cohort, Role: role}
		for _, q := range er.Questions {
			g.Stats = append(g.Stats, &Stat{Question: q, Counts: make([]int, q.Scale.Max-q.Scale.Min+1)})
		}
		return g
	}
	prog := []*Group{newGroup("", ""), newGroup("", programme.Mentee), newGroup("", programme.Mentor)}
	er.Programme = prog
	var rels []relation
	byRole := [2][]*Group{}
	var totals []*Group
	for i := range ds.Cohorts {
		c := &ds.Cohorts[i]
		gs := []*Group{newGroup(c.ID, ""), newGroup(c.ID, programme.Mentee), newGroup(c.ID, programme.Mentor)}
		for j := range c.Evaluations {
			e := &c.Evaluations[j]
			targets := []*Group{gs[0], prog[0]}
			switch e.Role {
			case programme.Mentee:
				targets = append(targets, gs[1], prog[1])
			case programme.Mentor:
				targets = append(targets, gs[2], prog[2])
			}
			for _, g := range targets {
				g.add(e)
			}
		}
		rels = append(rels, relation{gs[0], gs[1:]})
		totals = append(totals, gs[0])
		byRole[0] = append(byRole[0], gs[1])
		byRole[1] = append(byRole[1], gs[2])
		er.Cohorts = append(er.Cohorts, CohortEval{ID: c.ID, Groups: gs})
	}
	rels = append(rels, relation{prog[0], totals}, relation{prog[0], prog[1:]},
		relation{prog[1], byRole[0]}, relation{prog[2], byRole[1]})
	all := append([]*Group{}, prog...)
	for _, c := range er.Cohorts {
		all = append(all, c.Groups...)
	}
	for _, g := range all {
		sort.Strings(g.Comments)
		for _, s := range g.Stats {
			if s.N > 0 {
				s.Mean /= float64(s.N)
			}
			s.Hidden = s.N < er.MinGroup
		}
		g.CommentsShown = len(g.Comments) > 0 && g.N >= er.MinComments
	}
	for qi := range er.Questions {
		suppress(rels, func(g *Group) int { return g.Stats[qi].N },
			func(g *Group) bool { return g.Stats[qi].Hidden },
			func(g *Group) { g.Stats[qi].Hidden, g.Stats[qi].Complementary = true, true })
	}
	// Comments are suppressed the same way: a hidden group's comments could
	// otherwise be found as the parent's list minus the shown children's.
	suppress(rels, func(g *Group) int { return len(g.Comments) },
		func(g *Group) bool { return !g.CommentsShown },
		func(g *Group) { g.CommentsShown = false })
	return er
}

// add counts one evaluation into the group. Answers outside the scale are
// left out.
func (g *Group) add(e *programme.Evaluation) {
	g.N++
	for _, s := range g.Stats {
		v, ok := e.Answers[s.Question.ID]
		if !ok || v < s.Question.Scale.Min || v > s.Question.Scale.Max {
			continue
		}
		s.N++
		s.Counts[v-s.Question.Scale.Min]++
		s.Mean += float64(v) // divided by N once all are counted
	}
	if e.Comment != "" {
		g.Comments = append(g.Comments, e.Comment)
	}
}

// suppress applies complementary suppression until nothing changes. Where a
// parent group is shown and exactly one of its non-empty children is hidden,
// that child could be worked out as the parent minus the others, so the
// smallest other shown child is hidden too (or the parent, if there is no
// other child to hide). Where a parent is hidden and all its non-empty
// children are shown, the parent is their sum, so the smallest child is
// hidden. Empty children (size 0) reveal nothing and are ignored.
func suppress(rels []relation, size func(*Group) int, hidden func(*Group) bool, hide func(*Group)) {
	for changed := true; changed; {
		changed = false
		for _, r := range rels {
			var nHidden, nShown int
			var smallest *Group
			for _, c := range r.children {
				if size(c) == 0 {
					continue
				}
				if hidden(c) {
					nHidden++
				} else {
					nShown++
					if smallest == nil || size(c) < size(smallest) {
						smallest = c
					}
				}
			}
			switch {
			case hidden(r.parent) && size(r.parent) > 0 && nHidden == 0 && nShown > 0:
				// The hidden parent is the sum of its shown children.
				hide(smallest)
			case !hidden(r.parent) && nHidden == 1 && smallest != nil:
				hide(smallest)
			case !hidden(r.parent) && nHidden == 1:
				hide(r.parent)
			default:
				continue
			}
			changed = true
		}
	}
}
