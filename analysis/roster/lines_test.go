package roster_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// checkLines fails t where a weekly line breaks a rule: more days than
// days_per_week, two shifts on one day, a day the template does not
// allow, less than min_rest between one shift's end and the next start
// (the week wrapping round), no gap of weekly_rest anywhere in the week
// (wrapping round), or a line number out of range; and where
// Roster.OffTogether miscounts the lines whose days off are consecutive.
func checkLines(t *testing.T, r *roster.Roster) {
	t.Helper()
	type key struct{ t, line int }
	lines := map[key][]roster.Shift{}
	for _, sh := range r.Shifts {
		if sh.Line < 0 || sh.Line >= r.Lines[sh.Template] {
			t.Errorf("shift %+v on line %d of %d", sh, sh.Line, r.Lines[sh.Template])
		}
		lines[key{sh.Template, sh.Line}] = append(lines[key{sh.Template, sh.Line}], sh)
	}
	week := int64(roster.Week)
	together := make([]int, len(r.Templates))
	for k, shs := range lines {
		tp := &r.Templates[k.t]
		id := roster.AgentID(tp, k.line, r.Lines[k.t])
		if len(shs) > tp.DaysPerWeek {
			t.Errorf("%s works %d days, more than days_per_week %d", id, len(shs), tp.DaysPerWeek)
		}
		allowed := tp.WorkDays()
		var days [7]bool
		for i, a := range shs {
			if days[a.Day] {
				t.Errorf("%s works twice on day %d", id, a.Day)
			}
			days[a.Day] = true
			if wd := r.Req.Start.AddDate(0, 0, a.Day).Weekday(); !allowed[wd] {
				t.Errorf("%s works on %s, not one of the template's days %v", id, wd, tp.Days)
			}
			for _, b := range shs[i+1:] {
				gap := ((int64(b.Start)-int64(a.Start))%week + week) % week
				need := int64(tp.Length + tp.MinRest)
				if gap < need || week-gap < need {
					t.Errorf("%s: shifts at %s and %s leave less than %s rest", id, a.Start, b.Start, tp.MinRest)
				}
			}
		}
		// Weekly rest: the longest gap from a shift's end to the next
		// start, the week wrapping round.
		starts := make([]int64, len(shs))
		for i, a := range shs {
			starts[i] = int64(a.Start)
		}
		slices.Sort(starts)
		var longest int64
		for i, a := range starts {
			next := starts[(i+1)%len(starts)]
			if i == len(starts)-1 {
				next += week
			}
			longest = max(longest, next-a-int64(tp.Length))
		}
		if w := int64(tp.WeeklyRestPeriod()); longest < w {
			t.Errorf("%s: longest rest in the week %s, less than weekly_rest %s", id, model.Duration(longest), model.Duration(w))
		}
		// Days off together: the days off form one run, wrapping round.
		runs := 0
		for d := range 7 {
			if !days[d] && days[(d+6)%7] {
				runs++
			}
		}
		if runs <= 1 {
			together[k.t]++
		}
	}
	if r.OffTogether == nil {
		t.Fatalf("OffTogether not set")
	}
	if fmt.Sprint(together) != fmt.Sprint(r.OffTogether) {
		t.Errorf("lines with days off together %v, Roster.OffTogether says %v", together, r.OffTogether)
	}
}

// daysOff returns each line's days off of template 0 as "tue,wed"-like
// strings, day 0 being mon (the tests' monday start).
func daysOff(r *roster.Roster) []string {
	names := []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	work := make([][7]bool, r.Lines[0])
	for _, sh := range r.Shifts {
		work[sh.Line][sh.Day] = true
	}
	out := make([]string, len(work))
	for j, w := range work {
		var off []string
		for d := range 7 {
			if !w[d] {
				off = append(off, names[d])
			}
		}
		out[j] = strings.Join(off, ",")
	}
	return out
}

func tpl(name string, days []string, perWeek int, length, rest model.Duration) model.ShiftTemplate {
	return model.ShiftTemplate{Name: name, Length: length, DaysPerWeek: perWeek, Days: days, MinRest: rest, CostPerHour: 1}
}

// weekly sets a template's weekly_rest; apart turns days_off_together off.
func weekly(tp model.ShiftTemplate, w model.Duration) model.ShiftTemplate {
	tp.WeeklyRest = &w
	return tp
}

func apart(tp model.ShiftTemplate) model.ShiftTemplate {
	off := false
	tp.DaysOffTogether = &off
	return tp
}

// TestPackLines: the packing keeps every rule and reaches the lower bound
// where the rest allows it; where rest between a late and the next early
// shift forbids one agent both, or the weekly rest a sixth day, it opens
// the lines it must; days off come together where the plan allows.
func TestPackLines(t *testing.T) {
	at := func(day int, h int) model.Duration {
		return model.Duration(day)*model.Day + model.Duration(h)*model.Hour
	}
	every := func(perDay int, days []int, h int) []roster.Shift {
		var out []roster.Shift
		for _, d := range days {
			for range perDay {
				out = append(out, roster.Shift{Day: d, Start: at(d, h)})
			}
		}
		return out
	}
	week := []int{0, 1, 2, 3, 4, 5, 6}
	// Monday 14:00-22:30, then 07:00-15:30 Wednesday to Sunday: one
	// agent could work all six days with 11 hours' rest between them, but
	// its longest rest would be Monday 22:30 to Wednesday 07:00, 32h30m,
	// short of 35h (and Sunday 15:30 to Monday 14:00 is 22h30m).
	sixth := append([]roster.Shift{{Day: 0, Start: at(0, 14)}}, every(1, week[2:], 7)...)
	full := 8*model.Hour + 30*model.Minute
	for _, tc := range []struct {
		name     string
		tp       model.ShiftTemplate
		shifts   []roster.Shift
		lines    int
		bound    int
		together int
		off      string // each line's days off, "" not checked
	}{
		// 14 shifts, 2 a day, 5 days each: ceil(14/5) = 3 lines. Giving
		// each day to the first free lines would fill two lines by
		// Friday and open two more for the weekend. Planned, every line
		// has its two days off in a row; Sunday has a line to spare, the
		// one whose run starts then, so its days off grow to three.
		{"seven days, five each", tpl("full", nil, 5, 8*model.Hour, model.DefaultMinRest), every(2, week, 8), 3, 3, 3,
			"[mon,tue wed,thu fri,sat,sun]"},
		// Without the plan, the fewest-days greedy gives every line its
		// days off apart: mon-tue-thu-fri-sun, off wed and sat.
		{"seven days, five each, days off apart", apart(tpl("full", nil, 5, 8*model.Hour, model.DefaultMinRest)), every(2, week, 8), 3, 3, 0,
			"[wed,sat tue,fri mon,thu,sun]"},
		{"weekdays", tpl("full", []string{"mon", "tue", "wed", "thu", "fri"}, 5, 8*model.Hour, model.DefaultMinRest), every(4, week[:5], 9), 4, 4, 4,
			"[sat,sun sat,sun sat,sun sat,sun]"},
		{"part-time, three days", tpl("part", nil, 3, 4*model.Hour, model.DefaultMinRest),
			append(every(3, []int{0, 1, 2}, 9), every(1, []int{3, 4, 5}, 13)...), 4, 4, 4, ""},
		// Monday 14:00-22:30 then Tuesday 07:00: 8h30m rest. One agent
		// could work both days but not with 11 hours' rest.
		{"late then early", tpl("any", nil, 7, full, model.DefaultMinRest),
			[]roster.Shift{{Day: 0, Start: at(0, 14)}, {Day: 1, Start: at(1, 7)}}, 2, 1, 2, ""},
		// Sunday 22:00 to Monday 06:00, then Monday 14:00: 8 hours; the
		// week wraps, so Sunday's shift is followed by Monday's.
		{"wrap", tpl("night", nil, 7, 8*model.Hour, model.DefaultMinRest),
			[]roster.Shift{{Day: 0, Start: at(0, 14)}, {Day: 6, Start: at(6, 22)}}, 2, 1, 2, ""},
		{"wrap, short rest", tpl("night", nil, 7, 8*model.Hour, 8*model.Hour),
			[]roster.Shift{{Day: 0, Start: at(0, 14)}, {Day: 6, Start: at(6, 22)}}, 1, 1, 1, "[tue,wed,thu,fri,sat]"},
		// Weekly rest: the sixth day needs a second agent.
		{"weekly rest", tpl("six", nil, 6, full, model.DefaultMinRest), sixth, 2, 1, 1, "[tue,sun mon,tue,wed,thu,fri,sat]"},
		{"weekly rest off", weekly(tpl("six", nil, 6, full, model.DefaultMinRest), 0), sixth, 1, 1, 1, "[tue]"},
		// 32h30m is enough for a weekly rest of 32h (a collective
		// agreement's, say), not for 33h.
		{"weekly rest 32h", weekly(tpl("six", nil, 6, full, model.DefaultMinRest), 32*model.Hour), sixth, 1, 1, 1, ""},
		{"weekly rest 33h", weekly(tpl("six", nil, 6, full, model.DefaultMinRest), 33*model.Hour), sixth, 2, 1, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &roster.Roster{Req: roster.Requirement{Start: monday}, Templates: []model.ShiftTemplate{tc.tp}, Shifts: tc.shifts}
			r.Pack()
			checkLines(t, r)
			if r.Lines[0] != tc.lines || r.LineBound()[0] != tc.bound {
				t.Errorf("%d lines against a bound of %d, want %d and %d", r.Lines[0], r.LineBound()[0], tc.lines, tc.bound)
			}
			if got := r.Agents()[0]; got != r.Lines[0] {
				t.Errorf("Agents() %d, lines %d", got, r.Lines[0])
			}
			if r.OffTogether[0] != tc.together {
				t.Errorf("%d lines with days off together, want %d (days off %v)", r.OffTogether[0], tc.together, daysOff(r))
			}
			if got := fmt.Sprint(daysOff(r)); tc.off != "" && got != tc.off {
				t.Errorf("days off %s, want %s", got, tc.off)
			}
		})
	}
}

// TestPackPlanningWeek: the planning week's roster (built and checked as
// ccsim roster does from Erlang C's requirement) packs into as many weekly
// lines as the lower bound, every line keeping the rules.
func TestPackPlanningWeek(t *testing.T) {
	l, err := scenarios.Resolve("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/planning-week-shifts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tp, err := scenarios.ParseTemplates("planning-week-shifts.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	req, err := roster.ErlangRequirement(l.Scenario, 0, 0.8, 5000)
	if err != nil {
		t.Fatal(err)
	}
	r, err := roster.Solve(req, tp)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, r)
	bound := r.LineBound()
	if fmt.Sprint(r.Lines) != fmt.Sprint(bound) {
		t.Errorf("lines %v, lower bound %v", r.Lines, bound)
	}
	for i, tpl := range r.Templates {
		if tpl.MaxAgents > 0 && r.Lines[i] > tpl.MaxAgents {
			t.Errorf("%s: %d lines over its cap %d", tpl.Name, r.Lines[i], tpl.MaxAgents)
		}
	}
	// Days off together cost no line, and give more lines their days off
	// together than the packing without them.
	plain := &roster.Roster{Req: r.Req, Templates: slices.Clone(r.Templates), Shifts: slices.Clone(r.Shifts)}
	for i := range plain.Templates {
		plain.Templates[i] = apart(plain.Templates[i])
	}
	plain.Pack()
	checkLines(t, plain)
	for i := range r.Templates {
		if r.Lines[i] > plain.Lines[i] || r.OffTogether[i] <= plain.OffTogether[i] {
			t.Errorf("%s: %d lines, %d with days off together; without the plan %d and %d",
				r.Templates[i].Name, r.Lines[i], r.OffTogether[i], plain.Lines[i], plain.OffTogether[i])
		}
	}
	t.Logf("%d shifts in %v lines (lower bound %v), %v with days off together (without the plan %v lines, %v together)",
		len(r.Shifts), r.Lines, bound, r.OffTogether, plain.Lines, plain.OffTogether)
}

// TestPackLines_random packs random weeks of shifts under random rules
// and checks every line against all of them (checkLines), that no
// packing beats the lower bound, and that asking for days off together
// never costs a line against the packing without.
func TestPackLines_random(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for c := range 300 {
		tp := model.ShiftTemplate{
			Name:        "t",
			Length:      model.Duration(1+rng.IntN(32)) * 30 * model.Minute,
			DaysPerWeek: 1 + rng.IntN(7),
			MinRest:     model.Duration(rng.IntN(25)) * model.Hour,
			CostPerHour: 1,
		}
		w := model.Duration(rng.IntN(73)) * model.Hour
		tp.WeeklyRest = &w
		var shifts []roster.Shift
		for d := range 7 {
			for range rng.IntN(5) {
				shifts = append(shifts, roster.Shift{Day: d, Start: model.Duration(d)*model.Day + model.Duration(rng.IntN(48))*30*model.Minute})
			}
		}
		if len(shifts) == 0 {
			continue
		}
		slices.SortStableFunc(shifts, func(a, b roster.Shift) int { return int(a.Start - b.Start) })
		r := &roster.Roster{Req: roster.Requirement{Start: monday}, Templates: []model.ShiftTemplate{tp}, Shifts: slices.Clone(shifts)}
		r.Pack()
		plain := &roster.Roster{Req: r.Req, Templates: []model.ShiftTemplate{apart(tp)}, Shifts: slices.Clone(shifts)}
		plain.Pack()
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			checkLines(t, r)
			checkLines(t, plain)
			if b := r.LineBound()[0]; r.Lines[0] < b {
				t.Errorf("%d lines, under the lower bound %d", r.Lines[0], b)
			}
			if r.Lines[0] > plain.Lines[0] || r.Lines[0] == plain.Lines[0] && r.OffTogether[0] < plain.OffTogether[0] {
				t.Errorf("days off together: %d lines, %d together; without: %d lines, %d together",
					r.Lines[0], r.OffTogether[0], plain.Lines[0], plain.OffTogether[0])
			}
		})
	}
}
