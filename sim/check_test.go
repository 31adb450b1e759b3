package sim_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestResult_Check: every built-in scenario's results pass, and each kind
// of damage a hand-edited file can do is refused with what is wrong.
func TestResult_Check(t *testing.T) {
	for _, name := range scenarios.Names() {
		s, err := scenarios.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(context.Background(), s, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Check(); err != nil {
			t.Errorf("%s: the engine's own result fails Check: %v", name, err)
		}
	}
	s, err := scenarios.Load("callback-types")
	if err != nil {
		t.Fatal(err)
	}
	fresh := func() *sim.Result {
		res, err := sim.Run(context.Background(), s, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for _, tc := range []struct {
		name   string
		damage func(r *sim.Result)
		want   string
	}{
		{"empty", func(r *sim.Result) { *r = sim.Result{} }, "not a reporting cycle"},
		{"no queues", func(r *sim.Result) { r.Queues = nil }, "no queues"},
		{"interval missing", func(r *sim.Result) { r.Queues[0].Intervals = r.Queues[0].Intervals[1:] }, "intervals, want"},
		{"other interval length", func(r *sim.Result) { r.Interval *= 2 }, "intervals, want"},
		{"negative count", func(r *sim.Result) { r.Queues[1].Intervals[20].Inbound.Abandoned = -5 }, "result.Queues[1].Intervals[20].Inbound.Abandoned is negative"},
		{"edited total", func(r *sim.Result) { r.Queues[0].Inbound.Handled++; r.Queues[0].Inbound.Arrived++ }, "not the sum of its intervals"},
		{"edited interval", func(r *sim.Result) { r.Queues[0].Intervals[20].Inbound.Handled++ }, "does not account for every contact"},
		{"agent time", func(r *sim.Result) { r.Agents[0].Intervals[3].Talk += 1000 }, "not the sum of its intervals"},
		{"agent intervals", func(r *sim.Result) { r.Agents[0].Intervals = nil }, "agent group"},
		{"histogram", func(r *sim.Result) { r.Queues[0].Waits.Counts = r.Queues[0].Waits.Counts[:3] }, "wait histogram"},
		{"warm-up", func(r *sim.Result) { r.Warmup = r.Horizon }, "warm-up"},
		{"horizon", func(r *sim.Result) { r.Horizon = 0 }, "horizon"},
	} {
		r := fresh()
		tc.damage(r)
		err := r.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Check() = %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}
