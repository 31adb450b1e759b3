package analysis_test

import (
	"context"
	"math"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/scenarios"
)

// plannedAgents is the planning week's staffing plan: agents per half
// hour of the week.
func plannedAgents(t *testing.T) []int {
	t.Helper()
	s, err := scenarios.Load("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, r := range s.Agents[0].StaffingPlan.Rows {
		out = append(out, int(r.Agents))
	}
	return out
}

// TestSummarize_closedIntervals: the planning week's agents finish the
// last calls of the day after 21:00 (logged in, on a contact, never idle:
// an occupancy of 100 %), but nobody is scheduled and no call comes in.
// Those intervals are closed; the open ones are exactly the staffed half
// hours, and no open interval has an occupancy above 100 %.
func TestSummarize_closedIntervals(t *testing.T) {
	p := planOf(t, "planning-week")
	res, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: 2})
	if err != nil {
		t.Fatal(err)
	}
	sum := analysis.Summarize(res)
	plan := plannedAgents(t)
	if len(plan) != len(sum.Intervals) {
		t.Fatalf("%d plan rows for %d intervals", len(plan), len(sum.Intervals))
	}
	open, planned := 0, 0
	afterClose := 0
	for i, iv := range sum.Intervals {
		if got, want := iv.Open, plan[i] > 0; got != want {
			t.Errorf("interval %d (%d agents planned): open %v, want %v", i, plan[i], got, want)
		}
		for q := range sum.Queues {
			if got := sum.Queues[q].Intervals[i].Open; got != iv.Open {
				t.Errorf("queue %s interval %d: open %v, all queues %v", sum.Queues[q].Name, i, got, iv.Open)
			}
		}
		occ, _ := analysis.Find(iv.Metrics, "occupancy")
		if iv.Open {
			open++
			planned += plan[i]
			if occ.Mean > 100 || occ.Mean >= 99.95 {
				t.Errorf("open interval %d: occupancy %.2f %%", i, occ.Mean)
			}
		} else if !math.IsNaN(occ.Mean) {
			afterClose++ // agents finishing calls: what closed intervals hide
		}
	}
	if open != 160 {
		t.Errorf("%d open intervals, want 160 (07:00-21:00 on weekdays, 08:00-18:00 on Saturday)", open)
	}
	if afterClose == 0 {
		t.Errorf("no closed interval has agent time: the test no longer covers agents finishing after closing")
	}
	if got, want := sum.OpenTime, 80*3600*1000; int64(got) != int64(want) {
		t.Errorf("OpenTime %v, want 80h", got)
	}
	// Agents logged in, averaged over the 80 open hours, not the 168 of
	// the week: the plan's mean over its staffed half hours, plus agents
	// finishing a call when the plan drops one (a little).
	want := float64(planned) / float64(open)
	for _, ms := range [][]analysis.Metric{sum.Overall, sum.Agents[0].Metrics} {
		got, _ := analysis.Find(ms, "agents_logged_in")
		if got.Mean < want || got.Mean > want*1.03 {
			t.Errorf("agents logged in, average = %.3f, want the plan's %.3f over the open hours (up to 3 %% more)", got.Mean, want)
		}
	}
}
