package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// emailMessage says why v is not an e-mail address and how to write it;
// fix ends the message when the address is merely malformed.
func emailMessage(v, fix string) string {
	s, _ := programme.StripInvisible(v)
	if strings.IndexFunc(strings.TrimSpace(s), unicode.IsSpace) >= 0 && strings.Count(s, "@") == 1 {
		return fmt.Sprintf("%q har et mellemrum inde i e-mailadressen (måske et hårdt mellemrum, der ikke kan ses). Skriv adressen uden mellemrum, som navn@eksempel.dk.", shorten(v))
	}
	return fmt.Sprintf("%q er ikke en gyldig e-mailadresse. %s", shorten(v), fix)
}

// MaxIDLen is the longest cohort id, so that a cohort's file name stays
// short enough for every file system and readable in a listing.
const MaxIDLen = 80

// Slug turns a cohort name into the id used for its file: "Forår 2026" ->
// "foraar-2026", "2026-foraar" stays. A name whose id would be longer than
// MaxIDLen gets its first characters and a hash of the whole, so that two
// long names that begin alike never become one cohort:
// "<first 71>-<8 hex digits>".
func Slug(s string) string {
	out := fullSlug(s)
	if len(out) <= MaxIDLen {
		return out
	}
	sum := sha256.Sum256([]byte(out))
	return strings.TrimRight(cut(out, MaxIDLen-9), "-") + "-" + hex.EncodeToString(sum[:4])
}

// legacySlug is the id an earlier version gave a long name: its first
// MaxIDLen bytes, shared by every name that begins alike.
func legacySlug(s string) string {
	out := fullSlug(s)
	if len(out) <= MaxIDLen {
		return out
	}
	return strings.TrimRight(cut(out, MaxIDLen), "-")
}

// cut returns the longest prefix of s of at most n bytes that ends on a
// whole character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// fullSlug is the cohort id of a name before it is shortened.
func fullSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if programme.IsInvisible(r) {
			continue // not in the name shown (oneLine): no dash either
		}
		f := sheet.Fold(string(r))
		if f == "" {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(f)
	}
	return b.String()
}

func parseRole(s string) (programme.Role, bool) {
	switch f := sheet.FoldHeader(s); {
	case f == "mentor" || f == "mentorer":
		return programme.Mentor, true
	case f == "mentee" || f == "mentees" || f == "protege":
		return programme.Mentee, true
	}
	return "", false
}

func parseStatus(s string) (programme.Status, bool) {
	switch sheet.FoldHeader(s) {
	case "aktiv", "active", "igang", "igangvaerende", "aabent", "open":
		return programme.StatusActive, true
	case "afbrudt", "stopped", "stoppet", "ophoert", "afbrudtforloeb", "annulleret", "cancelled", "canceled":
		return programme.StatusStopped, true
	case "afsluttet", "completed", "faerdig", "gennemfoert", "slut", "ended", "afsluttetforloeb":
		return programme.StatusCompleted, true
	}
	return "", false
}

func parseMeetingType(s string) (programme.MeetingType, bool) {
	switch sheet.FoldHeader(s) {
	case "afklaringsmoede", "afklaringsmoedet", "afklaring", "clarification", "clarificationmeeting", "foerstemoede", "opstartsmoede":
		return programme.MeetingClarification, true
	case "moede", "meeting", "almindeligtmoede", "opfoelgningsmoede", "ordinary", "followup", "mentormoede", "samtale":
		return programme.MeetingOrdinary, true
	}
	return "", false
}

func parseForm(s string) (string, bool) {
	switch sheet.FoldHeader(s) {
	case "fysisk", "fysiskmoede", "fremmoede", "physical", "inperson", "ansigttilansigt", "tilstede", "moedtes":
		return "fysisk", true
	case "video", "videomoede", "teams", "zoom", "skype", "online", "virtuel", "virtuelt", "onlinemoede":
		return "video", true
	case "telefon", "telefonmoede", "phone", "tlf", "telefonisk":
		return "telefon", true
	}
	return "", false
}

// parseMeetingForm reads a sign-up's meeting form: fysisk, online or begge.
func parseMeetingForm(s string) (programme.MeetingForm, bool) {
	switch sheet.FoldHeader(s) {
	case "fysisk", "fysiskmoede", "fysiskfremmoede", "fremmoede", "physical", "inperson", "ansigttilansigt", "facetoface":
		return programme.FormPhysical, true
	case "online", "video", "videomoede", "onlinemoede", "virtuel", "virtuelt", "teams", "remote":
		return programme.FormOnline, true
	case "begge", "beggedele", "both", "fysiskogonline", "onlineogfysisk", "fysiskellervideo", "fysiskelleronline", "ligegyldigt", "either", "any", "hybrid":
		return programme.FormBoth, true
	}
	return "", false
}

// parseThemes reads a cell of themes, separated by commas, semicolons or
// line breaks, into theme ids in matching.themes' order; bad is the first
// item that is no theme. A theme is known by its id, its labels or its
// headers, folded.
func parseThemes(m *programme.Matching, s string) (ids []string, bad string) {
	want := map[string]bool{}
	for _, item := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == '\n' || c == '\r' }) {
		f := sheet.FoldHeader(item)
		if f == "" {
			continue
		}
		found := false
		for _, t := range m.Themes {
			names := append([]string{t.ID, t.Label["da"], t.Label["en"]}, t.Headers...)
			for _, n := range names {
				if n != "" && sheet.FoldHeader(n) == f {
					want[t.ID], found = true, true
				}
			}
		}
		if !found && bad == "" {
			bad = strings.TrimSpace(item)
		}
	}
	for _, t := range m.Themes {
		if want[t.ID] {
			ids = append(ids, t.ID)
		}
	}
	return ids, bad
}

// maxCapacity is the most mentees a mentor may take at once.
const maxCapacity = 10

// parseCapacity reads how many mentees a mentor takes at once: "2", "2
// mentees".
func parseCapacity(s string) (int, bool) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 || n > maxCapacity {
		return 0, false
	}
	if len(f) == 2 && !slices.Contains([]string{"mentee", "mentees", "ad", "stk", "personer"}, strings.ToLower(f[1])) {
		return 0, false
	}
	return n, true
}

func parseHeld(s string) (bool, bool) {
	if v, ok := sheet.ParseBool(s); ok {
		return v, true
	}
	switch sheet.FoldHeader(s) {
	case "afholdt", "held", "gennemfoert":
		return true, true
	case "aflyst", "cancelled", "canceled", "ikkeafholdt", "udsat", "aflystudsat":
		return false, true
	}
	return false, false
}

var leadingInt = regexp.MustCompile(`^\s*(-?\d{1,3})(?:[.,]0+)?(?:\s*$|\s*[-–:(]|\s+\D)`)

// parseScale reads an answer to a scale question: "4", "4,0", "5 - Meget
// tilfreds", "5 (meget tilfreds)".
func parseScale(s string) (int, bool) {
	g := leadingInt.FindStringSubmatch(s)
	if g == nil {
		return 0, false
	}
	n, err := strconv.Atoi(g[1])
	return n, err == nil
}

// parseMinutes reads a duration in minutes (see sheet.ParseDuration); from
// an .xlsx a number below 1 is a time-of-day cell (a fraction of a day).
func parseMinutes(s string, xlsx bool) (int, bool) {
	s = strings.TrimSpace(s)
	if xlsx {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 1 {
			return int(math.Round(f * 1440)), true
		}
	}
	return sheet.ParseDuration(s)
}

// clean trims a text cell, makes it valid UTF-8 and normalises it to NFC,
// so that "Århus" typed on a Mac (A and a combining ring, NFD) is the same
// text as "Århus" typed on Windows.
func clean(s string) string {
	if isASCII(s) {
		return strings.TrimSpace(s) // valid UTF-8 and NFC as it is
	}
	return strings.TrimSpace(norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")))
}

// isASCII reports whether s is all ASCII, which is valid UTF-8, NFC and
// free of invisible characters as it is: the common case of a cell, which
// then skips those checks' work.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// shorten cuts a value for a message.
func shorten(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
