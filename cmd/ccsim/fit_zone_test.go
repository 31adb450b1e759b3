package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/scenarios"
)

// peakCalls is the Berlin centre's sharp peak: 80 calls from 09:00 to
// 09:30 local, Monday to Friday, beside 20 an interval from 08:00 to
// 18:00 and 2 at night.
const peakCalls = 80

// berlinCentre writes a Berlin centre starting on the local Monday
// monday and running six weeks, and returns its scenario file. Its
// weekly forecast is labelled in monday's week, which must hold no
// change of offset.
func berlinCentre(t *testing.T, dir string, monday time.Time) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("interval_start,offered\n")
	for i := range 336 {
		tm := monday.Add(time.Duration(i) * 30 * time.Minute)
		v := 2
		if tm.Weekday() != time.Saturday && tm.Weekday() != time.Sunday && tm.Hour() >= 8 && tm.Hour() < 18 {
			v = 20
			if tm.Hour() == 9 && tm.Minute() == 0 {
				v = peakCalls
			}
		}
		fmt.Fprintf(&b, "%s,%d\n", tm.Format("2006-01-02 15:04"), v)
	}
	writeFile(t, dir, "forecast.csv", b.String())
	return writeFile(t, dir, "berlin.yaml", `name: berlin
time_zone: Europe/Berlin
start: `+monday.Format("2006-01-02 15:04")+`
horizon: 42d
seed: 5
interval: 30m
queues:
  - name: Support
routing_profiles:
  - name: all
    queues: [{queue: Support}]
agents:
  - name: agent
    count: 30
    profile: all
contact_types:
  - name: Support
    queue: Support
    forecast: forecast.csv
    talk: {dist: exponential, mean: 3m}
    acw: 20s
    patience: {dist: exponential, mean: 5m}
`)
}

// TestFit_timeZoneRoundTrip simulates six weeks of a Berlin centre with a
// sharp 09:00 peak, three weeks on each side of a change of offset
// (spring and autumn), fits the records with --time-zone Europe/Berlin
// and without, and backtests both fits against the history.
//
// Folded on the wall clock, each weekday's peak is in its 09:00 slot and
// the peaks' mean holds the truth within its 95 % interval. Folded in
// UTC, the peak is split over two rows an hour apart (09:00 local is
// 08:00 UTC in winter, 07:00 in summer), neither near the truth: the test
// fails if the zone's fold stays UTC. The backtest of the wall-clock fit
// puts its peak on the history's after the change, and flags few
// intervals; the UTC fit's is an hour off half the time. A history whose
// first week holds the change is labelled in the week before it, and
// backtests from there.
func TestFit_timeZoneRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates six weeks twice and backtests them")
	}
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		monday time.Time
		// after is a peak interval after the change.
		after time.Time
		// cut, when set, drops the records before it: a history whose
		// first week holds the change, so that the fitted week is the
		// one before it (monday), before the history.
		cut time.Time
	}{
		{"spring forward", time.Date(2024, 3, 11, 0, 0, 0, 0, loc), time.Date(2024, 4, 8, 9, 0, 0, 0, loc), time.Time{}},
		{"fall back", time.Date(2024, 10, 7, 0, 0, 0, 0, loc), time.Date(2024, 11, 4, 9, 0, 0, 0, loc), time.Time{}},
		{"first week holds the change", time.Date(2024, 10, 14, 0, 0, 0, 0, loc), time.Date(2024, 11, 4, 9, 0, 0, 0, loc), time.Date(2024, 10, 22, 0, 0, 0, 0, loc)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			scen := berlinCentre(t, dir, tc.monday)
			records := filepath.Join(dir, "history.jsonl")
			if code, _, errOut := runCLI(t, "run", scen, "--records", records, "-q"); code != 0 {
				t.Fatalf("run: exit %d: %s", code, errOut)
			}
			if !tc.cut.IsZero() {
				var kept strings.Builder
				for _, line := range strings.SplitAfter(string(must(os.ReadFile(records))), "\n") {
					_, stamp, ok := strings.Cut(line, `"InitiationTimestamp":"`)
					if ok && must(time.Parse(time.RFC3339, stamp[:20])).Before(tc.cut) {
						continue
					}
					kept.WriteString(line)
				}
				writeFile(t, dir, "history.jsonl", kept.String())
			}
			opts := fit.Options{Interval: 30 * time.Minute, MinObs: 30, Fallback: true}
			utc, _, err := fitRecords(context.Background(), []string{records}, false, opts)
			if err != nil {
				t.Fatal(err)
			}
			opts.Location = loc
			wall, _, err := fitRecords(context.Background(), []string{records}, false, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !wall.Start.Equal(tc.monday) {
				t.Errorf("zoned fit starts %v, want %v", wall.Start, tc.monday)
			}
			if !tc.cut.IsZero() && !strings.Contains(strings.Join(wall.Notes, "\n"), "the first Monday before it whose week holds none") {
				t.Errorf("zoned fit of a history whose first week holds the change: no note of the week before; notes %q", wall.Notes)
			}
			// Wall clock: every weekday's highest row is its 09:00, and
			// the peaks' mean holds the truth.
			rows := wall.Types[0].Arrivals
			var sum float64
			var n int
			for d := range 5 {
				best := d * 48
				for s := d * 48; s < (d+1)*48; s++ {
					if rows[s].Value > rows[best].Value {
						best = s
					}
				}
				if got := rows[best].Start.Format("Mon 15:04"); got != rows[d*48].Start.Format("Mon")+" 09:00" {
					t.Errorf("zoned fit: day %d peaks at %s, want 09:00", d, got)
				}
				sum += rows[d*48+18].Value * float64(rows[d*48+18].Weeks)
				n += rows[d*48+18].Weeks
			}
			mean := sum / float64(n)
			hw := 1.96 * math.Sqrt(mean/float64(n)) // Poisson counts
			t.Logf("wall clock: 09:00 peak %.1f ± %.1f over %d occurrences (truth %d)", mean, hw, n, peakCalls)
			if math.Abs(mean-peakCalls) > hw {
				t.Errorf("zoned fit: 09:00 peak %.1f ± %.1f does not hold the truth %d", mean, hw, peakCalls)
			}
			// UTC: the highest weekday row is far from the truth.
			var top float64
			for _, r := range utc.Types[0].Arrivals[:5*48] {
				top = max(top, r.Value)
			}
			t.Logf("UTC fold: highest weekday row %.1f", top)
			// (A history with a single week before the change is mostly
			// on one offset: its UTC fold is an hour off, not smeared.)
			if tc.cut.IsZero() && math.Abs(top-peakCalls) < 4*hw {
				t.Errorf("UTC fold: highest weekday row %.1f, within %.1f of the truth %d: the UTC fold should smear the peak over two rows", top, 4*hw, peakCalls)
			}

			// The files: the zoned scenario loads with its zone, its
			// rows local; both backtest against the history.
			outside := map[string]float64{}
			peak := map[string]float64{}
			for _, v := range []struct{ name, zone string }{{"wall", "Europe/Berlin"}, {"utc", ""}} {
				out := filepath.Join(dir, v.name)
				args := []string{"fit", records, "--out", out, "--fallback", "-q"}
				if v.zone != "" {
					args = append(args, "--time-zone", v.zone)
				}
				if code, _, errOut := runCLI(t, args...); code != 0 {
					t.Fatalf("fit %s: exit %d: %s", v.name, code, errOut)
				}
				s, err := scenarios.LoadFile(filepath.Join(out, "scenario.yaml"))
				if err != nil {
					t.Fatalf("fit %s: the scenario does not load: %v", v.name, err)
				}
				if v.zone != "" && (s.TimeZone != v.zone || !s.Start.Equal(tc.monday) || s.Start.Location().String() != v.zone) {
					t.Errorf("zoned scenario: time_zone %q, start %v; want %s, %v", s.TimeZone, s.Start, v.zone, tc.monday)
				}
				csvPath := filepath.Join(dir, v.name+".csv")
				if code, _, errOut := runCLI(t, "backtest", filepath.Join(out, "scenario.yaml"), "--history", records, "--seed", "7", "--csv", csvPath, "--flagged", "0"); code != 0 {
					t.Fatalf("backtest %s: exit %d: %s", v.name, code, errOut)
				}
				var nOut, nAll float64
				for _, line := range strings.Split(string(must(os.ReadFile(csvPath))), "\n")[1:] {
					f := strings.Split(line, ",")
					if len(f) < 10 || f[2] != fit.MOffered {
						continue
					}
					nAll++
					if f[8] == "1" {
						nOut++
					}
					if at, err := time.Parse(time.RFC3339, f[1]); err == nil && at.Equal(tc.after) {
						peak[v.name] = must(strconv.ParseFloat(f[5], 64))
						if v.zone != "" && !strings.HasPrefix(f[1], tc.after.Format("2006-01-02T15:04")) {
							t.Errorf("zoned backtest: interval %s, want it labelled in local time %s", f[1], tc.after.Format(time.RFC3339))
						}
					}
				}
				outside[v.name] = nOut / nAll
			}
			t.Logf("backtest: offered outside the 90.5 %% interval: wall clock %.1f %%, UTC %.1f %%; simulated at %s: wall clock %.1f, UTC %.1f",
				100*outside["wall"], 100*outside["utc"], tc.after.Format("Mon 2006-01-02 15:04 MST"), peak["wall"], peak["utc"])
			if outside["wall"] > 0.15 || (tc.cut.IsZero() && outside["utc"] < 2*outside["wall"]) {
				t.Errorf("backtest: offered outside: wall clock %.1f %%, UTC %.1f %%; want about 9.5 %% and clearly more", 100*outside["wall"], 100*outside["utc"])
			}
			if math.Abs(peak["wall"]-peakCalls) > 8 || (tc.cut.IsZero() && peak["utc"] > 65) {
				t.Errorf("backtest at %s: simulated %.1f (wall clock), %.1f (UTC); want about %d and about %d", tc.after, peak["wall"], peak["utc"], peakCalls, (peakCalls+20)/2)
			}
		})
	}
}

// TestFit_timeZoneDated: --dated with a zone across the autumn change
// writes local rows, the repeated hour's with their offsets, which the
// scenario loader takes and runs.
func TestFit_timeZoneDated(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates six weeks")
	}
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	records := filepath.Join(dir, "history.jsonl")
	if code, _, errOut := runCLI(t, "run", berlinCentre(t, dir, time.Date(2024, 10, 7, 0, 0, 0, 0, loc)), "--records", records, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "dated")
	if code, _, errOut := runCLI(t, "fit", records, "--out", out, "--fallback", "--dated", "--time-zone", "Europe/Berlin", "-q"); code != 0 {
		t.Fatalf("fit: exit %d: %s", code, errOut)
	}
	csv := string(must(os.ReadFile(filepath.Join(out, "forecast-support.csv"))))
	for _, want := range []string{"\n2024-10-27 01:30,", "\n2024-10-27T02:00:00+02:00,", "\n2024-10-27T02:30:00+01:00,", "\n2024-10-27 03:00,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("the dated forecast lacks a row %q", strings.TrimPrefix(want, "\n"))
		}
	}
	s, err := scenarios.LoadFile(filepath.Join(out, "scenario.yaml"))
	if err != nil {
		t.Fatalf("the dated zoned scenario does not load: %v", err)
	}
	if s.TimeZone != "Europe/Berlin" {
		t.Errorf("time_zone %q", s.TimeZone)
	}
	if code, _, errOut := runCLI(t, "run", filepath.Join(out, "scenario.yaml"), "-q"); code != 0 {
		t.Errorf("run: exit %d: %s", code, errOut)
	}
}

// FuzzLoadFitZone: any --time-zone value is a zone or an error naming
// the flag, never a panic.
func FuzzLoadFitZone(f *testing.F) {
	for _, s := range []string{"Europe/Berlin", "UTC", "", "Local", " Europe/Berlin", "Mars/Olympus", "../etc/passwd", "Etc/GMT+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		loc, err := loadFitZone(name)
		if (loc == nil) == (err == nil) {
			t.Fatalf("%q: location %v, error %v: want exactly one", name, loc, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "--time-zone: ") {
			t.Fatalf("%q: error %q does not name the flag", name, err)
		}
	})
}
