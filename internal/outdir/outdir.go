// Package outdir writes the output folders of the handbook site (public/)
// and the private status pages (private/), so that a folder never holds
// stale or half-written files: as a whole (Begin: a new folder written
// beside the old one and put in its place by two renames), or in place
// (BeginUpdate, update.go: only the files whose bytes changed are written,
// each through a temporary file and a rename, and stale ones removed); and
// one file as a whole (WriteFile, file.go: the public figures' file, the
// desk's history and settings, a new register's programme.yaml; and, by
// WriteFileTemp, the ingest's rejects workbooks). It is said once here:
//
//   - the marker file each kind leaves in its folder, and the check that
//     refuses to replace a folder that is not empty and has no marker (it
//     was not written by us, and everything in it would go);
//   - the swap, which puts the old folder back when the new one cannot be
//     put in its place;
//   - the names of the new folder (".NAME.new-p<pid>-<random>") and of the
//     old one while it is replaced (the same + ".old"), which carry the
//     process id, so that the next run removes what a killed run left
//     (proc.RemoveLeftovers), and a stop by SIGINT or SIGTERM removes them
//     before the process exits (proc.OnStop).
package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
)

// Kind is one kind of output folder: its marker and how messages name it.
type Kind struct {
	Marker     string // the marker file's name, a dot file
	MarkerText string // the marker file's content
	What       string // the folder in messages: "the public folder"
	Flag       string // the flag that names it: "-out"
	Writer     string // who writes it: "the build"
	Earlier    string // what an earlier run left: "an earlier build of the handbook"
}

// Check refuses to replace dir when it is a file, or exists, is not empty
// and has no marker of k. A dir that does not exist is fine.
func (k *Kind) Check(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", k.What, dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s %s is a file, not a folder; choose another folder (%s)", k.What, dir, k.Flag)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("%s %s: %w", k.What, dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(dir, k.Marker)); err != nil {
		return fmt.Errorf("%s %s is not empty and was not written by %s (it has no %s file); "+
			"every run replaces the whole folder, so it refuses: choose a new or empty folder (%s), "+
			"or, if %s holds only %s, delete it once yourself", k.What, dir, k.Writer, k.Marker, k.Flag, dir, k.Earlier)
	}
	return nil
}

// RealPath is the absolute form of p with the symbolic links of its
// existing part resolved, so that two names of one folder compare equal.
// The part of p that does not exist yet is kept as written.
func RealPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// Within reports whether the real path child is parent or lies inside it.
func Within(parent, child string) bool {
	r, err := filepath.Rel(parent, child)
	if err != nil {
		return false
	}
	return r == "." || (r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r))
}

// Folder is a new output folder being written beside the one it replaces.
type Folder struct {
	kind   *Kind
	path   string // the folder replaced
	tmp    string // the new folder
	cancel func() // unregisters the stop cleanup
	once   sync.Once
}

// Begin checks dir (Check), removes what killed runs left beside it, and
// makes the new folder, empty, beside it. Write into Dir, then Commit or
// Abort.
func (k *Kind) Begin(dir string) (*Folder, error) {
	if err := k.Check(dir); err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("%s %s: %w", k.What, dir, err)
	}
	RemoveLeftovers(dir)
	tmp, err := os.MkdirTemp(parent, proc.TempPattern(newPrefix(base), ""))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", k.What, dir, err)
	}
	f := &Folder{kind: k, path: dir, tmp: tmp}
	f.cancel = proc.OnStop(f.remove)
	if err := os.Chmod(tmp, 0o755); err != nil {
		f.Abort()
		return nil, fmt.Errorf("%s %s: %w", k.What, dir, err)
	}
	return f, nil
}

// newPrefix begins the names of the new folders of the folder base.
func newPrefix(base string) string { return "." + base + ".new-" }

// RemoveLeftovers removes the new and old folders that runs killed while
// replacing dir left beside it, also those of earlier versions
// (".NAME-new-…"), and returns their names. Begin calls it.
func RemoveLeftovers(dir string) []string {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	removed := proc.RemoveLeftovers(parent, newPrefix(base))
	return append(removed, proc.RemoveLeftovers(parent, "."+base+"-new-")...)
}

// Dir is the new folder, to write into.
func (f *Folder) Dir() string { return f.tmp }

// Abort removes the new folder; the old one stays as it was.
func (f *Folder) Abort() {
	f.remove()
	f.cancel()
}

// remove removes the new folder and the old one's temporary name (gone
// once a swap has finished or been undone).
func (f *Folder) remove() {
	f.once.Do(func() {
		os.RemoveAll(f.tmp)
		os.RemoveAll(f.tmp + ".old")
	})
}

// Hook, when set (by tests only), is called at the named points of Commit
// with the folders concerned: "swap" when the new folder from is complete
// and about to replace to (a stop by signal does not wait here), and
// "rename" before each rename of the swap (a stop waits for these). An
// error it returns is that step's.
var Hook func(point, from, to string) error

func rename(from, to string) error {
	if Hook != nil {
		if err := Hook("rename", from, to); err != nil {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
	}
	return os.Rename(from, to)
}

// Commit writes the marker into the new folder and puts the folder in the
// old one's place: the old folder is renamed aside, the new one renamed
// in, and the old one removed. When the new one cannot be renamed in, the
// old one is put back and the new one removed: the folder is then as it
// was before. A stop by signal waits for the renames.
func (f *Folder) Commit() error {
	defer f.cancel()
	k := f.kind
	if err := os.WriteFile(filepath.Join(f.tmp, k.Marker), []byte(k.MarkerText), 0o644); err != nil {
		f.remove()
		return fmt.Errorf("%s %s: %w", k.What, f.path, err)
	}
	if Hook != nil {
		if err := Hook("swap", f.tmp, f.path); err != nil {
			f.remove()
			return fmt.Errorf("%s %s: %w", k.What, f.path, err)
		}
	}
	release := proc.Hold()
	old := f.tmp + ".old"
	moved := false
	if _, err := os.Lstat(f.path); err == nil {
		if err := rename(f.path, old); err != nil {
			release()
			f.remove()
			return fmt.Errorf("%s %s: replacing it: %w", k.What, f.path, err)
		}
		moved = true
	}
	if err := rename(f.tmp, f.path); err != nil {
		if moved {
			if rerr := rename(old, f.path); rerr != nil {
				release()
				os.RemoveAll(f.tmp)
				// The old folder stays at its temporary name: say where.
				return fmt.Errorf("%s %s: replacing it: %w; putting the old folder back failed too (%v): it is %s", k.What, f.path, err, rerr, old)
			}
		}
		release()
		f.remove()
		return fmt.Errorf("%s %s: replacing it: %w (the old folder is kept)", k.What, f.path, err)
	}
	release()
	if moved {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("%s %s: removing the previous one: %w", k.What, f.path, err)
		}
	}
	return nil
}
