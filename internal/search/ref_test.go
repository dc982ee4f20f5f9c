package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The index builder as first written, before it was made faster: the
// tests require the fast one to give the same index, script and scores.

// normalize returns text in NFC with each run of white space made a single
// space and none at either end (strings.Join(strings.Fields(t), " ") in one
// pass). It is what the index holds of a text: addText gives the same
// without copying the text.
func normalize(text string) string {
	text = norm.NFC.String(text)
	b := make([]byte, 0, len(text))
	start := -1
	for i, r := range text {
		switch {
		case !unicode.IsSpace(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, text[start:i]...)
			start = -1
		}
	}
	if start >= 0 {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, text[start:]...)
	}
	return string(b)
}

// refAnalyze is Analyze as first written.
func refAnalyze(lang, text string) []string {
	var terms []string
	refTokenize(norm.NFC.String(text), func(_, _ int, key string) {
		if t := termOf(lang, key); t != "" {
			terms = append(terms, t)
		}
	})
	return terms
}

// refBuildWith is BuildWith as first written, kept to check that the
// faster one builds the same index. It was BuildWith:
// BuildWith is Build with synonyms: each key word of syn (a word a reader
// types) also finds the words it maps to (the handbook's words), when the
// index is searched. Words are stemmed as the index's; stop words and
// words that give no term are left out.
func refBuildWith(lang string, docs []Doc, syn map[string][]string) (*Index, error) {
	if lang != "da" && lang != "en" {
		return nil, fmt.Errorf("search: language %q: want \"da\" or \"en\"", lang)
	}
	ix := &Index{lang: lang, syn: synonymTerms(lang, syn)}
	seen := make(map[string]int, len(docs))
	type rawItem struct {
		s    string
		word bool
	}
	raw := make([][]rawItem, len(docs))
	wordCount := make(map[string]int)
	sepCount := make(map[string]int)
	keyTerm := make(map[string]string) // surface word -> term
	termSet := make(map[string]bool)
	titleTerms := make([][]string, len(docs))
	headTerms := make([][]string, len(docs))
	descTerms := make([][]string, len(docs))
	secTerms := make([][][]string, len(docs))
	starts := make([][]int, len(docs))
	for i, d := range docs {
		switch {
		case d.URL == "":
			return nil, fmt.Errorf("search: doc %d (%q): empty URL", i, d.Title)
		case strings.HasPrefix(d.URL, "/") || strings.Contains(d.URL, "://"):
			return nil, fmt.Errorf("search: doc %d (%q): URL %q must be relative to the site root", i, d.Title, d.URL)
		}
		if j, dup := seen[d.URL]; dup {
			return nil, fmt.Errorf("search: doc %d (%q) and doc %d (%q) have the same URL %q", j, docs[j].Title, i, d.Title, d.URL)
		}
		seen[d.URL] = i
		var items []rawItem
		addText := func(t string) {
			text := normalize(t)
			last := 0
			refTokenize(text, func(start, end int, key string) {
				if start > last && !(last > 0 && text[last:start] == " ") {
					items = append(items, rawItem{text[last:start], false})
					sepCount[text[last:start]]++
				}
				w := text[start:end]
				items = append(items, rawItem{w, true})
				if _, ok := keyTerm[w]; !ok {
					t := termOf(lang, key)
					keyTerm[w] = t
					if t != "" {
						termSet[t] = true
					}
				}
				wordCount[w]++
				last = end
			})
			if last < len(text) {
				items = append(items, rawItem{text[last:], false})
				sepCount[text[last:]]++
			}
		}
		addText(d.Text)
		starts[i] = make([]int, len(d.Sections))
		for k, sec := range d.Sections {
			starts[i][k] = len(items)
			addText(sec.Text)
		}
		raw[i] = items
		titleTerms[i] = refAnalyze(lang, d.Title)
		for _, h := range d.Headings {
			headTerms[i] = append(headTerms[i], refAnalyze(lang, h)...)
		}
		for _, sec := range d.Sections {
			ts := refAnalyze(lang, sec.Title)
			secTerms[i] = append(secTerms[i], ts)
			headTerms[i] = append(headTerms[i], ts...)
		}
		descTerms[i] = refAnalyze(lang, d.Description)
		for _, ts := range [][]string{titleTerms[i], headTerms[i], descTerms[i]} {
			for _, t := range ts {
				termSet[t] = true
			}
		}
	}

	ix.terms = sortedKeys(termSet)
	termID := make(map[string]int, len(ix.terms))
	for i, t := range ix.terms {
		termID[t] = i
	}
	ix.words = refByFrequency(wordCount)
	wordID := make(map[string]int, len(ix.words))
	ix.wordTerm = make([]int, len(ix.words))
	for i, w := range ix.words {
		wordID[w] = i
		ix.wordTerm[i] = -1
		if t := keyTerm[w]; t != "" {
			ix.wordTerm[i] = termID[t]
		}
	}
	ix.seps = refByFrequency(sepCount)
	sepID := make(map[string]int, len(ix.seps))
	for i, s := range ix.seps {
		sepID[s] = i
	}
	ids := func(ts []string) []int32 {
		out := make([]int32, len(ts))
		for i, t := range ts {
			out[i] = int32(termID[t])
		}
		return out
	}
	ix.docs = make([]indexDoc, len(docs))
	for i, d := range docs {
		text := make([]int32, len(raw[i]))
		for j, it := range raw[i] {
			if it.word {
				text[j] = int32(wordID[it.s] * 2)
			} else {
				text[j] = int32(sepID[it.s]*2 + 1)
			}
		}
		ix.docs[i] = indexDoc{url: d.URL, title: d.Title, section: d.Section,
			titleTerms: ids(titleTerms[i]), headTerms: ids(headTerms[i]), descTerms: ids(descTerms[i]), text: text}
		for k, sec := range d.Sections {
			ix.docs[i].sections = append(ix.docs[i].sections,
				indexSection{anchor: sec.Anchor, title: sec.Title, head: ids(secTerms[i][k]), start: starts[i][k]})
		}
	}
	ix.refScore()
	return ix, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// refByFrequency is byFrequency as first written: it returns the keys of count, most frequent first, ties in
// string order, so that the commonest get the shortest codes.
func refByFrequency(count map[string]int) []string {
	out := make([]string, 0, len(count))
	for k := range count {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}

// refScore is score as first written. It was:
// score computes the postings from the docs, as search.js's load does.
func (ix *Index) refScore() {
	n := len(ix.docs)
	type tf struct{ title, head, text int }
	counts := make([]map[int]*tf, n)
	dl := make([]float64, n)
	total := 0.0
	df := make([]int, len(ix.terms))
	for d, doc := range ix.docs {
		c := make(map[int]*tf)
		get := func(t int) *tf {
			x := c[t]
			if x == nil {
				x = &tf{}
				c[t] = x
				df[t]++
			}
			return x
		}
		for _, t := range doc.titleTerms {
			get(int(t)).title++
		}
		for _, t := range doc.headTerms {
			get(int(t)).head++
		}
		for _, t := range doc.descTerms {
			get(int(t)).head++
		}
		for _, v := range doc.text {
			if v%2 == 0 {
				if t := ix.wordTerm[v/2]; t >= 0 {
					get(t).text++
					dl[d]++
				}
			}
		}
		total += dl[d]
		counts[d] = c
	}
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / float64(n)
	}
	ix.idf = make([]float64, len(ix.terms))
	for t := range ix.idf {
		ix.idf[t] = math.Log(1 + (float64(n)-float64(df[t])+0.5)/(float64(df[t])+0.5))
	}
	ix.postings = make([][]posting, len(ix.terms))
	for d, c := range counts {
		norm := bm25K1 * (1 - bm25B + bm25B*dl[d]/avg)
		for t, x := range c {
			s := 0.0
			if w := float64(x.text + headingWeight*x.head); w > 0 {
				s = w * (bm25K1 + 1) / (w + norm)
			}
			if x.title > 0 {
				s += titleBoost
			}
			ix.postings[t] = append(ix.postings[t], posting{d, s})
		}
	}
	for _, p := range ix.postings {
		slices.SortFunc(p, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
	}
}

// refScript is Script as first written, with encoding/json.
func (ix *Index) refScript() []byte {
	docs := make([][8]any, len(ix.docs))
	for i, d := range ix.docs {
		secs := make([][4]any, len(d.sections))
		for k, s := range d.sections {
			secs[k] = [4]any{s.anchor, s.title, encode(s.head), s.start}
		}
		docs[i] = [8]any{d.url, d.title, d.section, encode(d.titleTerms), encode(d.headTerms), encode(d.text), encode(d.descTerms), secs}
	}
	wt := make([]int, len(ix.wordTerm))
	for i, t := range ix.wordTerm {
		wt[i] = t + 1
	}
	syn := ix.syn
	if syn == nil {
		syn = map[string][]string{}
	}
	v := scriptIndex[any]{scriptVersion, ix.lang, ix.terms, ix.words, encode(wt), ix.seps, syn, docs}
	var b bytes.Buffer
	b.WriteString("/* Search index (")
	b.WriteString(ix.lang)
	b.WriteString("), generated by internal/search; read by assets/search.js. */\n" + scriptAssign)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("search: encode index: %v", err)) // strings and ints only: cannot fail
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(";\n")
	return b.Bytes()
}
