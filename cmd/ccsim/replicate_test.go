package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestRun_estimates(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "mmc", "--reps", "3")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"Scenario mmc: seed 1, 3 replications, horizon 9h from 2024-06-03T00:00:00Z, warm-up 1h not counted.",
		"Summary: queue Main",
		"| metric                    |   mean | 95 % CI | unit     |",
		"| service level SL(20s)     |",
		"Service level SL(20s): Amazon Connect definition",
		"95 % confidence intervals over 3 replications (Student t).",
		"Per 30m interval: contacts (mean per replication)",
		"Per 30m interval: service and staffing",
		"| Mon 01:00 |", // the first hour is the warm-up
		"| Mon 08:30 |",
		"and those of the warm-up are left out: 2 of 18.",
	} {
		if !strings.Contains(out, want) && !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The interval tables carry "mean ± hw" for SL and ASA.
	if !regexp.MustCompile(`\| Mon 01:00 \| +\d+\.\d ± \d+\.\d \| +\d+\.\d ± \d+\.\d \|`).MatchString(out) {
		t.Errorf("no SL and ASA with a half width in the interval table:\n%s", out)
	}
	for i, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > reports.MaxWidth {
			t.Errorf("line %d is %d columns wide: %q", i+1, n, line)
		}
	}
	if errOut != "" {
		t.Errorf("stderr = %q, want nothing (not a terminal)", errOut)
	}
}

func TestRun_oneRepEstimates(t *testing.T) {
	// A scenario without a script gives estimate tables even run once,
	// without confidence intervals.
	code, out, errOut := runCLI(t, "run", "mmc")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"seed 1, 1 replication,", "| metric ", "|  value | unit     |", "One replication: no confidence intervals"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, reports.PlusMinus) {
		t.Errorf("one replication shows a half width:\n%s", out)
	}
}

func TestRun_workersGiveIdenticalOutput(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		t.Run(format, func(t *testing.T) {
			_, one, errOut := runCLI(t, "run", "mmc-abandon", "--reps", "4", "--workers", "1", "--format", format)
			code, two, _ := runCLI(t, "run", "mmc-abandon", "--reps", "4", "--workers", "2", "--format", format)
			if code != exitOK {
				t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
			}
			if one != two {
				t.Errorf("--workers 1 and --workers 2 differ:\n%s\n---\n%s", one, two)
			}
		})
	}
}

func TestRun_repsOverrideScenario(t *testing.T) {
	// planning-week asks for 10 replications; --reps 2 makes 2.
	code, out, errOut := runCLI(t, "run", "planning-week", "--reps", "2", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	var doc reports.SummaryDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not a JSON document: %v\n%s", err, out)
	}
	if doc.Format != reports.SummaryFormat || doc.Scenario != "planning-week" || doc.Settings.Replications != 2 ||
		doc.Settings.HorizonSeconds != 7*86400 || doc.Settings.IntervalSeconds != 1800 || doc.Settings.ServiceLevelSeconds != 20 {
		t.Errorf("doc = %+v, want planning-week with 2 replications", doc.Settings)
	}
	// The week's 336 intervals less the closed ones: open 07:00-21:00
	// Monday to Friday and 08:00-18:00 on Saturday, 160 half hours.
	if got := len(doc.Intervals); got != 160 {
		t.Errorf("%d intervals, want the week's 160 open ones", got)
	}
	sl, ok := doc.Overall.Find("service_level")
	if !ok || sl.Mean == nil || sl.HalfWidth == nil || sl.N != 2 {
		t.Errorf("service_level = %+v, want a mean and half width over 2 replications", sl)
	}
	if doc.Intervals[6].Label != "Mon 10:00" || doc.Intervals[6].Start != "2024-06-03T10:00:00Z" {
		t.Errorf("interval 6 = %q at %s, want Mon 10:00", doc.Intervals[6].Label, doc.Intervals[6].Start)
	}
	for _, iv := range doc.Intervals {
		if strings.HasPrefix(iv.Label, "Sun") || iv.Label == "Mon 21:00" || iv.Label == "Sat 18:00" {
			t.Errorf("closed interval %s in the document", iv.Label)
		}
	}
}

func TestRun_scenarioReplications(t *testing.T) {
	if testing.Short() {
		t.Skip("ten replications of a week")
	}
	// Without --reps, planning-week's own 10 replications.
	code, out, errOut := runCLI(t, "run", "planning-week", "--workers", "2")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"10 replications", "Callbacks: working queue Callbacks", "| Mon 10:00 |", "| Sat 17:30 |", "left out: 176 of 336."} {
		// Notes wrap: match them with line breaks read as spaces.
		if !strings.Contains(out, want) && !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "| Sun ") {
		t.Errorf("closed Sunday intervals are shown")
	}
}

func TestRun_recordsOfEveryReplication(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	code, _, errOut := runCLI(t, "run", "mmc-abandon", "--reps", "3", "--workers", "2", "--records", path)
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	counts := map[int]int{}
	last, n := 0, 0
	for sc.Scan() {
		var rec reports.ContactRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		rep, err := strconv.Atoi(rec.Attributes[reports.AttrReplication])
		if err != nil {
			t.Fatalf("line %d: %s = %q", n, reports.AttrReplication, rec.Attributes[reports.AttrReplication])
		}
		if rep < last {
			t.Fatalf("line %d: replication %d after %d: not in replication order", n, rep, last)
		}
		if !strings.HasPrefix(rec.ContactID, fmt.Sprintf("%08x-", rep)) {
			t.Fatalf("line %d: contact id %s is not of replication %d", n, rec.ContactID, rep)
		}
		last = rep
		counts[rep]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for rep := range 3 {
		if counts[rep] < 1000 {
			t.Errorf("replication %d has %d records, want its whole run", rep, counts[rep])
		}
	}
	if len(counts) != 3 {
		t.Errorf("records of replications %v, want 0, 1 and 2", counts)
	}
	if want := "wrote " + strconv.Itoa(n) + " contact records to " + path + "\n"; errOut != want {
		t.Errorf("stderr = %q, want %q", errOut, want)
	}
	if got := dirNames(t, dir); len(got) != 1 || got[0] != "records.jsonl" {
		t.Errorf("directory holds %q, want only records.jsonl (no temporary files)", got)
	}

	// --quiet drops the note.
	code, _, errOut = runCLI(t, "run", "mmc-abandon", "--reps", "2", "--records", path, "--quiet")
	if code != exitOK || errOut != "" {
		t.Errorf("--quiet: exit status %d, stderr %q; want 0 and nothing", code, errOut)
	}
}

func TestRun_recordsOneReplicationMatchesMany(t *testing.T) {
	// The records of replication 0 are the same whether it runs alone or
	// with others: every replication has its own random streams.
	dir := t.TempDir()
	one, three := filepath.Join(dir, "one.jsonl"), filepath.Join(dir, "three.jsonl")
	if code, _, errOut := runCLI(t, "run", "mmc", "--records", one); code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "run", "mmc", "--reps", "3", "--records", three); code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(three)
	if len(a) == 0 || !bytes.HasPrefix(b, a) || len(b) <= len(a) {
		t.Errorf("the records of 3 replications (%d bytes) do not start with those of replication 0 alone (%d bytes)", len(b), len(a))
	}
}

func TestRun_recordsWriteError(t *testing.T) {
	// A records file in a directory that does not exist: nothing runs to
	// completion and nothing is left behind.
	path := filepath.Join(t.TempDir(), "no", "such", "records.jsonl")
	code, out, errOut := runCLI(t, "run", "mmc", "--reps", "2", "--records", path)
	if code != exitError {
		t.Errorf("exit status %d, want %d", code, exitError)
	}
	if !strings.HasPrefix(errOut, "ccsim: write records: ") || strings.Contains(errOut, "interrupted") {
		t.Errorf("stderr = %q, want the write error", errOut)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
}

func TestRun_interruptedReplications(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.jsonl")
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"run", "mmc", "--reps", "3", "--records", path}, &out, &errOut)
	if code != exitError || errOut.String() != "ccsim: interrupted\n" {
		t.Errorf("exit status %d, stderr %q; want 1 and \"ccsim: interrupted\"", code, errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out.String())
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("directory holds %q after an interrupted run, want nothing", got)
	}
}

// compile compiles a built-in scenario.
func compile(t *testing.T, name string) *sim.Plan {
	t.Helper()
	l, err := scenarios.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestRunRun_progressBar(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tty   bool
		quiet bool
		want  bool
	}{
		{"terminal", true, false, true},
		{"quiet", true, true, false},
		{"not a terminal", false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := runRun(&runOptions{
				IO: &iostreams{Out: &out, ErrOut: &errOut, ErrTTY: tc.tty}, Ctx: t.Context(),
				Scenario: "mmc", Reps: 3, RepsSet: true, Quiet: tc.quiet, Format: "table",
			})
			if err != nil {
				t.Fatal(err)
			}
			s := errOut.String()
			if !tc.want {
				if s != "" {
					t.Errorf("stderr = %q, want nothing", s)
				}
				return
			}
			if !strings.Contains(s, "replications") || !strings.Contains(s, "/3") {
				t.Errorf("stderr = %q, want a bar counting 3 replications", s)
			}
			// Cleared at the end: blanks over the bar, then back to the
			// start of the line.
			if !regexp.MustCompile(`\r +\r$`).MatchString(s) {
				t.Errorf("stderr = %q, want the bar cleared at the end", s)
			}
			if strings.Contains(out.String(), "replications |") {
				t.Errorf("progress bar on stdout")
			}
		})
	}
}

func TestRun_planWarnings(t *testing.T) {
	// mmc with half its agents: 90 Erlangs on 50 agents.
	data, err := scenarios.Source("mmc")
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^(\s*count:) 100$`).ReplaceAll(data, []byte("$1 50"))
	path := filepath.Join(t.TempDir(), "overloaded.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "run", path, "--reps", "2")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	if !strings.HasPrefix(errOut, "warning: the offered load") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr = %q, want one warning about the offered load", errOut)
	}
	if strings.Contains(out, "warning") {
		t.Errorf("warning on stdout")
	}
}

func TestRun_johnReplicated(t *testing.T) {
	// The documented example run several times: estimates, and the check
	// of its first replication.
	code, out, errOut := runCLI(t, "run", "john", "--reps", "2")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"2 replications", "Summary: all queues", "Documented example (replication 0)", "22 of 22 documented values reproduced."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Contact records of the scripted contacts") {
		t.Errorf("a replicated run prints the records table")
	}
}

// TestRun_summaryAccountsForEveryContact: from the JSON summary alone,
// overall and per queue, every inbound contact offered is handled,
// abandoned, blocked, closed, took a callback, hung up on an unconfirmed
// slot or is still in queue at the end; and every callback requested is
// handled, abandoned after connect, dropped by its owner, expired,
// unreached or still open (issue 10: the multi-replication summaries did
// not report what was still in the system, so neither sum closed).
func TestRun_summaryAccountsForEveryContact(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "callback-types", "--reps", "3", "--format", "json", "-q")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	type metric struct {
		Mean float64 `json:"mean"`
	}
	var doc struct {
		Overall map[string]metric `json:"overall"`
		Queues  []struct {
			Name    string            `json:"name"`
			Metrics map[string]metric `json:"metrics"`
		} `json:"queues"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	scopes := map[string]map[string]metric{"overall": doc.Overall}
	for _, q := range doc.Queues {
		scopes[q.Name] = q.Metrics
	}
	sum := func(ms map[string]metric, keys ...string) float64 {
		var x float64
		for _, k := range keys {
			m, ok := ms[k]
			if !ok {
				t.Fatalf("summary lacks %q", k)
			}
			x += m.Mean
		}
		return x
	}
	// The JSON rounds each mean to 6 decimals.
	for name, ms := range scopes {
		in := sum(ms, "handled", "abandoned", "blocked", "closed", "callback_transferred", "slot_unconfirmed", "in_system")
		if offered := sum(ms, "offered"); math.Abs(offered-in) > 1e-5 {
			t.Errorf("%s: offered %v, accounted for %v", name, offered, in)
		}
		cb := sum(ms, "cb_handled", "cb_abandoned_after_connect", "cb_owned_disconnected", "cb_expired", "cb_unreached", "cb_in_system")
		if req := sum(ms, "cb_requested"); math.Abs(req-cb) > 1e-5 {
			t.Errorf("%s: callbacks requested %v, accounted for %v", name, req, cb)
		}
	}
	if doc.Overall["in_system"].Mean == 0 && doc.Overall["cb_in_system"].Mean == 0 {
		t.Error("nothing in the system at the end: the test proves little")
	}
}
