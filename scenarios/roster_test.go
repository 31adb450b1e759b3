package scenarios_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

const rosterScenario = `
name: roster
start: 2024-06-03T00:00:00Z
horizon: 1d
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents:
  - name: sales
    profile: P
    AGENTS
contact_types:
  - {name: call, queue: Q, per_hour: 40, talk: {dist: exponential, mean: 4m}, acw: 30s, patience: {dist: exponential, mean: 3m}}
`

func runFS(t *testing.T, agents string, files map[string]string) *sim.Result {
	t.Helper()
	fsys := fstest.MapFS{"s.yaml": {Data: []byte(strings.Replace(rosterScenario, "AGENTS", agents, 1))}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	l, err := scenarios.ParseFS(fsys, "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), l.Scenario, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRoster_sameAsShifts: a roster of identical rows (weekly or dated)
// gives the same results as the group written by hand with that count and
// shift: one agent per row, breaks as in the shift.
func TestRoster_sameAsShifts(t *testing.T) {
	byHand := runFS(t, `count: 3
    shifts: [{days: [mon], start: "08:00", end: "16:00", breaks: [{start: "10:00", duration: 15m}, {start: "12:00", duration: 30m, kind: lunch}]}]`, nil)
	for name, rows := range map[string]string{
		"weekly": "sales,early,mon,08:00,16:00,10:00-10:15;12:00-12:30 lunch\n",
		"dated":  "sales,early,2024-06-03,08:00,16:00,10:00-10:15;12:00-12:30 lunch\n",
	} {
		t.Run(name, func(t *testing.T) {
			csv := "group,template,day,start,end,breaks\n" + strings.Repeat(rows, 3)
			got := runFS(t, "roster: roster.csv", map[string]string{"roster.csv": csv})
			if !reflect.DeepEqual(got.Queues, byHand.Queues) || !reflect.DeepEqual(got.Agents, byHand.Agents) {
				t.Errorf("roster results differ from the hand-written shifts:\n%+v\n%+v", got.Agents, byHand.Agents)
			}
			if got.Agents[0].Agents != 3 || got.Agents[0].Lunch == 0 || got.Agents[0].Break == 0 {
				t.Errorf("agents %d, break %d, lunch %d: want 3 agents with breaks and lunches", got.Agents[0].Agents, got.Agents[0].Break, got.Agents[0].Lunch)
			}
		})
	}
}

// TestReadRoster_bad: each bad roster names the file, the line, the
// column and what is allowed.
func TestReadRoster_bad(t *testing.T) {
	const head = "group,template,day,start,end,breaks\n"
	for _, tc := range []struct {
		name, data, want string
	}{
		{"empty", "", "roster.csv: the roster is empty"},
		{"header only", head, "roster.csv: the roster is empty: it has a header but no shifts"},
		{"unknown group", head + "sales,a,mon,08:00,16:00,\nbob,a,mon,08:00,16:00,\n", `roster.csv:3: column 1 (group): unknown agent group "bob" (the scenario has: sales, support)`},
		{"empty group", head + ",a,mon,08:00,16:00,\n", `roster.csv:2: column 1 (group): is empty`},
		{"bad day", head + "sales,a,someday,08:00,16:00,\n", `roster.csv:2: column 3 (day): "someday" is not a day (allowed: mon, tue, wed, thu, fri, sat, sun, or a date YYYY-MM-DD)`},
		{"bad start", head + "sales,a,mon,8h,16:00,\n", `roster.csv:2: column 4 (start): "8h" is not a time of day`},
		{"bad end", head + "sales,a,mon,08:00,24:00,\n", `roster.csv:2: column 5 (end): "24:00" is not a time of day`},
		{"break outside", head + "sales,a,mon,08:00,16:00,07:30-08:15\n", `roster.csv:2: column 6 (breaks): break 07:30-08:15 lies outside the shift 08:00-16:00`},
		{"break past end", head + "sales,a,mon,22:00,06:00,05:45-06:15\n", `break 05:45-06:15 lies outside the shift 22:00-06:00`},
		{"bad break", head + "sales,a,mon,08:00,16:00,12:00\n", `"12:00" is not a break (want from-to times of day`},
		{"bad kind", head + "sales,a,mon,08:00,16:00,12:00-12:30 nap\n", `unknown kind "nap" (allowed: break, lunch)`},
		{"overlap", head + "sales,a,mon,08:00,16:00,12:00-12:30;12:15-12:45\n", `break 12:15-12:45 overlaps another break`},
		{"zero break", head + "sales,a,mon,08:00,16:00,12:00-12:00\n", `the break ends when it starts`},
		{"before start", head + "sales,a,2024-06-02,08:00,16:00,\n", `roster.csv:2: column 3 (day): the shift starts 2024-06-02 08:00 UTC, before the scenario start`},
		{"missing column", "group,day,start\nsales,mon,08:00\n", `roster.csv:1: missing required column "end"`},
		{"unknown column", "group,day,start,end,shoe\n", `roster.csv:1: column 5: unknown column "shoe" (allowed: group, day, start, end, template, breaks, agent)`},
		{"semicolons", "group;day;start;end\n", `unknown column`},
		{"agent overlap", "group,agent,day,start,end\nsales,x-01,mon,08:00,16:00\nsales,x-01,mon,15:00,20:00\n",
			`roster.csv:3: column 2 (agent): agent "x-01" works mon 15:00-20:00, overlapping its shift on line 2 (mon 08:00-16:00): one agent works one shift at a time`},
		{"agent overlap over midnight", "group,agent,day,start,end\nsales,x,sun,22:00,06:00\nsales,x,mon,05:00,09:00\n",
			`roster.csv:3: column 2 (agent): agent "x" works mon 05:00-09:00, overlapping its shift on line 2 (sun 22:00-06:00)`},
		{"agent overlap dated", "group,agent,day,start,end\nsales,x,2024-06-03,08:00,16:00\nsales,x,mon,15:00,20:00\n",
			`roster.csv:3: column 2 (agent): agent "x" works mon 15:00-20:00, overlapping its shift on line 2 (mon 08:00-16:00)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenarios.ReadRoster("roster.csv", []byte(tc.data), model.DefaultStart, []string{"sales", "support"})
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q and wrap ErrInvalid", err, tc.want)
			}
		})
	}
}

// TestRoster_scenarioField: the scenario-level problems of a roster
// field: a group without rows, and a roster beside shifts.
func TestRoster_scenarioField(t *testing.T) {
	csv := "group,day,start,end\nsales,mon,08:00,16:00\n"
	for _, tc := range []struct {
		name, agents, want string
	}{
		{"no rows for group", "roster: r.csv\n  - {name: support, profile: P, roster: r.csv}", `s.yaml:11: agents[1].roster: r.csv has no shifts for group "support" (it has shifts for: sales)`},
		{"with shifts", "roster: r.csv\n    shifts: [{start: 0s}]", `agents[0].roster: a roster replaces shifts, count and a staffing plan`},
		{"missing file", "roster: nope.csv", `agents[0].roster: cannot read "nope.csv": nope.csv does not exist`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"s.yaml": {Data: []byte(strings.Replace(rosterScenario, "AGENTS", tc.agents, 1))},
				"r.csv":  {Data: []byte(csv)},
			}
			_, err := scenarios.ParseFS(fsys, "s.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestReadRoster_localTime: dated rows are read on the scenario's wall
// clock: a night shift over the night clocks go forward lasts an hour
// less, and its break keeps its wall-clock place.
func TestReadRoster_localTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 3, 30, 0, 0, 0, 0, berlin)
	r, err := scenarios.ReadRoster("r.csv", []byte("group,day,start,end,breaks\na,2024-03-30,22:00,06:00,04:00-04:30\n"), start, []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	sh := r["a"].Shifts[0]
	if sh.Start.Value != 22*model.Hour || sh.End.Value-sh.Start.Value != 7*model.Hour {
		t.Errorf("shift %s to %s, want 22h to 29h (7 hours)", sh.Start.Value, sh.End.Value)
	}
	if b := sh.Breaks[0]; b.Start.Value != 5*model.Hour || b.Duration != 30*model.Minute {
		t.Errorf("break at %s for %s, want 5h after the start (04:00 CEST) for 30m", b.Start.Value, b.Duration)
	}
}

// TestReadRoster_agents: rows with the same agent in a group are one
// agent; the same id in another group, an empty agent and a file without
// the column are agents of their own; touching and dated-apart shifts of
// one agent are accepted.
func TestReadRoster_agents(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		agents     map[string][]int
	}{
		{"no column", "group,day,start,end\nsales,mon,08:00,16:00\nsales,tue,08:00,16:00\n", map[string][]int{"sales": nil}},
		{"lines", "group,agent,day,start,end\nsales,b,mon,08:00,16:00\nsales,a,mon,08:00,16:00\nsales,b,tue,08:00,16:00\nsales,,tue,08:00,16:00\nsupport,b,mon,08:00,16:00\n",
			map[string][]int{"sales": {0, 1, 0, 2}, "support": {0}}},
		{"back to back", "group,agent,day,start,end\nsales,x,mon,08:00,16:00\nsales,x,mon,16:00,20:00\nsales,x,sun,20:00,08:00\n", map[string][]int{"sales": {0, 0, 0}}},
		{"dated weeks apart", "group,agent,day,start,end\nsales,x,2024-06-03,08:00,16:00\nsales,x,2024-06-10,08:00,16:00\n", map[string][]int{"sales": {0, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := scenarios.ReadRoster("r.csv", []byte(tc.data), model.DefaultStart, []string{"sales", "support"})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]int{}
			for g, gr := range r {
				got[g] = gr.Agents
			}
			if !reflect.DeepEqual(got, tc.agents) {
				t.Errorf("agents %v, want %v", got, tc.agents)
			}
		})
	}
}

const weekScenario = `
name: week
start: 2024-06-03T00:00:00Z
horizon: 7d
seed: 7
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents:
  - {name: sales, profile: P, roster: r.csv, shrinkage: SHRINK}
contact_types:
  - {name: call, queue: Q, per_hour: 30, talk: {dist: exponential, mean: 4m}, acw: 30s, patience: {dist: exponential, mean: 3m}}
`

// TestRoster_agentsRunAsWithout: a roster whose rows name their agents
// runs with the same queue results and logged-in hours as the same rows
// without agents; only the group's agent count (and so the per-agent
// figures) differs. With shrinkage the same rows are dropped, and an
// agent with no row left is not counted.
func TestRoster_agentsRunAsWithout(t *testing.T) {
	rows := [][2]string{}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		rows = append(rows, [2]string{"a", d + ",08:00,16:00,12:00-12:30 lunch"}, [2]string{"b", d + ",12:00,20:00,15:00-15:15"})
	}
	rows = append(rows, [2]string{"c", "sat,09:00,17:00,"}, [2]string{"c", "sun,09:00,17:00,"})
	with, without := "group,agent,day,start,end,breaks\n", "group,day,start,end,breaks\n"
	for _, r := range rows {
		with += "sales," + r[0] + "," + r[1] + "\n"
		without += "sales," + r[1] + "\n"
	}
	for _, tc := range []struct {
		shrink       string
		with, wihout int
	}{{"0", 3, 12}, {"0.5", 2, 7}} {
		t.Run("shrinkage "+tc.shrink, func(t *testing.T) {
			run := func(csv string) *sim.Result {
				fsys := fstest.MapFS{"s.yaml": {Data: []byte(strings.Replace(weekScenario, "SHRINK", tc.shrink, 1))}, "r.csv": {Data: []byte(csv)}}
				l, err := scenarios.ParseFS(fsys, "s.yaml")
				if err != nil {
					t.Fatal(err)
				}
				res, err := sim.Run(context.Background(), l.Scenario, sim.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			a, b := run(with), run(without)
			if a.Agents[0].Agents != tc.with || b.Agents[0].Agents != tc.wihout {
				t.Errorf("agents %d with ids and %d without, want %d and %d", a.Agents[0].Agents, b.Agents[0].Agents, tc.with, tc.wihout)
			}
			if a.Agents[0].LoggedIn() != b.Agents[0].LoggedIn() || a.Agents[0].Lunch != b.Agents[0].Lunch || a.Agents[0].Break != b.Agents[0].Break {
				t.Errorf("logged in %v / %v, lunch %v / %v, break %v / %v: want equal",
					a.Agents[0].LoggedIn(), b.Agents[0].LoggedIn(), a.Agents[0].Lunch, b.Agents[0].Lunch, a.Agents[0].Break, b.Agents[0].Break)
			}
			if !reflect.DeepEqual(a.Queues, b.Queues) {
				t.Errorf("queue results differ:\n%+v\n%+v", a.Queues, b.Queues)
			}
		})
	}
}
