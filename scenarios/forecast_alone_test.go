package scenarios_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

func TestReadForecastAlone(t *testing.T) {
	for _, tc := range []struct {
		name     string
		data     string
		interval model.Duration
		// wantErr is a substring of the error; else the plan's rows,
		// interval and start.
		wantErr      string
		rows         int
		wantInterval model.Duration
		wantStart    string
	}{
		{name: "interval from the rows", data: "interval_start,offered,aht\n2024-06-03 09:00,10,180\n2024-06-03 09:15,12,\n2024-06-03 09:30,0,\n",
			rows: 3, wantInterval: 15 * model.Minute, wantStart: "2024-06-03T09:00:00Z"},
		{name: "one row: half an hour", data: "\xef\xbb\xbfOffered,Interval_Start\n7,2024-06-03T08:00:00+02:00\n",
			rows: 1, wantInterval: 30 * model.Minute, wantStart: "2024-06-03T08:00:00+02:00"},
		{name: "given interval", data: "interval_start,offered\n# a comment\n\n2024-06-03 09:00,1\n2024-06-03 10:00,2\n", interval: model.Hour,
			rows: 2, wantInterval: model.Hour, wantStart: "2024-06-03T09:00:00Z"},
		{name: "given interval, other rows", data: "interval_start,offered\n2024-06-03 09:00,1\n2024-06-03 09:30,2\n", interval: model.Hour,
			wantErr: "f.csv:3: column 1 (interval_start): the file's interval is 30m"},
		{name: "gap", data: "interval_start,offered\n2024-06-03 09:00,1\n2024-06-03 09:30,2\n2024-06-03 10:30,2\n",
			wantErr: "f.csv:4: column 1 (interval_start): 2024-06-03 10:30 UTC follows 2024-06-03 09:30 UTC (line 3), leaving a gap of 1 30m interval"},
		{name: "header only", data: "interval_start,offered\n", wantErr: "f.csv: the file has a header but no rows"},
		{name: "empty", data: "", wantErr: "f.csv: the file is empty"},
		{name: "no interval_start", data: "start,offered\n2024-06-03 09:00,1\n", wantErr: `f.csv:1: column 1: unknown column "start"`},
		{name: "bad first time", data: "interval_start,offered\nMonday 9am,1\n", wantErr: `f.csv:2: column 1 (interval_start): "Monday 9am" is not a date and time`},
		{name: "bad cell", data: "interval_start,offered\n2024-06-03 09:00,lots\n", wantErr: `f.csv:2: column 2 (offered): "lots" is not a number`},
		{name: "syntax error", data: "interval_start,offered\n\"2024-06-03 09:00,1\n", wantErr: "f.csv:2: CSV syntax error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, start, err := scenarios.ReadForecastAlone("f.csv", []byte(tc.data), tc.interval)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "0001-01-01") {
					t.Errorf("error %q names the zero time", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Rows) != tc.rows || p.Interval != tc.wantInterval || start.Format(time.RFC3339) != tc.wantStart {
				t.Errorf("%d rows, interval %s, start %s; want %d, %s, %s", len(p.Rows), p.Interval, start.Format(time.RFC3339),
					tc.rows, tc.wantInterval, tc.wantStart)
			}
		})
	}
}

// FuzzReadForecastAlone: a forecast read without a scenario never panics,
// gives a plan or an error (never both), and a plan starts at the first
// row with a positive interval.
func FuzzReadForecastAlone(f *testing.F) {
	for _, s := range []string{
		"interval_start,offered,aht\n2024-06-03 09:00,10,180\n2024-06-03 09:15,12,\n",
		"interval_start,offered\n2024-06-03T08:00:00+02:00,1\n",
		"interval_start,offered\n",
		"interval_start,offered\n2024-06-03 09:30,1\n2024-06-03 09:00,1\n",
		"offered;interval_start\n1;2024-06-03 09:00\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, start, err := scenarios.ReadForecastAlone("fuzz.csv", data, 0)
		if err != nil {
			if p != nil || !start.IsZero() {
				t.Errorf("a plan and an error: %v", err)
			}
			return
		}
		if len(p.Rows) == 0 || p.Interval <= 0 || start.IsZero() {
			t.Errorf("plan of %d rows, interval %s, start %v", len(p.Rows), p.Interval, start)
		}
	})
}
