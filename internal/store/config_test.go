package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A question's ends are checked: they need a scale and Danish words for
// both ends.
func TestConfigScaleEnds(t *testing.T) {
	q := func(ends string) string {
		return "schema: 1\nrules: {duration_months: {min: 8, max: 12}, min_meetings_after_clarification: 4}\n" +
			"followup: {first_contact_weeks: 6, quiet_weeks: 16, evaluation_due_weeks: 4, waiting_weeks: 8}\n" +
			"privacy: {min_group_size: 5, min_group_size_comments: 10}\n" +
			"evaluation_questions:\n  - id: t\n    label: {da: T}\n    headers: [T]\n    scale: {min: 1, max: 5}\n" + ends
	}
	for _, tc := range []struct {
		ends, err string
	}{
		{"", ""},
		{"    ends: {min: {da: Lav, en: Low}, max: {da: Høj, en: High}}\n", ""},
		{"    ends: {min: {en: Low}, max: {da: Høj}}\n", "evaluation_questions: t: ends kræver en scale og et dansk min og max (da)"},
		{"    ends: {min: {da: Lav}}\n", "evaluation_questions: t: ends kræver en scale og et dansk min og max (da)"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(q(tc.ends)), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := LoadConfig(dir)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.ends, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want %q", tc.ends, err, tc.err)
		case tc.err == "" && tc.ends != "" && cfg.Questions[0].Ends.Max["da"] != "Høj":
			t.Errorf("%q: ends read as %+v", tc.ends, cfg.Questions[0].Ends)
		}
	}
}

// TestConfigErrors: a programme.yaml edited by hand is refused in Danish,
// naming the file, the line where yaml.v3 gives one, and the key.
// (Keys unknown to the program are not refused: the handbook's {{rule
// KEY}} reads any.)
func TestConfigErrors(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "data", "programme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	good := string(src)
	line := func(prefix string) int {
		for n, l := range strings.Split(good, "\n") {
			if strings.HasPrefix(l, prefix) {
				return n + 1
			}
		}
		t.Fatalf("data/programme.yaml has no line %q", prefix)
		return 0
	}
	rules, meetings := line("rules:"), line("  min_meetings_after_clarification:")
	for _, tc := range []struct{ name, src, want string }{
		{"a word for a number", strings.Replace(good, "min_meetings_after_clarification: 4", "min_meetings_after_clarification: fire", 1),
			fmt.Sprintf("programme.yaml:%d: værdien kan ikke bruges her (yaml: cannot unmarshal !!str `fire` into int): se efter", meetings)},
		{"a missing colon", strings.Replace(good, "rules:", "rules", 1),
			fmt.Sprintf("programme.yaml:%d: filen kan ikke læses som YAML (yaml: could not find expected ':'): se efter et manglende kolon", rules)},
		{"an empty file", "", "programme.yaml: filen er tom"},
		{"a rule left out", strings.Replace(good, "min_meetings_after_clarification:", "# ", 1),
			"programme.yaml: rules.min_meetings_after_clarification skal være sat og over 0"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadConfig(dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

// TestConfigMissing: a data folder without programme.yaml is refused in
// Danish, naming the file, and the error is still fs.ErrNotExist.
func TestConfigMissing(t *testing.T) {
	dir := t.TempDir()
	_, err := LoadConfig(dir)
	want := filepath.Join(dir, "programme.yaml") + ": filen findes ikke ("
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "): se efter, at -data er registrets mappe") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%v, want an error beginning %q, and fs.ErrNotExist", err, want)
	}
}
