// Package roster turns a requirement of agents per interval into shifts
// people can work: a week of shifts from a planner's shift templates
// (allowed starts, length, breaks with windows, days per week, caps), at
// the least cost, and then checks the roster by simulation, adding shifts
// where the service level misses its target (docs/roster.md).
//
// The shifts are a weekly set-covering integer program. Its linear
// relaxation is solved with gonum's simplex; the solution is rounded down
// and repaired greedily to whole shifts that cover every interval, with
// the breaks placed where the cover has most room, and shifts no
// interval needs are dropped.
package roster

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/ccsim/ccsim/model"
)

// Week is the length of a roster's cycle.
const Week = 7 * model.Day

// Limits on the candidate shifts. The relaxation is a dense matrix of
// intervals by candidates: past lpCandidates the simplex would take
// minutes, and the roster is built by the greedy repair alone; past
// maxCandidates even that is refused.
const (
	lpCandidates  = 3000
	maxCandidates = 50000
)

// breakStep is the grid on which breaks are placed inside their windows.
const breakStep = 5 * model.Minute

// eps is the slack allowed when comparing cover with the requirement: the
// cover is a sum of fractions of intervals.
const eps = 1e-6

// ErrCannotCover is returned (wrapped) when the templates cannot cover an
// open interval at all, or not within their caps.
var ErrCannotCover = errors.New("templates cannot cover the requirement")

// Requirement is the agents needed on duty (net of breaks) in each
// interval of a week.
type Requirement struct {
	// Start is the week's start, a midnight; Interval the length of an
	// interval; Agents one value per interval, Week/Interval of them.
	Start    time.Time
	Interval model.Duration
	Agents   []float64
	// File names where the requirement came from, for messages.
	File string
}

// Shift is one agent's shift on one day of the roster.
type Shift struct {
	// Template indexes the templates.
	Template int
	// Day is the day of the week from the roster's start (0 to 6);
	// Start the shift's start, from the week's start.
	Day   int
	Start model.Duration
	// Breaks are the starts of the template's breaks, in its order, as
	// offsets from the shift's start.
	Breaks []model.Duration
	// Line is the weekly line (agent) of its template that works the
	// shift, from 0 (see [Roster.Lines]).
	Line int
}

// Roster is a week of shifts and the cover they give.
type Roster struct {
	Req       Requirement
	Templates []model.ShiftTemplate
	// Shifts are in order of day, start, template and break times.
	Shifts []Shift
	// Lines are the weekly lines (agents) of each template: its shifts
	// packed so that each agent works at most days_per_week days, one
	// shift a day, rested min_rest between shifts and weekly_rest once a
	// week.
	Lines []int
	// OffTogether are, per template, the lines whose days off are
	// consecutive (the week wrapping round; a line without a day off
	// counts): days_off_together is a preference, kept where it costs no
	// line, so it may be fewer than [Roster.Lines].
	OffTogether []int
	// Cover is the agents on duty per interval, net of breaks (a break
	// of a quarter of an interval takes a quarter of an agent).
	Cover []float64
	// Relaxation is the linear relaxation's optimum, breaks spread evenly
	// over their windows (NaN when it was not solved). Breaks placed where
	// the cover has room can make the roster cheaper than it: it is a
	// yardstick, not a bound.
	Relaxation float64
	// solver is the state that built it, for Check to add shifts.
	solver *solver
}

// Hours returns the roster's paid agent-hours, breaks included.
func (r *Roster) Hours() float64 {
	var h float64
	for _, s := range r.Shifts {
		h += r.Templates[s.Template].Length.Seconds() / 3600
	}
	return h
}

// Cost returns the roster's cost: hours times each template's cost per
// hour.
func (r *Roster) Cost() float64 {
	var c float64
	for _, s := range r.Shifts {
		t := &r.Templates[s.Template]
		c += t.Length.Seconds() / 3600 * t.CostPerHour
	}
	return c
}

// Agents returns the agents of each template: its weekly lines.
func (r *Roster) Agents() []int {
	return slices.Clone(r.Lines)
}

func weeklyAgents(perDay [7]int, daysPerWeek int) int {
	most, sum := 0, 0
	for _, n := range perDay {
		most, sum = max(most, n), sum+n
	}
	return max(most, (sum+daysPerWeek-1)/daysPerWeek)
}

// IntervalName names interval i as "Mon 07:30".
func (q *Requirement) IntervalName(i int) string {
	return q.Start.Add(time.Duration(int64(i) * int64(q.Interval) * int64(time.Millisecond))).Format("Mon 15:04")
}

// candidate is a shift that may be worked: a template started at one time
// on one day.
type candidate struct {
	t     int
	day   int
	start int64 // from the week's start, ms
	cost  float64
	// avg is the cover it gives, its breaks spread evenly over their
	// windows, as (interval, fraction) pairs.
	avg []cell
}

type cell struct {
	i int
	f float64
}

// solver holds one roster being built.
type solver struct {
	req    *Requirement
	tpl    []model.ShiftTemplate
	n      int
	iv     int64
	cands  []candidate
	shifts []placed
	cover  []float64
	perDay [][7]int
}

// placed is a shift of the roster being built.
type placed struct {
	c      int // candidate
	breaks []int64
}

// Solve builds the least-cost roster from the templates that covers the
// requirement in every interval. It fails with [ErrCannotCover] naming
// the first interval the templates cannot cover, or not within their caps.
func Solve(req Requirement, tpl *model.ShiftTemplates) (*Roster, error) {
	iv := int64(req.Interval)
	if iv <= 0 || int64(Week)%iv != 0 || int64(len(req.Agents))*iv != int64(Week) {
		return nil, fmt.Errorf("roster: a requirement covers one week in whole intervals: got %d intervals of %s", len(req.Agents), req.Interval)
	}
	for i, a := range req.Agents {
		if a < 0 || math.IsNaN(a) || math.IsInf(a, 0) {
			return nil, fmt.Errorf("roster: interval %s needs %g agents", req.IntervalName(i), a)
		}
	}
	s := &solver{req: &req, tpl: tpl.Templates, n: len(req.Agents), iv: iv}
	s.cover = make([]float64, s.n)
	s.perDay = make([][7]int, len(s.tpl))
	s.candidates()
	if err := s.coverable(); err != nil {
		return nil, err
	}
	if len(s.cands) > maxCandidates {
		return nil, fmt.Errorf("%w: the templates allow %d shifts a week (start times x days), more than %d: give fewer start times (a larger starts.every)",
			ErrCannotCover, len(s.cands), maxCandidates)
	}
	bound := math.NaN()
	// Starting points for the repair: none (the repair alone), the
	// relaxation rounded down within the caps, and, when the caps cut
	// that, the same completed by relaxations of what is left uncovered
	// with the templates not yet at their cap (at most three more: each
	// is a dense simplex). The cheapest finished roster wins.
	starts := [][]placed{nil}
	if len(s.cands) <= lpCandidates {
		if x, f, err := s.relaxation(); err == nil {
			bound = f
			cut := s.roundDown(x)
			starts = append(starts, slices.Clone(s.shifts))
			for round := 0; cut && round < 3; round++ {
				use := make([]bool, len(s.cands))
				for j, cd := range s.cands {
					tp := &s.tpl[cd.t]
					use[j] = tp.MaxAgents == 0 || weeklyAgents(s.perDay[cd.t], tp.DaysPerWeek) < tp.MaxAgents
				}
				if x, _, err = s.relaxationFor(s.residual(), use); err != nil {
					break
				}
				cut = s.roundDown(x)
			}
			if len(s.shifts) != len(starts[1]) {
				starts = append(starts, slices.Clone(s.shifts))
			}
		}
	}
	var best *solver
	var bestErr error
	for _, st := range starts {
		try := s.fresh()
		if err := try.finish(st); err != nil {
			bestErr = err
			continue
		}
		if best == nil || try.cost() < best.cost()-eps {
			best = try
		}
	}
	if best == nil {
		return nil, bestErr
	}
	return best.roster(bound), nil
}

// fresh returns a solver with s's candidates and no shift.
func (s *solver) fresh() *solver {
	return &solver{req: s.req, tpl: s.tpl, n: s.n, iv: s.iv, cands: s.cands,
		cover: make([]float64, s.n), perDay: make([][7]int, len(s.tpl))}
}

// finish builds a roster from the shifts st (without breaks): their
// breaks placed once every shift is there, in order of start, so that
// each goes where the cover has most room; then the repair and the
// pruning.
func (s *solver) finish(st []placed) error {
	for _, p := range st {
		s.shifts = append(s.shifts, placed{c: p.c})
		s.perDay[s.cands[p.c].t][s.cands[p.c].day]++
	}
	sort.SliceStable(s.shifts, func(a, b int) bool { return s.cands[s.shifts[a].c].start < s.cands[s.shifts[b].c].start })
	for k := range s.shifts {
		s.addSpan(s.shifts[k].c, nil, 1)
	}
	for k := range s.shifts {
		s.placeBreaks(&s.shifts[k])
	}
	if err := s.repair(); err != nil {
		return err
	}
	s.prune()
	return nil
}

func (s *solver) cost() float64 {
	var c float64
	for _, p := range s.shifts {
		c += s.cands[p.c].cost
	}
	return c
}

// candidates lists every shift the templates allow that covers an
// interval with a requirement.
func (s *solver) candidates() {
	wd0 := int(s.req.Start.Weekday())
	for t := range s.tpl {
		tp := &s.tpl[t]
		days := tp.WorkDays()
		hours := tp.Length.Seconds() / 3600
		for day := range 7 {
			if !days[(wd0+day)%7] {
				continue
			}
			for _, st := range tp.Starts.Times() {
				c := candidate{t: t, day: day, start: int64(day)*int64(model.Day) + int64(st), cost: hours * tp.CostPerHour}
				c.avg = s.avgCover(tp, c.start)
				useful := false
				for _, e := range c.avg {
					useful = useful || s.req.Agents[e.i] > 0
				}
				if useful {
					s.cands = append(s.cands, c)
				}
			}
		}
	}
}

// avgCover is the cover of a shift of tp starting at start, each break
// spread evenly over its window: the share of its agents on break at any
// time of the window when a roster staggers them.
func (s *solver) avgCover(tp *model.ShiftTemplate, start int64) []cell {
	acc := map[int]float64{}
	s.spanCells(start, start+int64(tp.Length), 1, acc)
	for _, b := range tp.Breaks {
		share := float64(b.Length) / float64(b.To-b.From)
		s.spanCells(start+int64(b.From), start+int64(b.To), -share, acc)
	}
	out := make([]cell, 0, len(acc))
	for i, f := range acc {
		if f > eps {
			out = append(out, cell{i, f})
		}
	}
	slices.SortFunc(out, func(a, b cell) int { return a.i - b.i })
	return out
}

// spanCells adds w times the share of each interval that [a, b) (ms from
// the week's start, wrapping at its end) covers.
func (s *solver) spanCells(a, b int64, w float64, acc map[int]float64) {
	s.eachOverlap(a, b, func(i int, f float64) { acc[i] += w * f })
}

func (s *solver) eachOverlap(a, b int64, fn func(i int, f float64)) {
	week := int64(Week)
	for a < b {
		wa := ((a % week) + week) % week
		i := int(wa / s.iv)
		end := a + (int64(i+1)*s.iv - wa)
		e := min(end, b)
		fn(i, float64(e-a)/float64(s.iv))
		a = e
	}
}

// coverable names the first interval with a requirement that no
// candidate covers.
func (s *solver) coverable() error {
	covered := make([]bool, s.n)
	for _, c := range s.cands {
		for _, e := range c.avg {
			covered[e.i] = true
		}
	}
	for i, a := range s.req.Agents {
		if a > 0 && !covered[i] {
			return fmt.Errorf("%w: interval %s needs %s agents, but no template has a shift on duty then (%s)",
				ErrCannotCover, s.req.IntervalName(i), num(a), s.templateHours())
		}
	}
	return nil
}

func (s *solver) templateHours() string {
	var b []byte
	for t, tp := range s.tpl {
		if t > 0 {
			b = append(b, "; "...)
		}
		ts := tp.Starts.Times()
		b = fmt.Appendf(b, "%s starts %s to %s for %s", tp.Name, clock(ts[0]), clock(ts[len(ts)-1]), tp.Length)
	}
	return string(b)
}

func clock(d model.Duration) string {
	d = (d%model.Day + model.Day) % model.Day
	return fmt.Sprintf("%02d:%02d", d/model.Hour, d%model.Hour/model.Minute)
}

func num(x float64) string { return fmt.Sprintf("%g", math.Round(x*100)/100) }

// relaxation solves the linear relaxation of the covering program:
//
//	minimise   sum_j cost_j x_j
//	subject to sum_j avg_ij x_j >= req_i   every interval with a requirement
//	           x >= 0
//
// in gonum's standard form (a surplus column per row), with gonum's own
// phase one. The templates' caps and days per week are left to the
// rounding and the repair (docs/roster.md): with them as rows of the
// program, gonum's phase one failed to find a basis ("matrix singular"),
// and an artificial identity basis took minutes of dense pivots. It
// returns x (one value per candidate) and the optimum.
func (s *solver) relaxation() ([]float64, float64, error) {
	return s.relaxationFor(s.req.Agents, nil)
}

// relaxationFor solves the relaxation for the requirement need, with the
// candidates use allows (nil: all).
func (s *solver) relaxationFor(need []float64, use []bool) ([]float64, float64, error) {
	var rows []int
	rowOf := make([]int, s.n)
	for i, a := range need {
		rowOf[i] = -1
		if a > eps {
			rowOf[i] = len(rows)
			rows = append(rows, i)
		}
	}
	// Only candidates on duty in a row: gonum refuses a column of zeros.
	var cols []int
	for j, cd := range s.cands {
		if use != nil && !use[j] {
			continue
		}
		for _, e := range cd.avg {
			if rowOf[e.i] >= 0 {
				cols = append(cols, j)
				break
			}
		}
	}
	x := make([]float64, len(s.cands))
	nc, m := len(cols), len(rows)
	if m == 0 || nc == 0 {
		return x, 0, nil
	}
	a := mat.NewDense(m, nc+m, nil)
	b := make([]float64, m)
	c := make([]float64, nc+m)
	for r, i := range rows {
		b[r] = need[i]
		a.Set(r, nc+r, -1)
	}
	for k, j := range cols {
		cd := &s.cands[j]
		c[k] = cd.cost
		for _, e := range cd.avg {
			if r := rowOf[e.i]; r >= 0 {
				a.Set(r, k, a.At(r, k)+e.f)
			}
		}
	}
	f, xs, err := lp.Simplex(c, a, b, 1e-9, nil)
	if err != nil {
		return nil, 0, err
	}
	for k, j := range cols {
		x[j] = xs[k]
	}
	return x, f, nil
}

// roundDown adds floor(x_j) shifts of each candidate, then drops those
// over their template's cap. It tells whether any were dropped.
func (s *solver) roundDown(x []float64) bool {
	for j, v := range x {
		for k := 0; k < int(math.Floor(v+eps)); k++ {
			s.shifts = append(s.shifts, placed{c: j})
			s.perDay[s.cands[j].t][s.cands[j].day]++
		}
	}
	return s.enforceCaps()
}

// residual is the requirement the shifts so far leave uncovered, their
// breaks spread over their windows as in the relaxation.
func (s *solver) residual() []float64 {
	need := append([]float64(nil), s.req.Agents...)
	for _, p := range s.shifts {
		for _, e := range s.cands[p.c].avg {
			need[e.i] -= e.f
		}
	}
	for i := range need {
		need[i] = max(need[i], 0)
	}
	return need
}

// addSpan adds (sign 1) or removes (-1) the cover of a shift of candidate
// c with its breaks at the given offsets (none: no break taken yet).
func (s *solver) addSpan(c int, breaks []int64, sign float64) {
	cd := &s.cands[c]
	tp := &s.tpl[cd.t]
	add := func(i int, f float64) { s.cover[i] += sign * f }
	s.eachOverlap(cd.start, cd.start+int64(tp.Length), add)
	for k, off := range breaks {
		s.eachOverlap(cd.start+off, cd.start+off+int64(tp.Breaks[k].Length), func(i int, f float64) { s.cover[i] -= sign * f })
	}
}

// placeBreaks places the breaks of a shift already counted in the cover
// without them: each break, in the template's order, goes where the
// intervals it takes agents from have the most agents to spare over the
// requirement (the least spare interval it touches, then the spare summed
// over them, decide; the earliest start wins a tie). Placed one shift
// after another, the breaks of shifts starting together are staggered and
// the cover stays level.
func (s *solver) placeBreaks(p *placed) {
	cd := &s.cands[p.c]
	tp := &s.tpl[cd.t]
	p.breaks = p.breaks[:0]
	for _, b := range tp.Breaks {
		best, bestMin, bestSum := int64(-1), math.Inf(-1), math.Inf(-1)
		for off := int64(b.From); off+int64(b.Length) <= int64(b.To); off += int64(breakStep) {
			lo, sum := math.Inf(1), 0.0
			s.eachOverlap(cd.start+off, cd.start+off+int64(b.Length), func(i int, f float64) {
				spare := s.cover[i] - f - s.req.Agents[i]
				lo = min(lo, spare)
				sum += spare * f
			})
			if lo > bestMin+eps || (lo > bestMin-eps && sum > bestSum+eps) {
				best, bestMin, bestSum = off, lo, sum
			}
		}
		p.breaks = append(p.breaks, best)
		s.eachOverlap(cd.start+best, cd.start+best+int64(b.Length), func(i int, f float64) { s.cover[i] -= f })
	}
}

// enforceCaps drops rounded shifts of a template over its cap (the
// relaxation does not know the caps), from its busiest day, the last
// start first; the repair then covers what they left, within the caps.
func (s *solver) enforceCaps() bool {
	dropped := false
	for t := range s.tpl {
		tp := &s.tpl[t]
		for tp.MaxAgents > 0 && weeklyAgents(s.perDay[t], tp.DaysPerWeek) > tp.MaxAgents {
			busiest := 0
			for d := range 7 {
				if s.perDay[t][d] > s.perDay[t][busiest] {
					busiest = d
				}
			}
			for k := len(s.shifts) - 1; k >= 0; k-- {
				cd := &s.cands[s.shifts[k].c]
				if cd.t == t && cd.day == busiest {
					s.shifts = slices.Delete(s.shifts, k, k+1)
					s.perDay[t][busiest]--
					dropped = true
					break
				}
			}
		}
	}
	return dropped
}

// short returns the first interval whose cover is below its requirement,
// or -1.
func (s *solver) short() int {
	for i, a := range s.req.Agents {
		if s.cover[i] < a-eps {
			return i
		}
	}
	return -1
}

// canAdd tells whether one more shift of candidate c stays within its
// template's cap.
func (s *solver) canAdd(c int) bool {
	cd := &s.cands[c]
	tp := &s.tpl[cd.t]
	if tp.MaxAgents == 0 {
		return true
	}
	pd := s.perDay[cd.t]
	pd[cd.day]++
	return weeklyAgents(pd, tp.DaysPerWeek) <= tp.MaxAgents
}

// add puts one more shift of candidate c in the roster.
func (s *solver) add(c int) {
	p := placed{c: c}
	s.addSpan(c, nil, 1)
	s.placeBreaks(&p)
	s.shifts = append(s.shifts, p)
	s.perDay[s.cands[c].t][s.cands[c].day]++
}

// repair adds shifts until every interval is covered: for the first
// interval short, the candidate on duty then (within its cap) that covers
// the most shortfall, counted with its breaks spread over their windows,
// per unit of cost.
func (s *solver) repair() error {
	for guard := 0; ; guard++ {
		i := s.short()
		if i < 0 {
			return nil
		}
		if guard > 1_000_000 {
			return fmt.Errorf("roster: repair did not finish covering interval %s", s.req.IntervalName(i))
		}
		best, bestScore := -1, 0.0
		for c := range s.cands {
			cd := &s.cands[c]
			on := false
			gain := 0.0
			for _, e := range cd.avg {
				if e.i == i {
					on = true
				}
				if d := s.req.Agents[e.i] - s.cover[e.i]; d > eps {
					gain += min(d, e.f)
				}
			}
			if !on || !s.canAdd(c) {
				continue
			}
			if score := gain / cd.cost; score > bestScore+1e-12 {
				best, bestScore = c, score
			}
		}
		if best < 0 {
			return fmt.Errorf("%w: interval %s needs %s agents and has %s: every template on duty then is at its max_agents (%s)",
				ErrCannotCover, s.req.IntervalName(i), num(s.req.Agents[i]), num(s.cover[i]), s.capsText(i))
		}
		s.add(best)
	}
}

func (s *solver) capsText(i int) string {
	var b []byte
	seen := map[int]bool{}
	for _, c := range s.cands {
		for _, e := range c.avg {
			if e.i == i && !seen[c.t] {
				seen[c.t] = true
				if len(b) > 0 {
					b = append(b, ", "...)
				}
				b = fmt.Appendf(b, "%s: %d", s.tpl[c.t].Name, s.tpl[c.t].MaxAgents)
			}
		}
	}
	return string(b)
}

// prune drops shifts the cover does not need, the costliest first and,
// among equals, the last added first.
func (s *solver) prune() {
	order := make([]int, len(s.shifts))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool {
		ca, cb := s.cands[s.shifts[order[a]].c].cost, s.cands[s.shifts[order[b]].c].cost
		if ca != cb {
			return ca > cb
		}
		return order[a] > order[b]
	})
	drop := make([]bool, len(s.shifts))
	for _, k := range order {
		p := &s.shifts[k]
		s.addSpan(p.c, p.breaks, -1)
		ok := true
		cd := &s.cands[p.c]
		s.eachOverlap(cd.start, cd.start+int64(s.tpl[cd.t].Length), func(i int, _ float64) {
			if s.cover[i] < s.req.Agents[i]-eps {
				ok = false
			}
		})
		if ok {
			drop[k] = true
			s.perDay[cd.t][cd.day]--
		} else {
			s.addSpan(p.c, p.breaks, 1)
		}
	}
	kept := s.shifts[:0]
	for k, p := range s.shifts {
		if !drop[k] {
			kept = append(kept, p)
		}
	}
	s.shifts = kept
}

func (s *solver) roster(bound float64) *Roster {
	r := &Roster{Req: *s.req, Templates: s.tpl, Cover: append([]float64(nil), s.cover...), Relaxation: bound, solver: s}
	for _, p := range s.shifts {
		cd := &s.cands[p.c]
		sh := Shift{Template: cd.t, Day: cd.day, Start: model.Duration(cd.start)}
		for _, b := range p.breaks {
			sh.Breaks = append(sh.Breaks, model.Duration(b))
		}
		r.Shifts = append(r.Shifts, sh)
	}
	r.sortShifts()
	r.pack()
	return r
}

func (r *Roster) sortShifts() {
	slices.SortStableFunc(r.Shifts, func(a, b Shift) int {
		if a.Start != b.Start {
			return int(a.Start - b.Start)
		}
		if a.Template != b.Template {
			return a.Template - b.Template
		}
		return slices.Compare(a.Breaks, b.Breaks)
	})
}
