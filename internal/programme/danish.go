package programme

import "strconv"

// The Danish words the flags' labels and reasons are written with. They live
// here, beside the flags (flags.go), so that a flag's label and reason are
// declared with it; the status pages use the same helpers. Dates are not
// written here: the month names are the theme's (templates/i18n), and a
// reason gets them as data (FlagContext.DateText).

// Plural writes n with the singular or the plural form: "1 møde", "2 møder".
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// WeeksText is "1 uge", "4 uger".
func WeeksText(n int) string { return Plural(n, "uge", "uger") }

// MonthsText is "1 måned", "12 måneder".
func MonthsText(n int) string { return Plural(n, "måned", "måneder") }

// MeetingsText is "1 møde", "4 møder".
func MeetingsText(n int) string { return Plural(n, "møde", "møder") }
