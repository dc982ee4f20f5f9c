package programme

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldWords folds a short text for comparison: NFC, lower case, å, æ and ø
// as aa, ae and oe, and every run of spacing and punctuation one space.
// "Kardiologi" and " kardiologi." are the same; so are "Region
// Midtjylland" and "region midtjylland".
func FoldWords(s string) string {
	s = foldLetters.Replace(strings.ToLower(norm.NFC.String(s)))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// seniorityWords are the positions a sign-up may give, folded (FoldWords),
// with their rank: the higher, the more senior. A number of years as a
// specialist ranks as a specialist (rank 4) and higher with the years.
var seniorityWords = []struct {
	words []string
	rank  int
}{
	{[]string{"medicinstuderende", "stud med", "student", "medical student"}, 0},
	{[]string{"kbu", "kbu laege", "basislaege", "foundation doctor", "foundation year", "turnuslaege"}, 1},
	{[]string{"introduktionslaege", "intro", "introlaege", "introduktionsstilling", "junior doctor", "reservelaege", "uklassificeret reservelaege"}, 2},
	{[]string{"hoveduddannelseslaege", "hu laege", "hu", "1 reservelaege", "foerste reservelaege", "registrar", "specialist registrar", "specialist trainee", "resident"}, 3},
	{[]string{"speciallaege", "afdelingslaege", "specialist", "consultant", "praktiserende laege", "alment praktiserende laege", "almen praksis", "gp", "general practitioner"}, 4},
	{[]string{"overlaege", "senior consultant", "chief physician", "klinisk lektor"}, 5},
	{[]string{"ledende overlaege", "cheflaege", "professor", "klinikchef", "head of department", "clinical director", "laegefaglig direktoer"}, 6},
}

// SeniorityRank reads a position ("overlæge", "HU-læge") or a number of
// years as a specialist ("12", "12 år", "12 years") into a rank: 0 a
// student, 1 KBU, 2 introduction post, 3 specialist training, 4 specialist
// (under 5 years), 5 senior (overlæge, or 5 to 14 years as a specialist),
// 6 head of department (or 15 years or more). ok is false for a text it
// cannot read.
func SeniorityRank(s string) (rank int, ok bool) {
	f := FoldWords(s)
	if f == "" {
		return 0, false
	}
	for _, w := range seniorityWords {
		for _, x := range w.words {
			if f == x {
				return w.rank, true
			}
		}
	}
	fields := strings.Fields(f)
	if n, err := strconv.Atoi(fields[0]); err == nil && n >= 0 && n <= 60 {
		unit := strings.Join(fields[1:], " ")
		switch unit {
		case "", "aar", "years", "year", "aar som speciallaege", "years as a specialist", "years as specialist":
			switch {
			case n >= 15:
				return 6, true
			case n >= 5:
				return 5, true
			}
			return 4, true
		}
	}
	return 0, false
}

// SeniorityNames are examples of the positions SeniorityRank reads, for
// messages.
const SeniorityNames = "KBU-læge, introduktionslæge, HU-læge, speciallæge, afdelingslæge, overlæge, ledende overlæge, professor, eller antal år som speciallæge (som 12 år)"
