package search

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// refTokenize is tokenize as first written (a new key per word), kept to
// check that the copy-free one gives the same words and keys.
func refTokenize(s string, fn func(start, end int, key string)) {
	var b strings.Builder
	start := -1
	for i, r := range s {
		letters, ignorable := foldRune(r)
		switch {
		case letters != "":
			if start < 0 {
				start = i
				b.Reset()
			}
			b.WriteString(letters)
		case ignorable:
		default:
			if start >= 0 {
				fn(start, i, b.String())
				start = -1
			}
		}
	}
	if start >= 0 {
		fn(start, len(s), b.String())
	}
}

type token struct {
	start, end int
	key        string
}

func tokens(tok func(string, func(int, int, string)), s string) []token {
	var out []token
	tok(s, func(start, end int, key string) { out = append(out, token{start, end, key}) })
	return out
}

// fastPathSamples are texts that go in and out of tokenize's copy-free path.
var fastPathSamples = []string{
	"", " ", "møde", "Møde", "mødet er i dag", "MØDE-referat", "Ærø og Åbenrå",
	"læge\u00adstuderende", "kaffe\u0301", "a\u200bb", "e\u0301", "\u00ad", "x\u00ad",
	"Straße", "Œuvre", "ĳ", "café crème", "12 måneder, 4 møder", "a\xffb", "\xff", "æ\xffø",
	"møde\u00ad", "ab\u00adcd ef", "ÄÖÜ äöü", "snake_case and kebab-case", "ø\u0308",
	// æ, ø and å, which addText reads in its own loop, at the edges.
	"\xc3", "a\xc3", "æ\xc3", "ø\xc3å", "aøB", "bøg.", "øæå", "Åse", "æ\u0301", "så\u00adledes", "x æ", "æ\xc3\xa6",
}

func TestTokenizeMatchesReference(t *testing.T) {
	check := func(s string) {
		t.Helper()
		for _, in := range []string{s, norm.NFC.String(s)} {
			if got, want := tokens(tokenize, in), tokens(refTokenize, in); !reflect.DeepEqual(got, want) {
				t.Fatalf("tokenize(%q) = %v, want %v", in, got, want)
			}
		}
	}
	for _, s := range fastPathSamples {
		check(s)
	}
	pieces := []string{"a", "Z", "ø", "Ø", "å", "æ", "é", "ß", "Œ", "\u00ad", "\u0301", "\u200b", " ", "-", ".", "7", "\xff", "\u2013", "日"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String())
	}
}

func TestNormalizeMatchesFields(t *testing.T) {
	pieces := []string{"a", "ø", " ", "  ", "\n", "\t", "\u00a0", "\u0085", "\u2003", "\u3000", "\xff", "e\u0301", "x"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := normalize(s), strings.Join(strings.Fields(norm.NFC.String(s)), " "); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
