package markdown

import (
	"regexp"
	"testing"
)

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hvad sker der på afklaringsmødet?", "hvad-sker-der-paa-afklaringsmoedet"},
		{"Ætik og Øvelse", "aetik-og-oevelse"},
		{"ÆØÅ æøå", "aeoeaa-aeoeaa"},
		{"  Åbent -- spørgsmål!  ", "aabent-spoergsmaal"},
		{"Café Über naïve", "cafe-uber-naive"},
		{"Göteborg og Malmö", "goeteborg-og-malmoe"},
		{"Straße", "strasse"},
		{"8 til 12 måneder", "8-til-12-maaneder"},
		{"»Citat« & mere", "citat-mere"},
		{"Mentor/mentee-forholdet", "mentor-mentee-forholdet"},
		{"Læge_uddannelse", "laege-uddannelse"},
		{"ﬁnansiering²", "finansiering2"},
		{"a\u030Abent", "aabent"}, // å decomposed, as file names on a Mac
		{"FAQ: Ofte stillede spørgsmål", "faq-ofte-stillede-spoergsmaal"},
		{"", ""},
		{"???", ""},
		{"---", ""},
		{"日本", ""},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

var slugOK = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// FuzzSlug checks that a slug holds only a-z, 0-9 and single inner dashes,
// and that slugging a slug changes nothing.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Hvad sker der på afklaringsmødet?", "ÆØÅ æøå", "--a--", "ǅ ﬁ Ⅻ", "İstanbul", "a\u030A", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if !slugOK.MatchString(got) {
			t.Errorf("Slug(%q) = %q", s, got)
		}
		if again := Slug(got); again != got {
			t.Errorf("Slug not idempotent on %q: %q", got, again)
		}
	})
}
