// Package register is the secretariat's register folder (the -data folder
// of cmd/ingest and the desk): whether it may hold real personal data where
// it is, and the history of its saves (historik.json).
package register

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// InGitError is GitCheck's error for a folder inside a git working tree
// that git does not ignore. Its message is in Danish, as the secretariat
// reads it; InGitHint says what to do.
type InGitError struct {
	Dir, Top string // the folder refused, the working tree's top
	Why      string // why it is refused: git does not ignore it, or cannot tell
	What     string // what the folder is, in Danish ("" is the register folder)
}

func (e *InGitError) Error() string {
	what := e.What
	if what == "" {
		what = "registermappen"
	}
	return fmt.Sprintf("%s %s ligger i git-arbejdsmappen %s, og %s. Med rigtige personoplysninger (demo: false i programme.yaml) kan et »git add .« lægge navne og e-mailadresser i historikken for altid", what, e.Dir, e.Top, e.Why)
}

// InGitHint is what to do about an InGitError.
const InGitHint = "Vælg en registermappe uden for arbejdsmappen (fx på et netværksdrev, der tages backup af) med -data, eller skriv mappen i .gitignore. Intet er gemt."

// gitCommand is the git program; a test empties it to act as a machine
// without git.
var gitCommand = "git"

// GitCheck returns an *InGitError when dir lies inside a git
// working tree and git would not ignore it: there, one "git add ." puts
// the participants' names and addresses into the history for good. With
// git installed it asks git (rev-parse --show-toplevel, check-ignore);
// without git it looks for a .git upwards and refuses wherever it finds
// one, since it cannot tell what is ignored. The error says why, in
// Danish, and what to do. dir need not exist yet.
func GitCheck(dir string) error {
	return gitCheck(dir, "")
}

// gitCheck is GitCheck of dir, or, with probe set, of the file named probe
// inside dir (a file written there, which a pattern such as *.afvist.xlsx
// may ignore though the folder is not).
func gitCheck(dir, probe string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	// The nearest folder that exists: git runs there.
	existing := abs
	for {
		if fi, err := os.Stat(existing); err == nil && fi.IsDir() {
			break
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			return nil
		}
		existing = parent
	}
	git, lookErr := exec.LookPath(gitCommand)
	if gitCommand == "" || lookErr != nil {
		if top := dotGitAbove(existing); top != "" {
			return inGit(abs, top, "git er ikke installeret, så det kan ikke ses, om git ignorerer mappen")
		}
		return nil
	}
	out, err := exec.Command(git, "-C", existing, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return nil // not in a working tree (or a bare repository's folder)
	}
	top := strings.TrimSpace(string(out))
	target := abs + string(filepath.Separator)
	if probe != "" {
		target = filepath.Join(abs, probe)
	}
	cmd := exec.Command(git, "-C", existing, "check-ignore", "-q", "--", target)
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil // ignored
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return inGit(abs, top, "git ignorerer den ikke")
	default:
		return inGit(abs, top, fmt.Sprintf("git kunne ikke sige, om mappen ignoreres (%v)", err))
	}
}

func inGit(dir, top, why string) error {
	return &InGitError{Dir: dir, Top: top, Why: why}
}

// dotGitAbove returns the folder at or above dir that holds a .git (a
// folder, or a file as in a linked worktree), or "".
func dotGitAbove(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Place is a folder that a run writes personal data into: the register,
// the status pages, the rejects workbooks.
type Place struct {
	Dir   string // the folder; "" is skipped
	What  string // what it is, in Danish, for the message ("" is the register folder)
	Probe string // a file name written there, checked instead of the folder ("" checks the folder)
}

// GuardPlaces is the check before a run that writes personal data of the
// register in data into places: nil when data's programme.yaml says
// demo: true (the invented demo cohort ships in the repository), else the
// first place that fails GitCheck is refused.
func GuardPlaces(data string, places ...Place) error {
	cfg, err := store.LoadConfig(data)
	if err != nil || cfg.Demo {
		return nil
	}
	for _, p := range places {
		if p.Dir == "" {
			continue
		}
		if err := gitCheck(p.Dir, p.Probe); err != nil {
			if ge, ok := err.(*InGitError); ok {
				ge.What = p.What
			}
			return err
		}
	}
	return nil
}

// Guard is the check before a write of the register in dir: nil when its
// programme.yaml says demo: true (the invented demo cohort ships in the
// repository's data/), or when GitCheck passes. A programme.yaml that
// cannot be read is left to the writer, which reports it with its place.
func Guard(dir string) error {
	return GuardPlaces(dir, Place{Dir: dir})
}
