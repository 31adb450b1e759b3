package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
)

// sweepArgs is a small sweep of the planning week: 3 variants x 3
// replications.
var sweepArgs = []string{"compare", "planning-week", "--set", "callback.max_retries=0,1", "--reps", "3", "-q"}

// TestCompare_ShardedMergeIsIdentical: the sweep split into 1, 3 and 7
// shards and merged prints exactly what the unsharded run prints, in every
// format.
func TestCompare_ShardedMergeIsIdentical(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		code, want, errOut := runCLI(t, append(sweepArgs, "--format", format)...)
		if code != 0 {
			t.Fatalf("compare: exit %d: %s", code, errOut)
		}
		for _, n := range []int{1, 3, 7} {
			dir := t.TempDir()
			var parts []string
			for k := range n {
				part := filepath.Join(dir, fmt.Sprintf("part-%d.json", k))
				if code, _, errOut := runCLI(t, append(sweepArgs, "--shard", fmt.Sprintf("%d/%d", k, n), "--partial", part)...); code != 0 {
					t.Fatalf("shard %d/%d: exit %d: %s", k, n, code, errOut)
				}
				parts = append(parts, part)
			}
			code, got, errOut := runCLI(t, append([]string{"merge", "--format", format}, parts...)...)
			if code != 0 {
				t.Fatalf("merge of %d shards: exit %d: %s", n, code, errOut)
			}
			if got != want {
				t.Errorf("%s: merge of %d shards differs from the unsharded run:\n%s\n---\n%s", format, n, got, want)
			}
		}
	}
}

// TestCompare_ShardFromEnvironment: without --shard, a run with --partial
// takes its shard from a Kubernetes Indexed Job or a Slurm array task.
func TestCompare_ShardFromEnvironment(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		k, n    int
		wantErr string
	}{
		{map[string]string{"JOB_COMPLETION_INDEX": "2", "JOB_COMPLETIONS": "5"}, 2, 5, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "7"}, 4, 7, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "11", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "3"}, 1, 3, ""},
		{map[string]string{}, 0, 1, ""},
		{map[string]string{"JOB_COMPLETION_INDEX": "2"}, 0, 0, "JOB_COMPLETIONS"},
		{map[string]string{"JOB_COMPLETION_INDEX": "5", "JOB_COMPLETIONS": "3"}, 0, 0, "JOB_COMPLETION_INDEX=5 is outside 0 to 2 (JOB_COMPLETIONS=3)"},
		{map[string]string{"JOB_COMPLETION_INDEX": "x1"}, 0, 0, `JOB_COMPLETION_INDEX="x1" is not a whole number`},
		{map[string]string{"JOB_COMPLETION_INDEX": "1", "JOB_COMPLETIONS": "three"}, 0, 0, `JOB_COMPLETIONS="three" is not a whole number`},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "abc", "SLURM_ARRAY_TASK_COUNT": "7"}, 0, 0, `SLURM_ARRAY_TASK_ID="abc" is not a whole number`},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "7", "SLURM_ARRAY_TASK_MIN": "one"}, 0, 0, `SLURM_ARRAY_TASK_MIN="one"`},
	} {
		k, n, err := shardOf("", func(v string) string { return tc.env[v] })
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: err = %v, want %q", tc.env, err, tc.wantErr)
			}
			continue
		}
		if err != nil || k != tc.k || n != tc.n {
			t.Errorf("%v: shard %d/%d (%v), want %d/%d", tc.env, k, n, err, tc.k, tc.n)
		}
	}
}

// TestCompare_BadInput: each mistake is a clear error, exit 2, and nothing
// is written.
func TestCompare_BadInput(t *testing.T) {
	dir := t.TempDir()
	part := filepath.Join(dir, "part.json")
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if code, _, e := runCLI(t, append(sweepArgs, "--shard", "0/2", "--partial", a)...); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := runCLI(t, "compare", "planning-week", "--set", "callback.max_retries=0,1", "--reps", "3", "--set", "seed=5", "-q", "--shard", "1/2", "--partial", b); code != 0 {
		t.Fatal(e)
	}
	a1 := filepath.Join(dir, "a1.json")
	if code, _, e := runCLI(t, append(sweepArgs, "--shard", "1/2", "--partial", a1)...); code != 0 {
		t.Fatal(e)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		phrase string
	}{
		{"unknown path", []string{"compare", "planning-week", "--set", "callback.max_retry=1,2", "--partial", part}, `unknown field "max_retry"`},
		{"wrong type", []string{"compare", "planning-week", "--set", "callback.max_retries=one", "--partial", part}, "expected a whole number"},
		{"out of range", []string{"compare", "planning-week", "--set", "callback.initial_delay=4d", "--partial", part}, "out of range"},
		{"no variants", []string{"compare", "planning-week"}, "give the variants"},
		{"shard without partial", []string{"compare", "planning-week", "--set", "seed=2", "--shard", "0/2"}, "--shard needs --partial"},
		{"bad shard", []string{"compare", "planning-week", "--set", "seed=2", "--shard", "2/2", "--partial", part}, "0 <= K < N"},
		{"unknown objective", []string{"compare", "planning-week", "--set", "seed=2", "--objective", "happiness"}, `unknown metric "happiness"`},
		{"bare percent in a constraint", []string{"compare", "planning-week", "--set", "seed=2", "--constraint", "abandon_rate<=5"}, "write 5% for 5 percent, or the fraction 0.05"},
		{"percent above 100 in a constraint", []string{"compare", "planning-week", "--set", "seed=2", "--constraint", "service_level>=120%"}, `"120%" is more than 100%`},
		{"percent on seconds", []string{"merge", a, b, "--constraint", "asa<=20%"}, "asa is not a percentage"},
		{"bare percent in a merge constraint", []string{"merge", a, b, "--constraint", "occupancy<=90"}, "write 90% for 90 percent"},
		{"scenario share above 1", []string{"compare", "planning-week", "--set", "agents[0].shrinkage=30", "--partial", part}, "for 30 percent write 30%"},
		{"staff abandonment cap above 1", []string{"staff", "mmc", "--target", "80/20", "--max-abandon", "5"}, "write 5% for 5 percent"},
		{"staff target above 100", []string{"staff", "mmc", "--target", "120/20"}, `"120%" is more than 100%`},
		{"unknown queue", []string{"compare", "planning-week", "--set", "seed=2", "--constraint", "asa[Sales]<=30", "--partial", part},
			`asa[Sales]: unknown queue "Sales"; the scenario's queues: Inbound, Callbacks`},
		{"unknown queue objective", []string{"compare", "planning-week", "--set", "seed=2", "--objective", "service_level[inbound]"},
			"did you mean service_level[Inbound]?"},
		{"agent metric of a queue", []string{"compare", "planning-week", "--set", "seed=2", "--objective", "occupancy[Inbound]"},
			"kept per agent group, not per queue"},
		{"unknown queue at merge", []string{"merge", a, a1, "--objective", "service_level[Sales]"}, `unknown queue "Sales"`},
		{"missing shard", []string{"merge", a}, "missing shard(s) 1 of 2"},
		{"duplicated shard", []string{"merge", a, a}, "shard 0/2 is given twice"},
		{"different sweeps", []string{"merge", a, b}, "from another sweep"},
		{"not a part", []string{"merge", filepath.Join("testdata", "..", "compare_test.go")}, "not a ccsim partial result"},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.phrase) || out != "" {
			t.Errorf("%s: exit %d, stderr %q, stdout %q; want exit 2 and %q", tc.name, code, errOut, out, tc.phrase)
		}
		if _, err := os.Stat(part); err == nil {
			t.Fatalf("%s: a partial result was written", tc.name)
		}
	}
}

// TestStaff: the staffing search prints Erlang C and A beside the
// simulation, writes a plan the scenario loader reads back, and an
// unreachable target is an error that writes nothing.
func TestStaff(t *testing.T) {
	plan := filepath.Join(t.TempDir(), "plan.csv")
	code, out, errOut := runCLI(t, "staff", "mmc", "--target", "80/20", "--reps", "4", "--out", plan)
	if code != 0 {
		t.Fatalf("staff: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Erlang C", "Erlang A", "simulation", "Agent-hours over the cycle"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load("mmc")
	if err != nil {
		t.Fatal(err)
	}
	p, err := scenarios.ReadStaffing(plan, data, s.Start, s.Interval)
	if err != nil {
		t.Fatalf("the plan does not read back: %v", err)
	}
	// 18 intervals: the warm-up hour and the counted day.
	if len(p.Rows) != 18 || p.Rows[5].Agents < 90 {
		t.Errorf("plan has %d rows, row 5 %d agents; want 18 rows of about 100", len(p.Rows), p.Rows[5].Agents)
	}

	// The plan runs back through ccsim run --staffing.
	if code, out, errOut := runCLI(t, "run", "mmc", "--staffing", "agent="+plan, "--reps", "2", "-q"); code != 0 || !strings.Contains(out, "service level") {
		t.Errorf("run --staffing: exit %d: %s", code, errOut)
	}
	for _, bad := range []struct{ arg, phrase string }{
		{"nobody=" + plan, `no agent group "nobody"`},
		{"agent", "want GROUP=FILE"},
		{"agent=" + filepath.Join(t.TempDir(), "missing.csv"), "no such file"},
	} {
		if code, _, errOut := runCLI(t, "run", "mmc", "--staffing", bad.arg, "-q"); code != 2 || !strings.Contains(errOut, bad.phrase) {
			t.Errorf("--staffing %s: exit %d, %q; want 2 and %q", bad.arg, code, errOut, bad.phrase)
		}
	}

	unreachable := filepath.Join(t.TempDir(), "none.csv")
	code, _, errOut = runCLI(t, "staff", "mmc", "--target", "80/20", "--reps", "2", "--max-agents", "60", "--out", unreachable)
	if code != 1 || !strings.Contains(errOut, "target cannot be met") {
		t.Errorf("unreachable target: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(unreachable); err == nil {
		t.Error("an unreachable target wrote a plan")
	}
	if code, _, errOut := runCLI(t, "staff", "mmc", "--target", "80"); code != 2 || !strings.Contains(errOut, "SL/TIME") {
		t.Errorf("bad target: exit %d, %q", code, errOut)
	}
}

// TestMerge_notAScenarioError: a bad partial file or shard is bad input
// (exit 2) but not called an invalid scenario.
func TestMerge_notAScenarioError(t *testing.T) {
	for _, args := range [][]string{
		{"merge", filepath.Join("testdata", "..", "compare_test.go")},
		{"compare", "mmc", "--set", "seed=2", "--shard", "9/2", "--partial", filepath.Join(t.TempDir(), "p.json")},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != exitUsage || strings.Contains(errOut, "invalid scenario") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2, not called an invalid scenario", args, code, errOut)
		}
	}
}

// TestCompare_ConstraintConventions: a percentage's bound written 5%,
// 5 % or 0.05 gives the same report, which shows it as 5%.
func TestCompare_ConstraintConventions(t *testing.T) {
	var first string
	for _, c := range []string{"abandon_rate<=5%", "abandon_rate<=5 %", "abandon_rate<=0.05"} {
		code, out, errOut := runCLI(t, "compare", "mmc-abandon", "--set", "agents[0].count=9,11", "--reps", "3", "-q", "--constraint", c)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c, code, errOut)
		}
		if !strings.Contains(out, "abandon_rate<=5%") {
			t.Errorf("%s: the report does not show the constraint as abandon_rate<=5%%:\n%s", c, out)
		}
		if first == "" {
			first = out
		} else if out != first {
			t.Errorf("%s: the report differs from the one for abandon_rate<=5%%", c)
		}
	}
}
