package status

import (
	"fmt"
	"sort"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// EvalReport holds the evaluation summaries: for the whole programme and for
// every cohort, in total and per role, with the privacy rules applied.
//
// The answers form a table of cohort × role (mentee, mentor, and answers
// with neither role, which only the totals count) with its margins: a
// cohort's total, the programme's roles and the programme's total. Every
// shown group is a sum of cells of that table. A reader who compares the
// shown groups can tell two cells apart only if some shown group holds one
// and not the other; cells that lie in exactly the same shown groups (an
// "atom") can never be told apart, however the figures are added,
// subtracted or bounded. So the rule is: every atom holds either no answers
// or at least privacy.min_group_size answers to every question (for the
// comments: privacy.min_group_size_comments comments). Then all a reader can
// learn about anyone is what the sums over atoms say, and every atom is a
// group large enough to be shown on its own. This is stronger than hiding a
// partner in the row and in the column of every small cell, which stops
// exact subtraction but not bounds: with cohort A's total and the
// programme's mentees shown, a "1" in cohort A and none among the mentees
// is the mentor's. See suppressLists.
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
	// names are the cohorts' display names by id (status.New sets them).
	names map[string]string
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
	// Figures and CommentsWhy say why the figures or the comments are
	// not shown (Shown when they are).
	Figures, CommentsWhy Hiding
}

// HideKind is why a group's figures or comments are not shown.
type HideKind int

const (
	// Shown: nothing is hidden.
	Shown HideKind = iota
	// NoAnswers: the group has no answers (no comments).
	NoAnswers
	// TooFew: the group itself is smaller than the threshold.
	TooFew
	// Protects: the group is large enough, but showing it beside the
	// other shown groups would single out a smaller group (Because).
	Protects
)

// Hiding is why something is hidden, and for Protects, which small group's
// answers it would give away.
type Hiding struct {
	Kind HideKind
	// BecauseCohorts and BecauseRole name the small group protected:
	// the mentees, the mentors or all participants ("") of these cohorts.
	BecauseCohorts []string
	BecauseRole    programme.Role
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
	// Hidden is true when the figures must not be shown (the group's
	// Figures say why); it is the same for every question of a group.
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

// ID returns the group's HTML id: gruppe-<cohort or "programmet">-<role or "alle">.
func (g *Group) ID() string {
	c, r := g.Cohort, string(g.Role)
	if c == "" {
		c = "programmet"
	}
	if r == "" {
		r = "alle"
	}
	return "gruppe-" + c + "-" + r
}

// Max returns the largest count of the distribution, at least 1.
func (s *Stat) Max() int {
	m := 1
	for _, c := range s.Counts {
		m = max(m, c)
	}
	return m
}

// The cells of the cohort × role table: per cohort, its mentees, its
// mentors and its answers with neither role.
const (
	cellMentee = iota
	cellMentor
	cellOther
	cellsPerCohort
)

// newEvalReport aggregates the evaluations of ds and applies the privacy rules.
func newEvalReport(ds *programme.Dataset) *EvalReport {
	cfg := &ds.Config
	er := &EvalReport{MinGroup: cfg.Privacy.MinGroupSize, MinComments: cfg.Privacy.MinGroupSizeComments}
	for _, q := range cfg.Questions {
		if q.Scale != nil {
			er.Questions = append(er.Questions, q)
		}
	}
	// Comments come from Evaluation.Comment whatever the text question's id.
	newGroup := func(cohort string, role programme.Role) *Group {
		g := &Group{Cohort: cohort, Role: role}
		for _, q := range er.Questions {
			g.Stats = append(g.Stats, &Stat{Question: q, Counts: make([]int, q.Scale.Max-q.Scale.Min+1)})
		}
		return g
	}
	nq := len(er.Questions)
	nCells := cellsPerCohort * len(ds.Cohorts)
	// answers[cell][q] is the number of answers to q in the cell;
	// comments[cell] the number of comments.
	answers := make([][]int, nCells)
	comments := make([][]int, nCells)
	for i := range answers {
		answers[i] = make([]int, nq)
		comments[i] = make([]int, 1)
	}
	prog := []*Group{newGroup("", ""), newGroup("", programme.Mentee), newGroup("", programme.Mentor)}
	er.Programme = prog
	// lists are the shown groups as sets of cells, in the order of all.
	var all []*Group
	var lists [][]int
	progLists := [3][]int{}
	for i := range ds.Cohorts {
		c := &ds.Cohorts[i]
		gs := []*Group{newGroup(c.ID, ""), newGroup(c.ID, programme.Mentee), newGroup(c.ID, programme.Mentor)}
		base := cellsPerCohort * i
		for j := range c.Evaluations {
			e := &c.Evaluations[j]
			targets := []*Group{gs[0], prog[0]}
			cell := base + cellOther
			switch e.Role {
			case programme.Mentee:
				targets = append(targets, gs[1], prog[1])
				cell = base + cellMentee
			case programme.Mentor:
				targets = append(targets, gs[2], prog[2])
				cell = base + cellMentor
			}
			for _, g := range targets {
				g.add(e)
			}
			for qi, q := range er.Questions {
				if v, ok := e.Answers[q.ID]; ok && v >= q.Scale.Min && v <= q.Scale.Max {
					answers[cell][qi]++
				}
			}
			if e.Comment != "" {
				comments[cell][0]++
			}
		}
		all = append(all, gs...)
		lists = append(lists, []int{base + cellMentee, base + cellMentor, base + cellOther}, []int{base + cellMentee}, []int{base + cellMentor})
		progLists[0] = append(progLists[0], base+cellMentee, base+cellMentor, base+cellOther)
		progLists[1] = append(progLists[1], base+cellMentee)
		progLists[2] = append(progLists[2], base+cellMentor)
		er.Cohorts = append(er.Cohorts, CohortEval{ID: c.ID, Groups: gs})
	}
	all = append(all, prog...)
	lists = append(lists, progLists[:]...)
	for _, g := range all {
		sort.Strings(g.Comments)
		for _, s := range g.Stats {
			if s.N > 0 {
				s.Mean /= float64(s.N)
			}
		}
	}
	// The programme's total is the figure the public page shows too: keep
	// it where the rules allow.
	keep := len(lists) - 3
	cellGroup := func(cell int) (string, programme.Role) {
		id := ds.Cohorts[cell/cellsPerCohort].ID
		switch cell % cellsPerCohort {
		case cellMentee:
			return id, programme.Mentee
		case cellMentor:
			return id, programme.Mentor
		}
		return id, ""
	}
	hiding := func(size []int, res listResult, l int) Hiding {
		switch {
		case res.shown[l]:
			return Hiding{}
		case res.because[l] == nil:
			empty := true
			for _, n := range size {
				empty = empty && n == 0
			}
			if empty {
				return Hiding{Kind: NoAnswers}
			}
			return Hiding{Kind: TooFew}
		}
		h := Hiding{Kind: Protects}
		for i, cell := range res.because[l] {
			c, r := cellGroup(cell)
			if i == 0 || r != h.BecauseRole {
				h.BecauseRole = r
				if i > 0 {
					h.BecauseRole = ""
				}
			}
			if len(h.BecauseCohorts) == 0 || h.BecauseCohorts[len(h.BecauseCohorts)-1] != c {
				h.BecauseCohorts = append(h.BecauseCohorts, c)
			}
		}
		return h
	}
	figs := suppressLists(answers, lists, er.MinGroup, keep)
	coms := suppressLists(comments, lists, er.MinComments, keep)
	for l, g := range all {
		sizes := make([]int, nq)
		for qi, s := range g.Stats {
			sizes[qi] = s.N
		}
		g.Figures = hiding(sizes, figs, l)
		for _, s := range g.Stats {
			s.Hidden = g.Figures.Kind != Shown
			s.Complementary = g.Figures.Kind == Protects
		}
		g.CommentsWhy = hiding([]int{len(g.Comments)}, coms, l)
		g.CommentsShown = g.CommentsWhy.Kind == Shown && len(g.Comments) > 0
	}
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

// listResult is suppressLists' decision: which lists are shown, and for a
// hidden list the cells of the small atom it was hidden to protect (nil:
// hidden because it is too small, or empty, itself).
type listResult struct {
	shown   []bool
	because [][]int
}

// suppressLists decides which lists (sets of cells) may be shown so that
// every atom — the cells that lie in exactly the same shown lists — holds, in
// every dimension d, either nothing or at least min (sizes[cell][d] is the
// cell's size in dimension d). A list that is too small itself is never
// shown. Then, while an atom is too small, it is merged with another atom
// by hiding the lists that tell the two apart (or, where that costs less,
// its lists are hidden so that it is not shown at all), choosing the step
// that leaves the most answers shown and hides the fewest lists, and the
// list keep (-1 for none) last. Hiding lists only ever merges atoms, so
// every step ends one too-small atom and none begins. At the end, hidden
// lists are shown again one by one where the rule still holds.
//
// Our own code: this is the classic problem of cell suppression in a table
// with margins; the kept libraries for it (tau-Argus, sdcTable) are not Go
// and solve a harder optimisation than our few dozen cells need.
func suppressLists(sizes [][]int, lists [][]int, min, keep int) listResult {
	nl := len(lists)
	res := listResult{shown: make([]bool, nl), because: make([][]int, nl)}
	small := func(sz []int) bool {
		for _, n := range sz {
			if n > 0 && n < min {
				return true
			}
		}
		return false
	}
	total := func(cells []int) []int {
		sum := make([]int, len(sizes[0]))
		for _, c := range cells {
			for d, n := range sizes[c] {
				sum[d] += n
			}
		}
		return sum
	}
	if len(sizes) == 0 {
		return res
	}
	// member[c] lists the lists that hold cell c.
	member := make([][]int, len(sizes))
	for l, cells := range lists {
		for _, c := range cells {
			member[c] = append(member[c], l)
		}
		sz := total(cells)
		res.shown[l] = !small(sz) && !zero(sz)
	}
	weight := func(c int) int {
		w := 0
		for _, n := range sizes[c] {
			w += n
		}
		return w
	}
	// atoms groups the cells with something in them by the shown lists
	// that hold them; cells in no shown list are not shown and left out.
	type atom struct {
		sig   string
		lists []int
		cells []int
	}
	atoms := func(shown []bool) []*atom {
		by := map[string]*atom{}
		var out []*atom
		for c := range sizes {
			if weight(c) == 0 {
				continue
			}
			var ls []int
			var key strings.Builder
			for _, l := range member[c] {
				if shown[l] {
					ls = append(ls, l)
					fmt.Fprintf(&key, "%d,", l)
				}
			}
			if len(ls) == 0 {
				continue
			}
			a := by[key.String()]
			if a == nil {
				a = &atom{sig: key.String(), lists: ls}
				by[a.sig] = a
				out = append(out, a)
			}
			a.cells = append(a.cells, c)
		}
		return out
	}
	violation := func(shown []bool) *atom {
		var worst *atom
		worstW := 0
		for _, a := range atoms(shown) {
			if !small(total(a.cells)) {
				continue
			}
			w := 0
			for _, c := range a.cells {
				w += weight(c)
			}
			if worst == nil || w < worstW {
				worst, worstW = a, w
			}
		}
		return worst
	}
	// cost of a shown set: answers in no shown list, whether keep is
	// hidden, lists hidden, answers in hidden lists.
	type cost [4]int
	costOf := func(shown []bool) cost {
		var k cost
		for c := range sizes {
			in := false
			for _, l := range member[c] {
				in = in || shown[l]
			}
			if !in {
				k[0] += weight(c)
			}
		}
		if keep >= 0 && !shown[keep] {
			k[1] = 1
		}
		for l, cells := range lists {
			if !shown[l] {
				k[2]++
				for _, c := range cells {
					k[3] += weight(c)
				}
			}
		}
		return k
	}
	less := func(a, b cost) bool {
		for i := range a {
			if a[i] != b[i] {
				return a[i] < b[i]
			}
		}
		return false
	}
	for {
		x := violation(res.shown)
		if x == nil {
			break
		}
		inX := map[int]bool{}
		for _, l := range x.lists {
			inX[l] = true
		}
		// Candidates: hide x's lists (x is then not shown), or hide the
		// lists that tell x from another atom y.
		cands := [][]int{x.lists}
		for _, y := range atoms(res.shown) {
			if y.sig == x.sig {
				continue
			}
			inY := map[int]bool{}
			var diff []int
			for _, l := range y.lists {
				inY[l] = true
				if !inX[l] {
					diff = append(diff, l)
				}
			}
			for _, l := range x.lists {
				if !inY[l] {
					diff = append(diff, l)
				}
			}
			cands = append(cands, diff)
		}
		var best []int
		var bestCost cost
		try := make([]bool, nl)
		for _, cand := range cands {
			copy(try, res.shown)
			for _, l := range cand {
				try[l] = false
			}
			if k := costOf(try); best == nil || less(k, bestCost) {
				best, bestCost = cand, k
			}
		}
		for _, l := range best {
			res.shown[l] = false
			res.because[l] = x.cells
		}
	}
	// Show again what can be shown: the lists with most answers first,
	// keep before all.
	order := make([]int, 0, nl)
	for l := range lists {
		if !res.shown[l] && res.because[l] != nil {
			order = append(order, l)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if (a == keep) != (b == keep) {
			return a == keep
		}
		var wa, wb int
		for _, c := range lists[a] {
			wa += weight(c)
		}
		for _, c := range lists[b] {
			wb += weight(c)
		}
		return wa > wb
	})
	for _, l := range order {
		res.shown[l] = true
		if violation(res.shown) != nil {
			res.shown[l] = false
			continue
		}
		res.because[l] = nil
	}
	return res
}

func zero(sz []int) bool {
	for _, n := range sz {
		if n != 0 {
			return false
		}
	}
	return true
}

// groupName names the participants of a role ("" for all) in cohorts in
// Danish, for a sentence: "mentorerne i kohorte 2026-foraar".
func (e *EvalReport) groupName(cohorts []string, role programme.Role) string {
	who := "deltagerne"
	switch role {
	case programme.Mentee:
		who = "menteerne"
	case programme.Mentor:
		who = "mentorerne"
	}
	names := make([]string, len(cohorts))
	for i, c := range cohorts {
		names[i] = c
		if n := e.names[c]; n != "" {
			names[i] = n
		}
	}
	where := "kohorte " + names[0]
	if n := len(names); n > 1 {
		where = "kohorterne " + strings.Join(names[:n-1], ", ") + " og " + names[n-1]
	}
	return who + " i " + where
}

// FiguresWhy says in Danish why the group's figures are not shown ("" when
// they are).
func (e *EvalReport) FiguresWhy(g *Group) string {
	switch h := g.Figures; h.Kind {
	case NoAnswers:
		return "Ingen svar endnu."
	case TooFew:
		return fmt.Sprintf("For få svar: tallene vises kun for grupper med mindst %d svar, så ingen kan genkende den enkeltes svar.", e.MinGroup)
	case Protects:
		return fmt.Sprintf("Skjult, selv om gruppen har svar nok: sammen med de tal, der vises, kunne man ellers regne ud, hvad %s har svaret, og de er færre end %d.",
			e.groupName(h.BecauseCohorts, h.BecauseRole), e.MinGroup)
	}
	return ""
}

// CommentsWhyText says in Danish why the group's comments are not shown
// ("" when they are, or when there are none).
func (e *EvalReport) CommentsWhyText(g *Group) string {
	switch h := g.CommentsWhy; h.Kind {
	case TooFew:
		return fmt.Sprintf("Kommentarerne vises kun, hvor mindst %d har skrevet en; her er der færre.", e.MinComments)
	case Protects:
		return fmt.Sprintf("Kommentarerne vises ikke her: ved at sammenligne med de andre lister kunne man ellers se, hvilke kommentarer %s har skrevet, og de er færre end %d.",
			e.groupName(h.BecauseCohorts, h.BecauseRole), e.MinComments)
	}
	return ""
}
