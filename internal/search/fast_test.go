package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// sameIndex fails t unless BuildWith gives the index refBuildWith gives:
// the same script, or the same error, and the same scores.
func sameIndex(t *testing.T, lang string, docs []Doc, syn map[string][]string) {
	t.Helper()
	got, err := BuildWith(lang, docs, syn)
	want, wantErr := refBuildWith(lang, docs, syn)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("BuildWith error %v, first-written builder's %v", err, wantErr)
	}
	if err != nil {
		return
	}
	if a, b := got.Script(), want.refScript(); !bytes.Equal(a, b) {
		t.Fatalf("BuildWith's script differs from the first-written builder's:\n%.2000s\n%.2000s", a, b)
	}
	got.scored.Do(got.score)
	if !slices.Equal(got.idf, want.idf) {
		t.Fatalf("idf %v, want %v", got.idf, want.idf)
	}
	if len(got.postings) != len(want.postings) {
		t.Fatalf("%d posting lists, want %d", len(got.postings), len(want.postings))
	}
	for i := range want.postings {
		if !slices.Equal(got.postings[i], want.postings[i]) {
			t.Fatalf("postings of %q: %v, want %v", want.terms[i], got.postings[i], want.postings[i])
		}
	}
}

// randomText is text that goes in and out of the fast paths: capitals,
// Danish and other Latin letters, combining marks, ignorable and
// non-Latin runes, white space of all kinds, invalid bytes.
func randomText(r *rand.Rand, n int) string {
	pieces := []string{"møde", "Mødet", "mødernes", "læge", "LÆGER", "aftale", "aftaler", "Aftalen", "og", "i", "the", "meetings",
		"a", "Z", "ø", "Ø", "å", "Å", "æ", "é", "ß", "Œ", "ĳ", "ǻ", "\u00ad", "\u0301", "\u030a", "\u200b", "\ufeff",
		" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u0085", "\u2003", "\u3000", "-", ".", ", ", "7", "2026",
		"\xff", "\xc3", "\x80", "\u2013", "日", "Ω", strings.Repeat("x", 41),
		"\"", "\\", "<&>", "\u2028", "\u2029", "\x01", "\x7f", "\b", "\U0001F600"}
	var b strings.Builder
	for range r.IntN(n) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestBuildMatchesReference(t *testing.T) {
	sameIndex(t, "da", handbook, nil)
	sameIndex(t, "en", english, nil)
	sameIndex(t, "da", synthDocs(200, 300), map[string][]string{"tavshedspligt": {"fortrolig"}, "møde": {"samtale", "aftale"}})
	sameIndex(t, "da", nil, nil)
	sameIndex(t, "da", []Doc{{URL: "a/"}, {URL: "a/"}}, nil)
	// Pages of very different lengths, some longer than the arena's arrays
	// (arenaChunk), so that a page's text outgrows the room it began in.
	var long []Doc
	for i, n := range []int{10, 3000, 20000, 5, 9000, 40000, 2000, 12000, 1} {
		d := synthDocs(1, n)[0]
		d.URL = fmt.Sprintf("l%d/", i)
		long = append(long, d)
	}
	sameIndex(t, "da", long, nil)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		docs := make([]Doc, r.IntN(6))
		for j := range docs {
			docs[j] = Doc{URL: fmt.Sprintf("p%d/", j), Title: randomText(r, 5), Section: randomText(r, 2),
				Description: randomText(r, 8), Text: randomText(r, 40)}
			for range r.IntN(3) {
				docs[j].Headings = append(docs[j].Headings, randomText(r, 4))
			}
			for k := range r.IntN(4) {
				docs[j].Sections = append(docs[j].Sections, Section{Anchor: fmt.Sprint("s", k), Title: randomText(r, 4), Text: randomText(r, 30)})
			}
		}
		lang := []string{"da", "en"}[i%2]
		sameIndex(t, lang, docs, map[string][]string{randomText(r, 2): {randomText(r, 2)}})
	}
}

// TestScriptMatchesEncoder holds Script to the script encoding/json
// writes, for strings that encoding/json escapes and for an index read
// back from a script.
func TestScriptMatchesEncoder(t *testing.T) {
	odd := []string{"", "a\"b", `back\slash`, "<a href=\"x\">&amp;</a>", "tab\there", "nl\n", "\x00\x1f\x7f",
		"line\u2028sep", "para\u2029sep", "bad\xffutf8", "\xc3", "æøå", "emoji \U0001F600", "\ufeff"}
	var docs []Doc
	for i, s := range odd {
		docs = append(docs, Doc{URL: fmt.Sprintf("%d/%s", i, s), Title: s, Section: s, Description: s + " møde",
			Text: s + " tekst", Headings: []string{s},
			Sections: []Section{{Anchor: s, Title: s, Text: s}, {Anchor: "b", Title: "B", Text: ""}}})
	}
	for _, ix := range []*Index{
		mustBuild(t, "da", docs),
		mustBuild(t, "da", nil),
		mustBuild(t, "en", english),
		parseScript(t, mustBuild(t, "da", handbook).Script()),
	} {
		if a, b := ix.Script(), ix.refScript(); !bytes.Equal(a, b) {
			t.Fatalf("Script differs from encoding/json's:\n%s\n%s", a, b)
		}
	}
	ix, err := BuildWith("da", docs, map[string][]string{"tavshedspligt": {"fortrolighed", "diskretion"}, "møde": {"samtale"}})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := ix.Script(), ix.refScript(); !bytes.Equal(a, b) {
		t.Fatalf("Script differs from encoding/json's:\n%s\n%s", a, b)
	}
}

func FuzzBuildMatchesReference(f *testing.F) {
	f.Add("da", "Mødet", "Møderne og mødet: i dag.", "Aftaler", "aftalen  er\nher", "desc")
	f.Add("en", "Meetings", "The meetings of mentors", "", "ß é\u0301 \xff", "")
	for _, s := range fastPathSamples {
		f.Add("da", s, s+" møde "+s, s, "Æble "+s+".", s)
	}
	f.Fuzz(func(t *testing.T, lang, title, text, secTitle, secText, desc string) {
		if lang != "da" {
			lang = "en"
		}
		docs := []Doc{
			{URL: "a/", Title: title, Text: text, Description: desc, Headings: []string{secTitle},
				Sections: []Section{{Anchor: "x", Title: secTitle, Text: secText}}},
			{URL: "b/", Title: secTitle, Text: secText + " " + text},
		}
		sameIndex(t, lang, docs, nil)
	})
}

// TestNFCFastPath checks what nfc's fast path assumes: every rune below
// U+0300, alone or followed by another, is NFC.
func TestNFCFastPath(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		for q := rune(-1); q < 0x300; q++ {
			s := string(r)
			if q >= 0 {
				s += string(q)
			}
			if !norm.NFC.IsNormalString(s) {
				t.Fatalf("%+q is not NFC", s)
			}
		}
	}
	for _, s := range fastPathSamples {
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Errorf("nfc(%+q) = %+q, want %+q", s, got, want)
		}
	}
}

// TestBelowCC holds belowCC to a byte-by-byte check: each byte value at
// each place of strings of 1 to 17 bytes, the other bytes ones that are
// below 0xCC.
func TestBelowCC(t *testing.T) {
	for _, fill := range []byte{0x00, 'a', 0x7F, 0x80, 0xC3, 0xCB} {
		for n := 1; n <= 17; n++ {
			for at := range n {
				for c := range 256 {
					b := bytes.Repeat([]byte{fill}, n)
					b[at] = byte(c)
					if got, want := belowCC(string(b)), c < 0xCC; got != want {
						t.Fatalf("belowCC(%x) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}

func FuzzNFC(f *testing.F) {
	for _, s := range fastPathSamples {
		f.Add(s)
	}
	f.Add(" a\u00a0b\u0085c\u2028d\u3000 \t\xe2\x80 \xc2")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Fatalf("nfc(%+q) = %+q, want %+q", s, got, want)
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fastPathSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, in := range []string{s, norm.NFC.String(s)} {
			if got, want := tokens(tokenize, in), tokens(refTokenize, in); !reflect.DeepEqual(got, want) {
				t.Fatalf("tokenize(%+q) = %v, want %v", in, got, want)
			}
		}
	})
}

// FuzzAddText holds addText, which normalizes only the separators, to
// normalize: the words and separators it keeps, with one space implied
// between two words, spell normalize(s).
func FuzzAddText(f *testing.F) {
	for _, s := range fastPathSamples {
		f.Add(s)
	}
	for _, s := range []string{" a ", "\n(møde)\n", " , ", "a\u00a0\u00a0b", "a \u2003 ,\t b", "\u0085", "a.\n", "\u00ad a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := newIndexBuilder("da")
		b.addText(s)
		var out strings.Builder
		prevWord := false
		for _, v := range b.text {
			if v%2 == 1 {
				out.WriteString(b.seps[v/2])
				prevWord = false
				continue
			}
			if prevWord {
				out.WriteByte(' ')
			}
			out.WriteString(b.words[v/2])
			prevWord = true
		}
		if want := normalize(s); out.String() != want {
			t.Fatalf("addText(%+q) spells %+q, want %+q", s, out.String(), want)
		}
	})
}
