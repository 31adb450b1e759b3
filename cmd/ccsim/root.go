package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// newRootCmd builds the ccsim command tree writing to io.
func newRootCmd(io *iostreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "ccsim <command> [flags]",
		Short: "Simulate a contact centre for capacity planning",
		Long: strings.Trim(`
ccsim simulates an inbound contact centre, contact by contact: queues, routing
profiles, agents and their shifts, impatient callers, and queued callbacks as
Amazon Connect runs them (initial delay, agent whisper, redials, expiry).

Describe your centre in a scenario file, run it, and read the service level,
abandonment, callback workload and agent occupancy that your staffing gives,
before you roster it. Every run is reproducible: the same scenario and seed
give the same result, contact for contact.`, "\n"),
		Example: strings.Trim(`
  # List the built-in scenarios
  $ ccsim scenarios

  # Replay Amazon Connect's documented queued-callback example
  $ ccsim run john

  # Plan a week of a sales line: 10 replications, confidence intervals
  $ ccsim run planning-week --reps 10

  # Agents needed for 80 % of 100 calls per half hour answered in 20 s
  $ ccsim erlang c --volume 100 --aht 180s --target-sl 80%

  # Run your own centre with another seed, keeping every contact record
  $ ccsim run my-centre.yaml --seed 7 --records records.jsonl`, "\n"),
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Bare "ccsim" prints the help; "ccsim nosuch" is a usage error
		// (exit status 2) rather than cobra's plain error.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf("; did you mean %q?", s[0])
			}
			return newUsageError(cmd, fmt.Errorf("%s", msg))
		},
		RunE:                       func(cmd *cobra.Command, args []string) error { return cmd.Help() },
		SuggestionsMinimumDistance: 2,
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetVersionTemplate("ccsim {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return newUsageError(cmd, err) })
	root.AddCommand(
		newCmdRun(io, nil),
		newCmdCompare(io, nil),
		newCmdMerge(io, nil),
		newCmdStaff(io, nil),
		newCmdRoster(io, nil),
		newCmdFit(io, nil),
		newCmdBacktest(io, nil),
		newCmdErlang(io, nil),
		newCmdScenarios(io, nil),
		newCmdVersion(io, nil),
	)
	return root
}
