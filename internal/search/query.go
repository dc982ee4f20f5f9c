package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Result is one page found by Search.
type Result struct {
	URL     string // the page's URL
	Title   string // the page's title
	Section string // the title of the handbook section the page is in
	// Anchor and Heading are the id and text of the page's heading whose
	// section answers the query best; empty when that is the page's
	// start (its title, description and text before the first section).
	Anchor  string
	Heading string
	Score   float64
	// Snippet is about snippetLen characters of the page's text around
	// the best match, the matched words marked.
	Snippet []Fragment
}

// Fragment is a piece of a snippet; Mark is set on a matched word.
type Fragment struct {
	Text string
	Mark bool
}

// Snippet window: snippetLen UTF-16 units, starting snippetLead before
// the match it is built around.
const (
	snippetLen  = 160
	snippetLead = 40
	// orFactor scales the scores of pages found only when not every query
	// word has to match.
	orFactor = 0.5
	// sectionBoost weighs the query words found in the heading of the
	// section a result links to (each word by its best match's weight), so
	// that a page with a heading that answers the query ranks high
	// although the rest of it is about other things.
	sectionBoost = 1.5
)

// Response is the answer to a query.
type Response struct {
	Results []Result
	// Partial is set when no page holds every word of the query and the
	// results are the pages that hold at least one.
	Partial bool
}

// Search runs the query q against the index the way search.js does, and
// returns the pages found, best first: pages that match every query word,
// or, when there are none, the pages that match any (with lower scores).
// It is the reference for the script's ranking and is used by the tests.
func (ix *Index) Search(q string) []Result {
	return ix.Query(q).Results
}

// Query is Search that also tells whether the results hold every word.
func (ix *Index) Query(q string) Response {
	ix.scored.Do(ix.score)
	qts := parseQueryWith(ix.lang, q, ix.syn)
	if len(qts) == 0 || len(ix.docs) == 0 {
		return Response{}
	}
	// best[i][d]: the best score of query word i in doc d;
	// matched[i]: the term ids query word i matches.
	best := make([][]float64, len(qts))
	matched := make([]map[int]float64, len(qts)) // term id -> match factor * weight
	for i := range qts {
		best[i] = make([]float64, len(ix.docs))
		matched[i] = make(map[int]float64)
		// A term that only starts with, ends with or holds the query word
		// is weighed with at most the idf of the word's own term, so that
		// a rare compound does not outrank the word itself.
		idfCap := math.Inf(1)
		for _, e := range qts[i].exact {
			if t, ok := slices.BinarySearch(ix.terms, e); ok {
				if idfCap == math.Inf(1) || ix.idf[t] > idfCap {
					idfCap = ix.idf[t]
				}
			}
		}
		for t, term := range ix.terms {
			f := qts[i].match(term)
			if f == 0 {
				continue
			}
			w := ix.idf[t]
			if f != matchExact {
				w = min(w, idfCap)
			}
			matched[i][t] = f * w
			for _, p := range ix.postings[t] {
				if v := f * w * p.score; v > best[i][p.doc] {
					best[i][p.doc] = v
				}
			}
		}
		if len(matched[i]) == 0 {
			ix.matchNear(qts[i], best[i], matched[i])
		}
	}
	type hit struct {
		doc, unit int
		score     float64
	}
	collect := func(all bool) []hit {
		var hits []hit
		for d := range ix.docs {
			s, n := 0.0, 0
			for i := range qts {
				if best[i][d] > 0 {
					s += best[i][d]
					n++
				}
			}
			switch {
			case n == len(qts):
				hits = append(hits, hit{doc: d, score: s})
			case !all && n > 0:
				hits = append(hits, hit{doc: d, score: s * orFactor * float64(n) / float64(len(qts))})
			}
		}
		return hits
	}
	hits := collect(true)
	partial := false
	if len(hits) == 0 {
		hits = collect(false)
		partial = len(hits) > 0
	}
	for k := range hits {
		u, bonus := ix.bestUnit(hits[k].doc, matched)
		hits[k].unit = u
		hits[k].score += sectionBoost * bonus
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := strings.Compare(ix.docs[a.doc].title, ix.docs[b.doc].title); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	out := make([]Result, len(hits))
	for i, h := range hits {
		d := &ix.docs[h.doc]
		u := h.unit
		_, from, to := d.unit(u)
		out[i] = Result{URL: d.url, Title: d.title, Section: d.section, Score: h.score,
			Snippet: ix.snippet(h.doc, from, to, matched)}
		if u > 0 {
			out[i].Anchor, out[i].Heading = d.sections[u-1].anchor, d.sections[u-1].title
		}
	}
	return Response{Results: out, Partial: partial}
}

// bestUnit returns the unit of doc (see indexDoc.unit) that answers the
// query best: the one holding the most query words (in its head or text),
// then the most in its head, then the page's start when its title holds
// any, then the most matching words in its text; the first on a tie. The
// bonus is, for a section, the sum over the query words in its heading of
// their best weight there; 0 for the page's start.
func (ix *Index) bestUnit(doc int, matched []map[int]float64) (best int, bonus float64) {
	d := &ix.docs[doc]
	bw, bh, bs, bo := -1, -1, -1, -1
	for u := 0; u <= len(d.sections); u++ {
		head, from, to := d.unit(u)
		seen := make([]bool, len(matched))
		hw, occ, hb := 0, 0, 0.0
		for i, m := range matched {
			top := 0.0
			for _, t := range head {
				top = max(top, m[int(t)])
			}
			if top > 0 {
				seen[i] = true
				hw++
				hb += top
			}
		}
		for _, v := range d.text[from:to] {
			if v%2 != 0 || ix.wordTerm[v/2] < 0 {
				continue
			}
			hit := false
			for i, m := range matched {
				if m[ix.wordTerm[v/2]] > 0 {
					seen[i] = true
					hit = true
				}
			}
			if hit {
				occ++
			}
		}
		w := 0
		for _, s := range seen {
			if s {
				w++
			}
		}
		start := 0
		if u == 0 && hw > 0 {
			start = 1
		}
		if w > bw || w == bw && (hw > bh || hw == bh && (start > bs || start == bs && occ > bo)) {
			best, bw, bh, bs, bo = u, w, hw, start, occ
			bonus = 0
			if u > 0 {
				bonus = hb
			}
		}
	}
	return best, bonus
}

// snippetItem is one word or separator of a page's text.
type snippetItem struct {
	s     string
	off   int   // UTF-16 offset in the text
	word  bool  // a word, not a separator
	words []int // the query words it matches
}

// snippet returns the window of doc's text[from:to] with the most
// distinct query words, built around a matching word; without a match in
// it, its start.
func (ix *Index) snippet(doc, from, to int, matched []map[int]float64) []Fragment {
	var items []snippetItem
	off := 0
	prevWord := false
	var cands []int
	for _, v := range ix.docs[doc].text[from:to] {
		if v%2 == 1 {
			items = append(items, snippetItem{s: ix.seps[v/2], off: off})
			off += utf16Len(ix.seps[v/2])
			prevWord = false
			continue
		}
		if prevWord {
			items = append(items, snippetItem{s: " ", off: off})
			off++
		}
		it := snippetItem{s: ix.words[v/2], off: off, word: true}
		if t := ix.wordTerm[v/2]; t >= 0 {
			for i, m := range matched {
				if m[t] > 0 {
					it.words = append(it.words, i)
				}
			}
		}
		if len(it.words) > 0 {
			cands = append(cands, len(items))
		}
		items = append(items, it)
		off += utf16Len(it.s)
		prevWord = true
	}
	start, bestN := 0, 0
	for _, c := range cands {
		ws := max(0, items[c].off-snippetLead)
		seen := make(map[int]bool)
		for j := c; j >= 0 && items[j].off >= ws; j-- {
			for _, w := range items[j].words {
				seen[w] = true
			}
		}
		for j := c + 1; j < len(items) && items[j].off < ws+snippetLen; j++ {
			for _, w := range items[j].words {
				seen[w] = true
			}
		}
		if len(seen) > bestN {
			bestN, start = len(seen), ws
		}
	}
	// The window: from the first word at or after start to the last item
	// that begins before its end, without trailing separators unless the
	// text ends there.
	first := 0
	for first < len(items) && (items[first].off < start || (start > 0 && !items[first].word)) {
		first++
	}
	last := first
	for last < len(items) && items[last].off < start+snippetLen {
		last++
	}
	end := last
	for end < len(items) && end > first && !items[end-1].word {
		end--
	}
	var frags []Fragment
	add := func(s string, mark bool) {
		if n := len(frags); !mark && n > 0 && !frags[n-1].Mark {
			frags[n-1].Text += s
			return
		}
		frags = append(frags, Fragment{s, mark})
	}
	if first > 0 {
		add("… ", false)
	}
	for _, it := range items[first:end] {
		add(it.s, len(it.words) > 0)
	}
	if end < len(items) {
		add(" …", false)
	}
	return frags
}

// minNear is the shortest stem a query word must have to be taken as
// misspelt when it matches nothing ("tavshedsplikt").
const minNear = 6

// matchNear gives a query word that matches no index term a second try as
// a misspelling: index terms one edit away from its stem (a letter
// changed, added or dropped, or two neighbours swapped), and the terms of
// a synonym word one edit away or starting the stem (as an index term may:
// "tavshedsplikt" has the stem "tavshedsplik", the synonym word
// "tavshedspligt" the stem "tavshedsp"), match it with matchNearFactor. Short words
// are left alone: one edit from a short word is too often another word.
func (ix *Index) matchNear(qt queryTerm, best []float64, matched map[int]float64) {
	e := qt.exact[0]
	if utf8.RuneCountInString(e) < minNear {
		return
	}
	near := map[string]bool{}
	for _, t := range ix.terms {
		if oneEdit(e, t) {
			near[t] = true
		}
	}
	for k, ss := range ix.syn {
		if oneEdit(e, k) || utf8.RuneCountInString(k) >= minStemPrefix && strings.HasPrefix(e, k) {
			for _, s := range ss {
				near[s] = true
			}
		}
	}
	for t, term := range ix.terms {
		if !near[term] {
			continue
		}
		w := matchNearFactor * ix.idf[t]
		matched[t] = w
		for _, p := range ix.postings[t] {
			if v := w * p.score; v > best[p.doc] {
				best[p.doc] = v
			}
		}
	}
}

// matchNearFactor weighs a term matched as a misspelling, below a synonym.
const matchNearFactor = 0.6

// oneEdit reports whether a and b differ by exactly one edit: one letter
// changed, added or dropped, or two neighbouring letters swapped
// (search.js's oneEdit, counting code points).
func oneEdit(a, b string) bool {
	if d := len(a) - len(b); d > 8 || d < -8 {
		return false
	}
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	d := len(y) - len(x)
	if d > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if d == 1 {
		return slices.Equal(x[i:], y[i+1:])
	}
	if i == len(x) {
		return false
	}
	if slices.Equal(x[i+1:], y[i+1:]) {
		return true
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && slices.Equal(x[i+2:], y[i+2:])
}
