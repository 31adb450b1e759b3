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
func groupSchedules(s *model.Scenario, g *model.AgentGroup, horizon int64) (scheds []schedule, count int) {
	keep := 1 - g.Shrinkage
	if p := g.StaffingPlan; p != nil {
		iv := int64(p.Interval)
		avail := make([]int, len(p.Rows))
		for i, r := range p.Rows {
			avail[i] = int(math.Round(float64(r.Agents) * keep))
			count = max(count, avail[i])
		}
		for k := range count {
			var sc schedule
			sc.cycle = int64(p.Length())
			for i, n := range avail {
				if k >= n {
					continue
				}
				st, en := int64(i)*iv, int64(i+1)*iv
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
		sc.pieces = append(sc.pieces, shiftPieces(s, sh, horizon)...)
	}
	sc.pieces = mergePieces(sc.pieces)
	return []schedule{sc}, count
}

// shiftPieces expands one shift (weekly or one-off) into logged-in pieces
// within the horizon, with its breaks cut out.
func shiftPieces(s *model.Scenario, sh model.Shift, horizon int64) [][2]int64 {
	var spans [][2]int64
	if len(sh.Days) == 0 {
		spans = append(spans, [2]int64{int64(sh.Start.Offset(s.Start)), int64(sh.End.Offset(s.Start))})
	} else {
		days := map[time.Weekday]bool{}
		for _, d := range sh.Days {
			wd, _ := model.Weekday(d)
			days[wd] = true
		}
		midnight := time.Date(s.Start.Year(), s.Start.Month(), s.Start.Day(), 0, 0, 0, 0, time.UTC)
		first := -int64(s.Start.Sub(midnight).Milliseconds())
		for day := first; day < horizon; day += int64(model.Day) {
			wd := midnight.Add(time.Duration(day-first) * time.Millisecond).Weekday()
			if !days[wd] {
				continue
			}
			st, en := day+int64(sh.Start.Value), day+int64(sh.End.Value)
			if en <= st {
				en += int64(model.Day)
			}
			spans = append(spans, [2]int64{st, en})
		}
	}
	var out [][2]int64
	for _, sp := range spans {
		pieces := [][2]int64{sp}
		for _, b := range sh.Breaks {
			bs := sp[0] + int64(b.Start.Value)
			if b.Start.Clock {
				// A time of day: on the shift's day, or the next.
				day := sp[0] - mod(sp[0]-dayOffset(s), int64(model.Day))
				bs = day + int64(b.Start.Value)
				if bs < sp[0] {
					bs += int64(model.Day)
				}
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

// dayOffset is the offset (ms) of the start's midnight from the start,
// i.e. minus the start's time of day.
func dayOffset(s *model.Scenario) int64 {
	midnight := time.Date(s.Start.Year(), s.Start.Month(), s.Start.Day(), 0, 0, 0, 0, time.UTC)
	return -s.Start.Sub(midnight).Milliseconds()
}

func mod(a, b int64) int64 { return ((a % b) + b) % b }

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
