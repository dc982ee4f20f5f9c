package proc

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestBatchGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run("with "+env, func(t *testing.T) {
			t.Setenv(env, "100")
			debug.SetGCPercent(100)
			BatchGC()
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("with %s set, GOGC became %d", env, got)
			}
		})
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	BatchGC()
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("GOGC = %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 768<<20 {
		t.Errorf("memory limit = %d, want 768 MiB", got)
	}
}
