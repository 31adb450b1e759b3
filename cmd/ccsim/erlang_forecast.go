package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/spf13/cobra"
)

// validateForecast checks the options of ccsim erlang --forecast; the
// errors become usage errors.
func (o *erlangOptions) validateForecast(cmd *cobra.Command) error {
	set := cmd.Flags().Changed
	for _, f := range []string{"volume", "agents"} {
		if set(f) {
			return fmt.Errorf("--%s does not go with --forecast: the forecast gives each interval's calls, and ccsim erlang finds the agents needed", f)
		}
	}
	switch {
	case o.Forecast == "":
		return errors.New("--forecast needs a file name")
	case set("csv") && o.CSV == "":
		return errors.New("--csv needs a file name")
	case o.Model == reports.ErlangModelB:
		return errors.New("--forecast staffs a queue with Erlang C or A; Erlang B has no queue")
	case set("interval") && o.Interval <= 0:
		return fmt.Errorf("--interval must be positive, got %s", o.Interval)
	case set("aht") && o.AHT <= 0:
		return fmt.Errorf("--aht must be positive, got %s", o.AHT)
	case set("max-block"):
		return errors.New("--max-block is Erlang B's target, and --forecast uses Erlang C or A")
	}
	if o.CSV != "" {
		if err := distinctOutputs(output{flag: "forecast", path: o.Forecast}, output{flag: "csv", path: o.CSV}); err != nil {
			return errors.New("--csv would overwrite the --forecast it reads: give the plan its own file")
		}
	}
	if o.Model == reports.ErlangModelA {
		if !set("patience") {
			return errors.New("missing --patience: Erlang A needs the callers' mean patience, e.g. 2m")
		}
		if o.Patience <= 0 {
			return fmt.Errorf("--patience must be positive, got %s", o.Patience)
		}
		if !set("target-sl") && !set("max-abandon") && !set("max-occupancy") {
			return errors.New("give a target for every interval: --target-sl, --max-abandon or --max-occupancy")
		}
	} else {
		if set("patience") || set("max-abandon") {
			return errors.New("--patience and --max-abandon are Erlang A's: Erlang C's callers never hang up (use erlang a)")
		}
		if !set("target-sl") && !set("max-occupancy") {
			return errors.New("give a target for every interval: --target-sl (e.g. 80%) or --max-occupancy")
		}
	}
	if !set("interval") {
		o.Interval = 0 // the forecast's own
	}
	return nil
}

// erlangForecastRun staffs every interval of a forecast.
func erlangForecastRun(opts *erlangOptions) error {
	data, err := scenarios.ReadFile(opts.Forecast)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return badInput(fmt.Errorf("--forecast %s: %w", opts.Forecast, err))
		}
		return fmt.Errorf("--forecast %s: %w", opts.Forecast, err)
	}
	fc, start, err := scenarios.ReadForecastAlone(opts.Forecast, data, opts.Interval)
	if err != nil {
		return err
	}
	p := &reports.ErlangPlan{
		Model: opts.Model, Forecast: opts.Forecast, Interval: fc.Interval, Target: opts.Target, Patience: opts.Patience,
		TargetSL: opts.TargetSL, MaxAbandon: opts.MaxAbandon, MaxOccupancy: opts.MaxOccupancy, Shrinkage: opts.Shrinkage,
	}
	// Every row's problem at once, as the forecast reader lists them.
	var problems []*scenarios.Problem
	for i, row := range fc.Rows {
		r := reports.ErlangPlanRow{
			Start: start.Add(time.Duration(i) * time.Duration(fc.Interval) * time.Millisecond),
			Calls: row.Offered, AHT: row.AHT,
		}
		if r.Calls > 0 {
			if r.AHT == 0 {
				if opts.AHT <= 0 {
					problems = append(problems, &scenarios.Problem{Line: row.Line, Path: "aht",
						Msg: fmt.Sprintf("%v calls with no handle time: give the row's aht, or --aht for the rows without one", row.Offered)})
					continue
				}
				r.AHT = opts.AHT
			}
			o := *opts
			o.Volume, o.AHT, o.Interval = r.Calls, r.AHT, fc.Interval
			if w := o.Volume / o.Interval.Seconds() * o.Patience.Seconds(); o.Model == reports.ErlangModelA && w > maxErlangAWaiting {
				problems = append(problems, &scenarios.Problem{Line: row.Line, Path: "offered",
					Msg: fmt.Sprintf("too much traffic for Erlang A: %s calls per %s with %s patience would keep up to %.0f callers waiting, more than the %d it computes",
						strconv.FormatFloat(r.Calls, 'f', -1, 64), fc.Interval, o.Patience, w, maxErlangAWaiting)})
				continue
			}
			figures := erlangFigures(&o)
			n := agentsNeeded(&o, figures)
			if n < 0 {
				problems = append(problems, &scenarios.Problem{Line: row.Line, Path: "offered",
					Msg: fmt.Sprintf("%s: no number of agents up to %d gives %s with %s Erlangs offered",
						errNoStaffing, maxErlangAgents, planTargetText(p), strconv.FormatFloat(r.Load(fc.Interval), 'f', 3, 64))})
				continue
			}
			r.Result = figures(n)
		}
		p.Rows = append(p.Rows, r)
	}
	if len(problems) > 0 {
		return &scenarios.Error{File: opts.Forecast, Problems: problems}
	}
	if opts.CSV != "" {
		if err := reports.WriteFileAtomic(opts.CSV, reports.ErlangPlanCSV(p).Write); err != nil {
			return err
		}
	}
	if opts.Format == formatJSON {
		return reports.WriteErlangPlanJSON(opts.IO.Out, p)
	}
	return reports.ErlangPlanTable(opts.IO.Out, reports.Format(opts.Format), p)
}

// planTargetText describes the plan's targets.
func planTargetText(p *reports.ErlangPlan) string {
	r := reports.ErlangReport{Target: p.Target, TargetSL: p.TargetSL, MaxAbandon: p.MaxAbandon, MaxOccupancy: p.MaxOccupancy}
	return strings.TrimSpace(r.TargetText())
}
