package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/status"
)

// TestBuildUsesAggregateFile: with data/programmet-i-tal.json present, the
// numbers page shows its figures (and not those of data/cohorts); a broken
// file stops the build naming it.
func TestBuildUsesAggregateFile(t *testing.T) {
	dir := project(t)
	started := 43
	pub := &status.Public{Schema: 1, AsOf: "2031-06-30", MinGroupSize: 5,
		Years: []status.PublicYear{{Year: 2031, Started: &started, Completed: nil, Stopped: &started}}, Questions: []status.PublicQuestion{}}
	path := filepath.Join(dir, "data", status.PublicFile)
	if err := status.WritePublic(path, pub); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "public", "da", "tal", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{`<th scope="row">2031</th><td class="num">43</td>`, "30. juni 2031", "numbers-few"} {
		if !strings.Contains(page, want) {
			t.Errorf("the numbers page lacks %q from the aggregate file", want)
		}
	}
	if err := os.WriteFile(path, []byte(`{"schema":1,"names":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	err = runBuild(args(dir), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), status.PublicFile) {
		t.Errorf("a broken aggregate file: error %v, want one naming it", err)
	}
}

// TestDemoWarningFollowsNumbersPage: the build warns about invented figures
// when the numbers page shows them: the repository's demo register (as it
// ships, demo: true) without an aggregate file, or an aggregate file that
// says demo. Real figures exported by the desk (demo false) silence it,
// though the demo cohorts stay in data/.
func TestDemoWarningFollowsNumbersPage(t *testing.T) {
	for _, tc := range []struct {
		name string
		file *bool // nil: no aggregate file
		warn bool
	}{
		{"demo register, no file", nil, true},
		{"real figures exported", new(false), false},
		{"demo figures exported", new(true), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t)
			if tc.file != nil {
				pub := &status.Public{Schema: 1, Demo: *tc.file, AsOf: "2031-06-30", MinGroupSize: 5,
					Years: []status.PublicYear{}, Questions: []status.PublicQuestion{}}
				if err := status.WritePublic(filepath.Join(dir, "data", status.PublicFile), pub); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			if err := runBuild(args(dir), &stdout, &stderr); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr.String())
			}
			got := strings.Contains(stderr.String(), "demo is true, so the numbers page says its figures are invented")
			if got != tc.warn {
				t.Errorf("demo warning %v, want %v:\n%s", got, tc.warn, stderr.String())
			}
			if got && !strings.Contains(stderr.String(), "Udgiv tal") {
				t.Errorf("the warning does not say how to publish real figures:\n%s", stderr.String())
			}
		})
	}
}
