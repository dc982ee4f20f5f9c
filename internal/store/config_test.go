package store

import (
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
		{"    ends: {min: {en: Low}, max: {da: Høj}}\n", "evaluation_questions: t: ends needs a scale and a Danish min and max"},
		{"    ends: {min: {da: Lav}}\n", "evaluation_questions: t: ends needs a scale and a Danish min and max"},
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
