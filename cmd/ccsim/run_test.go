package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
)

// testStreams returns iostreams writing to two buffers.
func testStreams() (*iostreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &iostreams{Out: &out, ErrOut: &errOut}, &out, &errOut
}

func TestNewCmdRun(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		want      runOptions
		wantUsage bool
	}{
		{name: "scenario only", args: []string{"john"},
			want: runOptions{Scenario: "john", Format: "table"}},
		{name: "seed", args: []string{"mmc", "--seed", "7"},
			want: runOptions{Scenario: "mmc", Seed: 7, SeedSet: true, Format: "table"}},
		{name: "seed zero is still set", args: []string{"mmc", "--seed=0"},
			want: runOptions{Scenario: "mmc", Seed: 0, SeedSet: true, Format: "table"}},
		{name: "records and format", args: []string{"my-centre.yaml", "--records", "out.jsonl", "--format", "json"},
			want: runOptions{Scenario: "my-centre.yaml", Records: "out.jsonl", Format: "json"}},
		{name: "html and csv", args: []string{"planning-week", "--html", "week.html", "--csv", "tables"},
			want: runOptions{Scenario: "planning-week", HTML: "week.html", CSV: "tables", Format: "table"}},
		{name: "flags first", args: []string{"--format=markdown", "x.yaml"},
			want: runOptions{Scenario: "x.yaml", Format: "markdown"}},
		{name: "reps", args: []string{"planning-week", "--reps", "10"},
			want: runOptions{Scenario: "planning-week", Reps: 10, RepsSet: true, Format: "table"}},
		{name: "one rep is still set", args: []string{"planning-week", "--reps=1"},
			want: runOptions{Scenario: "planning-week", Reps: 1, RepsSet: true, Format: "table"}},
		{name: "workers and quiet", args: []string{"mmc", "--workers", "2", "--quiet"},
			want: runOptions{Scenario: "mmc", Workers: 2, Quiet: true, Format: "table"}},
		{name: "short quiet, workers 0 is all cores", args: []string{"mmc", "-q", "--workers=0", "--reps", "3"},
			want: runOptions{Scenario: "mmc", Quiet: true, Reps: 3, RepsSet: true, Format: "table"}},
		{name: "most reps", args: []string{"mmc", "--reps", "100000"},
			want: runOptions{Scenario: "mmc", Reps: 100000, RepsSet: true, Format: "table"}},
		{name: "bad format", args: []string{"john", "--format", "xml"}, wantUsage: true},
		{name: "bad seed", args: []string{"john", "--seed", "-1"}, wantUsage: true},
		{name: "empty records", args: []string{"john", "--records", ""}, wantUsage: true},
		{name: "empty html", args: []string{"john", "--html", ""}, wantUsage: true},
		{name: "empty csv", args: []string{"john", "--csv="}, wantUsage: true},
		{name: "zero reps", args: []string{"mmc", "--reps", "0"}, wantUsage: true},
		{name: "negative reps", args: []string{"mmc", "--reps", "-3"}, wantUsage: true},
		{name: "too many reps", args: []string{"mmc", "--reps", "100001"}, wantUsage: true},
		{name: "reps not a number", args: []string{"mmc", "--reps", "ten"}, wantUsage: true},
		{name: "negative workers", args: []string{"mmc", "--workers", "-1"}, wantUsage: true},
		{name: "workers not a number", args: []string{"mmc", "--workers", "2.5"}, wantUsage: true},
		{name: "unknown flag", args: []string{"john", "--repz", "3"}, wantUsage: true},
		{name: "no scenario", args: nil, wantUsage: true},
		{name: "two scenarios", args: []string{"john", "mmc"}, wantUsage: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, _, _ := testStreams()
			var got *runOptions
			cmd := newCmdRun(io, func(o *runOptions) error { got = o; return nil })
			// Flag errors become usage errors through the root's
			// FlagErrorFunc; give the command a parent that has it.
			root := newRootCmd(io)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(cmd)
			root.SetArgs(append([]string{"run"}, tc.args...))
			_, err := root.ExecuteC()
			if tc.wantUsage {
				var ue *usageError
				if !errors.As(err, &ue) {
					t.Fatalf("Execute() = %v, want a usage error", err)
				}
				if got != nil {
					t.Errorf("run function called with %+v despite the error", *got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Execute() = %v", err)
			}
			if got == nil {
				t.Fatal("run function not called")
			}
			got.IO, got.Ctx = nil, nil
			if want := (budgetFlags{maxContacts: 1e9, maxMemory: "4GiB"}); got.Budget != want {
				t.Errorf("budget = %+v, want the default %+v", got.Budget, want)
			}
			got.Budget = budgetFlags{}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("options = %+v, want %+v", *got, tc.want)
			}
		})
	}
}

// runCLI runs ccsim with args and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunRun_john(t *testing.T) {
	io, out, errOut := testStreams()
	err := runRun(&runOptions{IO: io, Ctx: t.Context(), Scenario: "john", Format: "table"})
	if err != nil {
		t.Fatalf("runRun() = %v\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}
	s := out.String()
	for _, want := range []string{
		"Scenario john: seed 1",
		"Inbound contacts by queue",
		"| SL(20s) %",
		"Service level: Amazon Connect definition",
		"Callbacks by working queue",
		"| 1 INBOUND ",
		"| 2 CALLBACK ",
		"| Queue.EnqueueTimestamp          | 11:35:00                | 11:38:39 ",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	// The check table: every row matches.
	rows := regexp.MustCompile(`(?m)^\| john (INBOUND|CALLBACK) .*\|$`).FindAllString(s, -1)
	if len(rows) == 0 {
		t.Fatalf("no check table rows in the output:\n%s", s)
	}
	for _, r := range rows {
		if !strings.HasSuffix(r, "| yes   |") {
			t.Errorf("check row does not match: %s", r)
		}
	}
	if !strings.Contains(s, "documented values reproduced") {
		t.Errorf("output lacks the check summary:\n%s", s)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr = %q, want nothing", errOut)
	}
}

func TestRun_records(t *testing.T) {
	path := filepath.Join(t.TempDir(), "records.jsonl")
	code, _, errOut := runCLI(t, "run", "john", "--records", path)
	if code != exitOK {
		t.Fatalf("exit status %d, want 0; stderr:\n%s", code, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 2 {
		t.Fatalf("wrote %d lines, want 2:\n%s", len(lines), data)
	}
	for i, want := range []string{"INBOUND", "CALLBACK"} {
		var rec reports.ContactRecord
		if err := json.Unmarshal([]byte(lines[i]), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if rec.InitiationMethod != want || rec.Channel != "VOICE" {
			t.Errorf("line %d: InitiationMethod %q, Channel %q; want %q, VOICE", i+1, rec.InitiationMethod, rec.Channel, want)
		}
	}
	if !strings.Contains(errOut, "wrote 2 contact records to "+path) {
		t.Errorf("stderr = %q, want a note of the records written", errOut)
	}
}

func TestRun_badScenario(t *testing.T) {
	dir := t.TempDir()
	scenario := filepath.Join(dir, "bad.yaml")
	records := filepath.Join(dir, "records.jsonl")
	data, err := scenarios.Source("john")
	if err != nil {
		t.Fatal(err)
	}
	// Four days is more than Amazon Connect's 3-day maximum.
	bad, n := regexp.MustCompile(`(?m)^(\s*initial_delay:) 99s$`).ReplaceAll(data, []byte("$1 4d")), 0
	lines := strings.Split(string(bad), "\n")
	for i, l := range lines {
		if strings.Contains(l, "initial_delay: 4d") {
			n = i + 1
		}
	}
	if n == 0 {
		t.Fatal("john.yaml has no `initial_delay: 99s` line to break")
	}
	if err := os.WriteFile(scenario, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "run", scenario, "--records", records)
	if code != exitUsage {
		t.Errorf("exit status %d, want %d", code, exitUsage)
	}
	want := scenario + ":" + strconv.Itoa(n) + ": contact_types[0].callback.initial_delay:"
	if !strings.HasPrefix(errOut, "ccsim: ") || !strings.Contains(errOut, want) {
		t.Errorf("stderr = %q, want it to start with \"ccsim: \" and contain %q", errOut, want)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only bad.yaml (no records file)", names)
	}
}

func TestRun_failedChecks(t *testing.T) {
	dir := t.TempDir()
	scenario := filepath.Join(dir, "wrong.yaml")
	data, err := scenarios.Source("john")
	if err != nil {
		t.Fatal(err)
	}
	// The superseded version of the documented example: the agent
	// accepts at 11:40:00, which the scenario does not produce.
	data = regexp.MustCompile(`(?ms)^documented:.*`).ReplaceAll(data, nil)
	data = append(data, []byte(`
documented:
  source: the old page
  note: it contradicts itself
  checks:
    - {contact: john, record: CALLBACK, field: DequeueTimestamp, want: "11:40:00"}
    - {contact: john, record: CALLBACK, field: EnqueueTimestamp, want: "11:38:39"}
    - {contact: john, record: CALLBACK, field: ConnectedToAgentTimestamp, want: "11:40:25"}
`)...)
	if err := os.WriteFile(scenario, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "run", scenario)
	if code != exitError {
		t.Errorf("exit status %d, want %d", code, exitError)
	}
	if got, want := errOut, "ccsim: 2 documented checks failed\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	for _, want := range []string{"| 11:40:00 ", "| 11:39:00 ", "| NO ", "1 of 3 documented values reproduced", "it contradicts itself"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

func TestRun_seed(t *testing.T) {
	_, def, _ := runCLI(t, "run", "mmc")
	_, seed1, _ := runCLI(t, "run", "mmc", "--seed", "1")
	code, seed2, errOut := runCLI(t, "run", "mmc", "--seed", "2")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	_, seed2again, _ := runCLI(t, "run", "mmc", "--seed", "2")
	if def != seed1 {
		t.Errorf("--seed 1 changed the output of mmc, whose seed is 1")
	}
	if seed2 == seed1 {
		t.Errorf("--seed 2 gives the same output as seed 1")
	}
	if seed2 != seed2again {
		t.Errorf("two runs with --seed 2 differ:\n%s\n---\n%s", seed2, seed2again)
	}
	if !strings.Contains(seed2, "seed 2,") {
		t.Errorf("header does not show seed 2:\n%s", seed2)
	}
}

func TestRun_json(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "john", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	var doc reports.RunDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not a JSON document: %v\n%s", err, out)
	}
	if doc.Format != reports.RunFormat || doc.Scenario != "john" || doc.Total.Callback.Handled != 1 {
		t.Errorf("doc = %+v, want john with one handled callback", doc)
	}
	if len(doc.Checks) == 0 || doc.ChecksFailed != 0 {
		t.Errorf("checks = %+v (failed %d), want all documented checks passing", doc.Checks, doc.ChecksFailed)
	}
}

func TestRun_exitCodes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		wantStderr string
	}{
		{"help", []string{"--help"}, exitOK, ""},
		{"bare", nil, exitOK, ""},
		{"unknown command", []string{"rnu", "john"}, exitUsage, `ccsim: unknown command "rnu" for "ccsim"; did you mean "run"?`},
		{"unknown flag", []string{"run", "john", "--sed", "2"}, exitUsage, "ccsim: unknown flag: --sed"},
		{"missing scenario", []string{"run"}, exitUsage, "ccsim: missing SCENARIO"},
		{"no such scenario", []string{"run", "no-such-centre.yaml"}, exitUsage, `"no-such-centre.yaml" is neither a built-in scenario`},
		{"bad format", []string{"run", "mmc", "--format", "csv"}, exitUsage, "valid values are table, markdown, json"},
		{"bad reps", []string{"run", "mmc", "--reps", "0"}, exitUsage, "ccsim: --reps must be between 1 and 100000, got 0"},
		{"bad workers", []string{"run", "mmc", "--workers", "-2"}, exitUsage, "ccsim: --workers must be 0 (one per CPU) or more, got -2"},
		{"unknown erlang model", []string{"erlang", "d", "--volume", "1", "--aht", "1s", "--agents", "1"}, exitUsage, `ccsim: unknown model "d"`},
		{"version takes no args", []string{"version", "x"}, exitUsage, "ccsim: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tc.wantStderr)
			}
			if tc.code != exitOK && strings.Count(errOut, "ccsim: ") != 1 {
				t.Errorf("stderr = %q, want the error printed once", errOut)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{errors.New("disk full"), exitError},
		{&checksFailedError{n: 2}, exitError},
		{context.Canceled, exitError},
		{&usageError{err: errors.New("bad flag")}, exitUsage},
		{&model.FieldError{Path: "horizon", Msg: "must be set"}, exitUsage},
		{model.Errors{{Path: "horizon", Msg: "must be set"}}, exitUsage},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestRun_interrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	path := filepath.Join(t.TempDir(), "r.jsonl")
	code := run(ctx, []string{"run", "mmc", "--records", path}, &out, &errOut)
	if code != exitError || errOut.String() != "ccsim: interrupted\n" {
		t.Errorf("exit status %d, stderr %q; want 1 and \"ccsim: interrupted\"", code, errOut.String())
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("records file left behind after an interrupted run (Stat: %v)", err)
	}
}

func TestCompletion(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		// ShellCompDirectiveDefault (0): file names complete too.
		{"scenario", []string{"__complete", "run", ""}, []string{"john\t", "mmc\t", "mmc-abandon\t", ":0\n"}},
		{"scenario prefix", []string{"__complete", "run", "mm"}, []string{"mmc\t", "mmc-abandon\t", ":0\n"}},
		// ShellCompDirectiveNoFileComp (4).
		{"format", []string{"__complete", "run", "john", "--format", ""}, []string{"table\n", "markdown\n", "json\n", ":4\n"}},
		{"erlang model", []string{"__complete", "erlang", ""}, []string{"b\tErlang B", "c\tErlang C", "a\tErlang A", ":4\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != exitOK {
				t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
			}
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("completion output lacks %q:\n%s", want, out)
				}
			}
			if tc.name == "scenario prefix" && strings.Contains(out, "john") {
				t.Errorf("completion of %q offers john:\n%s", "mm", out)
			}
		})
	}
}

func TestScenarios(t *testing.T) {
	code, out, errOut := runCLI(t, "scenarios")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"| name ", "| description ", "| john ", "| mmc ", "| mmc-abandon ", "Amazon Connect"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if len(line) > reports.MaxWidth {
			t.Errorf("line %d is %d columns wide", i+1, len(line))
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != exitOK || !strings.HasPrefix(out, "ccsim dev (go") {
		t.Errorf("version: exit %d, output %q; want 0 and \"ccsim dev (go...\"", code, out)
	}
}

func TestRun_warnings(t *testing.T) {
	data, err := scenarios.Source("john")
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^(\s*max_retries:) 2$`).ReplaceAll(data, []byte("$1 20"))
	scenario := filepath.Join(t.TempDir(), "retries.yaml")
	if err := os.WriteFile(scenario, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "run", scenario)
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	want := "warning: " + scenario + ":"
	if !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "contact_types[0].callback.max_retries: 20 retries") {
		t.Errorf("stderr = %q, want a warning starting %q about max_retries", errOut, want)
	}
	if strings.Contains(out, "warning") {
		t.Errorf("warning printed to stdout:\n%s", out)
	}
}

func TestNewCmdScenarios(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		want      string
		wantUsage bool
	}{
		{nil, "table", false},
		{[]string{"--format", "markdown"}, "markdown", false},
		{[]string{"--format", "json"}, "", true},
		{[]string{"john"}, "", true},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			io, _, _ := testStreams()
			var got *scenariosOptions
			root := newRootCmd(io)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(newCmdScenarios(io, func(o *scenariosOptions) error { got = o; return nil }))
			root.SetArgs(append([]string{"scenarios"}, tc.args...))
			_, err := root.ExecuteC()
			var ue *usageError
			if tc.wantUsage != errors.As(err, &ue) {
				t.Fatalf("Execute() = %v, want usage error: %v", err, tc.wantUsage)
			}
			if tc.wantUsage {
				return
			}
			if got == nil || got.Format != tc.want {
				t.Errorf("options = %+v, want Format %q", got, tc.want)
			}
		})
	}
}
