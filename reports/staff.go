package reports

import (
	"encoding/json"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"strconv"
	"time"

	"github.com/ccsim/ccsim/model"
)

// StaffMeta describes a staffing search for its report.
type StaffMeta struct {
	Scenario     string
	Group        string
	Target       float64 // fraction
	ServiceLevel model.Duration
	MaxAbandon   float64 // fraction, 0 none
	Reps         int
	Definition   model.SLDefinition
	ShortAbandon model.Duration
	// Targets, when set, replaces the "80% within 20s" of a staffing
	// plan's header: a search of several queues has a target per queue.
	Targets string
}

// planTarget is the target as a staffing plan's header names it.
func planTarget(m StaffMeta) string {
	if m.Targets != "" {
		return m.Targets
	}
	return fmt.Sprintf("%s%% within %s", formatFixed(100*m.Target, 0), m.ServiceLevel)
}

// StaffTables writes the answer of a staffing search: per interval with
// traffic, the agents Erlang C and Erlang A ask for and the agents the
// simulation needs, the difference and the service level reached; then
// the agent-hours of each.
func StaffTables(w io.Writer, f Format, r *analysis.StaffResult, m StaffMeta) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	target := fmt.Sprintf("%s%% within %s", formatFixed(100*m.Target, 0), m.ServiceLevel)
	if m.MaxAbandon > 0 {
		target += fmt.Sprintf(", at most %s%% abandoning", formatFixed(100*m.MaxAbandon, 1))
	}
	head := fmt.Sprintf("Staffing of agent group %s in %s for %s: %d evaluations of %d replications.",
		m.Group, m.Scenario, target, r.Rounds, m.Reps)
	if f == FormatMarkdown {
		t.printf("## %s\n\n", head)
	} else {
		t.para(head)
		t.blank()
	}
	g := &grid{corner: "interval", right: true,
		cols: []string{"offered", "AHT s", "Erlang C", "Erlang A", "simulation", "sim - A", "SL %", "abandon %"}}
	cycle := model.Duration(int64(len(r.Intervals)) * int64(r.Interval))
	for _, iv := range r.Intervals {
		if iv.Offered == 0 {
			continue
		}
		g.add(staffLabel(r, iv.Start, cycle), formatFixed(iv.Offered, 1), formatFixed(iv.AHT, 0),
			agentsText(iv.ErlangC), agentsText(iv.ErlangA), strconv.Itoa(iv.Agents), signed(iv.Agents-iv.ErlangA),
			estimateText(iv.ServiceLevel, 1), estimateText(iv.Abandon, 1))
	}
	t.table("Agents per interval (rostered, shrinkage included)", g)
	t.para("Only intervals with contacts offered are shown; the others need no agents. " +
		"SL: " + ServiceLevelDefinition(m.Definition, m.ServiceLevel, m.ShortAbandon) + ".")
	t.blank()
	tot := &grid{corner: "staffing", right: true, cols: []string{"agent-hours", "vs simulation"}}
	tot.add("simulation", formatFixed(r.Hours, 1), "")
	tot.add("Erlang C", formatFixed(r.ErlangCHours, 1), pctDiff(r.ErlangCHours, r.Hours))
	tot.add("Erlang A", formatFixed(r.ErlangAHours, 1), pctDiff(r.ErlangAHours, r.Hours))
	t.table("Agent-hours over the cycle", tot)
	t.para("The simulation's answer is the fewest agents per interval whose service level's 95 % interval lies at " +
		"or above the target, found by simulation from the Erlang answer: callbacks, retries, non-exponential " +
		"times and queues carried from one interval to the next move it away from the formulas. " + ConfidenceNote(m.Reps))
	return t.err
}

func agentsText(n int) string {
	if n < 0 {
		return "none"
	}
	return strconv.Itoa(n)
}

func signed(d int) string {
	if d > 0 {
		return "+" + strconv.Itoa(d)
	}
	return strconv.Itoa(d)
}

func pctDiff(x, ref float64) string {
	if ref == 0 {
		return noValue
	}
	d := 100 * (x - ref) / ref
	s := formatFixed(d, 1)
	if d > 0 && s != "0.0" {
		s = "+" + s
	}
	return s + " %"
}

// staffLabel names a staffing interval as the interval tables do, with the
// zone's abbreviation in the hour clocks repeat.
func staffLabel(r *analysis.StaffResult, off, cycle model.Duration) string {
	label := IntervalLabel(r.Start, off, cycle)
	if c := model.NewClock(r.Start, off+model.Day); c.Repeated(int64(off)) {
		abbr, _ := c.Time(int64(off)).Zone()
		label += " " + abbr
	}
	return label
}

// WriteStaffingPlan writes the answer as a staffing-plan CSV that a
// scenario can name (agents: staffing:) or ccsim run --staffing can take.
//
// Its rows are UTC for a scenario in UTC, else the scenario's local time.
func WriteStaffingPlan(w io.Writer, r *analysis.StaffResult, m StaffMeta) error {
	if r.Start.Location() != time.UTC {
		return writeLocalStaffingPlan(w, r, m)
	}
	if _, err := fmt.Fprintf(w, "# ccsim staffing search: group %s of %s, %s, %d replications\n# interval_start is UTC; agents are rostered (shrinkage included)\ninterval_start,agents\n",
		m.Group, m.Scenario, planTarget(m), m.Reps); err != nil {
		return err
	}
	for _, iv := range r.Intervals {
		at := r.Start.Add(time.Duration(iv.Start) * time.Millisecond).UTC()
		if _, err := fmt.Fprintf(w, "%s,%d\n", at.Format("2006-01-02 15:04"), iv.Agents); err != nil {
			return err
		}
	}
	return nil
}

// writeLocalStaffingPlan writes the rows of a scenario whose zone is not
// UTC in its local time, as the planner's own files and the plan reader
// have them: the hour clocks repeat with its offset, the hour they skip
// has no rows.
func writeLocalStaffingPlan(w io.Writer, r *analysis.StaffResult, m StaffMeta) error {
	loc := r.Start.Location()
	if _, err := fmt.Fprintf(w, "# ccsim staffing search: group %s of %s, %s, %d replications\n# interval_start is local time, %s (with its offset in the hour clocks repeat); agents are rostered (shrinkage included)\ninterval_start,agents\n",
		m.Group, m.Scenario, planTarget(m), m.Reps, loc); err != nil {
		return err
	}
	var span model.Duration
	if n := len(r.Intervals); n > 0 {
		span = r.Intervals[n-1].Start + r.Interval
	}
	c := model.NewClock(r.Start, span+model.Day)
	for _, iv := range r.Intervals {
		at := c.Time(int64(iv.Start))
		text := at.Format("2006-01-02 15:04")
		if c.Repeated(int64(iv.Start)) {
			text = at.Format(time.RFC3339)
		}
		if _, err := fmt.Fprintf(w, "%s,%d\n", text, iv.Agents); err != nil {
			return err
		}
	}
	return nil
}

// StaffFormat identifies the JSON staffing document.
const StaffFormat = "ccsim.staff/v1"

// StaffDoc is the JSON form of a staffing search.
type StaffDoc struct {
	Format       string          `json:"format"`
	Scenario     string          `json:"scenario"`
	Group        string          `json:"group"`
	Target       float64         `json:"target_service_level"`
	Threshold    string          `json:"service_level_threshold"`
	MaxAbandon   float64         `json:"max_abandon"`
	Reps         int             `json:"reps"`
	Evaluations  int             `json:"evaluations"`
	AgentHours   float64         `json:"agent_hours"`
	ErlangCHours float64         `json:"erlang_c_agent_hours"`
	ErlangAHours float64         `json:"erlang_a_agent_hours"`
	Intervals    []StaffInterval `json:"intervals"`
}

// StaffInterval is one interval of the staffing document.
type StaffInterval struct {
	Start        string   `json:"start"`
	Offered      float64  `json:"offered"`
	AHTSeconds   float64  `json:"aht_seconds"`
	ErlangC      int      `json:"erlang_c"`
	ErlangA      int      `json:"erlang_a"`
	Agents       int      `json:"agents"`
	ServiceLevel *float64 `json:"service_level"`
	SLCILow      *float64 `json:"service_level_ci_low"`
	AbandonRate  *float64 `json:"abandon_rate"`
}

// WriteStaff writes the staffing search in format f: its JSON document
// ([WriteStaffJSON]) for [FormatJSON], else its tables ([StaffTables]).
func WriteStaff(w io.Writer, f Format, r *analysis.StaffResult, m StaffMeta) error {
	if f == FormatJSON {
		return WriteStaffJSON(w, r, m)
	}
	return StaffTables(w, f, r, m)
}

// WriteStaffJSON writes the staffing search as one JSON document.
func WriteStaffJSON(w io.Writer, r *analysis.StaffResult, m StaffMeta) error {
	doc := StaffDoc{Format: StaffFormat, Scenario: m.Scenario, Group: m.Group, Target: m.Target,
		Threshold: m.ServiceLevel.String(), MaxAbandon: m.MaxAbandon, Reps: m.Reps, Evaluations: r.Rounds,
		AgentHours: staffRound(r.Hours), ErlangCHours: staffRound(r.ErlangCHours), ErlangAHours: staffRound(r.ErlangAHours)}
	for _, iv := range r.Intervals {
		doc.Intervals = append(doc.Intervals, StaffInterval{
			Start:   r.Start.Add(time.Duration(iv.Start) * time.Millisecond).UTC().Format(time.RFC3339),
			Offered: staffRound(iv.Offered), AHTSeconds: staffRound(iv.AHT), ErlangC: iv.ErlangC, ErlangA: iv.ErlangA,
			Agents: iv.Agents, ServiceLevel: jsonNum(iv.ServiceLevel.Mean), SLCILow: jsonNum(iv.ServiceLevel.Lo()),
			AbandonRate: jsonNum(iv.Abandon.Mean),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func staffRound(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 6, 64), 64)
	return v
}
