package store

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// yamlDecode reads a cohort file with yaml.v3 alone, as decodeCohort does
// for a file that readWritten does not read.
func yamlDecode(src []byte) (programme.Cohort, error) {
	var file cohortFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	err := dec.Decode(&file)
	return file.Cohort, err
}

// TestReadWrittenTakesWhatTheStoreWrites: every file the store writes (the
// sample cohorts with their tricky strings, lists of themes, answers,
// handled follow-ups, empty lists; the demo cohorts) is read by the
// shortcut, to the records yaml.v3 reads and the store wrote.
func TestReadWrittenTakesWhatTheStoreWrites(t *testing.T) {
	// The sample's tricky strings but those yaml.v3 writes with an escape
	// (a line break, a tab, a backslash, a double quote, a control
	// character, a byte order mark, U+2028), which the shortcut leaves to
	// yaml.v3 (TestReadWrittenLeavesTheRest, FuzzReadWritten).
	defer func(all []string) { tricky = all }(tricky)
	tricky = []string{
		"Anna Andersen", "Åge Ærø", "yes", "No", "null", "~", "true", "2026-03-14", "1e5", "0x1F", "-", "- x", "a: b",
		"a #b", "#x", "'q'", "  lead", "trail ", "", "@x", "!tag", "&anchor", "*alias", "{a}", "[a]", "%x", "x,y",
		"✓ Ja", ".inf", "3", "Bornholms Hospital, Rønne", "2026-foraar", "1:20", "=SUM(A1)", "é", "O’Brien – Nord", "Ελένη",
	}
	r := rand.New(rand.NewPCG(3, 4))
	var srcs [][]byte
	for n := range 12 {
		c := sampleCohort(r, "k", n*5)
		for i := range c.Participants {
			// yaml.v3 writes a list's items in flow style, plain by its
			// own rules or single-quoted; the shortcut reads those that
			// plainSafe allows or double-quotes without an escape.
			if len(c.Participants[i].Avoid) > 0 {
				c.Participants[i].Avoid = []string{"Klinik Nord", "anna@example.org", "Åge Ærø"}
			}
		}
		src, err := EncodeCohort(&c)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	paths, _ := filepath.Glob("../../data/cohorts/*.yaml")
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	for _, c := range benchCohorts()[:3] {
		src, err := EncodeCohort(&c)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	for _, src := range srcs {
		got, ok := readWritten(src)
		if !ok {
			t.Errorf("the shortcut does not read a file the store wrote:\n%s", src)
			continue
		}
		want, err := yamlDecode(src)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("the shortcut reads\n%+v\nyaml.v3 reads\n%+v\nfrom\n%s", got, want, src)
		}
		if again, _ := EncodeCohort(&got); !bytes.Equal(again, src) {
			t.Errorf("what the shortcut read is written back differently:\n%s\nwas\n%s", again, src)
		}
	}
}

// TestReadWrittenLeavesTheRest: text that is not in the store's own
// layout (a comment, another indentation, an escape, a plain string that
// YAML reads otherwise, a key twice or unknown, a line continued) is left
// to yaml.v3, which reads it or says what is wrong.
func TestReadWrittenLeavesTheRest(t *testing.T) {
	const ok = "schema: 1\nid: x\n\nparticipants:\n  - email: a@example.org\n    name: Ane\n    role: mentee\n\npairs: []\n\nmeetings: []\n\nevaluations: []\n"
	if _, read := readWritten([]byte(ok)); !read {
		t.Fatalf("the shortcut does not read\n%s", ok)
	}
	for _, src := range []string{
		"# a comment\n" + ok,
		"schema: 1\nid: x # the id\n",
		"schema: 1\nid: x\nid: y\n",
		"schema: 1\nid: x\nfoo: y\n",
		"schema: 1\nid: \"x\\ty\"\n",
		"schema: 1\nid: \"x\u2028y\"\n",
		"schema: 1\nid: \"x\xffy\"\n",
		"schema: 1\nid: 'x'\n",
		"schema: 1\nid: yes\n",
		"schema: 1\nid: x\nname: Ane\n  Andersen\n",
		"schema: 1\nid: x\n\nparticipants:\n  - email: a@example.org\n    name: Ane\n      Andersen\n",
		"schema: 1\nid: x\n\nparticipants:\n  - email: a@example.org\n   name: Ane\n",
		"schema: 1\nid: x\n\nparticipants:\n- email: a@example.org\n",
		"schema: 1\nid: x\n\nmeetings:\n  - mentee: a@example.org\n    date: 2026-02-30\n",
		"schema: 1\nid: x\n\nmeetings:\n  - mentee: a@example.org\n    minutes: 0x10\n",
		"schema: 1\nid: x\n\nmeetings:\n  - mentee: a@example.org\n    minutes: 010\n",
		"schema: 1\nid: x\n\nmeetings:\n  - mentee: a@example.org\n    held: yes\n",
		"schema: 1\nid: x\n\nparticipants:\n  - email: a@example.org\n    themes: [a, 'b']\n",
		"schema: 1\nid: x\r\n",
		"schema: 2\nid: x\n",
		"id: x\nschema: 1\n",
		"schema: 1\n",
		"schema: 1\nid: x",
	} {
		if c, read := readWritten([]byte(src)); read {
			t.Errorf("the shortcut reads %+v from\n%s", c, src)
		}
	}
}

// FuzzReadWritten: whatever the shortcut reads, yaml.v3 reads too, to the
// same records.
func FuzzReadWritten(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 5 {
		c := sampleCohort(r, "f", n*2+1)
		src, _ := EncodeCohort(&c)
		f.Add(src)
	}
	f.Add([]byte("schema: 1\nid: x\n\nparticipants: []\n\npairs: []\n\nmeetings: []\n\nevaluations: []\n"))
	f.Add([]byte("schema: 1\nid: x\n\nevaluations:\n  - email: a@example.org\n    answers:\n      a: 1\n      \"b c\": -2\n  - {}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		got, ok := readWritten(src)
		if !ok {
			return
		}
		want, err := yamlDecode(src)
		if err != nil {
			t.Fatalf("the shortcut reads %+v where yaml.v3 says %v:\n%s", got, err, src)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the shortcut reads\n%#v\nyaml.v3 reads\n%#v\nfrom\n%q", got, want, src)
		}
	})
}

// FuzzReadWrittenValues: the same for files in the store's layout whose
// values are anything: a string, a date, a number, a yes/no, a list, an
// answer's key and value written as the fuzzer likes.
func FuzzReadWrittenValues(f *testing.F) {
	f.Add("Ane", "2026-03-14", "60", "true", "[a, b]", "tilfredshed", "4")
	f.Add("\"O’Brien\"", "2026-02-30", "010", "yes", "[\"x\", y]", "\"a b\"", "-1")
	f.Add("yes", "\"2026-03-14\"", "0x10", "True", "['a']", "~", "1_000")
	f.Fuzz(func(t *testing.T, name, date, minutes, held, themes, key, answer string) {
		src := "schema: 1\nid: x\nname: " + name + "\n\nparticipants:\n  - email: a@example.org\n    name: " + name +
			"\n    signed_up: " + date + "\n    themes: " + themes + "\n    capacity: " + minutes +
			"\n\nmeetings:\n  - mentee: a@example.org\n    date: " + date + "\n    agenda_sent: " + held + "\n    held: " + held + "\n    minutes: " + minutes +
			"\n\nevaluations:\n  - email: a@example.org\n    answers:\n      " + key + ": " + answer + "\n      z: 1\n    comment: " + name + "\n"
		got, ok := readWritten([]byte(src))
		if !ok {
			return
		}
		want, err := yamlDecode([]byte(src))
		if err != nil {
			t.Fatalf("the shortcut reads %+v where yaml.v3 says %v:\n%s", got, err, src)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the shortcut reads\n%#v\nyaml.v3 reads\n%#v\nfrom\n%q", got, want, src)
		}
	})
}
