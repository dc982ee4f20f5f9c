package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// writeCohortFile puts text in dir as the cohort file name.
func writeCohortFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, CohortDir), 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, CohortDir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoadRespelled: an address of a cohort file edited by hand (capitals,
// spaces or an invisible character inside quotes, "mailto:"; in one record
// or in all) is read as programme.NormEmail writes it: the records are
// those of the file before the edit, the respelling names the file, the
// first line edited, the address as written and as read; reading changes
// no file, and the next save writes the file before the edit, byte for
// byte: the address as the ingest writes it, and nothing else changed.
func TestLoadRespelled(t *testing.T) {
	orig, err := os.ReadFile("../../data/cohorts/2026-foraar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const addr = "alberte.antagelse@example.org"
	for _, tc := range []struct {
		name, from string
		all        bool // every occurrence, else the participant's only
	}{
		{"capitals in the participant", "Alberte.Antagelse@Example.ORG", false},
		{"capitals everywhere", "ALBERTE.ANTAGELSE@EXAMPLE.ORG", true},
		{"spaces inside quotes", `"  alberte.antagelse@example.org "`, true},
		{"a zero-width space, escaped", `"alberte.antagelse@example.org\u200B"`, false},
		{"a non-breaking space, as it is", "\"alberte.antagelse@example.org\u00a0\"", true},
		{"a soft hyphen and capitals", "\"Alberte.An\u00adtagelse@example.org\"", false},
		{"mailto", "mailto:alberte.antagelse@example.org", true},
		{"Mailto, in another case", "Mailto:alberte.antagelse@example.org", true},
		{"angle brackets", `"Alberte <alberte.antagelse@example.org>"`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(string(orig), "- email: "+addr, "- email: "+tc.from, 1)
			if tc.all {
				text = strings.ReplaceAll(string(orig), ": "+addr, ": "+tc.from)
			}
			wantLine := 1 + strings.Count(text[:strings.Index(text, tc.from)], "\n")
			dir := newData(t)
			path := writeCohortFile(t, dir, "2026-foraar.yaml", text)
			cs, rs, err := LoadCohorts(dir)
			if err != nil {
				t.Fatal(err)
			}
			want, err := decodeCohort(path, orig)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || !reflect.DeepEqual(cs[0], want) {
				t.Errorf("read otherwise than the file before the edit")
			}
			if len(rs) != 1 || rs[0].Path != path || rs[0].Line != wantLine || rs[0].To != addr || rs[0].From == addr {
				t.Errorf("respellings %+v, want one of %s:%d to %s", rs, path, wantLine, addr)
			}
			if _, prs, _, err := PeekCohorts(dir); err != nil || !reflect.DeepEqual(prs, rs) {
				t.Errorf("PeekCohorts: %+v, %v; LoadCohorts: %+v", prs, err, rs)
			}
			if got, _ := os.ReadFile(path); string(got) != text {
				t.Error("reading changed the file")
			}
			if _, err := SaveCohorts(dir, cs); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Errorf("saved:\n%s\nwant the file before the edit", got)
			}
		})
	}
	// An address that is none (NormEmail refuses it) is read as written.
	dir := newData(t)
	text := strings.Replace(string(orig), "- email: "+addr, `- email: "Alberte Antagelse (at) example.org"`, 1)
	writeCohortFile(t, dir, "2026-foraar.yaml", text)
	if cs, rs, err := LoadCohorts(dir); err != nil || len(rs) != 0 || cs[0].Participants[1].Email != "Alberte Antagelse (at) example.org" {
		t.Errorf("no address: %v, %+v", err, rs)
	}
}

// TestLoadKeyTwice: a file in which two records of a list have one key,
// as a hand edit can make them (an address another's with capitals, a
// record copied), is refused, naming the file and both records' lines,
// by LoadCohorts and PeekCohorts alike; the file is not changed. The
// ingest keeps one record per key and would lose the other when it saves.
func TestLoadKeyTwice(t *testing.T) {
	orig, err := os.ReadFile("../../data/cohorts/2026-foraar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(orig)
	// block returns the record of a list that begins at the line holding
	// first, up to the next record.
	block := func(first string) string {
		i := strings.Index(src, first)
		j := strings.Index(src[i+1:], "\n  - ")
		k := strings.Index(src[i+1:], "\n\n")
		if k >= 0 && k < j {
			j = k
		}
		return src[i : i+1+j+1]
	}
	lineOf := func(text, s string) int { return 1 + strings.Count(text[:strings.Index(text, s)], "\n") }
	for _, tc := range []struct {
		name string
		text string
		want string // the error's start, after the file's path
	}{
		{"two participants one address, by capitals",
			strings.Replace(src, "- email: benjamin.bud@example.org", "- email: Alberte.Antagelse@example.org", 1),
			":17: listen participants: adressen alberte.antagelse@example.org står der to gange, på linje 17 og 24"},
		{"two participants one address, by a space",
			strings.Replace(src, "- email: benjamin.bud@example.org", `- email: "alberte.antagelse@example.org "`, 1),
			":17: listen participants: adressen alberte.antagelse@example.org står der to gange, på linje 17 og 24"},
		{"a participant copied",
			strings.Replace(src, block("  - email: alberte.antagelse@example.org"), block("  - email: alberte.antagelse@example.org")+block("  - email: alberte.antagelse@example.org"), 1),
			":17: listen participants: adressen alberte.antagelse@example.org står der to gange, på linje 17 og 24"},
		{"a pair copied",
			strings.Replace(src, block("  - mentee: alberte.antagelse@example.org\n    mentor"), block("  - mentee: alberte.antagelse@example.org\n    mentor")+block("  - mentee: alberte.antagelse@example.org\n    mentor"), 1),
			fmt.Sprintf(":176: listen pairs: mentee alberte.antagelse@example.org står der to gange, på linje 176 og %d", 176+strings.Count(block("  - mentee: alberte.antagelse@example.org\n    mentor"), "\n"))},
		{"a meeting copied",
			strings.Replace(src, block("  - mentee: alberte.antagelse@example.org\n    date"), block("  - mentee: alberte.antagelse@example.org\n    date")+block("  - mentee: alberte.antagelse@example.org\n    date"), 1),
			fmt.Sprintf(":209: listen meetings: mødet for alberte.antagelse@example.org den 2026-03-23 står der to gange, på linje 209 og %d", 209+strings.Count(block("  - mentee: alberte.antagelse@example.org\n    date"), "\n"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.text == src {
				t.Fatal("the edit changed nothing")
			}
			dir := newData(t)
			path := writeCohortFile(t, dir, "2026-foraar.yaml", tc.text)
			want := path + tc.want
			if _, _, err := LoadCohorts(dir); err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("LoadCohorts: %v\nwant an error beginning %s", err, want)
			}
			if _, _, _, err := PeekCohorts(dir); err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("PeekCohorts: %v\nwant an error beginning %s", err, want)
			}
			if got, _ := os.ReadFile(path); string(got) != tc.text {
				t.Error("the file changed")
			}
		})
	}
	// An evaluation twice, in a file not in the store's order (the other
	// way of finding two).
	text := strings.Replace(src, "\nevaluations:\n", "\nevaluations:\n"+block("  - email: iben.ide@example.org\n    role"), 1)
	dir := newData(t)
	path := writeCohortFile(t, dir, "2026-foraar.yaml", text)
	rec := "  - email: iben.ide@example.org\n    role"
	first := lineOf(text, rec)
	second := first + lineOf(text[strings.Index(text, rec)+1:], rec) - 1
	want := fmt.Sprintf("%s:%d: listen evaluations: evalueringen fra iben.ide@example.org står der to gange, på linje %d og %d", path, first, first, second)
	if _, _, err := LoadCohorts(dir); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("LoadCohorts: %v\nwant an error beginning %s", err, want)
	}
}

// TestRespelledProperty: for cohorts of every size, a file whose addresses
// are each written in some other way NormEmail reads as the same (random
// capitals, spaces, an invisible character, "mailto:", a name in angle
// brackets) reads as the cohort, and saves as the cohort's own file.
func TestRespelledProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	respell := func(s string) string {
		b := []rune(s)
		for i := range b {
			if r.IntN(3) == 0 {
				b[i] = []rune(strings.ToUpper(string(b[i])))[0]
			}
		}
		out := string(b)
		switch r.IntN(6) {
		case 0:
			out = " " + out + "\u00a0"
		case 1:
			out = "\u200b" + out
		case 2:
			out = "MAILTO:" + out
		case 3:
			out = "Navn <" + out + ">"
		}
		return out
	}
	for n := range 12 {
		c := sampleCohort(r, fmt.Sprintf("k%d", n), n)
		want, err := EncodeCohort(&c)
		if err != nil {
			t.Fatal(err)
		}
		edited := c
		edited.Participants = append([]programme.Participant(nil), c.Participants...)
		for i := range edited.Participants {
			edited.Participants[i].Avoid = append([]string(nil), c.Participants[i].Avoid...)
		}
		edited.Pairs = append([]programme.Pair(nil), c.Pairs...)
		edited.Meetings = append([]programme.Meeting(nil), c.Meetings...)
		edited.Evaluations = append([]programme.Evaluation(nil), c.Evaluations...)
		edited.Handled = append([]programme.Handled(nil), c.Handled...)
		edited.Addresses(func(a *string) {
			if e, ok := programme.NormEmail(*a); ok && e == *a { // not an avoid entry such as "@x", which is no address
				*a = respell(*a)
			}
		})
		text, err := EncodeCohort(&edited)
		if err != nil {
			t.Fatal(err)
		}
		dir := newData(t)
		path := writeCohortFile(t, dir, c.ID+".yaml", string(text))
		cs, rs, err := LoadCohorts(dir)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if n > 0 && len(rs) == 0 {
			t.Errorf("n=%d: no respellings", n)
		}
		if len(cs) != 1 || !reflect.DeepEqual(cs[0], c) {
			t.Errorf("n=%d: read otherwise than the cohort", n)
		}
		if _, err := SaveCohorts(dir, cs); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != string(want) {
			t.Errorf("n=%d: saved\n%s\nwant\n%s", n, got, want)
		}
	}
}

// FuzzPlainAddress: what plainAddress lets through unasked, NormEmail
// leaves as it is.
func FuzzPlainAddress(f *testing.F) {
	for _, s := range []string{"anna@example.org", "Anna@example.org", " a@b.dk", "a@b.dk\u00a0", "mailto:a@b.dk", "Mailto:a@b.dk", "mAILTO:a@b.dk", "mailto:", "Mailto:", "a<a@b.dk>", "x <a@b.dk>", "a\u200b@b.dk", "a@b", "", "@", "a\x7f@b.dk", "a@b.dk>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plainAddress(s) {
			return
		}
		if got, _ := programme.NormEmail(s); got != s {
			t.Fatalf("plainAddress(%q), but NormEmail makes it %q", s, got)
		}
	})
}

// TestLoadKeyTwiceRespelledLines: when a hand-edited address moves its
// record in the store's order (carl's record edited to Anna's address sorts
// next to Anna's, before Bo's), the error still names the two records'
// lines in the file, not those of the records at their places once sorted.
func TestLoadKeyTwiceRespelledLines(t *testing.T) {
	person := func(addr, name string) string {
		return "  - email: " + addr + "\n    name: " + name + "\n    role: mentee\n"
	}
	meeting := func(addr, date string) string {
		return "  - mentee: " + addr + "\n    date: " + date + "\n    held: true\n"
	}
	file := func(people, pairs, meetings string) string {
		return "schema: 1\nid: k\n\nparticipants:\n" + people + "\npairs:" + pairs + "\nmeetings:" + meetings + "\nevaluations: []\n"
	}
	for _, tc := range []struct {
		name, text, want string
	}{
		{"the later record respelled to the first's address",
			file(person("anna@example.org", "Anna")+person("bo@example.org", "Bo")+person("Anna@Example.org", "Carl"), " []\n", " []\n"),
			":5: listen participants: adressen anna@example.org står der to gange, på linje 5 og 11"},
		{"the first record respelled to the later's address",
			file(person("Carl@Example.org", "Anna")+person("bo@example.org", "Bo")+person("carl@example.org", "Carl"), " []\n", " []\n"),
			":5: listen participants: adressen carl@example.org står der to gange, på linje 5 og 11"},
		{"another record respelled, the two copied",
			file(person("Zed@Example.org", "Zed")+person("bo@example.org", "Bo")+person("bo@example.org", "Bo"), " []\n", " []\n"),
			":8: listen participants: adressen bo@example.org står der to gange, på linje 8 og 11"},
		{"a meeting respelled to another's mentee and day",
			file(person("anna@example.org", "Anna")+person("bo@example.org", "Bo"), " []\n",
				"\n"+meeting("anna@example.org", "2026-03-01")+meeting("bo@example.org", "2026-03-01")+meeting("ANNA@example.org", "2026-03-01")),
			":15: listen meetings: mødet for anna@example.org den 2026-03-01 står der to gange, på linje 15 og 21"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newData(t)
			path := writeCohortFile(t, dir, "k.yaml", tc.text)
			want := path + tc.want
			if _, _, err := LoadCohorts(dir); err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("LoadCohorts: %v\nwant an error beginning %s", err, want)
			}
			_, _, _, err := PeekCohorts(dir)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("PeekCohorts: %v\nwant an error beginning %s", err, want)
			}
			// Without the address (for -forget): the same file and lines.
			var kt *KeyTwiceError
			if !errors.As(err, &kt) {
				t.Fatalf("%v is no KeyTwiceError", err)
			}
			anon := kt.WithoutAddress().Error()
			lines := regexp.MustCompile(`:\d+: listen \w+: .*(på linje \d+ og \d+)`).FindStringSubmatch(err.Error())
			if strings.Contains(anon, "@") || !strings.HasPrefix(anon, strings.SplitN(want, " ", 2)[0]) || lines == nil || !strings.Contains(anon, lines[1]) {
				t.Errorf("WithoutAddress: %s\nwant the file, list and lines of %s, and no address", anon, err)
			}
		})
	}
}

// TestLoadKeyTwiceWords: the error of two records of one key says what is
// there in words someone editing the file by hand can act on, also where
// the key is missing (two participants without an address, two meetings
// without a date) and where both records are on one line (a list written
// [{...}, {...}]), and WithoutAddress holds no address and says the same
// of a key that is no address.
func TestLoadKeyTwiceWords(t *testing.T) {
	file := func(lists string) string { return "schema: 1\nid: k\n" + lists }
	for _, tc := range []struct {
		name, lists string
		want        string // after the file's path
		anon        string // WithoutAddress, after the file's path; "": as want
	}{
		{"two participants without an address",
			"participants:\n  - email: \"\"\n    name: Anna\n    role: mentee\n  - name: Bo\n    role: mentor\n",
			":4: listen participants: to deltagere uden e-mailadresse, på linje 4 og 7: en deltager kendes på sin e-mailadresse; skriv hver deltagers adresse, eller behold kun den ene post", ""},
		{"two participants whose address is spaces and an invisible character",
			"participants:\n  - email: \" \"\n    name: Anna\n    role: mentee\n  - email: \" \"\n    name: Bo\n    role: mentor\n  - email: \"\\u200b\"\n    name: Carl\n    role: mentor\n",
			":4: listen participants: to deltagere uden e-mailadresse, på linje 4 og 7: en deltager kendes på sin e-mailadresse; skriv hver deltagers adresse, eller behold kun den ene post", ""},
		{"two participants one address, on one line",
			"participants: [{email: anna@x.dk, name: Anna, role: mentee}, {email: Anna@x.dk, name: Bo, role: mentor}]\n",
			":3: listen participants: adressen anna@x.dk står der to gange, begge på linje 3 (post nr. 1 og 2 i listen): en person har én adresse i en kohorte, uanset hvordan den er skrevet (store bogstaver, mellemrum og usynlige tegn gør den ikke til en anden); behold kun den ene post, eller ret den andens adresse",
			":3: listen participants: to deltagere med samme adresse, begge på linje 3 (post nr. 1 og 2 i listen): en person har én adresse i en kohorte, uanset hvordan den er skrevet (store bogstaver, mellemrum og usynlige tegn gør den ikke til en anden); behold kun den ene post, eller ret den andens adresse"},
		{"two participants without an address, on one line of a list of several",
			"participants: [{email: a@x.dk, name: A, role: mentee},\n  {email: b@x.dk, name: B, role: mentee}, {name: C, role: mentee}, {email: d@x.dk, name: D, role: mentee}, {name: E, role: mentee}]\n",
			":4: listen participants: to deltagere uden e-mailadresse, begge på linje 4 (post nr. 3 og 5 i listen): en deltager kendes på sin e-mailadresse; skriv hver deltagers adresse, eller behold kun den ene post", ""},
		{"two pairs without a mentee",
			"pairs:\n  - mentor: bo@x.dk\n  - mentee: \"\"\n    mentor: carl@x.dk\n",
			":4: listen pairs: to par uden mentee, på linje 4 og 5: et par kendes på sin mentees e-mailadresse; skriv hvert pars mentee, eller behold kun det ene", ""},
		{"two meetings of a pair without a date",
			"meetings:\n  - mentee: anna@x.dk\n    held: true\n  - mentee: Anna@x.dk\n    held: false\n",
			":4: listen meetings: to møder for anna@x.dk uden dato, på linje 4 og 6: et møde kendes på parrets mentee og datoen (ÅÅÅÅ-MM-DD); skriv hvert mødes dato, eller behold kun det ene",
			":4: listen meetings: to møder for ét par uden dato, på linje 4 og 6: et møde kendes på parrets mentee og datoen (ÅÅÅÅ-MM-DD); skriv hvert mødes dato, eller behold kun det ene"},
		{"two meetings on a day without a mentee",
			"meetings:\n  - date: 2026-03-01\n    held: true\n  - date: 2026-03-01\n    held: true\n",
			":4: listen meetings: to møder den 2026-03-01 uden mentee, på linje 4 og 6: et møde kendes på parrets mentee og datoen (ÅÅÅÅ-MM-DD); skriv hvert mødes mentee, eller behold kun det ene", ""},
		{"two meetings without a mentee or a date",
			"meetings:\n  - held: true\n  - held: false\n",
			":4: listen meetings: to møder uden mentee og dato, på linje 4 og 5: et møde kendes på parrets mentee og datoen (ÅÅÅÅ-MM-DD); skriv hvert mødes mentee og dato, eller behold kun det ene", ""},
		{"a meeting copied, on one line",
			"meetings: [{mentee: anna@x.dk, date: 2026-03-01, held: true}, {mentee: anna@x.dk, date: 2026-03-01, held: true}]\n",
			":3: listen meetings: mødet for anna@x.dk den 2026-03-01 står der to gange, begge på linje 3 (post nr. 1 og 2 i listen): et par har ét møde om dagen; behold kun det ene",
			":3: listen meetings: to møder for ét par samme dag, begge på linje 3 (post nr. 1 og 2 i listen): et par har ét møde om dagen; behold kun det ene"},
		{"two evaluations without an address",
			"evaluations:\n  - role: mentee\n  - role: mentor\n",
			":4: listen evaluations: to evalueringer uden e-mailadresse, på linje 4 og 5: en evaluering kendes på den svarendes e-mailadresse; skriv hver evaluerings adresse, eller behold kun den ene", ""},
		{"two handled follow-ups without an address",
			"handled:\n  - kind: contact-requested\n    date: 2026-03-01\n  - kind: contact-requested\n    date: 2026-03-02\n",
			":4: listen handled: to håndterede opfølgninger af arten contact-requested uden e-mailadresse, på linje 4 og 6: en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); skriv hver opfølgnings adresse, eller behold kun den ene", ""},
		{"two handled follow-ups of a person without a kind",
			"handled:\n  - email: anna@x.dk\n    date: 2026-03-01\n  - email: anna@x.dk\n    date: 2026-03-02\n",
			":4: listen handled: to håndterede opfølgninger for anna@x.dk uden art, på linje 4 og 6: en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); skriv hver opfølgnings art, eller behold kun den ene",
			":4: listen handled: to håndterede opfølgninger for samme person uden art, på linje 4 og 6: en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); skriv hver opfølgnings art, eller behold kun den ene"},
		{"a handled follow-up copied, its kind an address",
			"handled:\n  - kind: anna@x.dk\n    email: bo@x.dk\n  - kind: anna@x.dk\n    email: bo@x.dk\n",
			":4: listen handled: den håndterede opfølgning af arten anna@x.dk for bo@x.dk står der to gange, på linje 4 og 6: behold kun den ene",
			":4: listen handled: to håndterede opfølgninger for samme person, på linje 4 og 6: behold kun den ene"},
		{"two handled follow-ups without an address, their kind an address",
			"handled:\n  - kind: anna@x.dk\n  - kind: anna@x.dk\n",
			":4: listen handled: to håndterede opfølgninger af arten anna@x.dk uden e-mailadresse, på linje 4 og 5: en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); skriv hver opfølgnings adresse, eller behold kun den ene",
			":4: listen handled: to håndterede opfølgninger uden e-mailadresse, på linje 4 og 5: en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); skriv hver opfølgnings adresse, eller behold kun den ene"},
		{"two handled follow-ups without an address or a kind",
			"handled:\n  - date: 2026-03-01\n  - date: 2026-03-02\n",
			":4: listen handled: to håndterede opfølgninger uden art og e-mailadresse, på linje 4 og 5: en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); skriv hver opfølgnings adresse og art, eller behold kun den ene", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newData(t)
			path := writeCohortFile(t, dir, "k.yaml", file(tc.lists))
			_, _, err := LoadCohorts(dir)
			if err == nil || err.Error() != path+tc.want {
				t.Errorf("LoadCohorts:\n got %v\nwant %s", err, path+tc.want)
			}
			var kt *KeyTwiceError
			if !errors.As(err, &kt) {
				t.Fatalf("%v is no KeyTwiceError", err)
			}
			anon := tc.anon
			if anon == "" {
				anon = tc.want
			}
			if got := kt.WithoutAddress().Error(); got != path+anon || strings.Contains(got, "@") {
				t.Errorf("WithoutAddress:\n got %s\nwant %s", got, path+anon)
			}
		})
	}
}

// TestKeyTwiceWithoutAddressProperty: whatever a hand edit writes in the
// keys of two records (an address in any spelling, nothing, spaces, an
// invisible character, an address where a kind belongs), the text of
// WithoutAddress holds no @ and no part of an address, and Error says
// something between the list and the lines (no "adressen  står").
func TestKeyTwiceWithoutAddressProperty(t *testing.T) {
	keys := []string{"anna@x.dk", "Anna@X.dk", "", " ", "\u200b", "mailto:anna@x.dk", "anna (at) x.dk", "contact-requested", "bo@x.dk"}
	dates := []programme.Date{{}, programme.NewDate(2026, 3, 1)}
	r := rand.New(rand.NewPCG(5, 6))
	pick := func() string { return keys[r.IntN(len(keys))] }
	for n := range 2000 {
		var c programme.Cohort
		switch n % 5 {
		case 0:
			p := programme.Participant{Email: pick(), Name: "A", Role: programme.Mentee}
			c.Participants = []programme.Participant{p, p}
		case 1:
			p := programme.Pair{Mentee: pick(), Mentor: pick()}
			c.Pairs = []programme.Pair{p, p}
		case 2:
			m := programme.Meeting{Mentee: pick(), Date: dates[r.IntN(2)]}
			c.Meetings = []programme.Meeting{m, m}
		case 3:
			e := programme.Evaluation{Email: pick()}
			c.Evaluations = []programme.Evaluation{e, e}
		case 4:
			h := programme.Handled{Email: pick(), Kind: programme.FlagKind(pick())}
			c.Handled = []programme.Handled{h, h}
		}
		err := checkKeys("k.yaml", nil, &c)
		var kt *KeyTwiceError
		if !errors.As(err, &kt) {
			t.Fatalf("%+v: %v is no KeyTwiceError", c, err)
		}
		anon := kt.WithoutAddress().Error()
		if strings.Contains(anon, "@") || strings.Contains(anon, "(at)") {
			t.Errorf("WithoutAddress holds an address: %s", anon)
		}
		if msg := err.Error(); strings.Contains(msg, "  ") || strings.Contains(msg, " den  ") || strings.Contains(msg, "\u200b") {
			t.Errorf("%+v: %q", c, msg)
		}
	}
}
