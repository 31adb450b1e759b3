package sim_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestRecycle_sameResult: a run on recycled memory gives exactly the
// result of a run on fresh memory, whatever run (of whichever plan, of
// whatever shape) left the memory behind, and with runs recycling side by
// side; a recycled result is emptied, so a caller that keeps using one
// sees nothing rather than another run's counts.
func TestRecycle_sameResult(t *testing.T) {
	week, err := scenarios.Load("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	week.Horizon = 2 * model.Day
	small, err := scenarios.Load("mmc-abandon")
	if err != nil {
		t.Fatal(err)
	}
	var plans []*sim.Plan
	for _, s := range []*model.Scenario{week, small} {
		p, err := sim.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
	}
	ctx := context.Background()
	// Fresh results first, none recycled yet.
	want := make([][]*sim.Result, len(plans))
	for pi, p := range plans {
		for rep := range 3 {
			r, err := p.Run(ctx, sim.Options{Rep: rep})
			if err != nil {
				t.Fatal(err)
			}
			want[pi] = append(want[pi], r)
		}
	}
	// Then the same runs again, on two goroutines, each recycling every
	// result once it has compared it, so that later runs take memory
	// that held other runs' counts, of either plan.
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			for round := range 3 {
				for i := range len(plans) * 3 {
					pi, rep := (i+g+round)%len(plans), i%3
					got, err := plans[pi].Run(ctx, sim.Options{Rep: rep})
					if err != nil {
						t.Error(err)
						return
					}
					if !reflect.DeepEqual(got, want[pi][rep]) {
						t.Errorf("plan %d replication %d on recycled memory differs from the fresh run", pi, rep)
						return
					}
					sim.Recycle(got)
					if got.Queues[0].Intervals != nil || got.Queues[0].Waits.Counts != nil || got.Agents[0].Intervals != nil {
						t.Error("a recycled result still shows its buckets")
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
