package scenarios_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	// The embedded tz database, as the binary has it, so that these tests
	// run on a machine without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/ccsim/ccsim/scenarios"
)

// zoneScenario is a day in Berlin with a forecast; tests replace its
// start, horizon and forecast.
const zoneScenario = `name: z
time_zone: %s
start: %s
horizon: %s
interval: 30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 3, profile: P}]
contact_types:
  - name: c
    queue: Q
    forecast: f.csv
    talk: 5m
`

// localRows writes the forecast rows of every 30-minute interval from
// from to to (instants), their starts as the zone's wall clock reads them;
// a wall time that happens twice is written with its offset, as the
// parser asks.
func localRows(from, to time.Time) string {
	var b strings.Builder
	b.WriteString("interval_start,offered\n")
	for t := from; t.Before(to); t = t.Add(30 * time.Minute) {
		naive := t.Format("2006-01-02 15:04")
		if twice(t) {
			naive = t.Format(time.RFC3339)
		}
		fmt.Fprintf(&b, "%s,%d\n", naive, t.Hour()%5)
	}
	return b.String()
}

// twice reports whether t's wall time happens twice in its zone.
func twice(t time.Time) bool {
	for _, d := range []time.Duration{-time.Hour, time.Hour} {
		u := t.Add(d)
		if u.Format("2006-01-02 15:04") == t.Format("2006-01-02 15:04") {
			return true
		}
	}
	return false
}

func zoneFS(zone, start, horizon, forecast string) fstest.MapFS {
	return fstest.MapFS{
		"s.yaml": {Data: fmt.Appendf(nil, zoneScenario, zone, start, horizon)},
		"f.csv":  {Data: []byte(forecast)},
	}
}

// TestParseFS_ZoneYear reads a forecast of every interval of 2024 in
// local time, in Berlin and New York: 17,568 rows, the day clocks go
// forward 46 of them, the day they go back 50 (its repeated hour written
// with offsets). Each row lands on its instant.
func TestParseFS_ZoneYear(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/New_York"} {
		t.Run(strings.ReplaceAll(name, "/", "_"), func(t *testing.T) {
			loc, _ := time.LoadLocation(name)
			from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, loc), time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
			rows := localRows(from, to)
			l, err := scenarios.ParseFS(zoneFS(name, "2024-01-01T00:00:00"+from.Format("-07:00"), "8784h", rows), "s.yaml")
			if err != nil {
				t.Fatal(err)
			}
			s := l.Scenario
			if s.Start.Location().String() != name || !s.Start.Equal(from) {
				t.Errorf("start = %v in %v, want %v", s.Start, s.Start.Location(), from)
			}
			p := s.ContactTypes[0].ForecastPlan
			if got, want := len(p.Rows), int(to.Sub(from)/(30*time.Minute)); got != want || want != 17568 {
				t.Fatalf("rows = %d, want %d", got, want)
			}
			// Row i is the interval starting i x 30m after the start:
			// its offered value is its local hour mod 5, as written.
			for i, r := range p.Rows {
				at := from.Add(time.Duration(i) * 30 * time.Minute)
				if r.Offered != float64(at.Hour()%5) {
					t.Fatalf("row %d (line %d, %s) offers %v, want %d", i, r.Line, at.Format(time.RFC3339), r.Offered, at.Hour()%5)
				}
			}
		})
	}
}

func TestParseFS_ZoneErrors(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	spring := time.Date(2024, 3, 31, 0, 0, 0, 0, berlin)
	fall := time.Date(2024, 10, 27, 0, 0, 0, 0, berlin)
	springRows := localRows(spring, spring.Add(23*time.Hour))
	fallRows := localRows(fall, fall.Add(25*time.Hour))
	for _, tt := range []struct {
		name, zone, start, horizon, forecast string
		want                                 string
	}{{
		name: "UnknownZone", zone: "Europe/Berln", start: "2024-03-31T00:00:00+01:00", horizon: "23h", forecast: springRows,
		want: `s.yaml:2: time_zone: unknown time zone "Europe/Berln" (allowed: an IANA tz database name such as Europe/Berlin, America/New_York or UTC)`,
	}, {
		name: "LocalIsNotAZone", zone: "Local", start: "2024-03-31T00:00:00+01:00", horizon: "23h", forecast: springRows,
		want: `s.yaml:2: time_zone: unknown time zone "Local"`,
	}, {
		name: "SkippedHour", zone: "Europe/Berlin", start: "2024-03-31T00:00:00+01:00", horizon: "23h",
		forecast: strings.Replace(springRows, "2024-03-31 03:00,3\n", "2024-03-31 02:00,2\n2024-03-31 02:30,2\n2024-03-31 03:00,3\n", 1),
		want:     `f.csv:6: column 1 (interval_start): "2024-03-31 02:00" does not exist in Europe/Berlin: the clocks jump from 02:00 CET to 03:00 CEST that night, a day of 23 hours (allowed: leave out the skipped hour's rows, from 02:00 up to 03:00)`,
	}, {
		name: "RepeatedHour", zone: "Europe/Berlin", start: "2024-10-27T00:00:00+02:00", horizon: "25h",
		forecast: strings.Replace(fallRows, "2024-10-27T02:30:00+01:00", "2024-10-27 02:30", 1),
		want:     `f.csv:9: column 1 (interval_start): "2024-10-27 02:30" happens twice in Europe/Berlin: the clocks go back from 03:00 CEST to 02:00 CET that night, a day of 25 hours (allowed: write the offset, 2024-10-27T02:30:00+02:00 for the first and 2024-10-27T02:30:00+01:00 for the second)`,
	}, {
		name: "RowsAsIfNoChange", zone: "America/New_York", start: "2024-03-10T00:00:00-05:00", horizon: "23h",
		forecast: "interval_start,offered\n2024-03-10 00:00,1\n2024-03-10 00:30,1\n2024-03-10 01:00,1\n2024-03-10 01:30,1\n2024-03-10 02:00,1\n",
		want:     `f.csv:6: column 1 (interval_start): "2024-03-10 02:00" does not exist in America/New_York: the clocks jump from 02:00 EST to 03:00 EDT that night, a day of 23 hours`,
	}, {
		name: "StartInSkippedHour", zone: "Europe/Berlin", start: "2024-03-31 02:30", horizon: "23h", forecast: springRows,
		want: `s.yaml:3: start: "2024-03-31 02:30" does not exist in Europe/Berlin: the clocks jump from 02:00 CET to 03:00 CEST that night`,
	}, {
		name: "StartInRepeatedHour", zone: "Europe/Berlin", start: "2024-10-27 02:30", horizon: "23h", forecast: fallRows,
		want: `s.yaml:3: start: "2024-10-27 02:30" happens twice in Europe/Berlin`,
	}} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.ParseFS(zoneFS(tt.zone, tt.start, tt.horizon, tt.forecast), "s.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseFS() = %v\nwant an error containing\n%s", err, tt.want)
			}
		})
	}
}

// TestParseFS_OffsetStart: a start with an offset and no time_zone reads
// the forecast in that offset (it used to be compared with the rows read
// as UTC, so a planner's local forecast failed), and labels say so.
func TestParseFS_OffsetStart(t *testing.T) {
	yaml := strings.Replace(fmt.Sprintf(zoneScenario, "", "2024-06-03T00:00:00+02:00", "2h"), "time_zone: \n", "", 1)
	fsys := fstest.MapFS{
		"s.yaml": {Data: []byte(yaml)},
		"f.csv":  {Data: []byte("interval_start,offered\n2024-06-03 00:00,1\n2024-06-03 00:30,2\n2024-06-02T23:00:00+00:00,3\n2024-06-03 01:30,4\n")},
	}
	l, err := scenarios.ParseFS(fsys, "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Scenario.Start.Format("2006-01-02 15:04 MST"); got != "2024-06-03 00:00 UTC+02:00" {
		t.Errorf("start = %s, want 2024-06-03 00:00 UTC+02:00", got)
	}
	if n := len(l.Scenario.ContactTypes[0].ForecastPlan.Rows); n != 4 {
		t.Errorf("rows = %d, want 4", n)
	}
}

// TestParseFS_LocalStart: with time_zone, start may be written as the
// wall clock reads it, without an offset.
func TestParseFS_LocalStart(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	from := time.Date(2024, 3, 31, 0, 0, 0, 0, berlin)
	for _, start := range []string{"2024-03-31 00:00", "2024-03-31T00:00:00", "2024-03-31T00:00:00+01:00", "2024-03-30T23:00:00Z"} {
		l, err := scenarios.ParseFS(zoneFS("Europe/Berlin", start, "23h", localRows(from, from.Add(23*time.Hour))), "s.yaml")
		if err != nil {
			t.Fatalf("start %s: %v", start, err)
		}
		if !l.Scenario.Start.Equal(from) || l.Scenario.Start.Location().String() != "Europe/Berlin" {
			t.Errorf("start %s = %v", start, l.Scenario.Start)
		}
	}
}
