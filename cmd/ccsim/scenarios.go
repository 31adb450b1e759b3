package main

import (
	"strings"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/spf13/cobra"
)

type scenariosOptions struct {
	IO     *iostreams
	Format string
}

func newCmdScenarios(io *iostreams, runF func(*scenariosOptions) error) *cobra.Command {
	opts := &scenariosOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List the built-in scenarios",
		Long: strings.Trim(`
List the scenarios built into ccsim, with what each one shows.

Any of them can be run by name ("ccsim run NAME"). They are small documented
examples and validation cases: john replays Amazon Connect's queued-callback
example timestamp for timestamp; mmc and mmc-abandon are the textbook Erlang C
and Erlang A queues. Your own scenarios are YAML files run by path.`, "\n"),
		Example: strings.Trim(`
  $ ccsim scenarios
  $ ccsim scenarios --format markdown`, "\n"),
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return scenariosRun(opts)
		},
	}
	enumFlag(cmd, &opts.Format, "format", string(reports.FormatTable), []string{string(reports.FormatTable), string(reports.FormatMarkdown)}, "output format")
	return cmd
}

func scenariosRun(opts *scenariosOptions) error {
	var rows [][]string
	for _, info := range scenarios.Describe() {
		rows = append(rows, []string{info.Name, info.Description})
	}
	return reports.List(opts.IO.Out, reports.Format(opts.Format), []string{"name", "description"}, rows)
}
