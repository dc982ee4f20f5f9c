package markdown

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var danishLetters = strings.NewReplacer(
	"æ", "ae", "ø", "oe", "å", "aa", "ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"Æ", "ae", "Ø", "oe", "Å", "aa", "Ä", "ae", "Ö", "oe", "Ü", "ue",
)

// Slug makes a heading id or URL segment that reads well in Danish: lower
// case, æ→ae, ø→oe, å→aa, other accents dropped (é→e), and every run of other
// characters turned into one "-", trimmed at both ends.
// "Hvad sker der på afklaringsmødet?" gives "hvad-sker-der-paa-afklaringsmoedet".
func Slug(s string) string {
	s = danishLetters.Replace(norm.NFC.String(s))
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
