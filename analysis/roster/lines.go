package roster

import (
	"slices"
	"strconv"

	"github.com/ccsim/ccsim/model"
)

// pack gives every shift of r an agent: per template, it packs the
// template's shifts into weekly lines, each line one agent's week, working
// at most the template's days_per_week days, at most one shift a day, with
// at least min_rest between the end of one of its shifts and the start of
// the next, and somewhere in its week one gap of at least weekly_rest (the
// week repeats, so Sunday's shift is followed by Monday's). Shifts are
// only ever on the template's allowed days, so lines are too.
//
// The packing is greedy. It opens as many lines as the lower bound
// max(most shifts on one day, ceil(shifts / days_per_week)) and goes
// through the days in order, each day's shifts by start; each shift goes
// to the line with the fewest days so far that is free that day and
// rested (the lowest line number among equals), and a new line is opened
// only when no line is. Without the rest rules, giving each day's shifts
// to the lines with the most days left always fits within the bound (no
// line runs out of days while another has days to spare and the day needs
// it); the rest rules can cost lines, and [Roster.LineBound] tells how
// many.
//
// With days_off_together (the default), the same greedy runs a second
// time with a plan of days off (see [offPlan]): lines first take the days
// of their planned run of work days. The plan is kept only when it needs
// no more lines than the plain packing (and, on a tie, gives at least as
// many lines their days off together), so asking for days off together
// never costs an agent; [Roster.OffTogether] tells how many lines got
// them.
func (r *Roster) pack() {
	r.Lines = make([]int, len(r.Templates))
	r.OffTogether = make([]int, len(r.Templates))
	bound := r.LineBound()
	for t := range r.Templates {
		tp := &r.Templates[t]
		var idx []int
		var perDay [7]int
		for k, sh := range r.Shifts {
			if sh.Template == t {
				idx = append(idx, k)
				perDay[sh.Day]++
			}
		}
		if len(idx) == 0 {
			continue
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			return int(r.Shifts[a].Start - r.Shifts[b].Start)
		})
		best := packTemplate(tp, r.Shifts, idx, bound[t], nil)
		if tp.OffTogether() && tp.DaysPerWeek < 7 {
			plan := offPlan(perDay, bound[t], tp.DaysPerWeek)
			p := packTemplate(tp, r.Shifts, idx, bound[t], plan)
			if p.n < best.n || p.n == best.n && p.together >= best.together {
				best = p
			}
		}
		for i, k := range idx {
			r.Shifts[k].Line = best.line[i]
		}
		r.Lines[t] = best.n
		r.OffTogether[t] = best.together
	}
}

// packing is one way of packing a template's shifts: the line of each
// shift (in the order given to packTemplate), the lines used and how many
// of them have their days off together.
type packing struct {
	line     []int
	n        int
	together int
}

// packTemplate packs the shifts idx (one template's, by start) greedily
// into lines, starting with bound lines. plan, when not nil, gives the
// first len(plan) lines the work days each should take first (see
// [offPlan]); a shift on day d goes, among the lines it may go to, first
// to a line planned to work d (one for which d is not the first or last
// day of its run first, so that the lines left without a shift that day
// are those whose days off it extends), then to a line without a plan,
// then to a line not planned to work d; among equals to the line with
// the fewest days, then the lowest number.
func packTemplate(tp *model.ShiftTemplate, shifts []Shift, idx []int, bound int, plan [][7]bool) packing {
	rest := int64(tp.MinRest)
	weekly := int64(tp.WeeklyRestPeriod())
	length := int64(tp.Length)
	week := int64(Week)
	type line struct {
		days   int
		onDay  [7]bool
		starts []int64 // sorted
	}
	lines := make([]line, bound)
	// rested: st keeps min_rest to every shift of l, the week circular
	// (o's shift ends, rest, then st starts, in this week or the next, or
	// the other way round).
	rested := func(l *line, st int64) bool {
		for _, o := range l.starts {
			d := ((st-o)%week + week) % week
			if d < length+rest || week-d < length+rest {
				return false
			}
		}
		return true
	}
	// weeklyRested: with st added, some gap from a shift's end to the
	// next start (wrapping round) is at least weekly_rest. Adding shifts
	// only shortens gaps, so a line that keeps it at every step keeps it
	// at the end.
	weeklyRested := func(l *line, st int64) bool {
		if weekly == 0 {
			return true
		}
		// At most one shift a day: 7 starts and st fit on the stack.
		var buf [8]int64
		s := append(buf[:0], l.starts...)
		s = append(s, st)
		slices.Sort(s)
		for i, a := range s {
			next := s[(i+1)%len(s)]
			if i == len(s)-1 {
				next += week
			}
			if next-a-length >= weekly {
				return true
			}
		}
		return false
	}
	// tier ranks line j for a shift on day: 0 planned to work it, d inside
	// its run; 1 planned, d at an end of its run; 2 no plan; 3 planned off.
	tier := func(j, day int) int {
		if j >= len(plan) {
			return 2
		}
		p := &plan[j]
		if !p[day] {
			return 3
		}
		if p[(day+6)%7] && p[(day+1)%7] {
			return 0
		}
		return 1
	}
	out := packing{line: make([]int, len(idx))}
	for i, k := range idx {
		sh := &shifts[k]
		st := int64(sh.Start)
		best, bestTier := -1, 0
		for j := range lines {
			l := &lines[j]
			if l.days >= tp.DaysPerWeek || l.onDay[sh.Day] || !rested(l, st) || !weeklyRested(l, st) {
				continue
			}
			tj := tier(j, sh.Day)
			if best < 0 || tj < bestTier || tj == bestTier && l.days < lines[best].days {
				best, bestTier = j, tj
			}
		}
		if best < 0 {
			lines = append(lines, line{})
			best = len(lines) - 1
		}
		l := &lines[best]
		l.days++
		l.onDay[sh.Day] = true
		l.starts = append(l.starts, st)
		slices.Sort(l.starts)
		out.line[i] = best
	}
	// Lines opened for the bound but left empty (the rest rules can leave
	// one unused while they force another open) are dropped, the used
	// ones renumbered in order.
	used := make([]int, len(lines))
	for j := range lines {
		used[j] = -1
		if lines[j].days > 0 {
			used[j] = out.n
			out.n++
			if offTogether(lines[j].onDay) {
				out.together++
			}
		}
	}
	for i := range out.line {
		out.line[i] = used[out.line[i]]
	}
	return out
}

// offTogether reports whether the days not worked form one run, the week
// wrapping round (Saturday, Sunday and Monday are together). A week
// without a day off has them together too: none is apart.
func offTogether(work [7]bool) bool {
	starts := 0
	for d := range work {
		if !work[d] && work[(d+6)%7] {
			starts++
		}
	}
	return starts <= 1
}

// offPlan plans the work days of up to lines lines so that each works a
// run of consecutive days (its days off together, the week wrapping
// round) and the lines planned on each day d are at least perDay[d]. It
// gives each line a block of days off containing every day without a
// shift (a line planned on a day with nothing to do would take it off,
// splitting its days off), as short as days_per_week allows (7 − days
// per week days, or the shortest holding every empty day), where the most
// lines may still be off: lines − perDay[d] minus the blocks already on
// d, the least over the block's days the largest, then the sum, then the
// earliest. When no such block fits, a block a day longer may, as long
// as the lines' work days (lines × days per week) still reach the
// shifts: a line working 4 days with 3 off together rather than 5 days
// with 2 apart. Lines no block fits in are left
// without a plan (the packing gives them what the planned lines cannot
// take). This is the days-off scheduling problem (two consecutive days
// off in a 5-day week, Baker 1974), solved greedily rather than exactly:
// the packing falls back to no plan where it costs lines.
func offPlan(perDay [7]int, lines, daysPerWeek int) [][7]bool {
	var spare [7]int
	for d, n := range perDay {
		spare[d] = lines - n
	}
	// blockOK: the block of n days off from s holds every day without a
	// shift.
	blockOK := func(s, n int) bool {
		for d := range 7 {
			if perDay[d] == 0 && (d-s+7)%7 >= n {
				return false
			}
		}
		return true
	}
	off := 7 - daysPerWeek
	for ; off < 7; off++ {
		ok := false
		for s := range 7 {
			ok = ok || blockOK(s, off)
		}
		if ok {
			break
		}
	}
	if off == 7 {
		return nil // no day has a shift
	}
	// slack is the work days the lines have beyond the shifts: a line
	// given a longer block spends some of it.
	slack := lines * daysPerWeek
	for _, n := range perDay {
		slack -= n
	}
	var plan [][7]bool
	for n := off; n < 7 && len(plan) < lines; n++ {
		if n-off > slack {
			break
		}
		for len(plan) < lines && n-off <= slack {
			best, bestMin, bestSum := -1, 0, 0
			for s := range 7 {
				if !blockOK(s, n) {
					continue
				}
				mn, sum := lines, 0
				for i := range n {
					v := spare[(s+i)%7]
					mn, sum = min(mn, v), sum+v
				}
				if mn < 1 {
					continue
				}
				if best < 0 || mn > bestMin || mn == bestMin && sum > bestSum {
					best, bestMin, bestSum = s, mn, sum
				}
			}
			if best < 0 {
				break
			}
			var work [7]bool
			for d := range work {
				work[d] = true
			}
			for i := range n {
				work[(best+i)%7] = false
				spare[(best+i)%7]--
			}
			slack -= n - off
			plan = append(plan, work)
		}
	}
	return plan
}

// LineBound returns, per template, the fewest weekly lines (agents) that
// can work its shifts: the most shifts on one day (one shift a day per
// agent), or the shifts over the days one agent works, whichever is more.
// The rest between shifts is not in it: a packing may need more.
func (r *Roster) LineBound() []int {
	perDay := make([][7]int, len(r.Templates))
	for _, s := range r.Shifts {
		perDay[s.Template][s.Day]++
	}
	out := make([]int, len(r.Templates))
	for t := range out {
		out[t] = weeklyAgents(perDay[t], r.Templates[t].DaysPerWeek)
	}
	return out
}

// AgentID names line n (0-based) of template tp, e.g. "full-07": numbered
// from 1, zero-padded to the width of the template's line count (at least
// two digits) so that ids sort in order.
func AgentID(tp *model.ShiftTemplate, n, lines int) string {
	width := max(2, len(strconv.Itoa(lines)))
	s := strconv.Itoa(n + 1)
	for len(s) < width {
		s = "0" + s
	}
	return tp.Name + "-" + s
}
