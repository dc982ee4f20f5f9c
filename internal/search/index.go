package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Doc is one page to index. URL is relative to the site root, without a
// leading slash, e.g. "da/forloebet/afklaringsmoedet/" (the script
// resolves it against the page's root).
type Doc struct {
	URL      string
	Title    string
	Section  string   // the section's title, shown with the result
	Headings []string // h2..h4 texts (weigh more than body text)
	Text     string   // the page's plain text
}

// Index is a built index for one language: the pages, their text in a
// compact dictionary encoding (for snippets) and the scores of their terms.
// Script ships it to the browser; Search queries it the way search.js does.
type Index struct {
	lang     string
	terms    []string // sorted
	words    []string // surface words, most frequent first
	wordTerm []int    // term id of each word, -1 for none
	seps     []string // separators other than one space, most frequent first
	docs     []indexDoc
	idf      []float64   // by term id
	postings [][]posting // by term id, in doc order
}

// indexDoc is one page in the index.
type indexDoc struct {
	url, title, section string
	titleTerms          []int // term ids of the title, in order
	headTerms           []int // term ids of the headings, in order
	text                []int // word id*2 or separator id*2+1; one space between two words is implied
}

// posting is the score of a term in one page, before it is multiplied by
// the term's idf.
type posting struct {
	doc   int
	score float64
}

// Ranking parameters: BM25 over text and headings (a heading occurrence
// counts as headingWeight text occurrences), plus titleBoost when the title
// holds the term, times the term's idf. search.js uses the same numbers.
const (
	bm25K1        = 1.2
	bm25B         = 0.75
	headingWeight = 3
	titleBoost    = 3
)

// Build builds the index of docs for lang ("da" or "en"; Danish gets the
// Snowball Danish stemmer, English a plural stemmer; both get the same
// folding). Docs keep their order; a URL may appear only once.
func Build(lang string, docs []Doc) (*Index, error) {
	if lang != "da" && lang != "en" {
		return nil, fmt.Errorf("search: language %q: want \"da\" or \"en\"", lang)
	}
	ix := &Index{lang: lang}
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
		text := normalize(d.Text)
		items := make([]rawItem, 0, len(text)/5+1) // about one item per word
		last := 0
		tokenize(text, func(start, end int, key string) {
			if start > last && !(len(items) > 0 && text[last:start] == " ") {
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
		raw[i] = items
		titleTerms[i] = Analyze(lang, d.Title)
		for _, h := range d.Headings {
			headTerms[i] = append(headTerms[i], Analyze(lang, h)...)
		}
		for _, t := range titleTerms[i] {
			termSet[t] = true
		}
		for _, t := range headTerms[i] {
			termSet[t] = true
		}
	}

	ix.terms = sortedKeys(termSet)
	termID := make(map[string]int, len(ix.terms))
	for i, t := range ix.terms {
		termID[t] = i
	}
	ix.words = byFrequency(wordCount)
	wordID := make(map[string]int, len(ix.words))
	ix.wordTerm = make([]int, len(ix.words))
	for i, w := range ix.words {
		wordID[w] = i
		ix.wordTerm[i] = -1
		if t := keyTerm[w]; t != "" {
			ix.wordTerm[i] = termID[t]
		}
	}
	ix.seps = byFrequency(sepCount)
	sepID := make(map[string]int, len(ix.seps))
	for i, s := range ix.seps {
		sepID[s] = i
	}
	ids := func(ts []string) []int {
		out := make([]int, len(ts))
		for i, t := range ts {
			out[i] = termID[t]
		}
		return out
	}
	ix.docs = make([]indexDoc, len(docs))
	for i, d := range docs {
		text := make([]int, len(raw[i]))
		for j, it := range raw[i] {
			if it.word {
				text[j] = wordID[it.s] * 2
			} else {
				text[j] = sepID[it.s]*2 + 1
			}
		}
		ix.docs[i] = indexDoc{url: d.URL, title: d.Title, section: d.Section,
			titleTerms: ids(titleTerms[i]), headTerms: ids(headTerms[i]), text: text}
	}
	ix.score()
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

// byFrequency returns the keys of count, most frequent first, ties in
// string order, so that the commonest get the shortest codes.
func byFrequency(count map[string]int) []string {
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

// score computes the postings from the docs, as search.js's load does.
func (ix *Index) score() {
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
			get(t).title++
		}
		for _, t := range doc.headTerms {
			get(t).head++
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

// Script returns the index as a JavaScript file that assigns it to
// window.MENTOR_SEARCH_INDEX (so it works from file://, where fetch() of
// JSON is blocked). The same docs give byte-identical output.
//
// The object: {v: 1, lang, terms: sorted terms, words: surface words,
// wt: the term id+1 of each word (0: none) as a code string, seps:
// separators, docs: [[url, title, section, title term ids, heading term
// ids, text], ...]} where the id lists and the text are code strings and
// the text is word id*2 or separator id*2+1, one space implied between two
// words. A code string holds numbers in a base-45/46 variable-length code
// of printable ASCII (see appendCode).
func (ix *Index) Script() []byte {
	docs := make([][6]string, len(ix.docs))
	for i, d := range ix.docs {
		docs[i] = [6]string{d.url, d.title, d.section, encode(d.titleTerms), encode(d.headTerms), encode(d.text)}
	}
	wt := make([]int, len(ix.wordTerm))
	for i, t := range ix.wordTerm {
		wt[i] = t + 1
	}
	v := struct {
		V     int         `json:"v"`
		Lang  string      `json:"lang"`
		Terms []string    `json:"terms"`
		Words []string    `json:"words"`
		WT    string      `json:"wt"`
		Seps  []string    `json:"seps"`
		Docs  [][6]string `json:"docs"`
	}{1, ix.lang, ix.terms, ix.words, encode(wt), ix.seps, docs}
	var b bytes.Buffer
	b.WriteString("/* Search index (")
	b.WriteString(ix.lang)
	b.WriteString("), generated by internal/search; read by assets/search.js. */\nwindow.MENTOR_SEARCH_INDEX=")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("search: encode index: %v", err)) // strings and ints only: cannot fail
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(";\n")
	return b.Bytes()
}

// Lang returns the index's language.
func (ix *Index) Lang() string { return ix.lang }

// Len returns the number of pages in the index.
func (ix *Index) Len() int { return len(ix.docs) }

// The code alphabet: printable ASCII from '#' to '~' without '\\' (91
// characters): the first codeLast are last digits, the others (codeMore)
// are digits with more to follow.
const (
	codeChars = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"
	codeLast  = 46
	codeMore  = len(codeChars) - codeLast // 45
)

// appendCode appends n >= 0: while n >= codeLast, a "more" digit n%45
// (little end first), then n/45; the last digit is n < 46.
func appendCode(b []byte, n int) []byte {
	for n >= codeLast {
		b = append(b, codeChars[codeLast+n%codeMore])
		n /= codeMore
	}
	return append(b, codeChars[n])
}

// encode returns ns as a code string.
func encode(ns []int) string {
	b := make([]byte, 0, len(ns)*2)
	for _, n := range ns {
		b = appendCode(b, n)
	}
	return string(b)
}

// decode is the inverse of encode.
func decode(s string) ([]int, error) {
	var out []int
	n, mul := 0, 1
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(codeChars, s[i])
		switch {
		case d < 0:
			return nil, fmt.Errorf("search: code string: byte %d: %q is not a code digit", i, s[i])
		case d >= codeLast:
			n += (d - codeLast) * mul
			mul *= codeMore
		default:
			out = append(out, n+d*mul)
			n, mul = 0, 1
		}
	}
	if mul != 1 {
		return nil, fmt.Errorf("search: code string ends inside a number")
	}
	return out, nil
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
