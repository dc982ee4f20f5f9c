package programme

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestNormEmail(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"anna@example.org", "anna@example.org", true},
		{" Anna@Example.ORG ", "anna@example.org", true},
		{"ANNA@EXAMPLE.DK", "anna@example.dk", true},
		{"\tanna@example.dk\u00a0", "anna@example.dk", true}, // a non-breaking space at the end is trimmed
		{"mailto:a@b.dk", "a@b.dk", true},
		{"MAILTO:A@B.DK", "a@b.dk", true},
		{"Mailto:anna@x.dk", "anna@x.dk", true}, // the prefix in any case
		{"MailTo:Anna@X.dk", "anna@x.dk", true},
		{"mAILTO:a@b.dk", "a@b.dk", true},
		{" Mailto: a@b.dk ", "a@b.dk", true},
		{"<Mailto:a@b.dk>", "a@b.dk", true},
		{"Anna <Mailto:anna@x.dk>", "anna@x.dk", true},
		{"mailto:MAILTO:a@b.dk", "a@b.dk", true}, // read so before; a prefix twice is removed twice
		{"Mailto:mailto:a@b.dk", "a@b.dk", true},
		{"Mailto:", "", false},
		{"Mailto:anna", "anna", false},
		{"mail:a@b.dk", "mail:a@b.dk", false},
		{"a@b.dk mailto:", "a@b.dk mailto:", false},
		{"Anna <anna@example.org>", "anna@example.org", true},
		{"a\u030a@b.dk", "\u00e5@b.dk", true}, // NFD made NFC
		{"A\u030a@b.dk", "\u00e5@b.dk", true},
		// A capital with a mark whose small letter alone has one code
		// point: NFC again after lower-casing (y with ring above).
		{"Y\u030a@b.dk", "\u1e99@b.dk", true},
		{"J\u030c@b.dk", "\u01f0@b.dk", true},
		{"anonymous", "anonymous", false},
		{"a@b", "a@b", false},
		{"a b@c.dk", "a b@c.dk", false},
		{"a@@b.dk", "a@@b.dk", false},
		{"", "", false},
	} {
		if got, ok := NormEmail(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("NormEmail(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNormEmailInvisible(t *testing.T) {
	for _, r := range []rune{'\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u00ad', '\ufeff', '\u2060', '\u202a', '\u202e', '\u2066', '\u2069', '\u061c'} {
		in := "an" + string(r) + "na@exam" + string(r) + "ple.org" + string(r)
		if got, ok := NormEmail(in); !ok || got != "anna@example.org" {
			t.Errorf("NormEmail(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"anna\u00a0b@example.org", "anna\u2003b@example.org", "anna@exa mple.org"} {
		if got, ok := NormEmail(in); ok {
			t.Errorf("NormEmail(%q) = %q, want rejected", in, got)
		}
	}
}

// normEmailBefore is NormEmail as it was before the "mailto:" prefix was
// read in any case: FuzzNormEmail holds every address it accepted to the
// same result, so that no sheet that was read before is read otherwise.
func normEmailBefore(s string) (string, bool) {
	if !isASCII(s) {
		s, _ = StripInvisible(norm.NFC.String(s))
	}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		s = s[i+1 : len(s)-1]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "mailto:"), "MAILTO:")
	s = strings.ToLower(strings.TrimSpace(s))
	return s, IsEmail(s) && len(s) <= 254 && strings.IndexFunc(s, unicode.IsSpace) < 0
}

// FuzzNormEmail: what NormEmail accepts is an address in NFC, without
// invisible characters or white space, with one @, which NormEmail leaves
// as it is; what it accepted before "mailto:" was read in any case it
// reads as before; and "mailto:" before s, in any case, is read as the
// lower-case one (mask says which of its letters are capitals).
func FuzzNormEmail(f *testing.F) {
	for _, s := range []string{"anna@example.org", "Anna <anna@example.org>", "mailto:a@b.dk", "Mailto:a@b.dk", "MAILTO:mailto:a@b.dk", "mailto:MAILTO:a@b.dk", "<MailTo:a@b.dk>", "Mailto:", "a\u200b@b.dk", "\ufeffa@b.dk", "a\u00a0b@c.dk", "a\u030a@b.dk", ""} {
		f.Add(s, uint8(0))
	}
	f.Add("anna@x.dk", uint8(1))
	f.Add("Anna@X.dk", uint8(0x7f))
	f.Add(" a@b.dk", uint8(0x55))
	f.Fuzz(func(t *testing.T, s string, mask uint8) {
		// The rule before, its result made NFC (see TestNormEmail's y
		// with ring above).
		if before, ok := normEmailBefore(s); ok {
			before = norm.NFC.String(before)
			if e, ok := NormEmail(s); !ok || e != before {
				t.Fatalf("NormEmail(%q) = %q, %v; it was %q, true", s, e, ok, before)
			}
		}
		prefix := []byte("mailto:")
		for i := range 6 {
			if mask&(1<<i) != 0 {
				prefix[i] -= 'a' - 'A'
			}
		}
		lower, lok := NormEmail("mailto:" + s)
		if got, ok := NormEmail(string(prefix) + s); got != lower || ok != lok {
			t.Fatalf("NormEmail(%q) = %q, %v; NormEmail(%q) = %q, %v", string(prefix)+s, got, ok, "mailto:"+s, lower, lok)
		}
		e, ok := NormEmail(s)
		if !ok {
			return
		}
		if !norm.NFC.IsNormalString(e) || strings.IndexFunc(e, IsInvisible) >= 0 || strings.IndexFunc(e, unicode.IsSpace) >= 0 || strings.Count(e, "@") != 1 {
			t.Fatalf("NormEmail(%q) = %q", s, e)
		}
		if again, ok := NormEmail(e); !ok || again != e {
			t.Fatalf("NormEmail is not idempotent on %q: %q then %q, %v", s, e, again, ok)
		}
	})
}

// emailShape is the regular expression IsEmail checks by hand.
var emailShape = regexp.MustCompile(`^[^@\s<>(),;:"\[\]]+@[^@\s<>(),;:"\[\]]+\.[^@\s<>(),;:"\[\]]+$`)

// FuzzIsEmail: IsEmail accepts exactly what the regular expression does.
func FuzzIsEmail(f *testing.F) {
	for _, s := range []string{"anna@example.org", "a@b.c", "a@.c", "a@b.", "a@b..", "a@..", "@b.c", "a@b@c.d", "a b@c.d", "a@b.c\n", "a\v@b.c",
		"æ@ø.å", "a@b.c]", "\xff@b.c", "a@\xff.\xff", "", "@", "a@", "a@b", "a@.b.", "x@y.z.", "<a@b.c>", "a@b.c;", "mailto:a@b.c", "a\u00a0b@c.d", "a\x00@b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsEmail(s), emailShape.MatchString(s); got != want {
			t.Errorf("IsEmail(%q) = %v, the regular expression says %v", s, got, want)
		}
	})
}
