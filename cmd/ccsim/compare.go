package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// compareOptions are the flags of "ccsim compare".
type compareOptions struct {
	IO       *iostreams
	Ctx      context.Context
	Env      func(string) string
	Scenario string
	Sets     []string
	// BaseSets replace fields of every variant, the baseline included.
	BaseSets    []string
	Variants    string
	Reps        int
	Workers     int
	Objective   string
	Minimize    bool
	Constraints []string
	Shard       string
	Partial     string
	Format      string
	Quiet       bool
	// HTML is the file to write the comparison page to ("" for none).
	HTML string
	// Budget bounds the run's estimated cost.
	Budget budgetFlags
}

func newCmdCompare(io *iostreams, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{IO: io, Env: os.Getenv}
	cmd := &cobra.Command{
		Use:   "compare SCENARIO {--set PATH=V1,V2,... | --variants FILE}",
		Short: "Compare settings side by side on the same callers, with paired confidence intervals",
		Long: strings.Trim(`
Run variants of a scenario on common random numbers and say which is better,
and by how much. Every variant runs the same replications, and replication r
of every variant sees the same callers: the same arrival times, handle
times, patience and answers. The difference between two variants in one
replication is then the effect of the setting, not of chance, and its
interval is far narrower than comparing two independent runs would give.

Variants come from --set flags, every combination of their values after an
unchanged baseline (--set callback.max_retries=0,1,2 --set
callback.retry_interval=5m,30m gives 1 + 6 variants), or from a --variants
file listing named variants with the fields each sets. A path is a field's
path as errors spell it (contact_types[0].callback.max_retries); a list
element can be picked by name (contact_types[sales]) or all at once ([*]);
callback.X is short for the callback of every contact type.

The report gives each variant's estimates, each variant's paired difference
from the baseline (marked * where its interval excludes zero; with k
variants the k-1 intervals of a metric are simultaneous, each at
1 - 5%/(k-1) by Bonferroni, so that all hold together at 95 %), how much
narrower the paired intervals are than unpaired ones, and a ranking by
--objective among the variants that meet every --constraint (judged on the
whole interval, not the mean; with k variants each at 1 - 5%/k, so that the
k decisions of a constraint are right together at 95 %). A constraint's value is in the unit its
metric is shown in: a percentage is written 5% or 0.05 (abandon_rate<=5%
and abandon_rate<=0.05 are the same; a bare 5 is refused), seconds and
counts as plain numbers (asa<=20, cb_attempts_per_handled<=1.5). Variants
whose objectives differ by less than chance share a rank, marked "=" (1=,
1=, 3): the paired difference between them has an interval, at the same
level, that includes zero.

The objective and a constraint may name the metric of one queue,
METRIC[QUEUE] (service_level[Support], cb_request_to_connect[Callbacks]):
that queue's estimate alone, shown per variant in a table of its own;
every metric but the agents' (occupancy, agents logged in, contacts
handled) is kept per queue. A queue the scenario does not have is bad
input; ties on a queue's objective are judged on that queue's paired
differences.

--html FILE also writes the report as one self-contained HTML page with
charts: each metric by variant with its confidence interval, and the paired
differences from the baseline beside the unpaired intervals. From 12
variants the tables have a row per variant and a column per metric, and
the page adds a heatmap of metric by setting for a --set grid.

A sweep too big for one machine runs as shards: --shard K/N runs every Nth
(variant, replication) pair from the Kth and writes --partial FILE; "ccsim
merge" joins the parts into the same report a single run gives. Without
--shard, a run with --partial takes its shard from a Kubernetes Indexed Job
(JOB_COMPLETION_INDEX, with JOB_COMPLETIONS) or a Slurm job array
(SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT). Any split gives identical
numbers.

At most 10000 variants are compared at once. `+budgetHelp+` A shard is
estimated on its own simulations.

Exit status: 0 success; 1 the run failed, was interrupted (Ctrl-C, at any
phase) or was refused for its cost; 2 bad input (command line, scenario,
variants, an input file larger than 64 MiB).`, "\n"),
		Example: strings.Trim(`
  # Retry settings on the planning week, 20 replications each
  $ ccsim compare planning-week --set callback.max_retries=0,1,2,3 --set callback.retry_interval=5m,10m,30m --reps 20

  # Rank by service level, among settings costing at most 1.5 dials per handled callback
  # and losing at most 5 % of callers
  $ ccsim compare planning-week --set callback.max_retries=0,1,2,3 --objective service_level \
      --constraint cb_attempts_per_handled<=1.5 --constraint abandon_rate<=5%

  # Rank by the support line's service level, among settings keeping ASA over all queues at most 30 s
  $ ccsim compare centre.yaml --variants routing.yaml --objective 'service_level[Support]' --constraint 'asa<=30'

  # The same report as an HTML page with charts, to share
  $ ccsim compare planning-week --set callback.max_retries=0,1,2,3 --html retries.html

  # One shard of seven, for a cluster; then merge the parts
  $ ccsim compare planning-week --set callback.max_retries=0,1,2 --shard 3/7 --partial part-3.json
  $ ccsim merge part-*.json`, "\n"),
		Args:              usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: completeScenario,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			opts.Ctx = cmd.Context()
			if len(opts.Sets) == 0 && opts.Variants == "" {
				return newUsageError(cmd, errors.New("give the variants: --set PATH=V1,V2,... or --variants FILE"))
			}
			if len(opts.Sets) > 0 && opts.Variants != "" {
				return newUsageError(cmd, errors.New("give --set or --variants, not both"))
			}
			if cmd.Flags().Changed("html") && opts.HTML == "" {
				return newUsageError(cmd, errors.New("--html needs a file name"))
			}
			if opts.HTML != "" && opts.Partial != "" {
				return newUsageError(cmd, errors.New("--html with --partial: a shard writes no report; give --html to ccsim merge"))
			}
			if opts.Shard != "" && opts.Partial == "" {
				return newUsageError(cmd, errors.New("--shard needs --partial FILE: a shard's results are only a part of the report (merge the parts with ccsim merge)"))
			}
			if cmd.Flags().Changed("reps") && opts.Reps < 2 {
				return newUsageError(cmd, errors.New("--reps must be at least 2: a comparison needs confidence intervals"))
			}
			if _, err := objectiveOf(opts.Objective, opts.Minimize, opts.Constraints); err != nil {
				return newUsageError(cmd, err)
			}
			if err := opts.Budget.validate(); err != nil {
				return newUsageError(cmd, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Sets, "set", nil, "a field and the values to compare, PATH=V1,V2,... (repeat for a grid)")
	f.StringArrayVar(&opts.BaseSets, "base-set", nil, "a field set in every variant, the baseline included, PATH=VALUE (repeatable)")
	f.StringVar(&opts.Variants, "variants", "", "a YAML file of named variants (instead of --set)")
	f.IntVar(&opts.Reps, "reps", 0, "replications per variant (default: the scenario's, at least 10)")
	f.IntVar(&opts.Workers, "workers", 0, "simulations run at once (default: one per CPU)")
	f.StringVar(&opts.Objective, "objective", "service_level", "metric to rank the variants by: METRIC, or METRIC[QUEUE] for one queue's")
	f.BoolVar(&opts.Minimize, "minimize", false, "rank the lowest objective first (default: highest first, or lowest for waits, abandonment and costs)")
	f.StringArrayVar(&opts.Constraints, "constraint", nil, "METRIC<=VALUE or METRIC>=VALUE every ranked variant must meet, a percentage as 5% or 0.05; METRIC[QUEUE] for one queue's (repeatable)")
	f.StringVar(&opts.Shard, "shard", "", "run only shard K of N, as K/N (needs --partial)")
	f.StringVar(&opts.Partial, "partial", "", "write this shard's results to `FILE` for ccsim merge, instead of a report")
	f.StringVar(&opts.HTML, "html", "", "also write the comparison as a self-contained HTML page with charts to `FILE`")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress bar or notes on stderr")
	enumFlag(cmd, &opts.Format, "format", "table", []string{"table", "markdown", "json"}, "output format")
	addBudgetFlags(cmd, &opts.Budget)
	_ = cmd.MarkFlagFilename("variants", "yaml", "yml")
	_ = cmd.MarkFlagFilename("html", "html", "htm")
	return cmd
}

// lowerIsBetter lists objectives ranked lowest first unless told.
var lowerIsBetter = map[string]bool{
	"asa": true, "abandon_rate": true, "abandoned": true, "blocked": true, "wait_p50": true, "wait_p90": true,
	"wait_p95": true, "p_wait": true, "in_queue": true, "cb_failed_attempts": true, "cb_attempts_per_handled": true,
	"cb_agent_time_lost": true, "cb_request_to_connect": true, "cb_request_to_reach": true,
	"cb_abandoned_after_connect": true, "cb_expired": true, "cb_unreached": true, "scheduled": true,
}

// objectiveOf reads the ranking flags. A metric of one queue
// (service_level[Support]) ranks the same way as the metric over all
// queues; whether the queue exists is checked once the scenario is loaded
// (checkQueues).
func objectiveOf(key string, minimize bool, constraints []string) (analysis.Objective, error) {
	ref, err := analysis.ParseMetricRef(key)
	if err != nil {
		return analysis.Objective{}, fmt.Errorf("--objective: %w", err)
	}
	o := analysis.Objective{Key: ref.String(), Maximize: !minimize && !lowerIsBetter[ref.Key]}
	for _, c := range constraints {
		k, err := analysis.ParseConstraint(c)
		if err != nil {
			return o, err
		}
		// The name as the reports write it: "asa [ Sales ]" is asa[Sales].
		r, err := analysis.ParseMetricRef(k.Key)
		if err != nil {
			return o, fmt.Errorf("--constraint %q: %w", c, err)
		}
		k.Key = r.String()
		o.Constraints = append(o.Constraints, k)
	}
	return o, analysis.CheckObjective(o)
}

// checkQueues refuses, as bad input, an objective or constraint naming a
// queue the scenario lacks, listing those it has.
func checkQueues(o analysis.Objective, queues []string) error {
	if err := analysis.CheckQueues(o, queues); err != nil {
		return badInput(fmt.Errorf("--objective/--constraint %w", err))
	}
	return nil
}

// shardOf returns the shard (k of n) to run: --shard, else a Kubernetes
// Indexed Job's or a Slurm array task's, else the whole sweep.
func shardOf(flag string, env func(string) string) (k, n int, err error) {
	if flag != "" {
		ks, ns, ok := strings.Cut(flag, "/")
		k, err1 := strconv.Atoi(ks)
		n, err2 := strconv.Atoi(ns)
		if !ok || err1 != nil || err2 != nil || n < 1 || k < 0 || k >= n {
			return 0, 0, fmt.Errorf("--shard %q: want K/N with 0 <= K < N, e.g. 3/7", flag)
		}
		return k, n, nil
	}
	// A variable that is set must be a whole number: a typo must not
	// quietly run the whole sweep in every task of an array.
	var bad error
	atoi := func(name string) (int, bool) {
		s := strings.TrimSpace(env(name))
		if s == "" {
			return 0, false
		}
		v, err := strconv.Atoi(s)
		if err != nil && bad == nil {
			bad = fmt.Errorf("%s=%q is not a whole number", name, env(name))
		}
		return v, err == nil
	}
	if idx, ok := atoi("JOB_COMPLETION_INDEX"); ok || bad != nil {
		count, ok := atoi("JOB_COMPLETIONS")
		name := "JOB_COMPLETIONS"
		if !ok && bad == nil {
			count, ok = atoi("CCSIM_SHARDS")
			name = "CCSIM_SHARDS"
		}
		switch {
		case bad != nil:
			return 0, 0, bad
		case !ok:
			return 0, 0, fmt.Errorf("JOB_COMPLETION_INDEX=%d, but the number of shards is not known: set JOB_COMPLETIONS to the Job's completions", idx)
		case count < 1 || idx < 0 || idx >= count:
			return 0, 0, fmt.Errorf("JOB_COMPLETION_INDEX=%d is outside 0 to %d (%s=%d): the index must be below the number of shards", idx, count-1, name, count)
		}
		return idx, count, nil
	}
	if id, ok := atoi("SLURM_ARRAY_TASK_ID"); ok || bad != nil {
		count, ok := atoi("SLURM_ARRAY_TASK_COUNT")
		if lo, has := atoi("SLURM_ARRAY_TASK_MIN"); has {
			id -= lo
		}
		if bad != nil {
			return 0, 0, bad
		}
		if !ok || id < 0 || id >= count {
			return 0, 0, fmt.Errorf("SLURM_ARRAY_TASK_ID=%s with SLURM_ARRAY_TASK_COUNT=%q: use a contiguous array from 0 (--array=0-N)", env("SLURM_ARRAY_TASK_ID"), env("SLURM_ARRAY_TASK_COUNT"))
		}
		return id, count, nil
	}
	return 0, 1, nil
}

// sweep is a loaded comparison: its variants' plans and what identifies
// it.
type sweep struct {
	names       []string
	plans       []*sim.Plan
	scenario    *model.Scenario
	fingerprint string
	reps        int
	warnings    []string
}

// loadSweep reads the scenario once, makes its variants, and parses,
// checks and compiles each. It stops at ctx's end between variants; the
// warnings are returned, not printed, so that an interrupted load prints
// nothing.
func loadSweep(ctx context.Context, opts *compareOptions) (*sweep, error) {
	defer loosenGC()()
	var variants []scenarios.Variant
	if opts.Variants != "" {
		data, err := scenarios.ReadFile(opts.Variants)
		if err != nil {
			return nil, fmt.Errorf("read variants file: %w", err)
		}
		if variants, err = scenarios.ParseVariants(opts.Variants, data); err != nil {
			return nil, err
		}
	} else {
		var paths []string
		var values [][]string
		for _, s := range opts.Sets {
			p, v, err := scenarios.ParseSets(s)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", model.ErrInvalid, err)
			}
			paths, values = append(paths, p), append(values, v)
		}
		var err error
		if variants, err = scenarios.Grid(paths, values); err != nil {
			return nil, badInput(err)
		}
	}
	base, err := oneValueSets(opts.BaseSets)
	if err != nil {
		return nil, err
	}
	if len(base) > 0 {
		for i := range variants {
			variants[i].Sets = append(append([]scenarios.Set(nil), base...), variants[i].Sets...)
		}
	}
	sw := &sweep{}
	h := sha256.New()
	src, err := scenarioSource(opts.Scenario)
	if err != nil {
		return nil, err
	}
	h.Write(src)
	builtin := scenarios.IsBuiltin(opts.Scenario)
	// Each variant is parsed, checked and compiled on its own, so they are
	// loaded side by side (a serial stretch before the sweep otherwise);
	// they are put together in order below, so the first failing variant
	// is the one reported, whatever the number of cores.
	type loaded struct {
		l   *scenarios.Loaded
		p   *sim.Plan
		err error
	}
	out := make([]loaded, len(variants))
	analysis.InParallel(len(variants), func(i int) {
		o := &out[i]
		if o.err = ctx.Err(); o.err != nil {
			return
		}
		// A file is read once (it may be a pipe), then parsed with
		// each variant's settings.
		if builtin {
			o.l, o.err = scenarios.ResolveWith(opts.Scenario, variants[i].Sets)
		} else {
			o.l, o.err = scenarios.ParseWith(opts.Scenario, src, variants[i].Sets)
		}
		if o.err == nil {
			o.p, o.err = sim.Compile(o.l.Scenario)
		}
	})
	for i, v := range variants {
		o := out[i]
		if errors.Is(o.err, context.Canceled) || errors.Is(o.err, context.DeadlineExceeded) {
			return nil, o.err
		}
		if o.err != nil {
			return nil, fmt.Errorf("variant %q: %w", v.Name, o.err)
		}
		for _, w := range o.l.Warnings {
			sw.warnings = append(sw.warnings, fmt.Sprintf("variant %q: %s", v.Name, w))
		}
		if sw.scenario == nil {
			sw.scenario = o.l.Scenario
		}
		sw.names = append(sw.names, v.Name)
		sw.plans = append(sw.plans, o.p)
		fmt.Fprintf(h, "\x00%s", v.Name)
		for _, s := range v.Sets {
			fmt.Fprintf(h, "\x00%s", s)
		}
	}
	sw.reps = opts.Reps
	if sw.reps == 0 {
		sw.reps = max(sw.scenario.Replications, 10)
	}
	fmt.Fprintf(h, "\x00reps=%d", sw.reps)
	sw.fingerprint = hex.EncodeToString(h.Sum(nil))[:16]
	return sw, nil
}

// scenarioSource returns the bytes a scenario argument names, for the
// fingerprint that keeps parts of different sweeps apart.
func scenarioSource(arg string) ([]byte, error) {
	if scenarios.IsBuiltin(arg) {
		return scenarios.Source(arg)
	}
	data, err := scenarios.ReadFile(arg)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %q is neither a built-in scenario (%s) nor a file", scenarios.ErrNotFound, arg, strings.Join(scenarios.Names(), ", "))
		}
		return nil, fmt.Errorf("read scenario file: %w", err)
	}
	return data, nil
}

func compareRun(opts *compareOptions) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	obj, _ := objectiveOf(opts.Objective, opts.Minimize, opts.Constraints)
	k, n := 0, 1
	if opts.Partial != "" {
		var err error
		if k, n, err = shardOf(opts.Shard, opts.Env); err != nil {
			return badInput(err)
		}
	}
	sw, err := interruptible(ctx, func() (*sweep, error) { return loadSweep(ctx, opts) })
	if err != nil {
		return err
	}
	var queues []string
	for _, q := range sw.scenario.Queues {
		queues = append(queues, q.Name)
	}
	if err := checkQueues(obj, queues); err != nil {
		return err
	}
	for _, w := range sw.warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	items := analysis.Items(len(sw.plans), sw.reps, k, n)
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// A whole sweep keeps little of each replication (Sweep); a shard
	// keeps every result for its partial file.
	estimate := analysis.EstimateSweepCost
	if opts.Partial != "" {
		estimate = analysis.EstimateCost
	}
	if err := opts.Budget.check(estimate(sw.plans, len(items), workers)); err != nil {
		return err
	}
	bar := newProgressBar(opts.IO, opts.Quiet, len(items))
	var progress func(done, total int)
	if set := bar.set(); set != nil {
		progress = func(done, _ int) { set(done) }
	}
	if opts.Partial == "" {
		// The whole sweep here: each variant is summarised as soon as its
		// replications are in, beside the simulations still running.
		c, err := analysis.Sweep(ctx, sw.names, sw.plans, sw.reps, opts.Workers, progress)
		bar.done()
		if err == nil {
			err = ctx.Err() // an interrupted run reports nothing
		}
		if err != nil {
			return err
		}
		meta := reports.CompareMeta{Scenario: sw.scenario.Name, Seed: sw.scenario.Seed, Reps: sw.reps, ServiceLevel: sw.scenario.ServiceLevel}
		if err := reports.WriteComparison(opts.IO.Out, reports.Format(opts.Format), opts.HTML, c, obj, meta); err != nil {
			return err
		}
		if opts.HTML != "" && !opts.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, "wrote the comparison page to %s\n", opts.HTML)
		}
		return nil
	}
	// One shard of a sweep: its results go to a partial file for merge.
	res, err := analysis.RunItems(ctx, sw.plans, items, opts.Workers, progress)
	bar.done()
	if err == nil {
		err = ctx.Err() // an interrupted run reports nothing
	}
	if err != nil {
		return err
	}
	part := &analysis.Partial{Format: analysis.PartialFormat, Scenario: sw.scenario.Name, Fingerprint: sw.fingerprint,
		Seed: sw.scenario.Seed, Reps: sw.reps, Variants: sw.names, Shard: k, Shards: n}
	for i, it := range items {
		part.Items = append(part.Items, analysis.PartialItem{Variant: it.Variant, Rep: it.Rep, Result: res[i]})
	}
	if err := os.MkdirAll(filepath.Dir(opts.Partial), 0o755); err != nil {
		return err
	}
	if err := reports.WriteFileAtomic(opts.Partial, part.Encode); err != nil {
		return err
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "wrote shard %d/%d (%d of %d simulations) to %s\n", k, n, len(items), len(sw.plans)*sw.reps, opts.Partial)
	}
	return nil
}

// loosenGC lets the heap grow to five times its live size, instead of
// twice, until the function it returns is called, unless GOGC asks for
// more already or for no collection at all. A process starts with a 4 MB
// heap target, and loading a sweep's variants (a few megabytes of parsed
// scenario and plans each, nearly all garbage at once) ran three
// collections that doubled the load, a serial stretch before the first
// simulation: 5.4 ms against 2.5 ms for the planning week's six variants.
// The simulations run at the usual setting.
func loosenGC() (restore func()) {
	prev := debug.SetGCPercent(400)
	if prev < 0 || prev > 400 {
		debug.SetGCPercent(prev)
		return func() {}
	}
	return func() { debug.SetGCPercent(prev) }
}
