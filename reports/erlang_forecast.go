package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/olekukonko/tablewriter/tw"
)

// ErlangPlan is an Erlang staffing calculation over a whole forecast, one
// interval at a time, as an Erlang calculator's batch mode gives it: the
// calls and AHT of each interval, the fewest agents meeting the targets
// there, what those agents achieve, and the staff to schedule once
// shrinkage is allowed for.
type ErlangPlan struct {
	// Model is ErlangModelC or ErlangModelA.
	Model string
	// Forecast names the forecast file.
	Forecast string
	Interval model.Duration
	// Target is the service-level threshold, Patience the callers' mean
	// patience (Erlang A).
	Target   model.Duration
	Patience model.Duration
	// TargetSL and MaxAbandon (Erlang A) are the targets; MaxOccupancy
	// caps the agents' occupancy (0: no cap); Shrinkage is the share of
	// scheduled time agents are not available for contacts (0: none). All
	// fractions.
	TargetSL     float64
	MaxAbandon   float64
	MaxOccupancy float64
	Shrinkage    float64
	Rows         []ErlangPlanRow
}

// ErlangPlanRow is one interval of an [ErlangPlan].
type ErlangPlanRow struct {
	Start time.Time
	// Calls arrive in the interval and take AHT on average.
	Calls float64
	AHT   model.Duration
	// Result holds the figures of the fewest agents meeting the targets;
	// nil for an interval with no calls (no agents needed).
	Result *erlang.Result
}

// Agents is the row's agents needed, 0 with no calls.
func (r ErlangPlanRow) Agents() int {
	if r.Result == nil {
		return 0
	}
	return r.Result.Agents
}

// Load is the row's offered load in Erlangs.
func (r ErlangPlanRow) Load(interval model.Duration) float64 {
	return r.Calls / interval.Seconds() * r.AHT.Seconds()
}

// StaffFor is the staff to schedule for whole agents on contacts under
// shrinkage ([erlang.Staff]).
func StaffFor(agents int, shrinkage float64) int { return erlang.Staff(float64(agents), shrinkage) }

// ErlangPlanTotals sums an [ErlangPlan].
type ErlangPlanTotals struct {
	Calls float64
	// AgentHours and StaffHours are agents and staff times the interval's
	// length, summed.
	AgentHours float64
	StaffHours float64
	// Peak is the row with the most agents (the first of equals); -1
	// with no calls at all.
	Peak int
	// Open is the number of intervals with calls.
	Open int
}

// Totals sums the plan's rows.
func (p *ErlangPlan) Totals() ErlangPlanTotals {
	t := ErlangPlanTotals{Peak: -1}
	h := p.Interval.Seconds() / 3600
	for i, r := range p.Rows {
		t.Calls += r.Calls
		t.AgentHours += float64(r.Agents()) * h
		t.StaffHours += float64(StaffFor(r.Agents(), p.Shrinkage)) * h
		if r.Result != nil {
			t.Open++
			if t.Peak < 0 || r.Agents() > p.Rows[t.Peak].Agents() {
				t.Peak = i
			}
		}
	}
	return t
}

// targetText describes the plan's targets, as [ErlangReport.TargetText].
func (p *ErlangPlan) targetText() string {
	r := ErlangReport{Target: p.Target, TargetSL: p.TargetSL, MaxAbandon: p.MaxAbandon, MaxOccupancy: p.MaxOccupancy}
	return r.TargetText()
}

// label labels an interval as the run's tables do ([IntervalLabel]), in
// the forecast's own zone: weekday and time ("Mon 09:00") when the
// forecast covers at most a week, with the date too when it is longer.
func (p *ErlangPlan) label(t time.Time) string {
	if time.Duration(len(p.Rows))*time.Duration(p.Interval)*time.Millisecond > 7*24*time.Hour {
		return t.Format("Mon 2006-01-02 15:04")
	}
	return t.Format("Mon 15:04")
}

// ErlangPlanTable writes the plan: a line with its inputs, a table with a
// row per interval with calls (intervals with none need no agents and
// are left out, and counted), the totals and the definitions. The
// offered load of each interval is in the CSV ([ErlangPlanCSV]), to keep
// the table within MaxWidth.
func ErlangPlanTable(w io.Writer, f Format, p *ErlangPlan) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	t.title(erlangTitle(p.Model) + " over the forecast " + p.Forecast)
	inputs := fmt.Sprintf("%s intervals; agents for %s", p.Interval, p.targetText())
	if p.Model == ErlangModelA {
		inputs += fmt.Sprintf("; mean patience %s", secondsText(p.Patience))
	}
	if p.Shrinkage > 0 {
		inputs += "; staff with " + percentText(p.Shrinkage) + " shrinkage"
	}
	t.para(inputs + ".")
	t.blank()

	header := []string{"interval", "calls", "AHT s", "agents"}
	if p.Shrinkage > 0 {
		header = append(header, "staff")
	}
	header = append(header, "SL("+p.Target.String()+") %", "ASA s")
	if p.Model == ErlangModelA {
		header = append(header, "abandon %")
	}
	header = append(header, "occupancy %")
	align := []tw.Align{tw.AlignLeft}
	for range header[1:] {
		align = append(align, tw.AlignRight)
	}
	tb := newTable(w, f, align)
	tb.Header(header)
	fixed := func(x float64, prec int) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return noValue
		}
		return formatFixed(x, prec)
	}
	for _, r := range p.Rows {
		if r.Result == nil {
			continue
		}
		e := r.Result
		cells := []string{p.label(r.Start), fixed(r.Calls, 1), fixed(r.AHT.Seconds(), 1), strconv.Itoa(e.Agents)}
		if p.Shrinkage > 0 {
			cells = append(cells, strconv.Itoa(StaffFor(e.Agents, p.Shrinkage)))
		}
		cells = append(cells, fixed(100*e.ServiceLevel, 1), fixed(e.ASA, 1))
		if p.Model == ErlangModelA {
			cells = append(cells, fixed(100*e.PAbandon, 1))
		}
		cells = append(cells, fixed(100*e.Occupancy, 1))
		if t.err == nil {
			t.err = tb.Append(cells)
		}
	}
	tot := p.Totals()
	if tot.Open > 0 && t.err == nil {
		t.err = render(tb, w, f)
	}
	switch closed := len(p.Rows) - tot.Open; {
	case closed == 1:
		t.printf("1 of the forecast's %d intervals has no calls and needs no agents; it is left out.\n", len(p.Rows))
	case closed > 1:
		t.printf("%d of the forecast's %d intervals have no calls and need no agents; they are left out.\n", closed, len(p.Rows))
	}
	if tot.Peak >= 0 {
		pk := p.Rows[tot.Peak]
		line := fmt.Sprintf("Total: %s calls; %s agent-hours on contacts", formatFixed(tot.Calls, 1), formatFixed(tot.AgentHours, 1))
		if p.Shrinkage > 0 {
			line += fmt.Sprintf(", %s staff-hours to schedule", formatFixed(tot.StaffHours, 1))
		}
		line += fmt.Sprintf("; the peak is %d agents", pk.Agents())
		if p.Shrinkage > 0 {
			line += fmt.Sprintf(" (%d staff)", StaffFor(pk.Agents(), p.Shrinkage))
		}
		t.para(line + " at " + p.label(pk.Start) + ".")
	}
	t.blank()
	defs := "Each interval on its own, in steady state (" + map[string]string{
		ErlangModelC: "Erlang C: Poisson arrivals, exponential handle times, callers never hang up",
		ErlangModelA: "Erlang A: Poisson arrivals, exponential handle times and patience",
	}[p.Model] + "). Agents: the fewest on contacts meeting every target in the interval. " +
		"SL: answered within " + p.Target.String() + " / all callers; ASA: mean wait of answered callers; " +
		"occupancy: time on contacts / agent time."
	if p.MaxOccupancy > 0 {
		defs += " Maximum occupancy " + percentText(p.MaxOccupancy) + ": agents are added until occupancy is at most that " +
			"(for Erlang C, at least Erlangs / " + formatFixed(p.MaxOccupancy, 2) + " agents)."
	}
	if p.Shrinkage > 0 {
		defs += " Staff: agents / (1 - shrinkage), rounded up, the people to schedule so that enough are on contacts " +
			"once breaks, training and absence (shrinkage " + percentText(p.Shrinkage) + ") are taken out."
	}
	t.para(defs)
	return t.err
}

// ErlangPlanCSV is the plan as a CSV table, one row per interval of the
// forecast, those with no calls included (0 agents, empty figures), so
// that it lines up with the forecast row by row:
//
//	interval_start,calls,aht_s,erlangs,agents,staff,service_level_pct,asa_s,abandon_pct,occupancy_pct
//
// interval_start is RFC 3339 in the forecast's zone; aht_s is empty where
// the forecast gives none (a row with no calls); staff equals agents
// without shrinkage; abandon_pct is 0 for Erlang C (nobody hangs up).
func ErlangPlanCSV(p *ErlangPlan) CSVTable {
	t := CSVTable{Name: "erlang.csv", Header: []string{"interval_start", "calls", "aht_s", "erlangs", "agents", "staff",
		"service_level_pct", "asa_s", "abandon_pct", "occupancy_pct"}}
	t.Numeric = []bool{false, true, true, true, true, true, true, true, true, true}
	num := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return formatFixed(x, csvPrecision)
	}
	for _, r := range p.Rows {
		aht := ""
		if r.AHT > 0 {
			aht = num(r.AHT.Seconds())
		}
		row := []string{r.Start.Format(time.RFC3339), num(r.Calls), aht, num(r.Load(p.Interval)),
			strconv.Itoa(r.Agents()), strconv.Itoa(StaffFor(r.Agents(), p.Shrinkage)), "", "", "", ""}
		if e := r.Result; e != nil {
			row[6], row[7], row[8], row[9] = num(100*e.ServiceLevel), num(e.ASA), num(100*e.PAbandon), num(100*e.Occupancy)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// ErlangPlanDoc is the JSON document of an [ErlangPlan]. Fractions as in
// [ErlangDoc]; an interval with no calls has 0 agents and null figures;
// a target or setting not given is null.
type ErlangPlanDoc struct {
	Model              string               `json:"model"`
	Forecast           string               `json:"forecast"`
	IntervalSeconds    float64              `json:"interval_seconds"`
	TargetSeconds      float64              `json:"target_seconds"`
	PatienceSeconds    *float64             `json:"patience_seconds"`
	TargetServiceLevel *float64             `json:"target_service_level"`
	MaxAbandon         *float64             `json:"max_abandon"`
	MaxOccupancy       *float64             `json:"max_occupancy"`
	Shrinkage          *float64             `json:"shrinkage"`
	Intervals          []ErlangPlanInterval `json:"intervals"`
	Calls              float64              `json:"calls"`
	AgentHours         float64              `json:"agent_hours"`
	StaffHours         float64              `json:"staff_hours"`
	PeakAgents         int                  `json:"peak_agents"`
}

// ErlangPlanInterval is one interval of an [ErlangPlanDoc].
type ErlangPlanInterval struct {
	Start        string   `json:"start"`
	Calls        float64  `json:"calls"`
	AHTSeconds   float64  `json:"aht_seconds"`
	OfferedLoad  float64  `json:"offered_load"`
	Agents       int      `json:"agents"`
	Staff        int      `json:"staff"`
	ServiceLevel *float64 `json:"service_level"`
	ASASeconds   *float64 `json:"asa_seconds"`
	PAbandon     *float64 `json:"p_abandon"`
	Occupancy    *float64 `json:"occupancy"`
}

// WriteErlangPlanJSON writes the [ErlangPlanDoc] of p, indented.
func WriteErlangPlanJSON(w io.Writer, p *ErlangPlan) error {
	opt := func(x float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		return sig6(x)
	}
	tot := p.Totals()
	d := ErlangPlanDoc{
		Model: p.Model, Forecast: p.Forecast, IntervalSeconds: p.Interval.Seconds(), TargetSeconds: p.Target.Seconds(),
		PatienceSeconds:    opt(p.Patience.Seconds(), p.Model == ErlangModelA),
		TargetServiceLevel: opt(p.TargetSL, p.TargetSL > 0),
		MaxAbandon:         opt(p.MaxAbandon, p.MaxAbandon > 0),
		MaxOccupancy:       opt(p.MaxOccupancy, p.MaxOccupancy > 0),
		Shrinkage:          opt(p.Shrinkage, p.Shrinkage > 0),
		Intervals:          []ErlangPlanInterval{},
		Calls:              *sig6(tot.Calls), AgentHours: *sig6(tot.AgentHours), StaffHours: *sig6(tot.StaffHours),
	}
	if tot.Peak >= 0 {
		d.PeakAgents = p.Rows[tot.Peak].Agents()
	}
	for _, r := range p.Rows {
		iv := ErlangPlanInterval{Start: r.Start.Format(time.RFC3339), Calls: *sig6(r.Calls), AHTSeconds: *sig6(r.AHT.Seconds()),
			OfferedLoad: *sig6(r.Load(p.Interval)), Agents: r.Agents(), Staff: StaffFor(r.Agents(), p.Shrinkage)}
		if e := r.Result; e != nil {
			iv.ServiceLevel, iv.ASASeconds, iv.Occupancy = sig6(e.ServiceLevel), sig6(e.ASA), sig6(e.Occupancy)
			if p.Model == ErlangModelA {
				iv.PAbandon = sig6(e.PAbandon)
			}
		}
		d.Intervals = append(d.Intervals, iv)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}
