package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
)

// Update brings an existing output folder up to date in place, the other
// way to write a folder besides Begin's swap: the writer Puts every file
// of the new output, Update keeps in memory only those whose bytes differ
// from the folder's, and Commit writes them (each to a temporary file
// renamed over the old one, so every file is always whole) and removes
// the files no Put named. Nothing touches the folder before Commit, so a
// writer that fails and never commits leaves it as it was; files whose
// bytes did not change are never written, which keeps a rebuild's file
// system work to what changed.
//
// The files to remove are those the folder held when the update began
// (listed while the writer works); a file someone else puts there during
// the update stays until the next one.
//
// Temporary files are named ".NAME.tmp-p<pid>-<random>" beside their
// target; a stop by signal removes them, and Commit removes those a
// killed run left (they are not part of the output).
type Update struct {
	kind    *Kind
	dir     string
	mu      sync.Mutex
	names   map[string]bool   // every file of the new output, by slash path
	changed map[string][]byte // the files to write
	patch   bool              // a patch: only Remove's names go
	remove  []string          // a patch's files to remove
	listed  chan listing      // the folder's files before the update
}

// listing is what the folder held when the update began: its files (slash
// paths), and its folders, parents first.
type listing struct {
	files, dirs []string
	err         error
}

// BeginUpdate checks dir (Check) and returns an Update of it. dir may be
// missing or empty: then every file is written. The folder's files are
// listed while the writer works, for Commit to remove those no Put named.
func (k *Kind) BeginUpdate(dir string) (*Update, error) {
	u, err := k.beginUpdate(dir)
	if err != nil {
		return nil, err
	}
	u.listed = make(chan listing, 1)
	go func() { u.listed <- list(u.dir) }()
	return u, nil
}

// BeginPatch is BeginUpdate for a writer that Puts only some files of
// the output (those it made again): Commit writes those that changed and
// removes the names given to Remove, and leaves every other file as it is.
func (k *Kind) BeginPatch(dir string) (*Update, error) {
	u, err := k.beginUpdate(dir)
	if err != nil {
		return nil, err
	}
	u.patch = true
	return u, nil
}

func (k *Kind) beginUpdate(dir string) (*Update, error) {
	if err := k.Check(dir); err != nil {
		return nil, err
	}
	RemoveLeftovers(dir)
	return &Update{kind: k, dir: filepath.Clean(dir), names: map[string]bool{}, changed: map[string][]byte{}}, nil
}

// list lists the files and folders under dir. A dir that is a symbolic
// link is listed as the folder it links to (WalkDir would take it for a
// file).
func list(dir string) listing {
	var l listing
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	l.err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir // nothing to remove
			}
			return err
		}
		if p == dir {
			return nil
		}
		if d.IsDir() {
			l.dirs = append(l.dirs, p)
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		l.files = append(l.files, filepath.ToSlash(rel))
		return nil
	})
	return l
}

// Remove names a file of a patch that is no longer part of the output.
func (u *Update) Remove(name string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.remove = append(u.remove, name)
}

// Put records the file name (a slash path under the folder) of the new
// output with data. It keeps a copy of data when the folder's file differs
// (or is missing); data may be reused after Put returns. A second Put of
// a name replaces the first. Safe for concurrent use.
func (u *Update) Put(name string, data []byte) {
	var keep []byte
	if !sameFile(filepath.Join(u.dir, filepath.FromSlash(name)), data) {
		keep = bytes.Clone(data)
		if keep == nil {
			keep = []byte{}
		}
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.names[name] = true
	if keep != nil {
		u.changed[name] = keep
	} else {
		delete(u.changed, name)
	}
}

// Path is the file name (a slash path) in the folder.
func (u *Update) Path(name string) string { return filepath.Join(u.dir, filepath.FromSlash(name)) }

// Files is the number of files of the new output (the marker not counted).
func (u *Update) Files() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.names)
}

// Changed is the number of files Commit writes.
func (u *Update) Changed() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.changed)
}

// sameFile reports whether the regular file at name holds exactly data.
func sameFile(name string, data []byte) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	// Compare in pieces: no second copy of the file in memory.
	var buf [32 << 10]byte
	rest := data
	for {
		n, err := f.Read(buf[:])
		if n > len(rest) || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
		if err == io.EOF {
			return len(rest) == 0
		}
		if err != nil {
			return false
		}
	}
}

// UpdateStats tells what a Commit did.
type UpdateStats struct {
	Written, Removed int
}

// Commit makes the folder hold exactly the files Put named and the marker:
// it removes the files no Put named (and folders left empty), then writes
// the changed files, each through a temporary file renamed over the old
// one. A stop by signal waits for it to finish. On an error the folder may
// hold some new files and some old ones, each whole; the next Commit
// finishes the job.
func (u *Update) Commit() (UpdateStats, error) {
	var st UpdateStats
	k := u.kind
	if err := os.MkdirAll(u.dir, 0o755); err != nil {
		return st, fmt.Errorf("%s %s: %w", k.What, u.dir, err)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	release := proc.Hold()
	defer release()
	var temps sync.Map // temporary files in use, removed by a stop
	cancel := proc.OnStop(func() {
		temps.Range(func(k, _ any) bool { os.Remove(k.(string)); return true })
	})
	defer cancel()
	var removed int
	var err error
	if u.patch {
		removed, err = u.removeNamed()
	} else {
		removed, err = u.removeStale()
	}
	st.Removed = removed
	if err != nil {
		return st, fmt.Errorf("%s %s: %w", k.What, u.dir, err)
	}
	names := make([]string, 0, len(u.changed))
	for n := range u.changed {
		names = append(names, n)
	}
	if !sameFile(filepath.Join(u.dir, k.Marker), []byte(k.MarkerText)) {
		u.changed[k.Marker] = []byte(k.MarkerText)
		names = append(names, k.Marker)
	}
	sort.Strings(names)
	made := map[string]bool{".": true}
	for _, n := range names {
		if err := u.mkdirAll(path.Dir(n), made); err != nil {
			return st, fmt.Errorf("%s %s: %w", k.What, u.dir, err)
		}
	}
	// The files, two writers per core (each waits for the disk in turn):
	// a change of the theme or of a title changes every page.
	done := make([]bool, len(names))
	var next atomic.Int64
	var failed atomic.Bool
	var errOnce sync.Once
	var werr error
	var wg sync.WaitGroup
	for range min(2*runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(names) && !failed.Load(); i = int(next.Add(1)) - 1 {
				n := names[i]
				if err := writeRename(filepath.Join(u.dir, filepath.FromSlash(n)), u.changed[n], &temps); err != nil {
					errOnce.Do(func() { werr = err })
					failed.Store(true)
					return
				}
				done[i] = true
			}
		})
	}
	wg.Wait()
	for i, n := range names {
		if !done[i] {
			continue
		}
		delete(u.changed, n)
		if n != k.Marker {
			st.Written++
		}
	}
	if werr != nil {
		return st, fmt.Errorf("%s %s: %w", k.What, u.dir, werr)
	}
	return st, nil
}

// removeStale removes every file the folder held when the update began
// that is not in names (the marker kept), and the folders left empty.
func (u *Update) removeStale() (int, error) {
	l := <-u.listed
	u.listed <- l // a second Commit finds it too
	n := 0
	if l.err != nil {
		return n, l.err
	}
	for _, rel := range l.files {
		if rel == u.kind.Marker || u.names[rel] {
			continue
		}
		if err := os.Remove(filepath.Join(u.dir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		n++
	}
	// Deepest first: a folder emptied by its subfolders' removal goes too.
	for i := len(l.dirs) - 1; i >= 0; i-- {
		os.Remove(l.dirs[i]) // fails, as it should, while the folder holds files
	}
	return n, nil
}

// removeNamed removes a patch's files named to Remove (and not Put).
func (u *Update) removeNamed() (int, error) {
	n := 0
	for _, name := range u.remove {
		if u.names[name] {
			continue
		}
		err := os.Remove(filepath.Join(u.dir, filepath.FromSlash(name)))
		if err == nil {
			n++
		} else if !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
	}
	return n, nil
}

// mkdirAll makes the folder dir (a slash path) and its parents, replacing
// a file that is in the way.
func (u *Update) mkdirAll(dir string, made map[string]bool) error {
	if made[dir] {
		return nil
	}
	if err := u.mkdirAll(path.Dir(dir), made); err != nil {
		return err
	}
	p := filepath.Join(u.dir, filepath.FromSlash(dir))
	fi, err := os.Lstat(p)
	if err == nil && !fi.IsDir() {
		if err := os.Remove(p); err != nil {
			return err
		}
		err = fs.ErrNotExist
	}
	if err != nil {
		if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	made[dir] = true
	return nil
}

// writeRename writes data to a temporary file beside name and renames it
// over name (a folder in the way is removed first).
func writeRename(name string, data []byte, temps *sync.Map) error {
	if fi, err := os.Lstat(name); err == nil && fi.IsDir() {
		if err := os.RemoveAll(name); err != nil {
			return err
		}
	}
	return replaceFile(name, data, 0o644, proc.TempPattern(tempPrefix(filepath.Base(name)), ""), temps)
}

// tempPrefix begins the temporary names of the file base.
func tempPrefix(base string) string { return "." + strings.TrimPrefix(base, ".") + ".tmp-" }
