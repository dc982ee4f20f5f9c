package match

import (
	"math/rand/v2"
	"testing"
)

// bruteForce tries every assignment of rows to columns (or none) within the
// capacities and returns the best (count, total score, total priority).
func bruteForce(n, m int, score []int32, capacity []int, prio []int64) (int, int64, int64) {
	left := append([]int(nil), capacity...)
	bestN, bestS, bestP := 0, int64(0), int64(0)
	var rec func(i, cnt int, s, p int64)
	rec = func(i, cnt int, s, p int64) {
		if i == n {
			if cnt > bestN || (cnt == bestN && (s > bestS || (s == bestS && p > bestP))) {
				bestN, bestS, bestP = cnt, s, p
			}
			return
		}
		rec(i+1, cnt, s, p)
		for j := range m {
			if sc := score[i*m+j]; sc != forbidden && left[j] > 0 {
				left[j]--
				rec(i+1, cnt+1, s+int64(sc), p+prio[i])
				left[j]++
			}
		}
	}
	rec(0, 0, 0, 0)
	return bestN, bestS, bestP
}

// maxFlow is the largest number of rows that can be assigned, by
// Ford-Fulkerson on the unit network (independent of assign).
func maxFlow(n, m int, score []int32, capacity []int) int {
	load := make([]int, m)
	owner := make([][]int, m)
	at := make([]int, n)
	for i := range at {
		at[i] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := range m {
			if score[i*m+j] == forbidden || seen[j] {
				continue
			}
			seen[j] = true
			if load[j] < capacity[j] {
				load[j]++
				owner[j] = append(owner[j], i)
				at[i] = j
				return true
			}
			for k, o := range owner[j] {
				if try(o, seen) {
					owner[j][k] = i
					at[i] = j
					return true
				}
			}
		}
		return false
	}
	flow := 0
	for i := range n {
		if try(i, make([]bool, m)) {
			flow++
		}
	}
	return flow
}

func randomInstance(rng *rand.Rand, n, m int) ([]int32, []int, []int64) {
	score := make([]int32, n*m)
	pForbid := rng.Float64() * 0.7
	for k := range score {
		if rng.Float64() < pForbid {
			score[k] = forbidden
		} else {
			score[k] = int32(rng.IntN(6))
		}
	}
	capacity := make([]int, m)
	for j := range capacity {
		capacity[j] = rng.IntN(3)
	}
	prio := make([]int64, n)
	for i := range prio {
		prio[i] = int64(n - i)
	}
	return score, capacity, prio
}

func check(t *testing.T, n, m int, score []int32, capacity []int, got []int) (int, int64) {
	t.Helper()
	load := make([]int, m)
	cnt, total := 0, int64(0)
	for i, j := range got {
		if j < 0 {
			continue
		}
		if score[i*m+j] == forbidden {
			t.Fatalf("row %d given forbidden column %d", i, j)
		}
		load[j]++
		cnt++
		total += int64(score[i*m+j])
	}
	for j := range m {
		if load[j] > capacity[j] {
			t.Fatalf("column %d over capacity: %d > %d", j, load[j], capacity[j])
		}
	}
	return cnt, total
}

// The solver's result is optimal on every small instance: as many rows as
// possible, then the highest total score, then the highest priority.
func TestAssignOptimalSmall(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 3000 {
		n, m := 1+rng.IntN(7), 1+rng.IntN(5)
		score, capacity, prio := randomInstance(rng, n, m)
		got := assign(n, m, score, capacity, prio)
		cnt, total := check(t, n, m, score, capacity, got)
		var p int64
		for i, j := range got {
			if j >= 0 {
				p += prio[i]
			}
		}
		bn, bs, bp := bruteForce(n, m, score, capacity, prio)
		if cnt != bn || total != bs || p != bp {
			t.Fatalf("instance %d (%dx%d, cap %v): got %d rows, score %d, prio %d; best %d, %d, %d\nscores %v", iter, n, m, capacity, cnt, total, p, bn, bs, bp, score)
		}
	}
}

// On larger instances the number of rows assigned is the maximum flow.
func TestAssignMaximumCardinality(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 200 {
		n, m := 1+rng.IntN(60), 1+rng.IntN(30)
		score, capacity, prio := randomInstance(rng, n, m)
		got := assign(n, m, score, capacity, prio)
		cnt, _ := check(t, n, m, score, capacity, got)
		if want := maxFlow(n, m, score, capacity); cnt != want {
			t.Fatalf("instance %d: %d rows assigned, max flow %d", iter, cnt, want)
		}
	}
}

// Greedy (each row in turn takes its best free column) leaves a row
// unassigned here, although both can be: the solver assigns both.
func TestAssignBeatsGreedy(t *testing.T) {
	// Row 0 scores 5 with column 0 and 1 with column 1; row 1 may only
	// take column 0. Greedy gives column 0 to row 0, and row 1 is left.
	score := []int32{5, 1, 3, forbidden}
	got := assign(2, 2, score, []int{1, 1}, []int64{2, 1})
	if got[0] != 1 || got[1] != 0 {
		t.Fatalf("got %v, want [1 0]", got)
	}
}

// minCostFlow is another solver, independent of assign and written
// plainly: successive shortest paths by Bellman-Ford on an explicit
// network (source -> row -> column -> sink), each edge row -> column
// costing -(big + score). It returns the most rows assigned and, of
// those, the highest total score.
func minCostFlow(n, m int, score []int32, capacity []int) (int, int64) {
	type edge struct {
		to, rev, cap int
		cost         int64
	}
	nodes, src, sink := n+m+2, n+m, n+m+1
	g := make([][]edge, nodes)
	add := func(a, b, c int, cost int64) {
		g[a] = append(g[a], edge{b, len(g[b]), c, cost})
		g[b] = append(g[b], edge{a, len(g[a]) - 1, 0, -cost})
	}
	const big = 1 << 30
	for i := range n {
		add(src, i, 1, 0)
		for j := range m {
			if score[i*m+j] != forbidden {
				add(i, n+j, 1, -(big + int64(score[i*m+j])))
			}
		}
	}
	for j := range m {
		add(n+j, sink, capacity[j], 0)
	}
	const inf = int64(1) << 62
	rows, total := 0, int64(0)
	for {
		dist := make([]int64, nodes)
		for k := range dist {
			dist[k] = inf
		}
		from, via := make([]int, nodes), make([]int, nodes)
		dist[src] = 0
		for changed := true; changed; {
			changed = false
			for u := range nodes {
				if dist[u] == inf {
					continue
				}
				for k, e := range g[u] {
					if e.cap > 0 && dist[u]+e.cost < dist[e.to] {
						dist[e.to], from[e.to], via[e.to] = dist[u]+e.cost, u, k
						changed = true
					}
				}
			}
		}
		if dist[sink] >= 0 {
			return rows, total
		}
		for v := sink; v != src; v = from[v] {
			e := &g[from[v]][via[v]]
			e.cap--
			g[v][e.rev].cap++
		}
		rows++
		total += -dist[sink] - big
	}
}

// Beyond brute force's reach (up to 40 rows and 20 columns, scores with
// many ties and spread out), the solver assigns as many rows and reaches
// the same total score as an independent minimum-cost flow.
func TestAssignOptimalLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 1))
	for iter := range 1500 {
		n, m := 1+rng.IntN(40), 1+rng.IntN(20)
		score, capacity, prio := randomInstance(rng, n, m)
		if iter%2 == 0 {
			for k := range score {
				if score[k] != forbidden {
					score[k] = int32(rng.IntN(40))
				}
			}
		}
		got := assign(n, m, score, capacity, prio)
		cnt, total := check(t, n, m, score, capacity, got)
		if wc, wt := minCostFlow(n, m, score, capacity); cnt != wc || total != wt {
			t.Fatalf("instance %d (%dx%d): %d rows with score %d; min-cost flow %d with %d", iter, n, m, cnt, total, wc, wt)
		}
	}
}
