package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LockFile is the name, inside data/, of the lock an ingest holds.
const LockFile = ".lock"

// Lock is held on data/ while a process reads, changes and saves it, so
// that two ingests cannot interleave.
type Lock struct {
	path string
}

// ErrLocked is wrapped by the error AcquireLock returns when another
// process holds the lock.
var ErrLocked = errors.New("data folder is locked")

// AcquireLock takes the lock on dir by creating dir/.lock exclusively, with
// the process id and the time in it. A lock left by a process that no
// longer runs on this machine is taken over. On success it also finishes an
// interrupted commit and removes stray temporary files.
func AcquireLock(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockFile)
	host, _ := os.Hostname()
	content := fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(content)
			cerr := f.Close()
			if werr != nil || cerr != nil {
				os.Remove(path)
				return nil, fmt.Errorf("%s: %w", path, errors.Join(werr, cerr))
			}
			l := &Lock{path: path}
			if err := Recover(dir); err != nil {
				l.Release()
				return nil, err
			}
			removeStrayTemps(dir)
			return l, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		old, _ := os.ReadFile(path)
		pid, lhost, started := parseLock(string(old))
		if attempt == 0 && pid > 0 && lhost == host && !processAlive(pid) {
			// A stale lock from a process that died: take it over.
			os.Remove(path)
			continue
		}
		who := "another ingest"
		if pid > 0 {
			who = fmt.Sprintf("process %d on %s, started %s", pid, lhost, started)
		}
		return nil, fmt.Errorf("%s: %w by %s. Wait for it to finish; if no ingest is running, delete %s: %w",
			path, ErrLocked, who, path, fs.ErrExist)
	}
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

// Release removes the lock.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	err := os.Remove(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
