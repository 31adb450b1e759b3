//go:build unix

package fit_test

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and system CPU time, so that a benchmark
// on a shared machine can report throughput per CPU-second beside the
// wall-clock one.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
