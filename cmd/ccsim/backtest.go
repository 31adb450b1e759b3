package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// backtestOptions are the flags of "ccsim backtest".
type backtestOptions struct {
	IO       *iostreams
	Ctx      context.Context
	Scenario string
	History  []string
	Reps     int
	Seed     uint64
	SeedSet  bool
	Level    float64
	SkipBad  bool
	CSV      string
	HTML     string
	Format   string
	Flagged  int
	Workers  int
}

func newCmdBacktest(io *iostreams, runF func(*backtestOptions) error) *cobra.Command {
	opts := &backtestOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "backtest SCENARIO --history RECORDS...",
		Short: "Simulate a history's period and set it beside what happened, interval by interval",
		Long: strings.Trim(`
Simulate the scenario over the period of a history of contact records (as
ccsim fit reads them) and compare, per queue and interval, what happened with
what the replications give: offered, handled, abandoned, callbacks taken,
service level (Amazon Connect's: contacts that left the queue within the
scenario's threshold) and ASA, measured the same way on the history's
records and on the simulated ones.

An interval is flagged when the actual value falls outside the simulation's
prediction interval: the spread of the replications' values (--level 0.9:
from their 5 % to their 95 % quantile), where one more run of the same
period would fall, not the confidence interval of their mean. About one
interval in ten is flagged at that level by chance alone; more than that,
or flags all on one side, say the scenario is off.

The scenario must start at or before the history's first interval (a fitted
scenario starts on the Monday before it); it is run until the history's
end, its weekly forecast and staffing plan repeating.

Exit status: 0 success (flagged intervals are not a failure); 1 interrupted
or a failed run; 2 bad input (scenario, records as for ccsim fit, a history
shorter than one interval, a scenario starting after the history).`, "\n"),
		Example: strings.Trim(`
  $ ccsim fit history/*.json.gz --out fitted
  $ ccsim backtest fitted/scenario.yaml --history history/*.json.gz --html backtest.html --csv backtest.csv`, "\n"),
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			opts.Ctx = cmd.Context()
			opts.SeedSet = cmd.Flags().Changed("seed")
			if len(opts.History) == 0 {
				return newUsageError(cmd, errors.New("--history RECORDS is required"))
			}
			if opts.Reps < 5 || opts.Reps > 10000 {
				return newUsageError(cmd, fmt.Errorf("--reps must be from 5 to 10000 (a prediction interval needs a spread), got %d", opts.Reps))
			}
			if opts.Workers < 1 {
				return newUsageError(cmd, fmt.Errorf("--workers must be at least 1, got %d", opts.Workers))
			}
			if runF != nil {
				return runF(opts)
			}
			return backtestRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.History, "history", nil, "contact record files of the period to backtest (repeatable; JSON lines or concatenated objects, .gz too)")
	f.IntVar(&opts.Reps, "reps", 20, "replications of the period")
	f.Uint64Var(&opts.Seed, "seed", 0, "random seed (default: the scenario's seed)")
	opts.Level = 0.9
	f.Var(fractionFlag{&opts.Level}, "level", "coverage of the prediction interval, 0.9 or 90%")
	f.BoolVar(&opts.SkipBad, "skip-bad", false, "count and skip malformed records instead of stopping")
	f.StringVar(&opts.CSV, "csv", "", "write every queue, interval and metric to `FILE` (CSV)")
	f.StringVar(&opts.HTML, "html", "", "write a chart of actual values against the simulated bands to `FILE`")
	f.IntVar(&opts.Flagged, "flagged", 20, "most flagged intervals listed in the table")
	f.IntVar(&opts.Workers, "workers", runtime.GOMAXPROCS(0), "replications run at once")
	enumFlag(cmd, &opts.Format, "format", "table", []string{"table", "markdown"}, "output format")
	_ = cmd.MarkFlagRequired("history")
	return cmd
}

func backtestRun(opts *backtestOptions) error {
	l, err := scenarios.Resolve(opts.Scenario)
	if err != nil {
		return err
	}
	s := l.Scenario
	if opts.SeedSet {
		s.Seed = opts.Seed
	}
	iv := time.Duration(s.Interval) * time.Millisecond
	rd := fit.NewReader(fit.ReadOptions{SkipBad: opts.SkipBad})
	hist := fit.NewHistory(rd, iv, time.Duration(s.ServiceLevel)*time.Millisecond)
	n := 0
	add := func(r *fit.Record) error {
		n++
		if n&0xffff == 0 && opts.Ctx != nil && opts.Ctx.Err() != nil {
			return opts.Ctx.Err()
		}
		return hist.Add(r)
	}
	for _, file := range opts.History {
		if err := rd.ReadFile(file, add); err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			return badInput(err)
		}
	}
	if rd.Replications() > 1 {
		return badInput(errors.New("--history: the records come from several ccsim replications (attribute ccsim_replication), each the same period simulated again: write the history with ccsim run --reps 1"))
	}
	from, to, ok := hist.Period()
	if !ok {
		return badInput(errors.New("--history: no inbound contact records"))
	}
	if to.Sub(from) < 2*iv {
		return badInput(fmt.Errorf("--history: the history (%s to %s) is shorter than one %s interval", from.Format(time.RFC3339), to.Format(time.RFC3339), model.Duration(s.Interval)))
	}
	if s.Start.After(from) {
		return badInput(fmt.Errorf("%s starts at %s, after the history's first interval %s: a backtest simulates from the scenario's start through the history", l.File, s.Start.Format(time.RFC3339), from.Format(time.RFC3339)))
	}
	var queues, skipped []string
	for _, q := range hist.Queues() {
		if slices.ContainsFunc(s.ContactTypes, func(ct model.ContactType) bool { return ct.Queue == q }) {
			queues = append(queues, q)
		} else {
			skipped = append(skipped, q)
		}
	}
	if len(queues) == 0 {
		return badInput(fmt.Errorf("no queue of the history (%s) is a contact type's queue in %s", strings.Join(skipped, ", "), l.File))
	}
	// The scenario was checked as loaded; a longer horizon is all that
	// changes, and Compile checks a horizon against nothing else.
	s.Horizon = model.Duration(to.Sub(s.Start).Milliseconds())
	plan, err := sim.Compile(s)
	if err != nil {
		return err
	}
	actual := hist.Tallies(queues, from, to)
	// Replications run side by side (analysis.Replicate, the same result
	// whatever the workers), each counting its own records.
	reps := make([]*fit.Tallies, opts.Reps)
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if _, err := analysis.Replicate(ctx, plan, analysis.ReplicateOptions{Reps: opts.Reps, Workers: opts.Workers,
		Records: func(r int) func(*sim.Record) {
			reps[r] = fit.NewTallies(queues, from, to, iv, time.Duration(s.ServiceLevel)*time.Millisecond)
			return reps[r].AddSim
		}}); err != nil {
		return err
	}
	// Records are UTC, as Connect's are; the report reads in the
	// scenario's zone, as every other ccsim table does.
	loc := s.Start.Location()
	rows := fit.Backtest(actual, reps, opts.Level)
	for i := range rows {
		rows[i].Start = rows[i].Start.In(loc)
	}
	out := &reports.BacktestOutput{Scenario: l.File, From: from.In(loc), To: to.In(loc), Interval: iv, Reps: opts.Reps, Level: opts.Level, Seed: s.Seed,
		Rows: rows, Stats: rd.Stats, Skipped: skipped}
	var fs reports.FileSet
	defer fs.Abort()
	if opts.CSV != "" {
		if err := fs.Write(opts.CSV, func(w io.Writer) error { return reports.WriteBacktestCSV(w, out) }); err != nil {
			return err
		}
	}
	if opts.HTML != "" {
		if err := fs.Write(opts.HTML, func(w io.Writer) error { return reports.WriteBacktestHTML(w, out) }); err != nil {
			return err
		}
	}
	if err := fs.Commit(); err != nil {
		return err
	}
	return reports.WriteBacktest(opts.IO.Out, reports.Format(opts.Format), out, opts.Flagged)
}
