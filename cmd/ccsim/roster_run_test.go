package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunRoster: ccsim run --roster staffs a group from a roster CSV (one
// agent per row); a bad argument or roster exits 2 naming the problem.
func TestRunRoster(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "roster.csv")
	rows := "group,template,day,start,end,breaks\n" +
		strings.Repeat("agent,early,mon,00:00,06:00,02:00-02:15;03:00-03:30 lunch\n", 4)
	if err := os.WriteFile(good, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("group,day,start,end\nsales,mon,08:00,16:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"agent=" + good, good} {
		code, out, errOut := runCLI(t, "run", "mmc", "--roster", arg, "--reps", "2", "--format", "json", "-q")
		if code != 0 || !strings.Contains(out, `"agents": 4`) {
			t.Errorf("run --roster %s: exit %d, %s\n%s", arg, code, errOut, out)
		}
	}
	for _, tc := range []struct{ arg, phrase string }{
		{"nope=" + good, `no agent group "nope" in mmc (groups: agent)`},
		{"agent=", "want GROUP=FILE or FILE"},
		{bad, `bad.csv:2: column 1 (group): unknown agent group "sales" (the scenario has: agent)`},
		{filepath.Join(dir, "missing.csv"), "missing.csv"},
	} {
		if code, _, errOut := runCLI(t, "run", "mmc", "--roster", tc.arg, "-q"); code != 2 || !strings.Contains(errOut, tc.phrase) {
			t.Errorf("--roster %s: exit %d, %q; want 2 and %q", tc.arg, code, errOut, tc.phrase)
		}
	}
}

// TestRunLunchExample: the README's example scenario and roster run.
func TestRunLunchExample(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "examples")
	for _, args := range [][]string{
		{"run", filepath.Join(dir, "lunch.yaml"), "--reps", "2", "-q"},
		{"run", filepath.Join(dir, "lunch.yaml"), "--roster", "sales=" + filepath.Join(dir, "lunch-roster.csv"), "--reps", "2", "-q"},
	} {
		if code, out, errOut := runCLI(t, args...); code != 0 || !strings.Contains(out, "lunch h") {
			t.Errorf("%v: exit %d, %s\n%s", args, code, errOut, out)
		}
	}
}
