package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
)

// fitOptions are the flags of "ccsim fit".
type fitOptions struct {
	IO       *iostreams
	Ctx      context.Context
	Records  []string
	Out      string
	Interval time.Duration
	Dated    bool
	Staffing string
	SkipBad  bool
	Fallback bool
	MinObs   int64
	Smooth   int
	TimeZone string
	// loc is TimeZone loaded (nil without one).
	loc    *time.Location
	Format string
	Quiet  bool
}

func newCmdFit(io *iostreams, runF func(*fitOptions) error) *cobra.Command {
	opts := &fitOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "fit RECORDS... --out DIR",
		Short: "Fit a runnable scenario to a centre's contact records",
		Long: strings.Trim(`
Read Amazon Connect contact records (JSON lines as ccsim run --records writes
them, or JSON objects one after another as Connect's contact-record stream
delivers them; each file plain or gzip-compressed) and write a scenario that
ccsim run takes: DIR/scenario.yaml, a forecast CSV per contact type, a
staffing plan and the fit report (DIR/fit-report.txt, also printed, and
DIR/fit-report.html: each fitted distribution against its data's histogram
or Kaplan-Meier curve, arrivals and staffing per interval).

What is fitted, from which fields:
  contact types     one per queue inbound contacts entered
  arrivals          inbound InitiationTimestamp per queue and interval,
                    averaged over the weeks of the history into one week
                    (the report says how many weeks each interval rests on),
                    or dated (--dated)
  talk, ACW         Agent.AgentInteractionDuration and AfterContactWorkDuration
                    of handled contacts, by maximum likelihood to exponential,
                    lognormal, gamma and Weibull, chosen by AIC, with the KS
                    distance of each
  patience          waits of abandoned callers, with answered and
                    callback-taking callers' waits right-censored
  callbacks         offer time and acceptance, initial delay, retries, retry
                    interval, dial outcome shares, whispers and ring time,
                    from the CALLBACK legs (one record per dial attempt)
  staffing          --staffing FILE (interval_start,agents), else the agents
                    seen working per interval: a lower bound

The week is folded in UTC, as Connect stamps the records. With --time-zone
ZONE (an IANA name, Europe/Berlin) it is folded by the centre's wall clock:
each interval of the history goes to its local slot of the week (Mon 09:00
stays Mon 09:00 across a daylight-saving change), each slot the mean of its
occurrences (the hour the clocks repeat counts twice that day, the hour they
skip once fewer that week), and the scenario gets time_zone: ZONE, starts
on a local Monday 00:00 of a week without a change, and has its forecast
and staffing rows in local time. --staffing times without an offset are
then local (a time the clocks repeat needs its offset); --dated rows are
local, the repeated hour's with their offset. A zone whose UTC offset is not
a whole number of intervals (+05:30 with --interval 1h) is refused.

Every estimate is reported with its 95 % confidence interval and the number
of observations behind it (docs/fit.md says how each is made). Duplicate
ContactIds are counted and dropped.

Exit status: 0 success; 1 interrupted; 2 bad input (a malformed record, with
its file and line, unless --skip-bad; records lacking fields a fit needs; a
queue with too few observations, unless --fallback; a history shorter than
one interval; a staffing file that does not cover the history; an unknown
--time-zone, or one whose offset the intervals do not divide). Nothing is
written unless everything is.`, "\n"),
		Example: strings.Trim(`
  # Four weeks of records to a scenario, then run it
  $ ccsim fit ctr-2024-06-*.json.gz --out fitted --staffing logged-in.csv
  $ ccsim run fitted/scenario.yaml --reps 10

  # A Berlin centre: fold the year's records on the local wall clock
  $ ccsim fit ctr-2024-*.json.gz --out fitted --time-zone Europe/Berlin`, "\n"),
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Records = args
			opts.Ctx = cmd.Context()
			if opts.Out == "" {
				return newUsageError(cmd, errors.New("--out DIR is required"))
			}
			switch opts.Interval {
			case 15 * time.Minute, 30 * time.Minute, time.Hour:
			default:
				return newUsageError(cmd, fmt.Errorf("--interval must be 15m, 30m or 1h (a scenario's interval), got %s", opts.Interval))
			}
			if opts.MinObs < 2 {
				return newUsageError(cmd, fmt.Errorf("--min-obs must be at least 2, got %d", opts.MinObs))
			}
			if opts.Smooth < 1 || opts.Smooth%2 == 0 || opts.Smooth > 47 {
				return newUsageError(cmd, fmt.Errorf("--smooth must be an odd number of intervals from 1 to 47, got %d", opts.Smooth))
			}
			if cmd.Flags().Changed("time-zone") {
				loc, err := loadFitZone(opts.TimeZone)
				if err != nil {
					return newUsageError(cmd, err)
				}
				opts.loc = loc
			}
			if runF != nil {
				return runF(opts)
			}
			return fitRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "directory to write the scenario, forecasts, staffing plan and report into")
	f.DurationVar(&opts.Interval, "interval", 30*time.Minute, "interval of the forecast and staffing plan: 15m, 30m or 1h")
	f.BoolVar(&opts.Dated, "dated", false, "keep the history's dated arrivals instead of averaging them into one week")
	f.StringVar(&opts.Staffing, "staffing", "", "CSV of agents logged in per interval (interval_start,agents) covering the history")
	f.BoolVar(&opts.SkipBad, "skip-bad", false, "count and skip malformed records and records lacking fields, instead of stopping")
	f.BoolVar(&opts.Fallback, "fallback", false, "fit an exponential to samples smaller than --min-obs instead of stopping")
	f.Int64Var(&opts.MinObs, "min-obs", 30, "fewest observations a distribution is fitted to")
	f.IntVar(&opts.Smooth, "smooth", 1, "average each interval's arrivals with its neighbours: an odd number of intervals (1: none)")
	f.StringVar(&opts.TimeZone, "time-zone", "", "fold the week by this IANA zone's wall clock (Europe/Berlin) instead of UTC; the scenario gets it as time_zone")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not print the report")
	enumFlag(cmd, &opts.Format, "format", "table", []string{"table", "markdown"}, "report format")
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

func fitRun(opts *fitOptions) error {
	fo := fit.Options{Interval: opts.Interval, Dated: opts.Dated, MinObs: opts.MinObs, Fallback: opts.Fallback, Smooth: opts.Smooth, Location: opts.loc}
	if opts.Staffing != "" {
		data, err := os.ReadFile(opts.Staffing)
		if err != nil {
			return badInput(fmt.Errorf("--staffing: %w", err))
		}
		parse := fit.ParseStaffing
		if opts.loc != nil {
			// Times without an offset are the centre's wall clock, read
			// as a scenario's staffing plan is.
			parse = func(file string, data []byte) ([]fit.StaffingRow, error) {
				return fit.ParseStaffingWith(file, data, func(s string) (time.Time, string) {
					return scenarios.ParsePlanTime(strings.TrimSpace(s), opts.loc)
				})
			}
		}
		rows, err := parse(opts.Staffing, data)
		if err != nil {
			return badInput(err)
		}
		fo.Staffing = rows
	}
	res, stats, err := fitRecords(opts.Ctx, opts.Records, opts.SkipBad, fo)
	if err != nil {
		return err
	}
	out := &reports.FitOutput{Res: res, Stats: stats}
	for _, r := range opts.Records {
		out.Sources = append(out.Sources, filepath.Base(r))
	}
	scen, _, report, html, forecasts := reports.FitFileNames(res)
	out.Forecasts = forecasts
	var fs reports.FileSet
	defer fs.Abort()
	if err := fs.MkdirAll(opts.Out); err != nil {
		return err
	}
	format := reports.Format(opts.Format)
	writes := []struct {
		name string
		fn   func(io.Writer) error
	}{
		{scen, func(w io.Writer) error { return reports.WriteFitScenario(w, out) }},
		{report, func(w io.Writer) error { return reports.WriteFitReport(w, format, out, true) }},
		{html, func(w io.Writer) error { return reports.WriteFitHTML(w, out) }},
	}
	for i, name := range reports.FitStaffingFiles(res) {
		rows := reports.FitStaffingRows(res, i)
		writes = append(writes, struct {
			name string
			fn   func(io.Writer) error
		}{name, func(w io.Writer) error { return reports.WriteFitStaffing(w, rows) }})
	}
	for _, t := range res.Types {
		writes = append(writes, struct {
			name string
			fn   func(io.Writer) error
		}{forecasts[t.Queue], func(w io.Writer) error { return reports.WriteFitForecast(w, t) }})
	}
	for _, w := range writes {
		if err := fs.Write(filepath.Join(opts.Out, w.name), w.fn); err != nil {
			return err
		}
	}
	if err := fs.Commit(); err != nil {
		return err
	}
	if !opts.Quiet {
		if err := reports.WriteFitReport(opts.IO.Out, format, out, false); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "Wrote %s (run it: ccsim run %s).\n", filepath.Join(opts.Out, scen), filepath.Join(opts.Out, scen))
	}
	return nil
}

// loadFitZone loads --time-zone's zone, as a scenario's time_zone is
// loaded (the binary embeds the tz database).
func loadFitZone(name string) (*time.Location, error) {
	bad := fmt.Errorf("--time-zone: unknown time zone %q (allowed: an IANA tz database name such as Europe/Berlin, America/New_York or UTC)", name)
	if name == "" || name == "Local" || strings.TrimSpace(name) != name {
		return nil, bad
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, bad
	}
	return loc, nil
}

// fitRecords reads the record files into a fit; every failure of the
// input is bad input (exit 2), Ctrl-C stops the read.
func fitRecords(ctx context.Context, files []string, skipBad bool, fo fit.Options) (*fit.Result, fit.ReadStats, error) {
	rd := fit.NewReader(fit.ReadOptions{SkipBad: skipBad})
	ft := fit.NewFitter(rd, fo)
	n := 0
	add := func(r *fit.Record) error {
		n++
		if n&0xffff == 0 && ctx != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		return ft.Add(r)
	}
	for _, file := range files {
		if err := rd.ReadFile(file, add); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil, rd.Stats, err
			}
			return nil, rd.Stats, badInput(err)
		}
	}
	if rd.Replications() > 1 {
		return nil, rd.Stats, badInput(errors.New("the records come from several ccsim replications (attribute ccsim_replication), each the same period simulated again: write the history with ccsim run --reps 1"))
	}
	if skipBad {
		ft.DropMissing()
	}
	res, err := ft.Finish()
	if err != nil {
		return nil, rd.Stats, badInput(err)
	}
	return res, rd.Stats, nil
}
