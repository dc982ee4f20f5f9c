package proc

import (
	"os"
	"runtime/debug"
)

// BatchGC sets the garbage collector for a command that runs to its end
// and exits (a build): it collects when the heap has grown to five times
// what survived the last collection (GOGC=400, not the default 100),
// until the process nears 768 MiB, where it collects as often as needed
// to stay under that. A build of 1,000 pages then spends about a seventh
// less processor time on the same work (allocations are its pages'
// texts, which live until the end anyway), its peak 136 -> 192 MB; a
// build big enough to reach the limit is bounded by it. GOGC or
// GOMEMLIMIT in the environment is left as given.
func BatchGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(768 << 20)
}
