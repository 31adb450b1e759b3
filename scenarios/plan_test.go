package scenarios_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// planScenario names a forecast and a staffing plan. Tests edit it and
// the plan files; the line numbers in their expectations are these.
var planScenario = strings.Join([]string{
	/* 1 */ "name: p",
	/* 2 */ "start: 2024-06-03T00:00:00Z",
	/* 3 */ "horizon: 2h",
	/* 4 */ "interval: 30m",
	/* 5 */ "queues: [{name: Q}]",
	/* 6 */ "routing_profiles: [{name: P, queues: [{queue: Q}]}]",
	/* 7 */ "agents:",
	/* 8 */ "  - name: a",
	/* 9 */ "    count: 3",
	/* 10 */ "    profile: P",
	/* 11 */ "    staffing: staff.csv",
	/* 12 */ "contact_types:",
	/* 13 */ "  - name: c",
	/* 14 */ "    queue: Q",
	/* 15 */ "    forecast: plan.csv",
	/* 16 */ "    talk: 5m",
}, "\n") + "\n"

const goodForecast = `interval_start,offered,aht
2024-06-03 00:00,10,300
2024-06-03 00:30,12.5,310.5
2024-06-03 01:00,0,
2024-06-03 01:30,8,5m12s
`

const goodStaffing = `interval_start,agents
2024-06-03 00:00,2
2024-06-03 00:30,3
2024-06-03 01:00,0
2024-06-03 01:30,2
`

// planFS returns the files of one plan test: the scenario (with line n
// replaced by yamlEdit when n > 0) and the two plans.
func planFS(forecast, staffing string, n int, yamlEdit string) fstest.MapFS {
	yaml := planScenario
	if n > 0 {
		lines := strings.Split(yaml, "\n")
		lines[n-1] = yamlEdit
		yaml = strings.Join(lines, "\n")
	}
	return fstest.MapFS{
		"s.yaml":    {Data: []byte(yaml)},
		"plan.csv":  {Data: []byte(forecast)},
		"staff.csv": {Data: []byte(staffing)},
	}
}

func TestParseFS_Plans(t *testing.T) {
	l, err := scenarios.ParseFS(planFS(goodForecast, goodStaffing, 0, ""), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fp := l.Scenario.ContactTypes[0].ForecastPlan
	if fp == nil {
		t.Fatal("ForecastPlan is nil")
	}
	if fp.File != "plan.csv" || fp.Interval != 30*model.Minute || fp.Length() != 2*model.Hour {
		t.Errorf("forecast plan = %q, %v, %v; want plan.csv, 30m, 2h", fp.File, fp.Interval, fp.Length())
	}
	want := []model.PlanRow{
		{Line: 2, Offered: 10, AHT: 300 * model.Second},
		{Line: 3, Offered: 12.5, AHT: 310500 * model.Millisecond},
		{Line: 4, Offered: 0, AHT: 0},
		{Line: 5, Offered: 8, AHT: 312 * model.Second},
	}
	if !equalRows(fp.Rows, want) {
		t.Errorf("forecast rows = %+v, want %+v", fp.Rows, want)
	}
	sp := l.Scenario.Agents[0].StaffingPlan
	if sp == nil {
		t.Fatal("StaffingPlan is nil")
	}
	wantS := []model.PlanRow{{Line: 2, Agents: 2}, {Line: 3, Agents: 3}, {Line: 4, Agents: 0}, {Line: 5, Agents: 2}}
	if sp.File != "staff.csv" || !equalRows(sp.Rows, wantS) {
		t.Errorf("staffing plan = %q %+v, want staff.csv %+v", sp.File, sp.Rows, wantS)
	}
}

func equalRows(a, b []model.PlanRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReadForecast_Forms reads what planners' tools export: a byte order
// mark, CRLF line ends, comments, columns in another order and case,
// blank rows, every time form, AHT in seconds and as a duration.
func TestReadForecast_Forms(t *testing.T) {
	in := "\xef\xbb\xbf# exported from WFM\r\n" +
		"AHT, Offered ,Interval_Start\r\n" +
		"300,  10,2024-06-03T02:00:00+02:00\r\n" +
		",,\r\n" +
		"\r\n" +
		"\"312.4996\",\"1e1\",2024-06-03T00:30\r\n" +
		"# a comment between rows\r\n" +
		"5m,0,2024-06-03 01:00:00\r\n" +
		"0,0,2024-06-03T01:30:00Z\r\n"
	p, err := scenarios.ReadForecast("f.csv", []byte(in), model.DefaultStart, 30*model.Minute)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.PlanRow{
		{Line: 3, Offered: 10, AHT: 300 * model.Second},
		{Line: 6, Offered: 10, AHT: 312500 * model.Millisecond},
		{Line: 8, Offered: 0, AHT: 5 * model.Minute},
		{Line: 9, Offered: 0, AHT: 0},
	}
	if !equalRows(p.Rows, want) {
		t.Errorf("rows = %+v, want %+v", p.Rows, want)
	}

	// Line endings of old Mac files (CR only) are line ends too, with the
	// same rows and line numbers as CRLF.
	p, err = scenarios.ReadForecast("f.csv", []byte(strings.ReplaceAll(in, "\r\n", "\r")), model.DefaultStart, 30*model.Minute)
	if err != nil || !equalRows(p.Rows, want) {
		t.Errorf("CR-only line endings: rows = %+v, %v; want %+v", p, err, want)
	}

	// The aht column is optional.
	p, err = scenarios.ReadForecast("f.csv", []byte("interval_start,offered\n2024-06-03 00:00,4\n"), model.DefaultStart, 30*model.Minute)
	if err != nil || len(p.Rows) != 1 || p.Rows[0].AHT != 0 || p.Rows[0].Offered != 4 {
		t.Errorf("ReadForecast(no aht column) = %+v, %v", p, err)
	}
	// A start with a fixed offset: rows without one are read in it, rows
	// with one are instants.
	start := time.Date(2024, 6, 3, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	for _, row := range []string{"2024-06-03 09:00", "2024-06-03T07:00:00Z", "2024-06-03 09:00+02:00"} {
		if _, err := scenarios.ReadStaffing("s.csv", []byte("interval_start,agents\n"+row+",3.0\n"), start, model.Hour); err != nil {
			t.Errorf("ReadStaffing(zoned start, %s) = %v", row, err)
		}
	}
}

// rows writes n forecast rows from 00:00 at the given step, with the
// given offered value.
func rows(n int, step time.Duration, offered string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(model.DefaultStart.Add(time.Duration(i) * step).Format("2006-01-02 15:04"))
		b.WriteString("," + offered + ",300\n")
	}
	return b.String()
}

func TestParseFS_PlanErrors(t *testing.T) {
	const h = "interval_start,offered,aht\n"
	const hs = "interval_start,agents\n"
	for _, tt := range []struct {
		name     string
		forecast string // default goodForecast
		staffing string // default goodStaffing
		line     int    // a line of planScenario to replace, with yaml
		yaml     string
		prefix   string // the exact start of one line of the error
		phrase   string // a key phrase of that line's message
	}{{
		name:     "MissingColumn",
		forecast: "interval_start,aht\n2024-06-03 00:00,300\n",
		prefix:   "plan.csv:1: ",
		phrase:   `missing required column "offered": a forecast has the columns interval_start, offered, aht`,
	}, {
		name:     "MissingColumnStaffing",
		staffing: "interval_start,headcount\n2024-06-03 00:00,3\n",
		prefix:   "staff.csv:1: ",
		phrase:   `missing required column "agents"`,
	}, {
		name:     "MissingColumnAfterComments",
		forecast: "# exported 2024-05-30\n# site: Leeds\ninterval_start\n2024-06-03 00:00\n",
		prefix:   "plan.csv:3: ",
		phrase:   `missing required column "offered"`,
	}, {
		name:     "UnknownColumn",
		forecast: "interval_start,offered,aht,skill\n2024-06-03 00:00,1,300,sales\n",
		prefix:   "plan.csv:1: column 4: ",
		phrase:   `unknown column "skill" (allowed: interval_start, offered, aht)`,
	}, {
		name:     "UnknownColumnSemicolons",
		forecast: "interval_start;offered;aht\n2024-06-03 00:00;1;300\n",
		prefix:   "plan.csv:1: column 1: ",
		phrase:   `the file seems to separate its columns with ";": save it with commas`,
	}, {
		name:     "DuplicateColumn",
		staffing: "interval_start,agents,Agents\n2024-06-03 00:00,1,1\n",
		prefix:   "staff.csv:1: column 3 (agents): ",
		phrase:   "is given twice (also column 2)",
	}, {
		name:     "UnnamedColumn",
		staffing: "interval_start,agents,\n2024-06-03 00:00,1,\n",
		prefix:   "staff.csv:1: column 3: ",
		phrase:   "has no name",
	}, {
		name:     "TooManyFields",
		forecast: h + "2024-06-03 00:00,10,300\n2024-06-03 00:30,10,300,7\n",
		prefix:   "plan.csv:3: ",
		phrase:   "has 4 fields, but the header has 3 (interval_start, offered, aht)",
	}, {
		name:     "TooFewFields",
		staffing: hs + "2024-06-03 00:00\n",
		prefix:   "staff.csv:2: ",
		phrase:   "has 1 field, but the header has 2",
	}, {
		name:     "NotANumber",
		forecast: h + rows(13, 30*time.Minute, "10") + "2024-06-03 06:30,12a,300\n",
		prefix:   "plan.csv:15: column 2 (offered): ",
		phrase:   `"12a" is not a number`,
	}, {
		name:     "DecimalComma",
		forecast: h + "2024-06-03 00:00,\"12,5\",300\n",
		prefix:   "plan.csv:2: column 2 (offered): ",
		phrase:   `"12,5" is not a number: write decimals with a point (12.5)`,
	}, {
		name:     "OfferedEmpty",
		forecast: h + "2024-06-03 00:00,,300\n",
		prefix:   "plan.csv:2: column 2 (offered): ",
		phrase:   "is empty (expected the number of contacts offered, 0 or more)",
	}, {
		name:     "OfferedNaN",
		forecast: h + "2024-06-03 00:00,NaN,300\n",
		prefix:   "plan.csv:2: column 2 (offered): ",
		phrase:   `"NaN" is not a number`,
	}, {
		name:     "OfferedNegative",
		forecast: h + "2024-06-03 00:00,-3,300\n",
		prefix:   "plan.csv:2: column 2 (offered): ",
		phrase:   "-3 is negative",
	}, {
		name:     "OfferedHuge",
		forecast: h + "2024-06-03 00:00,1e300,300\n",
		prefix:   "plan.csv:2: column 2 (offered): ",
		phrase:   "is more than ccsim simulates",
	}, {
		name:     "AHTNegative",
		forecast: h + "2024-06-03 00:00,3,-300\n",
		prefix:   "plan.csv:2: column 3 (aht): ",
		phrase:   "-300 is negative",
	}, {
		name:     "AHTNotANumber",
		forecast: h + "2024-06-03 00:00,3,five minutes\n",
		prefix:   "plan.csv:2: column 3 (aht): ",
		phrase:   `"five minutes" is not a number of seconds (312 or 312.5) or a duration (5m12s)`,
	}, {
		name:     "AHTZeroWithContacts",
		forecast: h + "2024-06-03 00:00,3,0\n",
		prefix:   "plan.csv:2: column 3 (aht): ",
		phrase:   `"0" with 3 contacts offered: leave the cell empty`,
	}, {
		name:     "AHTOverADay",
		forecast: h + "2024-06-03 00:00,3,90000\n",
		prefix:   "plan.csv:2: column 3 (aht): ",
		phrase:   "90000 seconds is more than a day",
	}, {
		name:     "AgentsFractional",
		staffing: hs + "2024-06-03 00:00,2.5\n",
		prefix:   "staff.csv:2: column 2 (agents): ",
		phrase:   "2.5 is not a whole number of agents",
	}, {
		name:     "AgentsNegative",
		staffing: hs + "2024-06-03 00:00,-1\n",
		prefix:   "staff.csv:2: column 2 (agents): ",
		phrase:   "-1 is negative (expected a whole number of agents, 0 or more)",
	}, {
		name:     "AgentsNotANumber",
		staffing: hs + "2024-06-03 00:00,two\n",
		prefix:   "staff.csv:2: column 2 (agents): ",
		phrase:   `"two" is not a number`,
	}, {
		name:     "BadTime",
		forecast: h + "2024-06-03 00:00,1,300\n03/06/2024 00:30,1,300\n",
		prefix:   "plan.csv:3: column 1 (interval_start): ",
		phrase:   `"03/06/2024 00:30" is not a date and time (expected YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339`,
	}, {
		name:     "BadTimeNoGapReportedAfter",
		forecast: h + "2024-06-03 00:00,1,300\n2024-06-03 24:30,1,300\n2024-06-03 01:00,1,300\n",
		prefix:   "plan.csv:3: column 1 (interval_start): ",
		phrase:   `"2024-06-03 24:30" is not a date and time`,
	}, {
		name:     "OutOfOrder",
		forecast: h + "2024-06-03 00:00,1,300\n2024-06-03 00:30,1,300\n2024-06-03 01:00,1,300\n2024-06-03 00:30,1,300\n",
		prefix:   "plan.csv:5: column 1 (interval_start): ",
		phrase:   "2024-06-03 00:30 UTC is before the previous row's 2024-06-03 01:00 UTC (line 4): rows must be in increasing time order",
	}, {
		name:     "SameStartTwice",
		staffing: hs + "2024-06-03 00:00,1\n2024-06-03 00:30,1\n2024-06-03 00:30,2\n",
		prefix:   "staff.csv:4: column 1 (interval_start): ",
		phrase:   "2024-06-03 00:30 UTC is the start of the previous row too (line 3): each interval must have exactly one row",
	}, {
		name:     "Gap",
		forecast: h + "2024-06-03 00:00,1,300\n2024-06-03 00:30,1,300\n2024-06-03 02:00,1,300\n",
		prefix:   "plan.csv:4: column 1 (interval_start): ",
		phrase:   "2024-06-03 02:00 UTC follows 2024-06-03 00:30 UTC (line 3), leaving a gap of 2 30m intervals from 2024-06-03 01:00 UTC: give every interval a row, with 0 when closed",
	}, {
		name:     "Misaligned",
		forecast: h + "2024-06-03 00:00,1,300\n2024-06-03 00:30,1,300\n2024-06-03 00:45,1,300\n",
		prefix:   "plan.csv:4: column 1 (interval_start): ",
		phrase:   "2024-06-03 00:45 UTC is 15m after the previous row's 2024-06-03 00:30 UTC (line 3), expected 2024-06-03 01:00 UTC",
	}, {
		name:     "IntervalMismatch",
		forecast: h + rows(8, 15*time.Minute, "3"),
		prefix:   "plan.csv:3: column 1 (interval_start): ",
		phrase:   "the file's interval is 15m (its first two rows start 2024-06-03 00:00 UTC and 2024-06-03 00:15 UTC), but the scenario's interval is 30m",
	}, {
		name:     "IntervalMismatchHourly",
		staffing: hs + "2024-06-03 00:00,1\n2024-06-03 01:00,1\n",
		line:     4,
		yaml:     "interval: 15m",
		prefix:   "staff.csv:3: column 1 (interval_start): ",
		phrase:   "the file's interval is 1h",
	}, {
		name:     "FirstRowNotAtStart",
		forecast: h + "2024-06-03 07:00,1,300\n2024-06-03 07:30,1,300\n",
		prefix:   "plan.csv:2: column 1 (interval_start): ",
		phrase:   "the first row starts 2024-06-03 07:00 UTC, but the scenario starts 2024-06-03 00:00 UTC",
	}, {
		name:     "FirstRowNotAtZonedStart",
		staffing: hs + "2024-06-02 22:00,1\n",
		line:     2,
		yaml:     "start: 2024-06-03T00:00:00+02:00",
		prefix:   "staff.csv:2: column 1 (interval_start): ",
		phrase:   "the first row starts 2024-06-02 22:00 UTC+02:00, but the scenario starts 2024-06-03 00:00 UTC+02:00",
	}, {
		name:     "Empty",
		forecast: "",
		prefix:   "plan.csv: ",
		phrase:   "the file is empty: expected a header row (interval_start, offered, aht) and one row per interval",
	}, {
		name:     "OnlyComments",
		staffing: "# nothing yet\n\n",
		prefix:   "staff.csv: ",
		phrase:   "the file is empty: expected a header row (interval_start, agents)",
	}, {
		name:     "HeaderOnly",
		forecast: h,
		prefix:   "plan.csv:1: ",
		phrase:   "the file has a header but no rows: expected one row per 30m interval from 2024-06-03 00:00 UTC",
	}, {
		name:     "CSVSyntax",
		forecast: h + "2024-06-03 00:00,1,300\n2024-06-03 00:30,\"1,300\n",
		prefix:   "plan.csv:3: ",
		phrase:   "CSV syntax error at character",
	}, {
		name:     "BareQuote",
		forecast: h + "2024-06-03 00:00,1\"0,300\n",
		prefix:   "plan.csv:2: ",
		phrase:   `CSV syntax error at character 19: bare " in non-quoted-field`,
	}, {
		name:     "UTF16",
		forecast: "\xff\xfei\x00n\x00",
		prefix:   "plan.csv: ",
		phrase:   "the file is UTF-16 text",
	}, {
		name:     "TooManyProblems",
		forecast: h + rows(15, 30*time.Minute, "x"),
		prefix:   "plan.csv: ",
		phrase:   "5 more problems not shown",
	}, {
		name:   "ForecastMissing",
		line:   15,
		yaml:   "    forecast: nope.csv",
		prefix: "s.yaml:15: contact_types[0].forecast: ",
		phrase: `cannot read "nope.csv": nope.csv does not exist`,
	}, {
		name:   "StaffingMissing",
		line:   11,
		yaml:   "    staffing: plans/staff.csv",
		prefix: "s.yaml:11: agents[0].staffing: ",
		phrase: `cannot read "plans/staff.csv"`,
	}, {
		name:   "ScenarioIntervalNotAllowed",
		line:   4,
		yaml:   "interval: 20m",
		prefix: "s.yaml:4: interval: ",
		phrase: "20m is not a reporting interval (allowed: 15m, 30m, 1h)",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			forecast, staffing := goodForecast, goodStaffing
			if tt.forecast != "" || strings.HasPrefix(tt.prefix, "plan.csv") {
				forecast = tt.forecast
			}
			if tt.staffing != "" || strings.HasPrefix(tt.prefix, "staff.csv") {
				staffing = tt.staffing
			}
			l, err := scenarios.ParseFS(planFS(forecast, staffing, tt.line, tt.yaml), "s.yaml")
			if err == nil {
				t.Fatalf("ParseFS() = %+v, want an error", l.Scenario)
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("errors.Is(err, model.ErrInvalid) = false for %v", err)
			}
			var perr *scenarios.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error is %T, want *scenarios.Error", err)
			}
			if perr.File != "s.yaml" {
				t.Errorf("Error.File = %q, want s.yaml", perr.File)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, tt.prefix) && strings.Contains(line[len(tt.prefix):], tt.phrase) {
					return
				}
			}
			t.Errorf("error has no line starting %q containing %q; got:\n%v", tt.prefix, tt.phrase, err)
		})
	}
}

// TestParseFS_PlanErrorsExact checks whole messages, one file after the
// other, and that a row's problems are all reported.
func TestParseFS_PlanErrorsExact(t *testing.T) {
	forecast := "interval_start,offered,aht\n" +
		"2024-06-03 00:00,10,300\n" +
		"2024-06-03 00:30,12a,-1\n" +
		"2024-06-03 01:30,1,300\n"
	staffing := "interval_start,agents\n2024-06-03 00:15,3\n"
	_, err := scenarios.ParseFS(planFS(forecast, staffing, 0, ""), "s.yaml")
	want := `staff.csv:2: column 1 (interval_start): the first row starts 2024-06-03 00:15 UTC, but the scenario starts 2024-06-03 00:00 UTC: the staffing plan must start at the scenario's start
plan.csv:3: column 2 (offered): "12a" is not a number
plan.csv:3: column 3 (aht): -1 is negative (expected the average handle time in seconds, e.g. 312 or 312.5, or a duration such as 5m12s)
plan.csv:4: column 1 (interval_start): 2024-06-03 01:30 UTC follows 2024-06-03 00:30 UTC (line 3), leaving a gap of 1 30m interval from 2024-06-03 01:00 UTC: give every interval a row, with 0 when closed`
	if err == nil || err.Error() != want {
		t.Errorf("ParseFS() error =\n%v\nwant\n%s", err, want)
	}
}

// TestParse_PlanFilesOnDisk reads plans relative to the scenario file's
// directory, and names them by that path in messages.
func TestParse_PlanFilesOnDisk(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	for name, data := range map[string]string{"s.yaml": planScenario, "plan.csv": goodForecast, "staff.csv": "interval_start,agents\n2024-06-03 00:00,x\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(file)
	_, err := scenarios.Parse(file, data)
	if want := filepath.Join(dir, "staff.csv") + `:2: column 2 (agents): "x" is not a number`; err == nil || err.Error() != want {
		t.Errorf("Parse() = %v, want %s", err, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "staff.csv"), []byte(goodStaffing), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.ContactTypes[0].ForecastPlan.File, filepath.Join(dir, "plan.csv"); got != want {
		t.Errorf("ForecastPlan.File = %q, want %q", got, want)
	}
	// In-memory data is resolved relative to the directory of the name.
	if _, err := scenarios.Parse(file, []byte(planScenario)); err != nil {
		t.Errorf("Parse(in-memory) = %v", err)
	}
	// A relative name from elsewhere does not find the files.
	_, err = scenarios.Parse("elsewhere/s.yaml", []byte(planScenario))
	if want := `elsewhere/s.yaml:11: agents[0].staffing: cannot read "staff.csv": elsewhere/staff.csv does not exist`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Parse(elsewhere) = %v, want %s", err, want)
	}
	// A directory is not a plan.
	if err := os.Mkdir(filepath.Join(dir, "d.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = scenarios.Parse(file, []byte(strings.Replace(planScenario, "plan.csv", "d.csv", 1)))
	if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("Parse(directory) = %v, want not a regular file", err)
	}
}

// TestReadPlan_Error checks the errors of the standalone readers: an
// *Error whose File is the CSV file.
func TestReadPlan_Error(t *testing.T) {
	_, err := scenarios.ReadStaffing("week.csv", []byte("interval_start,agents\n2024-06-03 00:00,-2\n"), model.DefaultStart, 30*model.Minute)
	var perr *scenarios.Error
	if !errors.As(err, &perr) || perr.File != "week.csv" || !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("ReadStaffing() = %v, want an *Error for week.csv", err)
	}
	if want := "week.csv:2: column 2 (agents): -2 is negative (expected a whole number of agents, 0 or more)"; err.Error() != want {
		t.Errorf("ReadStaffing() error = %q, want %q", err, want)
	}
	// Interval 0 skips the spacing checks.
	if _, err := scenarios.ReadStaffing("week.csv", []byte("interval_start,agents\n2024-06-03 00:00,1\n2024-06-03 00:10,1\n"), model.DefaultStart, 0); err != nil {
		t.Errorf("ReadStaffing(interval 0) = %v", err)
	}
}

// TestPlanLimits_areModelBounds: the plan files' limits are the ones
// docs/bounds.md lists.
func TestPlanLimits_areModelBounds(t *testing.T) {
	for _, c := range []struct {
		field string
		limit float64
	}{
		{"forecast CSV: offered", scenarios.MaxOffered},
		{"forecast CSV: aht", float64(scenarios.MaxAHT)},
		{"staffing CSV: agents", scenarios.MaxPlanAgents},
	} {
		if b := model.BoundOf(c.field); b.Max != c.limit || b.Min != 0 {
			t.Errorf("%s: model.Bounds says %v to %v, the reader %v", c.field, b.Min, b.Max, c.limit)
		}
	}
}
