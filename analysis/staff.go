package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// ErrUnreachable is returned (wrapped) by [SearchStaffing] when even the
// most agents searched cannot meet the target in some interval.
var ErrUnreachable = errors.New("target cannot be met")

// StaffOptions control a staffing search.
type StaffOptions struct {
	// Group is the agent group whose staffing is searched; its shifts are
	// replaced by a staffing plan. Other groups keep theirs.
	Group int
	// ServiceLevel is the target fraction (0.8 for 80/20, the threshold
	// being the scenario's service_level), under the scenario's
	// service-level definition.
	ServiceLevel float64
	// MaxAbandon caps the abandonment rate (a fraction; 0: no cap).
	MaxAbandon float64
	// Reps is the replications per evaluation (default 20); Workers the
	// goroutines (0: one per CPU).
	Reps, Workers int
	// MaxAgents caps an interval's agents (default 5,000).
	MaxAgents int
	// MaxRounds caps the evaluations (default 60).
	MaxRounds int
	// Progress, when not nil, is told after each evaluation.
	Progress func(round int, note string)
}

// StaffInterval is the answer for one interval of the cycle.
type StaffInterval struct {
	Start model.Duration
	// Offered is the contacts offered in the interval, AHT their mean
	// handle time (s).
	Offered float64
	AHT     float64
	// ErlangC and ErlangA are the formulas' answers (rostered agents,
	// shrinkage included; -1: cannot be met; ErlangA equals ErlangC when
	// callers never abandon).
	ErlangC, ErlangA int
	// Agents is the simulation's answer: the fewest rostered agents whose
	// service level's 95 % interval lies at or above the target (and
	// abandonment's at or below the cap), all other intervals staffed as
	// found.
	Agents int
	// ServiceLevel and Abandon are the estimates with Agents (%).
	ServiceLevel, Abandon Estimate
}

// StaffResult is the outcome of a staffing search.
type StaffResult struct {
	Start     time.Time
	Interval  model.Duration
	Intervals []StaffInterval
	// Hours are the total agent-hours over the cycle of the simulation's
	// answer and of Erlang C and A.
	Hours, ErlangCHours, ErlangAHours float64
	// Rounds is the number of evaluations the search made.
	Rounds int
	// Plan is the answer as a staffing plan, for the searched group.
	Plan *model.Plan
}

// MaxSearchAgents is the most agents per interval a staffing search may
// try: the formulas' time grows with it (a second per interval at ten
// million), and no contact centre staffs one queue with more.
const MaxSearchAgents = 100000

// SearchStaffing finds, per interval, the fewest agents of one group that
// meet a service-level target (and an abandonment cap), by simulation.
//
// It starts from Erlang A (or C) per interval, then repeats: evaluate the
// plan with Reps replications; add an agent where the interval misses
// (judged on the confidence interval's pessimistic bound, so that a plan is
// accepted only when chance is an unlikely explanation of its success);
// once every interval meets, take an agent away from every interval that
// may have room, and give it back where that makes the interval miss.
// Intervals interact (a short interval leaves a queue for the next, and
// callbacks move work later), which is why the formulas' answer is only
// the start. s must be valid; it is not changed.
func SearchStaffing(ctx context.Context, s *model.Scenario, opt StaffOptions) (*StaffResult, error) {
	if opt.Reps <= 0 {
		opt.Reps = 20
	}
	if opt.MaxAgents <= 0 {
		opt.MaxAgents = 5000
	}
	if opt.MaxAgents > MaxSearchAgents {
		return nil, fmt.Errorf("analysis: at most %d agents per interval can be searched, got %d", MaxSearchAgents, opt.MaxAgents)
	}
	if opt.MaxRounds <= 0 {
		opt.MaxRounds = 60
	}
	if opt.Group < 0 || opt.Group >= len(s.Agents) {
		return nil, fmt.Errorf("analysis: no agent group %d", opt.Group)
	}
	base, err := sim.Compile(s)
	if err != nil {
		return nil, err
	}
	s = base.Scenario() // normalized: Compile leaves its input as it is
	load := base.OfferedLoad()
	n := len(load)
	iv := int64(s.Interval)
	// The formulas take the threshold in whole seconds.
	target := float64(int64(s.ServiceLevel) / 1000)
	out := &StaffResult{Start: s.Start, Interval: s.Interval, Intervals: make([]StaffInterval, n)}
	keep := 1 - s.Agents[opt.Group].Shrinkage
	rostered := func(agents int) int {
		if agents <= 0 {
			return agents
		}
		return int(math.Ceil(float64(agents)/keep - 1e-9))
	}
	cur := make([]int, n)
	for i, l := range load {
		// The formulas take time in proportion to the agents tried.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		si := &out.Intervals[i]
		si.Start = model.Duration(int64(i) * iv)
		si.Offered, si.AHT = l.Offered, l.AHT
		if si.Offered == 0 {
			continue
		}
		lambda := si.Offered / (float64(iv) / 1000)
		c := erlang.AgentsFor(lambda, si.AHT, 0, target, opt.ServiceLevel, 0, opt.MaxAgents)
		a := c
		if l.Patience > 0 {
			a = erlang.AgentsFor(lambda, si.AHT, l.Patience, target, opt.ServiceLevel, opt.MaxAbandon, opt.MaxAgents)
		}
		si.ErlangC, si.ErlangA = rostered(c), rostered(a)
		start := si.ErlangA
		if start < 0 {
			start = si.ErlangC
		}
		if start < 0 {
			// The formulas cannot meet the target within the limit:
			// start there, so that a target nothing meets fails at once.
			start = opt.MaxAgents
		}
		cur[i] = min(max(start, 1), opt.MaxAgents)
	}

	evaluate := func(plan []int) (*Summary, error) {
		p, err := sim.Compile(withPlan(s, opt.Group, iv, plan))
		if err != nil {
			return nil, err
		}
		res, err := Replicate(ctx, p, ReplicateOptions{Reps: opt.Reps, Workers: opt.Workers})
		if err != nil {
			return nil, err
		}
		out.Rounds++
		return Summarize(res), nil
	}
	meets := func(sum *Summary, i int) bool {
		if out.Intervals[i].Offered == 0 {
			return true
		}
		m := sum.Intervals[i].Metrics
		sl, _ := Find(m, "service_level")
		ab, _ := Find(m, "abandon_rate")
		if math.IsNaN(sl.Mean) {
			return true // nobody left the queue in that interval in any run
		}
		slLow, _ := sl.Bounds()
		ok := slLow >= 100*opt.ServiceLevel
		if _, abHigh := ab.Bounds(); opt.MaxAbandon > 0 && !math.IsNaN(ab.Mean) {
			ok = ok && abHigh <= 100*opt.MaxAbandon
		}
		return ok
	}

	var sum *Summary
	tight := make([]bool, n) // an agent fewer makes the interval miss
	misses := make([]int, n) // consecutive evaluations an interval missed
	parity := 0              // which intervals the next down step tries
	idleDown := 0            // down steps in a row that found nothing to try
	for {
		if out.Rounds >= opt.MaxRounds {
			// ccsim staff prints this message: it keeps the words it
			// had when the search lived in package sim.
			return nil, fmt.Errorf("sim: staffing search did not settle in %d evaluations; raise the limit or the replications", opt.MaxRounds)
		}
		if sum, err = evaluate(cur); err != nil {
			return nil, err
		}
		// Up: every missing interval gets agents, one more each time it
		// misses again (1, 2, 3, ...), so that a target far above the
		// start is reached in few evaluations; the down steps then trim
		// any overshoot.
		missing := 0
		for i := range n {
			if meets(sum, i) {
				misses[i] = 0
				continue
			}
			missing++
			if cur[i] >= opt.MaxAgents {
				return nil, fmt.Errorf("%w: interval %s misses the target with %d agents (the most searched)",
					ErrUnreachable, intervalName(s.Start, out.Intervals[i].Start), cur[i])
			}
			misses[i]++
			cur[i] = min(cur[i]+misses[i], opt.MaxAgents)
			tight[i] = misses[i] == 1 // a bigger step may overshoot: let it be trimmed
		}
		if opt.Progress != nil {
			opt.Progress(out.Rounds, fmt.Sprintf("%d intervals short", missing))
		}
		if missing > 0 {
			continue
		}
		// Down: try one agent fewer in every other interval (even ones,
		// then odd ones), so that no interval is judged next to a
		// neighbour that was cut at the same time.
		trial := append([]int(nil), cur...)
		tried := 0
		for i := parity; i < n; i += 2 {
			// An interval with no contact counted (one inside the
			// warm-up) cannot be judged: it keeps its agents rather than
			// being cut to one, which would flood the intervals after it.
			if off, ok := Find(sum.Intervals[i].Metrics, "offered"); !ok || !(off.Mean > 0) {
				continue
			}
			if !tight[i] && out.Intervals[i].Offered > 0 && cur[i] > 1 {
				trial[i]--
				tried++
			}
		}
		parity = 1 - parity
		if tried == 0 {
			if idleDown++; idleDown == 2 {
				break
			}
			continue
		}
		idleDown = 0
		if sum, err = evaluate(trial); err != nil {
			return nil, err
		}
		for i := range n {
			if trial[i] < cur[i] {
				if meets(sum, i) {
					cur[i] = trial[i]
				} else {
					tight[i] = true
				}
			}
		}
		if opt.Progress != nil {
			opt.Progress(out.Rounds, "trying fewer agents")
		}
	}
	plan := &model.Plan{File: "staffing search", Interval: model.Duration(iv)}
	for i := range n {
		si := &out.Intervals[i]
		si.Agents = cur[i]
		si.ServiceLevel, _ = metricEstimate(sum.Intervals[i].Metrics, "service_level")
		si.Abandon, _ = metricEstimate(sum.Intervals[i].Metrics, "abandon_rate")
		hours := float64(iv) / 3.6e6
		out.Hours += float64(si.Agents) * hours
		out.ErlangCHours += float64(max(si.ErlangC, 0)) * hours
		out.ErlangAHours += float64(max(si.ErlangA, 0)) * hours
		plan.Rows = append(plan.Rows, model.PlanRow{Agents: si.Agents})
	}
	out.Plan = plan
	return out, nil
}

func metricEstimate(ms []Metric, key string) (Estimate, bool) {
	m, ok := Find(ms, key)
	return m.Estimate, ok
}

// withPlan returns a copy of s whose group g works the staffing plan
// agents (per interval of length iv) instead of its shifts.
func withPlan(s *model.Scenario, g int, iv int64, agents []int) *model.Scenario {
	c := *s
	c.Agents = append([]model.AgentGroup(nil), s.Agents...)
	grp := &c.Agents[g]
	plan := &model.Plan{File: "staffing search", Interval: model.Duration(iv)}
	for _, n := range agents {
		plan.Rows = append(plan.Rows, model.PlanRow{Agents: n})
	}
	grp.Staffing, grp.StaffingPlan, grp.Shifts = plan.File, plan, nil
	return &c
}

func intervalName(start time.Time, off model.Duration) string {
	return start.Add(time.Duration(off) * time.Millisecond).Format("Mon 2006-01-02 15:04")
}
