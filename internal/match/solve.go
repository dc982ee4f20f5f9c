package match

import (
	"math"
	"sort"
)

// forbidden marks a pair that a hard rule rules out, in a score matrix.
const forbidden = -1

// assign pairs rows (mentees) with columns (mentors) of the given
// capacities. score[i*m+j] is the score of row i with column j, or
// forbidden; prio[i] > 0 is row i's tie-break priority (higher first). The
// result gives each row its column, or -1.
//
// It maximises, in this order: the number of rows assigned; the total score;
// the total priority of the rows assigned. This is a minimum-cost flow
// (source -> row -> column -> sink, column capacities on the sink edges),
// solved by successive shortest augmenting paths: rows are added one at a
// time, and each is given the cheapest path in the residual graph, found by
// Dijkstra's algorithm with potentials over the columns (dense, as in
// Jonker-Volgenant: a search costs O(columns) per column it settles and per
// row it reaches). A column with room has an edge to the sink; each row
// also has its own edge "none" to the sink of cost 0, so a path may end by
// leaving an earlier row unassigned. A real edge's cost is
// -(big + score*scale + prio), with big larger than any total of the rest,
// so that more rows assigned always wins. Each search also finds the next
// column to settle as it relaxes a row's edges, so it rarely scans the
// columns for it.
// A path's cost is a sum over at most every row and column once; where that
// could leave an int64 (tens of thousands of mentees), the tie-break by
// priority is given up to keep the numbers small.
//
// Rows are added by their best score, highest first (ties in their order;
// fewer earlier rows are displaced so), and columns scanned in their order,
// so the result depends only on the input.
func assign(n, m int, score []int32, capacity []int, prio []int64) []int {
	var maxScore int64
	for _, s := range score {
		maxScore = max(maxScore, int64(s))
	}
	var maxPrio int64
	for _, p := range prio {
		maxPrio = max(maxPrio, p)
	}
	scale := maxPrio*int64(n) + 1                // any score point beats every priority
	big := (maxScore*scale+maxPrio)*int64(n) + 1 // any row more beats every score
	if float64(maxScore*scale+maxPrio)*float64(n+2)*float64(n+2) > 1e18 {
		// Far beyond any real cohort: keep the sums of costs inside an
		// int64 by giving up the tie-break by priority.
		prio = make([]int64, n)
		scale, maxPrio = 1, 0
		big = maxScore*int64(n) + 1
	}

	// Potentials of rows, columns and the sink (Johnson): an edge x->y of
	// cost c has the reduced cost c + phi(x) - phi(y), never negative on
	// the edges a search follows. Row r's cost to column j is
	// -(big + score*scale + prio[r]); its cost to "none" and a column's
	// cost to the sink are 0.
	const inf = math.MaxInt64 / 4
	phiR := make([]int64, n)
	phiC := make([]int64, m)
	var phiS int64
	const none = -2
	at := make([]int, n) // row -> column; -1 not yet added; none
	for i := range at {
		at[i] = -1
	}
	load := make([]int, m)
	occupants := make([][]int32, m)

	dist := make([]int64, m)
	pred := make([]int32, m) // the row a column was reached from
	done := make([]bool, m)
	drow := make([]int64, n)
	var settled, reached []int32

	order := make([]int, n)
	best0 := make([]int32, n)
	for i := range n {
		order[i] = i
		for _, sc := range score[i*m : i*m+m] {
			best0[i] = max(best0[i], sc)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return best0[order[a]] > best0[order[b]] })
	for _, r := range order {
		for j := range m {
			dist[j], done[j] = inf, false
		}
		settled, reached = settled[:0], reached[:0]
		best, endRow, endCol := int64(inf), -1, -1
		// reach labels row i at distance d and relaxes its edges. It also
		// finds the nearest column not yet settled (-1 when none is left),
		// as it passes every column anyway: after the last row reached
		// from a column, that is the next column to settle.
		reach := func(i int, d int64) (int, int64) {
			drow[i] = d
			reached = append(reached, int32(i))
			if e := d + phiR[i] - phiS; e < best {
				best, endRow, endCol = e, i, -1
			}
			// The row's own column needs no check: a row is reached
			// through it, so it is settled (the new row has none).
			base := d + phiR[i] - big - prio[i]
			row := score[i*m : i*m+m]
			dist, phiC, done := dist[:len(row)], phiC[:len(row)], done[:len(row)]
			next, nd := -1, int64(inf)
			for j, sc := range row {
				if done[j] {
					continue
				}
				if sc >= 0 {
					if v := base - int64(sc)*scale - phiC[j]; v < dist[j] {
						dist[j], pred[j] = v, int32(i)
					}
				}
				if dist[j] < nd {
					next, nd = j, dist[j]
				}
			}
			return next, nd
		}
		next, nd := reach(r, 0)
		for next >= 0 && nd < best {
			done[next] = true
			settled = append(settled, int32(next))
			col := next
			if load[col] < capacity[col] {
				if e := nd + phiC[col] - phiS; e < best {
					best, endRow, endCol = e, -1, col
				}
			}
			d := nd
			if len(occupants[col]) == 0 {
				next, nd = -1, int64(inf)
				for j := range m {
					if !done[j] && dist[j] < nd {
						next, nd = j, dist[j]
					}
				}
				continue
			}
			for _, i := range occupants[col] {
				a := -(big + int64(score[int(i)*m+col])*scale + prio[i])
				next, nd = reach(int(i), d-a+phiC[col]-phiR[i])
			}
		}
		// New potentials: phi + min(d, best) - best for every node labelled.
		for _, j := range settled {
			if dist[j] < best {
				phiC[j] += dist[j] - best
			}
		}
		for _, i := range reached {
			if drow[i] < best {
				phiR[i] += drow[i] - best
			}
		}
		// Augment along the path back to r.
		j := endCol
		if endRow >= 0 {
			j = at[endRow]
			if j >= 0 {
				leave(occupants, load, endRow, j)
			}
			at[endRow] = none
		}
		for j >= 0 {
			i := int(pred[j])
			prev := at[i]
			if prev >= 0 {
				leave(occupants, load, i, prev)
			}
			at[i] = j
			occupants[j] = append(occupants[j], int32(i))
			load[j]++
			if i == r {
				break
			}
			j = prev
		}
	}
	out := make([]int, n)
	for i, j := range at {
		out[i] = max(j, -1)
	}
	return out
}

// leave takes row i out of column j.
func leave(occupants [][]int32, load []int, i, j int) {
	for k, o := range occupants[j] {
		if int(o) == i {
			occupants[j] = append(occupants[j][:k], occupants[j][k+1:]...)
			break
		}
	}
	load[j]--
}
