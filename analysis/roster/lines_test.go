package roster_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// checkLines fails t where a weekly line breaks a rule: more days than
// days_per_week, two shifts on one day, a day the template does not
// allow, less than min_rest between one shift's end and the next start
// (the week wrapping round), or a line number out of range.
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
	}
}

func tpl(name string, days []string, perWeek int, length, rest model.Duration) model.ShiftTemplate {
	return model.ShiftTemplate{Name: name, Length: length, DaysPerWeek: perWeek, Days: days, MinRest: rest, CostPerHour: 1}
}

// TestPackLines: the packing keeps every rule and reaches the lower bound
// where the rest allows it; where rest between a late and the next early
// shift forbids one agent both, it opens the lines it must.
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
	for _, tc := range []struct {
		name   string
		tp     model.ShiftTemplate
		shifts []roster.Shift
		lines  int
		bound  int
	}{
		// 14 shifts, 2 a day, 5 days each: ceil(14/5) = 3 lines. Giving
		// each day to the first free lines would fill two lines by
		// Friday and open two more for the weekend.
		{"seven days, five each", tpl("full", nil, 5, 8*model.Hour, model.DefaultMinRest), every(2, week, 8), 3, 3},
		{"weekdays", tpl("full", []string{"mon", "tue", "wed", "thu", "fri"}, 5, 8*model.Hour, model.DefaultMinRest), every(4, week[:5], 9), 4, 4},
		{"part-time, three days", tpl("part", nil, 3, 4*model.Hour, model.DefaultMinRest),
			append(every(3, []int{0, 1, 2}, 9), every(1, []int{3, 4, 5}, 13)...), 4, 4},
		// Monday 14:00-22:30 then Tuesday 07:00: 8h30m rest. One agent
		// could work both days but not with 11 hours' rest.
		{"late then early", tpl("any", nil, 7, 8*model.Hour+30*model.Minute, model.DefaultMinRest),
			[]roster.Shift{{Day: 0, Start: at(0, 14)}, {Day: 1, Start: at(1, 7)}}, 2, 1},
		// Sunday 22:00 to Monday 06:00, then Monday 14:00: 8 hours; the
		// week wraps, so Sunday's shift is followed by Monday's.
		{"wrap", tpl("night", nil, 7, 8*model.Hour, model.DefaultMinRest),
			[]roster.Shift{{Day: 0, Start: at(0, 14)}, {Day: 6, Start: at(6, 22)}}, 2, 1},
		{"wrap, short rest", tpl("night", nil, 7, 8*model.Hour, 8*model.Hour),
			[]roster.Shift{{Day: 0, Start: at(0, 14)}, {Day: 6, Start: at(6, 22)}}, 1, 1},
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
	t.Logf("%d shifts in %v lines (lower bound %v)", len(r.Shifts), r.Lines, bound)
}
