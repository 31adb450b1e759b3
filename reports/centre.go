package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
)

// CentreMeta describes a staffing search of several groups and queues for
// its report.
type CentreMeta struct {
	Scenario     string
	ServiceLevel model.Duration // the service-level threshold
	Reps         int
	Budget       int // the search's most evaluations
	Definition   model.SLDefinition
	ShortAbandon model.Duration
}

// TargetText names a queue's target: "80% within 20s, at most 5% abandoning,
// ASA at most 30s"; "no target" when none.
func TargetText(t analysis.QueueTarget, threshold model.Duration) string {
	var parts []string
	if t.ServiceLevel > 0 {
		parts = append(parts, fmt.Sprintf("%s%% within %s", formatFixed(100*t.ServiceLevel, 0), threshold))
	}
	if t.MaxAbandon > 0 {
		parts = append(parts, fmt.Sprintf("at most %s%% abandoning", formatFixed(100*t.MaxAbandon, 1)))
	}
	if t.MaxASA > 0 {
		parts = append(parts, fmt.Sprintf("ASA at most %ss", formatFixed(t.MaxASA, 0)))
	}
	if len(parts) == 0 {
		return "no target"
	}
	return strings.Join(parts, ", ")
}

// GroupTargetText names a group's target: "occupancy at most 85%".
func GroupTargetText(t analysis.GroupTarget) string {
	if !t.IsSet() {
		return "no target"
	}
	return fmt.Sprintf("occupancy at most %s%%", formatFixed(100*t.MaxOccupancy, 0))
}

// CentreTargets names every queue's target, "Sales: 80% within 20s;
// Support: ...", for headers.
func CentreTargets(r *analysis.CentreResult, m CentreMeta) string {
	var parts []string
	for _, q := range r.Queues {
		if q.Target.IsSet() {
			parts = append(parts, q.Name+" "+TargetText(q.Target, m.ServiceLevel))
		}
	}
	for _, g := range r.Groups {
		if g.Target.IsSet() {
			parts = append(parts, "group "+g.Name+" "+GroupTargetText(g.Target))
		}
	}
	return strings.Join(parts, "; ")
}

// WriteCentre writes a search of several groups and queues in format f:
// its JSON document for [FormatJSON], else its tables.
func WriteCentre(w io.Writer, f Format, r *analysis.CentreResult, m CentreMeta) error {
	if f == FormatJSON {
		return WriteCentreJSON(w, r, m)
	}
	return CentreTables(w, f, r, m)
}

// CentreTables writes the agents per group and interval beside the
// formulas' split, each queue's figures per interval, the agent-hours and,
// when the budget ran out, the queues and intervals that still miss.
func CentreTables(w io.Writer, f Format, r *analysis.CentreResult, m CentreMeta) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	names := make([]string, len(r.Groups))
	for k, g := range r.Groups {
		names[k] = g.Name
	}
	head := fmt.Sprintf("Staffing of agent groups %s in %s: %d evaluations of %d replications.",
		strings.Join(names, ", "), m.Scenario, r.Evaluations, m.Reps)
	if f == FormatMarkdown {
		t.printf("## %s\n\n", head)
	} else {
		t.para(head)
		t.blank()
	}
	t.para("Targets: " + CentreTargets(r, m) + ".")
	if !r.Settled {
		state := "it meets every target, but may keep agents it does not need."
		if len(r.Misses) > 0 {
			what := "queue"
			for _, ms := range r.Misses {
				if ms.Group != "" {
					what = "queue or group"
				}
			}
			state = fmt.Sprintf("%d %s interval(s) still miss (listed at the end).", len(r.Misses), what)
		}
		t.para(fmt.Sprintf("WARNING: the search ran out of its %d evaluations before it settled. "+
			"This is the best plan it simulated (the cheapest that met every target, else the one with the fewest misses): %s "+
			"Raise --max-evaluations to let it finish.", m.Budget, state))
	}
	t.blank()
	if len(r.Groups) == 0 {
		return t.err
	}
	ref := r.Groups[0].Result
	n := len(ref.Intervals)
	cycle := model.Duration(int64(n) * int64(r.Interval))
	ag := &grid{corner: "interval", right: true}
	for _, g := range r.Groups {
		ag.cols = append(ag.cols, g.Name, g.Name+" Erlang A")
	}
	ag.cols = append(ag.cols, "total", "Erlang A total")
	for i := range n {
		busy := false
		for _, g := range r.Groups {
			busy = busy || g.Result.Intervals[i].Offered > 0
		}
		if !busy {
			continue
		}
		var cells []string
		tot, totA := 0, 0
		for _, g := range r.Groups {
			si := g.Result.Intervals[i]
			cells = append(cells, strconv.Itoa(si.Agents), agentsText(si.ErlangA))
			tot += si.Agents
			totA += max(si.ErlangA, 0)
		}
		cells = append(cells, strconv.Itoa(tot), strconv.Itoa(totA))
		ag.add(staffLabel(ref, ref.Intervals[i].Start, cycle), cells...)
	}
	t.table("Agents per group and interval (rostered, shrinkage included)", ag)
	t.para("Erlang A is the group's share of each queue's formula answer, the search's start: a queue's agents are " +
		"split equally among the staffed groups serving it at its best priority. Only intervals with contacts are shown.")
	t.blank()
	for _, q := range r.Queues {
		if !q.Target.IsSet() {
			continue
		}
		g := &grid{corner: "interval", right: true,
			cols: []string{"offered", "AHT s", "Erlang C", "Erlang A", "SL %", "abandon %", "ASA s", "target"}}
		for _, qi := range q.Intervals {
			if qi.Offered == 0 {
				continue
			}
			status := "met"
			if qi.Miss != "" {
				status = "MISSED"
			}
			g.add(staffLabel(ref, qi.Start, cycle), formatFixed(qi.Offered, 1), formatFixed(qi.AHT, 0),
				agentsText(qi.ErlangC), agentsText(qi.ErlangA), estimateText(qi.ServiceLevel, 1),
				estimateText(qi.Abandon, 1), estimateText(qi.ASA, 1), status)
		}
		t.table(fmt.Sprintf("Queue %s: %s", q.Name, TargetText(q.Target, m.ServiceLevel)), g)
		t.blank()
	}
	for k, grp := range r.Groups {
		if !grp.Target.IsSet() {
			continue
		}
		g := &grid{corner: "interval", right: true, cols: []string{"agents", "occupancy %", "95 % CI high", "cap"}}
		for i, gi := range grp.Intervals {
			si := grp.Result.Intervals[i]
			if si.Offered == 0 {
				continue
			}
			status := "met"
			switch {
			case gi.Miss != "":
				status = "MISSED"
			case math.IsNaN(gi.Occupancy.Mean):
				status = "-"
			}
			_, hi := gi.Occupancy.Bounds()
			g.add(staffLabel(ref, si.Start, cycle), strconv.Itoa(si.Agents), estimateText(gi.Occupancy, 1),
				meanText(analysis.Estimate{Mean: hi}, 1), status)
		}
		t.table(fmt.Sprintf("Group %s: %s", r.Groups[k].Name, GroupTargetText(grp.Target)), g)
		t.blank()
	}
	t.para("Erlang C and A here are the agents on duty the formulas give the queue alone. SL: " +
		ServiceLevelDefinition(m.Definition, m.ServiceLevel, m.ShortAbandon) + ".")
	t.blank()
	tot := &grid{corner: "group", right: true, cols: []string{"agent-hours", "Erlang C", "Erlang A"}}
	for _, g := range r.Groups {
		tot.add(g.Name, formatFixed(g.Result.Hours, 1), formatFixed(g.Result.ErlangCHours, 1), formatFixed(g.Result.ErlangAHours, 1))
	}
	tot.add("total", formatFixed(r.Hours, 1), formatFixed(r.ErlangCHours, 1), formatFixed(r.ErlangAHours, 1))
	t.table("Agent-hours over the cycle", tot)
	t.para("A target is met when its 95 % confidence interval lies wholly on the good side. " + ConfidenceNote(m.Reps))
	if len(r.Misses) > 0 {
		t.blank()
		mg := &grid{corner: "queue", cols: []string{"interval", "misses"}}
		title := "Queue intervals that still miss their target"
		for _, ms := range r.Misses {
			if ms.Group != "" {
				mg.corner, title = "queue or group", "Queue and group intervals that still miss their target"
			}
		}
		for _, ms := range r.Misses {
			name := ms.Queue
			if ms.Group != "" {
				name = "group " + ms.Group
			}
			mg.add(name, ms.At, ms.Reason)
		}
		t.table(title, mg)
	}
	return t.err
}

// CentreFormat identifies the JSON document of a search of several groups.
const CentreFormat = "ccsim.staff-centre/v1"

// CentreDoc is the JSON form of a search of several groups and queues.
type CentreDoc struct {
	Format       string            `json:"format"`
	Scenario     string            `json:"scenario"`
	Threshold    string            `json:"service_level_threshold"`
	Reps         int               `json:"reps"`
	Evaluations  int               `json:"evaluations"`
	Settled      bool              `json:"settled"`
	AgentHours   float64           `json:"agent_hours"`
	ErlangCHours float64           `json:"erlang_c_agent_hours"`
	ErlangAHours float64           `json:"erlang_a_agent_hours"`
	Groups       []CentreGroupDoc  `json:"groups"`
	Queues       []CentreQueueDoc  `json:"queues"`
	Misses       []CentreMissEntry `json:"misses"`
}

// CentreGroupDoc is one staffed group: agents per interval.
type CentreGroupDoc struct {
	Name       string          `json:"name"`
	AgentHours float64         `json:"agent_hours"`
	Intervals  []StaffInterval `json:"intervals"`
	// MaxOccupancy and Occupancy are there only for a group with an
	// occupancy cap: the cap (a fraction) and the figures per interval.
	MaxOccupancy float64             `json:"max_occupancy,omitempty"`
	Occupancy    []CentreGroupOccDoc `json:"occupancy,omitempty"`
}

// CentreGroupOccDoc is a capped group's occupancy (%) in one interval.
type CentreGroupOccDoc struct {
	Start     string   `json:"start"`
	Occupancy *float64 `json:"occupancy"`
	CIHigh    *float64 `json:"occupancy_ci_high"`
	Miss      string   `json:"miss,omitempty"`
}

// CentreQueueDoc is one queue: its target and figures per interval.
type CentreQueueDoc struct {
	Name         string              `json:"name"`
	ServiceLevel float64             `json:"target_service_level"`
	MaxAbandon   float64             `json:"max_abandon"`
	MaxASA       float64             `json:"max_asa_seconds"`
	Intervals    []CentreQueueIntDoc `json:"intervals"`
}

// CentreQueueIntDoc is one queue interval.
type CentreQueueIntDoc struct {
	Start        string   `json:"start"`
	Offered      float64  `json:"offered"`
	ErlangC      int      `json:"erlang_c"`
	ErlangA      int      `json:"erlang_a"`
	ServiceLevel *float64 `json:"service_level"`
	SLCILow      *float64 `json:"service_level_ci_low"`
	AbandonRate  *float64 `json:"abandon_rate"`
	ASA          *float64 `json:"asa_seconds"`
	Miss         string   `json:"miss,omitempty"`
}

// CentreMissEntry is one queue interval that misses.
type CentreMissEntry struct {
	Queue  string `json:"queue,omitempty"`
	Group  string `json:"group,omitempty"`
	Start  string `json:"start"`
	Reason string `json:"reason"`
}

// WriteCentreJSON writes the search as one JSON document.
func WriteCentreJSON(w io.Writer, r *analysis.CentreResult, m CentreMeta) error {
	at := func(off model.Duration) string {
		return r.Start.Add(time.Duration(off) * time.Millisecond).UTC().Format(time.RFC3339)
	}
	doc := CentreDoc{Format: CentreFormat, Scenario: m.Scenario, Threshold: m.ServiceLevel.String(), Reps: m.Reps,
		Evaluations: r.Evaluations, Settled: r.Settled, AgentHours: staffRound(r.Hours),
		ErlangCHours: staffRound(r.ErlangCHours), ErlangAHours: staffRound(r.ErlangAHours),
		Misses: []CentreMissEntry{}}
	for _, g := range r.Groups {
		gd := CentreGroupDoc{Name: g.Name, AgentHours: staffRound(g.Result.Hours)}
		for _, iv := range g.Result.Intervals {
			gd.Intervals = append(gd.Intervals, StaffInterval{Start: at(iv.Start), Offered: staffRound(iv.Offered),
				AHTSeconds: staffRound(iv.AHT), ErlangC: iv.ErlangC, ErlangA: iv.ErlangA, Agents: iv.Agents,
				ServiceLevel: jsonNum(iv.ServiceLevel.Mean), SLCILow: jsonNum(iv.ServiceLevel.Lo()), AbandonRate: jsonNum(iv.Abandon.Mean)})
		}
		if g.Target.IsSet() {
			gd.MaxOccupancy = g.Target.MaxOccupancy
			for i, gi := range g.Intervals {
				_, hi := gi.Occupancy.Bounds()
				gd.Occupancy = append(gd.Occupancy, CentreGroupOccDoc{Start: at(g.Result.Intervals[i].Start),
					Occupancy: jsonNum(gi.Occupancy.Mean), CIHigh: jsonNum(hi), Miss: gi.Miss})
			}
		}
		doc.Groups = append(doc.Groups, gd)
	}
	for _, q := range r.Queues {
		qd := CentreQueueDoc{Name: q.Name, ServiceLevel: q.Target.ServiceLevel, MaxAbandon: q.Target.MaxAbandon, MaxASA: q.Target.MaxASA}
		for _, qi := range q.Intervals {
			qd.Intervals = append(qd.Intervals, CentreQueueIntDoc{Start: at(qi.Start), Offered: staffRound(qi.Offered),
				ErlangC: qi.ErlangC, ErlangA: qi.ErlangA, ServiceLevel: jsonNum(qi.ServiceLevel.Mean),
				SLCILow: jsonNum(qi.ServiceLevel.Lo()), AbandonRate: jsonNum(qi.Abandon.Mean), ASA: jsonNum(qi.ASA.Mean), Miss: qi.Miss})
		}
		doc.Queues = append(doc.Queues, qd)
	}
	for _, ms := range r.Misses {
		doc.Misses = append(doc.Misses, CentreMissEntry{Queue: ms.Queue, Group: ms.Group, Start: at(ms.Start), Reason: ms.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
