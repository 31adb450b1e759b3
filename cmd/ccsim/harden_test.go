package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 15, item 3: runs that ran out of memory (exit status 2, temp files
// left) are refused for their cost before anything is written: exit
// status 1, the estimate, the flags that override it, and no files.
func TestRun_refusedForItsCost(t *testing.T) {
	for _, tc := range []struct{ file, over string }{
		{"agents.yaml", "6000000 agents"},
		{"rate.yaml", "8.76 billion contacts"},
		{"forecast.yaml", "million contacts"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := t.TempDir()
			start := time.Now()
			code, out, errOut := runCLI(t, "run", filepath.Join("testdata", "cost", tc.file), "--quiet",
				"--html", filepath.Join(dir, "r.html"), "--csv", filepath.Join(dir, "tables"), "--records", filepath.Join(dir, "r.jsonl"))
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v to refuse", d)
			}
			if code != exitError || out != "" {
				t.Errorf("exit status %d, stdout %q; want 1 and nothing", code, out)
			}
			for _, want := range []string{"ccsim: refused for its cost: about", tc.over, "the budget is", "--max-contacts", "--max-memory", "--force"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr %q does not say %q", errOut, want)
				}
			}
			if got := dirNames(t, dir); len(got) != 0 {
				t.Errorf("directory holds %q after a refusal, want nothing", got)
			}
		})
	}
}

// TestRun_pastItsBounds: the ten million agents in one group and a
// billion contacts an hour are past their bounds (docs/bounds.md): bad
// input, exit 2, refused before any estimate, nothing written.
func TestRun_pastItsBounds(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"name: a\nhorizon: 1h\nqueues: [{name: Q}]\nrouting_profiles: [{name: P, queues: [{queue: Q}]}]\n" +
			"agents: [{name: a, count: 10000000, profile: P}]\ncontact_types: [{name: t, queue: Q, per_hour: 10, talk: 5m}]\n",
			"agents[0].count: 10000000 is out of range (allowed: 1 to 100000 agents)"},
		{"", "contact_types[0].per_hour: 1000000000 is out of range (allowed: 0 to 1000000 contacts per hour)"},
	} {
		dir := t.TempDir()
		file := filepath.Join("testdata", "cost", "rate-year.yaml")
		if tc.src != "" {
			file = filepath.Join(dir, "s.yaml")
			if err := os.WriteFile(file, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "out")
		code, _, errOut := runCLI(t, "run", file, "--quiet", "--csv", out)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", file, code, errOut, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: wrote %s", file, out)
		}
	}
}

// A forecast or staffing plan far longer than the run (29 MB of rows for
// a one-day run) gives a reporting cycle of as many intervals, each with
// counters in every replication: refused, not out of memory.
func TestRun_longPlanRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 15 MB plan")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("interval_start,offered\n")
	t0 := time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)
	for i := range 500000 {
		fmt.Fprintf(&b, "%s,1\n", t0.Add(time.Duration(i)*15*time.Minute).Format("2006-01-02 15:04"))
	}
	if err := os.WriteFile(filepath.Join(dir, "long.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	scen := filepath.Join(dir, "long.yaml")
	if err := os.WriteFile(scen, []byte(`name: long
horizon: 1d
interval: 15m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 10, profile: P}]
contact_types: [{name: t, queue: Q, forecast: long.csv, talk: 5m}]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "run", scen, "--reps", "10", "--quiet")
	if code != exitError || !strings.Contains(errOut, "refused for its cost") || !strings.Contains(errOut, "GiB of memory") {
		t.Errorf("exit status %d, stderr %q; want 1 and a refusal for memory", code, errOut)
	}
}

// The budget is a flag: --force runs what the budget refuses, and a
// budget of 10 contacts refuses a small run.
func TestRun_budgetFlags(t *testing.T) {
	code, _, errOut := runCLI(t, "run", "mmc", "--reps", "2", "--quiet", "--max-contacts", "10")
	if code != exitError || !strings.Contains(errOut, "the budget is 10 contacts") {
		t.Errorf("--max-contacts 10: exit status %d, stderr %q; want 1 and a refusal", code, errOut)
	}
	code, _, errOut = runCLI(t, "run", "mmc", "--reps", "2", "--quiet", "--max-contacts", "10", "--force")
	if code != exitOK {
		t.Errorf("--force: exit status %d, stderr %q; want 0", code, errOut)
	}
	code, _, errOut = runCLI(t, "run", "mmc", "--reps", "2", "--quiet", "--max-memory", "1KiB")
	if code != exitError || !strings.Contains(errOut, "the budget is 1.0 KiB of memory") {
		t.Errorf("--max-memory 1KiB: exit status %d, stderr %q; want 1 and a refusal", code, errOut)
	}
	for _, bad := range [][]string{{"--max-memory", "lots"}, {"--max-memory", "-1GiB"}, {"--max-contacts", "0"}} {
		if code, _, _ := runCLI(t, append([]string{"run", "mmc", "--quiet"}, bad...)...); code != exitUsage {
			t.Errorf("%q: exit status %d, want %d", bad, code, exitUsage)
		}
	}
}

// compare and staff check the budget too: a sweep over all its variants.
func TestCompareStaff_refusedForItsCost(t *testing.T) {
	rate := filepath.Join("testdata", "cost", "rate.yaml")
	code, _, errOut := runCLI(t, "compare", rate, "--set", "contact_types[0].per_hour=500000,900000", "--quiet")
	if code != exitError || !strings.Contains(errOut, "refused for its cost") || !strings.Contains(errOut, "over 30 simulations") {
		t.Errorf("compare: exit status %d, stderr %q; want 1 and a refusal of 3 variants x 10", code, errOut)
	}
	code, _, errOut = runCLI(t, "staff", rate, "--target", "80/20", "--quiet")
	if code != exitError || !strings.Contains(errOut, "refused for its cost") {
		t.Errorf("staff: exit status %d, stderr %q; want 1 and a refusal", code, errOut)
	}
}

// Issue 15, item 3: /dev/zero as any input is refused at once, naming
// the file and the limit, as bad input.
func TestInputs_sizeLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, args := range [][]string{
		{"run", "/dev/zero"},
		{"run", "mmc", "--staffing", "agent=/dev/zero"},
		{"compare", "/dev/zero", "--set", "seed=1,2"},
		{"compare", "mmc", "--variants", "/dev/zero"},
		{"staff", "/dev/zero", "--target", "80/20"},
	} {
		start := time.Now()
		code, _, errOut := runCLI(t, append(args, "--quiet")...)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q: took %v", args, d)
		}
		if code != exitUsage || !strings.Contains(errOut, "/dev/zero is larger than 64 MiB") {
			t.Errorf("%q: exit status %d, stderr %q; want 2 and the limit", args, code, errOut)
		}
	}
}

// Issue 15, item 4: a named pipe nobody writes blocked the command, deaf
// to Ctrl-C. An interruption while reading returns at once.
func TestRun_interruptedReadingFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "scenario.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"run", fifo, "--quiet", "--html", filepath.Join(out, "r.html")},
		{"compare", fifo, "--quiet", "--set", "seed=1,2"},
		{"compare", "mmc", "--quiet", "--variants", fifo},
		{"staff", fifo, "--quiet", "--target", "80/20", "--out", filepath.Join(out, "plan.csv")},
		{"merge", fifo},
	} {
		assertInterrupted(t, args, 200*time.Millisecond)
	}
	// Let the readers still waiting on the pipe finish.
	for range 5 {
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("an interrupted command left %s", out)
	}
}

// Issue 15, item 4: validating 100,000 queues took 273 s and Ctrl-C could
// not stop it. Interrupted while loading a large scenario, the command
// returns within a second.
func TestRun_interruptedLoadingLargeScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 10 MB scenario")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	n := 100000
	b.WriteString("name: big\nhorizon: 1h\nqueues:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: q%d\n", i)
	}
	b.WriteString("routing_profiles:\n  - name: P\n    queues:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - queue: q%d\n", i)
	}
	b.WriteString("agents: [{name: a, profile: P}]\ncontact_types:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: t%d, queue: q%d, talk: 5m, per_hour: 0}\n", i, i)
	}
	scen := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(scen, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	assertInterrupted(t, []string{"run", scen, "--quiet", "--html", filepath.Join(dir, "r.html")}, 300*time.Millisecond)
	if got := dirNames(t, dir); len(got) != 1 {
		t.Errorf("directory holds %q, want the scenario only", got)
	}

	// Summarising a run of 100,000 queues takes about a second on a
	// 2-core machine after the simulation, and once held Ctrl-C until it
	// ended. Interrupted across the run, every phase answers at once.
	b.Reset()
	b.WriteString("name: wide\nhorizon: 1h\nqueues:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: q%d\n", i)
	}
	b.WriteString("routing_profiles: [{name: P, queues: [{queue: q0}]}]\nagents: [{name: a, count: 2, profile: P}]\n" +
		"contact_types: [{name: t, queue: q0, per_hour: 10, talk: 1m}]\n")
	wide := filepath.Join(dir, "wide.yaml")
	if err := os.WriteFile(wide, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, wait := range []time.Duration{500 * time.Millisecond, 900 * time.Millisecond, 1300 * time.Millisecond} {
		assertInterrupted(t, []string{"run", wide, "--quiet", "--html", filepath.Join(dir, "r.html")}, wait)
		if got := dirNames(t, dir); len(got) != 2 {
			t.Errorf("after %v: directory holds %q, want the scenarios only", wait, got)
		}
	}
}

// assertInterrupted runs args, cancels after wait, and checks that the
// command returns within a second of it with exit status 1.
func assertInterrupted(t *testing.T, args []string, wait time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		code   int
		errOut string
	}
	done := make(chan result, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := run(ctx, args, &out, &errOut)
		done <- result{code, errOut.String()}
	}()
	time.Sleep(wait)
	cancel()
	select {
	case r := <-done:
		if r.code != exitError || r.errOut != "ccsim: interrupted\n" {
			t.Errorf("%q: exit status %d, stderr %q; want 1 and \"ccsim: interrupted\"", args, r.code, r.errOut)
		}
	case <-time.After(time.Second):
		t.Errorf("%q: still running a second after the interruption", args)
	}
}

// Issue 15, item 4: a grid of a million variants was built (and each
// parsed) before anything could stop it; it is refused at once.
func TestCompare_gridTooLarge(t *testing.T) {
	var a, b []string
	for i := range 1000 {
		a, b = append(a, fmt.Sprint(i)), append(b, fmt.Sprintf("%dm", i+1))
	}
	start := time.Now()
	code, _, errOut := runCLI(t, "compare", "planning-week", "--set", "callback.max_retries="+strings.Join(a, ","),
		"--set", "callback.retry_interval="+strings.Join(b, ","), "--quiet")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if code != exitUsage || !strings.Contains(errOut, "at most 10000 variants") {
		t.Errorf("exit status %d, stderr %q; want 2 and the limit", code, errOut)
	}
}

// Issue 15, item 4: staff --max-agents 1000000000 searched for minutes per
// interval; it is bounded.
func TestStaff_maxAgentsBounded(t *testing.T) {
	code, _, errOut := runCLI(t, "staff", "mmc", "--target", "80/20", "--max-agents", "1000000000")
	if code != exitUsage || !strings.Contains(errOut, "--max-agents must be between 1 and 100000") {
		t.Errorf("exit status %d, stderr %q; want 2 and the bound", code, errOut)
	}
}
