package roster

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// ErlangRequirement returns the agents of group g that Erlang C needs in
// each interval of s's week to meet the service level sl (a fraction;
// the threshold is s's service_level), with the group's shrinkage added
// as "ccsim staff" adds it (agents / (1 - shrinkage), rounded up).
func ErlangRequirement(s *model.Scenario, g int, sl float64, maxAgents int) (Requirement, error) {
	base, err := sim.Compile(s)
	if err != nil {
		return Requirement{}, err
	}
	s = base.Scenario()
	if g < 0 || g >= len(s.Agents) {
		return Requirement{}, fmt.Errorf("roster: no agent group %d", g)
	}
	load := base.OfferedLoad()
	iv := int64(s.Interval)
	if int64(len(load))*iv != int64(Week) {
		return Requirement{}, fmt.Errorf("%w: ccsim roster plans a week: the scenario's reporting cycle must be 7 days (horizon: 7d, or a forecast of a week), got %d intervals of %s",
			model.ErrInvalid, len(load), s.Interval)
	}
	within := float64(int64(s.ServiceLevel) / 1000)
	shrink := s.Agents[g].Shrinkage
	req := Requirement{Start: s.Start, Interval: s.Interval, Agents: make([]float64, len(load)), File: "Erlang C"}
	for i, l := range load {
		if l.Offered == 0 {
			continue
		}
		n := erlang.AgentsFor(l.Offered/(float64(iv)/1000), l.AHT, 0, within, sl, 0, maxAgents)
		if n < 0 {
			return Requirement{}, fmt.Errorf("%w: interval %s: Erlang C cannot meet %g %% within %s with %d agents",
				ErrCannotCover, req.IntervalName(i), 100*sl, s.ServiceLevel, maxAgents)
		}
		req.Agents[i] = float64(erlang.Staff(float64(n), shrink))
	}
	return req, nil
}

// PlanRequirement turns a staffing plan read for s (as "ccsim staff
// --out" writes one) into a requirement.
func PlanRequirement(s *model.Scenario, p *model.Plan) (Requirement, error) {
	if int64(len(p.Rows))*int64(p.Interval) != int64(Week) {
		return Requirement{}, fmt.Errorf("%w: %s: ccsim roster plans a week: the plan must have one row per interval of 7 days, got %d rows of %s",
			model.ErrInvalid, p.File, len(p.Rows), p.Interval)
	}
	req := Requirement{Start: s.Start, Interval: p.Interval, Agents: make([]float64, len(p.Rows)), File: p.File}
	for i, r := range p.Rows {
		req.Agents[i] = float64(r.Agents)
	}
	return req, nil
}

// WithRoster returns a copy of s whose group g works the roster instead
// of its shifts or staffing plan: one agent group per distinct shift (same
// template, day, start and breaks), named GROUP-1, GROUP-2 ..., with as
// many agents as the roster has that shift, the group's profile and
// settings, and no shrinkage (the roster's breaks are its breaks; the
// requirement carries any other shrinkage). s is not changed.
func WithRoster(s *model.Scenario, g int, r *Roster) *model.Scenario {
	c := *s
	orig := s.Agents[g]
	c.Agents = append([]model.AgentGroup(nil), s.Agents[:g]...)
	type key struct {
		t, day int
		start  model.Duration
		breaks string
	}
	index := map[key]int{}
	first := len(c.Agents)
	for _, sh := range r.Shifts {
		k := key{sh.Template, sh.Day, sh.Start, fmt.Sprint(sh.Breaks)}
		if j, ok := index[k]; ok {
			c.Agents[j].Count++
			continue
		}
		tp := &r.Templates[sh.Template]
		ng := orig
		ng.Name = fmt.Sprintf("%s-%d", orig.Name, len(c.Agents)-first+1)
		ng.Count = 1
		ng.Staffing, ng.StaffingPlan = "", nil
		ng.Shrinkage = 0
		wd := r.Req.Start.Add(time.Duration(sh.Day) * 24 * time.Hour).Weekday()
		startTOD := sh.Start % model.Day
		shift := model.Shift{
			Days:  []string{strings.ToLower(wd.String()[:3])},
			Start: model.At{Set: true, Clock: true, Value: startTOD},
			End:   model.At{Set: true, Clock: true, Value: (startTOD + tp.Length) % model.Day},
		}
		for b, off := range sh.Breaks {
			shift.Breaks = append(shift.Breaks, model.Break{Start: model.At{Set: true, Value: off}, Duration: tp.Breaks[b].Length, Kind: tp.Breaks[b].Kind()})
		}
		ng.Shifts = []model.Shift{shift}
		index[k] = len(c.Agents)
		c.Agents = append(c.Agents, ng)
	}
	c.Agents = append(c.Agents, s.Agents[g+1:]...)
	return &c
}

// CheckOptions control [Check].
type CheckOptions struct {
	// Group is the agent group the roster staffs.
	Group int
	// ServiceLevel is the target (a fraction), the threshold being the
	// scenario's service_level.
	ServiceLevel float64
	// Reps and Workers are as for analysis.Replicate (Reps default 20).
	Reps, Workers int
	// MaxEvaluations caps the simulations of the roster (default 10).
	MaxEvaluations int
	// Progress, when not nil, is told after each evaluation.
	Progress func(evaluation int, note string)
}

// IntervalCheck is the simulated service level of one interval.
type IntervalCheck struct {
	Offered      float64
	ServiceLevel analysis.Estimate // %
	// Meets is true when the interval's 95 % interval lies at or above
	// the target, or nobody left the queue then.
	Meets bool
}

// CheckResult is a roster after its simulated check.
type CheckResult struct {
	Roster      *Roster
	Intervals   []IntervalCheck
	Evaluations int
	// Added is the shifts the check added to the solver's roster.
	Added int
	// Missing lists the intervals still missing the target when the
	// evaluations ran out (empty: the roster meets it everywhere).
	Missing []int
}

// Check simulates the roster in s (group g replaced by it), and while an
// interval's service level misses the target on its confidence
// interval's lower bound, adds to the roster, for each such interval not
// yet helped in that round, the cheapest shift on duty then (within the
// template caps), and simulates again. It stops when every interval
// meets the target, or after MaxEvaluations simulations, with the
// intervals that still miss in Missing. Shifts are only added, so the
// search is monotone. It fails with [ErrCannotCover] when an interval
// misses and every template on duty then is at its cap.
func Check(ctx context.Context, s *model.Scenario, r *Roster, opt CheckOptions) (*CheckResult, error) {
	if opt.Reps <= 0 {
		opt.Reps = 20
	}
	if opt.MaxEvaluations <= 0 {
		opt.MaxEvaluations = 10
	}
	if r.solver == nil {
		return nil, fmt.Errorf("roster: Check needs a roster from Solve")
	}
	sv := r.solver
	out := &CheckResult{}
	for {
		p, err := sim.Compile(WithRoster(s, opt.Group, r))
		if err != nil {
			return nil, fmt.Errorf("roster: the roster's scenario: %w", err)
		}
		res, err := analysis.Replicate(ctx, p, analysis.ReplicateOptions{Reps: opt.Reps, Workers: opt.Workers})
		if err != nil {
			return nil, err
		}
		out.Evaluations++
		sum := analysis.Summarize(res)
		for _, r := range res {
			sim.Recycle(r) // the summary copies what it needs
		}
		out.Intervals = make([]IntervalCheck, len(sum.Intervals))
		var missing []int
		for i := range sum.Intervals {
			ic := &out.Intervals[i]
			ms := sum.Intervals[i].Metrics
			if off, ok := analysis.Find(ms, "offered"); ok {
				ic.Offered = off.Mean
			}
			sl, _ := analysis.Find(ms, "service_level")
			ic.ServiceLevel = sl.Estimate
			lo, _ := sl.Bounds()
			ic.Meets = math.IsNaN(sl.Mean) || !(ic.Offered > 0) || lo >= 100*opt.ServiceLevel
			if !ic.Meets {
				missing = append(missing, i)
			}
		}
		out.Roster, out.Missing = r, missing
		if opt.Progress != nil {
			opt.Progress(out.Evaluations, fmt.Sprintf("%d intervals miss the target", len(missing)))
		}
		if len(missing) == 0 || out.Evaluations >= opt.MaxEvaluations {
			return out, nil
		}
		helped := make([]bool, len(sum.Intervals))
		for _, i := range missing {
			if i >= sv.n || helped[i] {
				continue
			}
			c := sv.cheapestOn(i)
			if c < 0 {
				return nil, fmt.Errorf("%w: interval %s misses %g %% within %s (%.1f %% simulated) and every template on duty then is at its max_agents (%s)",
					ErrCannotCover, r.Req.IntervalName(i), 100*opt.ServiceLevel, s.ServiceLevel, out.Intervals[i].ServiceLevel.Mean, sv.capsText(i))
			}
			sv.add(c)
			out.Added++
			for _, e := range sv.cands[c].avg {
				if e.f >= 0.5 {
					helped[e.i] = true
				}
			}
		}
		r = sv.roster(r.Relaxation)
	}
}

// cheapestOn returns the cheapest candidate within its cap on duty for at
// least half of interval i (counted with its breaks spread), the one most
// on duty then among equals, or -1.
func (s *solver) cheapestOn(i int) int {
	best, bestCost, bestF := -1, math.Inf(1), 0.0
	for c := range s.cands {
		cd := &s.cands[c]
		for _, e := range cd.avg {
			if e.i != i || e.f < 0.5 {
				continue
			}
			if (cd.cost < bestCost-1e-12 || (cd.cost < bestCost+1e-12 && e.f > bestF+1e-12)) && s.canAdd(c) {
				best, bestCost, bestF = c, cd.cost, e.f
			}
		}
	}
	return best
}
