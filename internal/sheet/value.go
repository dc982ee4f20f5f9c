package sheet

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// DateOrder says how a date written with the day and month as numbers is
// read when the year is last: day first (14-03-2026, Danish) or month first
// (3/14/2026, American).
type DateOrder int

// The date orders.
const (
	DayFirst DateOrder = iota
	MonthFirst
)

// ParseDateOrder reads "dmy" or "mdy".
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(s) {
	case "dmy", "":
		return DayFirst, nil
	case "mdy":
		return MonthFirst, nil
	}
	return DayFirst, errors.New(`date order must be "dmy" or "mdy"`)
}

// ErrNotDate is returned for text that is not a date.
var ErrNotDate = errors.New("not a date")

var (
	numericDate = regexp.MustCompile(`^(\d{1,4})\s*([-./])\s*(\d{1,2})\s*([-./])\s*(\d{1,4})\.?(.*)$`)
	namedDate   = regexp.MustCompile(`^(\d{1,2})\.?\s*([a-zæøå]+)\.?\s*(\d{2,4})(.*)$`)
	timePart    = regexp.MustCompile(`^(?:[ t,]+|kl\.?\s*|\s+kl\.?\s*)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(z|(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?|gmt|utc)?$`)
)

var months = map[string]time.Month{
	"jan": 1, "januar": 1, "january": 1,
	"feb": 2, "februar": 2, "february": 2,
	"mar": 3, "mrt": 3, "marts": 3, "march": 3,
	"apr": 4, "april": 4,
	"maj": 5, "may": 5,
	"jun": 6, "juni": 6, "june": 6,
	"jul": 7, "juli": 7, "july": 7,
	"aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9,
	"okt": 10, "oct": 10, "oktober": 10, "october": 10,
	"nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// ParseDate reads a date, with or without a time of day, as people and
// programs write them: ISO 2026-03-14 (also with T10:15:02 and a zone),
// Danish 14-03-2026, 14.03.2026, 14/3/2026 and two-digit years (14-03-26),
// "14. marts 2026", and the Forms services' timestamps (2026/03/14 10:15:02
// AM GMT+1, 3/14/2026 10:15:02). A year written first is always
// year-month-day; otherwise order decides between day and month for dates
// written with slashes (3/14/2026), while dashes and dots are always day
// first (14-03-2026, 14.03.2026). A zone is
// read and ignored: the time is kept as written. The result is in UTC.
func ParseDate(s string, order DateOrder) (time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 64 {
		return time.Time{}, ErrNotDate
	}
	var y, m, d int
	var rest string
	if g := numericDate.FindStringSubmatch(s); g != nil {
		if g[2] != g[4] && !(g[2] == "/" || g[4] == "/") && !(g[2] == "." && g[4] == "-") {
			return time.Time{}, ErrNotDate
		}
		a, _ := strconv.Atoi(g[1])
		b, _ := strconv.Atoi(g[3])
		c, _ := strconv.Atoi(g[5])
		rest = g[6]
		switch {
		case len(g[1]) >= 3:
			if len(g[1]) != 4 || len(g[5]) > 2 {
				return time.Time{}, ErrNotDate
			}
			y, m, d = a, b, c
		case len(g[5]) == 4 || len(g[5]) == 2:
			y = c
			// Month first only with slashes, as US exports write dates:
			// 14-03-2026 and 14.03.2026 are Danish whatever the order.
			if order == MonthFirst && g[2] == "/" && g[4] == "/" {
				m, d = a, b
			} else {
				d, m = a, b
			}
		default:
			return time.Time{}, ErrNotDate
		}
		if len(g[5]) == 2 && len(g[1]) < 3 {
			y = twoDigitYear(y)
		}
	} else if g := namedDate.FindStringSubmatch(s); g != nil {
		mon, ok := months[g[2]]
		if !ok {
			return time.Time{}, ErrNotDate
		}
		d, _ = strconv.Atoi(g[1])
		m = int(mon)
		y, _ = strconv.Atoi(g[3])
		if len(g[3]) == 2 {
			y = twoDigitYear(y)
		} else if len(g[3]) != 4 {
			return time.Time{}, ErrNotDate
		}
		rest = g[4]
	} else {
		return time.Time{}, ErrNotDate
	}
	var hh, mm, ss, ns int
	if rest = strings.TrimRight(rest, " "); rest != "" {
		g := timePart.FindStringSubmatch(rest)
		if g == nil {
			return time.Time{}, ErrNotDate
		}
		hh, _ = strconv.Atoi(g[1])
		mm, _ = strconv.Atoi(g[2])
		ss, _ = strconv.Atoi(g[3])
		if g[4] != "" {
			frac := (g[4] + "000000000")[:9]
			ns, _ = strconv.Atoi(frac)
		}
		switch strings.ReplaceAll(g[5], ".", "") {
		case "am":
			if hh < 1 || hh > 12 {
				return time.Time{}, ErrNotDate
			}
			if hh == 12 {
				hh = 0
			}
		case "pm":
			if hh < 1 || hh > 12 {
				return time.Time{}, ErrNotDate
			}
			if hh != 12 {
				hh += 12
			}
		}
		if hh > 23 || mm > 59 || ss > 60 {
			return time.Time{}, ErrNotDate
		}
		if ss == 60 {
			ss = 59
		}
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, ErrNotDate
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, ns, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, ErrNotDate // 31-02 and the like
	}
	return t, nil
}

func twoDigitYear(y int) int {
	if y < 70 {
		return 2000 + y
	}
	return 1900 + y
}

// SerialDate converts a spreadsheet serial date number (days since the
// epoch, a fraction being the time of day) into a time. In the 1900 system
// serial 1 is 1 January 1900 and, as in Lotus 1-2-3 and Excel, serial 60 is
// the nonexistent 29 February 1900; in the 1904 system serial 0 is 1 January
// 1904. Serials outside 1 to 2958465 (31 December 9999) are rejected.
func SerialDate(serial float64, date1904 bool) (time.Time, error) {
	if math.IsNaN(serial) || math.IsInf(serial, 0) || serial < 0 || serial >= 2958466 {
		return time.Time{}, ErrNotDate
	}
	days := math.Floor(serial)
	var epoch time.Time
	switch {
	case date1904:
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == 60:
		return time.Time{}, ErrNotDate // 29-02-1900 does not exist
	case days < 1:
		return time.Time{}, ErrNotDate
	case days < 60:
		epoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	// Round the time of day to the second: serials carry float noise.
	secs := math.Round((serial - days) * 86400)
	return epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), nil
}

// ParseSerial reads s as a serial date number when it is a plain decimal
// number ("46095", "46095.4270833"), the way a date cell's raw value reads.
func ParseSerial(s string, date1904 bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0123456789.") != "" || strings.Count(s, ".") > 1 {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, false
	}
	t, err := SerialDate(f, date1904)
	return t, err == nil
}

// ParseBool reads a yes/no answer: ja/nej, yes/no, j/n, y/n, x, 1/0,
// sand/falsk, true/false, ✓. Blank is not an answer (ok false); so is
// anything else.
func ParseBool(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".!"))) {
	case "ja", "yes", "j", "y", "x", "1", "sand", "true", "✓", "✔", "☑", "jo", "sandt":
		return true, true
	case "nej", "no", "n", "0", "falsk", "false", "✗", "☐", "ikke":
		return false, true
	}
	return false, false
}

var parens = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
var numbering = regexp.MustCompile(`^\s*\d{1,2}\s*[.)]\s+`)

// FoldHeader folds a header for matching: text in parentheses or brackets
// dropped, a leading question number ("3. ") dropped, case folded, accents
// removed, æ ø å written ae oe aa, and everything but letters and digits
// dropped. "Anbefaling (0-10)" and "anbefaling" fold alike, as do "E-mail"
// and "email", "Mødedato" and "Moedato".
func FoldHeader(s string) string {
	for strings.ContainsAny(s, "([") {
		t := parens.ReplaceAllString(s, " ")
		if t == s {
			break
		}
		s = t
	}
	if t := strings.TrimLeft(s, " "); t != "" && t[0] >= '0' && t[0] <= '9' {
		s = numbering.ReplaceAllString(s, "")
	}
	return Fold(s)
}

// Fold lower-cases s, writes æ ø å as ae oe aa, strips accents and drops
// everything but letters and digits.
func Fold(s string) string {
	if folded(s) {
		return s // "video", "ja", "60": nothing to do, nothing to allocate
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	// Text of ASCII and æ ø å (most of what a Danish sheet holds) directly;
	// anything else through foldRunes.
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteByte(byte(r))
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
		case r < 0x80:
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ø' || r == 'Ø':
			b.WriteString("oe")
		case r == 'å' || r == 'Å':
			b.WriteString("aa")
		default:
			return foldRunes(s)
		}
	}
	return b.String()
}

// folded reports whether s is its own fold: lower-case ASCII letters and
// digits only.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// foldRunes is Fold for any text: decomposed (NFKD), so that accents are
// dropped and å is a and a ring.
func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		r = unicode.ToLower(r)
		switch {
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø':
			b.WriteString("oe")
		case r == 'å':
			b.WriteString("aa")
		case r == 'ß':
			b.WriteString("ss")
		case unicode.Is(unicode.Mn, r):
			// a combining accent; for å NFKD gives a + ring
			if r == '\u030a' {
				b.WriteString("a")
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
