package sim

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
)

// schedule is when one agent (or every agent of a group) is logged in: a
// sorted list of disjoint [start, end) pieces in ms from the scenario start.
// With cycle > 0 the pieces cover one cycle and repeat every cycle (a
// staffing plan shorter than the horizon).
type schedule struct {
	pieces [][2]int64
	cycle  int64
	// gaps[i] is the break that follows piece i (zero: the agent logs
	// out); nil when there is none. A break is taken in full even when
	// the agent starts it late, after finishing a contact.
	gaps []gap
}

// gap is the break between two logged-in pieces of a shift.
type gap struct {
	length int64 // scheduled length in ms; 0: not a break
	lunch  bool
}

// gapAfter returns the break following the k-th piece (counting across
// cycles), or the zero gap.
func (s *schedule) gapAfter(k int) gap {
	if len(s.gaps) == 0 {
		return gap{}
	}
	return s.gaps[k%len(s.gaps)]
}

// newSchedule builds a schedule from marked spans, merging those that
// overlap or touch (two shifts back to back are one logged-in piece).
func newSchedule(spans []span) schedule {
	spans = mergeSpans(spans)
	var sc schedule
	marked := false
	for _, sp := range spans {
		sc.pieces = append(sc.pieces, [2]int64{sp.a, sp.b})
		marked = marked || sp.gap.length > 0
	}
	if marked {
		for _, sp := range spans {
			sc.gaps = append(sc.gaps, sp.gap)
		}
	}
	return sc
}

// piece returns the k-th logged-in period, counting across cycles, and
// false when there is none.
func (s *schedule) piece(k int) ([2]int64, bool) {
	n := len(s.pieces)
	if n == 0 {
		return [2]int64{}, false
	}
	if s.cycle == 0 {
		if k >= n {
			return [2]int64{}, false
		}
		return s.pieces[k], true
	}
	off := int64(k/n) * s.cycle
	p := s.pieces[k%n]
	return [2]int64{p[0] + off, p[1] + off}, true
}

// loggedIn returns the total logged-in time within [0, horizon).
func (s *schedule) loggedIn(horizon int64) int64 {
	var t int64
	for k := 0; ; k++ {
		p, ok := s.piece(k)
		if !ok || p[0] >= horizon {
			return t
		}
		t += min(p[1], horizon) - p[0]
	}
}

// groupSchedules returns the schedule of each agent of group g: one shared
// schedule for a group on shifts, one per agent for a staffing plan.
func groupSchedules(p *Plan, g *model.AgentGroup) (scheds []schedule, count int) {
	horizon := p.horizon
	keep := 1 - g.Shrinkage
	if sp := g.StaffingPlan; sp != nil {
		iv := int64(sp.Interval)
		avail := make([]int, len(sp.Rows))
		for i, r := range sp.Rows {
			avail[i] = int(math.Round(float64(r.Agents) * keep))
			count = max(count, avail[i])
		}
		// A plan repeated through a daylight-saving change is a
		// wall-clock pattern: each interval of the run is worked as its
		// wall-clock place's row says, so the schedule is laid out over
		// the whole horizon. Otherwise it covers one cycle and repeats.
		wall := p.grid.WallSlots()
		rows := int64(len(avail))
		if wall {
			rows = (horizon + iv - 1) / iv
		}
		for k := range count {
			var sc schedule
			if !wall {
				sc.cycle = int64(sp.Length())
			}
			for i := range rows {
				n := avail[i%int64(len(avail))]
				if wall {
					n = avail[p.bucket(i)]
				}
				if k >= n {
					continue
				}
				st, en := i*iv, min((i+1)*iv, max(horizon, int64(sp.Length())))
				if m := len(sc.pieces); m > 0 && sc.pieces[m-1][1] == st {
					sc.pieces[m-1][1] = en
				} else {
					sc.pieces = append(sc.pieces, [2]int64{st, en})
				}
			}
			scheds = append(scheds, sc)
		}
		return scheds, count
	}
	if len(g.RosterShifts) > 0 {
		// One agent per roster row, or per agent the roster names (its
		// shifts one schedule); shrinkage drops rows evenly among those
		// of each day (see keepRows), and an agent left with no row.
		kept := keepRows(g.RosterShifts, keep)
		if len(g.RosterAgents) == 0 {
			for _, j := range kept {
				scheds = append(scheds, newSchedule(shiftSpans(p.clock, g.RosterShifts[j], horizon, 0, 1)))
			}
			return scheds, len(scheds)
		}
		byAgent := make([][]span, slices.Max(g.RosterAgents)+1)
		has := make([]bool, len(byAgent))
		for _, j := range kept {
			a := g.RosterAgents[j]
			has[a] = true
			byAgent[a] = append(byAgent[a], shiftSpans(p.clock, g.RosterShifts[j], horizon, 0, 1)...)
		}
		for a, spans := range byAgent {
			if has[a] {
				scheds = append(scheds, newSchedule(spans))
			}
		}
		return scheds, len(scheds)
	}
	count = int(math.Round(float64(g.Count) * keep))
	staggered := false
	for _, sh := range g.Shifts {
		for _, b := range sh.Breaks {
			staggered = staggered || b.Window != nil
		}
	}
	// Breaks with a window are placed per agent; otherwise all agents
	// share one schedule.
	n := 1
	if staggered {
		n = max(count, 1)
	}
	for k := range n {
		var spans []span
		for _, sh := range g.Shifts {
			spans = append(spans, shiftSpans(p.clock, sh, horizon, k, count)...)
		}
		scheds = append(scheds, newSchedule(spans))
	}
	return scheds, count
}

// keepRows returns the indices of the roster shifts left after
// shrinkage: of the m rows of one day (rows sorted as the file lists
// them), row j is kept when round((j+1) x keep) > round(j x keep), which
// keeps round(m x keep) rows spread evenly through the day's rows rather
// than all of its last ones.
func keepRows(rows []model.Shift, keep float64) []int {
	seen := map[string]int{}
	var out []int
	for i, sh := range rows {
		if keep >= 1 {
			out = append(out, i)
			continue
		}
		key := strings.Join(sh.Days, ",")
		if len(sh.Days) == 0 {
			key = strconv.FormatInt(int64(sh.Start.Value/model.Day), 10)
		}
		j := seen[key]
		seen[key]++
		if math.Round(float64(j+1)*keep) > math.Round(float64(j)*keep) {
			out = append(out, i)
		}
	}
	return out
}

// span is a logged-in piece [a, b) and the break that follows it.
type span struct {
	a, b int64
	gap  gap
}

// stagger returns where agent k of n starts a break of length l in a
// window of length w, as an offset from the window start. The window is
// split into lanes, min(n, floor(w/l)) sub-windows of equal length;
// agents go round the lanes in turn (agent k to lane k mod lanes) and the
// agents of one lane are spread evenly from its start to its end minus
// l. A lane's breaks stay inside it, so breaks of different lanes never
// overlap and at most ceil(n / lanes) agents are on this break at once.
// Offsets are rounded down to the minute (ms where the window is shorter
// than a minute's rounding can keep).
func stagger(k, n int, w, l int64) int64 {
	if n <= 1 || w <= l || l <= 0 {
		return 0
	}
	lanes := int(min(int64(n), w/l))
	lane, j := k%lanes, k/lanes
	m := (n - lane + lanes - 1) / lanes // agents in this lane
	from := int64(lane) * w / int64(lanes)
	to := int64(lane+1) * w / int64(lanes)
	off := from
	if m > 1 && to-from > l {
		off += int64(j) * (to - from - l) / int64(m-1)
	}
	minute := int64(model.Minute)
	if r := off - off%minute; r >= from {
		off = r
	}
	return off
}

// shiftSpans expands one shift (weekly or one-off) into logged-in spans
// within the horizon, with its breaks cut out, for agent k of the n of its
// group (which places breaks with a window, see stagger). Days and times
// of day are the wall clock's (c): a shift from 22:00 to 06:00 over a
// night clocks go forward is 7 hours long, and one starting in the skipped
// hour starts when the clocks jump.
func shiftSpans(c *model.Clock, sh model.Shift, horizon int64, k, n int) []span {
	var spans [][2]int64
	start := c.Start()
	if len(sh.Days) == 0 {
		spans = append(spans, [2]int64{int64(sh.Start.Offset(start)), int64(sh.End.Offset(start))})
	} else {
		days := map[time.Weekday]bool{}
		for _, d := range sh.Days {
			wd, _ := model.Weekday(d)
			days[wd] = true
		}
		// From the day before the start's: a window opening the evening
		// before (a night shift, hours past midnight) is under way at
		// the start, as model.Queue.OpenAt reads it.
		for day := int64(-1); c.Elapsed(day*int64(model.Day)) < horizon; day++ {
			if !days[c.Weekday(day)] {
				continue
			}
			st, en := day*int64(model.Day)+int64(sh.Start.Value), day*int64(model.Day)+int64(sh.End.Value)
			if en <= st {
				en += int64(model.Day)
			}
			spans = append(spans, [2]int64{c.Elapsed(st), c.Elapsed(en)})
		}
	}
	// at places a break time in the shift starting at sp0: an offset
	// from it, or a time of day on the shift's day or the next.
	at := func(sp0 int64, a model.At) int64 {
		if !a.Clock {
			return sp0 + int64(a.Value)
		}
		day, _ := model.SplitDay(c.Wall(sp0))
		w := day*int64(model.Day) + int64(a.Value)
		if w < c.Wall(sp0) {
			w += int64(model.Day)
		}
		return c.Elapsed(w)
	}
	var out []span
	for _, sp := range spans {
		pieces := [][2]int64{sp}
		type brk struct {
			a, b  int64
			lunch bool
		}
		var brks []brk
		for _, b := range sh.Breaks {
			var bs int64
			if w := b.Window; w != nil {
				from := at(sp[0], w.From)
				to := at(sp[0], w.To)
				if w.To.Clock && to <= from {
					to = at(from, w.To)
				}
				bs = from + stagger(k, n, to-from, int64(b.Duration))
			} else {
				bs = at(sp[0], b.Start)
			}
			pieces = cut(pieces, bs, bs+int64(b.Duration))
			brks = append(brks, brk{bs, bs + int64(b.Duration), b.Kind == model.LunchKind})
		}
		for i, p := range pieces {
			var g gap
			if i+1 < len(pieces) {
				// Only breaks cut a shift: the hole up to the next piece
				// is one (or several that overlap or touch).
				g.length = pieces[i+1][0] - p[1]
				for _, b := range brks {
					g.lunch = g.lunch || (b.lunch && b.a < pieces[i+1][0] && b.b > p[1])
				}
			}
			p[0], p[1] = max(p[0], 0), min(p[1], horizon)
			if p[1] > p[0] {
				out = append(out, span{p[0], p[1], g})
			}
		}
	}
	return out
}

// cut removes [a, b) from a list of pieces.
func cut(pieces [][2]int64, a, b int64) [][2]int64 {
	var out [][2]int64
	for _, p := range pieces {
		if b <= p[0] || a >= p[1] {
			out = append(out, p)
			continue
		}
		if a > p[0] {
			out = append(out, [2]int64{p[0], a})
		}
		if b < p[1] {
			out = append(out, [2]int64{b, p[1]})
		}
	}
	return out
}

// mergeSpans sorts spans and joins overlapping or touching ones; a joined
// span keeps the break of the one that ends last.
func mergeSpans(ps []span) []span {
	slices.SortStableFunc(ps, func(a, b span) int { return cmp.Compare(a.a, b.a) })
	var out []span
	for _, p := range ps {
		if n := len(out); n > 0 && p.a <= out[n-1].b {
			if p.b >= out[n-1].b {
				out[n-1].b, out[n-1].gap = p.b, p.gap
			}
			continue
		}
		out = append(out, p)
	}
	return out
}
