package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
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
	syn      map[string][]string // query term -> the terms it also stands for
	// The scores, computed when the index is first queried (a build that
	// only writes the Script needs none): scored runs score once.
	scored   sync.Once
	idf      []float64   // by term id
	postings [][]posting // by term id, in doc order
}

// indexDoc is one page in the index.
type indexDoc struct {
	url, title, section string
	titleTerms          []int32 // term ids of the title, in order
	headTerms           []int32 // term ids of the headings and section titles, in order
	descTerms           []int32 // term ids of the description, in order
	text                []int32 // word id*2 or separator id*2+1; one space between two words is implied
	sections            []indexSection
}

// indexSection is a Section in the index: its text is doc.text[start:]
// up to the next section's start.
type indexSection struct {
	anchor, title string
	head          []int32 // term ids of the title
	start         int
}

// unit returns the heading terms and the text range of unit u of the doc:
// 0 is the page before its first section (its head the title), u > 0 the
// section u-1.
func (d *indexDoc) unit(u int) (head []int32, from, to int) {
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
	seen := make(map[string]int, len(docs))
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
	}
	ix := &Index{lang: lang, syn: synonymTerms(lang, syn)}
	b := newIndexBuilder(lang)
	ix.docs = make([]indexDoc, len(docs))
	for i, d := range docs {
		doc := &ix.docs[i]
		*doc = indexDoc{url: d.URL, title: d.Title, section: d.Section}
		b.text = b.text[:0]
		b.addText(d.Text)
		if len(d.Sections) > 0 {
			doc.sections = make([]indexSection, len(d.Sections))
		}
		for k, sec := range d.Sections {
			doc.sections[k] = indexSection{anchor: sec.Anchor, title: sec.Title, start: len(b.text)}
			b.addText(sec.Text)
		}
		doc.text = b.ids.clone(b.text)
		b.ts = b.appendTerms(b.ts[:0], d.Title)
		doc.titleTerms = b.ids.clone(b.ts)
		b.ts = b.ts[:0]
		for _, h := range d.Headings {
			b.ts = b.appendTerms(b.ts, h)
		}
		for k, sec := range d.Sections {
			n := len(b.ts)
			b.ts = b.appendTerms(b.ts, sec.Title)
			doc.sections[k].head = b.ids.clone(b.ts[n:])
		}
		doc.headTerms = b.ids.clone(b.ts)
		b.ts = b.appendTerms(b.ts[:0], d.Description)
		doc.descTerms = b.ids.clone(b.ts)
	}
	b.finish(ix)
	return ix, nil
}

// indexBuilder holds what BuildWith gathers before the ids are final.
// Words, separators and terms get a first id in the order they are met;
// finish sorts them as the index has them (words and separators most
// frequent first, terms in order) and renumbers the docs.
//
// Each distinct word is looked up once per occurrence and analysed once
// per build: text repeats its words a great deal, and stemming is the
// dearest step.
type indexBuilder struct {
	lang      string
	keyTerm   *strTable      // key -> first term id, -1 for none
	termID    map[string]int // term -> first id (keys can share a term)
	terms     []string       // by first id
	wordID    *strTable      // surface word -> first id
	words     []string
	wordCount []int
	wordTerm  []int // first term id of each word, -1 for none
	sepID     map[string]int
	seps      []string
	sepCount  []int
	text      []int32 // of the doc being read: word id*2 or separator id*2+1
	ts        []int32 // the term ids of the doc's title, headings or description
	ids       intArena
	sepBuf    []byte // addSep's separator
	wordBuf   []byte // scanWords' buffer
}

// intArena hands out the docs' lists of ids (copies of the builder's
// buffers) from a few large arrays rather than an allocation each.
type intArena struct{ free []int32 }

// arenaChunk is the length of the arena's arrays, in ids.
const arenaChunk = 1 << 15

// clone returns a copy of s from the arena (nil for an empty s), with no
// room to grow into another's.
func (a *intArena) clone(s []int32) []int32 {
	if len(s) == 0 {
		return nil
	}
	if len(s) > len(a.free) {
		a.free = make([]int32, max(arenaChunk, len(s)))
	}
	c := a.free[:len(s):len(s)]
	a.free = a.free[len(s):]
	copy(c, s)
	return c
}

// newIndexBuilder returns an empty indexBuilder for lang.
func newIndexBuilder(lang string) *indexBuilder {
	return &indexBuilder{lang: lang, keyTerm: &strTable{}, termID: map[string]int{}, wordID: &strTable{}, sepID: map[string]int{}}
}

// term returns the first term id of the word s[start:end] with scanWords'
// folded key, -1 for none: termOf's answer, once per key.
func (b *indexBuilder) term(s string, start, end int, folded []byte) int {
	var (
		key string
		t   int
		ok  bool
		tag uint64
		i   int
	)
	if folded != nil {
		if t, ok, tag, i = lookup(b.keyTerm, folded, 0, len(folded)); ok { // no copy to look up
			return t
		}
		key = string(folded)
	} else {
		key = s[start:end]
		if t, ok, tag, i = lookup(b.keyTerm, s, start, end); ok {
			return t
		}
	}
	t = -1
	if tm := termOf(b.lang, key); tm != "" {
		var ok bool
		if t, ok = b.termID[tm]; !ok {
			t = len(b.terms)
			b.termID[tm] = t
			b.terms = append(b.terms, tm)
		}
	}
	b.keyTerm.set(key, t, tag, i)
	return t
}

// addText adds the words and separators of normalize(t) to b.text; the
// one space between two words is implied. Words hold no white space, so
// it reads t itself and normalizes only the separators.
//
// It reads the words as scanWords does, through wordStart and wordAt, but
// a word of a-z, 0-9, æ, ø and å that ASCII ends, and the ASCII between
// two words, here in the loop: most words are such, and the calls per
// word took a third of the time.
func (b *indexBuilder) addText(t string) {
	text := nfc(t)
	last, first := 0, true
	for {
		start := last
		for start < len(text) && asciiKind[text[start]] == asciiOther {
			start++
		}
		if start < len(text) && asciiKind[text[start]] == notASCII && !danishAt(text, start) {
			start = wordStart(text, start)
		}
		if start == len(text) {
			break
		}
		end := start
		for end < len(text) {
			if k := asciiKind[text[end]]; k == asciiOwn {
				end++
			} else if k == notASCII && danishAt(text, end) {
				end += 2
			} else {
				break
			}
		}
		var folded []byte
		if end == start || end < len(text) && asciiKind[text[end]] != asciiOther {
			end, folded, b.wordBuf = wordAt(text, start, b.wordBuf)
		}
		if start > last && (first || start-last != 1 || text[last] != ' ') {
			b.addSep(text[last:start], first, false)
		}
		id, ok, tag, i := lookup(b.wordID, text, start, end)
		if !ok {
			w := text[start:end]
			id = len(b.words)
			b.wordID.set(w, id, tag, i)
			b.words = append(b.words, w)
			b.wordCount = append(b.wordCount, 0)
			b.wordTerm = append(b.wordTerm, b.term(text, start, end, folded))
		}
		b.wordCount[id]++
		b.text = append(b.text, int32(id*2))
		last, first = end, false
	}
	if last < len(text) {
		b.addSep(text[last:], first, true)
	}
}

// addSep adds the separator raw to b.text as normalize has it: each run
// of white space one space, none at the start of the text (atStart) or at
// its end (atEnd). One that comes out empty, or a single space between two
// words (implied), is left out.
func (b *indexBuilder) addSep(raw string, atStart, atEnd bool) {
	sep := b.sepBuf[:0]
	inSpace := false
	for i := 0; i < len(raw); {
		space, size := spaceAt(raw, i)
		if space {
			inSpace = true
		} else {
			if inSpace && (len(sep) > 0 || !atStart) {
				sep = append(sep, ' ')
			}
			inSpace = false
			sep = append(sep, raw[i]) // size is 1
		}
		i += size
	}
	if inSpace && !atEnd && (len(sep) > 0 || !atStart) {
		sep = append(sep, ' ')
	}
	b.sepBuf = sep
	if len(sep) == 0 || !atStart && !atEnd && string(sep) == " " {
		return
	}
	id, ok := b.sepID[string(sep)]
	if !ok {
		id = len(b.seps)
		s := string(sep)
		b.sepID[s] = id
		b.seps = append(b.seps, s)
		b.sepCount = append(b.sepCount, 0)
	}
	b.sepCount[id]++
	b.text = append(b.text, int32(id*2+1))
}

// appendTerms appends the first ids of the terms of text to ts, as Analyze
// gives them.
func (b *indexBuilder) appendTerms(ts []int32, text string) []int32 {
	s := nfc(text)
	b.wordBuf = scanWords(s, b.wordBuf, func(start, end int, folded []byte) {
		if t := b.term(s, start, end, folded); t >= 0 {
			ts = append(ts, int32(t))
		}
	})
	return ts
}

// finish sets ix's terms, words and separators in their final order and
// renumbers its docs to match.
func (b *indexBuilder) finish(ix *Index) {
	termOrder := make([]int, len(b.terms)) // final id -> first id
	for i := range termOrder {
		termOrder[i] = i
	}
	slices.SortFunc(termOrder, func(x, y int) int { return strings.Compare(b.terms[x], b.terms[y]) })
	termID := make([]int, len(b.terms)) // first id -> final id
	ix.terms = make([]string, len(b.terms))
	for final, first := range termOrder {
		termID[first] = final
		ix.terms[final] = b.terms[first]
	}
	wordOrder := byFrequency(b.words, b.wordCount)
	wordID := make([]int, len(b.words))
	ix.words = make([]string, len(b.words))
	ix.wordTerm = make([]int, len(b.words))
	for final, first := range wordOrder {
		wordID[first] = final
		ix.words[final] = b.words[first]
		ix.wordTerm[final] = -1
		if t := b.wordTerm[first]; t >= 0 {
			ix.wordTerm[final] = termID[t]
		}
	}
	sepOrder := byFrequency(b.seps, b.sepCount)
	sepID := make([]int, len(b.seps))
	ix.seps = make([]string, len(b.seps))
	for final, first := range sepOrder {
		sepID[first] = final
		ix.seps[final] = b.seps[first]
	}
	renumber := func(ts []int32) {
		for i, t := range ts {
			ts[i] = int32(termID[t])
		}
	}
	// item is the final text item of each first one: word id*2 or
	// separator id*2+1, so that the text is renumbered a load per item.
	item := make([]int32, 2*max(len(b.words), len(b.seps)))
	for first, final := range wordID {
		item[first*2] = int32(final * 2)
	}
	for first, final := range sepID {
		item[first*2+1] = int32(final*2 + 1)
	}
	for i := range ix.docs {
		d := &ix.docs[i]
		renumber(d.titleTerms)
		renumber(d.headTerms)
		renumber(d.descTerms)
		for k := range d.sections {
			renumber(d.sections[k].head)
		}
		for j, v := range d.text {
			d.text[j] = item[v]
		}
	}
}

// byFrequency returns the order of keys (their indexes) by count, most
// frequent first, ties in string order, so that the commonest get the
// shortest codes. The keys are distinct.
func byFrequency(keys []string, count []int) []int {
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return strings.Compare(keys[a], keys[b])
	})
	return order
}

// score computes the postings from the docs, as search.js's load does.
// It is called through ix.scored, before the first query.
// The counts of a doc's terms are gathered in a slice, each term's place
// in it kept in slot while the doc is read.
func (ix *Index) score() {
	n := len(ix.docs)
	type tf struct{ term, title, head, text int }
	var all []tf                       // the counts of doc d are all[from[d]:from[d+1]]
	from := make([]int, n+1)           // where each doc's counts begin in all
	slot := make([]int, len(ix.terms)) // place+1 in all of a term of the doc being read
	dl := make([]float64, n)
	total := 0.0
	df := make([]int, len(ix.terms))
	for d, doc := range ix.docs {
		from[d] = len(all)
		get := func(t int) *tf {
			if slot[t] == 0 {
				all = append(all, tf{term: t})
				slot[t] = len(all)
				df[t]++
			}
			return &all[slot[t]-1]
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
		for _, x := range all[from[d]:] {
			slot[x.term] = 0
		}
	}
	from[n] = len(all)
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / float64(n)
	}
	ix.idf = make([]float64, len(ix.terms))
	for t := range ix.idf {
		ix.idf[t] = math.Log(1 + (float64(n)-float64(df[t])+0.5)/(float64(df[t])+0.5))
	}
	// The postings of a term, in doc order, share one array.
	ix.postings = make([][]posting, len(ix.terms))
	space := make([]posting, len(all))
	for t, k := range df {
		ix.postings[t], space = space[:0:k], space[k:]
	}
	for d := range n {
		norm := bm25K1 * (1 - bm25B + bm25B*dl[d]/avg)
		for _, x := range all[from[d]:from[d+1]] {
			s := 0.0
			if w := float64(x.text + headingWeight*x.head); w > 0 {
				s = w * (bm25K1 + 1) / (w + norm)
			}
			if x.title > 0 {
				s += titleBoost
			}
			ix.postings[x.term] = append(ix.postings[x.term], posting{d, s})
		}
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
	// Written by hand rather than with encoding/json (a third of the
	// build's time went to reflection and to scanning the code strings):
	// the bytes are those of json.Encoder with SetEscapeHTML(false) on a
	// scriptIndex, which TestScriptMatchesEncoder holds it to.
	size := 256
	for _, ss := range [][]string{ix.terms, ix.words, ix.seps} {
		for _, s := range ss {
			size += len(s) + 3
		}
	}
	size += 2 * len(ix.wordTerm)
	for _, d := range ix.docs {
		size += len(d.url) + len(d.title) + len(d.section) + 2*(len(d.titleTerms)+len(d.headTerms)+len(d.text)+len(d.descTerms)) + 32
		for _, s := range d.sections {
			size += len(s.anchor) + len(s.title) + 2*len(s.head) + 16
		}
	}
	b := make([]byte, 0, size)
	b = append(b, "/* Search index ("...)
	b = append(b, ix.lang...)
	b = append(b, "), generated by internal/search; read by assets/search.js. */\n"+scriptAssign...)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, scriptVersion, 10)
	b = append(b, `,"lang":`...)
	b = appendJSONString(b, ix.lang)
	b = append(b, `,"terms":`...)
	b = appendJSONStrings(b, ix.terms)
	b = append(b, `,"words":`...)
	b = appendJSONStrings(b, ix.words)
	b = append(b, `,"wt":"`...)
	for _, t := range ix.wordTerm {
		b = appendCode(b, t+1)
	}
	b = append(b, `","seps":`...)
	b = appendJSONStrings(b, ix.seps)
	b = append(b, `,"syn":{`...)
	keys := make([]string, 0, len(ix.syn))
	for k := range ix.syn {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONStrings(b, ix.syn[k])
	}
	b = append(b, `},"docs":[`...)
	for i, d := range ix.docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, d.url)
		b = append(b, ',')
		b = appendJSONString(b, d.title)
		b = append(b, ',')
		b = appendJSONString(b, d.section)
		for _, ns := range [][]int32{d.titleTerms, d.headTerms, d.text, d.descTerms} {
			b = append(b, ',', '"')
			for _, n := range ns {
				b = appendCode(b, int(n))
			}
			b = append(b, '"')
		}
		b = append(b, ',', '[')
		for k, s := range d.sections {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSONString(b, s.anchor)
			b = append(b, ',')
			b = appendJSONString(b, s.title)
			b = append(b, ',', '"')
			for _, n := range s.head {
				b = appendCode(b, int(n))
			}
			b = append(b, '"', ',')
			b = strconv.AppendInt(b, int64(s.start), 10)
			b = append(b, ']')
		}
		b = append(b, ']', ']')
	}
	b = append(b, "]};\n"...)
	return b
}

// appendJSONStrings appends ss as a JSON array as encoding/json writes it.
func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s as a JSON string as encoding/json writes it
// without HTML escaping: as it is when it holds no byte below 0x20, no
// quote or backslash, no invalid UTF-8 and no U+2028 or U+2029 (what
// encoding/json escapes), else through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return appendJSONEscaped(b, s)
		} else if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii && (!utf8.ValidString(s) || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029")) {
		return appendJSONEscaped(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONEscaped is appendJSONString through encoding/json.
func appendJSONEscaped(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(fmt.Sprintf("search: encode %q: %v", s, err)) // a string: cannot fail
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
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
	dec := func(s string) []int32 {
		ns, err := decode(s)
		errs = append(errs, err)
		out := make([]int32, len(ns))
		for i, n := range ns {
			if n > math.MaxInt32 {
				errs = append(errs, fmt.Errorf("search: code string: %d is too large", n))
			}
			out[i] = int32(n)
		}
		return out
	}
	ix := &Index{lang: raw.Lang, terms: raw.Terms, words: raw.Words, seps: raw.Seps, syn: raw.Syn}
	wt, err := decode(raw.WT)
	errs = append(errs, err)
	for _, v := range wt {
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
func encode[T int | int32](ns []T) string {
	b := make([]byte, 0, len(ns)*2)
	for _, n := range ns {
		b = appendCode(b, int(n))
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
