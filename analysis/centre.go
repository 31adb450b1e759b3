package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// ErrBudget is returned (wrapped) by [SearchCentre] with a result when the
// search used up its evaluations before it settled: the result is the best
// plan it found (see [SearchCentre]), not a settled answer.
var ErrBudget = errors.New("staffing search ran out of evaluations")

// QueueTarget is what one queue must reach in every interval, judged on the
// pessimistic end of the 95 % confidence interval. A zero field sets no
// target.
type QueueTarget struct {
	// ServiceLevel is the fraction to serve within the scenario's
	// service_level threshold (0.8 for 80/20).
	ServiceLevel float64
	// MaxAbandon caps the abandonment rate (a fraction).
	MaxAbandon float64
	// MaxASA caps the average speed of answer (seconds).
	MaxASA float64
}

// IsSet reports whether t asks for anything.
func (t QueueTarget) IsSet() bool { return t.ServiceLevel > 0 || t.MaxAbandon > 0 || t.MaxASA > 0 }

// GroupTarget is what one staffed agent group must keep to in every
// interval, judged like the queues' targets on the pessimistic end of the
// 95 % confidence interval. A zero field sets no target.
type GroupTarget struct {
	// MaxOccupancy caps the group's occupancy (a fraction, 0.85 for
	// 85 %): time on contacts over time logged in and not missing, the
	// planner's usual guard against burnout.
	MaxOccupancy float64
}

// IsSet reports whether t asks for anything.
func (t GroupTarget) IsSet() bool { return t.MaxOccupancy > 0 }

// CentreOptions control a staffing search of several groups and queues.
type CentreOptions struct {
	// Groups are the agent groups whose staffing is searched (their shifts
	// are replaced by plans; other groups keep theirs). Empty: every group
	// whose routing profile serves a queue with a target.
	Groups []int
	// Targets holds one target per queue of the scenario, in its order.
	Targets []QueueTarget
	// GroupTargets, when not nil, holds one target per agent group of the
	// scenario, in its order. A group with a target must be staffed.
	GroupTargets []GroupTarget
	// Reps is the replications per evaluation (default 20); Workers the
	// goroutines (0: one per CPU).
	Reps, Workers int
	// MaxAgents caps a group's agents in one interval (default 5,000).
	MaxAgents int
	// MaxEvaluations is the search's budget (default 100).
	MaxEvaluations int
	// Progress, when not nil, is told after each evaluation.
	Progress func(evaluation int, note string)
}

// CentreGroup is the answer for one staffed group. Result holds its
// agents per interval in the form of a one-group search: Offered and AHT
// are its share of the load, ErlangC and ErlangA its share of the
// formulas' agents (rostered), ServiceLevel and Abandon those of all
// queues together.
type CentreGroup struct {
	Group  int
	Name   string
	Result *StaffResult
	// Target is the group's own target (zero: none).
	Target GroupTarget
	// Intervals holds the group's simulated occupancy per interval of
	// the cycle, with the plan, and what the interval misses of Target.
	Intervals []GroupInterval
}

// GroupInterval is one staffed group's occupancy (%) in one interval and
// what it misses of the group's target ("" when it meets it or has none).
type GroupInterval struct {
	Occupancy Estimate
	Miss      string
}

// QueueInterval is one queue's load, formula answers and simulated
// figures in one interval of the cycle.
type QueueInterval struct {
	Start        model.Duration
	Offered, AHT float64
	// ErlangC and ErlangA are the agents on duty the formulas ask for
	// this queue alone (-1: none within the limit).
	ErlangC, ErlangA int
	// ServiceLevel, Abandon (%) and ASA (s) are the estimates with the
	// plan.
	ServiceLevel, Abandon, ASA Estimate
	// Miss says what the interval misses ("" when it meets the target).
	Miss string
}

// CentreQueue is the answer for one queue.
type CentreQueue struct {
	Queue     int
	Name      string
	Target    QueueTarget
	Intervals []QueueInterval
}

// Miss is one queue and interval, or one group and interval, that the
// plan does not meet: Queue or Group names it, the other is "".
type Miss struct {
	Queue string
	Group string
	Start model.Duration
	// At names the interval on the scenario's clock.
	At     string
	Reason string
}

// CentreResult is the outcome of [SearchCentre].
type CentreResult struct {
	Start    time.Time
	Interval model.Duration
	Groups   []CentreGroup
	Queues   []CentreQueue
	// Evaluations is the number of plans simulated.
	Evaluations int
	// Hours, ErlangCHours and ErlangAHours are the agent-hours of the
	// staffed groups over the cycle: the plan's, and the formulas' split
	// as the search's start.
	Hours, ErlangCHours, ErlangAHours float64
	// Settled is false when the budget ran out: the plan is then the
	// best found, and Misses lists where it falls short.
	Settled bool
	Misses  []Miss
}

// SearchCentre finds agents per group per interval for several agent
// groups and queues at once, each queue with its own target.
//
// Start: per queue and interval, the fewest agents on duty Erlang A (Erlang
// C when the queue's callers never abandon) gives for that queue's own
// load and target. The queue's agents are split equally among the staffed
// groups that serve it at its best priority (the lowest priority number
// among them; groups that only overflow to it get no share); a group's
// start is the sum of its shares over its queues, divided by one minus its
// shrinkage and rounded up.
//
// A group with an occupancy cap (GroupTargets) starts with at least its
// share of the load in erlangs over the cap, rostered, as Erlang
// calculators do.
//
// Then it repeats, one simulation of Reps replications per evaluation:
//
//   - Up: every queue and interval that misses its target (on the
//     confidence interval's pessimistic bound) raises, in that interval,
//     the groups it was split to, and every group interval whose
//     occupancy is over its cap (on the interval's upper bound) raises
//     that group; a cell (group, interval) raised again in a row gets one
//     agent more each time (1, 2, 3, ...).
//   - Down: once nothing misses, every other interval (even ones, then odd
//     ones) tries one agent fewer in one group, taken in turn among the
//     groups that may have room there. The cut is kept when every queue
//     with a target the group serves still meets it, and the group's own
//     occupancy cap still holds there; otherwise the agent
//     goes back and the cell is marked tight: it is not cut again (unless
//     a later miss raises it by more than one).
//
// Every round starts by simulating the current plan, so the cuts kept
// from a down step are judged together before the search may settle on
// them, and the figures reported are those of the plan returned.
//
// Stopping rule: the search settles when its plan, simulated as a whole,
// misses nothing and two down steps in a row find no cell to try. It stops earlier when
// MaxEvaluations plans have been simulated: it then returns the best plan
// it evaluated (the cheapest that met every target, else the one with the
// fewest misses, the cheaper on a tie), with Settled false, its misses
// listed, and an error wrapping [ErrBudget]. A cell that misses at
// MaxAgents is [ErrUnreachable], without a result.
//
// With one group and one queue this is the search of [SearchStaffing].
func SearchCentre(ctx context.Context, s *model.Scenario, opt CentreOptions) (*CentreResult, error) {
	if opt.Reps <= 0 {
		opt.Reps = 20
	}
	if opt.MaxAgents <= 0 {
		opt.MaxAgents = 5000
	}
	if opt.MaxAgents > MaxSearchAgents {
		return nil, fmt.Errorf("analysis: at most %d agents per interval can be searched, got %d", MaxSearchAgents, opt.MaxAgents)
	}
	if opt.MaxEvaluations <= 0 {
		opt.MaxEvaluations = 100
	}
	base, err := sim.Compile(s)
	if err != nil {
		return nil, err
	}
	s = base.Scenario()
	if len(opt.Targets) != len(s.Queues) {
		return nil, fmt.Errorf("analysis: %d queue targets for %d queues", len(opt.Targets), len(s.Queues))
	}
	split, err := SplitLoad(s, opt.Groups, opt.Targets)
	if err != nil {
		return nil, err
	}
	groups := split.Groups
	gtarget := make([]GroupTarget, len(groups))
	if opt.GroupTargets != nil {
		if len(opt.GroupTargets) != len(s.Agents) {
			return nil, fmt.Errorf("analysis: %d group targets for %d agent groups", len(opt.GroupTargets), len(s.Agents))
		}
		for g, t := range opt.GroupTargets {
			k := slices.Index(groups, g)
			if t.MaxOccupancy < 0 || t.MaxOccupancy >= 1 {
				return nil, fmt.Errorf("%w: agent group %s: an occupancy cap lies between 0 and 100 %%, both excluded, got %g",
					model.ErrInvalid, s.Agents[g].Name, t.MaxOccupancy)
			}
			if t.IsSet() && k < 0 {
				return nil, fmt.Errorf("%w: agent group %s has an occupancy cap but is not staffed by the search (it keeps its shifts); staff it, or drop its cap",
					model.ErrInvalid, s.Agents[g].Name)
			}
			if k >= 0 {
				gtarget[k] = t
			}
		}
	}
	loads := base.OfferedLoadByQueue()
	closeIntervals(s, loads)
	nq, ng := len(s.Queues), len(groups)
	n := len(base.OfferedLoad())
	iv := int64(s.Interval)
	hours := float64(iv) / 3.6e6
	threshold := float64(int64(s.ServiceLevel) / 1000)
	out := &CentreResult{Start: s.Start, Interval: s.Interval}

	// The formulas, per queue, then split to the groups.
	shareC := make([][]float64, ng)
	shareA := make([][]float64, ng)
	offered := make([][]float64, ng)
	handle := make([][]float64, ng)
	for k := range groups {
		shareC[k], shareA[k] = make([]float64, n), make([]float64, n)
		offered[k], handle[k] = make([]float64, n), make([]float64, n)
	}
	cNone := make([][]bool, ng) // some queue of the group has no Erlang answer
	aNone := make([][]bool, ng)
	for k := range groups {
		cNone[k], aNone[k] = make([]bool, n), make([]bool, n)
	}
	for q := range nq {
		cq := CentreQueue{Queue: q, Name: s.Queues[q].Name, Target: opt.Targets[q], Intervals: make([]QueueInterval, n)}
		for i := range n {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			l := loads[q][i]
			qi := &cq.Intervals[i]
			qi.Start = model.Duration(int64(i) * iv)
			qi.Offered, qi.AHT = l.Offered, l.AHT
			if l.Offered == 0 || !opt.Targets[q].IsSet() {
				continue
			}
			lambda := l.Offered / (float64(iv) / 1000)
			t := opt.Targets[q]
			formula := func(patience float64) int {
				lo := 1
				if patience <= 0 {
					lo = int(math.Floor(lambda*l.AHT)) + 1
				}
				return erlang.FewestAgents(lo, opt.MaxAgents, func(m int) bool {
					r := erlang.AModel(m, lambda, l.AHT, patience, threshold)
					return r.Stable && r.ServiceLevel >= t.ServiceLevel &&
						(t.MaxAbandon <= 0 || r.PAbandon <= t.MaxAbandon) &&
						(t.MaxASA <= 0 || r.ASA <= t.MaxASA)
				})
			}
			qi.ErlangC = formula(0)
			qi.ErlangA = qi.ErlangC
			if l.Patience > 0 {
				qi.ErlangA = formula(l.Patience)
			}
			sh := split.Shares[q]
			for k, w := range sh {
				if w == 0 {
					continue
				}
				offered[k][i] += w * l.Offered
				handle[k][i] += w * l.Offered * l.AHT
				if qi.ErlangC < 0 {
					cNone[k][i] = true
				} else {
					shareC[k][i] += w * float64(qi.ErlangC)
				}
				if qi.ErlangA < 0 {
					aNone[k][i] = true
				} else {
					shareA[k][i] += w * float64(qi.ErlangA)
				}
			}
		}
		out.Queues = append(out.Queues, cq)
	}

	cur := make([][]int, ng)
	for k, g := range groups {
		rostered := func(x float64) int { return erlang.Staff(x, s.Agents[g].Shrinkage) }
		r := &StaffResult{Start: s.Start, Interval: s.Interval, Intervals: make([]StaffInterval, n)}
		cur[k] = make([]int, n)
		for i := range n {
			si := &r.Intervals[i]
			si.Start = model.Duration(int64(i) * iv)
			si.Offered = offered[k][i]
			if si.Offered == 0 {
				continue
			}
			si.AHT = handle[k][i] / si.Offered
			si.ErlangC, si.ErlangA = rostered(shareC[k][i]), rostered(shareA[k][i])
			if cNone[k][i] {
				si.ErlangC = -1
			}
			if aNone[k][i] {
				si.ErlangA = -1
			}
			start := si.ErlangA
			if start < 0 {
				start = si.ErlangC
			}
			if start < 0 {
				// The formulas cannot meet the target within the limit:
				// start there, so that a target nothing meets fails at once.
				start = opt.MaxAgents
			}
			if c := gtarget[k].MaxOccupancy; c > 0 && start < opt.MaxAgents {
				// Erlang calculators' occupancy cap: at least the
				// group's share of the load, in erlangs, over the cap.
				erlangs := handle[k][i] / (float64(iv) / 1000)
				start = max(start, rostered(erlangs/c))
			}
			cur[k][i] = min(max(start, 1), opt.MaxAgents)
		}
		out.Groups = append(out.Groups, CentreGroup{Group: g, Name: s.Agents[g].Name, Result: r, Target: gtarget[k]})
	}

	// occ[k][i] is staffed group k's occupancy in interval i of the last
	// plan evaluated; occOf keeps that of each summary for the best plan.
	var occ [][]Estimate
	occOf := map[*Summary][][]Estimate{}
	evaluate := func(plan [][]int) (*Summary, error) {
		c := withPlans(s, groups, iv, plan)
		p, err := sim.Compile(c)
		if err != nil {
			return nil, err
		}
		res, err := Replicate(ctx, p, ReplicateOptions{Reps: opt.Reps, Workers: opt.Workers})
		if err != nil {
			return nil, err
		}
		out.Evaluations++
		sum := Summarize(res)
		occ = groupOccupancy(res, groups, n)
		occOf[sum] = occ
		// The summary and occupancies copy what they need: the
		// results' memory goes to the next evaluation's runs.
		for _, r := range res {
			sim.Recycle(r)
		}
		return sum, nil
	}
	// groupMiss says what staffed group k misses of its target in
	// interval i ("" when it meets it, or has none, or no agent was
	// logged in there to judge). Only intervals where the group has a
	// share of the load are judged: after the queues close, agents
	// finishing their last contacts past the plan's end are busy all
	// the time they are there, and no agent more would change that.
	groupMiss := func(occ [][]Estimate, k, i int) string {
		c := gtarget[k].MaxOccupancy
		if c <= 0 || offered[k][i] == 0 {
			return ""
		}
		o := occ[k][i]
		if math.IsNaN(o.Mean) {
			return ""
		}
		if _, hi := o.Bounds(); hi > 100*c {
			return fmt.Sprintf("occupancy %.1f %% (95 %% CI high %.2f) > %.0f %%", o.Mean, hi, 100*c)
		}
		return ""
	}
	// miss says what queue q misses in interval i ("" when it meets).
	miss := func(sum *Summary, q, i int) string {
		t := opt.Targets[q]
		// A queue interval no inbound contact left in any replication
		// (closed, inside the warm-up, a working queue of callbacks)
		// has no figure to judge: its metrics are NaN.
		if !t.IsSet() {
			return ""
		}
		m := sum.Queues[q].Intervals[i].Metrics
		var why []string
		if t.ServiceLevel > 0 {
			if sl, ok := Find(m, "service_level"); ok && !math.IsNaN(sl.Mean) {
				if lo, _ := sl.Bounds(); lo < 100*t.ServiceLevel {
					why = append(why, fmt.Sprintf("service level %.1f %% (95 %% CI low %.2f) < %.0f %%", sl.Mean, lo, 100*t.ServiceLevel))
				}
			}
		}
		if t.MaxAbandon > 0 {
			if ab, ok := Find(m, "abandon_rate"); ok && !math.IsNaN(ab.Mean) {
				if _, hi := ab.Bounds(); hi > 100*t.MaxAbandon {
					why = append(why, fmt.Sprintf("abandonment %.1f %% (95 %% CI high %.2f) > %.1f %%", ab.Mean, hi, 100*t.MaxAbandon))
				}
			}
		}
		if t.MaxASA > 0 {
			if a, ok := Find(m, "asa"); ok && !math.IsNaN(a.Mean) {
				if _, hi := a.Bounds(); hi > t.MaxASA {
					why = append(why, fmt.Sprintf("ASA %.1f s (95 %% CI high %.2f) > %.0f s", a.Mean, hi, t.MaxASA))
				}
			}
		}
		return strings.Join(why, "; ")
	}
	countMisses := func(sum *Summary) int {
		c := 0
		for q := range nq {
			for i := range n {
				if miss(sum, q, i) != "" {
					c++
				}
			}
		}
		for k := range ng {
			for i := range n {
				if groupMiss(occOf[sum], k, i) != "" {
					c++
				}
			}
		}
		return c
	}
	planHours := func(plan [][]int) float64 {
		h := 0.0
		for k := range plan {
			for _, a := range plan[k] {
				h += float64(a) * hours
			}
		}
		return h
	}
	clone := func(plan [][]int) [][]int {
		c := make([][]int, len(plan))
		for k := range plan {
			c[k] = slices.Clone(plan[k])
		}
		return c
	}
	// The best plan evaluated so far, for when the budget runs out.
	var best [][]int
	var bestSum *Summary
	bestMisses, bestHours := -1, 0.0
	consider := func(plan [][]int, sum *Summary) {
		m, h := countMisses(sum), planHours(plan)
		if best == nil || m < bestMisses || (m == bestMisses && h < bestHours) {
			best, bestSum, bestMisses, bestHours = clone(plan), sum, m, h
		}
		// Keep only the occupancy of the best summary and the latest.
		for k := range occOf {
			if k != bestSum && k != sum {
				delete(occOf, k)
			}
		}
	}

	// serves[k] lists the queues with a target group k serves (at any
	// priority): a cut in k must leave all of them meeting.
	serves := make([][]int, ng)
	for q := range nq {
		for _, k := range split.Serving[q] {
			serves[k] = append(serves[k], q)
		}
	}
	tight := make([][]bool, ng)
	misses := make([][]int, ng)
	for k := range ng {
		tight[k], misses[k] = make([]bool, n), make([]int, n)
	}
	var sum *Summary
	parity, idleDown, turn := 0, 0, 0
	finish := func(plan [][]int, sum *Summary, settled bool) *CentreResult {
		out.Settled = settled
		out.Hours, out.ErlangCHours, out.ErlangAHours = 0, 0, 0
		for k := range out.Groups {
			r := out.Groups[k].Result
			r.Rounds = out.Evaluations
			r.Hours, r.ErlangCHours, r.ErlangAHours = 0, 0, 0
			p := &model.Plan{File: "staffing search", Interval: model.Duration(iv)}
			for i := range n {
				si := &r.Intervals[i]
				si.Agents = plan[k][i]
				si.ServiceLevel, _ = metricEstimate(sum.Intervals[i].Metrics, "service_level")
				si.Abandon, _ = metricEstimate(sum.Intervals[i].Metrics, "abandon_rate")
				r.Hours += float64(si.Agents) * hours
				r.ErlangCHours += float64(max(si.ErlangC, 0)) * hours
				r.ErlangAHours += float64(max(si.ErlangA, 0)) * hours
				p.Rows = append(p.Rows, model.PlanRow{Agents: si.Agents})
			}
			r.Plan = p
			g := &out.Groups[k]
			g.Intervals = make([]GroupInterval, n)
			for i := range n {
				g.Intervals[i] = GroupInterval{Occupancy: occOf[sum][k][i], Miss: groupMiss(occOf[sum], k, i)}
			}
			out.Hours += r.Hours
			out.ErlangCHours += r.ErlangCHours
			out.ErlangAHours += r.ErlangAHours
		}
		out.Misses = nil
		for q := range out.Queues {
			cq := &out.Queues[q]
			for i := range n {
				qi := &cq.Intervals[i]
				m := sum.Queues[q].Intervals[i].Metrics
				qi.ServiceLevel, _ = metricEstimate(m, "service_level")
				qi.Abandon, _ = metricEstimate(m, "abandon_rate")
				qi.ASA, _ = metricEstimate(m, "asa")
				qi.Miss = miss(sum, q, i)
				if qi.Miss != "" {
					out.Misses = append(out.Misses, Miss{Queue: cq.Name, Start: qi.Start,
						At: intervalName(s.Start, qi.Start), Reason: qi.Miss})
				}
			}
		}
		for k := range out.Groups {
			g := &out.Groups[k]
			for i := range n {
				if g.Intervals[i].Miss != "" {
					start := model.Duration(int64(i) * iv)
					out.Misses = append(out.Misses, Miss{Group: g.Name, Start: start,
						At: intervalName(s.Start, start), Reason: g.Intervals[i].Miss})
				}
			}
		}
		return out
	}
	budget := func() (*CentreResult, error) {
		if best == nil {
			return nil, fmt.Errorf("%w: no plan was evaluated within %d evaluations", ErrBudget, opt.MaxEvaluations)
		}
		r := finish(best, bestSum, false)
		if len(r.Misses) == 0 {
			return r, fmt.Errorf("%w: the search did not settle in %d evaluations; the best plan found meets every target but may keep agents it does not need",
				ErrBudget, opt.MaxEvaluations)
		}
		what := "queue"
		if slices.ContainsFunc(gtarget, GroupTarget.IsSet) {
			what = "queue or group"
		}
		return r, fmt.Errorf("%w: the search did not settle in %d evaluations; the best plan found misses %d %s interval(s)",
			ErrBudget, opt.MaxEvaluations, len(r.Misses), what)
	}
	for {
		if out.Evaluations >= opt.MaxEvaluations {
			return budget()
		}
		if sum, err = evaluate(cur); err != nil {
			return nil, err
		}
		consider(cur, sum)
		// Up: raise the groups a missing queue was split to.
		raise := make([][]bool, ng)
		for k := range ng {
			raise[k] = make([]bool, n)
		}
		missing := 0
		for q := range nq {
			for i := range n {
				if miss(sum, q, i) == "" {
					continue
				}
				missing++
				for k, w := range split.Shares[q] {
					if w > 0 {
						raise[k][i] = true
					}
				}
			}
		}
		// A group over its occupancy cap raises itself.
		for k := range ng {
			for i := range n {
				if groupMiss(occ, k, i) != "" {
					missing++
					raise[k][i] = true
				}
			}
		}
		for k := range ng {
			for i := range n {
				if !raise[k][i] {
					misses[k][i] = 0
					continue
				}
				if cur[k][i] >= opt.MaxAgents {
					return nil, fmt.Errorf("%w: interval %s misses the target with %d agents of group %s (the most searched)",
						ErrUnreachable, intervalName(s.Start, model.Duration(int64(i)*iv)), cur[k][i], s.Agents[groups[k]].Name)
				}
				misses[k][i]++
				cur[k][i] = min(cur[k][i]+misses[k][i], opt.MaxAgents)
				tight[k][i] = misses[k][i] == 1 // a bigger step may overshoot: let it be trimmed
			}
		}
		if opt.Progress != nil {
			opt.Progress(out.Evaluations, fmt.Sprintf("%d intervals short", missing))
		}
		if missing > 0 {
			continue
		}
		// Down: one group per interval, every other interval.
		trial := clone(cur)
		cut := make([]int, n)
		for i := range cut {
			cut[i] = -1
		}
		tried := 0
		for i := parity; i < n; i += 2 {
			// An interval with no contact counted (one inside the
			// warm-up) cannot be judged: it keeps its agents.
			if off, ok := Find(sum.Intervals[i].Metrics, "offered"); !ok || !(off.Mean > 0) {
				continue
			}
			var cand []int
			for k := range ng {
				if !tight[k][i] && offered[k][i] > 0 && cur[k][i] > 1 {
					cand = append(cand, k)
				}
			}
			if len(cand) == 0 {
				continue
			}
			k := cand[turn%len(cand)]
			trial[k][i]--
			cut[i] = k
			tried++
		}
		parity = 1 - parity
		turn++
		if tried == 0 {
			if idleDown++; idleDown == 2 {
				break
			}
			continue
		}
		idleDown = 0
		if out.Evaluations >= opt.MaxEvaluations {
			return budget()
		}
		if sum, err = evaluate(trial); err != nil {
			return nil, err
		}
		consider(trial, sum)
		trialShort := countMisses(sum)
		for i, k := range cut {
			if k < 0 {
				continue
			}
			ok := groupMiss(occ, k, i) == ""
			for _, q := range serves[k] {
				if miss(sum, q, i) != "" {
					ok = false
					break
				}
			}
			if ok {
				cur[k][i] = trial[k][i]
			} else {
				tight[k][i] = true
			}
		}
		if opt.Progress != nil {
			opt.Progress(out.Evaluations, fmt.Sprintf("tried fewer agents: %d intervals short", trialShort))
		}
	}
	return finish(cur, sum, true), nil
}

// closeIntervals zeroes the load of the intervals of the cycle a queue is
// closed for from start to end (by its hours of operation), in every
// repetition of the cycle within the horizon: calls then take the closed
// branch, and the formulas should not staff them. The interval is looked
// at every five minutes.
func closeIntervals(s *model.Scenario, loads [][]sim.IntervalLoad) {
	iv := int64(s.Interval)
	step := min(iv, int64(5*model.Minute))
	for q := range loads {
		if len(s.Queues[q].Hours) == 0 {
			continue
		}
		cycle := int64(len(loads[q])) * iv
		for i := range loads[q] {
			open := false
			for first := int64(i) * iv; first < max(int64(s.Horizon), iv) && !open; first += cycle {
				for off := first; off < first+iv && !open; off += step {
					open = s.Queues[q].OpenAt(s.Start, model.Duration(off))
				}
			}
			if !open {
				loads[q][i] = sim.IntervalLoad{}
			}
		}
	}
}

// LoadSplit says how a staffing search shares each queue's load among the
// staffed groups.
type LoadSplit struct {
	// Groups are the staffed groups' indices in the scenario.
	Groups []int
	// Shares[q][k] is the fraction of queue q's formula agents given to
	// Groups[k]: equal shares among the staffed groups serving q at the
	// best priority any of them has for it; 0 for the others.
	Shares [][]float64
	// Serving[q] lists the staffed groups (indices into Groups) whose
	// profile serves queue q at any priority.
	Serving [][]int
}

// SplitLoad works out the staffed groups and the load split of a search
// (see [SearchCentre]). groups empty: every group serving a queue with a
// target. It is an error (model.ErrInvalid) for a named group to serve no
// queue with a target, or for a queue with a target and contacts to be
// served by no staffed group.
func SplitLoad(s *model.Scenario, groups []int, targets []QueueTarget) (*LoadSplit, error) {
	prof := make(map[string]*model.RoutingProfile, len(s.RoutingProfiles))
	for i := range s.RoutingProfiles {
		prof[s.RoutingProfiles[i].Name] = &s.RoutingProfiles[i]
	}
	qIndex := make(map[string]int, len(s.Queues))
	for i, q := range s.Queues {
		qIndex[q.Name] = i
	}
	// priority[g][q]: the priority group g serves queue q at; absent: not served.
	priority := make([]map[int]int, len(s.Agents))
	for g, a := range s.Agents {
		priority[g] = map[int]int{}
		if p := prof[a.Profile]; p != nil {
			for _, pq := range p.Queues {
				if q, ok := qIndex[pq.Queue]; ok {
					pr := pq.Priority
					if pr == 0 {
						pr = 1
					}
					if old, seen := priority[g][q]; !seen || pr < old {
						priority[g][q] = pr
					}
				}
			}
		}
	}
	servesTarget := func(g int) bool {
		for q := range priority[g] {
			if targets[q].IsSet() {
				return true
			}
		}
		return false
	}
	if len(groups) == 0 {
		for g := range s.Agents {
			if servesTarget(g) {
				groups = append(groups, g)
			}
		}
	} else {
		for _, g := range groups {
			if g < 0 || g >= len(s.Agents) {
				return nil, fmt.Errorf("%w: no agent group %d", model.ErrInvalid, g)
			}
			if !servesTarget(g) {
				return nil, fmt.Errorf("%w: agent group %s serves no queue with a target (its profile %s serves %s)",
					model.ErrInvalid, s.Agents[g].Name, s.Agents[g].Profile, servedNames(s, priority[g]))
			}
		}
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("%w: no agent group serves a queue with a target", model.ErrInvalid)
	}
	out := &LoadSplit{Groups: groups, Shares: make([][]float64, len(s.Queues)), Serving: make([][]int, len(s.Queues))}
	for q := range s.Queues {
		out.Shares[q] = make([]float64, len(groups))
		if !targets[q].IsSet() {
			continue
		}
		bestPr := math.MaxInt
		for k, g := range groups {
			if pr, ok := priority[g][q]; ok {
				out.Serving[q] = append(out.Serving[q], k)
				bestPr = min(bestPr, pr)
			}
		}
		if len(out.Serving[q]) == 0 {
			names := make([]string, len(groups))
			for k, g := range groups {
				names[k] = s.Agents[g].Name
			}
			return nil, fmt.Errorf("%w: queue %s has a target but none of the groups staffed (%s) serves it; staff a group whose profile lists it",
				model.ErrInvalid, s.Queues[q].Name, strings.Join(names, ", "))
		}
		var best []int
		for _, k := range out.Serving[q] {
			if priority[groups[k]][q] == bestPr {
				best = append(best, k)
			}
		}
		for _, k := range best {
			out.Shares[q][k] = 1 / float64(len(best))
		}
	}
	return out, nil
}

func servedNames(s *model.Scenario, served map[int]int) string {
	if len(served) == 0 {
		return "no queue"
	}
	var names []string
	for q := range s.Queues {
		if _, ok := served[q]; ok {
			names = append(names, s.Queues[q].Name)
		}
	}
	return strings.Join(names, ", ")
}

// withPlans returns a copy of s whose groups work the staffing plans
// (agents per interval of length iv) instead of their shifts.
func withPlans(s *model.Scenario, groups []int, iv int64, agents [][]int) *model.Scenario {
	c := *s
	c.Agents = append([]model.AgentGroup(nil), s.Agents...)
	for k, g := range groups {
		grp := &c.Agents[g]
		plan := &model.Plan{File: "staffing search", Interval: model.Duration(iv)}
		for _, n := range agents[k] {
			plan.Rows = append(plan.Rows, model.PlanRow{Agents: n})
		}
		grp.Staffing, grp.StaffingPlan, grp.Shifts = plan.File, plan, nil
	}
	return &c
}

// groupOccupancy estimates each staffed group's occupancy (%) per interval
// of the cycle over the replications, from the agent time the simulation
// keeps per group and interval (as the summary's occupancy). A
// replication where the group was not logged in in the interval is left
// out; none logged in in any: NaN.
func groupOccupancy(results []*sim.Result, groups []int, n int) [][]Estimate {
	out := make([][]Estimate, len(groups))
	xs := make([]float64, len(results))
	for k, g := range groups {
		out[k] = make([]Estimate, n)
		for i := range n {
			for j, r := range results {
				xs[j] = math.NaN()
				if iv := r.Agents[g].Intervals; i < len(iv) {
					a := iv[i]
					if a.Reserved+a.Talk+a.ACW+a.Idle > 0 {
						xs[j] = 100 * a.Occupancy()
					}
				}
			}
			out[k][i] = NewEstimate(xs)
		}
	}
	return out
}
