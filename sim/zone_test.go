package sim_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	// Tests load zones, as the binary does, on any machine.
	_ "time/tzdata"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// zoneYear is a year of one queue whose calls come at fixed wall-clock
// times, from a forecast: f.csv, either a weekly pattern that repeats or
// every interval of the year.
const zoneYear = `name: zone-year
time_zone: %s
start: %s
horizon: %s
interval: 30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 4, profile: P}]
contact_types:
  - name: c
    queue: Q
    forecast: f.csv
    talk: {dist: exponential, mean: 2m}
`

// offeredAt is the forecast of the wall-clock interval at t: 20 calls at
// 09:00 every day, 6 in each half hour of Sunday 02:00-03:00 (the hour
// clocks skip or repeat in Berlin).
func offeredAt(t time.Time) int {
	switch {
	case t.Hour() == 9 && t.Minute() == 0:
		return 20
	case t.Weekday() == time.Sunday && t.Hour() == 2:
		return 6
	}
	return 0
}

// zoneRows writes the forecast rows of the instants [from, to) every 30
// minutes, in local time (with the offset in a repeated hour).
func zoneRows(from, to time.Time, wall func(time.Time) int) string {
	var b strings.Builder
	b.WriteString("interval_start,offered\n")
	for t := from; t.Before(to); t = t.Add(30 * time.Minute) {
		s := t.Format("2006-01-02 15:04")
		if t.Add(time.Hour).Format("2006-01-02 15:04") == s || t.Add(-time.Hour).Format("2006-01-02 15:04") == s {
			s = t.Format(time.RFC3339)
		}
		fmt.Fprintf(&b, "%s,%d\n", s, wall(t))
	}
	return b.String()
}

type arrival struct {
	at      time.Time
	handled bool
}

func runZone(t *testing.T, zone, forecast string, from time.Time, horizon model.Duration) (*sim.Result, []arrival) {
	t.Helper()
	fsys := fstest.MapFS{
		"s.yaml": {Data: fmt.Appendf(nil, zoneYear, zone, from.Format(time.RFC3339), horizon)},
		"f.csv":  {Data: []byte(forecast)},
	}
	l, err := scenarios.ParseFS(fsys, "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	var got []arrival
	res, err := p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) {
		got = append(got, arrival{r.Initiation, !r.ConnectedToAgent.IsZero()})
	}})
	if err != nil {
		t.Fatal(err)
	}
	return res, got
}

// TestZone_ForecastYear is the done-when check: a forecast across
// both daylight-saving changes of a year runs with every interval in its
// wall-clock place. In Berlin and New York, a weekly pattern repeated over
// 2024 and a forecast of every interval of 2024 (46 rows on the day
// clocks go forward, 50 on the day they go back) both put every call in
// the local interval the forecast gives it, 09:00 on the Sundays and
// Mondays of the changes too, and make the same calls; the weekly table
// folds the year by wall-clock place.
func TestZone_ForecastYear(t *testing.T) {
	for _, tc := range []struct{ zone, spring, fall string }{
		{"Europe/Berlin", "2024-03-31", "2024-10-27"},
		{"America/New_York", "2024-03-10", "2024-11-03"},
	} {
		t.Run(strings.ReplaceAll(tc.zone, "/", "_"), func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, loc), time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
			horizon := model.Duration(to.Sub(from).Milliseconds())
			weekRes, week := runZone(t, tc.zone, zoneRows(from, from.AddDate(0, 0, 7), offeredAt), from, horizon)
			yearRes, year := runZone(t, tc.zone, zoneRows(from, to, offeredAt), from, horizon)

			if len(week) != len(year) || len(week) < 7000 {
				t.Fatalf("%d calls from the weekly pattern, %d from the year's forecast", len(week), len(year))
			}
			perDay := map[string]int{}
			repeated := map[string]bool{}
			for i, a := range week {
				if !a.at.Equal(year[i].at) {
					t.Fatalf("call %d at %v from the weekly pattern, %v from the year's forecast", i, a.at, year[i].at)
				}
				local := a.at.In(loc)
				if got := offeredAt(local.Truncate(30 * time.Minute)); got == 0 && !(local.Minute() >= 30 && offeredAt(local.Add(-30*time.Minute)) > 0) {
					t.Fatalf("call %d at %s local, an interval the forecast gives no calls", i, local.Format("Mon 2006-01-02 15:04:05 MST"))
				}
				if local.Hour() == 9 {
					if local.Minute() >= 30 {
						t.Fatalf("call %d at %s local, after its 09:00 interval", i, local.Format("Mon 2006-01-02 15:04:05 MST"))
					}
					perDay[local.Format("2006-01-02")]++
				}
				if local.Format("2006-01-02") == tc.fall && local.Hour() == 2 {
					z, _ := local.Zone()
					repeated[z] = true
				}
			}
			for _, day := range []string{tc.spring, next(tc.spring), tc.fall, next(tc.fall)} {
				if perDay[day] < 5 {
					t.Errorf("%d calls at 09:00 local on %s, want about 20", perDay[day], day)
				}
			}
			if tc.zone == "Europe/Berlin" && len(repeated) != 2 {
				t.Errorf("calls in the repeated hour on %s in zones %v, want both (CEST and CET)", tc.fall, repeated)
			}

			// The weekly table: calls only in the 09:00 and Sunday 02:00
			// slots, labelled by wall clock.
			sum := analysis.Summarize([]*sim.Result{weekRes})
			if !sum.WallSlots || len(sum.Intervals) != 336 {
				t.Fatalf("weekly summary: WallSlots %v, %d intervals", sum.WallSlots, len(sum.Intervals))
			}
			for _, iv := range sum.Intervals {
				m, _ := analysis.Find(iv.Metrics, "offered")
				if m.Mean > 0 && offeredAt(iv.At) == 0 {
					t.Errorf("%s offered %v, the forecast none", iv.At.Format("Mon 15:04"), m.Mean)
				}
			}
			// The year's table: one row per interval of the run, 23 and
			// 25 hours on the days of the changes.
			ys := analysis.Summarize([]*sim.Result{yearRes})
			rows := map[string]int{}
			for _, iv := range ys.Intervals {
				rows[iv.At.Format("2006-01-02")]++
			}
			if ys.WallSlots || rows[tc.spring] != 46 || rows[tc.fall] != 50 {
				t.Errorf("year summary: WallSlots %v, %d intervals on %s, %d on %s; want 46, 50", ys.WallSlots, rows[tc.spring], tc.spring, rows[tc.fall], tc.fall)
			}
		})
	}
}

func next(day string) string {
	d, _ := time.Parse("2006-01-02", day)
	return d.AddDate(0, 0, 1).Format("2006-01-02")
}

// TestZone_ShiftsAndHours runs four days over the night Berlin's clocks go
// forward: agents on a weekly 08:00-16:00 shift are logged in exactly in
// the local intervals from 08:00 to 16:00, the Sunday of the change too,
// and the queue, open 09:00-17:00, turns callers away outside those
// local hours only.
func TestZone_ShiftsAndHours(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	src := `name: shifts
time_zone: Europe/Berlin
start: 2024-03-30T00:00:00+01:00
horizon: 95h
interval: 30m
queues: [{name: Q, hours: [{days: [mon, tue, wed, thu, fri, sat, sun], open: "09:00", close: "17:00"}]}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 3, profile: P, shifts: [{days: [mon, tue, wed, thu, fri, sat, sun], start: "08:00", end: "16:00"}]}]
contact_types: [{name: c, queue: Q, per_hour: 30, talk: 1m}]
`
	s, err := scenarios.Parse("shifts.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := s.Start
	for k, at := range res.Agents[0].Intervals[:len(res.Agents[0].Intervals)-1] {
		local := start.Add(time.Duration(k) * 30 * time.Minute).In(berlin)
		in := local.Hour() >= 8 && local.Hour() < 16
		if got := at.LoggedIn() > 0; got != in {
			t.Errorf("%s: logged in %v, want %v", local.Format("Mon 01-02 15:04 MST"), got, in)
		}
		q := res.Queues[0].Intervals[k].Inbound
		open := local.Hour() >= 9 && local.Hour() < 17
		if q.Closed > 0 && open || q.Closed < q.Arrived && !open {
			t.Errorf("%s: %d of %d callers found the queue closed (open %v)", local.Format("Mon 01-02 15:04 MST"), q.Closed, q.Arrived, open)
		}
	}
}

// TestZone_StaffingPattern repeats a weekly staffing plan (agents from
// 08:00 to 16:00 local) over three weeks in Berlin, the second holding
// the night clocks go forward: calls are answered only from 08:00 to
// 16:00 local, on the Sunday and Monday of the change too.
func TestZone_StaffingPattern(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 3, 18, 0, 0, 0, 0, berlin) // a Monday
	var b strings.Builder
	b.WriteString("interval_start,agents\n")
	for t := from; t.Before(from.AddDate(0, 0, 7)); t = t.Add(30 * time.Minute) {
		n := 0
		if t.Hour() >= 8 && t.Hour() < 16 {
			n = 2
		}
		fmt.Fprintf(&b, "%s,%d\n", t.Format("2006-01-02 15:04"), n)
	}
	fsys := fstest.MapFS{
		"s.yaml": {Data: []byte(`name: staffing
time_zone: Europe/Berlin
start: 2024-03-18T00:00:00+01:00
horizon: 21d
interval: 30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, profile: P, staffing: staff.csv}]
contact_types: [{name: c, queue: Q, per_hour: 20, talk: 1m}]
`)},
		"staff.csv": {Data: []byte(b.String())},
	}
	l, err := scenarios.ParseFS(fsys, "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	perDay := map[string]int{}
	_, err = p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) {
		if r.ConnectedToAgent.IsZero() {
			return
		}
		local := r.ConnectedToAgent.In(berlin)
		if local.Hour() < 8 || local.Hour() >= 16 {
			t.Errorf("answered at %s local, outside the plan's 08:00-16:00", local.Format("Mon 2006-01-02 15:04 MST"))
		}
		if local.Hour() == 8 {
			perDay[local.Format("2006-01-02")]++
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2024-03-30", "2024-03-31", "2024-04-01", "2024-04-07"} {
		if perDay[day] == 0 {
			t.Errorf("no call answered from 08:00 local on %s", day)
		}
	}
}

// TestShiftFromTheDayBefore: a weekly shift that starts the evening
// before the run (Sunday 22:00 to 07:00, the run starting Monday 00:00)
// has its agents logged in from the start, as model.Queue.OpenAt already
// read hours of operation; the engine used to begin with the start's
// own day.
func TestShiftFromTheDayBefore(t *testing.T) {
	s, err := scenarios.Parse("night.yaml", []byte(`name: night
start: 2024-06-03T00:00:00Z
horizon: 1d
interval: 1h
queues: [{name: Q, hours: [{days: [sun], open: "22:00", close: "06:00"}]}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 2, profile: P, shifts: [{days: [sun], start: "22:00", end: "07:00"}]}]
contact_types: [{name: c, queue: Q, per_hour: 10, talk: 1m}]
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for h, at := range res.Agents[0].Intervals[:24] {
		if got, want := at.LoggedIn(), int64(0); h < 7 {
			want = 2 * int64(time.Hour/time.Millisecond)
			if got != want {
				t.Errorf("Monday %02d:00: %d ms logged in, want %d", h, got, want)
			}
		} else if got != want {
			t.Errorf("Monday %02d:00: %d ms logged in, want none", h, got)
		}
		q := res.Queues[0].Intervals[h].Inbound
		if open := h < 6; open && q.Closed > 0 || !open && q.Closed != q.Arrived {
			t.Errorf("Monday %02d:00: %d of %d callers found the queue closed", h, q.Closed, q.Arrived)
		}
	}
}
