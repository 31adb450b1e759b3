package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/reports"
)

// mergeOptions are the flags of "ccsim merge".
type mergeOptions struct {
	IO          *iostreams
	Ctx         context.Context
	Parts       []string
	Objective   string
	Minimize    bool
	Constraints []string
	Format      string
	// HTML is the file to write the comparison page to ("" for none).
	HTML string
}

func newCmdMerge(io *iostreams, runF func(*mergeOptions) error) *cobra.Command {
	opts := &mergeOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "merge PART...",
		Short: "Join the partial results of a sharded comparison into its report",
		Long: strings.Trim(`
Read the partial result files the shards of "ccsim compare --partial" wrote
and print the comparison report, exactly as one machine running the whole
sweep would. Every shard must be there once, and all parts must come from the
same sweep (same scenario, settings, seed and replications); anything else
is an error and nothing is printed. --html FILE writes the comparison page
the single run's --html would, byte for byte.`, "\n"),
		Example: strings.Trim(`
  $ ccsim merge sweep/part-*.json
  $ ccsim merge sweep/part-*.json --objective asa --constraint abandon_rate<=5% --format markdown
  $ ccsim merge sweep/part-*.json --html sweep.html`, "\n"),
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Parts = args
			opts.Ctx = cmd.Context()
			if cmd.Flags().Changed("html") && opts.HTML == "" {
				return newUsageError(cmd, errors.New("--html needs a file name"))
			}
			if _, err := objectiveOf(opts.Objective, opts.Minimize, opts.Constraints); err != nil {
				return newUsageError(cmd, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return mergeRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Objective, "objective", "service_level", "metric to rank the variants by: METRIC, or METRIC[QUEUE] for one queue's")
	f.BoolVar(&opts.Minimize, "minimize", false, "rank the lowest objective first")
	f.StringArrayVar(&opts.Constraints, "constraint", nil, "METRIC<=VALUE or METRIC>=VALUE every ranked variant must meet, a percentage as 5% or 0.05; METRIC[QUEUE] for one queue's (repeatable)")
	f.StringVar(&opts.HTML, "html", "", "also write the comparison as a self-contained HTML page with charts to `FILE`")
	enumFlag(cmd, &opts.Format, "format", "table", []string{"table", "markdown", "json"}, "output format")
	_ = cmd.MarkFlagFilename("html", "html", "htm")
	return cmd
}

func mergeRun(opts *mergeOptions) error {
	obj, _ := objectiveOf(opts.Objective, opts.Minimize, opts.Constraints)
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	// Reading (a named pipe blocks) and checking watch no context.
	parts, err := interruptible(ctx, func() ([]*analysis.Partial, error) {
		var parts []*analysis.Partial
		for _, path := range opts.Parts {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			p, err := readPartial(path)
			if err != nil {
				return nil, err
			}
			parts = append(parts, p)
		}
		return parts, nil
	})
	if err != nil {
		return err
	}
	names, results, err := analysis.MergePartials(parts)
	if err != nil {
		return badInput(fmt.Errorf("merge: %w", err))
	}
	r0 := results[0][0]
	var queues []string
	for _, q := range r0.Queues {
		queues = append(queues, q.Name)
	}
	if err := checkQueues(obj, queues); err != nil {
		return err
	}
	meta := reports.CompareMeta{Scenario: parts[0].Scenario, Seed: parts[0].Seed, Reps: parts[0].Reps, ServiceLevel: r0.ServiceLevel}
	// Summarising the variants is the longest phase after reading.
	c, err := interruptible(ctx, func() (*analysis.Comparison, error) { return analysis.Compare(names, results) })
	if err != nil {
		return err
	}
	if err := reports.WriteComparison(opts.IO.Out, reports.Format(opts.Format), opts.HTML, c, obj, meta); err != nil {
		return err
	}
	if opts.HTML != "" {
		fmt.Fprintf(opts.IO.ErrOut, "wrote the comparison page to %s\n", opts.HTML)
	}
	return nil
}

// readPartial reads and checks one partial result file. A file that
// cannot be opened is a failure; one that is not a valid partial result
// is bad input, named with its path.
func readPartial(path string) (*analysis.Partial, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read partial result: %w", err)
	}
	defer f.Close()
	p, err := analysis.ReadPartial(f)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", path, err))
	}
	return p, nil
}
