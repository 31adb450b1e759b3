package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/spf13/cobra"
)

// maxErlangAgents is the most agents ccsim erlang tries when looking for
// the fewest that meet a target.
const maxErlangAgents = 10000

// maxErlangAWaiting caps arrival rate x mean patience for Erlang A: the
// callers waiting when no one is answered, which sets the cost of the
// model (a fraction of a second at the cap). Real intervals are far below it: 10,000
// calls per half hour with 10 minutes' patience make 3,333.
const maxErlangAWaiting = 20000

var erlangModels = []string{reports.ErlangModelB, reports.ErlangModelC, reports.ErlangModelA}

type erlangOptions struct {
	IO *iostreams

	// Model is "b", "c" or "a".
	Model string
	// Volume contacts arrive per Interval and take AHT on average.
	Volume   float64
	Interval model.Duration
	AHT      model.Duration
	// Agents is the staffing to evaluate (0: none given).
	Agents int
	// Target is the service-level threshold; Patience the mean patience
	// (Erlang A).
	Target   model.Duration
	Patience model.Duration
	// TargetSL, MaxAbandon and MaxBlock are fractions (0: not set).
	// TargetHasSL is set when --target gave the service level too
	// ("80/20").
	TargetSL    float64
	TargetHasSL bool
	MaxAbandon  float64
	MaxBlock    float64
	// MaxOccupancy caps the occupancy of the agents needed; Shrinkage is
	// the share of scheduled time not on contacts (fractions, 0: not set).
	MaxOccupancy float64
	Shrinkage    float64
	// Forecast is a forecast CSV file to staff interval by interval ("":
	// one interval, from --volume); CSV the file to write that plan to.
	Forecast string
	CSV      string
	Format   string
}

// errNoStaffing is returned when no staffing up to maxErlangAgents meets
// the targets.
var errNoStaffing = errors.New("no staffing meets the target")

func newCmdErlang(io *iostreams, runF func(*erlangOptions) error) *cobra.Command {
	opts := &erlangOptions{IO: io, Interval: 30 * model.Minute, Target: 20 * model.Second}
	cmd := &cobra.Command{
		Use:   "erlang {b|c|a} {--volume N --aht DURATION | --forecast FILE} {--agents N | --target SL/TIME}",
		Short: "Staffing from the Erlang B, C and A formulas: service level, waits, agents needed",
		Long: strings.Trim(`
Compute the steady-state figures of an interval from the classic queueing
formulas, the first estimate of a staffing plan (and ccsim's check on its
own simulator):

  b   Erlang B (M/M/n/n): no queue; a contact that finds every agent busy
      is lost. Reports P(block) and occupancy. For lines or trunks, or
      agents when callers cannot wait.
  c   Erlang C (M/M/n): an unlimited queue and callers who never hang up.
      Reports P(wait), the service level, the average speed of answer (ASA)
      and occupancy. The planner's usual formula; it overstates the agents
      needed when callers do abandon.
  a   Erlang A (M/M/n+M, Palm): as Erlang C, but callers hang up after an
      exponentially distributed patience of mean --patience. Reports
      P(abandon) too. Closer to a real centre, and always stable.

Give the interval's traffic: --volume contacts offered per --interval
(default 30m), each taking --aht on average (talk plus after-contact work).
Then either --agents, to see what a staffing achieves, or a target, to find
the fewest agents that meet it: --target SL/TIME as "ccsim staff" takes it
(80/20: 80 % of contacts answered within 20 s; also 80%/20s or 0.8/20s),
or --target-sl 80% with the threshold --target 20s (the default); for
Erlang A also, or instead, --max-abandon, the highest acceptable share of
callers who hang up; for Erlang B --max-block, the highest acceptable share
of contacts lost; and for any model --max-occupancy, the highest share of
their time the agents may spend on contacts (Erlang calculators' "maximum
occupancy": agents are added until occupancy is at most that, which for
Erlang C means at least Erlangs / max-occupancy agents). With both
--agents and a target the two staffings are shown side by side. Shares are
written as everywhere in ccsim: 0.8 or 80% (a bare number above 1 is
refused; 80/20 is the one exception, since that is what planners write).

--shrinkage, the share of scheduled time agents are not available for
contacts (breaks, training, meetings, absence), turns the agents needed
into the staff to schedule: agents / (1 - shrinkage), rounded up (40
agents with 30% shrinkage are 58 staff).

--forecast FILE staffs a whole forecast at once, as an Erlang calculator's
batch mode does: the forecast CSV a scenario takes (columns
interval_start, offered and optionally aht; one row per interval, each one
interval after the one before), with Erlang C or A. Each interval gets the
fewest agents meeting the targets there, with their service level, ASA,
abandonment (Erlang A) and occupancy, the staff to schedule with
--shrinkage, and the totals. The interval is the gap between the first two
rows (--interval, if given, must match it); --aht is the handle time of
rows that leave theirs empty. Intervals with no calls need no agents and
are left out of the table. --csv FILE writes the plan as CSV, one row per
forecast row: interval_start, calls, aht_s, erlangs, agents, staff,
service_level_pct, asa_s, abandon_pct, occupancy_pct.

Durations are written as in scenario files: 90s, 3m, 1h30m. The formulas
assume Poisson arrivals, exponential handle times and a steady state; "ccsim
run" simulates what they leave out (shifts, callbacks, peaks within the
interval, other distributions).`, "\n"),
		Example: strings.Trim(`
  # 100 calls per half hour, 3-minute handle time, 14 agents
  $ ccsim erlang c --volume 100 --aht 180s --agents 14

  # Agents needed for 80 % answered within 20 s
  $ ccsim erlang c --volume 100 --aht 3m --target 80/20

  # With callers who hang up after 2 minutes on average, at most 5 % of them
  $ ccsim erlang a --volume 100 --aht 3m --patience 2m --target-sl 0.8 --max-abandon 5%

  # Lines needed to lose at most 1 % of 400 calls an hour of 4 minutes
  $ ccsim erlang b --volume 400 --interval 1h --aht 4m --max-block 1%

  # As JSON, for scripts
  $ ccsim erlang c --volume 100 --aht 180s --agents 14 --format json

  # A calculator's settings: at most 85 % occupancy, 30 % shrinkage
  $ ccsim erlang c --volume 500 --interval 30m --aht 120s --target-sl 80% --max-occupancy 85% --shrinkage 30%

  # Every interval of a week's forecast, and the plan as CSV
  $ ccsim erlang c --forecast week.csv --target-sl 80% --shrinkage 30% --csv week-agents.csv`, "\n"),
		Args:              erlangArg,
		ValidArgsFunction: completeErlangModel,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Model = args[0]
			validate, run := opts.validate, erlangRun
			if cmd.Flags().Changed("forecast") {
				validate, run = opts.validateForecast, erlangForecastRun
			}
			if err := validate(cmd); err != nil {
				return newUsageError(cmd, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	f := cmd.Flags()
	f.Float64Var(&opts.Volume, "volume", 0, "contacts offered per interval (required without --forecast)")
	f.Var(durationFlag{&opts.Interval}, "interval", "length of the interval the volume arrives in (with --forecast: the file's)")
	f.Var(durationFlag{&opts.AHT}, "aht", "average handle time, talk plus after-contact work, e.g. 180s (required without --forecast)")
	f.IntVar(&opts.Agents, "agents", 0, "agents to evaluate")
	f.Var(targetFlag{&opts.TargetSL, &opts.Target, &opts.TargetHasSL}, "target",
		"service-level target as SL/TIME, e.g. 80/20 (80 % within 20 s, as staff takes it), or the threshold alone, e.g. 20s")
	f.Var(durationFlag{&opts.Patience}, "patience", "callers' mean patience before hanging up (Erlang A, required there)")
	f.Var(fractionFlag{&opts.TargetSL}, "target-sl", "service level to reach, e.g. 0.8 or 80%: report the agents needed")
	f.Var(fractionFlag{&opts.MaxAbandon}, "max-abandon", "Erlang A: highest share of callers hanging up, e.g. 5%")
	f.Var(fractionFlag{&opts.MaxBlock}, "max-block", "Erlang B: highest share of contacts lost, e.g. 1%")
	f.Var(fractionFlag{&opts.MaxOccupancy}, "max-occupancy", "highest share of agent time on contacts, e.g. 85% (agents are added until met)")
	f.Var(fractionFlag{&opts.Shrinkage}, "shrinkage", "share of scheduled time not on contacts, e.g. 30%: staff = agents / (1 - shrinkage)")
	f.StringVar(&opts.Forecast, "forecast", "", "staff every interval of the forecast CSV `FILE` (Erlang C or A)")
	f.StringVar(&opts.CSV, "csv", "", "with --forecast: write the plan to `FILE` as CSV")
	_ = cmd.MarkFlagFilename("forecast", "csv")
	_ = cmd.MarkFlagFilename("csv", "csv")
	enumFlag(cmd, &opts.Format, "format", formatTable, runFormats, "output format")
	return cmd
}

// validate checks the options against the model; the errors become usage
// errors.
func (o *erlangOptions) validate(cmd *cobra.Command) error {
	set := cmd.Flags().Changed
	switch {
	case set("csv"):
		return errors.New("--csv writes the plan of a --forecast: give --forecast FILE, or leave --csv out")
	case set("shrinkage") && !set("target-sl") && !set("max-abandon") && !set("max-block") && !set("max-occupancy"):
		return errors.New("--shrinkage turns the agents needed into staff: give a target (--target-sl, --max-abandon, --max-block or --max-occupancy)")
	case !set("volume"):
		return errors.New("missing --volume: the contacts offered per interval")
	case !(o.Volume > 0) || math.IsInf(o.Volume, 0):
		return fmt.Errorf("--volume must be positive, got %v", o.Volume)
	case o.Interval <= 0:
		return fmt.Errorf("--interval must be positive, got %s", o.Interval)
	case !set("aht"):
		return errors.New("missing --aht: the average handle time, e.g. 180s")
	case o.AHT <= 0:
		return fmt.Errorf("--aht must be positive, got %s", o.AHT)
	case set("agents") && o.Agents <= 0:
		return fmt.Errorf("--agents must be positive, got %d", o.Agents)
	case set("agents") && o.Agents > maxErlangAgents:
		return fmt.Errorf("--agents must be at most %d, got %d", maxErlangAgents, o.Agents)
	}
	if o.TargetHasSL && set("target-sl") {
		return errors.New("--target SL/TIME gives the service level already: drop --target-sl, or give --target the threshold alone (20s)")
	}
	hasSL := set("target-sl") || o.TargetHasSL
	notFor := func(flags ...string) error {
		for _, f := range flags {
			if set(f) {
				return fmt.Errorf("--%s does not apply to Erlang %s", f, strings.ToUpper(o.Model))
			}
		}
		return nil
	}
	switch o.Model {
	case reports.ErlangModelB:
		if err := notFor("target", "target-sl", "patience", "max-abandon"); err != nil {
			return fmt.Errorf("%w: a loss system has no queue (use --max-block for a target)", err)
		}
		if !set("agents") && !set("max-block") && !set("max-occupancy") {
			return errors.New("give --agents to evaluate, or --max-block to find the agents needed")
		}
	case reports.ErlangModelC:
		if err := notFor("patience", "max-abandon"); err != nil {
			return fmt.Errorf("%w: its callers never hang up (use erlang a)", err)
		}
		if err := notFor("max-block"); err != nil {
			return err
		}
		if !set("agents") && !hasSL && !set("max-occupancy") {
			return errors.New("give --agents to evaluate, or --target SL/TIME (e.g. 80/20) to find the agents needed")
		}
	case reports.ErlangModelA:
		if err := notFor("max-block"); err != nil {
			return err
		}
		if !set("patience") {
			return errors.New("missing --patience: Erlang A needs the callers' mean patience, e.g. 2m")
		}
		if o.Patience <= 0 {
			return fmt.Errorf("--patience must be positive, got %s", o.Patience)
		}
		// The Erlang A sums run over the queue lengths that matter, about
		// arrival rate x patience of them when the agents are swamped.
		if w := o.Volume / o.Interval.Seconds() * o.Patience.Seconds(); w > maxErlangAWaiting {
			return fmt.Errorf("too much traffic for Erlang A: %s contacts/s with %s patience would keep up to %.0f callers waiting, more than the %d it computes",
				strconv.FormatFloat(o.Volume/o.Interval.Seconds(), 'g', 6, 64), o.Patience, w, maxErlangAWaiting)
		}
		if !set("agents") && !hasSL && !set("max-abandon") && !set("max-occupancy") {
			return errors.New("give --agents to evaluate, or --target SL/TIME (e.g. 80/20) or --max-abandon to find the agents needed")
		}
	}
	return nil
}

// erlangArg checks that the one argument names a model.
func erlangArg(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return newUsageError(cmd, errors.New("missing model: b (Erlang B), c (Erlang C) or a (Erlang A)"))
	case len(args) > 1:
		return newUsageError(cmd, fmt.Errorf("too many arguments: %s takes one model, got %q", cmd.CommandPath(), args))
	}
	m := strings.ToLower(args[0])
	for _, v := range erlangModels {
		if m == v {
			args[0] = m
			return nil
		}
	}
	return newUsageError(cmd, fmt.Errorf("unknown model %q: want b (Erlang B), c (Erlang C) or a (Erlang A)", args[0]))
}

func completeErlangModel(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return []cobra.Completion{
		cobra.CompletionWithDesc("b", "Erlang B: lost when all busy"),
		cobra.CompletionWithDesc("c", "Erlang C: queue, no abandonment"),
		cobra.CompletionWithDesc("a", "Erlang A: queue with abandonment"),
	}, cobra.ShellCompDirectiveNoFileComp
}

func erlangRun(opts *erlangOptions) error {
	r := &reports.ErlangReport{
		Model:        opts.Model,
		Volume:       opts.Volume,
		Interval:     opts.Interval,
		AHT:          opts.AHT,
		Target:       opts.Target,
		Patience:     opts.Patience,
		TargetSL:     opts.TargetSL,
		MaxAbandon:   opts.MaxAbandon,
		MaxBlock:     opts.MaxBlock,
		MaxOccupancy: opts.MaxOccupancy,
		Shrinkage:    opts.Shrinkage,
	}
	figures := erlangFigures(opts)
	if opts.Agents > 0 {
		r.At = figures(opts.Agents)
	}
	if r.HasTarget() {
		n := agentsNeeded(opts, figures)
		if n < 0 {
			return fmt.Errorf("%w: no number of agents up to %d gives %s with %s Erlangs offered",
				errNoStaffing, maxErlangAgents, r.TargetText(), strconv.FormatFloat(r.OfferedLoad(), 'f', 3, 64))
		}
		r.Needed = figures(n)
	}
	if opts.Format == formatJSON {
		return reports.WriteErlangJSON(opts.IO.Out, r)
	}
	return reports.ErlangTable(opts.IO.Out, reports.Format(opts.Format), r)
}

// erlangFigures returns the model's figures for n agents with the traffic
// of opts.
func erlangFigures(opts *erlangOptions) func(n int) *erlang.Result {
	lambda := opts.Volume / opts.Interval.Seconds()
	aht := opts.AHT.Seconds()
	return func(n int) *erlang.Result {
		var e erlang.Result
		switch opts.Model {
		case reports.ErlangModelB:
			a := lambda * aht
			b := erlang.B(n, a)
			e = erlang.Result{Agents: n, Load: a, PBlock: b, Occupancy: a * (1 - b) / float64(n), Stable: true}
		case reports.ErlangModelA:
			e = erlang.AModel(n, lambda, aht, opts.Patience.Seconds(), opts.Target.Seconds())
		default:
			e = erlang.CModel(n, lambda, aht, opts.Target.Seconds())
		}
		return &e
	}
}

// agentsNeeded returns the fewest agents meeting the targets, or -1 if
// none up to maxErlangAgents does. It asks what [erlang.AgentsFor] asks of
// the figures of each staffing (stable, service level at least the
// target, abandonment and blocking at most their caps), with Erlang B's
// blocking cap and the occupancy cap too (occupancy falls as agents are
// added, so the search stays a bisection), and skips evaluating Erlang A
// where the carried load alone already fails the targets.
func agentsNeeded(opts *erlangOptions, figures func(n int) *erlang.Result) int {
	load := opts.Volume / opts.Interval.Seconds() * opts.AHT.Seconds()
	meets := func(n int) bool {
		if opts.Model == reports.ErlangModelA && load > float64(n) {
			// n agents carry at most n Erlangs: at least 1 - n/load of
			// the callers abandon, at most n/load are answered. Skip the
			// model where that already fails the targets.
			if carried := float64(n) / load; opts.TargetSL > carried || (opts.MaxAbandon > 0 && 1-carried > opts.MaxAbandon) {
				return false
			}
		}
		e := figures(n)
		if opts.MaxOccupancy > 0 && e.Occupancy > opts.MaxOccupancy+1e-12 {
			return false
		}
		switch opts.Model {
		case reports.ErlangModelB:
			return e.PBlock <= opts.MaxBlock
		case reports.ErlangModelA:
			return e.ServiceLevel >= opts.TargetSL && (opts.MaxAbandon <= 0 || e.PAbandon <= opts.MaxAbandon)
		}
		return e.Stable && e.ServiceLevel >= opts.TargetSL
	}
	return erlang.FewestAgents(1, maxErlangAgents, meets)
}

// durationFlag is a flag holding a [model.Duration], written as in
// scenario files ("180s", "3m", "1h30m").
type durationFlag struct{ d *model.Duration }

func (f durationFlag) Set(s string) error {
	d, err := model.ParseDuration(s)
	if err != nil {
		return err
	}
	*f.d = d
	return nil
}

func (f durationFlag) String() string {
	if f.d == nil || *f.d == 0 {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Type() string { return "duration" }

// fractionFlag is a flag holding a fraction strictly between 0 and 1,
// written "0.8", "80%" or "80 %".
type fractionFlag struct{ p *float64 }

func (f fractionFlag) Set(s string) error {
	v, err := parseFraction(s)
	if err != nil {
		return err
	}
	*f.p = v
	return nil
}

func (f fractionFlag) String() string {
	if f.p == nil || *f.p == 0 {
		return ""
	}
	return strconv.FormatFloat(*f.p, 'f', -1, 64)
}

func (f fractionFlag) Type() string { return "fraction" }

// parseFraction reads a share as every ccsim input does
// ([model.ParseFraction]: "0.8", "80%" or "80 %"), for a target that must
// lie strictly between 0 and 1: no staffing reaches 100 %.
func parseFraction(s string) (float64, error) {
	v, err := model.ParseFraction(s)
	if err != nil {
		return 0, err
	}
	if v <= 0 || v >= 1 {
		return 0, fmt.Errorf("%q must lie between 0 and 100 %%, both excluded", s)
	}
	return v, nil
}

// targetFlag is erlang's --target: the service-level target SL/TIME as
// staff takes it ("80/20": 80 % answered within 20 s), which sets the
// service level and its threshold at once, or the threshold alone ("20s",
// with --target-sl or --agents).
type targetFlag struct {
	sl     *float64
	within *model.Duration
	hasSL  *bool
}

func (f targetFlag) Set(s string) error {
	if strings.Contains(s, "/") {
		sl, within, err := model.ParseServiceTarget(s)
		if err != nil {
			return err
		}
		if sl <= 0 || sl >= 1 {
			return fmt.Errorf("%q: the service level must lie between 0 and 100 %%, both excluded", s)
		}
		*f.sl, *f.within, *f.hasSL = sl, within, true
		return nil
	}
	d, err := model.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%w; or give SL/TIME, e.g. 80/20", err)
	}
	*f.within = d
	return nil
}

func (f targetFlag) String() string {
	if f.within == nil {
		return ""
	}
	if f.hasSL != nil && *f.hasSL {
		return model.FormatPercent(*f.sl) + "/" + f.within.String()
	}
	return f.within.String()
}

func (f targetFlag) Type() string { return "SL/TIME" }
