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

// foldTable is foldGroups by letter, indexed by rune (every letter of the
// groups is below U+0250, the end of Latin Extended-B).
var foldTable = func() (t [0x250]string) {
	for _, g := range foldGroups {
		for _, r := range g.from {
			t[r] = g.to
		}
	}
	return t
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
	if int(r) < len(foldTable) {
		return foldTable[r], false
	}
	return "", false
}

// tokenize calls fn for every word of s (which should be NFC): start and end
// are byte offsets of the word in s, key is the word in lower case with
// only a-z, 0-9, æ, ø and å. A word is a run of letters and digits of the
// Latin script; ignorable runes inside it are skipped and other runes end it.
func tokenize(s string, fn func(start, end int, key string)) {
	scanWords(s, nil, func(start, end int, folded []byte) {
		fn(start, end, wordKey(s, start, end, folded))
	})
}

// Kinds of bytes for scanWords.
const (
	asciiOther = iota // ends a word
	asciiOwn          // a-z, 0-9: its own key letter
	asciiUpper        // A-Z: its key letter is the lower case
	notASCII          // a byte of another rune, which is read as a rune
)

// asciiKind is the kind of each byte.
var asciiKind = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = asciiOwn
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = asciiOwn
		t[c-'a'+'A'] = asciiUpper
	}
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = notASCII
	}
	return t
}()

// scanWords is tokenize without making the key a string: fn gets the
// word's key as folded, or folded == nil when the key is s[start:end]
// itself (every rune of the word is its own key letter and none was
// skipped: most words). folded is valid only during the call. buf is a
// buffer to use (its bytes are overwritten), returned, grown, for the next
// call.
//
// ASCII is read a byte at a time; other runes go through foldRune. The
// tests hold it to refTokenize, the tokenizer as first written.
func scanWords(s string, buf []byte, fn func(start, end int, folded []byte)) []byte {
	for start := wordStart(s, 0); start < len(s); start = wordStart(s, start) {
		var end int
		var folded []byte
		end, folded, buf = wordAt(s, start, buf)
		fn(start, end, folded)
		start = end
	}
	return buf
}

// wordStart returns where the first word of s at or after i starts (its
// first letter or digit), len(s) when there is none.
func wordStart(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiKind[c] != asciiOther {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if letters, _ := foldRune(r); letters != "" {
			return i
		}
		i += size // an ignorable rune outside a word is no part of one
	}
	return len(s)
}

// wordAt reads the word that starts at s[start] (a letter or digit, as
// wordStart finds): it returns the word's end (the rune that ends it, or
// len(s): ignorable runes at its end belong to it) and its key as
// scanWords passes it, in buf (which it returns, grown, for the next call)
// or nil when the key is s[start:end].
func wordAt(s string, start int, buf []byte) (end int, folded, bufOut []byte) {
	buf = buf[:0]
	plain := true
	i := start
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			switch asciiKind[c] {
			case asciiOwn:
				if plain {
					// The rest of the word's a-z and 0-9 at once.
					for i++; i < len(s) && asciiKind[s[i]] == asciiOwn; i++ {
					}
					continue
				}
				buf = append(buf, c)
			case asciiUpper:
				if plain {
					buf, plain = append(buf, s[start:i]...), false
				}
				buf = append(buf, c+'a'-'A')
			default:
				return i, wordFolded(plain, buf), buf
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		letters, ignorable := foldRune(r)
		switch {
		case letters != "":
			if plain {
				if s[i:i+size] == letters {
					break
				}
				buf, plain = append(buf, s[start:i]...), false
			}
			buf = append(buf, letters...)
		case ignorable:
			if plain {
				buf, plain = append(buf, s[start:i]...), false
			}
		default:
			return i, wordFolded(plain, buf), buf
		}
		i += size
	}
	return len(s), wordFolded(plain, buf), buf
}

// danishAt reports whether s[i:] starts with æ, ø or å (in UTF-8, 0xC3
// then 0xA6, 0xB8 or 0xA5): letters that are their own key letter.
func danishAt(s string, i int) bool {
	return s[i] == 0xC3 && i+1 < len(s) && (s[i+1] == 0xA6 || s[i+1] == 0xB8 || s[i+1] == 0xA5)
}

// wordFolded is what scanWords passes as folded: nil for a plain word, buf
// (not nil) otherwise.
func wordFolded(plain bool, buf []byte) []byte {
	if plain {
		return nil
	}
	if buf == nil {
		return []byte{}
	}
	return buf
}

// wordKey is the key of the word s[start:end] that scanWords passes as
// folded.
func wordKey(s string, start, end int, folded []byte) string {
	if folded == nil {
		return s[start:end]
	}
	return string(folded)
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

// nfc returns s in NFC, as norm.NFC.String does, without looking at it
// rune by rune when every byte is below 0xCC: then every rune is below
// U+0300 (ASCII, Latin-1, Latin Extended-A and -B, IPA and spacing
// modifiers: all NFC on their own and none combining with what comes
// before) or an invalid byte, which NFC keeps. Handbook text is that.
// TestNFCFastPath checks the claim for every such rune and pair of runes.
func nfc(s string) string {
	if !belowCC(s) {
		return norm.NFC.String(s)
	}
	return s
}

// belowCC reports whether every byte of s is below 0xCC, 8 bytes at a
// time: a byte is 0xCC or more when its top bit is set and its low 7 bits
// plus 0x34 reach 0x80 (which carries into no other byte).
func belowCC(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		if ((x&0x7F7F7F7F7F7F7F7F)+0x3434343434343434)&x&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0xCC {
			return false
		}
	}
	return true
}

// asciiSpace reports the ASCII bytes that unicode.IsSpace counts as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceAt reports whether a white-space rune (unicode.IsSpace) starts at
// s[i], and its length in bytes; a byte that is not space counts as one
// byte. The white space beyond ASCII (U+0085, U+00A0, U+1680, U+2000-U+200A,
// U+2028, U+2029, U+202F, U+205F, U+3000) starts with 0xC2, 0xE1, 0xE2 or
// 0xE3, and no rune has a byte below 0xC0 as its first that is not ASCII,
// so the bytes between runes need no decoding.
func spaceAt(s string, i int) (space bool, size int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	if c != 0xC2 && (c < 0xE1 || c > 0xE3) {
		return false, 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return true, size
	}
	return false, 1
}
