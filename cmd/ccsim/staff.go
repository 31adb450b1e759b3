package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// staffOptions are the flags of "ccsim staff".
type staffOptions struct {
	IO         *iostreams
	Ctx        context.Context
	Scenario   string
	Target     string
	MaxAbandon string
	Group      string
	Sets       []string
	Reps       int
	Workers    int
	MaxAgents  int
	Out        string
	Format     string
	Quiet      bool
	// Budget bounds the estimated cost of each evaluation.
	Budget budgetFlags
}

func newCmdStaff(io *iostreams, runF func(*staffOptions) error) *cobra.Command {
	opts := &staffOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "staff SCENARIO --target SL/TIME",
		Short: "Find the fewest agents per interval that meet a service-level target, by simulation",
		Long: strings.Trim(`
Find, for each interval of the scenario's forecast, the fewest agents of one
group that meet a service-level target, judged on the lower end of its 95 %
confidence interval rather than the mean alone, and optionally an
abandonment cap. The search starts from the Erlang A answer (Erlang C when
callers never hang up) and adjusts it by simulation, because callbacks,
redials, abandonment, non-exponential handle times and queues carried from
one interval to the next move the answer away from the formulas.

The result is shown per interval beside Erlang C and Erlang A, with the total
agent-hours of each, and --out writes it as a staffing-plan CSV that
"ccsim run --staffing GROUP=FILE" (or a scenario's agents: staffing:) takes
back. The group's shifts are replaced by the plan; other groups keep theirs.

--max-agents is at most 100000. `+budgetHelp+` For the search, the cost
is that of one evaluation (--reps replications of the scenario).

Exit status: 0 success; 1 the search failed (an unreachable target writes
nothing), was interrupted (Ctrl-C, at any phase) or was refused for its
cost; 2 bad input (command line, scenario, an input file larger than 64 MiB).`, "\n"),
		Example: strings.Trim(`
  # 80 % of calls answered within 20 s, every interval of the planning week
  $ ccsim staff planning-week --target 80/20 --out plan.csv

  # ... with at most 5 % of callers hanging up, and tighter intervals
  $ ccsim staff planning-week --target 80/20 --max-abandon 5% --reps 40`, "\n"),
		Args:              usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: completeScenario,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			opts.Ctx = cmd.Context()
			if _, _, err := parseTarget(opts.Target); err != nil {
				return newUsageError(cmd, err)
			}
			if _, err := optionalFraction(opts.MaxAbandon); err != nil {
				return newUsageError(cmd, fmt.Errorf("--max-abandon: %w", err))
			}
			if opts.Reps < 2 {
				return newUsageError(cmd, errors.New("--reps must be at least 2: the search judges confidence intervals"))
			}
			if opts.MaxAgents < 1 || opts.MaxAgents > analysis.MaxSearchAgents {
				return newUsageError(cmd, fmt.Errorf("--max-agents must be between 1 and %d, got %d", analysis.MaxSearchAgents, opts.MaxAgents))
			}
			if err := opts.Budget.validate(); err != nil {
				return newUsageError(cmd, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return staffRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target, "target", "", "service-level target as SL/TIME, e.g. 80/20 (80 % within 20 s), 80%/20s or 0.8/20s")
	f.StringVar(&opts.MaxAbandon, "max-abandon", "", "highest acceptable abandonment, e.g. 5% or 0.05")
	f.StringVar(&opts.Group, "group", "", "agent group to staff (default: the only one, or the first)")
	f.IntVar(&opts.Reps, "reps", 20, "replications per evaluation")
	f.StringArrayVar(&opts.Sets, "set", nil, "replace a field of the scenario, PATH=VALUE (repeatable; as ccsim run --set)")
	f.IntVar(&opts.Workers, "workers", 0, "simulations run at once (default: one per CPU)")
	f.IntVar(&opts.MaxAgents, "max-agents", 5000, "most agents to try in one interval")
	f.StringVar(&opts.Out, "out", "", "write the staffing plan to `FILE` (CSV: interval_start,agents)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress notes")
	enumFlag(cmd, &opts.Format, "format", "table", []string{"table", "markdown", "json"}, "output format")
	addBudgetFlags(cmd, &opts.Budget)
	_ = cmd.MarkFlagRequired("target")
	_ = cmd.MarkFlagFilename("out", "csv")
	return cmd
}

// parseTarget reads --target as model.ParseServiceTarget does: "80/20"
// (80 % within 20 s), "80%/20s" or "0.8/20s", as erlang's --target.
func parseTarget(s string) (sl float64, within model.Duration, err error) {
	if sl, within, err = model.ParseServiceTarget(s); err != nil {
		return 0, 0, fmt.Errorf("--target %w", err)
	}
	return sl, within, nil
}

// optionalFraction is parseFraction for a flag that may be left empty (0).
func optionalFraction(s string) (float64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	return parseFraction(s)
}

func staffRun(opts *staffOptions) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	sl, within, _ := parseTarget(opts.Target)
	maxAb, _ := optionalFraction(opts.MaxAbandon)
	type loaded struct {
		s    *model.Scenario
		plan *sim.Plan
	}
	ld, err := interruptible(ctx, func() (*loaded, error) {
		sets, err := oneValueSets(opts.Sets)
		if err != nil {
			return nil, err
		}
		l, err := scenarios.ResolveWith(opts.Scenario, sets)
		if err != nil {
			return nil, err
		}
		plan, err := sim.Compile(l.Scenario)
		if err != nil {
			return nil, err
		}
		return &loaded{s: l.Scenario, plan: plan}, nil
	})
	if err != nil {
		return err
	}
	s := ld.s
	s.ServiceLevel = within
	g := 0
	if opts.Group != "" {
		if g = groupIndex(s, opts.Group); g < 0 {
			return fmt.Errorf("%w: no agent group %q in %s", model.ErrInvalid, opts.Group, s.Name)
		}
	}
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := opts.Budget.check(analysis.EstimateCost([]*sim.Plan{ld.plan}, opts.Reps, workers)); err != nil {
		return err
	}
	var progress func(int, string)
	if !opts.Quiet && opts.IO.ErrTTY {
		progress = func(round int, note string) { fmt.Fprintf(opts.IO.ErrOut, "evaluation %d: %s\n", round, note) }
	}
	res, err := analysis.SearchStaffing(ctx, s, analysis.StaffOptions{Group: g, ServiceLevel: sl, MaxAbandon: maxAb,
		Reps: opts.Reps, Workers: opts.Workers, MaxAgents: opts.MaxAgents, Progress: progress})
	if err != nil {
		return err
	}
	meta := reports.StaffMeta{Scenario: s.Name, Group: s.Agents[g].Name, Target: sl, ServiceLevel: within,
		MaxAbandon: maxAb, Reps: opts.Reps, Definition: s.ServiceLevelDefinition, ShortAbandon: s.ShortAbandon}
	if opts.Out != "" {
		if err := reports.WriteFileAtomic(opts.Out, func(w io.Writer) error { return reports.WriteStaffingPlan(w, res, meta) }); err != nil {
			return err
		}
	}
	return reports.WriteStaff(opts.IO.Out, reports.Format(opts.Format), res, meta)
}

func groupIndex(s *model.Scenario, name string) int {
	for i, g := range s.Agents {
		if g.Name == name {
			return i
		}
	}
	return -1
}
