package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/gitdates/gittest"
)

// gitProject is the test project as a repository of three commits: all
// files (2020-01-02), content/da/regler.md changed (2021-02-03), and
// content/da/ark.md changed (2022-03-04).
func gitProject(t *testing.T) string {
	t.Helper()
	gittest.Need(t)
	dir := project(t)
	gittest.Run(t, dir, "", "init", "-q")
	gittest.Run(t, dir, "", "add", "-A")
	gittest.Run(t, dir, "2020-01-02T10:00:00Z", "commit", "-q", "-m", "first")
	for _, c := range []struct{ file, date string }{
		{"content/da/regler.md", "2021-02-03T10:00:00Z"},
		{"content/da/ark.md", "2022-03-04T10:00:00Z"},
	} {
		f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(c.file)), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("\nEn linje mere.\n"); err != nil {
			t.Fatal(err)
		}
		f.Close()
		gittest.Run(t, dir, "", "add", "-A")
		gittest.Run(t, dir, c.date, "commit", "-q", "-m", "change "+c.file)
	}
	return dir
}

// TestShallowCloneBuild: a build in a depth-1 clone shows the front
// matter's dates and the files' times, not the one commit's date on every
// page (the dates themselves are tested in internal/gitdates).
func TestShallowCloneBuild(t *testing.T) {
	clone := gittest.ShallowClone(t, gitProject(t), "1")
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(clone), &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(clone, "public", filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if s := read("da/forloeb/moeder/index.html"); !strings.Contains(s, `datetime="2026-11-02"`) {
		t.Error("da/forloeb/moeder: not the front matter's updated date")
	}
	for _, p := range []string{"da/regler/index.html", "da/forloeb/moeder/index.html", "da/tal/index.html"} {
		if s := read(p); strings.Contains(s, `datetime="2022-03-04"`) {
			t.Errorf("%s: the shallow clone's one commit date", p)
		}
	}
}
