package register

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// repo makes a git working tree with a .gitignore holding ignore.
func repo(t *testing.T, ignore string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if ignore != "" {
		if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(ignore), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGitCheck(t *testing.T) {
	needGit(t)
	tests := []struct {
		name    string
		dir     func(t *testing.T) string
		refused bool
	}{
		{"outside any working tree", func(t *testing.T) string { return mkdir(t, filepath.Join(t.TempDir(), "register")) }, false},
		{"inside, not ignored", func(t *testing.T) string { return mkdir(t, filepath.Join(repo(t, ""), "data")) }, true},
		{"inside, another folder ignored", func(t *testing.T) string { return mkdir(t, filepath.Join(repo(t, "private/\n"), "data")) }, true},
		{"inside, ignored", func(t *testing.T) string { return mkdir(t, filepath.Join(repo(t, "register/\n"), "register")) }, false},
		{"inside an ignored parent", func(t *testing.T) string { return mkdir(t, filepath.Join(repo(t, "/lokalt\n"), "lokalt", "register")) }, false},
		{"not made yet, inside, not ignored", func(t *testing.T) string { return filepath.Join(repo(t, ""), "ny", "register") }, true},
		{"not made yet, inside, ignored", func(t *testing.T) string { return filepath.Join(repo(t, "ny/\n"), "ny", "register") }, false},
		{"the working tree's top", func(t *testing.T) string { return repo(t, "") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			err := GitCheck(dir)
			var ge *InGitError
			if got := errors.As(err, &ge); got != tt.refused || (!tt.refused && err != nil) {
				t.Fatalf("GitCheck(%s) = %v, refused want %v", dir, err, tt.refused)
			}
			if tt.refused && (!strings.Contains(err.Error(), "git ignorerer den ikke") || !strings.Contains(err.Error(), ge.Top)) {
				t.Errorf("the message does not say why and where: %v", err)
			}
		})
	}
}

// TestGitCheckWithoutGit: without git installed a .git upwards is enough
// to refuse; without one the folder is accepted.
func TestGitCheckWithoutGit(t *testing.T) {
	old := gitCommand
	gitCommand = "mentorprogram-no-such-git"
	defer func() { gitCommand = old }()
	top := t.TempDir()
	mkdir(t, filepath.Join(top, ".git"))
	err := GitCheck(mkdir(t, filepath.Join(top, "a", "register")))
	var ge *InGitError
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "git er ikke installeret") {
		t.Errorf("a .git above, no git: %v, want a refusal saying git is missing", err)
	}
	// A linked worktree has a .git file.
	top2 := t.TempDir()
	if err := os.WriteFile(filepath.Join(top2, ".git"), []byte("gitdir: /elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := GitCheck(filepath.Join(top2, "register")); !errors.As(err, &ge) {
		t.Errorf("a .git file above, no git: %v, want a refusal", err)
	}
	if err := GitCheck(mkdir(t, filepath.Join(t.TempDir(), "register"))); err != nil {
		t.Errorf("no .git above, no git: %v, want nil", err)
	}
}

// TestGuard: real data (demo: false) in an unignored folder is refused;
// the shipped demo (demo: true) is not.
func TestGuard(t *testing.T) {
	needGit(t)
	for _, tt := range []struct {
		demo    string
		refused bool
	}{{"demo: true\n", false}, {"demo: false\n", true}, {"", true}} {
		dir := mkdir(t, filepath.Join(repo(t, ""), "data"))
		src, err := os.ReadFile(filepath.Join("..", "..", "data", "programme.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg := strings.Replace(string(src), "demo: true\n", tt.demo, 1)
		if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		var ge *InGitError
		if err := Guard(dir); errors.As(err, &ge) != tt.refused {
			t.Errorf("%q: Guard = %v, refused want %v", tt.demo, err, tt.refused)
		}
	}
}

// TestGuardPlaces: with real data every place is checked, a probe file by
// the patterns that ignore files; the message names the place.
func TestGuardPlaces(t *testing.T) {
	needGit(t)
	work := repo(t, "/ignoreret/\n*.afvist.xlsx\n")
	data := mkdir(t, filepath.Join(t.TempDir(), "register"))
	src, err := os.ReadFile(filepath.Join("..", "..", "data", "programme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "programme.yaml"), []byte(strings.Replace(string(src), "demo: true\n", "demo: false\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		place   Place
		refused bool
	}{
		{"folder, not ignored", Place{Dir: filepath.Join(work, "private"), What: "statussidemappen"}, true},
		{"folder, ignored", Place{Dir: filepath.Join(work, "ignoreret", "private"), What: "statussidemappen"}, false},
		{"workbooks ignored by their pattern", Place{Dir: work, What: "mappen til afviste rækker", Probe: "x.afvist.xlsx"}, false},
		{"another file in the same folder", Place{Dir: work, What: "mappen til afviste rækker", Probe: "x.xlsx"}, true},
		{"no folder", Place{}, false},
	} {
		err := GuardPlaces(data, Place{Dir: data}, tt.place)
		var ge *InGitError
		if errors.As(err, &ge) != tt.refused || (!tt.refused && err != nil) {
			t.Errorf("%s: %v, refused want %v", tt.name, err, tt.refused)
		}
		if tt.refused && err != nil && !strings.HasPrefix(err.Error(), tt.place.What+" ") {
			t.Errorf("%s: the message does not name the place: %v", tt.name, err)
		}
	}
}
