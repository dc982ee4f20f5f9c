package search

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// scriptPath is search.js, which mirrors this package in the browser.
var scriptPath = filepath.Join("..", "..", "templates", "assets", "search.js")

// nodeDriver loads search.js and an index script and answers a request.
const nodeDriver = `'use strict';
const fs = require('fs'), vm = require('vm');
const s = require(process.argv[2]);
const req = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const out = {analyze: req.texts.map(t => s.analyze('da', t)), analyzeEn: req.texts.map(t => s.analyze('en', t)), runs: []};
for (const c of req.corpora) {
  const ctx = {window: {}};
  vm.runInNewContext(fs.readFileSync(c.index, 'utf8'), ctx);
  const ix = s.load(ctx.window.MENTOR_SEARCH_INDEX);
  out.runs.push(c.queries.map(q => {
    const r = s.search(ix, q);
    return {partial: r.partial, hits: r.hits.map(h => ({url: h.url, anchor: h.anchor, heading: h.heading, score: h.score, snippet: s.snippet(ix, h.doc, h.from, h.to, r.matched)}))};
  }));
}
process.stdout.write(JSON.stringify(out));
`

// danishWords are inflections of the handbook's words, and some words that
// exercise every rule of the stemmer.
func danishWords() []string {
	bases := []string{"møde", "læge", "mentor", "mentee", "afklaringsmøde", "dagsorden", "forløb",
		"speciallæge", "tavshedspligt", "opfølgning", "evaluering", "samtale", "aftale", "kollega",
		"uddannelse", "karriere", "vejleder", "erfaring", "hospital", "afdeling", "sekretariat",
		"fortrolighed", "deltager", "program", "yngre", "ærlig", "åben", "sygdom", "spørgsmål"}
	suffixes := []string{"", "e", "en", "er", "erne", "ernes", "et", "ets", "es", "s", "ens", "ene",
		"ende", "ede", "hed", "heden", "ig", "lig", "elig", "igst", "st", "els"}
	words := strings.Fields(`løst fløst vigtigst bedst hurtigst kærlighed kærligheden mødested
		mødestedet lægevagt lægevagterne Aarhus Århus aalborg ÅLBORG naïve café Straße øl å ø
		ab abc abcd gd dt kt bygd skabt købt sagt lykkelig lykkeligst venlig venligst
		undertegnede handel handelsaftale hospitalslæge sygeplejerske sygeplejersker moede
		moederne laege laegen laegerne foraeldre foraeldrene paa saa naar 2026 12te 3dje`)
	for _, b := range bases {
		for _, s := range suffixes {
			words = append(words, b+s)
		}
	}
	return words
}

func TestNodeParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the JavaScript parity test needs Node.js (apt-get install nodejs)")
	}
	script, err := filepath.Abs(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	// Texts: the Danish words one by one, the handbook, and every code
	// point up to U+3000 between two letters (letter, ignorable or
	// separator), plus a few beyond.
	texts := danishWords()
	for _, d := range handbook {
		texts = append(texts, d.Title+" "+strings.Join(d.Headings, " ")+" "+d.Text)
	}
	var runes []rune
	for r := rune(0x20); r < 0x3000; r++ {
		if r < 0xD800 || r > 0xDFFF {
			runes = append(runes, r)
		}
	}
	runes = append(runes, 0xFEFF, 0xFFFD, 0x1F600, 0x10000, 0x1D400)
	for _, r := range runes {
		texts = append(texts, "x"+string(r)+"y")
	}
	texts = append(texts, "a\u030ar", "A\u030aR", "mo\u0338de", "e\u0301\u0301t", "\u0301abc", "ø\u00ad\u200b l")

	queries := []string{"mødernes", "moederne", "møde", "moede", "lægen", "laege", "læge", "speciallæge",
		"afkla", "afklaringsmøde", "tavshedspligten", "tavshedspligt evaluering", "tavshedspligt xqzjvw",
		"og mødet", "xqzjvw", "aalborg", "Ålborg", "cafe", "naive", "mentor mentee", "mø", "l", "læge mentor møde",
		"meeting", "Meetings", "mentor", "confidential", "study", "", "og",
		"tavshedspligt", "headhunting", "hvad koster det", "rejseudgifter", "hvor mange møder", "forløbet xqzjvw",
		"skriver sekretariatet", "regler", "længe", "fortroligt job"}
	type corpus struct {
		Index   string   `json:"index"`
		Queries []string `json:"queries"`
	}
	type hit struct {
		URL     string     `json:"url"`
		Anchor  string     `json:"anchor"`
		Heading string     `json:"heading"`
		Score   float64    `json:"score"`
		Snippet []struct { // as search.js returns them
			Text string `json:"text"`
			Mark bool   `json:"mark"`
		} `json:"snippet"`
	}
	indexes := []*Index{
		mustBuild(t, "da", handbook),
		mustBuild(t, "en", english),
		mustBuild(t, "da", synthDocs(150, 300)),
		sectionedIndex(t),
	}
	var corpora []corpus
	for i, ix := range indexes {
		p := filepath.Join(dir, "index"+string(rune('0'+i))+".js")
		if err := os.WriteFile(p, ix.Script(), 0o644); err != nil {
			t.Fatal(err)
		}
		corpora = append(corpora, corpus{p, queries})
	}
	req, err := json.Marshal(map[string]any{"texts": texts, "corpora": corpora})
	if err != nil {
		t.Fatal(err)
	}
	reqPath, driverPath := filepath.Join(dir, "req.json"), filepath.Join(dir, "driver.js")
	if err := os.WriteFile(reqPath, req, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(driverPath, []byte(nodeDriver), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, driverPath, script, reqPath)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v", driverPath, err)
	}
	var got struct {
		Analyze   [][]string `json:"analyze"`
		AnalyzeEn [][]string `json:"analyzeEn"`
		Runs      [][]struct {
			Partial bool  `json:"partial"`
			Hits    []hit `json:"hits"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(stdout, &got); err != nil {
		t.Fatalf("node output: %v: %.300s", err, stdout)
	}

	if len(got.Analyze) != len(texts) {
		t.Fatalf("node analysed %d texts, want %d", len(got.Analyze), len(texts))
	}
	bad := 0
	for i, text := range texts {
		for lang, js := range map[string][]string{"da": got.Analyze[i], "en": got.AnalyzeEn[i]} {
			want := Analyze(lang, text)
			if !slices.Equal(js, want) && !(len(want) == 0 && len(js) == 0) {
				if bad++; bad <= 20 {
					r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(text, "x"))
					t.Errorf("analyze %s %q (U+%04X): JS %q, Go %q", lang, text, r, js, want)
				}
			}
		}
	}
	t.Logf("analyzed %d texts (%d Danish words) in Go and JS", len(texts), len(danishWords()))

	for c, ix := range indexes {
		for qi, q := range queries {
			resp := ix.Query(q)
			want := resp.Results
			js := got.Runs[c][qi].Hits
			if got.Runs[c][qi].Partial != resp.Partial {
				t.Errorf("index %d, query %q: JS partial %v, Go %v", c, q, got.Runs[c][qi].Partial, resp.Partial)
			}
			if len(js) != len(want) {
				t.Errorf("index %d, query %q: JS %d results, Go %d", c, q, len(js), len(want))
				continue
			}
			for i := range want {
				h := js[i]
				if h.URL != want[i].URL || h.Anchor != want[i].Anchor || h.Heading != want[i].Heading || math.Abs(h.Score-want[i].Score) > 1e-9*math.Max(1, want[i].Score) {
					t.Errorf("index %d, query %q, result %d: JS %s#%s (%v), Go %s#%s (%v)", c, q, i, h.URL, h.Anchor, h.Score, want[i].URL, want[i].Anchor, want[i].Score)
					break
				}
				var frags []Fragment
				for _, f := range h.Snippet {
					frags = append(frags, Fragment{f.Text, f.Mark})
				}
				if !slices.Equal(frags, want[i].Snippet) {
					t.Errorf("index %d, query %q, result %d snippet:\nJS %+v\nGo %+v", c, q, i, frags, want[i].Snippet)
				}
			}
		}
	}
}

// TestScriptFoldTable checks that search.js holds fold.go's table.
func TestScriptFoldTable(t *testing.T) {
	js, err := os.ReadFile(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range foldGroups {
		key := g.to
		if key == "æ" || key == "ø" || key == "å" {
			key = "'" + key + "'"
		}
		if want := key + ": '" + g.from + "'"; !strings.Contains(string(js), want) {
			t.Errorf("search.js lacks the fold entry %s", want)
		}
	}
	for lang, words := range stopWords {
		if want := lang + ": '" + strings.Join(sortedKeys(words), " ") + "'"; !strings.Contains(string(js), want) {
			t.Errorf("search.js lacks the %s stop words %s", lang, want)
		}
	}
	if n := len(js); n > 21<<10 { // 16 KiB before sections and synonyms, 20 before misspellings
		t.Errorf("search.js is %d bytes, keep it under 21 KiB", n)
	}
}

// sectionedIndex is the index of sectioned, with sectionSynonyms.
func sectionedIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := BuildWith("da", sectioned, sectionSynonyms)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}
