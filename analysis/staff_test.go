package analysis_test

import (
	"context"
	"errors"
	"github.com/ccsim/ccsim/analysis"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// TestSearchStaffing_MMn: on a steady M/M/n queue (270 calls an hour,
// 300 s exponential handle time, 22.5 Erlangs; nobody abandons; no
// callbacks) the search returns Erlang C's staffing for 80/20 within one
// agent in every interval but the first. The run starts with an empty
// queue, so the first interval is better off than the steady state Erlang
// C describes and needs fewer agents; the test only requires it to need
// no more.
func TestSearchStaffing_MMn(t *testing.T) {
	skipShort(t)
	s := mmcScenario(6 * model.Hour)
	s.ContactTypes[0].PerHour = 270
	// 100 replications resolve one agent: a 30-minute interval's service
	// level then has a 95 % interval of about +/- 3 points.
	res, err := analysis.SearchStaffing(context.Background(), s, analysis.StaffOptions{ServiceLevel: 0.8, Reps: 100})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d evaluations; agent-hours: simulation %.1f, Erlang C %.1f", res.Rounds, res.Hours, res.ErlangCHours)
	for _, iv := range res.Intervals {
		t.Logf("%s: Erlang C %d, simulation %d, SL %.1f +/- %.1f", iv.Start, iv.ErlangC, iv.Agents, iv.ServiceLevel.Mean, iv.ServiceLevel.HalfWidth)
		if iv.Start == 0 {
			if iv.Agents > iv.ErlangC {
				t.Errorf("first interval: simulation %d agents, more than Erlang C's %d", iv.Agents, iv.ErlangC)
			}
			continue
		}
		if d := iv.Agents - iv.ErlangC; d < -1 || d > 1 {
			t.Errorf("interval %s: simulation %d agents, Erlang C %d", iv.Start, iv.Agents, iv.ErlangC)
		}
		if iv.ErlangC != iv.ErlangA {
			t.Errorf("interval %s: Erlang A %d differs from C %d without abandonment", iv.Start, iv.ErlangA, iv.ErlangC)
		}
	}
}

// TestSearchStaffing_Unreachable: a target that even the most agents
// searched cannot meet is an error naming the interval.
func TestSearchStaffing_Unreachable(t *testing.T) {
	s := mmcScenario(1 * model.Hour)
	_, err := analysis.SearchStaffing(context.Background(), s, analysis.StaffOptions{ServiceLevel: 0.8, Reps: 2, MaxAgents: 50})
	if !errors.Is(err, analysis.ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
}

// TestSearchStaffing_Warmup: intervals inside the warm-up count no
// contact, so the search cannot judge them; it leaves them at their
// Erlang start instead of cutting them to one agent (which flooded the
// counted intervals after them, and never settled: the built-in
// mmc-abandon, given a warm-up hour, ran out of evaluations).
func TestSearchStaffing_Warmup(t *testing.T) {
	s := mmcScenario(3 * model.Hour)
	s.Warmup = model.Hour
	res, err := analysis.SearchStaffing(context.Background(), s, analysis.StaffOptions{ServiceLevel: 0.8, Reps: 4})
	if err != nil {
		t.Fatal(err)
	}
	for _, iv := range res.Intervals {
		if iv.Start < s.Warmup && iv.Agents != iv.ErlangA {
			t.Errorf("warm-up interval %s: %d agents, want its Erlang A start %d", iv.Start, iv.Agents, iv.ErlangA)
		}
	}
}

// TestSearchStaffing_CallbackScenario documents how the planning week's
// answer departs from the formulas: callbacks bring work back later,
// handle times and patience are lognormal rather than exponential, and the
// answer must hold on the confidence interval's lower bound. Erlang A,
// which credits abandonment with shortening the queue, understates the
// agents needed: the simulation staffs at least as many agents as Erlang A
// in every interval and about 9 % more agent-hours over the week (987
// against 905.5 with seed 1 and 20 replications; Erlang C gives 992).
func TestSearchStaffing_CallbackScenario(t *testing.T) {
	skipShort(t)
	s, err := scenarios.Load("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.SearchStaffing(context.Background(), s, analysis.StaffOptions{ServiceLevel: 0.8, Reps: 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("agent-hours: simulation %.1f, Erlang A %.1f, Erlang C %.1f (%d evaluations)", res.Hours, res.ErlangAHours, res.ErlangCHours, res.Rounds)
	for _, iv := range res.Intervals {
		if iv.Agents < iv.ErlangA {
			t.Errorf("interval %s: simulation %d agents, fewer than Erlang A's %d", iv.Start, iv.Agents, iv.ErlangA)
		}
	}
	if ratio := res.Hours / res.ErlangAHours; ratio < 1.04 || ratio > 1.15 {
		t.Errorf("simulation needs %.3f x Erlang A's agent-hours, documented as about 1.09", ratio)
	}
}
