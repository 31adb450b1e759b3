package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"runtime"
	"strings"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
	"github.com/spf13/cobra"
)

// Output formats of ccsim run.
const (
	formatTable    = string(reports.FormatTable)
	formatMarkdown = string(reports.FormatMarkdown)
	formatJSON     = string(reports.FormatJSON)
)

var runFormats = []string{formatTable, formatMarkdown, formatJSON}

type runOptions struct {
	IO  *iostreams
	Ctx context.Context

	// Scenario is a built-in scenario name or a file path.
	Scenario string
	// Seed replaces the scenario's seed when SeedSet.
	Seed    uint64
	SeedSet bool
	// Reps replaces the scenario's replications when RepsSet.
	Reps    int
	RepsSet bool
	// Workers is how many replications run at once (0: one per CPU).
	Workers int
	// Quiet turns off the progress bar and the notes on stderr; warnings
	// and errors are still printed.
	Quiet bool
	// Records is the file to write contact records to ("" for none).
	Records string
	// HTML is the file to write the HTML report to ("" for none).
	HTML string
	// CSV is the directory to write the CSV tables to ("" for none).
	CSV string
	// ConnectCSV is the file to write the Connect-shaped export to ("" for
	// none): one row per queue and interval, Amazon Connect's names.
	ConnectCSV string
	// WideCSV is the file to write the wide per-interval table to ("" for
	// none): one row per interval and queue, one column per metric.
	WideCSV string
	// XLSX is the file to write the workbook to ("" for none): a sheet
	// per CSV table.
	XLSX   string
	Format string
	// Staffing replaces agent groups' schedules with staffing-plan CSV
	// files, as GROUP=FILE (read from the working directory), e.g. the
	// plan "ccsim staff --out" writes.
	Staffing []string
	// Rosters replace agent groups' schedules with the shifts of roster
	// CSV files, as GROUP=FILE, or FILE for every group it lists.
	Rosters []string
	// Sets replace fields of the scenario before it is checked, one value
	// each (PATH=VALUE).
	Sets []string
	// Budget bounds the run's estimated cost.
	Budget budgetFlags
}

// maxReps is the most replications a run makes, as in a scenario's
// replications.
const maxReps = 100000

// checksFailedError reports documented values the run did not reproduce.
type checksFailedError struct{ n int }

func (e *checksFailedError) Error() string {
	if e.n == 1 {
		return "1 documented check failed"
	}
	return fmt.Sprintf("%d documented checks failed", e.n)
}

func newCmdRun(io *iostreams, runF func(*runOptions) error) *cobra.Command {
	opts := &runOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "run SCENARIO",
		Short: "Simulate a scenario and report service level, callbacks and occupancy",
		Long: strings.Trim(`
Simulate a contact centre over the scenario's horizon, as many times as the
scenario's replications say (or --reps), and report what the staffing
achieves, as the mean over the replications with its 95 % confidence
interval ("88.0 ± 0.4": the true mean lies between 87.6 and 88.4 with 95 %
confidence):

  - a summary over all queues: contacts offered, handled, abandoned, blocked
    (queue full) and taking a callback; the service level under each
    definition, average speed of answer (ASA), wait percentiles, P(wait),
    abandon rate, occupancy, agents logged in, contacts in queue and
    scheduled, each against the scenario's target when it sets one (met,
    missed or unsure, judged on the confidence interval); then the same per
    queue when several queues take calls;
  - when a contact type has redials: first attempts and repeat calls,
    calls per customer, callers waiting to redial, customers served and
    lost for good;
  - per agent group: agents, agents logged in (averaged over the open
    hours), occupancy and contacts handled, and the agent-hours on
    scheduled breaks and lunches when the shifts have any;
  - per callback working queue: callbacks requested, handled, reached
    voicemail, expired and unreached, dial attempts, failed attempts by
    outcome, the agent time they cost and the time from request to
    connection, and the figures of customer-first, agent-booked and
    caller-scheduled callbacks when there are any; then, per hour of the
    week, the slots callers booked;
  - per reporting interval (rows like "Mon 08:00"): contacts offered,
    handled, abandoned and taking a callback, callbacks requested, service
    level, ASA, abandon rate, occupancy, agents, in queue and scheduled.
    Closed intervals (no agent scheduled, no call to an open queue; an
    agent finishing a call after its shift is logged in, not scheduled)
    are left out here, in the CSV and JSON files, and drawn as gaps.

--staffing GROUP=FILE and --roster GROUP=FILE replace a group's shifts:
a staffing plan (interval_start,agents) logs in agents 1..n per interval;
a roster (group,template,day,start,end,breaks, e.g.
"sales,early,mon,08:00,16:30,10:00-10:15;12:00-12:30 lunch") is one agent
per row, each working that shift every week on that day (or once, on a
date YYYY-MM-DD). --roster FILE takes every group the file lists.

Times are the scenario's local time: its time_zone (an IANA name such as
Europe/Berlin), or its start's offset, UTC by default. Forecast, staffing
and roster rows, hours and shifts are read on that wall clock and intervals
labelled by it; the days daylight saving changes have 23 and 25 hours
("Sun 02:00 CEST", then "Sun 02:00 CET"). Contact records stay UTC.

The service level is the scenario's service_level_definition, Amazon
Connect's by default: contacts removed from the queue (answered, abandoned
or callback requested) within the service_level threshold, over the
contacts that left the queue.

More replications give narrower intervals: the width shrinks with the
square root of their number. They run in parallel (--workers, one per CPU
by default) and the output does not depend on how many run at once. A
progress bar counts them on a terminal (not with --quiet); Ctrl-C stops
the run and writes nothing.

SCENARIO is the name of a built-in scenario (see "ccsim scenarios") or the
path of a scenario YAML file. A file with mistakes is rejected with every
problem listed as FILE:LINE: FIELD: PROBLEM; nothing is run or written.

A scenario with a script of individual contacts, run once, prints the
counts of that run and the contact records of the script instead; one with
documented values (such as john, Amazon Connect's queued-callback example)
prints a check of each value (from the first replication) and fails when
one is not reproduced.

--html writes a report to share: one HTML file that opens from disk with no
network (the chart library is inside it), with the scenario's settings, the
summary, agents and callbacks tables, and charts of the service level per
interval with its confidence band and target, the contacts offered,
handled, abandoned and calling back, occupancy and agents, heatmaps of the
service level and the occupancy by weekday and time of day (a cycle of
several days), each queue's service level and contacts per interval (with
several queues), each queue's contacts In queue and Scheduled, the wait
distribution, the callback attempt outcomes and the callback slots'
utilisation. Closed intervals are blank.

--csv writes the same estimates as CSV tables into DIR (created if
missing): summary.csv, queues.csv, intervals.csv, queue_intervals.csv,
agents.csv, callbacks.csv and, with callback slots, slots.csv; one row per
metric and scope, with mean, ci_low, ci_high and n.

--connect-csv writes FILE in the shape of Amazon Connect's historical
metrics report grouped by queue: one row per queue and interval, with
Connect's column names (Contacts queued, Contacts handled, Contacts
abandoned, Callback contacts, Callback contacts handled, Callback attempts,
Average queue answer time, Average queue abandon time, Maximum queued time,
Service level X seconds, Average handle time, Average after contact work
time, Agent occupancy) and the real-time series In queue, Scheduled and
Oldest contact age; means over the replications, times as hh:mm:ss. Put it
beside a real report of the same queues and interval; docs/metrics.md says
how each column is computed and where it differs from Connect's.

--csv-wide writes FILE with the per-interval figures as a planner pastes
them into a spreadsheet: one row per interval and queue, then one "all"
for the queues together (the only one with occupancy_pct and
agents_logged_in), one column per metric (offered, handled, ...,
service_level_pct, asa_s ...), the means over the replications.

--xlsx writes FILE as an Excel workbook: one sheet per CSV table (Summary,
Queues, Intervals, Queue intervals, Intervals wide, Agents, Callbacks and,
with callback slots, Slots), numbers stored as numbers, header rows frozen
with a filter.

--records writes every contact record of every replication to FILE in
Amazon Connect's contact record JSON shape, one record per line in
replication order, each with its ccsim_replication attribute, ready for the
tools you use on real contact records.

Files are written completely or not at all: a run that fails or is
interrupted leaves no report, CSV or records file behind, and the files it
would have replaced as they were.

--seed replaces the scenario's seed: rerun with other seeds to see how much
the results vary by chance. The same scenario and seed always give the same
output.

`+budgetHelp+`

Exit status: 0 success; 1 the run failed, was interrupted (Ctrl-C, at any
phase: reading, checking, running or writing), was refused for its cost, or
a documented check failed; 2 bad input (command line, scenario or an input
file larger than 64 MiB).`, "\n"),
		Example: strings.Trim(`
  # Replay Amazon Connect's documented queued-callback example
  $ ccsim run john

  # Plan a week: 10 replications with confidence intervals per interval
  $ ccsim run planning-week --reps 10

  # A report to share, and the tables for a spreadsheet
  $ ccsim run planning-week --html week.html --csv week-tables

  # The same tables as one Excel workbook, and the intervals one row each
  $ ccsim run planning-week --xlsx week.xlsx --csv-wide week-intervals.csv

  # Run your own centre with another seed, keeping every contact record
  $ ccsim run my-centre.yaml --seed 7 --records records.jsonl

  # Tables in Markdown, to paste into a planning document
  $ ccsim run my-centre.yaml --format markdown

  # Everything as one JSON document, for scripts
  $ ccsim run mmc --format json`, "\n"),
		Args:              scenarioArg,
		ValidArgsFunction: completeScenario,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.Scenario = args[0]
			opts.SeedSet = cmd.Flags().Changed("seed")
			opts.RepsSet = cmd.Flags().Changed("reps")
			if cmd.Flags().Changed("records") && opts.Records == "" {
				return newUsageError(cmd, errors.New("--records needs a file name"))
			}
			if cmd.Flags().Changed("html") && opts.HTML == "" {
				return newUsageError(cmd, errors.New("--html needs a file name"))
			}
			if cmd.Flags().Changed("connect-csv") && opts.ConnectCSV == "" {
				return newUsageError(cmd, errors.New("--connect-csv needs a file name"))
			}
			if cmd.Flags().Changed("csv") && opts.CSV == "" {
				return newUsageError(cmd, errors.New("--csv needs a directory name"))
			}
			if cmd.Flags().Changed("csv-wide") && opts.WideCSV == "" {
				return newUsageError(cmd, errors.New("--csv-wide needs a file name"))
			}
			if cmd.Flags().Changed("xlsx") && opts.XLSX == "" {
				return newUsageError(cmd, errors.New("--xlsx needs a file name"))
			}
			if err := distinctOutputs(output{flag: "records", path: opts.Records}, output{flag: "html", path: opts.HTML},
				output{flag: "csv", path: opts.CSV}, output{flag: "connect-csv", path: opts.ConnectCSV},
				output{flag: "csv-wide", path: opts.WideCSV}, output{flag: "xlsx", path: opts.XLSX}); err != nil {
				return newUsageError(cmd, err)
			}
			if opts.RepsSet && (opts.Reps < 1 || opts.Reps > maxReps) {
				return newUsageError(cmd, fmt.Errorf("--reps must be between 1 and %d, got %d", maxReps, opts.Reps))
			}
			if opts.Workers < 0 {
				return newUsageError(cmd, fmt.Errorf("--workers must be 0 (one per CPU) or more, got %d", opts.Workers))
			}
			if err := opts.Budget.validate(); err != nil {
				return newUsageError(cmd, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return runRun(opts)
		},
	}
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "random seed (default: the scenario's seed)")
	cmd.Flags().IntVar(&opts.Reps, "reps", 0, "number `N` of independent replications (default: the scenario's replications)")
	cmd.Flags().IntVar(&opts.Workers, "workers", 0, "`N` replications run at once (default: one per CPU)")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress bar or notes on stderr")
	cmd.Flags().StringVar(&opts.Records, "records", "", "write every contact record of every replication to `FILE` as JSON lines")
	cmd.Flags().StringVar(&opts.HTML, "html", "", "write a self-contained HTML report with charts to `FILE`")
	cmd.Flags().StringVar(&opts.CSV, "csv", "", "write the estimates as CSV tables into `DIR` (created if missing)")
	cmd.Flags().StringVar(&opts.WideCSV, "csv-wide", "", "write the per-interval estimates to `FILE` as one row per interval and queue, one column per metric")
	cmd.Flags().StringVar(&opts.XLSX, "xlsx", "", "write the estimates to `FILE` as an Excel workbook, a sheet per table")
	cmd.Flags().StringVar(&opts.ConnectCSV, "connect-csv", "", "write the estimates per queue and interval to `FILE` in the shape of Amazon Connect's historical metrics report")
	cmd.Flags().StringArrayVar(&opts.Sets, "set", nil, "replace a field of the scenario, PATH=VALUE (repeatable; paths as in ccsim compare --set, e.g. 'redial={after_abandon: 0.6}')")
	cmd.Flags().StringArrayVar(&opts.Rosters, "roster", nil, "staff agent groups from a roster CSV (group,agent,template,day,start,end,breaks; one row per agent's shift, the rows of one agent id one agent; without agent, one agent per row), as GROUP=FILE, or FILE for every group it lists")
	cmd.Flags().StringArrayVar(&opts.Staffing, "staffing", nil, "staff agent group GROUP from a staffing-plan CSV, as GROUP=FILE (e.g. the plan ccsim staff --out wrote)")
	_ = cmd.MarkFlagFilename("html", "html", "htm")
	_ = cmd.MarkFlagDirname("csv")
	_ = cmd.MarkFlagFilename("csv-wide", "csv")
	_ = cmd.MarkFlagFilename("xlsx", "xlsx")
	enumFlag(cmd, &opts.Format, "format", formatTable, runFormats, "output format")
	addBudgetFlags(cmd, &opts.Budget)
	return cmd
}

// scenarioArg checks that exactly one SCENARIO is given.
func scenarioArg(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return newUsageError(cmd, fmt.Errorf("missing SCENARIO: a built-in scenario (%s) or a scenario file",
			strings.Join(scenarios.Names(), ", ")))
	case len(args) > 1:
		return newUsageError(cmd, fmt.Errorf("too many arguments: %s runs one SCENARIO, got %q",
			cmd.CommandPath(), args))
	}
	return nil
}

// completeScenario completes the built-in scenario names, with their
// descriptions, and lets the shell complete file names too.
func completeScenario(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, info := range scenarios.Describe() {
		if strings.HasPrefix(info.Name, toComplete) {
			out = append(out, cobra.CompletionWithDesc(info.Name, info.Description))
		}
	}
	return out, cobra.ShellCompDirectiveDefault
}

func runRun(opts *runOptions) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	// Reading (a named pipe blocks), checking and compiling watch no
	// context: an interruption stops waiting for them.
	type loaded struct {
		l    *scenarios.Loaded
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
		s := l.Scenario
		if opts.SeedSet {
			s.Seed = opts.Seed
		}
		if opts.RepsSet {
			s.Replications = opts.Reps
		}
		if err := applyStaffing(s, opts.Staffing); err != nil {
			return nil, err
		}
		if err := applyRosters(s, opts.Rosters); err != nil {
			return nil, err
		}
		plan, err := sim.Compile(s)
		if err != nil {
			return nil, err
		}
		return &loaded{l: l, plan: plan}, nil
	})
	if err != nil {
		return err
	}
	s, plan := ld.l.Scenario, ld.plan
	for _, w := range ld.l.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	for _, w := range plan.Warnings() {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}

	// The engine looks at ctx only every so many events; do not start a
	// run that is already cancelled, nor report one cancelled at its end.
	if err := ctx.Err(); err != nil {
		return err
	}

	// A scripted scenario run once keeps its single-run report, with the
	// records of its scripted contacts; anything else is estimated over
	// the replications.
	reps := max(s.Replications, 1)
	single := reps == 1 && len(s.Script) > 0
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := opts.Budget.check(analysis.EstimateCost([]*sim.Plan{plan}, reps, workers)); err != nil {
		return err
	}
	// The report, CSV and records files are written all or nothing.
	files := &reports.FileSet{}
	defer files.Abort()
	bar := newProgressBar(opts.IO, opts.Quiet, reps)
	rep := &replication{
		plan:     plan,
		reps:     reps,
		workers:  workers,
		records:  opts.Records,
		files:    files,
		keep:     s.Documented != nil || single,
		progress: bar.set(),
	}
	out, err := rep.run(ctx)
	bar.done()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}

	report := &reports.RunReport{Start: s.Start, Scripted: out.scripted, Script: len(s.Script) > 0, Documented: s.Documented}
	if single {
		report.Result = out.results[0]
	}
	if !single || opts.HTML != "" || opts.CSV != "" || opts.ConnectCSV != "" || opts.WideCSV != "" || opts.XLSX != "" {
		// Summarising watches no context, and takes a while for a
		// scenario of many queues: Ctrl-C must not wait for it.
		if report.Summary, err = interruptible(ctx, func() (*analysis.Summary, error) {
			return analysis.Summarize(out.results), nil
		}); err != nil {
			return err
		}
		report.Slots = analysis.SumSlots(out.results)
	}
	if s.Documented != nil {
		report.Checks = analysis.Check(out.scripted, s.Documented, s.Start)
	}
	if opts.HTML != "" {
		settings := plan.Settings()
		r := &reports.HTMLReport{Summary: report.Summary, Settings: &settings, Slots: report.Slots}
		if err := files.Write(opts.HTML, func(w io.Writer) error { return reports.WriteHTML(w, r) }); err != nil {
			return err
		}
	}
	var tables int
	if opts.CSV != "" {
		if tables, err = report.WriteCSV(files, opts.CSV); err != nil {
			return err
		}
	}
	if opts.ConnectCSV != "" {
		if err := report.WriteConnectCSV(files, opts.ConnectCSV); err != nil {
			return err
		}
	}
	if opts.WideCSV != "" {
		if err := report.WriteWideCSV(files, opts.WideCSV); err != nil {
			return err
		}
	}
	var sheets int
	if opts.XLSX != "" {
		if sheets, err = report.WriteXLSX(files, opts.XLSX); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := files.Commit(); err != nil {
		return err
	}
	if !opts.Quiet {
		if opts.Records != "" {
			fmt.Fprintf(opts.IO.ErrOut, "wrote %d contact records to %s\n", out.records, opts.Records)
		}
		if opts.HTML != "" {
			fmt.Fprintf(opts.IO.ErrOut, "wrote the HTML report to %s\n", opts.HTML)
		}
		if opts.CSV != "" {
			fmt.Fprintf(opts.IO.ErrOut, "wrote %d CSV tables to %s\n", tables, opts.CSV)
		}
		if opts.ConnectCSV != "" {
			fmt.Fprintf(opts.IO.ErrOut, "wrote the Connect-shaped export to %s\n", opts.ConnectCSV)
		}
		if opts.WideCSV != "" {
			fmt.Fprintf(opts.IO.ErrOut, "wrote the per-interval table to %s\n", opts.WideCSV)
		}
		if opts.XLSX != "" {
			fmt.Fprintf(opts.IO.ErrOut, "wrote a workbook of %d sheets to %s\n", sheets, opts.XLSX)
		}
	}

	if err := report.Write(opts.IO.Out, reports.Format(opts.Format)); err != nil {
		return err
	}
	if n := analysis.Failed(report.Checks); n > 0 {
		return &checksFailedError{n: n}
	}
	return nil
}

// applyStaffing gives agent groups the staffing plans named by
// GROUP=FILE arguments, replacing their shifts. A plan's problems are
// reported like a scenario's (file, line, column; exit status 2).
func applyStaffing(s *model.Scenario, args []string) error {
	for _, arg := range args {
		name, file, ok := strings.Cut(arg, "=")
		if !ok || name == "" || file == "" {
			return fmt.Errorf("%w: --staffing %q: want GROUP=FILE, e.g. agent=plan.csv", model.ErrInvalid, arg)
		}
		g := s.GroupIndex(name)
		if g < 0 {
			return fmt.Errorf("%w: --staffing %s: no agent group %q in %s", model.ErrInvalid, arg, name, s.Name)
		}
		data, err := scenarios.ReadFile(file)
		if err != nil {
			return fmt.Errorf("%w: --staffing %s: %w", model.ErrInvalid, arg, err)
		}
		plan, err := scenarios.ReadStaffing(file, data, s.Start, s.Interval)
		if err != nil {
			return err
		}
		grp := &s.Agents[g]
		grp.Staffing, grp.StaffingPlan, grp.Shifts = file, plan, nil
	}
	if len(args) > 0 {
		// The loader checked s without these plans: check it again
		// (Normalize sizes each group by its plan).
		return s.Check()
	}
	return nil
}

// applyRosters gives agent groups the shifts of the roster files named by
// GROUP=FILE (that group's rows) or FILE (every group with rows in it),
// replacing their shifts, count and staffing plan: one agent per agent id,
// or per row when the file has no agent column. A
// roster's problems are reported like a scenario's (file, line, column;
// exit status 2).
func applyRosters(s *model.Scenario, args []string) error {
	var names []string
	for _, g := range s.Agents {
		names = append(names, g.Name)
	}
	for _, arg := range args {
		name, file, ok := strings.Cut(arg, "=")
		if !ok {
			name, file = "", arg
		}
		if file == "" || (ok && name == "") {
			return fmt.Errorf("%w: --roster %q: want GROUP=FILE or FILE, e.g. agent=roster.csv", model.ErrInvalid, arg)
		}
		if ok && s.GroupIndex(name) < 0 {
			return fmt.Errorf("%w: --roster %s: no agent group %q in %s (groups: %s)", model.ErrInvalid, arg, name, s.Name, strings.Join(names, ", "))
		}
		data, err := scenarios.ReadFile(file)
		if err != nil {
			return fmt.Errorf("%w: --roster %s: %w", model.ErrInvalid, arg, err)
		}
		shifts, err := scenarios.ReadRoster(file, data, s.Start, names)
		if err != nil {
			return err
		}
		for i := range s.Agents {
			g := &s.Agents[i]
			gr := shifts[g.Name]
			if (ok && g.Name != name) || (!ok && gr == nil) {
				continue
			}
			if gr == nil {
				return fmt.Errorf("%w: --roster %s: %s has no shifts for group %q", model.ErrInvalid, arg, file, name)
			}
			g.Roster, g.RosterShifts, g.RosterAgents = file, gr.Shifts, gr.Agents
			g.Shifts, g.Staffing, g.StaffingPlan = nil, "", nil
		}
	}
	if len(args) > 0 {
		// The loader checked s without these shifts: check it again
		// (Normalize sizes each group by its roster).
		return s.Check()
	}
	return nil
}

// oneValueSets reads --set PATH=VALUE flags of a command that runs one
// scenario: each gives exactly one value.
func oneValueSets(args []string) ([]scenarios.Set, error) {
	var sets []scenarios.Set
	for _, a := range args {
		p, v, err := scenarios.ParseSets(a)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", model.ErrInvalid, err)
		}
		if len(v) != 1 {
			return nil, fmt.Errorf("%w: --set %q gives %d values: this command runs one scenario (compare several with ccsim compare)", model.ErrInvalid, a, len(v))
		}
		sets = append(sets, scenarios.Set{Path: p, Value: v[0]})
	}
	return sets, nil
}
