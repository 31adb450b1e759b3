package main

import (
	"runtime/debug"
	"testing"
)

// TestLoosenGC: loading a sweep raises the collector's target to 400 %
// and puts back what was there; GOGC=off, or a target already higher,
// is left alone.
func TestLoosenGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct{ before, during int }{{100, 400}, {50, 400}, {800, 800}, {-1, -1}} {
		debug.SetGCPercent(tc.before)
		restore := loosenGC()
		if got := debug.SetGCPercent(tc.during); got != tc.during {
			t.Errorf("GOGC %d: %d while loading, want %d", tc.before, got, tc.during)
		}
		restore()
		if got := debug.SetGCPercent(tc.before); got != tc.before {
			t.Errorf("GOGC %d: %d after loading, want it back", tc.before, got)
		}
	}
}
