package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
)

// maxWord is the longest word, in letters, that is indexed. Longer runs
// (identifiers, garbage) are kept in the text but get no term.
const maxWord = 40

// stopWords are the words, folded to ASCII, that are not indexed. They are
// dropped from queries as well, so a query that holds them still works.
var stopWords = map[string]map[string]bool{
	"da": set("af at blev bliver da de dem den der det du efter eller en er et for fra han har hun hvad hvis hvor i ikke jeg jer kan man med men min mit naar og om op os paa saa sig sin sit skal som til ud ved vi vil vores"),
	"en": set("a an and are as at be been but by can do does for from had has have he her his i if in into is it its me my not of on or our s she so than that the their them then there these they this to was we were what when which who will with would you your"),
}

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// stemmer returns the stemming function of lang: Danish Snowball for "da",
// a light English plural stemmer for the rest. Both take a key (a-z, 0-9,
// æ, ø, å) and return the term, folded to ASCII.
func stemmer(lang string) func(key string) string {
	if lang == "da" {
		return stemDanish
	}
	return stemEnglish
}

// stemDanish stems key with the Snowball Danish stemmer, which works on the
// Danish letters, and then folds the stem to ASCII.
func stemDanish(key string) string {
	env := snowballstem.NewEnv(key)
	danish.Stem(env)
	return toASCII(env.Current())
}

// stemEnglish folds key to ASCII and removes plural endings the way of
// Harman's S-stemmer: -ies→-y, -es→-e, -s→ (not after u or s, nor in
// -aes, -ees, -oes, -eies, -aies). Words of three letters or fewer are kept.
func stemEnglish(key string) string {
	w := toASCII(key)
	n := len(w)
	if n <= 3 || w[n-1] != 's' {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && !strings.HasSuffix(w, "eies") && !strings.HasSuffix(w, "aies"):
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "aes") && !strings.HasSuffix(w, "ees") && !strings.HasSuffix(w, "oes"):
		return w[:n-1]
	case strings.HasSuffix(w, "us") || strings.HasSuffix(w, "ss"):
		return w
	}
	return w[:n-1]
}

// termOf returns the term of one word's key in lang, or "" for a stop word
// or a word too long to index.
func termOf(lang, key string) string {
	if key == "" || utf8.RuneCountInString(key) > maxWord {
		return ""
	}
	if stopWords[lang][toASCII(key)] {
		return ""
	}
	return stemmer(lang)(key)
}

// Analyze returns the terms of text as the index stores them, in order and
// with repeats: each word (a run of Latin letters and digits) lower-cased,
// stripped of accents except Danish æ, ø and å, stemmed (Snowball Danish
// for "da", plural endings for "en"), then folded to ASCII (æ→ae, ø→oe,
// å→aa). Stop words give no term. Every term matches [a-z0-9]+.
func Analyze(lang, text string) []string {
	var terms []string
	tokenize(nfc(text), func(_, _ int, key string) {
		if t := termOf(lang, key); t != "" {
			terms = append(terms, t)
		}
	})
	return terms
}

// queryTerm is one word of a query: the terms it stands for (its stem, and
// for a Danish word typed with aa, ae or oe also the stem of the word with
// å, æ and ø), the terms of its synonyms, the folded word itself as a
// prefix (for a word still being typed), and whether it is long enough (4
// letters) to match inside compounds.
type queryTerm struct {
	exact    []string
	syn      []string
	prefixes []string
	long     bool
}

// parseQuery splits q into query terms as search.js's parseQuery does.
// Stop words and words too long to index are dropped.
func parseQuery(lang, q string) []queryTerm {
	return parseQueryWith(lang, q, nil)
}

// parseQueryWith is parseQuery with the index's synonyms (term -> terms).
func parseQueryWith(lang, q string, syn map[string][]string) []queryTerm {
	var qts []queryTerm
	tokenize(nfc(q), func(_, _ int, key string) {
		t := termOf(lang, key)
		if t == "" {
			return
		}
		qt := queryTerm{exact: []string{t}, long: utf8.RuneCountInString(key) >= 4}
		folded := toASCII(key)
		if lang == "da" {
			if alt := termOf(lang, fromASCII(folded)); alt != "" && alt != t {
				qt.exact = append(qt.exact, alt)
			}
		}
		for _, e := range qt.exact {
			for _, s := range syn[e] {
				if !slices.Contains(qt.exact, s) && !slices.Contains(qt.syn, s) {
					qt.syn = append(qt.syn, s)
				}
			}
		}
		qt.prefixes = append(qt.prefixes, qt.exact...)
		if !slices.Contains(qt.prefixes, folded) {
			qt.prefixes = append(qt.prefixes, folded)
		}
		qts = append(qts, qt)
	})
	return qts
}

// Match factors of an index term for a query term, by how it matches.
const (
	matchExact      = 1.0
	matchSynonym    = 0.8
	matchPrefix     = 0.7
	matchStemPrefix = 0.6
	matchSuffix     = 0.5
	matchInfix      = 0.35
	// minStemPrefix is the shortest index term that matches a longer
	// query word it begins ("headhunt" for "headhunting").
	minStemPrefix = 5
)

// match returns how well the index term t matches qt: 0 for not at all.
// In order: t is the word's stem; the stem of a synonym; t starts with the
// word (a word being typed); t, of 5 letters or more, starts the word
// (a longer form than the text has: "headhunting" finds "headhunte");
// for a word of 4 letters or more, t ends with or holds its stem.
func (qt *queryTerm) match(t string) float64 {
	if slices.Contains(qt.exact, t) {
		return matchExact
	}
	if slices.Contains(qt.syn, t) {
		return matchSynonym
	}
	for _, p := range qt.prefixes {
		if strings.HasPrefix(t, p) {
			return matchPrefix
		}
	}
	if len(t) >= minStemPrefix {
		for _, p := range qt.prefixes {
			if strings.HasPrefix(p, t) {
				return matchStemPrefix
			}
		}
	}
	if !qt.long {
		return 0
	}
	best := 0.0
	for _, e := range qt.exact {
		if len(e) < 4 {
			continue
		}
		if strings.HasSuffix(t, e) {
			return matchSuffix
		}
		if strings.Contains(t, e) {
			best = matchInfix
		}
	}
	return best
}
