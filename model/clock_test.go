package model_test

import (
	"strings"
	"testing"
	"time"
	// Tests load zones; the embedded database keeps them running on a
	// machine without /usr/share/zoneinfo, as the binary does.
	_ "time/tzdata"

	"github.com/ccsim/ccsim/model"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func hm(h, m int) int64 { return int64(h)*int64(model.Hour) + int64(m)*int64(model.Minute) }

// TestClock_Changes checks the wall clock around Berlin's two changes of
// 2024: the hour skipped on 31 March and the hour repeated on 27 October.
func TestClock_Changes(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	day := int64(model.Day)

	// Saturday 30 March 00:00 CET; the clocks jump from 02:00 to 03:00
	// on Sunday, 26 hours later.
	c := model.NewClock(time.Date(2024, 3, 30, 0, 0, 0, 0, berlin), 3*model.Day)
	if got := c.Changes(); len(got) != 1 || got[0].At != 26*int64(model.Hour) || got[0].Shift != int64(model.Hour) {
		t.Fatalf("Changes() = %+v, want one at 26h of +1h", got)
	}
	for _, tc := range []struct {
		name string
		wall int64
		want int64
	}{
		{"Sunday 01:30", day + hm(1, 30), 25*int64(model.Hour) + hm(0, 30)},
		{"Sunday 02:00 (skipped: the jump)", day + hm(2, 0), 26 * int64(model.Hour)},
		{"Sunday 02:30 (skipped: the jump)", day + hm(2, 30), 26 * int64(model.Hour)},
		{"Sunday 03:00", day + hm(3, 0), 26 * int64(model.Hour)},
		{"Sunday 09:00", day + hm(9, 0), 32 * int64(model.Hour)},
		{"Monday 09:00", 2*day + hm(9, 0), 56 * int64(model.Hour)},
	} {
		if got := c.Elapsed(tc.wall); got != tc.want {
			t.Errorf("spring: Elapsed(%s) = %s, want %s", tc.name, model.Duration(got), model.Duration(tc.want))
		}
		if got := c.Time(c.Elapsed(tc.wall)).Format("15:04"); tc.wall%day != hm(2, 0) && tc.wall%day != hm(2, 30) && got != time.UnixMilli(tc.wall).UTC().Format("15:04") {
			t.Errorf("spring: %s reads %s", tc.name, got)
		}
	}

	// Saturday 26 October 00:00 CEST; the clocks go back from 03:00 to
	// 02:00 on Sunday, 27 hours later.
	c = model.NewClock(time.Date(2024, 10, 26, 0, 0, 0, 0, berlin), 3*model.Day)
	if got := c.Changes(); len(got) != 1 || got[0].At != 27*int64(model.Hour) || got[0].Shift != -int64(model.Hour) {
		t.Fatalf("Changes() = %+v, want one at 27h of -1h", got)
	}
	if got, want := c.Elapsed(day+hm(2, 30)), 26*int64(model.Hour)+hm(0, 30); got != want {
		t.Errorf("fall: Elapsed(Sunday 02:30) = %s, want its first occurrence %s", model.Duration(got), model.Duration(want))
	}
	if got, want := c.Elapsed(day+hm(9, 0)), 34*int64(model.Hour); got != want {
		t.Errorf("fall: Elapsed(Sunday 09:00) = %s, want %s", model.Duration(got), model.Duration(want))
	}
	for _, tc := range []struct {
		off  int64
		want bool
	}{
		{26*int64(model.Hour) - 1, false},        // 01:59:59.999 CEST
		{26 * int64(model.Hour), true},           // 02:00 CEST
		{27*int64(model.Hour) + hm(0, 30), true}, // 02:30 CET
		{28 * int64(model.Hour), false},          // 03:00 CET
	} {
		if got := c.Repeated(tc.off); got != tc.want {
			t.Errorf("fall: Repeated(%s, %s) = %v, want %v", model.Duration(tc.off), c.Time(tc.off).Format("15:04 MST"), got, tc.want)
		}
	}

	// UTC: wall time is elapsed time plus the start's time of day.
	u := model.NewClock(time.Date(2024, 6, 3, 7, 30, 0, 0, time.UTC), 400*model.Day)
	if len(u.Changes()) != 0 || u.Wall(hm(1, 0)) != hm(8, 30) || u.Elapsed(hm(8, 30)) != hm(1, 0) {
		t.Errorf("UTC clock: changes %v, Wall(1h) = %d, Elapsed(08:30) = %d", u.Changes(), u.Wall(hm(1, 0)), u.Elapsed(hm(8, 30)))
	}
}

// TestGrid_YearInWallClockPlace is the done-when check at the
// grid: over a year holding both changes, in Berlin and in New York,
// every interval of the run is filed under the interval of the weekly
// cycle whose label is its own local weekday and time of day; and a run
// that is not folded keeps its 23- and 25-hour days.
func TestGrid_YearInWallClockPlace(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/New_York"} {
		t.Run(strings.ReplaceAll(name, "/", "_"), func(t *testing.T) {
			loc := zone(t, name)
			start := time.Date(2024, 1, 1, 0, 0, 0, 0, loc) // a Monday
			horizon := model.Duration(time.Date(2025, 1, 1, 0, 0, 0, 0, loc).Sub(start).Milliseconds())
			iv := 30 * model.Minute
			g := model.NewGrid(start, horizon, iv, 7*model.Day)
			if !g.WallSlots() || g.Len() != 336 {
				t.Fatalf("weekly grid over a year: WallSlots %v, Len %d", g.WallSlots(), g.Len())
			}
			seen := make([]int, g.Len())
			for k := int64(0); k*int64(iv) < int64(horizon); k++ {
				b := g.Bucket(k)
				seen[b]++
				label, _ := g.Label(b)
				local := g.Clock().Time(k * int64(iv))
				if got, want := label.Format("Mon 15:04"), local.Format("Mon 15:04"); got != want {
					t.Fatalf("interval %d (%s) is filed under %q, want %q", k, local.Format(time.RFC3339), got, want)
				}
			}
			// 2024 has 53 Mondays and 52 Sundays. In New York the
			// Sunday 02:00 slot is skipped once (10 March) and the 01:00
			// slot repeated once (3 November); in Berlin both changes
			// fall on the 02:00 slot (31 March, 27 October).
			sun1, sun2 := 6*48+2, 6*48+4
			want1, want2 := 53, 51
			if name == "Europe/Berlin" {
				want1, want2 = 52, 52
			}
			if seen[0] != 53 || seen[sun1] != want1 || seen[sun2] != want2 {
				t.Errorf("Monday 00:00, Sunday 01:00, Sunday 02:00 seen %d, %d, %d times, want 53, %d, %d", seen[0], seen[sun1], seen[sun2], want1, want2)
			}

			// Not folded (the cycle is the whole year, as a forecast of
			// every interval gives): one interval per interval of the
			// run, 46 on the day clocks go forward, 50 on the day they go
			// back, the repeated hour's labelled with its zone.
			g = model.NewGrid(start, horizon, iv, horizon)
			if g.WallSlots() {
				t.Fatal("a grid as long as its run folds")
			}
			perDay := map[string]int{}
			var repeatedLabels []string
			for i := range g.Len() {
				at, abbr := g.Label(i)
				if g.Bucket(int64(i)) != i {
					t.Fatalf("Bucket(%d) = %d", i, g.Bucket(int64(i)))
				}
				perDay[at.Format("2006-01-02")]++
				if abbr != "" {
					repeatedLabels = append(repeatedLabels, at.Format("15:04 ")+abbr)
				}
			}
			spring, fall := "2024-03-31", "2024-10-27"
			if name == "America/New_York" {
				spring, fall = "2024-03-10", "2024-11-03"
			}
			if perDay[spring] != 46 || perDay[fall] != 50 || perDay["2024-06-03"] != 48 {
				t.Errorf("intervals on %s: %d, on %s: %d, on 2024-06-03: %d; want 46, 50, 48", spring, perDay[spring], fall, perDay[fall], perDay["2024-06-03"])
			}
			if len(repeatedLabels) != 4 {
				t.Errorf("repeated-hour labels %v, want 4", repeatedLabels)
			}
		})
	}
}

// TestGrid_NoZone holds the grid without a change of offset to what ccsim
// always did: interval k of the run is interval k mod n of the cycle.
func TestGrid_NoZone(t *testing.T) {
	for _, start := range []time.Time{model.DefaultStart, time.Date(2024, 6, 3, 0, 0, 0, 0, time.FixedZone("UTC+02:00", 7200))} {
		g := model.NewGrid(start, 30*model.Day, 30*model.Minute, 7*model.Day)
		for k := int64(0); k < 30*48; k++ {
			if got := g.Bucket(k); got != int(k%336) {
				t.Fatalf("Bucket(%d) = %d, want %d", k, got, k%336)
			}
		}
		if at, abbr := g.Label(17); !at.Equal(start.Add(17*30*time.Minute)) || at.Location() != start.Location() || abbr != "" {
			t.Errorf("Label(17) = %v %q", at, abbr)
		}
	}
}

func TestScenario_ValidateTimeZone(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	for _, tc := range []struct {
		name   string
		mutate func(s *model.Scenario)
		phrase string
	}{
		{"not loaded", func(s *model.Scenario) { s.TimeZone = "Europe/Berlin" }, `"Europe/Berlin" is not loaded`},
		{"change not a whole interval", func(s *model.Scenario) {
			lh := zone(t, "Australia/Lord_Howe") // moves its clocks by 30 minutes
			s.TimeZone, s.Start, s.Interval, s.Horizon = "Australia/Lord_Howe", time.Date(2024, 4, 1, 0, 0, 0, 0, lh), model.Hour, 30*model.Day
		}, "moves its clocks by 30m on 2024-04-07 01:30 +1030, not a whole number of 1h intervals"},
		{"repeating plan with a change", func(s *model.Scenario) {
			s.TimeZone, s.Start, s.Horizon = "Europe/Berlin", time.Date(2024, 3, 25, 0, 0, 0, 0, berlin), 30*model.Day
			s.Interval = model.Hour
			p := &model.Plan{File: "week.csv", Interval: model.Hour}
			for i := range 7*24 - 1 {
				p.Rows = append(p.Rows, model.PlanRow{Line: i + 2, Offered: 1})
			}
			s.ContactTypes[0].PerHour, s.ContactTypes[0].Forecast, s.ContactTypes[0].ForecastPlan = 0, "week.csv", p
		}, "week.csv repeats (it covers 6d23h of the 30d horizon) but holds the daylight-saving change of 2024-03-31 03:00 CEST at its line 148"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := minimal()
			tc.mutate(s)
			s.Normalize()
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.phrase) {
				t.Errorf("Validate() = %v, want %q", err, tc.phrase)
			}
		})
	}
	// In the zone, loaded: valid, and a time of day is read on its clock.
	s := minimal()
	s.TimeZone, s.Start, s.Horizon = "Europe/Berlin", time.Date(2024, 3, 31, 0, 0, 0, 0, berlin), model.Day
	s.Normalize()
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate(Berlin) = %v", err)
	}
	// Built in code with the start in a named zone: that is its zone.
	h := minimal()
	h.Start = time.Date(2024, 3, 31, 0, 0, 0, 0, berlin)
	h.Normalize()
	if h.TimeZone != "Europe/Berlin" || h.Validate() != nil {
		t.Errorf("start in Berlin, no time_zone: TimeZone %q, Validate %v", h.TimeZone, h.Validate())
	}
	at := model.At{Set: true, Clock: true, Value: model.Duration(hm(9, 0))}
	if got := at.Offset(s.Start); got != 8*model.Hour {
		t.Errorf("09:00 on 31 March is %s after midnight, want 8h (a 23-hour day)", got)
	}
}
