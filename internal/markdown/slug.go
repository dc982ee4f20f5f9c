package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letters spells out the letters that do not decompose into a base letter
// and accents, the Danish way: æ→ae, ø→oe, å→aa (å does decompose, but a
// Dane writes it aa). ä and ö are the Swedish and German æ and ø.
var letters = map[rune]string{
	'æ': "ae", 'ø': "oe", 'å': "aa", 'ä': "ae", 'ö': "oe",
	'ß': "ss", 'œ': "oe", 'ð': "d", 'đ': "d", 'þ': "th", 'ł': "l", 'ı': "i",
}

// Slug makes a heading id or URL segment that reads well in Danish: lower
// case, æ→ae, ø→oe, å→aa, other accents dropped (é→e, ü→u), and every run of
// other characters turned into one "-", trimmed at both ends.
// "Hvad sker der på afklaringsmødet?" gives "hvad-sker-der-paa-afklaringsmoedet".
// The result holds only a-z, 0-9 and single inner dashes; it may be empty.
func Slug(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s) // a+ring from a Mac's file names is å
	}
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	emit := func(r rune) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			return
		}
		if !unicode.Is(unicode.Mn, r) {
			dash = true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // fast path for ASCII
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			emit(rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = unicode.ToLower(r)
		if l, ok := letters[r]; ok {
			for _, c := range l {
				emit(c)
			}
			continue
		}
		// Compatibility decomposition drops accents (é → e + ´) and
		// spells out ligatures and the like (ﬁ → fi, ² → 2).
		for _, d := range norm.NFKD.String(string(r)) {
			d = unicode.ToLower(d)
			if l, ok := letters[d]; ok {
				for _, c := range l {
					emit(c)
				}
				continue
			}
			emit(d)
		}
	}
	return b.String()
}
