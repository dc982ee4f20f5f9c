package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldGroups maps the letters of Latin-1 Supplement, Latin Extended-A and
// Latin Extended-B (upper and lower case) to the lower-case letters that
// words are stemmed in: a-z plus the Danish æ, ø and å. German and Swedish
// ä and ö count as æ and ø, as in Danish alphabetical order. search.js holds
// the same table (its FOLD object); TestScriptFoldTable keeps the two equal.
var foldGroups = [...]struct{ to, from string }{
	{"a", "ÀÁÂÃàáâãĀāĂăĄąǍǎǞǟǠǡȀȁȂȃȦȧ"},
	{"c", "ÇçĆćĈĉĊċČč"},
	{"d", "ÐðĎďĐđ"},
	{"e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩ"},
	{"g", "ĜĝĞğĠġĢģǦǧǴǵ"},
	{"h", "ĤĥĦħȞȟ"},
	{"i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįıǏǐȈȉȊȋ"},
	{"ij", "Ĳĳ"},
	{"j", "Ĵĵǰ"},
	{"k", "ĶķĸǨǩ"},
	{"l", "ĹĺĻļĽľĿŀŁł"},
	{"n", "ÑñŃńŅņŇňŊŋǸǹ"},
	{"o", "ÒÓÔÕòóôõŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱ"},
	{"oe", "Œœ"},
	{"r", "ŔŕŖŗŘřȐȑȒȓ"},
	{"s", "ŚśŜŝŞşŠšȘș"},
	{"ss", "ß"},
	{"t", "ŢţŤťŦŧȚț"},
	{"th", "Þþ"},
	{"u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗ"},
	{"w", "Ŵŵ"},
	{"y", "ÝýÿŶŷŸȲȳ"},
	{"z", "ŹźŻżŽž"},
	{"å", "ÅåǺǻ"},
	{"æ", "ÄÆäæǢǣǼǽ"},
	{"ø", "ÖØöøǾǿ"},
}

// foldMap is foldGroups by letter.
var foldMap = func() map[rune]string {
	m := make(map[rune]string)
	for _, g := range foldGroups {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

// asciiFold holds the word letter of each ASCII character ("" for the rest).
var asciiFold = func() (t [utf8.RuneSelf]string) {
	for r := '0'; r <= '9'; r++ {
		t[r] = string(r)
	}
	for r := 'a'; r <= 'z'; r++ {
		t[r] = string(r)
		t[r-'a'+'A'] = string(r)
	}
	return t
}()

// foldRune returns the lower-case word letters (a-z, 0-9, æ, ø, å) that r
// stands for; "" when r is not part of a word. ignorable reports runes that
// neither belong to nor end a word: combining marks, the soft hyphen and
// zero-width characters.
func foldRune(r rune) (letters string, ignorable bool) {
	if r < utf8.RuneSelf {
		return asciiFold[r], false
	}
	switch {
	case r == 0xAD, r >= 0x300 && r <= 0x36F, r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF:
		return "", true
	}
	return foldMap[r], false
}

// tokenize calls fn for every word of s (which should be NFC): start and end
// are byte offsets of the word in s, key is the word in lower case with
// only a-z, 0-9, æ, ø and å. A word is a run of letters and digits of the
// Latin script; ignorable runes inside it are skipped and other runes end it.
func tokenize(s string, fn func(start, end int, key string)) {
	// The key is s[start:i] itself while every rune so far is its own
	// fold (lower-case a-z, 0-9, æ, ø, å, and nothing skipped), which is
	// most words: then no copy is made. buf holds the key otherwise.
	var buf []byte
	start, plain := -1, false
	for i, r := range s {
		letters, ignorable := foldRune(r)
		switch {
		case letters != "":
			if start < 0 {
				start, plain = i, true
			}
			if plain {
				if len(letters) == utf8.RuneLen(r) && s[i:i+len(letters)] == letters {
					continue
				}
				buf, plain = append(buf[:0], s[start:i]...), false
			}
			buf = append(buf, letters...)
		case ignorable:
			if start >= 0 && plain {
				buf, plain = append(buf[:0], s[start:i]...), false
			}
		default:
			if start >= 0 {
				fn(start, i, wordKey(s, start, i, plain, buf))
				start = -1
			}
		}
	}
	if start >= 0 {
		// Trailing ignorable runes belong to the word.
		fn(start, len(s), wordKey(s, start, len(s), plain, buf))
	}
}

// wordKey is the key tokenize passes for the word s[start:end].
func wordKey(s string, start, end int, plain bool, buf []byte) string {
	if plain {
		return s[start:end]
	}
	return string(buf)
}

// toASCII folds the Danish letters of a key to ASCII: æ→ae, ø→oe, å→aa.
func toASCII(key string) string {
	if isASCII(key) {
		return key
	}
	var b strings.Builder
	for _, r := range key {
		switch r {
		case 'æ':
			b.WriteString("ae")
		case 'ø':
			b.WriteString("oe")
		case 'å':
			b.WriteString("aa")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fromASCII is the way back for a query typed without Danish letters:
// aa→å, ae→æ, oe→ø, left to right.
func fromASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i+1 < len(s) {
			switch s[i : i+2] {
			case "aa":
				b.WriteString("å")
				i++
				continue
			case "ae":
				b.WriteString("æ")
				i++
				continue
			case "oe":
				b.WriteString("ø")
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normalize returns text in NFC with each run of white space made a single
// space and none at either end (strings.Join(strings.Fields(t), " ") in one
// pass).
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
