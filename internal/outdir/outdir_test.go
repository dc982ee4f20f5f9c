package outdir

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var testKind = &Kind{Marker: ".test-marker", MarkerText: "test\n", What: "the test folder", Flag: "-test",
	Writer: "the test", Earlier: "an earlier test run"}

// write makes the new folder's content: one file, name, holding text.
func write(t *testing.T, f *Folder, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(f.Dir(), name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// names lists dir's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestCommit: the new folder, with the marker, takes the old one's place;
// stale files go; nothing is left beside it.
func TestCommit(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	for i, file := range []string{"a.html", "b.html"} {
		f, err := testKind.Begin(dir)
		if err != nil {
			t.Fatal(err)
		}
		write(t, f, file, strconv.Itoa(i))
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := names(t, dir), []string{".test-marker", "b.html"}; !slices.Equal(got, want) {
		t.Errorf("the folder holds %v, want %v", got, want)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("beside the folder: %v", got)
	}
}

// TestCheck: a folder that is not empty and has no marker is refused, as
// is a file; an empty or missing folder is fine.
func TestCheck(t *testing.T) {
	parent := t.TempDir()
	for name, make := range map[string]func(p string) error{
		"missing": func(p string) error { return nil },
		"empty":   func(p string) error { return os.Mkdir(p, 0o755) },
	} {
		p := filepath.Join(parent, name)
		if err := make(p); err != nil {
			t.Fatal(err)
		}
		if err := testKind.Check(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	other := filepath.Join(parent, "other")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := testKind.Begin(other); err == nil || !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), ".test-marker") {
		t.Errorf("a folder of other files: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "mine" {
		t.Error("the folder of other files was changed")
	}
	file := filepath.Join(parent, "file")
	os.WriteFile(file, nil, 0o644)
	if err := testKind.Check(file); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("a file: %v", err)
	}
}

// TestRestoreOnFailedSwap: when the new folder cannot be renamed into
// place, the old folder is put back as it was, and nothing is left beside
// it; when putting it back fails too, the error says where it is.
func TestRestoreOnFailedSwap(t *testing.T) {
	defer func() { Hook = nil }()
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	f, err := testKind.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "old.html", "old")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	failIn := errors.New("injected failure")
	var f2 *Folder
	Hook = func(point, from, to string) error {
		if point == "rename" && to == dir && from == f2.Dir() {
			return failIn
		}
		return nil
	}
	f2, err = testKind.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f2, "new.html", "new")
	err = f2.Commit()
	if !errors.Is(err, failIn) || !strings.Contains(err.Error(), "old folder is kept") {
		t.Fatalf("Commit: %v, want the injected failure", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{".test-marker", "old.html"}) {
		t.Errorf("after the failed swap the folder holds %v, want the old folder", got)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("beside the folder: %v", got)
	}

	// Every rename into dir fails: the old folder cannot be put back.
	Hook = func(point, from, to string) error {
		if point == "rename" && to == dir {
			return failIn
		}
		return nil
	}
	f3, err := testKind.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = f3.Commit()
	old := f3.Dir() + ".old"
	if err == nil || !strings.Contains(err.Error(), old) {
		t.Fatalf("Commit: %v, want an error naming %s", err, old)
	}
	if got := names(t, old); !slices.Equal(got, []string{".test-marker", "old.html"}) {
		t.Errorf("%s holds %v, want the old folder", old, got)
	}
}

// TestLeftovers: Begin removes the new and old folders that a process
// which no longer runs left beside the folder (also those named the way
// earlier versions named them), and keeps those of running processes and
// others' files.
func TestLeftovers(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := strconv.Itoa(cmd.Process.Pid)
	alive := strconv.Itoa(os.Getppid())
	parent := t.TempDir()
	gone := []string{".out.new-p" + dead + "-123", ".out.new-p" + dead + "-123.old", ".out.new-4567", ".out.new-4567.old", ".out-new-89", ".out-new-89-old"}
	kept := []string{".out.new-p" + alive + "-123", ".out.new-notes", ".other.new-p" + dead + "-1", "out"}
	for _, n := range append(gone, kept...) {
		if err := os.Mkdir(filepath.Join(parent, n), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f, err := testKind.Begin(filepath.Join(parent, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	got := names(t, parent)
	for _, n := range gone {
		if slices.Contains(got, n) {
			t.Errorf("%s was left", n)
		}
	}
	for _, n := range kept {
		if !slices.Contains(got, n) {
			t.Errorf("%s was removed", n)
		}
	}
}

func TestRealPathAndWithin(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a", "b"), filepath.Join(dir, "l")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	got, err := RealPath(filepath.Join(dir, "l", "new", "x"))
	if want := filepath.Join(dir, "a", "b", "new", "x"); err != nil || got != want {
		t.Errorf("RealPath through a link to a path not yet made = %q, %v; want %q", got, err, want)
	}
	for _, c := range []struct {
		parent, child string
		want          bool
	}{
		{"/a", "/a", true}, {"/a", "/a/b", true}, {"/a", "/ab", false}, {"/a", "/", false},
		{"/a/b", "/a", false}, {"/a", "/a/..b", true}, {"/a", "/b/a", false},
	} {
		if got := Within(filepath.FromSlash(c.parent), filepath.FromSlash(c.child)); got != c.want {
			t.Errorf("Within(%s, %s) = %v, want %v", c.parent, c.child, got, c.want)
		}
	}
}
