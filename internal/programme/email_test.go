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
		{"Anna <anna@example.org>", "anna@example.org", true},
		{"a\u030a@b.dk", "\u00e5@b.dk", true}, // NFD made NFC
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

func FuzzNormEmail(f *testing.F) {
	for _, s := range []string{"anna@example.org", "Anna <anna@example.org>", "mailto:a@b.dk", "a\u200b@b.dk", "\ufeffa@b.dk", "a\u00a0b@c.dk", "a\u030a@b.dk", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
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
