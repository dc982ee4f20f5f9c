// Package gitdates reads the dates on which the files of a folder were
// last changed from git, for the handbook's "last updated" dates
// (cmd/build gives them to site.Options.LastModified).
//
// It runs the git program rather than a Go git library, which would be a
// new dependency for one query: one `git log --name-only` pass over the
// folder gives every file's newest commit, and a file's date is that
// commit's committer date. In a shallow clone (a CI checkout of depth 1)
// the oldest commits present, the boundary listed in the clone's shallow
// file, show every file as added: a date that only such a commit gives is
// left out, and the caller falls back to what else it has (cmd/build: the
// page's front matter's updated, then the file's time). Where a shallow
// clone's boundary cannot be read, no date is given at all.
package gitdates

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Read reads the last commit date of every file under dir in one `git
// log` pass, and returns the lookup of a file's date by its name: dir as
// given joined with the file's path below it, in slashes or not. Without
// git or outside a repository it returns nil; it never fails.
func Read(dir string) func(path string) (time.Time, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r // git names files by the real path of the work tree
	}
	top, err := exec.Command("git", "-C", abs, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return nil
	}
	root := strings.TrimSpace(string(top))
	boundary, ok := shallowBoundary(root)
	if !ok {
		return nil // shallow, and the boundary is unknown: trust no date
	}
	cmd := exec.Command("git", "-C", root, "log", "--name-only", "--format=%x00%H %cI", "--", abs)
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	dates := map[string]time.Time{}
	var cur time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x00") {
			hash, date, _ := strings.Cut(strings.TrimPrefix(line, "\x00"), " ")
			cur = time.Time{}
			if !boundary[hash] {
				cur, _ = time.Parse(time.RFC3339, date)
			}
			continue
		}
		if line == "" || cur.IsZero() {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(line))
		if _, seen := dates[p]; !seen {
			dates[p] = cur
		}
	}
	base := filepath.Clean(dir)
	return func(name string) (time.Time, bool) {
		// name is "<content>/da/x.md" with <content> as given on the command line.
		rel := strings.TrimPrefix(filepath.FromSlash(name), base+string(filepath.Separator))
		t, ok := dates[filepath.Join(abs, rel)]
		return t, ok
	}
}

// shallowBoundary returns the boundary commits of a shallow clone of the
// repository at root (the hashes in its shallow file): none for a complete
// clone, and ok false when the clone is shallow and they cannot be read.
func shallowBoundary(root string) (map[string]bool, bool) {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--is-shallow-repository").Output()
	if err != nil {
		return nil, false
	}
	if strings.TrimSpace(string(out)) != "true" {
		return nil, true
	}
	out, err = exec.Command("git", "-C", root, "rev-parse", "--path-format=absolute", "--git-path", "shallow").Output()
	if err != nil {
		return nil, false
	}
	src, err := os.ReadFile(strings.TrimSpace(string(out)))
	if err != nil {
		return nil, false
	}
	b := map[string]bool{}
	for _, h := range strings.Fields(string(src)) {
		b[h] = true
	}
	return b, true
}
