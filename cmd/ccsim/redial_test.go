package main

import (
	"strings"
	"testing"
)

const redialSet = "contact_types[sales].redial={after_abandon: 0.6, after_blocked: 0.8, delay: {dist: exponential, mean: 10m}}"

// TestRun_SetRedials: ccsim run --set turns redials on, and the report
// shows the repeat calls; a --set with several values is refused.
func TestRun_SetRedials(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "planning-week", "--reps", "2", "--quiet", "--set", redialSet)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Repeat calls and customers", "redials (repeat calls)", "of which redials"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	code, _, errOut = runCLI(t, "run", "planning-week", "--quiet", "--set", "callback.offer_after=20s,60s")
	if code != exitUsage || !strings.Contains(errOut, "gives 2 values") {
		t.Errorf("two values: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "run", "planning-week", "--quiet", "--set", "contact_types[sales].redial={after_abandon: 2}")
	if code != exitUsage || !strings.Contains(errOut, "contact_types[0].redial.after_abandon: 2 is out of range") {
		t.Errorf("bad probability: exit %d, %s", code, errOut)
	}
}

// TestCompare_BaseSet: --base-set applies to every variant, the baseline
// included, and the comparison shows the repeat calls.
func TestCompare_BaseSet(t *testing.T) {
	code, out, errOut := runCLI(t, "compare", "planning-week", "--reps", "3", "--quiet",
		"--base-set", redialSet, "--set", "callback.offer_after=20s")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "redials (repeat calls)") || !strings.Contains(out, "customers lost for good") {
		t.Errorf("no redial rows:\n%s", out)
	}
}
