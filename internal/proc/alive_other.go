//go:build !unix

package proc

import "os"

// Alive reports whether a process with this id runs on this machine.
// Where that cannot be asked cheaply, it reports whether the system knows
// the id.
func Alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
