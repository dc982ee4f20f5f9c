package outdir

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// tree reads every file under dir: slash path -> content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// stat is a file's FileInfo.
func stat(t *testing.T, name string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// untouched reports whether the file is still the one before was taken of
// (not replaced by a rename) with the same time (not written).
func untouched(t *testing.T, before os.FileInfo, name string) bool {
	t.Helper()
	now := stat(t, name)
	return os.SameFile(before, now) && now.ModTime().Equal(before.ModTime())
}

// update runs one Update of dir to files and returns its stats.
func update(t *testing.T, dir string, files map[string]string) UpdateStats {
	t.Helper()
	u, err := testKind.BeginUpdate(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range slices.Sorted(maps.Keys(files)) {
		u.Put(n, []byte(files[n]))
	}
	st, err := u.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestUpdate: an update writes the new and changed files, leaves the
// unchanged ones untouched (same inode, same time), removes the files no
// longer made and the folders left empty, and resolves a file where a
// folder is wanted and the other way round.
func TestUpdate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	first := map[string]string{
		"index.html":     "home",
		"a/index.html":   "a",
		"b/index.html":   "b",
		"old/index.html": "old",
		"x":              "x is a file first",
		"y/index.html":   "y is a folder first",
		"empty.txt":      "",
	}
	st := update(t, dir, first)
	if st.Written != len(first) || st.Removed != 0 {
		t.Errorf("first update: %+v, want %d written", st, len(first))
	}
	want := maps.Clone(first)
	want[testKind.Marker] = testKind.MarkerText
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Fatalf("after the first update: %v, want %v", got, want)
	}
	// Unchanged files keep their inode and time; make the times old so
	// that a rewrite would show.
	past := time.Now().Add(-time.Hour)
	for _, n := range []string{"index.html", "a/index.html", "empty.txt", testKind.Marker} {
		os.Chtimes(filepath.Join(dir, n), past, past)
	}
	before := map[string]os.FileInfo{}
	for _, n := range []string{"index.html", "a/index.html", "empty.txt", testKind.Marker} {
		before[n] = stat(t, filepath.Join(dir, n))
	}
	second := map[string]string{
		"index.html":   "home",
		"a/index.html": "a",
		"b/index.html": "b changed",
		"c/index.html": "c new",
		"x/index.html": "x is a folder now",
		"y":            "y is a file now",
		"empty.txt":    "",
	}
	st = update(t, dir, second)
	if st.Written != 4 || st.Removed != 3 {
		t.Errorf("second update: %+v, want 4 written (b, c, x, y) and 3 removed (old, x, y/index.html)", st)
	}
	want = maps.Clone(second)
	want[testKind.Marker] = testKind.MarkerText
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("after the second update: %v, want %v", got, want)
	}
	for n, fi := range before {
		if !untouched(t, fi, filepath.Join(dir, n)) {
			t.Errorf("%s was rewritten, though its bytes did not change", n)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "old")); err == nil {
		t.Error("the folder of a file no longer made is still there")
	}
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("the update left files beside the folder: %v", ents)
	}
}

// TestUpdateUncommitted: an update that is not committed (the build
// failed) changes nothing, even where every file differs.
func TestUpdateUncommitted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	update(t, dir, map[string]string{"a.html": "a", "b/c.html": "c"})
	want := tree(t, dir)
	u, err := testKind.BeginUpdate(dir)
	if err != nil {
		t.Fatal(err)
	}
	u.Put("a.html", []byte("changed"))
	u.Put("new.html", []byte("new"))
	if u.Changed() != 2 || u.Files() != 2 {
		t.Errorf("Changed %d, Files %d; want 2 and 2", u.Changed(), u.Files())
	}
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("an update changed the folder before its commit: %v, want %v", got, want)
	}
}

// TestUpdateRefuses: the marker guard holds for updates too.
func TestUpdateRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := testKind.BeginUpdate(dir)
	if err == nil || !strings.Contains(err.Error(), "has no "+testKind.Marker) {
		t.Fatalf("want the marker refusal, got %v", err)
	}
	if got := tree(t, dir); len(got) != 1 {
		t.Errorf("the refused folder changed: %v", got)
	}
}

// TestUpdateRemovesTempLeftovers: a temporary file a killed run left in
// the folder is not part of the output, and goes.
func TestUpdateRemovesTempLeftovers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	update(t, dir, map[string]string{"a.html": "a"})
	left := filepath.Join(dir, ".a.html.tmp-p999999999-123")
	if err := os.WriteFile(left, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	st := update(t, dir, map[string]string{"a.html": "a"})
	if st.Written != 0 || st.Removed != 1 {
		t.Errorf("%+v, want nothing written and the leftover removed", st)
	}
	if _, err := os.Stat(left); err == nil {
		t.Error("the leftover temporary file is still there")
	}
}

// TestUpdateThroughSymlink: a folder named by a symbolic link to it (a
// web server's folder linked into the project) is updated as the folder
// itself is: the files no longer made are removed too. The link was
// walked as a file, so nothing was ever removed.
func TestUpdateThroughSymlink(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real")
	update(t, real, map[string]string{"index.html": "home", "old/index.html": "old", "a.txt": "a"})
	link := filepath.Join(t.TempDir(), "out")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	st := update(t, link, map[string]string{"index.html": "home", "a.txt": "a changed"})
	if st.Written != 1 || st.Removed != 1 {
		t.Errorf("%+v, want a.txt written and old/index.html removed", st)
	}
	want := map[string]string{"index.html": "home", "a.txt": "a changed", testKind.Marker: testKind.MarkerText}
	if got := tree(t, real); !maps.Equal(got, want) {
		t.Errorf("the folder holds %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(real, "old")); err == nil {
		t.Error("the folder of a file no longer made is still there")
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v %v", fi, err)
	}
}
