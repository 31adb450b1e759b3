package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestErlang_calculatorConventions: --max-occupancy and --shrinkage give
// what published Erlang calculators give for the same inputs.
//
// call-center-tools (PyPI, calc_staffing): 1000 calls an hour of 120 s,
// 80 % in 20 s, max occupancy 85 %, shrinkage 30 %: 33.333 Erlangs,
// P(wait) 19.07 %, service level 93.72 %, ASA 3.43 s, occupancy 83.33 %,
// 40 agents, 58 with shrinkage. The R package ErlangC (calculate_agents):
// 100 calls per 30 minutes of 180 s, 80/20, max occupancy 85 %: 14 agents,
// service level 0.88835, ASA 7.8359 s, occupancy 0.7142857; pyworkforce
// (PyPI, ErlangC) for the same with shrinkage 30 %: 14 raw positions, 20
// positions. turbotab (PyPI): 25 calls per 10 minutes of 180 s, 80/20,
// shrinkage 30 %: 11 productive agents, 16 scheduled.
func TestErlang_calculatorConventions(t *testing.T) {
	type doc struct {
		Agents       *int     `json:"agents_needed"`
		Staff        *int     `json:"staff_needed"`
		PWait        float64  `json:"p_wait"`
		ServiceLevel float64  `json:"service_level"`
		ASA          float64  `json:"asa_seconds"`
		Occupancy    float64  `json:"occupancy"`
		MaxOcc       *float64 `json:"max_occupancy"`
		Shrinkage    *float64 `json:"shrinkage"`
	}
	read := func(args ...string) doc {
		t.Helper()
		code, out, errOut := runCLI(t, append(append([]string{"erlang"}, args...), "--format", "json")...)
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, errOut)
		}
		var d doc
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	near := func(got, want, tol float64) bool { return got >= want-tol && got <= want+tol }

	d := read("c", "--volume", "1000", "--interval", "1h", "--aht", "120s", "--target-sl", "80%", "--max-occupancy", "85%", "--shrinkage", "30%")
	if d.Agents == nil || *d.Agents != 40 || d.Staff == nil || *d.Staff != 58 {
		t.Errorf("call-center-tools example: agents %v, staff %v; want 40 and 58", d.Agents, d.Staff)
	}
	if !near(d.PWait, 0.1907, 5e-5) || !near(d.ServiceLevel, 0.9372, 5e-5) || !near(d.ASA, 3.43, 5e-3) || !near(d.Occupancy, 0.8333, 5e-5) {
		t.Errorf("call-center-tools example: %+v", d)
	}
	if d.MaxOcc == nil || *d.MaxOcc != 0.85 || d.Shrinkage == nil || *d.Shrinkage != 0.3 {
		t.Errorf("the inputs are not echoed: %+v", d)
	}
	// Without the occupancy cap the service level alone needs 38.
	if d := read("c", "--volume", "1000", "--interval", "1h", "--aht", "120s", "--target-sl", "80%"); d.Agents == nil || *d.Agents != 38 || *d.Staff != 38 {
		t.Errorf("without the cap: agents %v, staff %v; want 38, 38", d.Agents, d.Staff)
	}
	// The cap alone is a target: Erlangs / 0.85 = 39.2, so 40.
	if d := read("c", "--volume", "1000", "--interval", "1h", "--aht", "120s", "--max-occupancy", "0.85"); d.Agents == nil || *d.Agents != 40 {
		t.Errorf("the cap alone: agents %v, want 40", d.Agents)
	}
	d = read("c", "--volume", "100", "--aht", "180s", "--target-sl", "80%", "--max-occupancy", "85%", "--shrinkage", "30%")
	if d.Agents == nil || *d.Agents != 14 || !near(d.ServiceLevel, 0.88835, 5e-6) || !near(d.ASA, 7.8359, 5e-4) || !near(d.Occupancy, 0.7142857, 5e-7) {
		t.Errorf("ErlangC (R) example: %+v", d)
	}
	if *d.Staff != 20 { // 14 / 0.7 = 20 exactly: not 21
		t.Errorf("14 agents with 30 %% shrinkage: %d staff, want 20", *d.Staff)
	}
	if d := read("c", "--volume", "25", "--interval", "10m", "--aht", "180s", "--target-sl", "80%", "--shrinkage", "30%"); d.Agents == nil || *d.Agents != 11 || *d.Staff != 16 {
		t.Errorf("turbotab example: agents %v, staff %v; want 11 and 16", d.Agents, d.Staff)
	}

	code, out, _ := runCLI(t, "erlang", "c", "--volume", "1000", "--interval", "1h", "--aht", "120s", "--target-sl", "80%", "--max-occupancy", "85%", "--shrinkage", "30%")
	for _, w := range []string{"Fewest agents with SL(20s) at least 80 % and occupancy at most 85 %: 40.",
		"Staff to schedule with 30 % shrinkage: 58 (agents / (1 - shrinkage), rounded up)."} {
		if code != exitOK || !strings.Contains(out, w) {
			t.Errorf("table does not say %q:\n%s", w, out)
		}
	}
}

// TestErlang_forecast: --forecast staffs every interval of the planning
// week's forecast: the CSV has a row per forecast row, closed ones with 0
// agents; an open interval has the agents the one-interval command finds
// for its calls and AHT; the totals are the sum of the intervals (992
// agent-hours, as ccsim staff reports for Erlang C).
func TestErlang_forecast(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.csv")
	forecast := "../../scenarios/builtin/planning-week-forecast.csv"
	code, out, errOut := runCLI(t, "erlang", "c", "--forecast", forecast, "--target-sl", "80%", "--shrinkage", "30%", "--csv", plan)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"Erlang C (M/M/n, nobody abandons) over the forecast " + forecast,
		"| Mon 10:30 | 140.0 | 300.0 | 28 | 40 |", // calls 140, AHT 300 s
		"176 of the forecast's 336 intervals have no calls and need no agents; they are left out.",
		"Total: 8456.8 calls; 992.0 agent-hours on contacts, 1454.5 staff-hours to schedule; the peak is 28",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(w), " ")) {
			t.Errorf("the table does not show %q:\n%s", w, out)
		}
	}
	rows := readCSV(t, plan)
	if len(rows) != 337 || strings.Join(rows[0], ",") != "interval_start,calls,aht_s,erlangs,agents,staff,service_level_pct,asa_s,abandon_pct,occupancy_pct" {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	if r := rows[1]; r[0] != "2024-06-03T00:00:00Z" || r[4] != "0" || r[6] != "" {
		t.Errorf("closed Monday 00:00: %q, want 0 agents and no figures", r)
	}
	// Monday 10:30 (row 22): 140 calls of 300 s, as the one-interval
	// command staffs them.
	r := rows[22]
	if r[0] != "2024-06-03T10:30:00Z" || r[1] != "140.000" || r[2] != "300.000" {
		t.Fatalf("row 22 is %q", r)
	}
	code, one, _ := runCLI(t, "erlang", "c", "--volume", "140", "--aht", "300s", "--target-sl", "80%", "--shrinkage", "30%", "--format", "json")
	var d struct {
		Agents int     `json:"agents_needed"`
		Staff  int     `json:"staff_needed"`
		SL     float64 `json:"service_level"`
	}
	if code != exitOK || json.Unmarshal([]byte(one), &d) != nil {
		t.Fatalf("one interval: exit %d: %s", code, one)
	}
	sl, _ := strconv.ParseFloat(r[6], 64)
	if r[4] != strconv.Itoa(d.Agents) || r[5] != strconv.Itoa(d.Staff) || sl < 100*d.SL-1e-3 || sl > 100*d.SL+1e-3 {
		t.Errorf("Monday 10:30: %q; the one-interval command: %+v", r, d)
	}
	var sum float64
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[4])
		sum += float64(n) / 2
	}
	if sum != 992 {
		t.Errorf("agent-hours %v, want 992", sum)
	}

	// Erlang A, as JSON: the same rows, abandonment given.
	code, out, errOut = runCLI(t, "erlang", "a", "--forecast", forecast, "--patience", "2m", "--target-sl", "0.8", "--max-abandon", "5%", "--format", "json")
	var doc struct {
		Intervals []struct {
			Start    string   `json:"start"`
			Agents   int      `json:"agents"`
			PAbandon *float64 `json:"p_abandon"`
		} `json:"intervals"`
		PeakAgents int `json:"peak_agents"`
	}
	if code != exitOK || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("erlang a --forecast --format json: exit %d: %s\n%s", code, errOut, out)
	}
	if len(doc.Intervals) != 336 || doc.Intervals[21].PAbandon == nil || *doc.Intervals[21].PAbandon > 0.05 || doc.Intervals[0].PAbandon != nil {
		t.Errorf("Erlang A plan: %d intervals, %+v", len(doc.Intervals), doc.Intervals[21])
	}
	if doc.PeakAgents == 0 || doc.PeakAgents > 28 {
		t.Errorf("Erlang A peak %d agents, want some, and no more than Erlang C's 28", doc.PeakAgents)
	}
}

// TestErlang_forecastBadInput: every mistake is named, with the file and
// line where it is in the forecast, and exits 2 with nothing written.
func TestErlang_forecastBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string { return writeFile(t, dir, name, data) }
	good := write("good.csv", "interval_start,offered,aht\n2024-06-03 09:00,10,180\n2024-06-03 09:30,20,\n")
	noAHT := write("noaht.csv", "interval_start,offered,aht\n2024-06-03 09:00,10,180\n2024-06-03 09:30,20,\n2024-06-03 10:00,0,\n2024-06-03 10:30,5,\n")
	badRow := write("bad.csv", "interval_start,offered\n2024-06-03 09:00,10\n2024-06-03 09:30,many\n")
	huge := write("huge.csv", "interval_start,offered,aht\n2024-06-03 09:00,900000,180\n")
	plan := filepath.Join(dir, "plan.csv")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"row without AHT", []string{"c", "--forecast", noAHT, "--target-sl", "80%", "--csv", plan},
			noAHT + ":3: aht: 20 calls with no handle time: give the row's aht, or --aht for the rows without one\n" +
				noAHT + ":5: aht: 5 calls with no handle time"},
		{"bad row", []string{"c", "--forecast", badRow, "--target-sl", "80%"}, badRow + `:3: column 2 (offered): "many" is not a number`},
		{"missing file", []string{"c", "--forecast", filepath.Join(dir, "nope.csv"), "--target-sl", "80%"}, "nope.csv: no such file"},
		{"interval not the file's", []string{"c", "--forecast", good, "--aht", "3m", "--target-sl", "80%", "--interval", "1h"}, good + ":3: column 1 (interval_start): the file's interval is 30m"},
		{"Erlang A too much traffic", []string{"a", "--forecast", huge, "--patience", "10m", "--target-sl", "80%"}, huge + ":2: offered: too much traffic for Erlang A"},
		{"with --volume", []string{"c", "--forecast", good, "--volume", "10", "--target-sl", "80%"}, "--volume does not go with --forecast"},
		{"with --agents", []string{"c", "--forecast", good, "--agents", "10", "--target-sl", "80%"}, "--agents does not go with --forecast"},
		{"Erlang B", []string{"b", "--forecast", good, "--max-block", "1%"}, "Erlang B has no queue"},
		{"no target", []string{"c", "--forecast", good, "--aht", "3m"}, "give a target for every interval"},
		{"A without patience", []string{"a", "--forecast", good, "--target-sl", "80%"}, "missing --patience"},
		{"C with --max-abandon", []string{"c", "--forecast", good, "--target-sl", "80%", "--max-abandon", "5%"}, "Erlang A's"},
		{"csv over the forecast", []string{"c", "--forecast", good, "--aht", "3m", "--target-sl", "80%", "--csv", good}, "would overwrite the --forecast"},
		{"csv without forecast", []string{"c", "--volume", "10", "--aht", "3m", "--target-sl", "80%", "--csv", plan}, "--csv writes the plan of a --forecast"},
		{"shrinkage without target", []string{"c", "--volume", "10", "--aht", "3m", "--agents", "3", "--shrinkage", "30%"}, "--shrinkage turns the agents needed into staff"},
		{"shrinkage over 1", []string{"c", "--volume", "10", "--aht", "3m", "--target-sl", "80%", "--shrinkage", "30"}, `"30" is more than 1`},
		{"occupancy 100 %", []string{"c", "--volume", "10", "--aht", "3m", "--max-occupancy", "100%"}, "must lie between 0 and 100 %"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"erlang"}, tc.args...)...)
			if code != exitUsage || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errOut, tc.want)
			}
			if _, err := os.Stat(plan); !os.IsNotExist(err) {
				t.Errorf("wrote %s", plan)
			}
		})
	}
	// The good file with --aht for its second row.
	code, out, errOut := runCLI(t, "erlang", "c", "--forecast", good, "--aht", "4m", "--target-sl", "80%", "--csv", plan)
	if code != exitOK || !strings.Contains(out, "|  20.0 | 240.0 |") {
		t.Errorf("exit %d, stderr %q; want the second row with --aht's 240 s:\n%s", code, errOut, out)
	}
}
