package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadIDNotFileName: a cohort file whose id is not its file's name
// (an id edited by hand, a file copied under another name) is refused,
// naming the file and the id's line: the ingest would otherwise save the
// cohort of that name over it (a sign-up for "2026 Forår" writes
// 2026-foraar.yaml), and the records of the cohort the file held were lost;
// or keep two cohorts of one id.
func TestLoadIDNotFileName(t *testing.T) {
	src, err := os.ReadFile("../../data/cohorts/2026-foraar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, text, want string }{
		{"id edited", "2026-foraar.yaml", strings.Replace(string(src), "id: 2026-foraar", "id: andet", 1),
			"2026-foraar.yaml:2: id andet er ikke filens navn (2026-foraar)"},
		{"file copied", "kopi.yaml", string(src), "kopi.yaml:2: id 2026-foraar er ikke filens navn (kopi)"},
		{"hand-written file", "x.yaml", "# a comment\nschema: 1\nparticipants: []\nid: \"y\"\n", "x.yaml:4: id y er ikke filens navn (x)"},
	} {
		dir := newData(t)
		if err := os.MkdirAll(filepath.Join(dir, CohortDir), 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, CohortDir, tc.file)
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := LoadCohorts(dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: LoadCohorts: %v, want an error with %q", tc.name, err, tc.want)
		}
		if _, _, _, err := PeekCohorts(dir); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: PeekCohorts: %v, want an error with %q", tc.name, err, tc.want)
		}
		if got, _ := os.ReadFile(path); string(got) != tc.text {
			t.Errorf("%s: the file changed", tc.name)
		}
	}
	// The file of the right name reads.
	dir := newData(t)
	os.MkdirAll(filepath.Join(dir, CohortDir), 0o755)
	if err := os.WriteFile(filepath.Join(dir, CohortDir, "2026-foraar.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if cs, _, err := LoadCohorts(dir); err != nil || len(cs) != 1 || cs[0].ID != "2026-foraar" {
		t.Errorf("LoadCohorts: %d cohorts, %v", len(cs), err)
	}
}
