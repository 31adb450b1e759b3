package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"runtime"
	"slices"
	"strings"
	"unicode"

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
	Targets    []string
	MaxAbandon []string
	MaxASA     []string
	Groups     []string
	// MaxOcc holds the --max-occupancy values: "85%" or "GROUP=85%".
	MaxOcc    []string
	Sets      []string
	Reps      int
	Workers   int
	MaxAgents int
	MaxEvals  int
	Out       string
	Format    string
	Quiet     bool
	// Budget bounds the estimated cost of each evaluation.
	Budget budgetFlags
}

func newCmdStaff(io *iostreams, runF func(*staffOptions) error) *cobra.Command {
	opts := &staffOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "staff SCENARIO --target SL/TIME",
		Short: "Find the fewest agents per group and interval that meet each queue's targets, by simulation",
		Long: strings.Trim(`
Find, for each interval of the scenario's forecast, the fewest agents of
every agent group that meet each queue's targets, judged on the pessimistic
end of their 95 % confidence intervals rather than the mean alone: a service
level (--target), an abandonment cap (--max-abandon) and an answer-time cap
(--max-asa). Each flag applies to every queue the staffed groups serve
("80/20"), or to one queue ("Support=90/30"); it may be repeated, a queue's
own value winning over the value for every queue. All service-level targets share one TIME: the
simulation counts the service level against one threshold.

The search starts from the Erlang A answer (Erlang C when callers never hang
up) for each queue's own load and target. A queue's agents are split equally
among the staffed groups that serve it at its best priority (groups that
only overflow to it get none); a group serving several queues starts with
the sum of its shares. Then it simulates: a queue interval that misses
raises the groups it was split to (by 1, 2, 3, ... agents if it misses again
in a row); once nothing misses, every other interval tries one agent fewer
in one group, kept only if every queue that group serves still meets its
targets, else the agent goes back and is never tried again. It settles when
nothing misses and no cut is left to try.

--max-occupancy caps the occupancy of every staffed group ("85%" or
"0.85"), or of one group ("Tier1=85%"; repeatable, a group's own value
winning), judged on the upper end of the 95 % confidence interval of the
group's occupancy in each interval: time on contacts over that plus idle
time, the planner's usual guard against burnout. A group interval over its
cap raises that group there, and a cut in a group is kept only if its cap
still holds as well as the queues' targets; the group then starts from at
least its share of the load in erlangs over the cap, as Erlang
calculators do. A capped group must be staffed; the cap lies between 0 and
100 %, both excluded.

--group (repeatable) names the groups to staff; by default every group
serving a queue with a target. Their shifts are replaced by the plans;
other groups keep theirs. --max-evaluations is the search's budget: when it
runs out, the best plan simulated (the cheapest that met every target, else
the one with the fewest misses) is printed and written with the queue
intervals that still miss, and the exit status is 1.

The result is shown per interval beside Erlang C and Erlang A, with the
total agent-hours of each. --out FILE writes the plan of one group to FILE
as a staffing-plan CSV that "ccsim run --staffing GROUP=FILE" (or a
scenario's agents: staffing:) takes back; with several groups it writes one
file per group, FILE without its .csv and with "-GROUP.csv" added
(plan.csv: plan-Tier1.csv, plan-Tier2.csv).

--max-agents is at most 100000. `+budgetHelp+` For the search, the cost
is that of one evaluation (--reps replications of the scenario).

Exit status: 0 success; 1 the search failed (an unreachable target writes
nothing), ran out of --max-evaluations (the best plan is still printed and
written), was interrupted (Ctrl-C, at any phase) or was refused for its
cost; 2 bad input (command line, scenario, a target naming an unknown queue,
--group naming an unknown group or one serving no queue with a target,
--max-occupancy naming an unknown or unstaffed group or out of range, an
input file larger than 64 MiB): nothing is written.`, "\n"),
		Example: strings.Trim(`
  # 80 % of calls answered within 20 s, every interval of the planning week
  $ ccsim staff planning-week --target 80/20 --out plan.csv

  # ... with at most 5 % of callers hanging up, and tighter intervals
  $ ccsim staff planning-week --target 80/20 --max-abandon 5% --reps 40

  # every group of a two-queue centre; Support 90/20, and answered within 15 s
  $ ccsim staff centre.yaml --target 80/20 --target Support=90/20 --max-asa Support=15s --out plan.csv

  # ... with no group busier than 85 % of its time, and Tier1 than 80 %
  $ ccsim staff centre.yaml --target 80/20 --max-occupancy 85% --max-occupancy Tier1=80%`, "\n"),
		Args:              usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: completeScenario,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			opts.Ctx = cmd.Context()
			if _, err := parseStaffTargets(opts); err != nil {
				return newUsageError(cmd, err)
			}
			if _, err := parseGroupCaps(opts.MaxOcc); err != nil {
				return newUsageError(cmd, err)
			}
			if opts.Reps < 2 {
				return newUsageError(cmd, errors.New("--reps must be at least 2: the search judges confidence intervals"))
			}
			if opts.MaxAgents < 1 || opts.MaxAgents > analysis.MaxSearchAgents {
				return newUsageError(cmd, fmt.Errorf("--max-agents must be between 1 and %d, got %d", analysis.MaxSearchAgents, opts.MaxAgents))
			}
			if opts.MaxEvals < 1 {
				return newUsageError(cmd, fmt.Errorf("--max-evaluations must be at least 1, got %d", opts.MaxEvals))
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
	f.StringArrayVar(&opts.Targets, "target", nil, "service-level target as SL/TIME, e.g. 80/20 (80 % within 20 s), 80%/20s or 0.8/20s; QUEUE=SL/TIME for one queue (repeatable)")
	f.StringArrayVar(&opts.MaxAbandon, "max-abandon", nil, "highest acceptable abandonment, e.g. 5% or 0.05; QUEUE=5% for one queue (repeatable)")
	f.StringArrayVar(&opts.MaxASA, "max-asa", nil, "longest acceptable average speed of answer, e.g. 30s; QUEUE=30s for one queue (repeatable)")
	f.StringArrayVar(&opts.MaxOcc, "max-occupancy", nil, "highest acceptable occupancy of every staffed group, e.g. 85% or 0.85; GROUP=85% for one group (repeatable)")
	f.StringArrayVar(&opts.Groups, "group", nil, "agent group to staff (repeatable; default: every group serving a queue with a target)")
	f.IntVar(&opts.Reps, "reps", 20, "replications per evaluation")
	f.StringArrayVar(&opts.Sets, "set", nil, "replace a field of the scenario, PATH=VALUE (repeatable; as ccsim run --set)")
	f.IntVar(&opts.Workers, "workers", 0, "simulations run at once (default: one per CPU)")
	f.IntVar(&opts.MaxAgents, "max-agents", 5000, "most agents of one group to try in one interval")
	f.IntVar(&opts.MaxEvals, "max-evaluations", 100, "most plans to simulate before giving the best found (exit status 1)")
	f.StringVar(&opts.Out, "out", "", "write the staffing plan to `FILE` (CSV: interval_start,agents); several groups: FILE-GROUP.csv each")
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

// queueSpec is one value of a per-queue flag: Queue "" for every queue.
type queueSpec struct {
	Queue string
	Value string
}

// splitQueueSpec reads "VALUE" or "QUEUE=VALUE".
func splitQueueSpec(flag, v string) (queueSpec, error) {
	q, val, ok := strings.Cut(v, "=")
	if !ok {
		return queueSpec{Value: v}, nil
	}
	q = strings.TrimSpace(q)
	if q == "" {
		return queueSpec{}, fmt.Errorf("%s %q: no queue before \"=\" (write QUEUE=VALUE, or VALUE for every queue)", flag, v)
	}
	return queueSpec{Queue: q, Value: val}, nil
}

// staffTargets are the parsed target flags: per queue name ("" for every
// queue), in the order given.
type staffTargets struct {
	Threshold model.Duration
	specs     []targetSpec
}

type targetSpec struct {
	Queue string
	// What is "sl", "abandon" or "asa"; Value the parsed number (a
	// fraction, or seconds).
	What  string
	Value float64
}

// parseStaffTargets parses --target, --max-abandon and --max-asa. Every
// service-level target must have the same TIME.
func parseStaffTargets(opts *staffOptions) (*staffTargets, error) {
	out := &staffTargets{}
	thresholdFrom := ""
	for _, v := range opts.Targets {
		sp, err := splitQueueSpec("--target", v)
		if err != nil {
			return nil, err
		}
		sl, within, err := parseTarget(sp.Value)
		if err != nil {
			if sp.Queue != "" {
				return nil, fmt.Errorf("%w (for queue %s)", err, sp.Queue)
			}
			return nil, err
		}
		if thresholdFrom != "" && within != out.Threshold {
			return nil, fmt.Errorf("--target %s: every service-level target must have the same TIME (here %s, but %s has %s): "+
				"the simulation counts the service level against one threshold", v, within, thresholdFrom, out.Threshold)
		}
		out.Threshold, thresholdFrom = within, v
		out.specs = append(out.specs, targetSpec{Queue: sp.Queue, What: "sl", Value: sl})
	}
	for _, v := range opts.MaxAbandon {
		sp, err := splitQueueSpec("--max-abandon", v)
		if err != nil {
			return nil, err
		}
		ab, err := optionalFraction(sp.Value)
		if err != nil {
			return nil, fmt.Errorf("--max-abandon: %w", err)
		}
		out.specs = append(out.specs, targetSpec{Queue: sp.Queue, What: "abandon", Value: ab})
	}
	for _, v := range opts.MaxASA {
		sp, err := splitQueueSpec("--max-asa", v)
		if err != nil {
			return nil, err
		}
		d, err := model.ParseDuration(strings.TrimSpace(sp.Value))
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("--max-asa %q: want a positive duration such as 30s or 1m", v)
		}
		out.specs = append(out.specs, targetSpec{Queue: sp.Queue, What: "asa", Value: float64(d) / 1000})
	}
	return out, nil
}

// forQueues resolves the targets against the scenario's queues: values
// for every queue first, then each queue's own. A queue name the scenario
// does not have is an error (model.ErrInvalid). named[q] is true when a
// flag names queue q.
func (t *staffTargets) forQueues(s *model.Scenario) (out []analysis.QueueTarget, named []bool, err error) {
	out = make([]analysis.QueueTarget, len(s.Queues))
	named = make([]bool, len(s.Queues))
	index := map[string]int{}
	var names []string
	for i, q := range s.Queues {
		index[q.Name] = i
		names = append(names, q.Name)
	}
	set := func(qt *analysis.QueueTarget, sp targetSpec) {
		switch sp.What {
		case "sl":
			qt.ServiceLevel = sp.Value
		case "abandon":
			qt.MaxAbandon = sp.Value
		case "asa":
			qt.MaxASA = sp.Value
		}
	}
	for _, sp := range t.specs {
		if sp.Queue == "" {
			for i := range out {
				set(&out[i], sp)
			}
		}
	}
	for _, sp := range t.specs {
		if sp.Queue == "" {
			continue
		}
		i, ok := index[sp.Queue]
		if !ok {
			return nil, nil, fmt.Errorf("%w: a target names queue %q, which %s does not have (its queues: %s)",
				model.ErrInvalid, sp.Queue, s.Name, strings.Join(names, ", "))
		}
		set(&out[i], sp)
		named[i] = true
	}
	return out, named, nil
}

func staffRun(opts *staffOptions) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	tg, err := parseStaffTargets(opts)
	if err != nil {
		return err
	}
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
	s.ServiceLevel = tg.Threshold
	targets, named, err := tg.forQueues(s)
	if err != nil {
		return err
	}
	var groups []int
	for _, name := range opts.Groups {
		g := s.GroupIndex(name)
		if g < 0 {
			var names []string
			for _, a := range s.Agents {
				names = append(names, a.Name)
			}
			return fmt.Errorf("%w: no agent group %q in %s (its groups: %s)", model.ErrInvalid, name, s.Name, strings.Join(names, ", "))
		}
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	// A target for every queue covers the queues the groups to staff
	// serve (all groups without --group); a queue's own target must be
	// served (SplitLoad says so).
	candidates := groups
	if len(candidates) == 0 {
		for g := range s.Agents {
			candidates = append(candidates, g)
		}
	}
	for q := range s.Queues {
		if !named[q] && !slices.ContainsFunc(candidates, func(g int) bool { return servesQueue(s, g, s.Queues[q].Name) }) {
			targets[q] = analysis.QueueTarget{}
		}
	}
	// Check the groups and queues before the cost and the search.
	split, err := analysis.SplitLoad(s, groups, targets)
	if err != nil {
		return err
	}
	caps, err := parseGroupCaps(opts.MaxOcc)
	if err != nil {
		return err
	}
	groupTargets, err := caps.forGroups(s, split.Groups)
	if err != nil {
		return err
	}
	if opts.Out != "" && len(split.Groups) > 1 {
		seen := map[string]string{}
		for _, g := range split.Groups {
			name := s.Agents[g].Name
			path := groupPlanPath(opts.Out, name)
			if other, dup := seen[path]; dup {
				return fmt.Errorf("%w: --out: groups %q and %q would both write %s; rename one", model.ErrInvalid, other, name, path)
			}
			seen[path] = name
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
		progress = func(round int, note string) {
			fmt.Fprintf(opts.IO.ErrOut, "evaluation %d of at most %d: %s\n", round, opts.MaxEvals, note)
		}
	}
	res, searchErr := analysis.SearchCentre(ctx, s, analysis.CentreOptions{Groups: split.Groups, Targets: targets,
		Reps: opts.Reps, Workers: opts.Workers, MaxAgents: opts.MaxAgents, MaxEvaluations: opts.MaxEvals, Progress: progress,
		GroupTargets: groupTargets})
	if res == nil {
		return searchErr
	}
	cmeta := reports.CentreMeta{Scenario: s.Name, ServiceLevel: tg.Threshold, Reps: opts.Reps, Budget: opts.MaxEvals,
		Definition: s.ServiceLevelDefinition, ShortAbandon: s.ShortAbandon}
	// One group, and one queue with contacts arriving (the others, if
	// any, working queues of callbacks), keep the one-group report and
	// plan header.
	withLoad := 0
	for _, q := range res.Queues {
		if slices.ContainsFunc(q.Intervals, func(qi analysis.QueueInterval) bool { return qi.Offered > 0 }) {
			withLoad++
		}
	}
	// A group's occupancy cap is shown in the centre's report, which has
	// its table.
	single := len(res.Groups) == 1 && withLoad <= 1 && groupTargets == nil
	meta := func(g analysis.CentreGroup) reports.StaffMeta {
		m := reports.StaffMeta{Scenario: s.Name, Group: g.Name, ServiceLevel: tg.Threshold, Reps: opts.Reps,
			Definition: s.ServiceLevelDefinition, ShortAbandon: s.ShortAbandon}
		if single && sameTargets(res.Queues) {
			m.Target, m.MaxAbandon = res.Queues[0].Target.ServiceLevel, res.Queues[0].Target.MaxAbandon
		} else {
			m.Targets = reports.CentreTargets(res, cmeta)
		}
		return m
	}
	if opts.Out != "" {
		var fs reports.FileSet
		for _, g := range res.Groups {
			path := opts.Out
			if len(res.Groups) > 1 {
				path = groupPlanPath(opts.Out, g.Name)
			}
			if err := fs.Write(path, func(w io.Writer) error { return reports.WriteStaffingPlan(w, g.Result, meta(g)) }); err != nil {
				fs.Abort()
				return err
			}
		}
		if err := fs.Commit(); err != nil {
			return err
		}
	}
	if single {
		g := res.Groups[0]
		if err := reports.WriteStaff(opts.IO.Out, reports.Format(opts.Format), g.Result, meta(g)); err != nil {
			return err
		}
		if !res.Settled && reports.Format(opts.Format) != reports.FormatJSON {
			fmt.Fprintf(opts.IO.Out, "\nWARNING: the search ran out of its %d evaluations before it settled: this is the best plan it simulated.\n", opts.MaxEvals)
			for _, m := range res.Misses {
				fmt.Fprintf(opts.IO.Out, "still misses: %s %s: %s\n", m.Queue, m.At, m.Reason)
			}
		}
	} else if err := reports.WriteCentre(opts.IO.Out, reports.Format(opts.Format), res, cmeta); err != nil {
		return err
	}
	return searchErr
}

// sameTargets reports whether every queue has the same target, so that a
// report may name one.
func sameTargets(qs []analysis.CentreQueue) bool {
	for _, q := range qs {
		if q.Target != qs[0].Target {
			return false
		}
	}
	return true
}

// groupPlanPath is the plan file of one group when several are staffed:
// out without its .csv, then "-GROUP.csv", the group's name kept to
// letters, digits, '.', '_' and '-' (others become '_').
func groupPlanPath(out, group string) string {
	base := strings.TrimSuffix(out, ".csv")
	safe := strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return '_'
	}, group)
	return base + "-" + safe + ".csv"
}

// servesQueue reports whether group g's routing profile lists queue q.
func servesQueue(s *model.Scenario, g int, q string) bool {
	p := s.ProfileIndex(s.Agents[g].Profile)
	return p >= 0 && slices.ContainsFunc(s.RoutingProfiles[p].Queues, func(pq model.ProfileQueue) bool { return pq.Queue == q })
}

// groupCaps are the parsed --max-occupancy values, in the order given:
// Group "" for every staffed group.
type groupCaps []groupCap

type groupCap struct {
	Name  string
	Value float64
}

// parseGroupCaps reads --max-occupancy: "85%", "0.85" or "GROUP=85%",
// with the one fraction parser; a cap lies strictly between 0 and 100 %.
func parseGroupCaps(vs []string) (groupCaps, error) {
	var out groupCaps
	for _, v := range vs {
		g, val, named := strings.Cut(v, "=")
		if !named {
			val, g = v, ""
		} else if g = strings.TrimSpace(g); g == "" {
			return nil, fmt.Errorf("--max-occupancy %q: no group before \"=\" (write GROUP=VALUE, or VALUE for every staffed group)", v)
		}
		c, err := parseFraction(val)
		if err != nil {
			if g != "" {
				return nil, fmt.Errorf("--max-occupancy: %w (for group %s)", err, g)
			}
			return nil, fmt.Errorf("--max-occupancy: %w", err)
		}
		out = append(out, groupCap{Name: g, Value: c})
	}
	return out, nil
}

// forGroups resolves the caps against the scenario's groups: the value
// for every staffed group first, then each group's own. nil when no cap
// is given. A group the scenario does not have, or one the search does
// not staff, is an error (model.ErrInvalid).
func (c groupCaps) forGroups(s *model.Scenario, staffed []int) ([]analysis.GroupTarget, error) {
	if len(c) == 0 {
		return nil, nil
	}
	out := make([]analysis.GroupTarget, len(s.Agents))
	for _, v := range c {
		if v.Name == "" {
			for _, g := range staffed {
				out[g].MaxOccupancy = v.Value
			}
		}
	}
	for _, v := range c {
		if v.Name == "" {
			continue
		}
		g := s.GroupIndex(v.Name)
		if g < 0 {
			var names []string
			for _, a := range s.Agents {
				names = append(names, a.Name)
			}
			return nil, fmt.Errorf("%w: --max-occupancy names agent group %q, which %s does not have (its groups: %s)",
				model.ErrInvalid, v.Name, s.Name, strings.Join(names, ", "))
		}
		if !slices.Contains(staffed, g) {
			var names []string
			for _, k := range staffed {
				names = append(names, s.Agents[k].Name)
			}
			return nil, fmt.Errorf("%w: --max-occupancy names agent group %s, which the search does not staff (it staffs %s; name it with --group)",
				model.ErrInvalid, v.Name, strings.Join(names, ", "))
		}
		out[g].MaxOccupancy = v.Value
	}
	return out, nil
}
