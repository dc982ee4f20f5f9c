package store

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// errNotCanonical makes decodeCohort fall back to the YAML decoder.
var errNotCanonical = errors.New("not in the canonical form")

// decodeCanonical reads a cohort file written by EncodeCohort, much faster
// than a general YAML decoder. Anything it does not recognise exactly (a
// file edited by hand, say) gives errNotCanonical, and the caller decodes
// the file as YAML instead; on the files it accepts, both give the same.
func decodeCanonical(src []byte) (programme.Cohort, error) {
	var c programme.Cohort
	lines := bytes.Split(src, []byte("\n"))
	if len(lines) < 3 || string(lines[0]) != "schema: 1" || len(lines[len(lines)-1]) != 0 {
		return c, errNotCanonical
	}
	lines = lines[1 : len(lines)-1]
	id, ok := strings.CutPrefix(string(lines[0]), "id: ")
	if !ok {
		return c, errNotCanonical
	}
	if c.ID, ok = scalar(id); !ok {
		return c, errNotCanonical
	}
	sections := []string{"participants", "pairs", "meetings", "evaluations"}
	i := 1
	for _, sec := range sections {
		if i >= len(lines) || len(lines[i]) != 0 {
			return c, errNotCanonical
		}
		i++
		if i >= len(lines) {
			return c, errNotCanonical
		}
		head := string(lines[i])
		i++
		switch head {
		case sec + ": []":
			switch sec {
			case "participants":
				c.Participants = []programme.Participant{}
			case "pairs":
				c.Pairs = []programme.Pair{}
			case "meetings":
				c.Meetings = []programme.Meeting{}
			case "evaluations":
				c.Evaluations = []programme.Evaluation{}
			}
			continue
		case sec + ":":
		default:
			return c, errNotCanonical
		}
		// Records: "  - k: v" then "    k: v" lines (and answers' "      k: n").
		for i < len(lines) && bytes.HasPrefix(lines[i], []byte("  - ")) {
			rec := map[string]string{}
			var answers map[string]int
			first := true
			for i < len(lines) {
				line := string(lines[i])
				var kv string
				switch {
				case first && strings.HasPrefix(line, "  - "):
					kv = line[4:]
				case !first && strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "     "):
					kv = line[4:]
				default:
					goto done
				}
				first = false
				i++
				k, v, ok := strings.Cut(kv, ": ")
				if !ok {
					if kv != "answers:" || sec != "evaluations" || answers != nil {
						return c, errNotCanonical
					}
					answers = map[string]int{}
					for i < len(lines) && bytes.HasPrefix(lines[i], []byte("      ")) {
						ak, av, ok := strings.Cut(string(lines[i][6:]), ": ")
						if !ok {
							return c, errNotCanonical
						}
						ak, ok1 := scalar(ak)
						n, err := strconv.Atoi(av)
						if _, dup := answers[ak]; !ok1 || err != nil || dup || strconv.Itoa(n) != av {
							return c, errNotCanonical
						}
						answers[ak] = n
						i++
					}
					if len(answers) == 0 {
						return c, errNotCanonical
					}
					continue
				}
				if _, dup := rec[k]; dup {
					return c, errNotCanonical
				}
				rec[k] = v
			}
		done:
			if err := addRecord(&c, sec, rec, answers); err != nil {
				return c, err
			}
		}
	}
	if i != len(lines) {
		return c, errNotCanonical
	}
	return c, nil
}

// take removes key from rec and reads it as a string.
func take(rec map[string]string, key string, dst *string) bool {
	v, ok := rec[key]
	if !ok {
		return true
	}
	delete(rec, key)
	*dst, ok = scalar(v)
	return ok
}

func takeDate(rec map[string]string, key string, dst *programme.Date) bool {
	v, ok := rec[key]
	if !ok {
		return true
	}
	delete(rec, key)
	if len(v) != 10 {
		return false
	}
	d, err := programme.ParseISODate(v)
	*dst = d
	return err == nil
}

func takeBool(rec map[string]string, key string, dst **bool) bool {
	v, ok := rec[key]
	if !ok {
		return true
	}
	delete(rec, key)
	b := v == "true"
	*dst = &b
	return v == "true" || v == "false"
}

func takeInt(rec map[string]string, key string, dst *int) bool {
	v, ok := rec[key]
	if !ok {
		return true
	}
	delete(rec, key)
	n, err := strconv.Atoi(v)
	*dst = n
	return err == nil && strconv.Itoa(n) == v
}

func addRecord(c *programme.Cohort, sec string, rec map[string]string, answers map[string]int) error {
	ok := true
	switch sec {
	case "participants":
		var p programme.Participant
		var role string
		ok = take(rec, "email", &p.Email) && take(rec, "name", &p.Name) && take(rec, "role", &role) &&
			takeDate(rec, "signed_up", &p.SignedUp) && take(rec, "specialty", &p.Specialty) &&
			take(rec, "workplace", &p.Workplace) && take(rec, "region", &p.Region)
		p.Role = programme.Role(role)
		c.Participants = append(c.Participants, p)
	case "pairs":
		var p programme.Pair
		var status string
		ok = take(rec, "mentee", &p.Mentee) && take(rec, "mentor", &p.Mentor) && takeDate(rec, "matched", &p.Matched) &&
			take(rec, "status", &status) && takeDate(rec, "ended", &p.Ended)
		p.Status = programme.Status(status)
		c.Pairs = append(c.Pairs, p)
	case "meetings":
		var m programme.Meeting
		var typ string
		var held, contact *bool
		ok = take(rec, "mentee", &m.Mentee) && takeDate(rec, "date", &m.Date) && take(rec, "type", &typ) &&
			takeBool(rec, "agenda_sent", &m.AgendaSent) && takeBool(rec, "held", &held) && takeInt(rec, "minutes", &m.Minutes) &&
			take(rec, "form", &m.Form) && takeBool(rec, "contact_requested", &contact)
		m.Type = programme.MeetingType(typ)
		m.Held = held != nil && *held
		m.ContactRequested = contact != nil && *contact
		c.Meetings = append(c.Meetings, m)
	case "evaluations":
		var e programme.Evaluation
		var role string
		ok = take(rec, "email", &e.Email) && take(rec, "role", &role) && takeDate(rec, "submitted", &e.Submitted) &&
			take(rec, "comment", &e.Comment)
		e.Role = programme.Role(role)
		e.Answers = answers
		c.Evaluations = append(c.Evaluations, e)
	}
	if !ok || len(rec) != 0 {
		return errNotCanonical
	}
	return nil
}

// scalar reads a value as EncodeCohort writes strings: plain where
// plainSafe allows it, else double-quoted with the escapes str writes.
func scalar(v string) (string, bool) {
	if !strings.HasPrefix(v, `"`) {
		return v, plainSafe(v)
	}
	if len(v) < 2 || v[len(v)-1] != '"' {
		return "", false
	}
	body := v[1 : len(v)-1]
	if !strings.ContainsAny(body, `\"`) {
		return body, utf8.ValidString(body) && !hasRaw(body)
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		ch := body[i]
		switch {
		case ch == '"':
			return "", false
		case ch != '\\':
			b.WriteByte(ch)
			continue
		}
		i++
		if i >= len(body) {
			return "", false
		}
		switch body[i] {
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'u':
			if i+4 >= len(body) {
				return "", false
			}
			n, err := strconv.ParseUint(body[i+1:i+5], 16, 32)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(n))
			i += 4
		default:
			return "", false
		}
	}
	s := b.String()
	return s, utf8.ValidString(s)
}

// hasRaw reports whether s holds a character that str would have escaped
// (so the text was not written by str).
func hasRaw(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 || r == 0xfeff {
			return true
		}
	}
	return false
}
