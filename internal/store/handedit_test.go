package store

import (
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestReadWrittenHandEdited: a cohort file edited by hand, as a member of
// the secretariat might in Notepad or TextEdit, is read exactly as yaml.v3
// reads it, whether or not the shortcut takes it: the same records, or
// the same refusal naming the file and line. Every edit is tried on a demo
// cohort file and on a sample file with tricky strings, answers and
// handled follow-ups.
func TestReadWrittenHandEdited(t *testing.T) {
	demo, err := os.ReadFile("../../data/cohorts/2026-foraar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := sampleCohort(rand.New(rand.NewPCG(7, 8)), "k", 7)
	sample, err := EncodeCohort(&c)
	if err != nil {
		t.Fatal(err)
	}
	line := func(re, repl string) func(string) string {
		rx := regexp.MustCompile("(?m)" + re)
		return func(s string) string {
			done := false
			return rx.ReplaceAllStringFunc(s, func(m string) string {
				if done {
					return m
				}
				done = true
				return rx.ReplaceAllString(m, repl)
			})
		}
	}
	edits := map[string]func(string) string{
		"CRLF line ends":          func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"CR line ends":            func(s string) string { return strings.ReplaceAll(s, "\n", "\r") },
		"byte order mark":         func(s string) string { return "\uFEFF" + s },
		"BOM and CRLF":            func(s string) string { return "\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n") },
		"trailing spaces":         func(s string) string { return strings.ReplaceAll(s, "\n", " \n") },
		"a trailing space":        line(`^(    name: .*)$`, "$1 "),
		"a trailing tab":          line(`^(    name: .*)$`, "$1\t"),
		"tab indentation":         func(s string) string { return strings.ReplaceAll(s, "\n    ", "\n\t") },
		"tab after a colon":       line(`^id: `, "id:\t"),
		"comment line first":      func(s string) string { return "# rettet af sekretariatet\n" + s },
		"comment after a value":   line(`^(    name: .*)$`, "$1 # rettet"),
		"comment last":            func(s string) string { return s + "# slut\n" },
		"no final line end":       func(s string) string { return strings.TrimSuffix(s, "\n") },
		"keys reordered":          line(`^  - email: (.*)\n    name: (.*)$`, "  - name: $2\n    email: $1"),
		"id after name":           line(`^id: (.*)\nname: (.*)$`, "name: $2\nid: $1"),
		"schema last":             func(s string) string { return strings.TrimPrefix(s, "schema: 1\n") + "schema: 1\n" },
		"escape in double quotes": line(`^    name: .*$`, `    name: "Alberte\u00e5 \t Antagelse"`),
		"single quotes":           line(`^    name: .*$`, `    name: 'Alberte ''A'' Antagelse'`),
		"name with colon space":   line(`^    name: .*$`, "    name: Alberte: Antagelse"),
		"name with space hash":    line(`^    name: .*$`, "    name: Alberte #Antagelse"),
		"name with hash":          line(`^    name: .*$`, "    name: Alberte#Antagelse"),
		"name yes":                line(`^    name: .*$`, "    name: yes"),
		"name Off":                line(`^    name: .*$`, "    name: Off"),
		"name null":               line(`^    name: .*$`, "    name: null"),
		"name tilde":              line(`^    name: .*$`, "    name: ~"),
		"name empty":              line(`^    name: .*$`, "    name:"),
		"name a number":           line(`^    name: .*$`, "    name: 0012"),
		"name 1e3":                line(`^    name: .*$`, "    name: 1e3"),
		"name 0x1F":               line(`^    name: .*$`, "    name: 0x1F"),
		"name a date":             line(`^    name: .*$`, "    name: 2026-03-14"),
		"name a date and time":    line(`^    name: .*$`, "    name: 2026-03-14 10:15:00"),
		"name an anchor":          line(`^    name: .*$`, "    name: &a Alberte"),
		"name a tag":              line(`^    name: .*$`, "    name: !!str Alberte"),
		"name on two lines":       line(`^    name: (.*)$`, "    name: $1\n      Andersen"),
		"name a literal block":    line(`^    name: (.*)$`, "    name: |-\n      $1"),
		"name NEL":                line(`^    name: (.*)$`, "    name: A\u0085$1"),
		"name line separator":     line(`^    name: (.*)$`, "    name: \"A\u2028$1\""),
		"name NUL":                line(`^    name: (.*)$`, "    name: $1\x00"),
		"name invalid UTF-8":      line(`^    name: (.*)$`, "    name: \xffA$1"),
		"name Latin-1":            line(`^    name: (.*)$`, "    name: \xc5ge"),
		"date and time":           line(`^    signed_up: (\d{4}-\d\d-\d\d)$`, "    signed_up: $1 10:15:00"),
		"date and time T Z":       line(`^    signed_up: (\d{4}-\d\d-\d\d)$`, "    signed_up: ${1}T10:15:00Z"),
		"date quoted":             line(`^    signed_up: (\d{4}-\d\d-\d\d)$`, `    signed_up: "$1"`),
		"date null":               line(`^    signed_up: .*$`, "    signed_up: null"),
		"date impossible":         line(`^    signed_up: .*$`, "    signed_up: 2026-02-30"),
		"date without zeros":      line(`^    signed_up: (\d{4})-0(\d)-0?(\d+)$`, "    signed_up: $1-$2-$3"),
		"role yes":                line(`^    role: .*$`, "    role: yes"),
		"role capitalised":        line(`^    role: mentee$`, "    role: Mentee"),
		"empty list as []":        line(`^(\s*)themes: .*$`, "${1}themes: []"),
		"empty list as nothing":   line(`^(\s*)themes: .*$`, "${1}themes:"),
		"list quoted item":        line(`^(\s*)themes: \[(\w+)`, `${1}themes: ["$2"`),
		"list without spaces":     line(`^(\s*)themes: \[(\w+), `, "${1}themes: [$2,"),
		"list in block style":     line(`^(\s*)themes: \[(\w+), .*\]$`, "${1}themes:\n$1  - $2"),
		"records list as nothing": func(s string) string {
			return regexp.MustCompile(`\npairs:\n(  .*\n)+`).ReplaceAllString(s, "\npairs:\n")
		},
		"records list as []": func(s string) string {
			return regexp.MustCompile(`\npairs:\n(  .*\n)+`).ReplaceAllString(s, "\npairs: []\n")
		},
		"records indented 4":        func(s string) string { return strings.ReplaceAll(s, "\n  - ", "\n    - ") },
		"records not indented":      func(s string) string { return strings.ReplaceAll(s, "\n  - ", "\n- ") },
		"an empty record":           line(`^(  - email: )`, "  - {}\n$1"),
		"a blank line in a list":    line(`^(  - email: )`, "\n$1"),
		"no blank lines":            func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n") },
		"more blank lines":          func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n\n\n") },
		"key capitalised":           line(`^    name:`, "    Name:"),
		"top key capitalised":       line(`^id:`, "ID:"),
		"key twice":                 line(`^(id: .*)$`, "$1\n$1"),
		"record key twice":          line(`^(    name: .*)$`, "$1\n$1"),
		"record key twice, other":   line(`^(    name: .*)$`, "$1\n    name: Anden"),
		"unknown key":               line(`^(    name: .*)$`, "$1\n    telefon: 12345678"),
		"unknown top key":           func(s string) string { return s + "\nnote: x\n" },
		"capacity yes":              line(`^    capacity: .*$`, "    capacity: yes"),
		"capacity 2.0":              line(`^    capacity: .*$`, "    capacity: 2.0"),
		"capacity quoted":           line(`^    capacity: .*$`, `    capacity: "2"`),
		"capacity 010":              line(`^    capacity: .*$`, "    capacity: 010"),
		"capacity +2":               line(`^    capacity: .*$`, "    capacity: +2"),
		"capacity 1_0":              line(`^    capacity: .*$`, "    capacity: 1_0"),
		"capacity too large":        line(`^    capacity: .*$`, "    capacity: 99999999999999999999"),
		"held yes":                  line(`^    held: (true|false)$`, "    held: yes"),
		"held on":                   line(`^    held: (true|false)$`, "    held: on"),
		"held True":                 line(`^    held: (true|false)$`, "    held: True"),
		"held null":                 line(`^    held: (true|false)$`, "    held: null"),
		"agenda y":                  line(`^    agenda_sent: (true|false)$`, "    agenda_sent: y"),
		"minutes in words":          line(`^    minutes: \d+$`, "    minutes: sixty"),
		"minutes 1e2":               line(`^    minutes: \d+$`, "    minutes: 1e2"),
		"answer key quoted":         line(`^      (\w+): (-?\d+)$`, `      "$1": $2`),
		"answer quoted":             line(`^      (\w+): (-?\d+)$`, `      $1: "$2"`),
		"answer twice":              line(`^(      \w+: -?\d+)$`, "$1\n$1"),
		"answer key yes":            line(`^      (\w+): (-?\d+)$`, "      yes: $2"),
		"answer 2.5":                line(`^      (\w+): (-?\d+)$`, "      $1: $2.5"),
		"answers in flow style":     line(`^    answers:\n      (\w+): (-?\d+)\n`, "    answers: {$1: $2}\n"),
		"document start":            func(s string) string { return "---\n" + s },
		"document end":              func(s string) string { return s + "...\n" },
		"a second document":         func(s string) string { return s + "---\nid: andet\n" },
		"schema quoted":             func(s string) string { return strings.Replace(s, "schema: 1", `schema: "1"`, 1) },
		"schema 01":                 func(s string) string { return strings.Replace(s, "schema: 1", "schema: 01", 1) },
		"schema 2":                  func(s string) string { return strings.Replace(s, "schema: 1", "schema: 2", 1) },
		"id missing":                line(`^id: .*\n`, ""),
		"id quoted":                 line(`^id: (.*)$`, `id: "$1"`),
		"truncated":                 func(s string) string { return s[:len(s)/2] },
		"truncated after a key":     func(s string) string { return s[:strings.Index(s, "\n    name:")+10] },
		"only the schema":           func(string) string { return "schema: 1\n" },
		"empty":                     func(string) string { return "" },
		"upper case":                strings.ToUpper,
		"NFD letters":               func(s string) string { return strings.ReplaceAll(s, "å", "a\u030a") },
		"zero-width space in email": line(`^  - email: (.*)$`, "  - email: \u200b$1"),
	}
	read := 0
	for name, edit := range edits {
		for _, src := range []string{string(demo), string(sample)} {
			text := edit(src)
			if text == src {
				continue // the edit does not apply to this file
			}
			got, gotErr := decodeCohort("x.yaml", []byte(text))
			if _, ok := readWritten([]byte(text)); ok {
				read++
			}
			want, wantErr := yamlDecode([]byte(text))
			if wantErr != nil {
				if gotErr == nil {
					t.Errorf("%s: read as %+v, where yaml.v3 says %v:\n%s", name, got, wantErr, text)
				}
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: read as\n%+v\nyaml.v3 reads\n%+v\nfrom\n%q", name, got, want, text)
			}
		}
	}
	if read == 0 {
		t.Error("the shortcut read none of the edited files (those with a blank line more or less are in its layout)")
	}
	// Cut anywhere or with a byte gone or added, the sample reads as
	// yaml.v3 reads it.
	for i := range len(sample) {
		for _, text := range []string{string(sample[:i]), string(sample[:i]) + "\xff" + string(sample[i:]), string(sample[:i]) + string(sample[i+1:])} {
			got, ok := readWritten([]byte(text))
			if !ok {
				continue
			}
			want, err := yamlDecode([]byte(text))
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("the shortcut reads\n%+v\nyaml.v3 reads\n%+v (%v)\nfrom\n%q", got, want, err, text)
			}
		}
	}
}
