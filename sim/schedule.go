package sim

import (
	"math"
	"slices"
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
	count = int(math.Round(float64(g.Count) * keep))
	var sc schedule
	for _, sh := range g.Shifts {
		sc.pieces = append(sc.pieces, shiftPieces(p.clock, sh, horizon)...)
	}
	sc.pieces = mergePieces(sc.pieces)
	return []schedule{sc}, count
}

// shiftPieces expands one shift (weekly or one-off) into logged-in pieces
// within the horizon, with its breaks cut out. Days and times of day are
// the wall clock's (c): a shift from 22:00 to 06:00 over a night clocks
// go forward is 7 hours long, and one starting in the skipped hour starts
// when the clocks jump.
func shiftPieces(c *model.Clock, sh model.Shift, horizon int64) [][2]int64 {
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
	var out [][2]int64
	for _, sp := range spans {
		pieces := [][2]int64{sp}
		for _, b := range sh.Breaks {
			bs := sp[0] + int64(b.Start.Value)
			if b.Start.Clock {
				// A time of day: on the shift's day, or the next.
				day, _ := model.SplitDay(c.Wall(sp[0]))
				w := day*int64(model.Day) + int64(b.Start.Value)
				if w < c.Wall(sp[0]) {
					w += int64(model.Day)
				}
				bs = c.Elapsed(w)
			}
			pieces = cut(pieces, bs, bs+int64(b.Duration))
		}
		for _, p := range pieces {
			p[0], p[1] = max(p[0], 0), min(p[1], horizon)
			if p[1] > p[0] {
				out = append(out, p)
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

// mergePieces sorts pieces and joins overlapping or touching ones.
func mergePieces(ps [][2]int64) [][2]int64 {
	slices.SortFunc(ps, func(a, b [2]int64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	var out [][2]int64
	for _, p := range ps {
		if n := len(out); n > 0 && p[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], p[1])
			continue
		}
		out = append(out, p)
	}
	return out
}
