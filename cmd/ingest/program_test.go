package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestVersion: -version prints the program's version on stdout and does
// nothing else.
func TestVersion(t *testing.T) {
	data := newData(t)
	r := runIngest(t, "-data", data, "-version")
	if r.code != 0 || !regexp.MustCompile(`^ingest \S+\n$`).MatchString(r.stdout) || r.stderr != "" {
		t.Errorf("-version: exit %d, stdout %q, stderr %q; want exit 0 and one line \"ingest VERSION\"", r.code, r.stdout, r.stderr)
	}
	if got := snapshot(t, filepath.Join(data, "cohorts")); len(got) != 0 {
		t.Errorf("-version wrote %d files into data/", len(got))
	}
}

// TestBuiltInTheme: without -templates the status pages are made from the
// theme built into the program, so it works from a folder without
// templates/ (the test runs in cmd/ingest, which has none).
func TestBuiltInTheme(t *testing.T) {
	if _, err := os.Stat("templates"); err == nil {
		t.Fatal("the test's folder has a templates/; the test needs one without")
	}
	data := newData(t)
	priv := filepath.Join(t.TempDir(), "private")
	var out, errb bytes.Buffer
	code := ingestMain(append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-private", priv}, examples...), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	want, err := os.ReadFile("../../templates/assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	css, _ := filepath.Glob(filepath.Join(priv, "assets", "site.*.css"))
	if len(css) != 1 {
		t.Fatalf("the status pages have %d handbook stylesheets, want 1", len(css))
	}
	got, err := os.ReadFile(css[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not templates/assets/site.css", css[0])
	}
	if _, err := os.Stat(filepath.Join(priv, "index.html")); err != nil {
		t.Errorf("no status overview: %v", err)
	}
}
