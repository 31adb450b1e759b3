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
// the next (the week repeats, so Sunday's shift is followed by Monday's).
// Shifts are only ever on the template's allowed days, so lines are too.
//
// The packing is greedy. It opens as many lines as the lower bound
// max(most shifts on one day, ceil(shifts / days_per_week)) and goes
// through the days in order, each day's shifts by start; each shift goes
// to the line with the fewest days so far that is free that day and
// rested (the lowest line number among equals), and a new line is opened
// only when no line is. Without the rest rule, giving each day's shifts
// to the lines with the most days left always fits within the bound (no
// line runs out of days while another has days to spare and the day needs
// it); the rest rule can cost lines, and [Roster.LineBound] tells how many.
func (r *Roster) pack() {
	r.Lines = make([]int, len(r.Templates))
	for t := range r.Templates {
		tp := &r.Templates[t]
		var idx []int
		for k, sh := range r.Shifts {
			if sh.Template == t {
				idx = append(idx, k)
			}
		}
		if len(idx) == 0 {
			continue
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			return int(r.Shifts[a].Start - r.Shifts[b].Start)
		})
		rest := int64(tp.MinRest)
		length := int64(tp.Length)
		type line struct {
			days   int
			onDay  [7]bool
			starts []int64
		}
		lines := make([]line, r.LineBound()[t])
		rested := func(l *line, st int64) bool {
			for _, o := range l.starts {
				// Circular week: o's shift ends, rest, then st starts
				// (in this week or the next), or the other way round.
				d := ((st-o)%int64(Week) + int64(Week)) % int64(Week)
				if d < length+rest || int64(Week)-d < length+rest {
					return false
				}
			}
			return true
		}
		for _, k := range idx {
			sh := &r.Shifts[k]
			st := int64(sh.Start)
			best := -1
			for j := range lines {
				l := &lines[j]
				if l.days >= tp.DaysPerWeek || l.onDay[sh.Day] || !rested(l, st) {
					continue
				}
				if best < 0 || l.days < lines[best].days {
					best = j
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
			sh.Line = best
		}
		// Lines opened for the bound but left empty (the rest rule can
		// leave one unused while it forces another open) are dropped, the
		// used ones renumbered in order.
		used := make([]int, len(lines))
		n := 0
		for j := range lines {
			used[j] = -1
			if lines[j].days > 0 {
				used[j] = n
				n++
			}
		}
		for _, k := range idx {
			r.Shifts[k].Line = used[r.Shifts[k].Line]
		}
		r.Lines[t] = n
	}
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
