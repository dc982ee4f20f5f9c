package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Doc is one page to index. URL is relative to the site root, without a
// leading slash, e.g. "da/forloebet/afklaringsmoedet/" (the script
// resolves it against the page's root).
type Doc struct {
	URL         string
	Title       string
	Section     string   // the title of the handbook section the page is in, shown with the result
	Description string   // the front matter's one sentence (weighs as a heading)
	Headings    []string // headings that are not Sections (weigh more than body text)
	Text        string   // the page's plain text before its first section (all of it without Sections)
	Sections    []Section
}

// Section is a part of a page under a heading, in page order: a result
// whose words are best found there links to it (page#Anchor) and takes its
// snippet from it. Its title weighs as a heading of the page.
type Section struct {
	Anchor string // the heading's id
	Title  string // the heading's text
	Text   string // the text under the heading, up to the next section
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
	idf      []float64           // by term id
	postings [][]posting         // by term id, in doc order
	syn      map[string][]string // query term -> the terms it also stands for
}

// indexDoc is one page in the index.
type indexDoc struct {
	url, title, section string
	titleTerms          []int // term ids of the title, in order
	headTerms           []int // term ids of the headings and section titles, in order
	descTerms           []int // term ids of the description, in order
	text                []int // word id*2 or separator id*2+1; one space between two words is implied
	sections            []indexSection
}

// indexSection is a Section in the index: its text is doc.text[start:]
// up to the next section's start.
type indexSection struct {
	anchor, title string
	head          []int // term ids of the title
	start         int
}

// unit returns the heading terms and the text range of unit u of the doc:
// 0 is the page before its first section (its head the title), u > 0 the
// section u-1.
func (d *indexDoc) unit(u int) (head []int, from, to int) {
	to = len(d.text)
	if u < len(d.sections) {
		to = d.sections[u].start
	}
	if u == 0 {
		return d.titleTerms, 0, to
	}
	s := d.sections[u-1]
	return s.head, s.start, to
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
	return BuildWith(lang, docs, nil)
}

// BuildWith is Build with synonyms: each key word of syn (a word a reader
// types) also finds the words it maps to (the handbook's words), when the
// index is searched. Words are stemmed as the index's; stop words and
// words that give no term are left out.
func BuildWith(lang string, docs []Doc, syn map[string][]string) (*Index, error) {
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
			tokenize(text, func(start, end int, key string) {
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
		titleTerms[i] = Analyze(lang, d.Title)
		for _, h := range d.Headings {
			headTerms[i] = append(headTerms[i], Analyze(lang, h)...)
		}
		for _, sec := range d.Sections {
			ts := Analyze(lang, sec.Title)
			secTerms[i] = append(secTerms[i], ts)
			headTerms[i] = append(headTerms[i], ts...)
		}
		descTerms[i] = Analyze(lang, d.Description)
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
			titleTerms: ids(titleTerms[i]), headTerms: ids(headTerms[i]), descTerms: ids(descTerms[i]), text: text}
		for k, sec := range d.Sections {
			ix.docs[i].sections = append(ix.docs[i].sections,
				indexSection{anchor: sec.Anchor, title: sec.Title, head: ids(secTerms[i][k]), start: starts[i][k]})
		}
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
		for _, t := range doc.descTerms {
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

// scriptAssign is what the index script assigns the index object to.
const scriptAssign = "window.MENTOR_SEARCH_INDEX="

// scriptVersion is the index object's v, the version of its layout.
const scriptVersion = 2

// scriptIndex is the index object of Script, declared once for writing and
// reading back: a doc's fields are D, any when written and json.RawMessage
// when ParseScript reads them.
type scriptIndex[D any] struct {
	V     int                 `json:"v"`
	Lang  string              `json:"lang"`
	Terms []string            `json:"terms"`
	Words []string            `json:"words"`
	WT    string              `json:"wt"`
	Seps  []string            `json:"seps"`
	Syn   map[string][]string `json:"syn"`
	Docs  [][8]D              `json:"docs"`
}

// Script returns the index as a JavaScript file that assigns it to
// window.MENTOR_SEARCH_INDEX (so it works from file://, where fetch() of
// JSON is blocked). The same docs give byte-identical output.
//
// The object: {v: 2, lang, terms: sorted terms, words: surface words,
// wt: the term id+1 of each word (0: none) as a code string, seps:
// separators, syn: {term: [terms]} (the synonyms), docs: [[url, title,
// section, title term ids, heading term ids, text, description term ids,
// [[anchor, title, title term ids, start], ...]], ...]} where the id
// lists and the text are code strings, the text is word id*2 or separator
// id*2+1, one space implied between two words, and a section's start is
// its first item in the text. A code string holds numbers in a base-45/46
// variable-length code of printable ASCII (see appendCode).
func (ix *Index) Script() []byte {
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

// ParseScript reads a Script back into an Index, the way search.js loads
// it, so that tests can query the index a built site ships.
func ParseScript(script []byte) (*Index, error) {
	js := string(script)
	i := strings.Index(js, scriptAssign)
	if i < 0 || !strings.HasSuffix(js, ";\n") {
		return nil, fmt.Errorf("search: the script does not assign %s", scriptAssign)
	}
	var raw scriptIndex[json.RawMessage]
	if err := json.Unmarshal([]byte(js[i+len(scriptAssign):len(js)-2]), &raw); err != nil {
		return nil, fmt.Errorf("search: index script: %w", err)
	}
	if raw.V != scriptVersion {
		return nil, fmt.Errorf("search: index script version %d, want %d", raw.V, scriptVersion)
	}
	var errs []error
	dec := func(s string) []int {
		ns, err := decode(s)
		errs = append(errs, err)
		return ns
	}
	ix := &Index{lang: raw.Lang, terms: raw.Terms, words: raw.Words, seps: raw.Seps, syn: raw.Syn}
	for _, v := range dec(raw.WT) {
		ix.wordTerm = append(ix.wordTerm, v-1)
	}
	for _, d := range raw.Docs {
		var s [7]string
		for k := range s {
			errs = append(errs, json.Unmarshal(d[k], &s[k]))
		}
		var secs [][4]json.RawMessage
		errs = append(errs, json.Unmarshal(d[7], &secs))
		doc := indexDoc{url: s[0], title: s[1], section: s[2],
			titleTerms: dec(s[3]), headTerms: dec(s[4]), text: dec(s[5]), descTerms: dec(s[6])}
		for _, x := range secs {
			var sec indexSection
			var head string
			errs = append(errs, json.Unmarshal(x[0], &sec.anchor), json.Unmarshal(x[1], &sec.title),
				json.Unmarshal(x[2], &head), json.Unmarshal(x[3], &sec.start))
			sec.head = dec(head)
			doc.sections = append(doc.sections, sec)
		}
		ix.docs = append(ix.docs, doc)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("search: index script: %w", err)
	}
	ix.score()
	return ix, nil
}

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
