package analysis

import (
	"context"
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/stat"

	"github.com/ccsim/ccsim/sim"
)

// Comparing variants on common random numbers.
//
// Every variant of a scenario runs the same replication numbers, and a
// replication's random streams depend only on the seed and its number, not
// on the variant: replication r of every variant sees the same callers
// (arrival times, talk times, patience, answers). The difference between
// two variants in replication r is then mostly the effect of the setting,
// not of chance, and the mean of the per-replication differences has a
// far narrower confidence interval than the difference of two independent
// means. Variants with identical settings differ by exactly zero.

// Item is one unit of comparison work: one replication of one variant.
// Items are numbered variant-major (item = variant x reps + rep), which is
// what shards split.
type Item struct {
	Variant int
	Rep     int
}

// Items lists the items a shard runs: those whose number is k modulo n
// (k = 0, n = 1 for all of them).
func Items(variants, reps, k, n int) []Item {
	var out []Item
	for i := 0; i < variants*reps; i++ {
		if i%n == k {
			out = append(out, Item{Variant: i / reps, Rep: i % reps})
		}
	}
	return out
}

// RunItems runs items on workers goroutines (0: one per CPU) and returns
// their results in the order of items. plans[v] is variant v's plan. Like
// [Replicate] it stops at the first error or when ctx is cancelled;
// progress, if not nil, is called after each item, never concurrently.
func RunItems(ctx context.Context, plans []*sim.Plan, items []Item, workers int, progress func(done, total int)) ([]*sim.Result, error) {
	return runPool(ctx, len(items), workers, func(ctx context.Context, i int) (*sim.Result, error) {
		return plans[items[i].Variant].Run(ctx, sim.Options{Rep: items[i].Rep})
	}, progress)
}

// Diff is the difference of one metric between a variant and the
// baseline (variant minus baseline).
type Diff struct {
	Key, Name, Unit string
	// Paired is the mean of the per-replication differences, with its
	// Student t interval at level Confidence: the comparison's answer.
	Paired Estimate
	// Confidence is the level of Paired's interval, and of
	// UnpairedHalfWidth's: [Comparison.Confidence], so that the
	// differences of a metric from the baseline, one per variant, hold
	// all together with probability 95 % (Bonferroni).
	Confidence float64
	// UnpairedHalfWidth is the half width the interval, at the same
	// level, would have if the two variants had been run on independent
	// random numbers (Welch's t on the two sets of replications), shown
	// to make the gain of pairing visible.
	UnpairedHalfWidth float64
	// Significant is true when the paired interval excludes zero.
	Significant bool
}

// VariantSummary is one variant's estimates and its differences from the
// baseline.
type VariantSummary struct {
	Name string
	// Summary holds the variant's estimates over the whole run, overall,
	// per queue and per agent group; not per interval (its Intervals, and
	// each queue's, are empty): a comparison ranks whole runs, and a
	// week of intervals was three quarters of the work of summarising a
	// variant. Run a variant on its own to see its intervals.
	Summary *Summary
	// Diffs are empty for the baseline itself.
	Diffs []Diff
	// values holds the metrics' values in each replication, over all
	// queues and per queue, for the paired differences between any two
	// variants that ranking ties need (see [Comparison.PairedDiff]).
	values repValues
}

// repValues are a variant's metrics replication by replication:
// all[metric][rep] over all queues, queues[queue][metric][rep] per queue,
// metric being the index in metricDefs (NaN where a queue lacks it).
type repValues struct {
	all    [][]float64
	queues [][][]float64
}

// Comparison is a set of variants compared with the first, the baseline.
type Comparison struct {
	Variants []VariantSummary
}

// Confidence is the level of each interval of a difference between two
// variants: [SimultaneousConfidence] of the k-1 comparisons with the
// baseline, k being the number of variants. For each metric (over all
// queues, or of one queue) the k-1 intervals of the variants' differences
// from the baseline then hold all together with probability at least
// [Confidence] (95 %), and so does the family of k-1 comparisons that
// [Rank]'s ties make; with one variant besides the baseline it is 95 %.
// At 95 % each, a sweep of 100 variants that change nothing would mark
// about five of them significant for every metric.
func (c *Comparison) Confidence() float64 {
	return SimultaneousConfidence(len(c.Variants) - 1)
}

// Compare summarises the results of each variant (results[v][rep], the
// same replication numbers for every variant) and the paired differences
// of every overall metric from variant 0.
func Compare(names []string, results [][]*sim.Result) (*Comparison, error) {
	if len(names) != len(results) || len(results) == 0 {
		return nil, fmt.Errorf("analysis: %d variant names for %d result sets", len(names), len(results))
	}
	reps := len(results[0])
	for v, rs := range results {
		if len(rs) != reps {
			return nil, fmt.Errorf("analysis: variant %q has %d replications, the baseline %d", names[v], len(rs), reps)
		}
		for i, r := range rs {
			if r == nil || r.Rep != results[0][i].Rep {
				return nil, fmt.Errorf("analysis: variant %q replication %d is missing or out of order", names[v], i)
			}
		}
	}
	// Each variant is summarised on its own, so the variants are
	// summarised in parallel (this phase ran on one core after the
	// simulations, and cost a sweep a tenth of its parallel efficiency).
	// Every summary is a pure function of its results: the comparison is
	// the same whatever the number of cores.
	sums := make([]*Summary, len(results))
	vals := make([]repValues, len(results))
	InParallel(len(results), func(v int) {
		ds := digestsOf(results[v])
		sums[v], vals[v] = summarize(results[v], ds, false), replicationValues(results[v], ds)
	})
	return assemble(names, sums, vals), nil
}

// assemble puts a comparison together from each variant's summary and
// overall values per replication: the paired differences from variant 0.
func assemble(names []string, sums []*Summary, vals []repValues) *Comparison {
	c := &Comparison{Variants: make([]VariantSummary, len(sums))}
	conf := c.Confidence()
	for v := range sums {
		vs := VariantSummary{Name: names[v], Summary: sums[v], values: vals[v]}
		if v > 0 {
			for k, d := range metricDefs {
				vs.Diffs = append(vs.Diffs, diff(d, vals[0].all[k], vals[v].all[k], conf))
			}
		}
		c.Variants[v] = vs
	}
	return c
}

// Sweep runs every replication of every variant (plans[v], replications 0
// to reps-1) and compares the variants: the result of [RunItems] over all
// items, then [Compare]. It differs in when the summaries are made: items
// run variant by variant, and each variant is summarised by the worker
// that finishes its last replication while the others still simulate, so
// on several cores summarising adds little to the sweep's time.
func Sweep(ctx context.Context, names []string, plans []*sim.Plan, reps, workers int, progress func(done, total int)) (*Comparison, error) {
	if len(names) != len(plans) || len(plans) == 0 || reps < 1 {
		return nil, fmt.Errorf("analysis: %d variant names for %d plans, %d replications", len(names), len(plans), reps)
	}
	items := Items(len(plans), reps, 0, 1)
	results := make([][]*sim.Result, len(plans))
	digests := make([][]*repDigest, len(plans))
	left := make([]int, len(plans))
	for v := range results {
		results[v], digests[v], left[v] = make([]*sim.Result, reps), make([]*repDigest, reps), reps
	}
	sums := make([]*Summary, len(plans))
	vals := make([]repValues, len(plans))
	var mu sync.Mutex
	_, err := runPool(ctx, len(items), workers, func(ctx context.Context, i int) (*sim.Result, error) {
		it := items[i]
		res, err := plans[it.Variant].Run(ctx, sim.Options{Rep: it.Rep})
		if err != nil {
			return nil, err
		}
		// A comparison reads no interval's counts but through their
		// digest, so the replication's buckets (a megabyte for a week)
		// go back to the engine at once, still warm in this core's
		// cache for its next replication, instead of waiting for the
		// variant's last: what the workers hold at a time, and the
		// memory the kernel must fault in for them, shrink twentyfold.
		d := digestOf(res)
		kept := withoutBuckets(res)
		sim.Recycle(res)
		mu.Lock()
		results[it.Variant][it.Rep], digests[it.Variant][it.Rep] = kept, d
		left[it.Variant]--
		last := left[it.Variant] == 0
		mu.Unlock()
		if last {
			// The variant's results are complete and no longer written.
			// Once summarised they are dropped (and the pool is handed
			// nil, not res), their histograms recycled.
			rs, ds := results[it.Variant], digests[it.Variant]
			sums[it.Variant], vals[it.Variant] = summarize(rs, ds, false), replicationValues(rs, ds)
			results[it.Variant], digests[it.Variant] = nil, nil
			for _, r := range rs {
				sim.Recycle(r)
			}
		}
		return nil, nil
	}, progress)
	if err != nil {
		return nil, err
	}
	return assemble(names, sums, vals), nil
}

// replicationValues returns every metric's value in each replication,
// over all queues and per queue.
func replicationValues(results []*sim.Result, digests []*repDigest) repValues {
	_, all := openSets(results[0], digests)
	hours := newOpenHours(all, coverOf(results[0]))
	out := repValues{all: valuesOf(results, func(i int, r *sim.Result, v *view) { overallView(r, digests[i], hours, v) })}
	span := int64(results[0].Horizon - results[0].Warmup)
	for qi := range results[0].Queues {
		out.queues = append(out.queues, valuesOf(results, func(i int, r *sim.Result, v *view) { queueView(r, digests[i], qi, span, v) }))
	}
	return out
}

// withoutBuckets returns a copy of r without its per-interval buckets,
// which takes r's wait histograms with it: recycling r then hands back
// the buckets alone.
func withoutBuckets(r *sim.Result) *sim.Result {
	c := *r
	c.Queues = make([]sim.QueueResult, len(r.Queues))
	for q := range r.Queues {
		c.Queues[q] = r.Queues[q]
		c.Queues[q].Intervals = nil
		rq := &r.Queues[q]
		rq.Waits, rq.CallbackScheduled, rq.CallbackInQueue = sim.WaitHistogram{}, sim.WaitHistogram{}, sim.WaitHistogram{}
	}
	c.Agents = make([]sim.AgentResult, len(r.Agents))
	for g := range r.Agents {
		c.Agents[g] = r.Agents[g]
		c.Agents[g].Intervals = nil
	}
	return &c
}

// valuesOf returns, per metric definition, its value in each replication
// through viewOf.
func valuesOf(results []*sim.Result, viewOf func(i int, r *sim.Result, v *view)) [][]float64 {
	var v view
	out := make([][]float64, len(metricDefs))
	for k := range metricDefs {
		out[k] = make([]float64, len(results))
	}
	for i, r := range results {
		viewOf(i, r, &v)
		v.fill()
		for k, d := range metricDefs {
			out[k][i] = d.f(&v, r)
		}
	}
	releaseViews([]view{v})
	return out
}

// diff is the paired difference vals minus base, its interval at
// confidence conf.
func diff(d metricDef, base, vals []float64, conf float64) Diff {
	var paired, a, b []float64
	for i := range base {
		if math.IsNaN(base[i]) || math.IsNaN(vals[i]) {
			continue
		}
		paired = append(paired, vals[i]-base[i])
		a, b = append(a, base[i]), append(b, vals[i])
	}
	out := Diff{Key: d.key, Name: d.name, Unit: d.unit, Paired: NewEstimate(paired).AtConfidence(conf), Confidence: conf, UnpairedHalfWidth: math.NaN()}
	if out.Paired.N >= 2 {
		out.Significant = out.Paired.Lo() > 0 || out.Paired.Hi() < 0
		out.UnpairedHalfWidth = welchHalfWidth(a, b, conf)
	}
	return out
}

// welchHalfWidth is the half width at confidence conf of the difference
// of the means of two independent samples, with Welch's degrees of
// freedom.
func welchHalfWidth(a, b []float64, conf float64) float64 {
	_, va := stat.MeanVariance(a, nil)
	_, vb := stat.MeanVariance(b, nil)
	na, nb := float64(len(a)), float64(len(b))
	se2 := va/na + vb/nb
	if se2 == 0 {
		return 0
	}
	df := se2 * se2 / (va*va/(na*na*(na-1)) + vb*vb/(nb*nb*(nb-1)))
	return studentsTAt(df, conf) * math.Sqrt(se2)
}

// Find returns the difference for a metric key.
func (v *VariantSummary) Find(key string) (Diff, bool) {
	for _, d := range v.Diffs {
		if d.Key == key {
			return d, true
		}
	}
	return Diff{}, false
}

// PairedDiff is the paired difference of metric key (KEY, or KEY[QUEUE]
// for one queue's) between variants a and b (a minus b), replication by
// replication, as the differences from the baseline are, its interval at
// the comparison's simultaneous level ([Comparison.Confidence]). ok is false for
// an unknown metric or queue, or a comparison built without the
// replications' values.
func (c *Comparison) PairedDiff(a, b int, key string) (d Diff, ok bool) {
	ref, err := ParseMetricRef(key)
	if err != nil {
		return Diff{}, false
	}
	k := metricIndex(ref.Key)
	va, vb := c.Variants[a].values.all, c.Variants[b].values.all
	if ref.Queue != "" {
		qa, qb := c.queueIndex(a, ref.Queue), c.queueIndex(b, ref.Queue)
		if qa < 0 || qb < 0 || qa >= len(c.Variants[a].values.queues) || qb >= len(c.Variants[b].values.queues) {
			return Diff{}, false
		}
		va, vb = c.Variants[a].values.queues[qa], c.Variants[b].values.queues[qb]
	}
	if k < 0 || k >= len(va) || k >= len(vb) {
		return Diff{}, false
	}
	return diff(metricDefs[k], vb[k], va[k], c.Confidence()), true
}

// queueIndex is the index of the queue named q in variant v's summary, or -1.
func (c *Comparison) queueIndex(v int, q string) int {
	if s := c.Variants[v].Summary; s != nil {
		for i := range s.Queues {
			if s.Queues[i].Name == q {
				return i
			}
		}
	}
	return -1
}

// metricIndex is the index of key in metricDefs, or -1.
func metricIndex(key string) int {
	for i, d := range metricDefs {
		if d.key == key {
			return i
		}
	}
	return -1
}
