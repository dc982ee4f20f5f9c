// Package testkit holds what the tests of several packages share: a
// folder's files read at once (to compare before and after a run), a
// buffer a child process or a server's goroutines write while the test
// reads it, a child test process started and waited for until it stalls
// where the test stops it, a file of lines written, and the process's
// processor time for benchmarks. Only tests import it.
package testkit

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Snapshot reads every file under dir, temporary ones included, by slash
// path under dir; a dir that does not exist has none.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return m
}

// SyncBuffer is a bytes.Buffer that several goroutines may write and read.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// CPUTime is the processor time (user and system, all threads) the
// process has used, from /proc/self/stat (Linux; 0 elsewhere), in steps
// of the kernel's clock tick (10 ms). On a shared machine the clock time
// of a benchmark stretches with the load, its processor time much less:
// summed over many ops, it shows what the work costs apart from the load.
func CPUTime() time.Duration {
	src, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// After the command's name in parentheses, utime and stime are the
	// 12th and 13th fields (fields 14 and 15 of the line).
	i := strings.LastIndexByte(string(src), ')')
	f := strings.Fields(string(src[i+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.Atoi(f[11])
	s, _ := strconv.Atoi(f[12])
	return time.Duration(u+s) * 10 * time.Millisecond
}

// StartUntil starts cmd, a child test process, with its standard error
// into the buffer it returns, and waits until that holds want: the line
// the child prints where it stalls for the test to stop it. After
// timeout it kills the child and fails the test.
func StartUntil(t testing.TB, cmd *exec.Cmd, want string, timeout time.Duration) *SyncBuffer {
	t.Helper()
	out := &SyncBuffer{}
	cmd.Stderr = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(timeout)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the child never printed %q:\n%s", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	return out
}

// WriteLines writes lines, each ended by a newline, to the file name in
// dir (a spreadsheet export, as a test makes one) and returns its path.
func WriteLines(t testing.TB, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
