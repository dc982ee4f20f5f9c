package status

// The privacy of the evaluation pages, tested as a reader would attack
// them. The attacker here reads only what is shown (the rendered evaluation
// page, the public "Programmet i tal" fragments and status.json) and knows
// the true size of every cohort × role cell (as the secretariat does); it
// never calls the suppression code. It then:
//   - adds and subtracts every shown distribution (exact linear algebra over
//     the rationals) and checks that no group of fewer than
//     privacy.min_group_size answers can be worked out: no cell, no margin,
//     no union of small cells;
//   - intersects and subtracts every shown comment list and checks that each
//     smallest set of comments it can single out has at least
//     privacy.min_group_size_comments comments;
//   - swaps the answers (or comments) of a person in a small group with
//     those of people elsewhere and checks that the pages stay the same for
//     enough of them: then not even bounds (a "1" in a cohort and none
//     among the programme's mentees) can pin an answer on the small group.

import (
	"bytes"
	"fmt"
	"html"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// shown is what a reader sees of one group on the evaluation page.
type shown struct {
	cohort   string
	role     programme.Role
	counts   map[string][]int // question id -> distribution, where shown
	comments []string         // where shown
}

// view is everything a reader sees of the evaluations.
type view struct {
	groups []shown
	// public holds the questions whose programme-wide mean the public
	// fragments show.
	public map[string]bool
}

// seen renders what a reader sees of ds: the evaluation page, the public
// fragments in both languages and status.json.
func seen(t *testing.T, ds *programme.Dataset) (string, view) {
	t.Helper()
	r := New(ds, today)
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "eval", page{R: r, Title: "Evalueringer", Nav: "eval"}); err != nil {
		t.Fatal(err)
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	pub := publicHTML(t, r, "da") + publicHTML(t, r, "en")
	raw := buf.String() + "\x00" + pub + "\x00" + string(js)
	return raw, parseView(t, ds, buf.String(), pub, string(js))
}

var (
	cardRE     = regexp.MustCompile(`<li class="st-card" id="[^"]*" data-cohort="([^"]*)" data-role="([^"]*)">`)
	questionRE = regexp.MustCompile(`(?s)<div class="st-question" data-question="([^"]+)">.*?</div>`)
	distRE     = regexp.MustCompile(`antal svar pr\. værdi: ([^;]*);`)
	commentsRE = regexp.MustCompile(`(?s)<ul class="st-comments">(.*?)</ul>`)
	itemRE     = regexp.MustCompile(`(?s)<li>(.*?)</li>`)
	publicRE   = regexp.MustCompile(`<tr><th scope="row">([^<]*) <span class="numbers-scale">[^<]*</span></th><td class="num">[0-9.,]+</td>`)
)

func parseView(t *testing.T, ds *programme.Dataset, evalPage, public, js string) view {
	t.Helper()
	var v view
	locs := cardRE.FindAllStringSubmatchIndex(evalPage, -1)
	for i, m := range locs {
		end := len(evalPage)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := evalPage[m[1]:end]
		g := shown{cohort: evalPage[m[2]:m[3]], role: programme.Role(evalPage[m[4]:m[5]]), counts: map[string][]int{}}
		for _, q := range questionRE.FindAllStringSubmatch(body, -1) {
			d := distRE.FindStringSubmatch(html.UnescapeString(q[0]))
			if d == nil {
				// A question shows its figures only with its distribution:
				// a mean or a count of answers alone would be a figure this
				// reader does not add up.
				if strings.Contains(q[0], "Gennemsnit") || strings.Contains(q[0], " svar)") {
					t.Fatalf("%s/%s %s shows figures without a distribution", evalPage[m[2]:m[3]], evalPage[m[4]:m[5]], q[1])
				}
				continue
			}
			var counts []int
			for _, part := range strings.Split(d[1], ", ") {
				_, n, ok := strings.Cut(part, ": ")
				c, err := strconv.Atoi(n)
				if !ok || err != nil {
					t.Fatalf("cannot read the distribution %q", d[1])
				}
				counts = append(counts, c)
			}
			g.counts[q[1]] = counts
		}
		if c := commentsRE.FindStringSubmatch(body); c != nil {
			for _, it := range itemRE.FindAllStringSubmatch(c[1], -1) {
				g.comments = append(g.comments, html.UnescapeString(it[1]))
			}
		}
		v.groups = append(v.groups, g)
	}
	if len(v.groups) != 3*(len(ds.Cohorts)+1) {
		t.Fatalf("read %d groups on the evaluation page, want %d", len(v.groups), 3*(len(ds.Cohorts)+1))
	}
	v.public = map[string]bool{}
	for _, m := range publicRE.FindAllStringSubmatch(public, -1) {
		for _, q := range ds.Config.Questions {
			if html.UnescapeString(m[1]) == q.Label["da"] || html.UnescapeString(m[1]) == q.Label["en"] {
				v.public[q.ID] = true
			}
		}
	}
	// status.json carries no evaluation figures or comments: nothing more
	// to combine.
	for _, c := range ds.Cohorts {
		for _, e := range c.Evaluations {
			if e.Comment != "" && strings.Contains(js, e.Comment) {
				t.Fatalf("status.json holds the comment %q", e.Comment)
			}
		}
	}
	if strings.Contains(js, "answers") || strings.Contains(js, "tilfredshed") {
		t.Fatal("status.json holds evaluation answers")
	}
	return v
}

// cell is one cohort × role cell: the attacker's unknowns.
type cell struct {
	cohort string
	role   programme.Role // "" for answers with neither role
}

func cellsOf(ds *programme.Dataset) []cell {
	var cs []cell
	for _, c := range ds.Cohorts {
		cs = append(cs, cell{c.ID, programme.Mentee}, cell{c.ID, programme.Mentor}, cell{c.ID, ""})
	}
	return cs
}

func roleOf(e programme.Evaluation) programme.Role {
	if e.Role == programme.Mentee || e.Role == programme.Mentor {
		return e.Role
	}
	return ""
}

// covers reports whether a group (cohort "" = programme, role "" = all)
// holds the cell.
func covers(cohort string, role programme.Role, c cell) bool {
	return (cohort == "" || cohort == c.cohort) && (role == "" || role == c.role)
}

// truth is the true distribution of q in each cell, and the cells' sizes.
func truth(ds *programme.Dataset, q programme.Question, cs []cell) (dist [][]int, size []int) {
	dist = make([][]int, len(cs))
	size = make([]int, len(cs))
	for i := range cs {
		dist[i] = make([]int, q.Scale.Max-q.Scale.Min+1)
	}
	for _, c := range ds.Cohorts {
		for _, e := range c.Evaluations {
			v, ok := e.Answers[q.ID]
			if !ok || v < q.Scale.Min || v > q.Scale.Max {
				continue
			}
			for i, cl := range cs {
				if cl == (cell{c.ID, roleOf(e)}) {
					dist[i][v-q.Scale.Min]++
					size[i]++
				}
			}
		}
	}
	return dist, size
}

// span is a row-reduced basis of the linear combinations of cells a reader
// can compute, over the rationals.
type span struct{ rows [][]*big.Rat }

// reduce returns v minus its projection on the span (zero iff v is in it).
func (s *span) reduce(v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(v))
	for i := range v {
		out[i] = new(big.Rat).Set(v[i])
	}
	for _, r := range s.rows {
		p := 0
		for r[p].Sign() == 0 {
			p++
		}
		if out[p].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Quo(out[p], r[p])
		for i := range out {
			out[i].Sub(out[i], new(big.Rat).Mul(f, r[i]))
		}
	}
	return out
}

func (s *span) add(v []*big.Rat) {
	r := s.reduce(v)
	for _, x := range r {
		if x.Sign() != 0 {
			s.rows = append(s.rows, r)
			// Keep the pivots distinct: reduce the earlier rows by it.
			p := 0
			for r[p].Sign() == 0 {
				p++
			}
			for _, o := range s.rows[:len(s.rows)-1] {
				if o[p].Sign() == 0 {
					continue
				}
				f := new(big.Rat).Quo(o[p], r[p])
				for i := range o {
					o[i].Sub(o[i], new(big.Rat).Mul(f, r[i]))
				}
			}
			return
		}
	}
}

func (s *span) has(v []*big.Rat) bool {
	for _, x := range s.reduce(v) {
		if x.Sign() != 0 {
			return false
		}
	}
	return true
}

func indicator(n int, in func(i int) bool) []*big.Rat {
	v := make([]*big.Rat, n)
	for i := range v {
		v[i] = new(big.Rat)
		if in(i) {
			v[i].SetInt64(1)
		}
	}
	return v
}

// attackFigures returns every group of fewer than min answers to a
// question that a reader can work out by adding and subtracting what v
// shows, described in words. It also checks that what v shows is true.
func attackFigures(ds *programme.Dataset, v view, min int) (found []string, err error) {
	cs := cellsOf(ds)
	for _, q := range ds.Config.Questions {
		if q.Scale == nil {
			continue
		}
		dist, size := truth(ds, q, cs)
		var s span
		for _, g := range v.groups {
			got, ok := g.counts[q.ID]
			if !ok {
				continue
			}
			want := make([]int, len(dist[0]))
			for i, c := range cs {
				if covers(g.cohort, g.role, c) {
					for j := range want {
						want[j] += dist[i][j]
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return nil, fmt.Errorf("%s/%s %s: the page shows %v, the answers are %v", g.cohort, g.role, q.ID, got, want)
			}
			s.add(indicator(len(cs), func(i int) bool { return covers(g.cohort, g.role, cs[i]) }))
		}
		if v.public[q.ID] {
			s.add(indicator(len(cs), func(int) bool { return true }))
		}
		// A cell known to be empty is known to be zero.
		for i := range cs {
			if size[i] == 0 {
				s.add(indicator(len(cs), func(j int) bool { return j == i }))
			}
		}
		check := func(what string, in func(i int) bool) {
			n := 0
			for i := range cs {
				if in(i) {
					n += size[i]
				}
			}
			if n > 0 && n < min && s.has(indicator(len(cs), in)) {
				found = append(found, fmt.Sprintf("%s: %s (%d answers)", q.ID, what, n))
			}
		}
		// Every group the page names: cells and margins.
		ids := []string{""}
		for _, c := range ds.Cohorts {
			ids = append(ids, c.ID)
		}
		for _, id := range ids {
			for _, r := range []programme.Role{"", programme.Mentee, programme.Mentor} {
				check(fmt.Sprintf("group %q/%q", id, r), func(i int) bool { return covers(id, r, cs[i]) })
			}
		}
		// Every union of small cells (any group of fewer than min answers
		// is a union of cells with fewer than min answers each).
		var smalls []int
		for i := range cs {
			if size[i] > 0 && size[i] < min {
				smalls = append(smalls, i)
			}
		}
		var walk func(from, n int, set []int)
		walk = func(from, n int, set []int) {
			if len(set) > 0 {
				check(fmt.Sprintf("cells %v", set), func(i int) bool {
					for _, j := range set {
						if i == j {
							return true
						}
					}
					return false
				})
			}
			for k := from; k < len(smalls); k++ {
				if n+size[smalls[k]] < min {
					walk(k+1, n+size[smalls[k]], append(set[:len(set):len(set)], smalls[k]))
				}
			}
		}
		walk(0, 0, nil)
	}
	return found, nil
}

// attackComments returns every smallest set of comments a reader can single
// out by intersecting and subtracting the shown lists that holds fewer than
// min comments. It also checks that every shown comment is in its list.
func attackComments(ds *programme.Dataset, v view, min int) (found []string, err error) {
	where := map[string]cell{}
	for _, c := range ds.Cohorts {
		for _, e := range c.Evaluations {
			if e.Comment != "" {
				where[e.Comment] = cell{c.ID, roleOf(e)}
			}
		}
	}
	// Split the shown comments by every list: what is left are the sets
	// no list tells apart.
	all := map[string]bool{}
	for _, g := range v.groups {
		for _, c := range g.comments {
			cl, ok := where[c]
			if !ok || !covers(g.cohort, g.role, cl) {
				return nil, fmt.Errorf("%s/%s shows %q, which is not its comment", g.cohort, g.role, c)
			}
			all[c] = true
		}
	}
	parts := []map[string]bool{all}
	for _, g := range v.groups {
		in := map[string]bool{}
		for _, c := range g.comments {
			in[c] = true
		}
		var next []map[string]bool
		for _, p := range parts {
			a, b := map[string]bool{}, map[string]bool{}
			for c := range p {
				if in[c] {
					a[c] = true
				} else {
					b[c] = true
				}
			}
			for _, x := range []map[string]bool{a, b} {
				if len(x) > 0 {
					next = append(next, x)
				}
			}
		}
		parts = next
	}
	for _, p := range parts {
		if len(p) < min {
			var cs []string
			for c := range p {
				cs = append(cs, c)
			}
			found = append(found, fmt.Sprintf("%d comments can be singled out: %q", len(p), cs))
		}
	}
	return found, nil
}

// attackSwaps checks that each person in a small cell (fewer than min
// answers to a question, or minComments comments) whose answer shows at
// all could as well be enough others: swapping their answer (comment) with that of someone in another
// cell leaves everything a reader sees the same, for at least min - n of
// them. It returns the people for whom it does not hold.
func attackSwaps(t *testing.T, ds *programme.Dataset, min, minComments int) []string {
	t.Helper()
	type person struct{ c, e int }
	cellOf := func(p person) cell {
		return cell{ds.Cohorts[p.c].ID, roleOf(ds.Cohorts[p.c].Evaluations[p.e])}
	}
	var people []person
	for ci, c := range ds.Cohorts {
		for ei := range c.Evaluations {
			people = append(people, person{ci, ei})
		}
	}
	// render with two people's values set, through a copy of the data.
	render := func(set func(ds *programme.Dataset)) string {
		cp := *ds
		cp.Cohorts = make([]programme.Cohort, len(ds.Cohorts))
		for i, c := range ds.Cohorts {
			cp.Cohorts[i] = c
			cp.Cohorts[i].Evaluations = make([]programme.Evaluation, len(c.Evaluations))
			for j, e := range c.Evaluations {
				e.Answers = make(map[string]int, len(e.Answers))
				for k, a := range c.Evaluations[j].Answers {
					e.Answers[k] = a
				}
				cp.Cohorts[i].Evaluations[j] = e
			}
		}
		set(&cp)
		raw, _ := seen(t, &cp)
		return raw
	}
	var bad []string
	type dim struct {
		name string
		has  func(e programme.Evaluation) bool
		put  func(e *programme.Evaluation, which int)
		min  int
	}
	var dims []dim
	for _, q := range ds.Config.Questions {
		if q.Scale == nil {
			continue
		}
		dims = append(dims, dim{q.ID, func(e programme.Evaluation) bool {
			v, ok := e.Answers[q.ID]
			return ok && v >= q.Scale.Min && v <= q.Scale.Max
		}, func(e *programme.Evaluation, which int) { e.Answers[q.ID] = q.Scale.Min + which }, min})
	}
	dims = append(dims, dim{"comment", func(e programme.Evaluation) bool { return e.Comment != "" },
		func(e *programme.Evaluation, which int) { e.Comment = fmt.Sprintf("ombyttet %d", which) }, minComments})
	for _, d := range dims {
		size := map[cell]int{}
		for _, p := range people {
			if d.has(ds.Cohorts[p.c].Evaluations[p.e]) {
				size[cellOf(p)]++
			}
		}
		done := map[cell]bool{}
		for _, p := range people {
			cl := cellOf(p)
			if n := size[cl]; !d.has(ds.Cohorts[p.c].Evaluations[p.e]) || n >= d.min || done[cl] {
				continue
			}
			done[cl] = true
			// A person whose answer changes nothing a reader sees is safe.
			if render(func(x *programme.Dataset) { d.put(&x.Cohorts[p.c].Evaluations[p.e], 0) }) ==
				render(func(x *programme.Dataset) { d.put(&x.Cohorts[p.c].Evaluations[p.e], 1) }) {
				continue
			}
			crowd := size[cl]
			// One person per other cell stands for the cell: the pages
			// show sums of cells (attackFigures checks that), so whom in
			// a cell an answer belongs to cannot matter.
			tried := map[cell]bool{}
			for _, o := range people {
				if cellOf(o) == cl || tried[cellOf(o)] || !d.has(ds.Cohorts[o.c].Evaluations[o.e]) {
					continue
				}
				tried[cellOf(o)] = true
				a := render(func(x *programme.Dataset) {
					d.put(&x.Cohorts[p.c].Evaluations[p.e], 0)
					d.put(&x.Cohorts[o.c].Evaluations[o.e], 1)
				})
				b := render(func(x *programme.Dataset) {
					d.put(&x.Cohorts[p.c].Evaluations[p.e], 1)
					d.put(&x.Cohorts[o.c].Evaluations[o.e], 0)
				})
				if a == b {
					crowd += size[cellOf(o)]
				}
			}
			if crowd < d.min {
				bad = append(bad, fmt.Sprintf("%s: a person among %s/%s (%d) can be told from all but %d others", d.name, cl.cohort, cl.role, size[cl], crowd-1))
			}
		}
	}
	return bad
}

// randomProgramme makes cohorts of random sizes, many of them small, with
// random answers (some missing or outside the scale) and unique comments.
func randomProgramme(rng *rand.Rand, maxCohorts int) *programme.Dataset {
	cfg := testConfig()
	cfg.Privacy.MinGroupSize = 2 + rng.IntN(5)
	cfg.Privacy.MinGroupSizeComments = cfg.Privacy.MinGroupSize + rng.IntN(6)
	sizes := []int{0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12}
	ds := &programme.Dataset{Config: cfg}
	for c := range 1 + rng.IntN(maxCohorts) {
		co := programme.Cohort{ID: fmt.Sprintf("k%d", c)}
		add := func(role programme.Role, n int) {
			for range n {
				i := len(co.Evaluations)
				e := programme.Evaluation{Email: fmt.Sprintf("%s-%d@x", co.ID, i), Role: role, Answers: map[string]int{}}
				for _, q := range cfg.Questions {
					if q.Scale == nil {
						continue
					}
					switch x := rng.IntN(20); {
					case x == 0: // not answered
					case x == 1:
						e.Answers[q.ID] = q.Scale.Max + 7 // outside the scale: not counted
					default:
						e.Answers[q.ID] = q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1)
					}
				}
				if rng.IntN(4) > 0 {
					e.Comment = fmt.Sprintf("kommentar %s-%d", co.ID, i)
				}
				co.Evaluations = append(co.Evaluations, e)
			}
		}
		add(programme.Mentee, sizes[rng.IntN(len(sizes))])
		add(programme.Mentor, sizes[rng.IntN(len(sizes))])
		if rng.IntN(6) == 0 {
			add("", 1+rng.IntN(2))
		}
		ds.Cohorts = append(ds.Cohorts, co)
	}
	return ds
}

func attackAll(t *testing.T, ds *programme.Dataset) (figs, coms []string, v view) {
	t.Helper()
	_, v = seen(t, ds)
	figs, err := attackFigures(ds, v, ds.Config.Privacy.MinGroupSize)
	if err != nil {
		t.Fatal(err)
	}
	coms, err = attackComments(ds, v, ds.Config.Privacy.MinGroupSizeComments)
	if err != nil {
		t.Fatal(err)
	}
	return figs, coms, v
}

// issueCase is the case of the confidentiality issue: cohort A of 10
// mentees and 1 mentor, whose answer (1) no mentee gives, and cohort B of
// 10 + 10; everyone comments.
func issueCase() *programme.Dataset {
	cfg := testConfig()
	cfg.Privacy = programme.Privacy{MinGroupSize: 5, MinGroupSizeComments: 10}
	mk := func(id string, mentees, mentors int) programme.Cohort {
		c := programme.Cohort{ID: id}
		for i := range mentees + mentors {
			role, v := programme.Mentee, 2+i%4
			if i >= mentees {
				role = programme.Mentor
				if id == "a" {
					v = 1
				}
			}
			c.Evaluations = append(c.Evaluations, programme.Evaluation{Email: fmt.Sprintf("%s%d@x", id, i), Role: role,
				Answers: map[string]int{"tilfredshed": v, "anbefaling": v}, Comment: fmt.Sprintf("kommentar %s%d", id, i)})
		}
		return c
	}
	return &programme.Dataset{Config: cfg, Cohorts: []programme.Cohort{mk("a", 10, 1), mk("b", 10, 10)}}
}

func TestEvalPrivacyIssueCase(t *testing.T) {
	ds := issueCase()
	figs, coms, v := attackAll(t, ds)
	for _, f := range append(figs, coms...) {
		t.Error(f)
	}
	if bad := attackSwaps(t, ds, 5, 10); len(bad) > 0 {
		t.Error(bad)
	}
	// Not all is hidden: the programme's figures and every comment show,
	// and each of cohort a's answers and comments shows somewhere.
	var progShown bool
	comments := map[string]bool{}
	for _, g := range v.groups {
		if g.cohort == "" && g.role == "" && g.counts["tilfredshed"] != nil {
			progShown = true
		}
		for _, c := range g.comments {
			comments[c] = true
		}
	}
	if !progShown || !v.public["tilfredshed"] {
		t.Error("the programme's figures are hidden")
	}
	if len(comments) != 31 {
		t.Errorf("%d of 31 comments shown", len(comments))
	}
}

// TestAttackerFindsLeaks plants the leaks the issue describes in a view and
// checks that the attacker finds them: cohort a's total beside the
// programme's mentees and cohort b's mentees gives a's one mentor's answer;
// the same lists of comments single out the mentor's comment.
func TestAttackerFindsLeaks(t *testing.T) {
	ds := issueCase()
	cs := cellsOf(ds)
	var v view
	for _, g := range []struct {
		cohort string
		role   programme.Role
	}{{"a", ""}, {"", programme.Mentee}, {"b", programme.Mentee}, {"", programme.Mentor}, {"", ""}} {
		sh := shown{cohort: g.cohort, role: g.role, counts: map[string][]int{}}
		for _, q := range ds.Config.Questions {
			if q.Scale == nil {
				continue
			}
			dist, _ := truth(ds, q, cs)
			sum := make([]int, len(dist[0]))
			for i, c := range cs {
				if covers(g.cohort, g.role, c) {
					for j := range sum {
						sum[j] += dist[i][j]
					}
				}
			}
			sh.counts[q.ID] = sum
		}
		for _, c := range ds.Cohorts {
			for _, e := range c.Evaluations {
				if covers(g.cohort, g.role, cell{c.ID, roleOf(e)}) {
					sh.comments = append(sh.comments, e.Comment)
				}
			}
		}
		v.groups = append(v.groups, sh)
	}
	figs, err := attackFigures(ds, v, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(figs, "\n"), `group "a"/"mentor" (1 answers)`) {
		t.Errorf("the attacker did not find a's mentor: %q", figs)
	}
	coms, err := attackComments(ds, v, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(coms, "\n"), `1 comments can be singled out: ["kommentar a10"]`) {
		t.Errorf("the attacker did not single out a's mentor's comment: %q", coms)
	}
}

func TestEvalPrivacyRandomProgrammes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 2))
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := range n {
		ds := randomProgramme(rng, 5)
		figs, coms, v := attackAll(t, ds)
		for _, f := range append(figs, coms...) {
			t.Errorf("programme %d (min %d, comments %d): %s", i, ds.Config.Privacy.MinGroupSize, ds.Config.Privacy.MinGroupSizeComments, f)
		}
		// The public page shows a mean exactly where the evaluation page
		// shows the programme's figures.
		for _, g := range v.groups {
			if g.cohort != "" || g.role != "" {
				continue
			}
			for _, q := range ds.Config.Questions {
				if q.Scale != nil && v.public[q.ID] != (g.counts[q.ID] != nil) {
					t.Errorf("programme %d: %s: public mean shown %v, programme's figures shown %v", i, q.ID, v.public[q.ID], g.counts[q.ID] != nil)
				}
			}
		}
	}
}

func TestEvalPrivacySwaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 7))
	n := 20
	if testing.Short() {
		n = 5
	}
	for i := range n {
		ds := randomProgramme(rng, 3)
		for _, b := range attackSwaps(t, ds, ds.Config.Privacy.MinGroupSize, ds.Config.Privacy.MinGroupSizeComments) {
			t.Errorf("programme %d (min %d, comments %d): %s", i, ds.Config.Privacy.MinGroupSize, ds.Config.Privacy.MinGroupSizeComments, b)
		}
	}
}

// A chart names its scale's ends and carries every count, in its text
// alternative and on the bars.
func TestBarsEndsAndCounts(t *testing.T) {
	q := programme.Question{ID: "t", Label: programme.Text{"da": "Samlet tilfredshed"}, Scale: &programme.Range{Min: 1, Max: 5},
		Ends: &programme.ScaleEnds{Min: programme.Text{"da": "Meget utilfreds"}, Max: programme.Text{"da": "Meget tilfreds"}}}
	got := string(bars(&Stat{Question: q, N: 9, Counts: []int{0, 1, 2, 3, 3}, Mean: 3.9}))
	for _, want := range []string{
		`aria-label="Samlet tilfredshed (1 = Meget utilfreds, 5 = Meget tilfreds), antal svar pr. værdi: 1: 0, 2: 1, 3: 2, 4: 3, 5: 3; gennemsnit 3,9 af 9 svar."`,
		`<p class="st-ends" aria-hidden="true"><span>1 = Meget utilfreds</span><span>5 = Meget tilfreds</span></p>`,
		`text-anchor="middle">0</text>`, `text-anchor="middle">3</text>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("chart lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, `class="bar-label"`); n != 5 {
		t.Errorf("%d counts on 5 bars", n)
	}
	q.Ends = nil
	if got := string(bars(&Stat{Question: q, Counts: make([]int, 5)})); !strings.Contains(got, "<span>1</span><span>5</span>") {
		t.Errorf("a scale without ends does not show its numbers as ends:\n%s", got)
	}
}
