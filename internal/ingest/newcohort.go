package ingest

// New cohorts. Only a sign-up row creates a cohort (meeting, evaluation,
// follow-up and proposal rows must name one that exists, or one that the
// run's sign-ups create), so a typo in a sign-up's Kohorte cell ("Mentorr
// 2026") silently splits a programme's people over two cohort files. The
// report therefore notes every cohort the run creates, with the number of
// sign-ups that create it, and where its id looks like a typo of another
// cohort's, names the closest such cohort and says what to do. The notes
// are computed from the merged state after it is saved (or not): they
// never change what is stored.

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// Note codes of the new-cohort notes: a run gives exactly one of them for
// each cohort it creates.
const (
	CodeNewCohort = "new-cohort" // a cohort data/ did not have
	// CodeNewCohortSimilar is a new cohort whose id is close to another
	// cohort's: likely a misspelling.
	CodeNewCohortSimilar = "new-cohort-similar"
	// CodeCohortRenamed is an existing cohort whose display name a
	// sign-up row spells differently ("Foraar 2026" for "Forår 2026").
	CodeCohortRenamed = "cohort-renamed"
)

// NewCohort reports whether the note is about a cohort the run creates.
func (n Note) NewCohort() bool { return n.Code == CodeNewCohort || n.Code == CodeNewCohortSimilar }

// LikelyTypo reports whether the note is about a new cohort whose name
// looks like a misspelling of another cohort's.
func (n Note) LikelyTypo() bool { return n.Code == CodeNewCohortSimilar }

// noteNew switches the notes on; a test switches them off to show that
// they change nothing else.
var noteNew = true

// newCohortInfo is a cohort the run creates, as the report tells it.
type newCohortInfo struct {
	id    string
	name  string // the name it gets: as its last accepted sign-up writes it
	rows  int    // its sign-ups: people with accepted rows naming it
	first *row
}

// noteNewCohorts puts a note for every cohort the run creates, and for
// every existing cohort whose display name it changes, before the
// report's other notes. It runs after finish: whether data/ was saved
// decides how a note says to undo a misspelling.
func (st *state) noteNewCohorts() {
	if !noteNew {
		return
	}
	notes := append(st.newCohortNotes(), st.renamedCohortNotes()...)
	if len(notes) > 0 {
		st.report.Notes = append(notes, st.report.Notes...)
	}
}

// newCohortNotes are the notes of the cohorts the run creates, in the
// order of the first sign-up row that names each.
func (st *state) newCohortNotes() []Note {
	if len(st.cohorts) == len(st.orig) {
		return nil // only ever more cohorts than loaded: none is new
	}
	var news []*newCohortInfo
	byID := map[string]*newCohortInfo{}
	for _, r := range st.rowsOf(Signups) {
		if r.rejected() || r.cohort == "" || st.orig[r.cohort] != nil || st.cohorts[r.cohort] == nil {
			continue
		}
		n := byID[r.cohort]
		if n == nil {
			v, _ := r.cell(fCohort)
			n = &newCohortInfo{id: r.cohort, name: oneLine(v), first: r}
			byID[r.cohort] = n
			news = append(news, n)
		}
		if !r.loser {
			n.rows++ // a person's last row: each person once
		}
	}
	if len(news) == 0 {
		return nil
	}
	// The name the cohort is saved with, and the status pages show, is the
	// last sign-up's spelling, not the first's.
	for _, n := range news {
		if c := st.cohorts[n.id]; c.name != "" {
			n.name = oneLine(c.name)
		}
	}
	// What is compared of each cohort, read once, and an index of them: a
	// run that creates thousands of cohorts (a column of names read as the
	// cohort) would compare every two of them.
	type other struct {
		id string
		sh *shape
		n  *newCohortInfo // a new one's
	}
	existing := make([]other, 0, len(st.orig))
	for id, c := range st.orig {
		existing = append(existing, other{id: id, sh: newShape(cohortKey(id, c.name))})
	}
	shapes := make(map[string]*shape, len(news))
	newOnes := make([]other, 0, len(news))
	for _, n := range news {
		shapes[n.id] = newShape(cohortKey(n.id, n.name))
		newOnes = append(newOnes, other{id: n.id, sh: shapes[n.id], n: n})
	}
	byIDOf := func(a, b other) int { return strings.Compare(a.id, b.id) }
	slices.SortFunc(existing, byIDOf)
	slices.SortFunc(newOnes, byIDOf)
	others := slices.Concat(existing, newOnes) // in the order they are preferred
	all := make([]*shape, len(others))
	for i, o := range others {
		all[i] = o.sh
	}
	index := newAlikeIndex(all)
	notes := make([]Note, 0, len(news))
	for _, n := range news {
		code := CodeNewCohort
		msg := fmt.Sprintf("kohorten %s er ny: %s opretter den", cohortLabel(n.name, n.id), signupCount(n.rows))
		// The closest cohort: an existing one, or a new one that at least
		// as many sign-ups create (the one with fewer rows is the likely
		// typo; of two alike with as many rows, each points at the other).
		best, bestD, bestNew := "", 0, false
		sh := shapes[n.id]
		consider := func(o other) {
			d, ok := distance(sh, o.sh)
			if !ok {
				return
			}
			// Nearer first; of as near, the first seen: existing
			// cohorts are seen before new ones, each list by id.
			if best == "" || d < bestD {
				best, bestD, bestNew = o.id, d, o.n != nil
			}
		}
		for _, i := range index.candidates(sh) {
			if o := others[i]; o.n == nil || (o.id != n.id && o.n.rows >= n.rows) {
				consider(o)
			}
		}
		if best != "" {
			code = CodeNewCohortSimilar
			if bestNew {
				o := byID[best]
				msg += fmt.Sprintf("; den ligner %s, som %s i samme indlæsning opretter", cohortLabel(o.name, o.id), signupCount(o.rows))
			} else {
				msg += fmt.Sprintf("; den ligner %s, som findes i forvejen", cohortLabel(st.orig[best].name, best))
			}
			if st.applied {
				msg += fmt.Sprintf(": er navnet stavet forkert, så slet %s (den har kun det, der blev gemt i den nu), ret kohorten i arket, og indlæs det igen",
					filepath.ToSlash(store.CohortPath(st.opts.Data, n.id)))
			} else {
				msg += ": er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer"
			}
		}
		notes = append(notes, Note{File: n.first.f.path, Sheet: n.first.f.t.Sheet, Row: n.first.r.Num, Code: code, Message: msg})
	}
	return notes
}

// renamedCohortNotes are the notes of the existing cohorts whose display
// name the run's sign-ups change: a name that folds to the same id
// ("Foraar 2026" for "Forår 2026") is the same cohort, but the last
// sign-up row's spelling becomes its name on the status pages.
func (st *state) renamedCohortNotes() []Note {
	var notes []Note
	for _, id := range slices.Sorted(maps.Keys(st.orig)) {
		was, c := st.orig[id].name, st.cohorts[id]
		if was == "" || c == nil || c.name == was {
			continue
		}
		// The row that gives the new name: the last accepted one that
		// writes it.
		var by *row
		for _, r := range st.rowsOf(Signups) {
			if !r.rejected() && r.cohort == id && r.cohortName == c.name {
				by = r
			}
		}
		if by == nil {
			continue
		}
		msg := fmt.Sprintf("kohorten %s får navnet %q, som rækken skriver det", cohortLabel(was, id), bothEnds(c.name))
		if st.applied {
			msg = fmt.Sprintf("kohorten %s hedder nu %q (før %q), som rækken skriver det", id, bothEnds(c.name), bothEnds(was))
		}
		msg += fmt.Sprintf("; det er den samme kohorte, men navnet vises på statussiderne. Er det gamle navn det rigtige, så skriv %q i arket", bothEnds(was))
		if st.applied {
			msg += ", og indlæs det igen"
		} else {
			msg += ", og indlæs det igen, før du gemmer"
		}
		notes = append(notes, Note{File: by.f.path, Sheet: by.f.t.Sheet, Row: by.r.Num, Code: CodeCohortRenamed, Message: msg})
	}
	return notes
}

// cohortKey is what cohortDistance compares of a cohort: its id, or, where
// the id is a long name's shortened with a hash (Slug), the whole name's
// id, so that a misspelling in a long name is seen wherever it is, and
// another year at its end is another year, not another hash.
func cohortKey(id, name string) string {
	if len(id) < MaxIDLen-9 || name == "" || Slug(name) != id {
		return id
	}
	return fullSlug(name)
}

// cohortLabel is a cohort as the notes name it: `"Forår 2026" (foraar-2026)`,
// or its id alone where the name is the id or unknown. A very long name is
// cut by its middle (bothEnds).
func cohortLabel(name, id string) string {
	if name == "" || name == id {
		return id
	}
	return fmt.Sprintf("%q (%s)", bothEnds(name), id)
}

func signupCount(n int) string {
	if n == 1 {
		return "1 tilmelding"
	}
	return fmt.Sprintf("%d tilmeldinger", n)
}

// cohortDistance says whether the cohort ids a and b (or, of long names,
// the ids before they are shortened: cohortKey) are so alike that one is
// likely a misspelling of the other, and how far apart they are (0: equal
// but for dashes). The rule, on the ids' parts between dashes:
//
//   - equal once the dashes are removed ("foraar2026", "foraar-2026"):
//     alike, distance 0;
//   - otherwise they must have as many parts, and every part that differs
//     must be a likely typo of the other: not parts that differ only in
//     their numbers ("2026" and "2027": another year is another cohort,
//     not a typo; "mentor2026" and "mentor2027"; "2a" and "3a") or in
//     single characters ("hold-a" and "hold-b", "2a" and "2b"; see
//     labelsOnly), and at most one edit apart
//     (an insertion, deletion, substitution or swap of two neighbours)
//     where the shorter part has at most 4 characters, else at most two;
//   - and the edits of all differing parts are at most 2 in all.
//
// So "mentorr-2026" is alike "mentor-2026" (1), and "foraar-2o26" alike
// "foraar-2026" (1); "foraar-2027" is not alike "foraar-2026", nor
// "efteraar-2026" (3 edits).
func cohortDistance(a, b string) (int, bool) {
	return distance(newShape(a), newShape(b))
}

// shape is a cohort id (cohortKey) as cohortDistance reads it.
type shape struct {
	key   string
	flat  string   // without its dashes
	parts [][]rune // between its dashes
	size  int      // characters in all parts
	// counts are each part's characters counted: a-z, 0-9, any other.
	counts [][37]int32
}

func newShape(key string) *shape {
	sh := &shape{key: key, flat: strings.ReplaceAll(key, "-", "")}
	for _, p := range strings.Split(key, "-") {
		r := []rune(p)
		var c [37]int32
		for _, x := range r {
			switch {
			case x >= 'a' && x <= 'z':
				c[x-'a']++
			case x >= '0' && x <= '9':
				c[26+x-'0']++
			default:
				c[36]++
			}
		}
		sh.parts, sh.counts, sh.size = append(sh.parts, r), append(sh.counts, c), sh.size+len(r)
	}
	return sh
}

// distance is cohortDistance of two shapes. The cheap tests come first:
// every edit changes a part's length by at most 1 and its counts of
// characters by at most 2 in all.
func distance(a, b *shape) (int, bool) {
	if abs(a.size-b.size) > 2 {
		return 0, false
	}
	if a.key == b.key {
		return 0, false // the same cohort
	}
	if a.flat == b.flat {
		return 0, true
	}
	if len(a.parts) != len(b.parts) {
		return 0, false
	}
	total := 0
	for i := range a.parts {
		x, y := a.parts[i], b.parts[i]
		if slices.Equal(x, y) {
			continue
		}
		limit := 2
		if min(len(x), len(y)) <= 4 {
			limit = 1
		}
		if abs(len(x)-len(y)) > limit || countsApart(&a.counts[i], &b.counts[i]) > 2*limit || labelsOnly(x, y) {
			return 0, false
		}
		d := editDistance(x, y, limit)
		if d > limit {
			return 0, false
		}
		total += d
	}
	if total > 2 {
		return 0, false
	}
	return total, true
}

// labelsOnly reports whether the parts x and y differ only where each has
// a number or a single character: read as runs of digits and runs of other
// characters, they have as many runs, and every run that differs is a
// number in both ("2026" and "2027", "mentor2026" and "mentor2027", "2a"
// and "12a") or a single character in both ("a" and "b", "2a" and "2b").
// Such parts name other cohorts (another year, another group), not typos.
func labelsOnly(x, y []rune) bool {
	rx, ry := runs(x), runs(y)
	if len(rx) != len(ry) {
		return false
	}
	for i := range rx {
		a, b := rx[i], ry[i]
		if string(a) == string(b) || (len(a) == 1 && len(b) == 1) || (unicode.IsDigit(a[0]) && unicode.IsDigit(b[0])) {
			continue
		}
		return false
	}
	return true
}

// runs splits s into its runs of digits and runs of other characters.
func runs(s []rune) [][]rune {
	var out [][]rune
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && unicode.IsDigit(s[j]) == unicode.IsDigit(s[i]) {
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// editDistance is the optimal string alignment distance of a and b: the
// fewest insertions, deletions, substitutions and swaps of two
// neighbouring characters that make a into b, where that is at most k;
// else k+1. Only the cells of the table within k of its diagonal are
// computed (a long name of one word costs its length times k, not its
// length squared).
func editDistance(a, b []rune, k int) int {
	if k < 0 || abs(len(a)-len(b)) > k {
		return k + 1
	}
	far := k + 1 // any cell beyond k
	// Three rows of the table: two back (for a swap), the previous, this.
	prev2, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		// The cells just outside the band, which the band reads.
		cur[lo-1] = far
		if lo == 1 {
			cur[0] = min(i, far)
		}
		if hi < len(b) {
			cur[hi+1] = far
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			cur[j] = min(cur[j], far)
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// alikeIndex finds the cohorts that may be alike one (cohortDistance)
// without comparing it with every other. Two alike ids are at most two
// edits apart once their dashes are removed, and each edit (insertion,
// deletion, substitution, swap of neighbours) is undone by deleting a
// character from one or both: so they share a string made from each by
// deleting at most two characters. The index holds those strings of every
// id of up to smallID characters (some two hundred each: more would cost
// more memory than comparing saves); the longer ids are compared with
// every id within two characters of their length.
type alikeIndex struct {
	small map[string][]int32 // a string made from a small id -> the ids
	big   []int32            // the ids of smallID-1 characters or more, by length
	sizes []int              // the length of each of big
	seen  []bool
}

const smallID = 20

func newAlikeIndex(shapes []*shape) *alikeIndex {
	x := &alikeIndex{small: map[string][]int32{}, seen: make([]bool, len(shapes))}
	for i, sh := range shapes {
		if sh.size <= smallID {
			deletions([]rune(sh.flat), func(v string) {
				if l := x.small[v]; len(l) == 0 || l[len(l)-1] != int32(i) {
					x.small[v] = append(l, int32(i))
				}
			})
		}
		if sh.size >= smallID-1 {
			x.big = append(x.big, int32(i))
		}
	}
	slices.SortStableFunc(x.big, func(a, b int32) int { return shapes[a].size - shapes[b].size })
	for _, i := range x.big {
		x.sizes = append(x.sizes, shapes[i].size)
	}
	return x
}

// candidates returns, in order, the indices of the shapes that may be
// alike sh: every one that is (and some that are not).
func (x *alikeIndex) candidates(sh *shape) []int {
	var out []int
	add := func(i int32) {
		if !x.seen[i] {
			x.seen[i] = true
			out = append(out, int(i))
		}
	}
	if sh.size <= smallID {
		deletions([]rune(sh.flat), func(v string) {
			for _, i := range x.small[v] {
				add(i)
			}
		})
	}
	if sh.size >= smallID-1 { // alike ones longer than smallID are only in big
		from, _ := slices.BinarySearch(x.sizes, sh.size-2)
		for k := from; k < len(x.big) && x.sizes[k] <= sh.size+2; k++ {
			add(x.big[k])
		}
	}
	for _, i := range out {
		x.seen[i] = false
	}
	slices.Sort(out)
	return out
}

// deletions calls f with s and every string made from s by deleting one
// or two of its characters (some more than once).
func deletions(s []rune, f func(string)) {
	f(string(s))
	buf := make([]rune, 0, len(s))
	for i := range s {
		f(string(append(append(buf[:0], s[:i]...), s[i+1:]...)))
		for j := i + 1; j < len(s); j++ {
			f(string(append(append(append(buf[:0], s[:i]...), s[i+1:j]...), s[j+1:]...)))
		}
	}
}

// countsApart is how far apart two parts' counts of characters are: at
// most twice their edit distance.
func countsApart(a, b *[37]int32) int {
	n := 0
	for i := range a {
		n += abs(int(a[i] - b[i]))
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
