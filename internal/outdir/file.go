package outdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
)

// WriteFile replaces the one file name with data, as a whole: data is
// written to a temporary file beside it (".NAME.tmp-p<pid>-…", mode perm)
// and renamed over it, so that a reader sees the old file or the new one,
// never half of one. A stop by SIGINT or SIGTERM removes the temporary
// file, and the next WriteFile of name removes what a killed run left.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	return WriteFileTemp(name, data, perm, tempPrefix(filepath.Base(name)), "")
}

// WriteFileTemp is WriteFile with the temporary file named prefix +
// "p<pid>-…" + suffix, for files of many names whose leftovers are removed
// together, by their one prefix (proc.RemoveLeftovers): the rejects
// workbooks, ".afvist-p<pid>-….xlsx" whatever their names. The next
// WriteFileTemp with prefix removes every leftover of a killed run that
// begins with it.
func WriteFileTemp(name string, data []byte, perm fs.FileMode, prefix, suffix string) error {
	proc.RemoveLeftovers(filepath.Dir(name), prefix)
	var temps sync.Map
	defer proc.OnStop(func() {
		temps.Range(func(k, _ any) bool { os.Remove(k.(string)); return true })
	})()
	return replaceFile(name, data, perm, proc.TempPattern(prefix, suffix), &temps)
}

// replaceFile writes data to a temporary file beside name, named by
// pattern (os.CreateTemp's), with mode perm, and renames it over name;
// temps holds the temporary name while it exists.
func replaceFile(name string, data []byte, perm fs.FileMode, pattern string, temps *sync.Map) error {
	f, err := os.CreateTemp(filepath.Dir(name), pattern)
	if err != nil {
		return err
	}
	tmp := f.Name()
	temps.Store(tmp, true)
	defer temps.Delete(tmp)
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
