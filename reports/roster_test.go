package reports_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
)

// TestWriteRosterCSV pins the roster CSV that "ccsim run" reads back: one
// row per agent per day, the agent its weekly line, local times, breaks as
// FROM-TO;FROM-TO, a shift past midnight ending the next day; and the
// tables, the template row giving agents, bound and those with days off
// together.
func TestWriteRosterCSV(t *testing.T) {
	tp, err := scenarios.ParseTemplates("t.yaml", []byte(`templates:
  - name: night
    starts: {from: "22:00"}
    length: 8h
    days: [sun]
    breaks:
      - {length: 30m, from: 3h, to: 3h30m}
      - {length: 15m, from: 6h, to: 6h15m}
`))
	if err != nil {
		t.Fatal(err)
	}
	req := roster.Requirement{Start: time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), Interval: model.Hour, Agents: make([]float64, 168)}
	req.Agents[167] = 1 // Sunday 23:00
	r, err := roster.Solve(req, tp)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := reports.WriteRosterCSV(&b, r, "agent"); err != nil {
		t.Fatal(err)
	}
	want := "group,agent,template,day,start,end,breaks\nagent,night-01,night,sun,22:00,06:00,01:00-01:30;04:00-04:15\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	res := &roster.CheckResult{Roster: r, Evaluations: 1}
	var tb bytes.Buffer
	if err := reports.RosterTables(&tb, reports.FormatTable, res, reports.RosterMeta{Scenario: "s", Group: "agent", Target: 0.8,
		ServiceLevel: 20 * model.Second, Reps: 10, Requirement: "r.csv", ErlangHours: 8}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"| night    |      1 |      1 |           1 |            1 |         5 |", "| Sun 23:00 |        1 |    1.00 |"} {
		if !strings.Contains(tb.String(), w) {
			t.Errorf("tables lack %q:\n%s", w, tb.String())
		}
	}
}
