package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// JournalFile is the name, inside data/, of the list of renames a
// multi-file commit is making. While it exists the commit is decided but
// maybe not finished; Load and Save finish it first.
const JournalFile = ".journal"

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)

// CheckID reports whether id can name a cohort file: lower-case letters a to
// z, digits and dashes, starting with a letter or digit.
func CheckID(id string) error {
	if !idPattern.MatchString(id) {
		return fmt.Errorf("kohortens id %q: brug kun små bogstaver a-z, cifre og bindestreger (som 2026-foraar)", id)
	}
	return nil
}

// CohortPath returns the path of cohort id's file under dir.
func CohortPath(dir, id string) string {
	return filepath.Join(dir, CohortDir, id+".yaml")
}

// CommitHook, when set (by tests only), is called at the named points of
// a commit: "temps" after the temporary files are written, "journal"
// after the journal is in place. A test kills, stops or stalls the process
// there to show that data/ is then as before or as after.
var CommitHook func(point string)

func crash(point string) {
	if CommitHook != nil {
		CommitHook(point)
	}
}

// Save writes every cohort of ds under dir/cohorts. See SaveCohorts.
func Save(dir string, ds *programme.Dataset) error {
	_, err := SaveCohorts(dir, ds.Cohorts)
	return err
}

// SaveCohorts writes the given cohorts' files under dir/cohorts and returns
// the paths of the files whose content changed; files already holding the
// same bytes are not touched, and other cohorts' files are left alone.
// Records are sorted in place (SortCohort).
//
// The commit is atomic across files: each file is written to a temporary
// file in the same folder and synced; with more than one file, a journal
// listing the renames is then put in place; then the renames are made and
// the journal removed. A process killed at any moment leaves either the old
// files or, once the journal exists, the new ones (Load and SaveCohorts
// finish an interrupted commit). The caller should hold the Lock.
func SaveCohorts(dir string, cohorts []programme.Cohort) ([]string, error) {
	if err := Recover(dir); err != nil {
		return nil, err
	}
	cdir := filepath.Join(dir, CohortDir)
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return nil, err
	}
	var renames []rename
	cleanup := func() {
		for _, r := range renames {
			os.Remove(r.tmp)
		}
	}
	seen := map[string]bool{}
	for i := range cohorts {
		if seen[cohorts[i].ID] {
			return nil, fmt.Errorf("kohortens id %q står der to gange", cohorts[i].ID)
		}
		seen[cohorts[i].ID] = true
	}
	// Encode and write the temporary files in parallel: as many encoding
	// at a time as there are processors, and while a file is written and
	// synced, which waits for the disk, the next is encoded.
	tmps := make([]string, len(cohorts))
	errs := make([]error, len(cohorts))
	var wg sync.WaitGroup
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	disk := make(chan struct{}, 16)
	for i := range cohorts {
		wg.Add(1)
		cpu <- struct{}{}
		go func() {
			defer wg.Done()
			c := &cohorts[i]
			src, err := EncodeCohort(c)
			<-cpu
			if err != nil {
				errs[i] = err
				return
			}
			disk <- struct{}{}
			defer func() { <-disk }()
			if old, err := os.ReadFile(CohortPath(dir, c.ID)); err == nil && bytes.Equal(old, src) {
				return
			}
			tmps[i], errs[i] = writeTemp(cdir, "."+c.ID+".yaml.tmp-*", src)
		}()
	}
	wg.Wait()
	for i, tmp := range tmps {
		if tmp != "" {
			renames = append(renames, rename{tmp, CohortPath(dir, cohorts[i].ID)})
		}
	}
	if err := errors.Join(errs...); err != nil {
		cleanup()
		return nil, err
	}
	if len(renames) == 0 {
		return nil, nil
	}
	crash("temps")
	// The renames happen together: a stop by signal waits for them.
	defer proc.Hold()()
	var changed []string
	for _, r := range renames {
		changed = append(changed, r.final)
	}
	if len(renames) == 1 {
		if err := os.Rename(renames[0].tmp, renames[0].final); err != nil {
			cleanup()
			return nil, err
		}
		syncDir(cdir)
		return changed, nil
	}
	var j bytes.Buffer
	for _, r := range renames {
		fmt.Fprintf(&j, "%s\t%s\n", rel(dir, r.tmp), rel(dir, r.final))
	}
	jtmp, err := writeTemp(dir, JournalFile+".tmp-*", j.Bytes())
	if err != nil {
		cleanup()
		return nil, err
	}
	if err := os.Rename(jtmp, filepath.Join(dir, JournalFile)); err != nil {
		os.Remove(jtmp)
		cleanup()
		return nil, err
	}
	syncDir(dir)
	crash("journal")
	if err := Recover(dir); err != nil {
		return nil, err
	}
	return changed, nil
}

func rel(dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

// writeTemp writes src to a new temporary file in dir and syncs it.
func writeTemp(dir, pattern string, src []byte) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	_, err = f.Write(src)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return name, nil
}

// syncDir makes a folder's entries durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // not supported on every system; the renames stand anyway
		d.Close()
	}
}

// Recover finishes a commit that a killed process left half done: when
// dir/.journal exists, it makes the renames still to be made and removes
// the journal. It is safe to call at any time.
func Recover(dir string) error {
	_, err := finishJournal(dir)
	return err
}

// rename is one line of the journal: paths under the data folder.
type rename struct{ tmp, final string }

// readJournal returns the renames of dir's journal, or nil when there is
// none.
func readJournal(dir string) ([]rename, error) {
	jpath := filepath.Join(dir, JournalFile)
	src, err := os.ReadFile(jpath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	renames := []rename{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		tmp, final, ok := strings.Cut(sc.Text(), "\t")
		if !ok || !filepath.IsLocal(tmp) || !filepath.IsLocal(final) {
			return nil, fmt.Errorf("%s:%d: linjen %q kan ikke læses, så et afbrudt gem kan ikke gøres færdigt: ser kohortefilerne i data/ rigtige ud, så slet filen %s", jpath, n, sc.Text(), jpath)
		}
		renames = append(renames, rename{filepath.Join(dir, tmp), filepath.Join(dir, final)})
	}
	return renames, nil
}

// finishJournal is Recover; it returns the files it renamed into place.
func finishJournal(dir string) ([]string, error) {
	renames, err := readJournal(dir)
	if renames == nil || err != nil {
		return nil, err
	}
	jpath := filepath.Join(dir, JournalFile)
	var done []string
	for _, r := range renames {
		err := os.Rename(r.tmp, r.final)
		if err == nil {
			done = append(done, r.final)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return done, fmt.Errorf("%s: et afbrudt gem kan ikke gøres færdigt (%w): se efter, at datamappen kan skrives i, og prøv igen", jpath, err)
		}
	}
	syncDir(filepath.Join(dir, CohortDir))
	if err := os.Remove(jpath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return done, err
	}
	syncDir(dir)
	return done, nil
}

// removeStrayTemps removes temporary files a killed commit left before its
// journal existed. Only call it holding the lock.
func removeStrayTemps(dir string) {
	for _, pat := range []string{filepath.Join(dir, CohortDir, ".*.yaml.tmp-*"), filepath.Join(dir, JournalFile+".tmp-*")} {
		matches, _ := filepath.Glob(pat)
		for _, m := range matches {
			os.Remove(m)
		}
	}
	// A lock's temporary file lives for microseconds while another process
	// tries to lock; one older than a minute was left by a killed process.
	for _, pat := range []string{filepath.Join(dir, LockFile+".tmp-*"), filepath.Join(dir, LockFile+".takeover.tmp-*")} {
		matches, _ := filepath.Glob(pat)
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && time.Since(fi.ModTime()) > time.Minute {
				os.Remove(m)
			}
		}
	}
}
