package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// rosterOptions are the flags of "ccsim roster".
type rosterOptions struct {
	IO             *iostreams
	Ctx            context.Context
	Scenario       string
	Target         string
	Templates      string
	Requirement    string
	Group          string
	Sets           []string
	Reps           int
	Workers        int
	MaxEvaluations int
	Out            string
	HTML           string
	Format         string
	Quiet          bool
	// Budget bounds the estimated cost of each evaluation.
	Budget budgetFlags
}

func newCmdRoster(io *iostreams, runF func(*rosterOptions) error) *cobra.Command {
	opts := &rosterOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "roster SCENARIO --templates FILE --target SL/TIME",
		Short: "Build a week of shifts with breaks that covers a requirement, and check it by simulation",
		Long: strings.Trim(`
Build a week's roster for one agent group from shift templates (allowed
start times, length, breaks with placement windows, days per week, a cap on
agents, a cost per hour): the shifts that cover the agents required in every
interval at the least cost (agent-hours when no template has a cost). The
requirement is a staffing plan (--requirement, the CSV "ccsim staff --out"
writes), or else Erlang C's agents per interval for the target.

The roster is a weekly set-covering integer program: its linear relaxation
is solved with gonum's simplex, rounded down and repaired greedily to whole
shifts; breaks are placed inside their windows where the cover has most
agents to spare, so that they are staggered (docs/roster.md).

The roster is then simulated in the scenario, breaks included, and while an
interval's service level misses the target on its 95 % confidence
interval's lower bound, the cheapest shift on duty then is added and the
roster simulated again, up to --max-evaluations times.

Output: the cover per interval against the requirement with the simulated
service level, and the agent-hours beside a roster built the same way from
the Erlang C requirement. The shifts of each template are packed into
weekly lines, one per agent: at most days_per_week days, one shift a day,
min_rest (default 11h) between shifts, and once a week an unbroken
weekly_rest (default 35h, 24h plus the daily 11h; 0 turns it off); with
days_off_together (default true) each agent's days off come in a row
where that costs no agent. The table gives the lines against their lower
bound and how many have their days off together. --out writes the roster
as CSV (group,agent,template,day,start,end,breaks; one row per agent per
day, agent naming its line, e.g. full-07; local times;
"12:00-12:30;15:00-15:15"), --html a chart of the cover. Files are
written all or nothing.

Exit status: 0 the roster meets the target; 1 it still misses in some
intervals when the evaluations ran out (the intervals are named, and the
best roster is written), or the run failed or was interrupted; 2 bad input
(command line, scenario, templates that cannot cover an interval or a
target no roster within the templates' caps can meet).

`+budgetHelp+` For the roster, the cost is that of one evaluation (--reps
replications of the scenario as given).`, "\n"),
		Example: strings.Trim(`
  # A roster for the planning week, from Erlang C's requirement for 80/20
  $ ccsim roster planning-week --templates shifts.yaml --target 80/20 --out roster.csv

  # ... from the staffing search's answer, with a chart
  $ ccsim staff planning-week --target 80/20 --out plan.csv
  $ ccsim roster planning-week --templates shifts.yaml --target 80/20 \
      --requirement plan.csv --out roster.csv --html roster.html`, "\n"),
		Args:              usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: completeScenario,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			opts.Ctx = cmd.Context()
			if _, _, err := parseTarget(opts.Target); err != nil {
				return newUsageError(cmd, err)
			}
			if opts.Reps < 2 {
				return newUsageError(cmd, errors.New("--reps must be at least 2: the check judges confidence intervals"))
			}
			if opts.MaxEvaluations < 1 || opts.MaxEvaluations > 1000 {
				return newUsageError(cmd, fmt.Errorf("--max-evaluations must be 1 to 1000, got %d", opts.MaxEvaluations))
			}
			if err := opts.Budget.validate(); err != nil {
				return newUsageError(cmd, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return rosterRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target, "target", "", "service-level target as SL/TIME, e.g. 80/20 (80 % within 20 s)")
	f.StringVar(&opts.Templates, "templates", "", "shift templates `FILE` (YAML; see docs/roster.md)")
	f.StringVar(&opts.Requirement, "requirement", "", "agents required per interval, a staffing-plan CSV `FILE` (default: Erlang C for the target)")
	f.StringVar(&opts.Group, "group", "", "agent group to roster (default: the first)")
	f.StringArrayVar(&opts.Sets, "set", nil, "replace a field of the scenario, PATH=VALUE (repeatable; as ccsim run --set)")
	f.IntVar(&opts.Reps, "reps", 20, "replications per evaluation")
	f.IntVar(&opts.Workers, "workers", 0, "simulations run at once (default: one per CPU)")
	f.IntVar(&opts.MaxEvaluations, "max-evaluations", 10, "most simulations of the roster")
	f.StringVar(&opts.Out, "out", "", "write the roster to `FILE` (CSV: group,template,day,start,end,breaks)")
	f.StringVar(&opts.HTML, "html", "", "write a chart of the cover to `FILE` (self-contained HTML)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress notes")
	enumFlag(cmd, &opts.Format, "format", "table", []string{"table", "markdown"}, "output format")
	addBudgetFlags(cmd, &opts.Budget)
	_ = cmd.MarkFlagRequired("target")
	_ = cmd.MarkFlagRequired("templates")
	_ = cmd.MarkFlagFilename("templates", "yaml", "yml")
	_ = cmd.MarkFlagFilename("requirement", "csv")
	_ = cmd.MarkFlagFilename("out", "csv")
	_ = cmd.MarkFlagFilename("html", "html")
	return cmd
}

// errRosterMisses is returned when the roster still misses the target
// after its evaluations: the roster is written all the same.
var errRosterMisses = errors.New("the roster still misses the target")

func rosterRun(opts *rosterOptions) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	sl, within, _ := parseTarget(opts.Target)
	sets, err := oneValueSets(opts.Sets)
	if err != nil {
		return err
	}
	l, err := scenarios.ResolveWith(opts.Scenario, sets)
	if err != nil {
		return err
	}
	s := l.Scenario
	s.ServiceLevel = within
	g := 0
	if opts.Group != "" {
		if g = s.GroupIndex(opts.Group); g < 0 {
			return fmt.Errorf("%w: no agent group %q in %s", model.ErrInvalid, opts.Group, s.Name)
		}
	}
	data, err := scenarios.ReadFile(opts.Templates)
	if err != nil {
		return fmt.Errorf("%w: --templates: %w", model.ErrInvalid, err)
	}
	tp, err := scenarios.ParseTemplates(opts.Templates, data)
	if err != nil {
		return err
	}
	// Bad templates (an interval no shift covers, caps too tight) are bad
	// input: the message names the file and the interval.
	coverErr := func(err error) error {
		if errors.Is(err, roster.ErrCannotCover) {
			return badInput(fmt.Errorf("%s: %w", opts.Templates, err))
		}
		return err
	}
	erlReq, err := roster.ErlangRequirement(s, g, sl, 5000)
	if err != nil {
		return coverErr(err)
	}
	req := erlReq
	if opts.Requirement != "" {
		data, err := scenarios.ReadFile(opts.Requirement)
		if err != nil {
			return fmt.Errorf("%w: --requirement: %w", model.ErrInvalid, err)
		}
		plan, err := scenarios.ReadStaffing(opts.Requirement, data, s.Start, s.Interval)
		if err != nil {
			return err
		}
		if req, err = roster.PlanRequirement(s, plan); err != nil {
			return err
		}
	}
	erl, err := roster.Solve(erlReq, tp)
	if err != nil {
		return coverErr(err)
	}
	erlHours := erl.Hours()
	start := erl
	if opts.Requirement != "" {
		if start, err = roster.Solve(req, tp); err != nil {
			return coverErr(err)
		}
	}
	// The budget is checked on one evaluation of the scenario as it is:
	// the roster staffs about as many agents as the requirement.
	plan, err := sim.Compile(s)
	if err != nil {
		return err
	}
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := opts.Budget.check(analysis.EstimateCost([]*sim.Plan{plan}, opts.Reps, workers)); err != nil {
		return err
	}
	var progress func(int, string)
	if !opts.Quiet && opts.IO.ErrTTY {
		progress = func(n int, note string) { fmt.Fprintf(opts.IO.ErrOut, "evaluation %d: %s\n", n, note) }
	}
	res, err := roster.Check(ctx, s, start, roster.CheckOptions{Group: g, ServiceLevel: sl, Reps: opts.Reps,
		Workers: opts.Workers, MaxEvaluations: opts.MaxEvaluations, Progress: progress})
	if err != nil {
		return coverErr(err)
	}
	reqName := "Erlang C for the target"
	if opts.Requirement != "" {
		reqName = opts.Requirement
	}
	meta := reports.RosterMeta{Scenario: s.Name, Group: s.Agents[g].Name, Templates: opts.Templates, Requirement: reqName,
		Target: sl, ServiceLevel: within, Reps: opts.Reps, Definition: s.ServiceLevelDefinition, ShortAbandon: s.ShortAbandon,
		ErlangHours: erlHours}
	files := &reports.FileSet{}
	defer files.Abort()
	if opts.Out != "" {
		if err := files.Write(opts.Out, func(w io.Writer) error { return reports.WriteRosterCSV(w, res.Roster, s.Agents[g].Name) }); err != nil {
			return err
		}
	}
	if opts.HTML != "" {
		if err := files.Write(opts.HTML, func(w io.Writer) error { return reports.WriteRosterHTML(w, res, meta) }); err != nil {
			return err
		}
	}
	if err := files.Commit(); err != nil {
		return err
	}
	if err := reports.RosterTables(opts.IO.Out, reports.Format(opts.Format), res, meta); err != nil {
		return err
	}
	if len(res.Missing) > 0 {
		var names []string
		for _, i := range res.Missing {
			names = append(names, res.Roster.Req.IntervalName(i))
		}
		return fmt.Errorf("%w after %d evaluations in %d intervals: %s; raise --max-evaluations or --reps (the best roster found is written)",
			errRosterMisses, res.Evaluations, len(names), strings.Join(names, ", "))
	}
	return nil
}
