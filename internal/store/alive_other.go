//go:build !unix

package store

import "os"

// processAlive reports whether a process with this id runs on this machine.
// Where that cannot be asked cheaply, it reports whether the system knows
// the id.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
