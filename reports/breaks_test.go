package reports_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestAgents_breakColumns: the agents table and agents.csv show break and
// lunch hours only when a group's agents took breaks, so reports of
// scenarios without breaks are unchanged.
func TestAgents_breakColumns(t *testing.T) {
	for _, tc := range []struct {
		name   string
		brk    int64
		want   bool
		values string
	}{
		{"without breaks", 0, false, ""},
		{"with breaks", 2 * 3_600_000, true, "| 2.0 ± 0.0 | 1.0 ± 0.0 |"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := scenarios.Resolve("mmc")
			if err != nil {
				t.Fatal(err)
			}
			p, err := sim.Compile(l.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			var results []*sim.Result
			for rep := range 2 {
				r, err := p.Run(context.Background(), sim.Options{Rep: rep})
				if err != nil {
					t.Fatal(err)
				}
				// As if the agents had had breaks.
				r.Agents[0].Break, r.Agents[0].Lunch = tc.brk, tc.brk/2
				results = append(results, r)
			}
			sum := analysis.Summarize(results)
			var b bytes.Buffer
			if err := reports.EstimateTables(&b, reports.FormatTable, sum); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if got := strings.Contains(out, "break h |"); got != tc.want {
				t.Errorf("break column shown: %v, want %v\n%s", got, tc.want, out)
			}
			if tc.want && !strings.Contains(out, tc.values) {
				t.Errorf("no row with %q:\n%s", tc.values, out)
			}
			var csv bool
			for _, tb := range reports.CSVTables(sum, day, nil) {
				for _, row := range tb.Rows {
					csv = csv || (tb.Name == "agents.csv" && slicesContains(row, "break_hours"))
				}
			}
			if csv != tc.want {
				t.Errorf("agents.csv has break_hours: %v, want %v", csv, tc.want)
			}
		})
	}
}

func slicesContains(row []string, s string) bool {
	for _, c := range row {
		if c == s {
			return true
		}
	}
	return false
}
