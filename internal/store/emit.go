package store

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Schema is the version of the cohort file format that this package writes.
const Schema = 1

// SortCohort puts a cohort's records in the store's order: participants by
// email, pairs by mentee, meetings by mentee then date, evaluations by email.
func SortCohort(c *programme.Cohort) {
	slices.SortStableFunc(c.Participants, func(a, b programme.Participant) int { return strings.Compare(a.Email, b.Email) })
	slices.SortStableFunc(c.Pairs, func(a, b programme.Pair) int { return strings.Compare(a.Mentee, b.Mentee) })
	slices.SortStableFunc(c.Meetings, func(a, b programme.Meeting) int {
		if n := strings.Compare(a.Mentee, b.Mentee); n != 0 {
			return n
		}
		return a.Date.Time().Compare(b.Date.Time())
	})
	slices.SortStableFunc(c.Evaluations, func(a, b programme.Evaluation) int { return strings.Compare(a.Email, b.Email) })
	slices.SortStableFunc(c.Handled, func(a, b programme.Handled) int {
		if n := strings.Compare(a.Email, b.Email); n != 0 {
			return n
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
}

// EncodeCohort returns the YAML text of a cohort file. The output depends
// only on the cohort's records, not on their order: records are sorted (in
// place) by SortCohort, keys come in a fixed order, empty optional fields
// are left out, and strings are quoted only where YAML needs it.
func EncodeCohort(c *programme.Cohort) ([]byte, error) {
	if err := CheckID(c.ID); err != nil {
		return nil, err
	}
	SortCohort(c)
	var b bytes.Buffer
	b.Grow(256 + 120*len(c.Participants) + 90*len(c.Pairs) + 110*len(c.Meetings) + 160*len(c.Evaluations))
	b.WriteString("schema: 1\nid: ")
	str(&b, c.ID)
	if c.Name != "" {
		b.WriteString("\nname: ")
		str(&b, c.Name)
	}
	b.WriteString("\n\nparticipants:")
	if len(c.Participants) == 0 {
		b.WriteString(" []")
	}
	b.WriteByte('\n')
	for _, p := range c.Participants {
		b.WriteString("  - email: ")
		str(&b, p.Email)
		field(&b, "name", p.Name, true)
		field(&b, "role", string(p.Role), true)
		date(&b, "signed_up", p.SignedUp)
		field(&b, "specialty", p.Specialty, false)
		field(&b, "workplace", p.Workplace, false)
		field(&b, "region", p.Region, false)
		b.WriteByte('\n')
	}
	b.WriteString("\npairs:")
	if len(c.Pairs) == 0 {
		b.WriteString(" []")
	}
	b.WriteByte('\n')
	for _, p := range c.Pairs {
		b.WriteString("  - mentee: ")
		str(&b, p.Mentee)
		field(&b, "mentor", p.Mentor, true)
		date(&b, "matched", p.Matched)
		field(&b, "status", string(p.Status), false)
		date(&b, "ended", p.Ended)
		b.WriteByte('\n')
	}
	b.WriteString("\nmeetings:")
	if len(c.Meetings) == 0 {
		b.WriteString(" []")
	}
	b.WriteByte('\n')
	for _, m := range c.Meetings {
		b.WriteString("  - mentee: ")
		str(&b, m.Mentee)
		b.WriteString("\n    date: ")
		b.WriteString(m.Date.String())
		if m.Date.IsZero() {
			b.WriteString(`""`)
		}
		field(&b, "type", string(m.Type), false)
		if m.AgendaSent != nil {
			b.WriteString("\n    agenda_sent: ")
			b.WriteString(strconv.FormatBool(*m.AgendaSent))
		}
		b.WriteString("\n    held: ")
		b.WriteString(strconv.FormatBool(m.Held))
		if m.Minutes != 0 {
			b.WriteString("\n    minutes: ")
			b.WriteString(strconv.Itoa(m.Minutes))
		}
		field(&b, "form", m.Form, false)
		if m.ContactRequested {
			b.WriteString("\n    contact_requested: true")
		}
		b.WriteByte('\n')
	}
	b.WriteString("\nevaluations:")
	if len(c.Evaluations) == 0 {
		b.WriteString(" []")
	}
	b.WriteByte('\n')
	for _, e := range c.Evaluations {
		b.WriteString("  - email: ")
		str(&b, e.Email)
		field(&b, "role", string(e.Role), true)
		date(&b, "submitted", e.Submitted)
		if len(e.Answers) > 0 {
			b.WriteString("\n    answers:")
			keys := make([]string, 0, len(e.Answers))
			for k := range e.Answers {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				b.WriteString("\n      ")
				str(&b, k)
				b.WriteString(": ")
				b.WriteString(strconv.Itoa(e.Answers[k]))
			}
		}
		field(&b, "comment", e.Comment, false)
		b.WriteByte('\n')
	}
	// The follow-ups marked handled, only where there are any (the YAML
	// decoder reads such files; the canonical reader leaves them to it).
	if len(c.Handled) > 0 {
		b.WriteString("\nhandled:\n")
	}
	for _, h := range c.Handled {
		b.WriteString("  - kind: ")
		str(&b, string(h.Kind))
		field(&b, "email", h.Email, true)
		date(&b, "date", h.Date)
		field(&b, "initials", h.Initials, true)
		field(&b, "action", h.Action, true)
		date(&b, "look_again", h.LookAgain)
		date(&b, "since", h.Since)
		field(&b, "whom", string(h.Whom), false)
		if h.Count != 0 {
			b.WriteString("\n    count: ")
			b.WriteString(strconv.Itoa(h.Count))
		}
		date(&b, "ref", h.Ref)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// field writes "\n    key: value", skipping an empty value unless always.
// Records end their first line without a newline; the next field or the
// record's end adds it.
func field(b *bytes.Buffer, key, v string, always bool) {
	if v == "" && !always {
		return
	}
	b.WriteString("\n    ")
	b.WriteString(key)
	b.WriteString(": ")
	str(b, v)
}

func date(b *bytes.Buffer, key string, d programme.Date) {
	if d.IsZero() {
		return
	}
	b.WriteString("\n    ")
	b.WriteString(key)
	b.WriteString(": ")
	b.WriteString(d.String())
}

// str writes s as a YAML scalar: plain where that reads back as the same
// string under YAML 1.1 and 1.2, else double-quoted.
func str(b *bytes.Buffer, s string) {
	if plainSafe(s) {
		b.WriteString(s)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\uFFFD`) // not UTF-8: cannot be kept
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 || r == 0xfeff || (r >= 0xd800 && r <= 0xdfff) || r == 0xfffe || r == 0xffff:
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

// slugWithWord matches ids such as 2026-foraar: lower-case, digits and
// dashes, with a dash followed by a word, which YAML never reads as a number
// or a date.
var slugWithWord = regexp.MustCompile(`^[0-9a-z-]*-[a-z]{2}[0-9a-z-]*$`)

var yamlWords = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true, "~": true,
}

// plainSafe reports whether s can be written as a plain scalar: it starts
// with a letter, holds only letters, digits, spaces and . @ _ - ' + / and
// characters of Danish text, does not end with a space and is no YAML word.
func plainSafe(s string) bool {
	if s == "" || len(s) > 200 || yamlWords[strings.ToLower(s)] {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		return slugWithWord.MatchString(s)
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i == 0:
			if r < 0xc0 || !isTextLetter(r) {
				return false
			}
		case r >= '0' && r <= '9', r == '.', r == '@', r == '_', r == '-', r == '+', r == '/':
		case r == ' ':
			if i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case r >= 0xc0 && isTextLetter(r):
		default:
			return false
		}
	}
	return true
}

func isTextLetter(r rune) bool {
	return (r >= 0xc0 && r <= 0x24f && r != 0xd7 && r != 0xf7)
}
