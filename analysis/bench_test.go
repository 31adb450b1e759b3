package analysis_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// BenchmarkSweep runs a 12-variant x 20-replication sweep of the planning
// week (max_retries 0-2 x retry_interval 5m-60m) on one core and on all,
// and reports both wall times and the parallel efficiency: one-core time /
// (all-core time x cores).
func BenchmarkSweep(b *testing.B) {
	var plans []*sim.Plan
	grid, err := scenarios.Grid([]string{"callback.max_retries", "callback.retry_interval"},
		[][]string{{"0", "1", "2"}, {"5m", "15m", "30m", "60m"}})
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range grid[1:] {
		l, err := scenarios.ResolveWith("planning-week", v.Sets)
		if err != nil {
			b.Fatal(err)
		}
		p, err := sim.Compile(l.Scenario)
		if err != nil {
			b.Fatal(err)
		}
		plans = append(plans, p)
	}
	items := analysis.Items(len(plans), 20, 0, 1)
	cores := runtime.GOMAXPROCS(0)
	var one, all time.Duration
	for b.Loop() {
		for _, w := range []int{1, cores} {
			t0 := time.Now()
			if _, err := analysis.RunItems(context.Background(), plans, items, w, nil); err != nil {
				b.Fatal(err)
			}
			if w == 1 {
				one += time.Since(t0)
			} else {
				all += time.Since(t0)
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(one.Seconds()/n, "s/sweep-1core")
	b.ReportMetric(all.Seconds()/n, "s/sweep-allcores")
	b.ReportMetric(one.Seconds()/(all.Seconds()*float64(cores)), "parallel-efficiency")
}

// BenchmarkSummarize summarises 20 replications of the planning week, as
// a sweep does for each variant while the other variants' simulations
// run: what it allocates is garbage the workers' collector must clear
// beside them, so the benchmark reports allocations too.
func BenchmarkSummarize(b *testing.B) {
	l, err := scenarios.Resolve("planning-week")
	if err != nil {
		b.Fatal(err)
	}
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		b.Fatal(err)
	}
	rs, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: 20, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		analysis.Summarize(rs)
	}
}
