package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
)

// LockFile is the name, inside data/, of the lock an ingest holds.
const LockFile = ".lock"

// Lock is held on data/ while a process reads, changes and saves it, so
// that two ingests cannot interleave.
type Lock struct {
	path     string
	finished []string
	once     sync.Once
}

// Finished returns the files that taking the lock renamed into place,
// finishing a commit that a killed process left half done; usually none.
func (l *Lock) Finished() []string { return l.finished }

// ErrLocked is wrapped by the error AcquireLock returns when another
// process holds the lock.
var ErrLocked = errors.New("datamappen er låst")

// AcquireLock takes the lock on dir by creating dir/.lock exclusively, with
// the process id and the time in it. dir must exist. A lock left by a
// process that no longer runs on this machine is taken over (see takeOver).
// On success it also finishes an interrupted commit and removes stray
// temporary files.
func AcquireLock(dir string) (*Lock, error) {
	path := filepath.Join(dir, LockFile)
	host, _ := os.Hostname()
	content := fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339Nano))
	err := createLock(path, content)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("mappen %s findes ikke; angiv datamappen med -data: %w", dir, err)
	}
	if errors.Is(err, fs.ErrExist) {
		old, _ := os.ReadFile(path)
		pid, lhost, started := parseLock(string(old))
		if pid > 0 && lhost == host && !proc.Alive(pid) {
			// A stale lock from a process that died: take it over.
			err = takeOver(path, string(old), content)
			if errors.Is(err, fs.ErrExist) {
				// Another process was faster: it holds the lock now.
				old, _ = os.ReadFile(path)
				pid, lhost, started = parseLock(string(old))
			}
		}
		if errors.Is(err, fs.ErrExist) {
			who := "en anden indlæsning"
			if pid > 0 {
				who = fmt.Sprintf("proces %d på %s, startet %s", pid, lhost, started)
			}
			return nil, &lockedError{fmt.Sprintf("%s: %v af %s: vent, til den er færdig; kører der ingen indlæsning, så slet %s", path, ErrLocked, who, path)}
		}
	}
	if err != nil {
		return nil, err
	}
	l := &Lock{path: path}
	if l.finished, err = finishJournal(dir); err != nil {
		l.Release()
		return nil, err
	}
	removeStrayTemps(dir)
	return l, nil
}

// lockedError is the error of a lock another process holds: ErrLocked and
// fs.ErrExist, in a Danish text.
type lockedError struct{ text string }

func (e *lockedError) Error() string   { return e.text }
func (e *lockedError) Unwrap() []error { return []error{ErrLocked, fs.ErrExist} }

// createLock creates the lock file exclusively with content. The content
// is written to a temporary file first and hard-linked into place, which
// fails when the lock exists: so a lock file never exists without its
// content, even when the process is killed at the wrong moment. Where hard
// links are not supported, the lock is created exclusively and written.
func createLock(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err == nil {
		_, werr := tmp.WriteString(content)
		cerr := tmp.Close()
		if werr == nil && cerr == nil {
			err = os.Link(tmp.Name(), path)
			os.Remove(tmp.Name())
			if err == nil || errors.Is(err, fs.ErrExist) {
				return err
			}
		} else {
			os.Remove(tmp.Name())
		}
	} else if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(content)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, errors.Join(werr, cerr))
	}
	return nil
}

// takeoverHook, when set (by tests), is called after a process has found a
// stale lock and before it takes it over.
var takeoverHook func()

// takeOver replaces the stale lock at path, whose content was stale, with
// a new one holding content. Two processes may find the same stale lock at
// once, and removing it and creating a new one are two steps: without care
// the slower one would remove the faster one's fresh lock and both would
// hold it. So the takeover is done under a second lock, path+".takeover",
// created exclusively: its holder removes the lock only if it still holds
// the stale content, and creates the new one before letting go. A lock file
// can only appear in the meantime by an exclusive create, so at most one
// process holds the lock. The loser gets an error wrapping fs.ErrExist. A
// takeover lock is held for microseconds; one whose process no longer runs
// on this machine (killed mid-takeover, as kill -9 can), or older than a
// minute, is removed and the takeover tried once more, so that the next
// ingest after such a kill is not refused.
func takeOver(path, stale, content string) error {
	if takeoverHook != nil {
		takeoverHook()
	}
	tpath := path + ".takeover"
	err := createLock(tpath, content)
	if errors.Is(err, fs.ErrExist) && removeDeadTakeover(tpath) {
		err = createLock(tpath, content)
	}
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	if err != nil {
		return err
	}
	defer os.Remove(tpath)
	now, err := os.ReadFile(path)
	switch {
	case err == nil && string(now) != stale:
		return fs.ErrExist // taken over, or taken, by someone else
	case err == nil:
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return createLock(path, content)
}

// removeDeadTakeover removes the takeover lock at tpath if the process
// that made it no longer runs on this machine, or it is older than a
// minute, and reports whether it did. It reads the file again just before
// removing it, so that a takeover lock another process made meanwhile is
// left alone.
func removeDeadTakeover(tpath string) bool {
	old, err := os.ReadFile(tpath)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	host, _ := os.Hostname()
	pid, lhost, _ := parseLock(string(old))
	dead := pid > 0 && lhost == host && !proc.Alive(pid)
	if fi, serr := os.Stat(tpath); !dead && (serr != nil || time.Since(fi.ModTime()) <= time.Minute) {
		return false
	}
	if now, err := os.ReadFile(tpath); err != nil || string(now) != string(old) {
		return errors.Is(err, fs.ErrNotExist)
	}
	return os.Remove(tpath) == nil
}

func parseLock(s string) (pid int, host, started string) {
	for _, line := range strings.Split(s, "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "pid":
			pid, _ = strconv.Atoi(v)
		case "host":
			host = v
		case "started":
			started = v
		}
	}
	return
}

// Release removes the lock, once: a second call (a stop by signal racing
// the normal end) does nothing, so it never removes a lock that another
// process has taken in between.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	var err error
	l.once.Do(func() {
		err = os.Remove(l.path)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
	})
	return err
}
