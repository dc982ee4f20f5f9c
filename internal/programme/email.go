package programme

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A person is keyed by an e-mail address within a cohort, and two ways of
// writing one address are one person. NormEmail says how an address is
// written so: the ingest normalises every address it reads from a sheet
// with it, and the store every address it reads from a cohort file (one a
// person edited by hand), so that "Anna@Example.DK" typed into a file is
// the anna@example.dk of the next sheet.

// NormEmail normalises an e-mail address: NFC (before and after
// case-folding), invisible characters
// removed (see StripInvisible), trimmed, angle brackets and "mailto:"
// (in any case, "Mailto:" as "MAILTO:", and as often as it is written)
// removed, case-folded. ok is false when it is not an address, a space
// inside it (also a non-breaking one) included.
func NormEmail(s string) (string, bool) {
	if !isASCII(s) {
		s, _ = StripInvisible(norm.NFC.String(s))
	}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		s = s[i+1 : len(s)-1]
	}
	for len(s) >= len("mailto:") && strings.EqualFold(s[:len("mailto:")], "mailto:") {
		s = s[len("mailto:"):]
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if !isASCII(s) {
		// Lower-casing can undo NFC: a capital with a mark that has no
		// one code point ("Y" + ring above) is two where its small
		// letter and the mark are one ("ẙ").
		s = norm.NFC.String(s)
	}
	return s, IsEmail(s) && len(s) <= 254 && strings.IndexFunc(s, unicode.IsSpace) < 0
}

// IsEmail reports whether s has the shape of an e-mail address: a local
// part, @, and a domain with a dot that is neither its first nor its last
// character, none of them holding white space or @<>(),;:"[] (the regular
// expression ^[^@\s<>(),;:"\[\]]+@[^@\s<>(),;:"\[\]]+\.[^@\s<>(),;:"\[\]]+$,
// checked by hand: the regular expression was a third of parsing a
// meeting log's rows).
func IsEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '@':
			if i != at {
				return false
			}
		case '\t', '\n', '\f', '\r', ' ', '<', '>', '(', ')', ',', ';', ':', '"', '[', ']':
			return false
		}
	}
	domain := s[at+1:]
	return len(domain) >= 3 && strings.IndexByte(domain[1:len(domain)-1], '.') >= 0
}

// StripInvisible removes the characters that take up no room on screen
// but make two texts differ: zero-width spaces and joiners, direction
// marks, soft hyphens, byte order marks, word joiners (Unicode's format
// characters, Cf). They come with text copied from e-mails, web pages and
// PDFs. removed tells whether there were any.
func StripInvisible(s string) (out string, removed bool) {
	if strings.IndexFunc(s, IsInvisible) < 0 {
		return s, false
	}
	return strings.Map(func(r rune) rune {
		if IsInvisible(r) {
			return -1
		}
		return r
	}, s), true
}

// IsInvisible reports whether r is one of the characters StripInvisible
// removes.
func IsInvisible(r rune) bool {
	return r >= 0xAD && unicode.Is(unicode.Cf, r)
}

// isASCII reports whether s is all ASCII, which is NFC and free of
// invisible characters as it is.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Addresses calls f with every e-mail address the cohort's records hold,
// to read or to replace: a participant's email and the entries of its
// avoid list that are addresses (they hold an @; the others are names and
// workplaces), a pair's mentee and mentor, a meeting's mentee, an
// evaluation's email, a handled follow-up's email. A new field that holds
// an address is added here.
func (c *Cohort) Addresses(f func(addr *string)) {
	for i := range c.Participants {
		p := &c.Participants[i]
		f(&p.Email)
		for k := range p.Avoid {
			if strings.Contains(p.Avoid[k], "@") {
				f(&p.Avoid[k])
			}
		}
	}
	for i := range c.Pairs {
		f(&c.Pairs[i].Mentee)
		f(&c.Pairs[i].Mentor)
	}
	for i := range c.Meetings {
		f(&c.Meetings[i].Mentee)
	}
	for i := range c.Evaluations {
		f(&c.Evaluations[i].Email)
	}
	for i := range c.Handled {
		f(&c.Handled[i].Email)
	}
}
