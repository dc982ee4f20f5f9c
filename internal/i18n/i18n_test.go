package i18n

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestThemeHasEveryKeyInBothLanguages loads the real theme: every key of
// every section is in Danish and in English, none is empty.
func TestThemeHasEveryKeyInBothLanguages(t *testing.T) {
	words, err := Load(os.DirFS("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	da, en := words["da"], words["en"]
	for sec, m := range da.sections() {
		if len(m) == 0 {
			t.Errorf("da.yaml: %s: no strings", sec)
		}
		for k := range m {
			if en.sections()[sec][k] == "" {
				t.Errorf("%s: %s is in da.yaml, not in en.yaml", sec, k)
			}
		}
		for k := range en.sections()[sec] {
			if m[k] == "" {
				t.Errorf("%s: %s is in en.yaml, not in da.yaml", sec, k)
			}
		}
	}
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	if got := da.Date(day); got != "22. november 2026" {
		t.Errorf("da date %q", got)
	}
	if got := en.Date(day); got != "22 November 2026" {
		t.Errorf("en date %q", got)
	}
}

const months = "months: [a, b, c, d, e, f, g, h, i, j, k, l]\ndate: \"{d} {month} {y}\"\n"

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, da, en string
		want         []string // parts of the error
	}{
		{"fine", months + "strings: {a: A}\n", months + "strings: {a: B}\n", nil},
		{"only in Danish", months + "strings: {a: A, b: B}\nmarkdown: {note: N}\n", months + "strings: {a: A}\n",
			[]string{"templates/i18n/en.yaml: strings: b missing (templates/i18n/da.yaml has it)",
				"templates/i18n/en.yaml: markdown: note missing (templates/i18n/da.yaml has it)"}},
		{"only in English", months + "numbers: {}\n", months + "numbers: {few: færre}\n",
			[]string{"templates/i18n/da.yaml: numbers: few missing (templates/i18n/en.yaml has it)"}},
		{"empty", months + "strings: {a: ''}\n", months + "strings: {a: A}\n", []string{"templates/i18n/da.yaml: strings: a is empty"}},
		{"eleven months", "months: [a]\ndate: x\n", months, []string{"templates/i18n/da.yaml: months: 1 names, want 12"}},
		{"unknown section", months + "strng: {a: A}\n", months, []string{"templates/i18n/da.yaml: ", "field strng not found"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"i18n/da.yaml": {Data: []byte(tc.da)}, "i18n/en.yaml": {Data: []byte(tc.en)}}
			_, err := Load(fsys)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
		})
	}
	if _, err := Load(fstest.MapFS{"i18n/da.yaml": {Data: []byte(months)}}); err == nil || !strings.Contains(err.Error(), "templates/i18n/en.yaml: open i18n/en.yaml") {
		t.Errorf("missing en.yaml: %v", err)
	}
}

func TestMissing(t *testing.T) {
	l := &Lang{Lang: "en", T: map[string]string{"a": "A"}}
	errs := Missing(l, "strings", []string{"a", "b", "c"})
	if len(errs) != 2 || errs[0].Error() != "templates/i18n/en.yaml: strings: b missing" || errs[1].Error() != "templates/i18n/en.yaml: strings: c missing" {
		t.Errorf("Missing: %v", errs)
	}
}
