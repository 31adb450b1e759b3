package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/olekukonko/tablewriter/tw"
)

// The analytical models of [ErlangReport].
const (
	// ErlangModelB is Erlang B, M/M/n/n: no queue, contacts that find every
	// agent busy are lost.
	ErlangModelB = "b"
	// ErlangModelC is Erlang C, M/M/n: an unlimited queue, nobody abandons.
	ErlangModelC = "c"
	// ErlangModelA is Erlang A (Palm), M/M/n+M: callers abandon after an
	// exponential patience.
	ErlangModelA = "a"
)

// ErlangReport is a closed-form staffing calculation: the traffic, the
// targets, and the model's figures for the given agents and for the
// fewest agents meeting the targets.
type ErlangReport struct {
	// Model is ErlangModelB, ErlangModelC or ErlangModelA.
	Model string
	// Volume contacts arrive per Interval, each taking AHT on average.
	Volume   float64
	Interval model.Duration
	AHT      model.Duration
	// Target is the service-level threshold (Erlang C and A); Patience
	// the callers' mean patience (Erlang A).
	Target   model.Duration
	Patience model.Duration
	// TargetSL (Erlang C and A), MaxAbandon (Erlang A) and MaxBlock
	// (Erlang B) are the targets, as fractions; 0 when not set.
	TargetSL   float64
	MaxAbandon float64
	MaxBlock   float64
	// MaxOccupancy caps the occupancy of the agents needed (0: no cap);
	// Shrinkage is the share of scheduled time agents are not on
	// contacts, for the staff to schedule (0: none). Both fractions.
	MaxOccupancy float64
	Shrinkage    float64
	// At holds the figures for the agents asked about, Needed those for
	// the fewest agents meeting the targets; either may be nil, not both.
	At     *erlang.Result
	Needed *erlang.Result
}

// ArrivalRate is the arrival rate in contacts per second.
func (r *ErlangReport) ArrivalRate() float64 { return r.Volume / r.Interval.Seconds() }

// OfferedLoad is the offered load in Erlangs: arrival rate x AHT.
func (r *ErlangReport) OfferedLoad() float64 { return r.ArrivalRate() * r.AHT.Seconds() }

// HasTarget reports whether the report looks for the agents needed.
func (r *ErlangReport) HasTarget() bool {
	return r.TargetSL > 0 || r.MaxAbandon > 0 || r.MaxBlock > 0 || r.MaxOccupancy > 0
}

// TargetText describes the targets: "SL(20s) at least 80 % and P(abandon)
// at most 5 %".
func (r *ErlangReport) TargetText() string {
	var s string
	add := func(part string) {
		if s != "" {
			s += " and "
		}
		s += part
	}
	if r.TargetSL > 0 {
		add("SL(" + r.Target.String() + ") at least " + percentText(r.TargetSL))
	}
	if r.MaxAbandon > 0 {
		add("P(abandon) at most " + percentText(r.MaxAbandon))
	}
	if r.MaxBlock > 0 {
		add("P(block) at most " + percentText(r.MaxBlock))
	}
	if r.MaxOccupancy > 0 {
		add("occupancy at most " + percentText(r.MaxOccupancy))
	}
	return s
}

// percentText writes a fraction as a percentage: 0.8 as "80 %", 0.025 as
// "2.5 %".
func percentText(x float64) string {
	return strconv.FormatFloat(100*x, 'f', -1, 64) + " %"
}

// secondsText writes d in seconds: "180s", "0.5s".
func secondsText(d model.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

func erlangTitle(m string) string {
	switch m {
	case ErlangModelB:
		return "Erlang B (M/M/n/n, blocked contacts are lost)"
	case ErlangModelA:
		return "Erlang A (M/M/n+M, callers abandon)"
	}
	return "Erlang C (M/M/n, nobody abandons)"
}

// ErlangTable writes an Erlang calculation: a line with the traffic, a
// table with one column per staffing (the agents asked about, and the
// fewest meeting the targets), and the model's assumptions and
// definitions. Probabilities and occupancy are fractions with 5 decimals,
// times seconds with 2; an infinite wait (Erlang C with no more agents
// than Erlangs) is written "-".
func ErlangTable(w io.Writer, f Format, r *ErlangReport) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	traffic := fmt.Sprintf("%s contacts per %s with AHT %s: %s contacts/s, %s Erlangs offered",
		strconv.FormatFloat(r.Volume, 'f', -1, 64), r.Interval, secondsText(r.AHT),
		strconv.FormatFloat(r.ArrivalRate(), 'f', 6, 64), strconv.FormatFloat(r.OfferedLoad(), 'f', 3, 64))
	if r.Model == ErlangModelA {
		traffic += fmt.Sprintf("; mean patience %s", secondsText(r.Patience))
	}
	t.title(erlangTitle(r.Model))
	t.para(traffic + ".")
	t.blank()
	var cols []*erlang.Result
	var header []string
	if r.At != nil {
		cols = append(cols, r.At)
		h := strconv.Itoa(r.At.Agents) + " agents"
		if r.Needed != nil && r.Needed.Agents == r.At.Agents {
			h += " (needed)"
		}
		header = append(header, h)
	}
	if r.Needed != nil && (r.At == nil || r.Needed.Agents != r.At.Agents) {
		cols = append(cols, r.Needed)
		header = append(header, strconv.Itoa(r.Needed.Agents)+" agents (needed)")
	}
	prob := func(x float64) string { return strconv.FormatFloat(x, 'f', 5, 64) }
	secs := func(x float64) string {
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return noValue
		}
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	sl := r.Target.String()
	type row struct {
		label string
		v     func(e *erlang.Result) string
	}
	var rows []row
	switch r.Model {
	case ErlangModelB:
		rows = []row{
			{"P(block)", func(e *erlang.Result) string { return prob(e.PBlock) }},
			{"carried load (Erlangs)", func(e *erlang.Result) string {
				return strconv.FormatFloat(e.Load*(1-e.PBlock), 'f', 3, 64)
			}},
			{"occupancy", func(e *erlang.Result) string { return prob(e.Occupancy) }},
		}
	case ErlangModelA:
		rows = []row{
			{"P(wait)", func(e *erlang.Result) string { return prob(e.PWait) }},
			{"P(abandon)", func(e *erlang.Result) string { return prob(e.PAbandon) }},
			{"service level SL(" + sl + ")", func(e *erlang.Result) string { return prob(e.ServiceLevel) }},
			{"ASA, answered callers (s)", func(e *erlang.Result) string { return secs(e.ASA) }},
			{"mean wait, all callers (s)", func(e *erlang.Result) string { return secs(e.AvgWait) }},
			{"occupancy", func(e *erlang.Result) string { return prob(e.Occupancy) }},
		}
	default:
		rows = []row{
			{"P(wait)", func(e *erlang.Result) string { return prob(e.PWait) }},
			{"service level SL(" + sl + ")", func(e *erlang.Result) string { return prob(e.ServiceLevel) }},
			{"ASA (s)", func(e *erlang.Result) string { return secs(e.ASA) }},
			{"occupancy", func(e *erlang.Result) string { return prob(e.Occupancy) }},
		}
	}
	align := []tw.Align{tw.AlignLeft}
	for range cols {
		align = append(align, tw.AlignRight)
	}
	tb := newTable(w, f, align)
	tb.Header(append([]string{"figure"}, header...))
	for _, rw := range rows {
		cells := []string{rw.label}
		for _, e := range cols {
			cells = append(cells, rw.v(e))
		}
		if t.err == nil {
			t.err = tb.Append(cells)
		}
	}
	if t.err == nil {
		t.err = render(tb, w, f)
	}
	if r.HasTarget() && r.Needed != nil {
		t.printf("Fewest agents with %s: %d.\n", r.TargetText(), r.Needed.Agents)
		if r.Shrinkage > 0 {
			t.para(fmt.Sprintf("Staff to schedule with %s shrinkage: %d (agents / (1 - shrinkage), rounded up).",
				percentText(r.Shrinkage), StaffFor(r.Needed.Agents, r.Shrinkage)))
		}
	}
	for _, e := range cols {
		if !e.Stable {
			t.para(fmt.Sprintf("With %d agents the queue is unstable: %s Erlangs offered need more than %d agents, "+
				"so waits grow without bound.", e.Agents, strconv.FormatFloat(r.OfferedLoad(), 'f', 3, 64), e.Agents))
		}
	}
	t.blank()
	switch r.Model {
	case ErlangModelB:
		t.para("Erlang B: Poisson arrivals, steady state, no queue: a contact that finds every agent busy " +
			"is lost (blocked). P(block): blocked / offered contacts. Occupancy: carried load " +
			"(offered load x (1 - P(block))) / agents.")
	case ErlangModelA:
		t.para("Erlang A (Palm): Poisson arrivals, exponential handle times and exponential patience, " +
			"steady state; callers hang up when their patience runs out before an answer. " +
			"P(abandon): callers who hang up / all callers. Service level: answered within " + sl +
			" / all callers. ASA: mean wait of answered callers. Occupancy: time on contacts / agent time.")
	default:
		t.para("Erlang C: Poisson arrivals, exponential handle times, steady state; callers never hang up. " +
			"Service level: answered within " + sl + " / all callers. ASA: mean wait of all callers. " +
			"Occupancy: offered load / agents.")
	}
	return t.err
}

// ErlangDoc is the JSON document of an [ErlangReport], written by
// [WriteErlangJSON]. Every key is always present, in this order. The
// figures (p_wait to p_abandon) are for Agents: the agents asked about, or
// the fewest meeting the targets when none were given. A figure the model
// does not have is null (p_block outside Erlang B; p_wait, service_level
// and asa_seconds in Erlang B; p_abandon outside Erlang A), and so is an
// infinite wait. Probabilities and occupancy are fractions; numbers are
// rounded to 6 significant digits.
type ErlangDoc struct {
	Model string `json:"model"`
	// The inputs: contacts per interval, average handle time, service
	// level threshold, mean patience (Erlang A) and the targets.
	Volume             float64  `json:"volume"`
	IntervalSeconds    float64  `json:"interval_seconds"`
	AHTSeconds         float64  `json:"aht_seconds"`
	TargetSeconds      *float64 `json:"target_seconds"`
	PatienceSeconds    *float64 `json:"patience_seconds"`
	TargetServiceLevel *float64 `json:"target_service_level"`
	MaxAbandon         *float64 `json:"max_abandon"`
	MaxBlock           *float64 `json:"max_block"`
	// MaxOccupancy caps the occupancy of the agents needed; Shrinkage is
	// the share of scheduled time not on contacts (both null when not
	// given).
	MaxOccupancy *float64 `json:"max_occupancy"`
	Shrinkage    *float64 `json:"shrinkage"`
	// ArrivalRate is contacts per second; OfferedLoad is in Erlangs.
	ArrivalRate float64 `json:"arrival_rate_per_second"`
	OfferedLoad float64 `json:"offered_load"`
	Agents      int     `json:"agents"`
	// AgentsNeeded is the fewest agents meeting the targets (null without
	// targets).
	AgentsNeeded *int `json:"agents_needed"`
	// StaffNeeded is the staff to schedule for AgentsNeeded under
	// Shrinkage: agents / (1 - shrinkage), rounded up (null without
	// targets; AgentsNeeded without shrinkage).
	StaffNeeded *int `json:"staff_needed"`
	// Stable is false for Erlang C when the agents cannot carry the load.
	Stable       bool     `json:"stable"`
	PWait        *float64 `json:"p_wait"`
	PBlock       *float64 `json:"p_block"`
	ServiceLevel *float64 `json:"service_level"`
	ASASeconds   *float64 `json:"asa_seconds"`
	Occupancy    *float64 `json:"occupancy"`
	PAbandon     *float64 `json:"p_abandon"`
}

// NewErlangDoc builds the JSON document of r.
func NewErlangDoc(r *ErlangReport) ErlangDoc {
	opt := func(x float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		return sig6(x)
	}
	d := ErlangDoc{
		Model:              r.Model,
		Volume:             r.Volume,
		IntervalSeconds:    r.Interval.Seconds(),
		AHTSeconds:         r.AHT.Seconds(),
		TargetSeconds:      opt(r.Target.Seconds(), r.Model != ErlangModelB),
		PatienceSeconds:    opt(r.Patience.Seconds(), r.Model == ErlangModelA),
		TargetServiceLevel: opt(r.TargetSL, r.TargetSL > 0),
		MaxAbandon:         opt(r.MaxAbandon, r.MaxAbandon > 0),
		MaxBlock:           opt(r.MaxBlock, r.MaxBlock > 0),
		MaxOccupancy:       opt(r.MaxOccupancy, r.MaxOccupancy > 0),
		Shrinkage:          opt(r.Shrinkage, r.Shrinkage > 0),
		ArrivalRate:        *sig6(r.ArrivalRate()),
		OfferedLoad:        *sig6(r.OfferedLoad()),
	}
	if r.Needed != nil {
		n := r.Needed.Agents
		d.AgentsNeeded = &n
		staff := StaffFor(n, r.Shrinkage)
		d.StaffNeeded = &staff
	}
	e := r.At
	if e == nil {
		e = r.Needed
	}
	d.Agents = e.Agents
	d.Stable = e.Stable
	d.Occupancy = sig6(e.Occupancy)
	switch r.Model {
	case ErlangModelB:
		d.PBlock = sig6(e.PBlock)
	default:
		d.PWait = sig6(e.PWait)
		d.ServiceLevel = sig6(e.ServiceLevel)
		d.ASASeconds = sig6(e.ASA)
		if r.Model == ErlangModelA {
			d.PAbandon = sig6(e.PAbandon)
		}
	}
	return d
}

// WriteErlangJSON writes the [ErlangDoc] of r to w, indented, with a final
// newline.
func WriteErlangJSON(w io.Writer, r *ErlangReport) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewErlangDoc(r))
}

// sig6 rounds x to 6 significant digits, or returns nil when x is not a
// finite number.
func sig6(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return &r
}
