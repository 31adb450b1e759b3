package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	formatJSON     = "json"
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
	// Records is the file to write contact records to ("" for none).
	Records string
	Format  string
}

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
Simulate a contact centre over the scenario's horizon and report what the
staffing achieves:

  - per queue: contacts offered, handled, abandoned, blocked (queue full),
    callbacks requested, service level, average speed of answer (ASA) and
    abandon rate;
  - per callback working queue: callbacks requested, handled, reached
    voicemail, expired and unreached, dial attempts, failed attempts and the
    agent time they cost;
  - per agent group: contacts handled and occupancy.

The service level is Amazon Connect's: contacts removed from the queue
(answered, abandoned or callback requested) within the scenario's
service_level threshold, over the contacts that left the queue.

SCENARIO is the name of a built-in scenario (see "ccsim scenarios") or the
path of a scenario YAML file. A file with mistakes is rejected with every
problem listed as FILE:LINE: FIELD: PROBLEM; nothing is run or written.

A scenario with a script of individual contacts also prints their contact
records; one with documented values (such as john, Amazon Connect's
queued-callback example) prints a check of each value and fails when one is
not reproduced.

--records writes every contact record to FILE in Amazon Connect's contact
record JSON shape, one record per line, ready for the tools you use on real
contact records. The file is written completely or not at all.

--seed replaces the scenario's seed: rerun with other seeds to see how much
the results vary by chance. The same scenario and seed always give the same
output.

Exit status: 0 success; 1 the run failed or a documented check failed;
2 bad input (command line or scenario).`, "\n"),
		Example: strings.Trim(`
  # Replay Amazon Connect's documented queued-callback example
  $ ccsim run john

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
			if cmd.Flags().Changed("records") && opts.Records == "" {
				return newUsageError(cmd, errors.New("--records needs a file name"))
			}
			if runF != nil {
				return runF(opts)
			}
			return runRun(opts)
		},
	}
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "random seed (default: the scenario's seed)")
	cmd.Flags().StringVar(&opts.Records, "records", "", "write every contact record to `FILE` as JSON lines")
	enumFlag(cmd, &opts.Format, "format", formatTable, runFormats, "output format")
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
	l, err := scenarios.Resolve(opts.Scenario)
	if err != nil {
		return err
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	s := l.Scenario
	if opts.SeedSet {
		s.Seed = opts.Seed
	}
	plan, err := sim.Compile(s)
	if err != nil {
		return err
	}

	// The engine looks at ctx only every so many events; do not start a
	// run that is already cancelled, nor report one cancelled at its end.
	if err := ctx.Err(); err != nil {
		return err
	}

	// Scripted contacts are few; keep their records for the records table
	// and the documented checks. All records stream to --records.
	keep := len(s.Script) > 0 || s.Documented != nil
	var recs []sim.Record
	var sink func(*sim.Record)
	if keep {
		sink = func(r *sim.Record) {
			if r.ScriptID != "" {
				recs = append(recs, *r)
			}
		}
	}
	var res *sim.Result
	if opts.Records == "" {
		res, err = plan.Run(ctx, sim.Options{Records: sink})
	} else {
		var n int
		err = reports.WriteFileAtomic(opts.Records, func(w io.Writer) error {
			n, res, err = runWithRecords(ctx, plan, w, sink)
			return err
		})
		if err == nil {
			fmt.Fprintf(opts.IO.ErrOut, "wrote %d contact records to %s\n", n, opts.Records)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}

	var checks []reports.CheckRow
	if s.Documented != nil {
		checks = reports.Check(recs, s.Documented, s.Start)
	}
	if opts.Format == formatJSON {
		err = reports.WriteJSON(opts.IO.Out, res, checks)
	} else {
		err = writeRunTables(opts.IO.Out, reports.Format(opts.Format), s, res, recs, checks)
	}
	if err != nil {
		return err
	}
	if n := reports.Failed(checks); n > 0 {
		return &checksFailedError{n: n}
	}
	return nil
}

// runWithRecords runs plan, writing every record to w as JSON lines and
// passing it to sink (if not nil). A write error stops the run.
func runWithRecords(ctx context.Context, plan *sim.Plan, w io.Writer, sink func(*sim.Record)) (int, *sim.Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rw := reports.NewRecordWriter(w)
	var werr error
	res, err := plan.Run(ctx, sim.Options{Records: func(r *sim.Record) {
		if sink != nil {
			sink(r)
		}
		if werr == nil {
			if werr = rw.Write(r); werr != nil {
				cancel()
			}
		}
	}})
	if werr != nil {
		return 0, nil, fmt.Errorf("write records: %w", werr)
	}
	if err != nil {
		return 0, nil, err
	}
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	if err := rw.Flush(); err != nil {
		return 0, nil, fmt.Errorf("write records: %w", err)
	}
	return rw.Count(), res, nil
}

// writeRunTables writes the report of a run: the header line and the
// summary tables, then for a scripted scenario its contact records, and
// for a documented one the check table with the example's note.
func writeRunTables(w io.Writer, f reports.Format, s *model.Scenario, res *sim.Result, recs []sim.Record, checks []reports.CheckRow) error {
	blank := func() error { _, err := io.WriteString(w, "\n"); return err }
	steps := []func() error{
		func() error { return reports.Header(w, f, res) },
		blank,
		func() error { return reports.SummaryTable(w, f, res) },
	}
	if len(s.Script) > 0 {
		steps = append(steps,
			blank,
			func() error { return reports.Title(w, f, "Contact records of the scripted contacts") },
			func() error { return reports.RecordsTable(w, f, recs) },
		)
	}
	if s.Documented != nil {
		steps = append(steps,
			blank,
			func() error { return reports.Title(w, f, "Documented example: published values against simulated") },
			func() error { return reports.CheckTable(w, f, checks, s.Documented) },
		)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
