package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRun runs git in dir, committing at date when it is set.
func gitRun(t *testing.T, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org",
		"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// gitProject is the test project as a repository of three commits: all
// files (2020-01-02), content/da/regler.md changed (2021-02-03), and
// content/da/ark.md changed (2022-03-04).
func gitProject(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := project(t)
	gitRun(t, dir, "", "init", "-q")
	gitRun(t, dir, "", "add", "-A")
	gitRun(t, dir, "2020-01-02T10:00:00Z", "commit", "-q", "-m", "first")
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
		gitRun(t, dir, "", "add", "-A")
		gitRun(t, dir, c.date, "commit", "-q", "-m", "change "+c.file)
	}
	return dir
}

// shallowClone clones repo with the given depth through file://, so that
// the clone is really shallow.
func shallowClone(t *testing.T, repo string, depth string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "clone")
	gitRun(t, "", "", "clone", "-q", "--depth", depth, "file://"+filepath.ToSlash(repo), dst)
	return dst
}

// TestShallowCloneBuild: a build in a depth-1 clone shows the front
// matter's dates and the files' times, not the one commit's date on every
// page (the dates themselves are tested in internal/gitdates).
func TestShallowCloneBuild(t *testing.T) {
	clone := shallowClone(t, gitProject(t), "1")
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
