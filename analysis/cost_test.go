package analysis_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

func planOf(t *testing.T, name string, sets ...scenarios.Set) *sim.Plan {
	t.Helper()
	l, err := scenarios.ResolveWith(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The default budget passes every legitimate planning run: a year of the
// planning week with 20 replications (8.8 million contacts, ~45 MB
// measured), and a 12-variant sweep of it.
func TestDefaultBudget_passesPlanningRuns(t *testing.T) {
	year := planOf(t, "planning-week", scenarios.Set{Path: "horizon", Value: "364d"})
	c := analysis.EstimateCost([]*sim.Plan{year}, 20, 8)
	if err := c.Within(analysis.DefaultBudget); err != nil {
		t.Errorf("a year of planning-week x 20: %v", err)
	}
	if c.Contacts < 8e6 || c.Contacts > 9.5e6 {
		t.Errorf("a year of planning-week x 20 offers %v contacts, want about 8.8 million", c.Contacts)
	}
	var plans []*sim.Plan
	for range 12 {
		plans = append(plans, planOf(t, "planning-week"))
	}
	if err := analysis.EstimateCost(plans, 12*20, 8).Within(analysis.DefaultBudget); err != nil {
		t.Errorf("12 variants of planning-week x 20: %v", err)
	}
}

// TestEstimateSweepCost: a sweep keeps a few kilobytes of each finished
// replication and only until its variant is summarised, so a thousand
// variants of the planning week x 20 replications fit the default budget
// in tens of megabytes (101 x 20 peak at 53 MB resident through the
// CLI), where holding every result, as a shard does, would not fit.
func TestEstimateSweepCost(t *testing.T) {
	week := planOf(t, "planning-week")
	plans := func(n int) []*sim.Plan {
		ps := make([]*sim.Plan, n)
		for i := range ps {
			ps[i] = week
		}
		return ps
	}
	held := analysis.EstimateCost(plans(1000), 1000*20, 2)
	sweep := analysis.EstimateSweepCost(plans(1000), 1000*20, 2)
	if err := held.Within(analysis.DefaultBudget); err == nil {
		t.Errorf("holding 20,000 results of a week: %s within the default budget", analysis.Bytes(held.Memory))
	}
	if err := sweep.Within(analysis.DefaultBudget); err != nil {
		t.Errorf("a sweep of 1,000 variants x 20: %v", err)
	}
	if sweep.Memory > 200<<20 || sweep.Contacts != held.Contacts || sweep.Simulations != held.Simulations {
		t.Errorf("sweep %+v against held %+v: want the same contacts and under 200 MiB", sweep, held)
	}
	// What grows with the variants is their summaries, not their
	// results: ten times the variants, well under ten times the memory.
	small := analysis.EstimateSweepCost(plans(100), 100*20, 2)
	if !(sweep.Memory < 5*small.Memory) || !(sweep.Memory > small.Memory) {
		t.Errorf("100 variants: %s, 1,000: %s", analysis.Bytes(small.Memory), analysis.Bytes(sweep.Memory))
	}
}

// A run over budget is refused with an error that says so and matches
// ErrTooCostly.
func TestCost_Within(t *testing.T) {
	p := planOf(t, "mmc") // 1080 contacts an hour for 9 h (a warm-up hour and 8), 100 agents
	c := analysis.EstimateCost([]*sim.Plan{p}, 10, 2)
	if c.Contacts < 9.6e4 || c.Contacts > 9.8e4 || c.PerSimulation < 9.6e3 || c.Agents != 100 {
		t.Errorf("cost = %+v, want 97,200 contacts, 9,720 per simulation, 100 agents", c)
	}
	err := c.Within(analysis.Budget{MaxContacts: 1000})
	var ce *analysis.CostError
	if !errors.Is(err, analysis.ErrTooCostly) || !errors.As(err, &ce) || len(ce.Over) != 1 || ce.Over[0] != "contacts" {
		t.Errorf("Within(1000 contacts) = %v", err)
	}
	if err := c.Within(analysis.Budget{}); err != nil {
		t.Errorf("no budget: %v", err)
	}
}

// Issue 15, item 4: the staffing search's formulas honour the context
// (with a billion agents they took minutes per interval), and the bound
// on the agents searched is kept.
func TestSearchStaffing_contextAndBound(t *testing.T) {
	s, err := scenarios.Load("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err = analysis.SearchStaffing(ctx, s, analysis.StaffOptions{ServiceLevel: 0.99999, MaxAgents: analysis.MaxSearchAgents})
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("cancelled search: %v after %v", err, time.Since(start))
	}
	_, err = analysis.SearchStaffing(context.Background(), s, analysis.StaffOptions{ServiceLevel: 0.8, MaxAgents: 1e9})
	if err == nil || errors.Is(err, model.ErrInvalid) {
		t.Errorf("MaxAgents 1e9: %v, want an error", err)
	}
}
