package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// RosterMeta describes a roster for its report.
type RosterMeta struct {
	Scenario     string
	Group        string
	Templates    string // the templates file
	Requirement  string // where the requirement came from
	Target       float64
	ServiceLevel model.Duration
	Reps         int
	Definition   model.SLDefinition
	ShortAbandon model.Duration
	// ErlangHours are the agent-hours of the roster built the same way
	// from the Erlang C requirement.
	ErlangHours float64
}

// RosterColumns are the roster CSV's columns, in order.
var RosterColumns = []string{"group", "agent", "template", "day", "start", "end", "breaks"}

// WriteRosterCSV writes the roster as CSV, one row per agent per day:
//
//	group,agent,template,day,start,end,breaks
//	agent,full-07,full,mon,07:00,15:30,08:45-09:00;11:15-11:45 lunch
//
// agent names the weekly line (one person's week) that works the shift:
// the rows with the same agent are one agent's shifts (analysis/roster
// packs them).
// day is mon ... sun; start, end and the breaks are local times of day
// (HH:MM, the scenario's time zone); an end at or before the start is on
// the next day, and so is a break time before the start. breaks lists the
// shift's breaks as FROM-TO separated by ";" (empty: none), a template
// break named lunch marked " lunch". Identical rows are as many agents
// working that shift, each on its own line. It is the format ccsim run --roster reads
// (scenarios.ReadRoster).
func WriteRosterCSV(w io.Writer, r *roster.Roster, group string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(RosterColumns); err != nil {
		return err
	}
	for _, sh := range r.Shifts {
		tp := &r.Templates[sh.Template]
		wd := r.Req.Start.Add(time.Duration(sh.Day) * 24 * time.Hour).Weekday()
		var breaks []string
		for k, b := range sh.Breaks {
			from := sh.Start + b
			span := rosterClock(from) + "-" + rosterClock(from+tp.Breaks[k].Length)
			if tp.Breaks[k].Kind() == model.LunchKind {
				span += " " + model.LunchKind
			}
			breaks = append(breaks, span)
		}
		if err := cw.Write([]string{group, roster.AgentID(tp, sh.Line, r.Lines[sh.Template]), tp.Name, strings.ToLower(wd.String()[:3]),
			rosterClock(sh.Start), rosterClock(sh.Start + tp.Length), strings.Join(breaks, ";")}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func rosterClock(d model.Duration) string {
	d = (d%model.Day + model.Day) % model.Day
	return fmt.Sprintf("%02d:%02d", d/model.Hour, d%model.Hour/model.Minute)
}

// RosterTables writes a roster and its simulated check: the shifts per
// template, the cover against the requirement per interval with the
// simulated service level, and the agent-hours beside the Erlang C
// roster's.
func RosterTables(w io.Writer, f Format, c *roster.CheckResult, m RosterMeta) error {
	if err := f.check(); err != nil {
		return err
	}
	r := c.Roster
	t := &text{w: w, f: f}
	target := fmt.Sprintf("%s%% within %s", formatFixed(100*m.Target, 0), m.ServiceLevel)
	head := fmt.Sprintf("Roster of agent group %s in %s for %s: templates %s, requirement %s; %d evaluations of %d replications.",
		m.Group, m.Scenario, target, m.Templates, m.Requirement, c.Evaluations, m.Reps)
	if f == FormatMarkdown {
		t.printf("## %s\n\n", head)
	} else {
		t.para(head)
		t.blank()
	}
	agents, bound := r.Agents(), r.LineBound()
	shifts := make([]int, len(r.Templates))
	for _, sh := range r.Shifts {
		shifts[sh.Template]++
	}
	tg := &grid{corner: "template", right: true, cols: []string{"shifts", "agents", "lower bound", "off together", "days/week", "cap", "agent-hours"}}
	for i, tp := range r.Templates {
		capText := "-"
		if tp.MaxAgents > 0 {
			capText = strconv.Itoa(tp.MaxAgents)
		}
		together := "-"
		if i < len(r.OffTogether) {
			together = strconv.Itoa(r.OffTogether[i])
		}
		tg.add(tp.Name, strconv.Itoa(shifts[i]), strconv.Itoa(agents[i]), strconv.Itoa(bound[i]), together, strconv.Itoa(tp.DaysPerWeek), capText,
			formatFixed(float64(shifts[i])*tp.Length.Seconds()/3600, 1))
	}
	t.table("Shifts per template over the week", tg)
	t.para("agents: the weekly lines built (one per agent, the roster CSV's agent column), each working at most days/week " +
		"days, one shift a day, with at least the template's min_rest between shifts and once a week its weekly_rest; " +
		"lower bound: the fewest any packing could reach, the most shifts on one day or ceil(shifts / days/week), " +
		"whichever is more (the rest rules are not in it); off together: the agents whose days off are consecutive, " +
		"the week wrapping round (days_off_together asks for them where it costs no agent).")
	t.blank()
	g := &grid{corner: "interval", right: true, cols: []string{"required", "on duty", "over", "SL %", "meets"}}
	for i, req := range r.Req.Agents {
		if req == 0 && r.Cover[i] < 1e-9 {
			continue
		}
		sl, meets := "", ""
		if i < len(c.Intervals) {
			ic := c.Intervals[i]
			if ic.Offered > 0 {
				sl = estimateText(ic.ServiceLevel, 1)
				meets = "yes"
				if !ic.Meets {
					meets = "NO"
				}
			}
		}
		g.add(r.Req.IntervalName(i), formatFixed(req, 0), formatFixed(r.Cover[i], 2), formatFixed(r.Cover[i]-req, 2), sl, meets)
	}
	t.table("Cover per interval (agents on duty, net of breaks)", g)
	t.para("required: the requirement (" + m.Requirement + "); on duty: the roster's agents logged in and not on " +
		"break, a break of part of an interval counting as that part of an agent. Intervals with no requirement " +
		"and nobody on duty are left out. SL: " + ServiceLevelDefinition(m.Definition, m.ServiceLevel, m.ShortAbandon) + ".")
	t.blank()
	tot := &grid{corner: "roster", right: true, cols: []string{"shifts", "agent-hours", "vs checked"}}
	tot.add("checked by simulation", strconv.Itoa(len(r.Shifts)), formatFixed(r.Hours(), 1), "")
	tot.add("Erlang C requirement", "", formatFixed(m.ErlangHours, 1), pctDiff(m.ErlangHours, r.Hours()))
	t.table("Agent-hours over the week (paid, breaks included)", tot)
	note := fmt.Sprintf("The roster was solved from the requirement, then simulated; shifts added where an interval's "+
		"service level missed the target on its 95 %% interval's lower bound: %d. The Erlang C roster is built the same way "+
		"from Erlang C's agents per interval, without the simulated check. ", c.Added)
	if len(c.Missing) > 0 {
		var names []string
		for _, i := range c.Missing {
			names = append(names, r.Req.IntervalName(i))
		}
		note += fmt.Sprintf("STILL MISSING after %d evaluations: %s. ", c.Evaluations, strings.Join(names, ", "))
	}
	t.para(note + ConfidenceNote(m.Reps))
	return t.err
}

// WriteRosterHTML writes a page with the cover against the requirement
// per interval, the service level simulated on the right axis.
func WriteRosterHTML(w io.Writer, c *roster.CheckResult, m RosterMeta) error {
	r := c.Roster
	var x []string
	var req, cover, sl []any
	for i, a := range r.Req.Agents {
		x = append(x, r.Req.IntervalName(i))
		req = append(req, num(a, 2))
		cover = append(cover, num(r.Cover[i], 2))
		if i < len(c.Intervals) && c.Intervals[i].Offered > 0 {
			sl = append(sl, num(c.Intervals[i].ServiceLevel.Mean, 1))
		} else {
			sl = append(sl, "-")
		}
	}
	ch := charts.NewBar()
	ch.SetGlobalOptions(global("cover", "Agents on duty against the requirement", wideHeight)...)
	ch.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "agents"}),
		sliderZoom, zoomGrid,
	)
	ch.ExtendYAxis(opts.YAxis{Type: "value", Name: "SL %", Min: 0, Max: 100})
	ch.SetXAxis(x)
	ch.MultiSeries = append(ch.MultiSeries,
		series("on duty", "bar", cover, colour(colourAgents), func(s *charts.SingleSeries) { s.BarCategoryGap = "0%" }),
		series("required", "line", req, colour(colourSL), func(s *charts.SingleSeries) { s.Step = "middle" }),
		series("service level %", "line", sl, colour(colourTarget), rightAxis(), withSymbols(3), func(s *charts.SingleSeries) {
			s.MarkLines = &opts.MarkLines{
				Data: []any{opts.MarkLineNameYAxisItem{YAxis: num(100*m.Target, 1)}},
				// The target's value labelled above the line's end,
				// inside the plot, not over the right axis' labels.
				MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
					Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "target {c} %"},
					LineStyle: &opts.LineStyle{Type: "dashed"}},
			}
		}),
	)
	ch.Legend.Data = []string{"required", "on duty", "service level %"}
	intro := []string{
		fmt.Sprintf("Roster of agent group %s in %s from templates %s: %d shifts, %.1f agent-hours (the Erlang C roster: %.1f). "+
			"Target %s%% within %s, judged on the 95 %% interval's lower bound over %d replications.",
			m.Group, m.Scenario, m.Templates, len(r.Shifts), r.Hours(), m.ErlangHours,
			formatFixed(100*m.Target, 0), m.ServiceLevel, m.Reps),
	}
	if len(c.Missing) > 0 {
		intro = append(intro, fmt.Sprintf("%d intervals still miss the target.", len(c.Missing)))
	}
	return writeChartPage(w, "ccsim roster: "+m.Scenario, intro, []*chartSpec{{c: ch, id: "cover", wide: true, height: wideHeight,
		caption: "Bars: agents on duty net of breaks; line: the requirement (" + m.Requirement + "); red: the simulated service level (right axis), the target dashed."}})
}
