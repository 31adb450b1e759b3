package analysis

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ccsim/ccsim/sim"
)

// ReplicateOptions control a set of replications.
type ReplicateOptions struct {
	// Reps is the number of replications; replication numbers run from
	// First to First+Reps-1 and select the random streams, so any split
	// of the replications gives the same numbers.
	Reps  int
	First int
	// Workers is how many replications run at once (0: one per CPU).
	Workers int
	// Records, when not nil, returns the record sink of one replication
	// (or nil for none). Sinks of different replications are called from
	// different goroutines.
	Records func(rep int) func(*sim.Record)
	// Progress, when not nil, is called after each replication finishes
	// with the number done so far. Calls never overlap.
	Progress func(done, total int)
	// Done, when not nil, is called with a replication's number right
	// after it finishes (its record sink has had its last record), from
	// the goroutine that ran it, before Progress. It is not called for a
	// replication that failed or was cancelled.
	Done func(rep int)
}

// Replicate runs independent replications of p in parallel and returns
// their results in replication order, so the output does not depend on the
// number of cores. It stops early and returns ctx's error when ctx is
// cancelled, or the first replication's error when one fails.
//
// A replication is [sim.Plan.Run]; each is independent of the others
// because its random streams depend only on the seed and its number.
func Replicate(ctx context.Context, p *sim.Plan, opt ReplicateOptions) ([]*sim.Result, error) {
	return runPool(ctx, opt.Reps, opt.Workers, func(ctx context.Context, i int) (*sim.Result, error) {
		o := sim.Options{Rep: opt.First + i}
		if opt.Records != nil {
			o.Records = opt.Records(o.Rep)
		}
		res, err := p.Run(ctx, o)
		if err == nil && opt.Done != nil {
			opt.Done(o.Rep)
		}
		return res, err
	}, opt.Progress)
}

// InParallel calls f(0) to f(n-1), as many at once as there are CPUs,
// and returns when all have returned. The calls must not depend on each
// other's order: what they compute is the same on any number of cores.
// Summaries, comparisons and the loading of a sweep's variants use it.
func InParallel(n int, f func(i int)) {
	if n == 1 || runtime.GOMAXPROCS(0) == 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(i)
		}()
	}
	wg.Wait()
}

// runPool runs n jobs on workers goroutines (0: one per CPU) and returns
// their results by job number. The first error cancels the rest; progress
// (if not nil) is called after each successful job, never concurrently.
func runPool(ctx context.Context, n, workers int, run func(ctx context.Context, i int) (*sim.Result, error), progress func(done, total int)) ([]*sim.Result, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(n, 1))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	results := make([]*sim.Result, n)
	var (
		next     atomic.Int64 // the next job to take
		mu       sync.Mutex
		firstErr error
		done     int
		wg       sync.WaitGroup
	)
	// Each worker takes the next job number itself: no feeding goroutine,
	// which on a machine with as many workers as CPUs had to be scheduled
	// between every two jobs.
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				res, err := run(ctx, i)
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
					}
					cancel()
				} else {
					results[i] = res
					done++
					if progress != nil {
						progress(done, n)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, nil
}
