package reports_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	// The tests load zones on any machine, as the binary does.
	_ "time/tzdata"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// zoneSummary runs a small Berlin scenario from start for horizon.
func zoneSummary(t *testing.T, start, horizon string) *analysis.Summary {
	t.Helper()
	s, err := scenarios.Parse("berlin.yaml", []byte(`name: berlin
time_zone: Europe/Berlin
start: `+start+`
horizon: `+horizon+`
interval: 30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 2, profile: P}]
contact_types: [{name: c, queue: Q, per_hour: 10, talk: 1m}]
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Summarize([]*sim.Result{res})
}

// TestIntervalTables_LocalTime: a run over the night Berlin's clocks go
// back is labelled in local time, its 25-hour Sunday with two 02:00 rows
// told apart by the zone; the header gives the start in UTC and local.
func TestIntervalTables_LocalTime(t *testing.T) {
	sum := zoneSummary(t, "2024-10-26T00:00:00+02:00", "3d")
	var b bytes.Buffer
	if err := reports.SummaryHeader(&b, reports.FormatTable, sum, sum.Start); err != nil {
		t.Fatal(err)
	}
	if err := reports.IntervalTables(&b, reports.FormatTable, sum, sum.Start); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"from 2024-10-25T22:00:00Z (2024-10-26 00:00 CEST,\nEurope/Berlin)",
		"Per 30m interval (local time, Europe/Berlin): contacts",
		"| Sat 00:00      |", "| Sun 01:30      |",
		"| Sun 02:00 CEST |", "| Sun 02:30 CEST |", "| Sun 02:00 CET  |", "| Sun 02:30 CET  |",
		"| Sun 03:00      |", "| Mon 22:30      |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	// 72 hours from Saturday 00:00 end at Monday 23:00: Sunday has 25.
	if strings.Contains(out, "| Mon 23:00") {
		t.Errorf("a row for Monday 23:00, past the horizon:\n%s", out)
	}
	if n := strings.Count(out, "| Sun "); n != 2*50 {
		t.Errorf("%d Sunday rows, want 2 tables x 50 (a 25-hour day)", n)
	}

	// Two weeks from the Monday before the change: folded onto a week by
	// wall-clock place, one row per slot, no zone in the labels.
	sum = zoneSummary(t, "2024-10-21T00:00:00+02:00", "14d")
	b.Reset()
	if err := reports.IntervalTables(&b, reports.FormatTable, sum, sum.Start); err != nil {
		t.Fatal(err)
	}
	out = b.String()
	if !sum.WallSlots || strings.Count(out, "| Sun 02:00 |") != 2 || strings.Contains(out, "CET") || strings.Count(out, "| Mon 00:00 |") != 2 {
		t.Errorf("folded weeks (WallSlots %v):\n%s", sum.WallSlots, out)
	}
}

// TestSlotLabel_HalfHourZone: slot hours are local clock hours, in a zone
// half an hour off UTC too.
func TestSlotLabel_HalfHourZone(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 6, 3, 7, 30, 0, 0, kolkata)
	if got := reports.SlotLabel(analysis.SlotHour{Hour: 2}, start); got != "Mon 09:00" {
		t.Errorf("SlotLabel(hour 2 from 07:30 IST) = %q, want Mon 09:00", got)
	}
}

// TestWriteStaffingPlan_LocalTime: a staffing search in Berlin over the
// night clocks go back writes its plan in local time, the repeated hour
// with offsets, and the plan reads back row for row.
func TestWriteStaffingPlan_LocalTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 10, 27, 1, 0, 0, 0, berlin)
	r := &analysis.StaffResult{Start: start, Interval: 30 * model.Minute}
	for i := range 8 {
		r.Intervals = append(r.Intervals, analysis.StaffInterval{Start: model.Duration(i) * 30 * model.Minute, Agents: i})
	}
	var b bytes.Buffer
	if err := reports.WriteStaffingPlan(&b, r, reports.StaffMeta{Scenario: "s", Group: "g", Target: 0.8, ServiceLevel: 20 * model.Second, Reps: 2}); err != nil {
		t.Fatal(err)
	}
	want := `interval_start,agents
2024-10-27 01:00,0
2024-10-27 01:30,1
2024-10-27T02:00:00+02:00,2
2024-10-27T02:30:00+02:00,3
2024-10-27T02:00:00+01:00,4
2024-10-27T02:30:00+01:00,5
2024-10-27 03:00,6
2024-10-27 03:30,7
`
	if !strings.HasSuffix(b.String(), want) || !strings.Contains(b.String(), "# interval_start is local time, Europe/Berlin") {
		t.Errorf("plan:\n%s\nwant it to end with\n%s", b.String(), want)
	}
	p, err := scenarios.ReadStaffing("plan.csv", b.Bytes(), start, 30*model.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range p.Rows {
		if row.Agents != i {
			t.Errorf("row %d reads back %d agents", i, row.Agents)
		}
	}
}
