// Package gittest makes git repositories for tests: commits with given
// dates and shallow clones, with the user's and the system's git
// configuration left out. It serves the tests of internal/gitdates and
// the end-to-end build test of cmd/build.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Run runs git with args in dir; date, when not "", is the author's and
// committer's date. It fails the test on an error.
func Run(t testing.TB, dir, date string, args ...string) {
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

// Need skips the test when git is not installed.
func Need(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// ShallowClone clones repo with --depth depth into a new temporary folder
// and returns the clone's folder.
func ShallowClone(t testing.TB, repo string, depth string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "clone")
	Run(t, "", "", "clone", "-q", "--depth", depth, "file://"+filepath.ToSlash(repo), dst)
	return dst
}
