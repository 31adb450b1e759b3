package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// centreYAML is the test centre of analysis/testdata: two queues open
// 09-17 on weekdays, three groups with lunch breaks, callbacks after 60 s.
var centreYAML = filepath.Join("..", "..", "analysis", "testdata", "centre.yaml")

// TestStaff_centre: ccsim staff staffs every group of a two-queue,
// three-group centre at once, meets every queue's target, writes one plan
// per group, and ccsim run takes the plans back.
func TestStaff_centre(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.csv")
	code, stdout, errOut := runCLI(t, "staff", centreYAML, "--target", "80/20", "--target", "Support=85/20",
		"--max-abandon", "Sales=5%", "--max-asa", "Support=30s", "--reps", "6", "--out", out)
	if code != 0 {
		t.Fatalf("staff: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Staffing of agent groups sales, support, blended in centre",
		"Targets: Sales 80% within 20s, at most 5.0% abandoning; Support 85% within 20s, ASA at most 30s.",
		"Queue Sales: 80% within 20s", "Queue Support: 85% within 20s, ASA at most 30s", "Agent-hours over the cycle"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "MISSED") || strings.Contains(stdout, "WARNING") {
		t.Errorf("a settled search shows misses:\n%s", stdout)
	}
	var staffing []string
	for _, g := range []string{"sales", "support", "blended"} {
		p := filepath.Join(dir, "plan-"+g+".csv")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "# ccsim staffing search: group "+g+" of centre, Sales 80% within 20s") {
			t.Errorf("%s header:\n%s", p, data)
		}
		staffing = append(staffing, "--staffing", g+"="+p)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written: with several groups only the per-group files are", out)
	}
	args := append([]string{"run", centreYAML, "--reps", "2", "-q"}, staffing...)
	if code, stdout, errOut := runCLI(t, args...); code != 0 || !strings.Contains(stdout, "service level") {
		t.Errorf("run with the plans: exit %d: %s", code, errOut)
	}
}

// TestStaff_oneGroupOfCentre: --group staffs one group of the centre; a
// target for every queue then covers the queues it serves, and --out
// writes the one plan to the file named.
func TestStaff_oneGroupOfCentre(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan.csv")
	code, stdout, errOut := runCLI(t, "staff", centreYAML, "--target", "80/20", "--group", "sales", "--reps", "4", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "Staffing of agent groups sales in centre") || !strings.Contains(stdout, "Targets: Sales 80% within 20s.") {
		t.Errorf("output:\n%s", stdout)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("plan not written: %v", err)
	}
}

// TestStaff_centreBudget: a search that runs out of --max-evaluations
// prints and writes the best plan it found, lists the queue intervals
// that still miss, warns, and exits 1.
func TestStaff_centreBudget(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.csv")
	code, stdout, errOut := runCLI(t, "staff", centreYAML, "--target", "80/20", "--reps", "4", "--max-evaluations", "3",
		"--set", "agents[*].decline_probability=0.5", "--set", "agents[*].missed_lockout=1m", "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errOut)
	}
	if !strings.Contains(errOut, "staffing search ran out of evaluations: the search did not settle in 3 evaluations; the best plan found misses") {
		t.Errorf("stderr %q", errOut)
	}
	for _, want := range []string{"WARNING: the search ran out of its 3 evaluations", "Queue intervals that still miss their target", "MISSED"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	for _, g := range []string{"sales", "support", "blended"} {
		if _, err := os.Stat(filepath.Join(dir, "plan-"+g+".csv")); err != nil {
			t.Errorf("the best plan of %s was not written: %v", g, err)
		}
	}
}

// TestStaff_centreOccupancyCap: --max-occupancy caps one group (sales at
// 55 %, below the 60-odd % the queue targets alone leave it) and the
// report shows that group's occupancy per interval, every interval under
// its cap; the plan files name the cap with the targets; JSON carries the
// cap and the figures. The other groups show no occupancy table.
func TestStaff_centreOccupancyCap(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.csv")
	code, stdout, errOut := runCLI(t, "staff", centreYAML, "--target", "80/20", "--max-occupancy", "sales=55%",
		"--reps", "8", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("staff: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Targets: Sales 80% within 20s; Support 80% within 20s; group sales occupancy at most 55%.",
		"Group sales: occupancy at most 55%", "| interval  | agents | occupancy % | 95 % CI high | cap |"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	for _, unwanted := range []string{"MISSED", "WARNING", "Group support", "Group blended"} {
		if strings.Contains(stdout, unwanted) {
			t.Errorf("output shows %q:\n%s", unwanted, stdout)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "plan-sales.csv"))
	if err != nil || !strings.Contains(string(data), "group sales occupancy at most 55%") {
		t.Errorf("plan-sales.csv (%v):\n%s", err, data)
	}
	code, stdout, errOut = runCLI(t, "staff", centreYAML, "--target", "80/20", "--max-occupancy", "0.55", "--group", "sales",
		"--reps", "8", "--format", "json", "-q")
	if code != 0 {
		t.Fatalf("staff --format json: exit %d: %s", code, errOut)
	}
	// One group and one queue with a cap take the centre's report: the
	// one-group report has no place for the cap.
	for _, want := range []string{`"format": "ccsim.staff-centre/v1"`, `"max_occupancy": 0.55`, `"occupancy_ci_high": `} {
		if !strings.Contains(stdout, want) {
			t.Errorf("JSON lacks %q:\n%s", want, stdout)
		}
	}
}

// TestStaff_oneGroupBudget: one group and one queue keep the one-group
// report, with the warning and the intervals still missing after it.
func TestStaff_oneGroupBudget(t *testing.T) {
	plan := filepath.Join(t.TempDir(), "plan.csv")
	code, stdout, errOut := runCLI(t, "staff", "mmc-abandon", "--target", "80/20", "--reps", "4", "--max-evaluations", "2", "--out", plan, "-q")
	if code != 1 || !strings.Contains(errOut, "did not settle in 2 evaluations") {
		t.Fatalf("exit %d, stderr %q; want 1 and the budget", code, errOut)
	}
	for _, want := range []string{"Staffing of agent group", "WARNING: the search ran out of its 2 evaluations", "still misses: Main Mon 2024-06-03"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(plan); err != nil {
		t.Errorf("the best plan was not written: %v", err)
	}
}

// TestStaff_centreBadInput: targets naming unknown queues, unknown
// groups, groups serving no queue with a target and service-level
// targets of different thresholds are bad input: exit 2, nothing written.
func TestStaff_centreBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.csv")
	for _, tc := range []struct {
		name   string
		args   []string
		phrase string
	}{
		{"unknown queue", []string{"--target", "Billing=80/20"}, `a target names queue "Billing", which centre does not have (its queues: Sales, Support)`},
		{"unknown queue abandon", []string{"--target", "80/20", "--max-abandon", "sales=5%"}, `names queue "sales"`},
		{"unknown group", []string{"--target", "80/20", "--group", "tier3"}, `no agent group "tier3" in centre (its groups: sales, support, blended)`},
		{"group serving no target", []string{"--target", "Support=80/20", "--group", "sales"},
			"agent group sales serves no queue with a target (its profile sales serves Sales)"},
		{"queue left unstaffed", []string{"--target", "80/20", "--target", "Support=85/20", "--group", "sales"},
			"queue Support has a target but none of the groups staffed (sales) serves it"},
		{"two thresholds", []string{"--target", "80/20", "--target", "Support=90/30"}, "every service-level target must have the same TIME"},
		{"no queue", []string{"--target", "=80/20"}, `no queue before "="`},
		{"bad asa", []string{"--target", "80/20", "--max-asa", "Support=soon"}, "want a positive duration"},
		{"bad target for a queue", []string{"--target", "Support=80"}, "(for queue Support)"},
		{"no evaluations", []string{"--target", "80/20", "--max-evaluations", "0"}, "--max-evaluations must be at least 1"},
		{"occupancy cap of an unknown group", []string{"--target", "80/20", "--max-occupancy", "tier3=85%"},
			`--max-occupancy names agent group "tier3", which centre does not have (its groups: sales, support, blended)`},
		{"occupancy cap of an unstaffed group", []string{"--target", "Support=80/20", "--group", "support", "--max-occupancy", "sales=85%"},
			"--max-occupancy names agent group sales, which the search does not staff (it staffs support; name it with --group)"},
		{"occupancy cap of 100 %", []string{"--target", "80/20", "--max-occupancy", "100%"}, `--max-occupancy: "100%" must lie between 0 and 100 %, both excluded`},
		{"occupancy cap above 100 %", []string{"--target", "80/20", "--max-occupancy", "blended=120%"}, "(for group blended)"},
		{"occupancy cap of 0", []string{"--target", "80/20", "--max-occupancy", "0"}, "both excluded"},
		{"occupancy cap not a number", []string{"--target", "80/20", "--max-occupancy", "high"}, `--max-occupancy: "high"`},
		{"occupancy cap without a group", []string{"--target", "80/20", "--max-occupancy", "=85%"}, `no group before "="`},
	} {
		args := append([]string{"staff", centreYAML, "--reps", "2", "--out", out, "-q"}, tc.args...)
		code, stdout, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, tc.phrase) || stdout != "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, errOut, tc.phrase)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%s: wrote %v", tc.name, entries)
		}
	}
}

// FuzzParseStaffTargets: any value of --target, --max-abandon or
// --max-asa, with or without a QUEUE= prefix, is parsed or refused with
// an error, never a panic; what parses is in range.
func FuzzParseStaffTargets(f *testing.F) {
	for _, s := range []string{"80/20", "Support=90/30", "=80/20", "5%", "Sales=0.05", "30s", "Support=1m", "a=b=c", "120/20", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, opts := range []*staffOptions{{Targets: []string{v}}, {MaxAbandon: []string{v}}, {MaxASA: []string{v}}} {
			tg, err := parseStaffTargets(opts)
			if err != nil {
				continue
			}
			for _, sp := range tg.specs {
				if sp.Value < 0 || (sp.What != "asa" && sp.Value > 1) || sp.Value != sp.Value {
					t.Errorf("%q parsed to %+v", v, sp)
				}
			}
		}
	})
}

// FuzzParseGroupCaps: any value of --max-occupancy, with or without a
// GROUP= prefix, is parsed or refused with an error, never a panic; what
// parses lies strictly between 0 and 1.
func FuzzParseGroupCaps(f *testing.F) {
	for _, s := range []string{"85%", "0.85", "sales=85%", "=85%", "100%", "0", "a=b=c", "85,5%", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		caps, err := parseGroupCaps([]string{v})
		if err != nil {
			return
		}
		for _, c := range caps {
			if !(c.Value > 0 && c.Value < 1) {
				t.Errorf("%q parsed to %+v", v, c)
			}
		}
	})
}
