// Package proc is what a command's process needs to stop cleanly and to
// clean up after one that did not: the work to undo when SIGINT or SIGTERM
// stops it (half-written output folders and files, the lock on data/),
// sections a stop waits for (renames that must happen together), and names
// for temporary files and folders that carry the process id, so that a
// later run can tell a leftover of a process that no longer runs from one
// still in use. BatchGC sets the garbage collector for a process that
// makes one build and ends.
package proc

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

var (
	// holds is taken for reading by Hold and for writing by a stop, which
	// so waits for every held section and lets none begin after it.
	holds sync.RWMutex

	mu    sync.Mutex
	next  int
	undos = map[int]func(){}
)

// OnStop registers fn to run when a signal stops the process (see
// HandleSignals); cancel unregisters it. Functions run newest first.
func OnStop(fn func()) (cancel func()) {
	mu.Lock()
	defer mu.Unlock()
	next++
	id := next
	undos[id] = fn
	return func() {
		mu.Lock()
		defer mu.Unlock()
		delete(undos, id)
	}
}

// Hold begins a section that a stop waits for, such as the renames that
// put a new folder in an old one's place; release ends it. After a stop has
// begun, Hold waits until the process exits.
func Hold() (release func()) {
	holds.RLock()
	return holds.RUnlock
}

// HandleSignals makes SIGINT and SIGTERM stop the process cleanly: wait
// for the held sections, run the OnStop functions, say so on stderr
// ("NAME: stopped by interrupt") and exit with status 128 + the signal's
// number (130 for SIGINT, 143 for SIGTERM). The returned function undoes
// it: call it when the command is done.
func HandleSignals(name string, stderr io.Writer) (done func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			Stop()
			fmt.Fprintf(stderr, "%s: stopped by %v\n", name, sig)
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-quit:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(quit)
	}
}

// Stop waits for the held sections, keeps new ones from beginning, and
// runs the OnStop functions, newest first. The process must exit after it.
func Stop() {
	holds.Lock()
	mu.Lock()
	ids := make([]int, 0, len(undos))
	for id := range undos {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	fns := make([]func(), 0, len(ids))
	for _, id := range slices.Backward(ids) {
		fns = append(fns, undos[id])
		delete(undos, id)
	}
	mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// TempPattern is the pattern, for os.MkdirTemp and os.CreateTemp, of a
// temporary name that begins with prefix and carries this process's id:
// prefix + "p<pid>-*" + suffix.
func TempPattern(prefix, suffix string) string {
	return prefix + "p" + strconv.Itoa(os.Getpid()) + "-*" + suffix
}

// RemoveLeftovers removes what in dir begins with prefix and was made by a
// process that no longer runs: names made with TempPattern whose process
// is gone, and names of prefix + digits, as temporary names were made
// before they carried the process id. It returns the names it removed.
func RemoveLeftovers(dir, prefix string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !leftover(rest) {
			continue
		}
		if os.RemoveAll(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}

// leftover reports whether rest, a temporary name after its prefix, was
// made by a process that no longer runs.
func leftover(rest string) bool {
	if p, ok := strings.CutPrefix(rest, "p"); ok {
		id, _, ok := strings.Cut(p, "-")
		pid, err := strconv.Atoi(id)
		if !ok || err != nil || pid <= 0 {
			return false
		}
		return pid != os.Getpid() && !Alive(pid)
	}
	// An older name: prefix, the random digits, maybe a suffix.
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	return digits > 0
}
