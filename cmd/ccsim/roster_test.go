package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const rosterTemplates = "../../analysis/roster/testdata/planning-week-shifts.yaml"

// TestRosterFromStaffing walks the README's path: the staffing search's
// plan as the requirement, the roster written as CSV, checked by
// simulation.
func TestRosterFromStaffing(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates the planning week")
	}
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.csv")
	if code, _, errOut := runCLI(t, "staff", "planning-week", "--target", "80/20", "--reps", "10", "--out", plan, "-q"); code != 0 {
		t.Fatalf("staff: exit %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "roster.csv")
	code, stdout, errOut := runCLI(t, "roster", "planning-week", "--templates", rosterTemplates, "--target", "80/20",
		"--requirement", plan, "--reps", "10", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("roster: exit %d: %s\n%s", code, errOut, stdout)
	}
	for _, want := range []string{"Shifts per template", "Cover per interval", "Erlang C requirement", "checked by simulation"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if lines[0] != "group,agent,template,day,start,end,breaks" || len(lines) < 100 {
		t.Fatalf("roster CSV: %d lines, header %q", len(lines), lines[0])
	}
	if !strings.HasPrefix(lines[1], "agent,full-01,full,mon,07:00,15:30,") || strings.Count(lines[1], ";") != 1 || !strings.HasSuffix(lines[1], " lunch") {
		t.Errorf("first shift: %q", lines[1])
	}
	// The roster runs as it is: ccsim run --roster reads what roster
	// wrote, lunches reported apart, and the week meets the target its
	// intervals were checked against.
	code, stdout, errOut = runCLI(t, "run", "planning-week", "--roster", "agent="+out, "--reps", "10", "--format", "markdown")
	if code != 0 {
		t.Fatalf("run --roster: exit %d: %s", code, errOut)
	}
	// Rows of one agent id are one agent: the group has as many agents
	// as the CSV has ids, not one per row.
	ids := map[string]bool{}
	for _, l := range lines[1:] {
		ids[strings.Split(l, ",")[1]] = true
	}
	if len(ids) >= len(lines)-1 || len(ids) < 20 {
		t.Errorf("%d agent ids for %d shifts: want weekly lines of several shifts", len(ids), len(lines)-1)
	}
	if want := fmt.Sprintf("| agent | %d |", len(ids)); !strings.Contains(strings.Join(strings.Fields(stdout), " "), want) {
		t.Errorf("run --roster: no group row %q", want)
	}
	for _, want := range []string{"| time on break ", "| time on lunch "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("run --roster reports no %q:\n%s", want, stdout)
		}
	}
	sl := regexp.MustCompile(`\| service level SL\(20s\) +\| +([0-9.]+) \|`).FindStringSubmatch(stdout)
	if sl == nil {
		t.Fatalf("no service level in:\n%s", stdout)
	}
	if v, _ := strconv.ParseFloat(sl[1], 64); v < 80 {
		t.Errorf("the checked roster, run: service level %.1f %%, want at least 80 %%", v)
	}
}

// TestRosterBadInput: each bad input exits 2, names the file and what is
// wrong, and writes nothing.
func TestRosterBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, err := os.ReadFile(rosterTemplates)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, templates, want string
	}{
		{"break outside shift", strings.Replace(string(good), "from: 3h30m, to: 5h30m", "from: 3h30m, to: 9h", 1),
			"outside.yaml:13: templates[0].breaks[1].to: the window 3h30m to 9h ends outside the shift (length 8h30m)"},
		{"cannot cover", strings.Replace(strings.Replace(string(good), `to: "12:30"`, `to: "10:00"`, 1), `to: "17:00"`, `to: "13:00"`, 1),
			"cover.yaml: templates cannot cover the requirement: interval Mon 18:30 needs 8 agents, but no template has a shift on duty then (full starts 07:00 to 10:00 for 8h30m; part starts 09:00 to 13:00 for 4h)"},
		{"weekly rest", strings.Replace(string(good), "days_per_week: 5\n", "days_per_week: 5\n    weekly_rest: 80h\n", 1),
			"weekly.yaml:10: templates[0].weekly_rest: must be whole minutes from 0 (no weekly rest) to 72h (default 35h), got 3d8h"},
		{"caps", strings.Replace(string(good), "days_per_week: 5\n", "days_per_week: 5\n    max_agents: 10\n", 1),
			"caps.yaml: templates cannot cover the requirement: interval Mon "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := write(strings.Fields(tc.want)[0][:strings.Index(tc.want, ".yaml")]+".yaml", tc.templates)
			out := filepath.Join(dir, tc.name+".csv")
			code, _, errOut := runCLI(t, "roster", "planning-week", "--templates", file, "--target", "80/20", "--reps", "4", "--out", out, "-q")
			if code != 2 {
				t.Errorf("exit %d, want 2: %s", code, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr\n%s\nwant it to contain\n%s", errOut, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s written", out)
			}
		})
	}
}
