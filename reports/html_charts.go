package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Chart is one chart of the HTML report.
type Chart struct {
	// ID is the chart's fixed element id: service_level, volumes,
	// occupancy, queue_1 (the scenario's first queue), waits,
	// callback_outcomes, slots_1 (the first queue with slots).
	ID string
	// Option is the chart's ECharts option as JSON, exactly as the page
	// passes it to ECharts: numbers rounded, keys sorted, and "<", ">"
	// and "&" escaped as \u003c, \u003e and \u0026, so that no text of
	// the scenario (a queue's name in a title) can close the page's
	// script element.
	Option []byte
	// Wide charts span the page; the others go two by two.
	Wide   bool
	Height int
	// Caption says how to read the chart, under it.
	Caption string
	// Tooltip names the page's tooltip formatter for the chart ("band":
	// a confidence band given as a lower line and a stacked width), or
	// is empty for ECharts' own.
	Tooltip string
}

// Series names of the service-level band: the lower bound, hidden, and
// the band's width stacked on it. The page's "band" tooltip formatter
// shows them as one "95 % CI: lo to hi" line.
const (
	bandLow  = "95 % CI low"
	bandName = "95 % CI"
)

// Chart colours, fixed so that a quantity has the same colour in every
// chart.
const (
	colourSL        = "#2f6fb3"
	colourBand      = "rgba(47,111,179,0.2)"
	colourTarget    = "#c0392b"
	colourOffered   = "#b8c9dd"
	colourHandled   = "#2f6fb3"
	colourAbandoned = "#c0392b"
	colourCallbacks = "#e08a1e"
	colourInQueue   = "#2f6fb3"
	colourScheduled = "#e08a1e"
	colourBooked    = "#8a6bbf"
	colourOccupancy = "#6a3d9a"
	colourAgents    = "#cfd8e3"
	colourBar       = "#2f6fb3"
)

// Chart heights in pixels.
const (
	wideHeight = 340
	halfHeight = 320
)

// echart is a go-echarts chart of the report: it goes on the page, gives
// its option as a map, and takes a visitor for the options go-echarts has
// no field for (extraOptions).
type echart interface {
	components.Charter
	JSON() map[string]interface{}
	Accept(charts.ConfigurationVisitor)
}

// chartSpec is a chart being built: the go-echarts chart, what the page
// needs beside it, and the changes to make to its option that go-echarts
// cannot express.
type chartSpec struct {
	c       echart
	id      string
	wide    bool
	height  int
	caption string
	tooltip string
	// unit and prec go to a chart page's tooltip formatter (htmlChart).
	unit string
	prec int
	// labelEvery, when not 0, shows every labelEvery-th label (and tick)
	// of the category x axis, from the first; 0 leaves it to ECharts.
	// go-echarts types axisLabel.interval as a string, which ECharts would
	// add 1 to as a string ("47" + 1 is "471"), so it is set as a number
	// in the option instead.
	labelEvery int
}

// html is the chart as a page draws it, with its option JSON opt.
func (cs *chartSpec) html(opt []byte) htmlChart {
	return htmlChart{ID: cs.id, Option: template.JS(opt), Wide: cs.wide, Height: cs.height, Caption: cs.caption,
		Tooltip: cs.tooltip, Unit: cs.unit, Prec: cs.prec}
}

// option returns the chart's option JSON: go-echarts' option, with
// labelEvery applied, re-encoded with HTML escaping and sorted keys.
func (cs *chartSpec) option() ([]byte, error) {
	cs.c.Validate()
	raw, err := json.Marshal(cs.c.JSON())
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", cs.id, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep the rounded numbers as written
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("chart %s: %w", cs.id, err)
	}
	if cs.labelEvery > 0 {
		if xs, ok := m["xAxis"].([]any); ok && len(xs) > 0 {
			if x, ok := xs[0].(map[string]any); ok {
				label, _ := x["axisLabel"].(map[string]any)
				if label == nil {
					label = map[string]any{}
				}
				label["interval"] = cs.labelEvery - 1
				x["axisLabel"] = label
				x["axisTick"] = map[string]any{"alignWithLabel": true, "interval": cs.labelEvery - 1}
			}
		}
	}
	// Axis names sit above their axis: align them inwards, so that a
	// long one is not cut at the chart's edge.
	if ys, ok := m["yAxis"].([]any); ok {
		for i, y := range ys {
			if y, ok := y.(map[string]any); ok && y["name"] != nil && i < 2 {
				y["nameTextStyle"] = map[string]any{"align": []string{"left", "right"}[i]}
			}
		}
	}
	// json.Marshal escapes <, > and & (and U+2028, U+2029), unlike
	// go-echarts' own encoder.
	return json.Marshal(m)
}

// chartBuilder builds the charts of one report.
type chartBuilder struct {
	r      *HTMLReport
	sum    *analysis.Summary
	labels []string // one per interval of the cycle
	step   int      // label step of the interval axis
}

func newChartBuilder(r *HTMLReport) *chartBuilder {
	b := &chartBuilder{r: r, sum: r.Summary}
	for _, iv := range b.sum.Intervals {
		b.labels = append(b.labels, intervalLabel(b.sum, iv))
	}
	b.step = labelStep(len(b.labels), b.sum.Interval)
	return b
}

// start is the scenario's start.
func (b *chartBuilder) start() time.Time { return b.sum.Start }

// maxLabels is the most interval labels an axis shows.
const maxLabels = 14

// labelStep returns how many intervals apart the labels of an axis of n
// intervals of length iv go: the smallest whole number of hours (1, 2, 3,
// 6, 12 h, then days) that shows at most maxLabels, so that the labels
// fall on round times.
func labelStep(n int, iv model.Duration) int {
	if n <= maxLabels {
		return 1
	}
	for _, every := range []model.Duration{model.Hour, 2 * model.Hour, 3 * model.Hour, 6 * model.Hour,
		12 * model.Hour, model.Day, 2 * model.Day, 7 * model.Day} {
		if every%iv != 0 {
			continue
		}
		if k := int(every / iv); (n+k-1)/k <= maxLabels {
			return k
		}
	}
	return (n + maxLabels - 1) / maxLabels
}

// num rounds x to prec decimals for a chart, or gives ECharts' "no
// value" for NaN.
func num(x float64, prec int) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	p := math.Pow(10, float64(prec))
	r := math.Round(x*p) / p
	if r == 0 {
		r = 0 // no -0
	}
	return r
}

// oneGrid sets a chart's only grid. go-echarts' WithGridOpts appends a
// grid rather than replacing it, so a chart that set its own after the
// common options got two and ECharts laid it out by the first.
func oneGrid(g opts.Grid) charts.GlobalOpts {
	return func(bc *charts.BaseConfiguration) { bc.GridList = []opts.Grid{g} }
}

// global are the options every chart has: a fixed id, SVG, no
// animation, a title, an axis tooltip and a legend under the title.
func global(id, title string, height int) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg", Width: "100%",
			Height: strconv.Itoa(height) + "px"}),
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: title, Left: "8", Top: "4",
			TitleStyle: &opts.TextStyle{FontSize: 15, Color: "#1f2933"}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Left: "8", Top: "30"}),
		oneGrid(opts.Grid{Left: "12", Right: "12", Top: "84", Bottom: "8", ContainLabel: opts.Bool(true)}),
	}
}

// bandSeries draws a band as two stacked lines, both invisible: its
// lower edge (named low) and, shaded in colour at opacity, its width on
// top (named name). The pages' band tooltip (bandTip) reads the two as
// one line, "name: lo to hi".
func bandSeries(low, name, stack string, lo, width []any, colour string, opacity float32) []charts.SingleSeries {
	return []charts.SingleSeries{
		series(low, "line", lo, func(s *charts.SingleSeries) {
			s.Stack = stack
			s.LineStyle = &opts.LineStyle{Opacity: opts.Float(0)}
		}),
		series(name, "line", width, func(s *charts.SingleSeries) {
			s.Stack = stack
			s.Color = colour
			s.LineStyle = &opts.LineStyle{Opacity: opts.Float(0)}
			s.AreaStyle = &opts.AreaStyle{Color: colour, Opacity: opts.Float(opacity)}
		}),
	}
}

// intervalAxis is the x axis of the interval charts.
func (b *chartBuilder) intervalAxis() opts.XAxis {
	return opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}
}

// valueAxis is a value axis named name; max 0 means none.
func valueAxis(name string, max float64, unit string) opts.YAxis {
	y := opts.YAxis{Type: "value", Name: name, Min: 0, AxisLabel: &opts.AxisLabel{}}
	if max > 0 {
		y.Max = max
	}
	if unit != "" {
		y.AxisLabel.Formatter = types.FuncStr("{value} " + unit)
	}
	return y
}

// seriesOpt configures a series.
type seriesOpt func(*charts.SingleSeries)

// series builds a series of type typ ("line" or "bar").
func series(name, typ string, data []any, options ...seriesOpt) charts.SingleSeries {
	s := charts.SingleSeries{Name: name, Type: typ, Data: data}
	if typ == "line" {
		s.Symbol = "none"
		s.ShowSymbol = opts.Bool(false)
	}
	for _, o := range options {
		o(&s)
	}
	return s
}

func colour(c string) seriesOpt {
	return func(s *charts.SingleSeries) {
		s.Color = c
		if s.Type == "line" {
			if s.LineStyle == nil {
				s.LineStyle = &opts.LineStyle{}
			}
			s.LineStyle.Color = c
		}
	}
}

func lineWidth(w float32) seriesOpt {
	return func(s *charts.SingleSeries) {
		if s.LineStyle == nil {
			s.LineStyle = &opts.LineStyle{}
		}
		s.LineStyle.Width = w
	}
}

func dashed() seriesOpt {
	return func(s *charts.SingleSeries) {
		if s.LineStyle == nil {
			s.LineStyle = &opts.LineStyle{}
		}
		s.LineStyle.Type = "dashed"
	}
}

func rightAxis() seriesOpt { return func(s *charts.SingleSeries) { s.YAxisIndex = 1 } }

// metricSeries returns, per interval of ivs, the mean of metric key and
// its confidence bounds clipped to [lo, hi], rounded to prec decimals. A
// closed interval has no value: the axis keeps every interval of the
// cycle, so that the week reads left to right, and the line has a gap.
func metricSeries(ivs []analysis.IntervalSummary, key string, prec int, clipLo, clipHi float64) (mean, lo, width []any) {
	for _, iv := range ivs {
		m, ok := analysis.Find(iv.Metrics, key)
		if !ok || !iv.Open || math.IsNaN(m.Mean) {
			mean, lo, width = append(mean, "-"), append(lo, "-"), append(width, "-")
			continue
		}
		mean = append(mean, num(m.Mean, prec))
		if math.IsNaN(m.HalfWidth) {
			lo, width = append(lo, "-"), append(width, "-")
			continue
		}
		// Round the bounds before taking the width, so that the band's
		// top is the rounded upper bound.
		p := math.Pow10(prec)
		l, h := math.Round(max(m.Lo(), clipLo)*p)/p, math.Round(min(m.Hi(), clipHi)*p)/p
		lo, width = append(lo, num(l, prec)), append(width, num(h-l, prec))
	}
	return mean, lo, width
}

// means returns the mean of metric key per interval, rounded.
func means(ivs []analysis.IntervalSummary, key string, prec int) []any {
	m, _, _ := metricSeries(ivs, key, prec, math.Inf(-1), math.Inf(1))
	return m
}

// serviceLevelChart is the service level per interval with its
// confidence band and the target.
func (b *chartBuilder) serviceLevelChart() *chartSpec {
	sum := b.sum
	sl := sum.ServiceLevel.String()
	c := charts.NewLine()
	c.SetGlobalOptions(global("service_level", "Service level SL("+sl+") per interval", wideHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(b.intervalAxis()),
		charts.WithYAxisOpts(valueAxis("", 100, "%")),
	)
	c.SetXAxis(b.labels)
	mean, lo, width := metricSeries(sum.Intervals, "service_level", 1, 0, 100)
	legend := []string{"service level"}
	caption := "Mean over the replications per interval"
	if sum.Reps > 1 {
		c.MultiSeries = append(c.MultiSeries, bandSeries(bandLow, bandName, "ci", lo, width, colourBand, 1)...)
		legend = append(legend, bandName)
		caption += ", with its 95 % confidence interval shaded"
	}
	c.MultiSeries = append(c.MultiSeries, series("service level", "line", mean, colour(colourSL), lineWidth(2)))
	if t := sum.Targets; t != nil && t.ServiceLevel > 0 {
		goal := make([]any, len(b.labels))
		for i := range goal {
			goal[i] = num(100*t.ServiceLevel, 1)
		}
		c.MultiSeries = append(c.MultiSeries, series("target", "line", goal, colour(colourTarget), dashed(), lineWidth(1.5)))
		legend = append(legend, "target")
		caption += ", and the target as a dashed line"
	}
	c.Legend.Data = legend
	caption += ". " + ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon) +
		". Gaps: intervals where no contact left the queue."
	return &chartSpec{c: c, id: "service_level", wide: true, height: wideHeight, caption: caption,
		tooltip: tooltipFor(sum.Reps), labelEvery: b.step}
}

// tooltipFor is the service-level chart's tooltip: the band formatter
// when there is a band.
func tooltipFor(reps int) string {
	if reps > 1 {
		return "band"
	}
	return ""
}

// volumesChart is the contacts offered, handled, abandoned and the
// callbacks requested per interval.
func (b *chartBuilder) volumesChart() *chartSpec {
	ivs := b.sum.Intervals
	c := charts.NewBar()
	c.SetGlobalOptions(global("volumes", "Contacts per interval", wideHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(b.intervalAxis()),
		charts.WithYAxisOpts(valueAxis("offered, handled", 0, "")),
	)
	c.ExtendYAxis(valueAxis("abandoned, callbacks", 0, ""))
	c.SetXAxis(b.labels)
	c.MultiSeries = append(c.MultiSeries,
		series("offered", "bar", means(ivs, "offered", 1), colour(colourOffered), func(s *charts.SingleSeries) {
			s.BarCategoryGap = "15%"
		}),
		series("handled", "line", means(ivs, "handled", 1), colour(colourHandled), lineWidth(1.5)),
		series("abandoned", "line", means(ivs, "abandoned", 1), colour(colourAbandoned), lineWidth(1.5), rightAxis()),
		series("callbacks requested", "line", means(ivs, "cb_requested", 1), colour(colourCallbacks), lineWidth(1.5), rightAxis()),
	)
	return &chartSpec{c: c, id: "volumes", wide: true, height: wideHeight, labelEvery: b.step,
		caption: "Means per replication, by the interval the contact arrived in (callbacks: were requested in). " +
			"Offered and handled on the left axis; abandoned and callbacks requested on the right."}
}

// occupancyChart is the agents' occupancy and the agents logged in per
// interval.
func (b *chartBuilder) occupancyChart() *chartSpec {
	ivs := b.sum.Intervals
	c := charts.NewBar()
	c.SetGlobalOptions(global("occupancy", "Agent occupancy and agents logged in per interval", wideHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(b.intervalAxis()),
		charts.WithYAxisOpts(valueAxis("occupancy", 100, "%")),
	)
	c.ExtendYAxis(valueAxis("agents", 0, ""))
	c.SetXAxis(b.labels)
	// A closed interval (the last calls of the day finishing after
	// closing: talk and after-contact work, no idle time, an occupancy of
	// 100 % that says nothing about staffing) is not drawn.
	occupancy := means(ivs, "occupancy", 1)
	c.MultiSeries = append(c.MultiSeries,
		series("agents logged in", "bar", means(ivs, "agents_logged_in", 1), colour(colourAgents), rightAxis(),
			func(s *charts.SingleSeries) { s.BarCategoryGap = "15%" }),
		series("occupancy", "line", occupancy, colour(colourOccupancy), lineWidth(2)),
	)
	return &chartSpec{c: c, id: "occupancy", wide: true, height: wideHeight, labelEvery: b.step,
		caption: "Occupancy: time on contacts (whisper, talk, after-contact work) / that time plus idle time, " +
			"left axis. Agents logged in: average over the interval, right axis. " +
			"Closed intervals (no agent scheduled, no call to an open queue) are not drawn."}
}

// queueCharts are the contacts In queue and Scheduled over time, and the
// callbacks booked and waiting for their time when there are any, one chart
// per queue that had any.
func (b *chartBuilder) queueCharts() []*chartSpec {
	var out []*chartSpec
	for i, q := range b.sum.Queues {
		inQueue, scheduled := means(q.Intervals, "in_queue", 2), means(q.Intervals, "scheduled", 2)
		booked := means(q.Intervals, "booked_waiting", 2)
		if allZero(inQueue) && allZero(scheduled) && allZero(booked) {
			continue
		}
		id := "queue_" + strconv.Itoa(i+1)
		c := charts.NewLine()
		c.SetGlobalOptions(global(id, "Queue "+q.Name+": contacts In queue and Scheduled", wideHeight)...)
		c.SetGlobalOptions(
			charts.WithXAxisOpts(b.intervalAxis()),
			charts.WithYAxisOpts(valueAxis("contacts", 0, "")),
		)
		c.SetXAxis(b.labels)
		c.MultiSeries = append(c.MultiSeries,
			series("in queue", "line", inQueue, colour(colourInQueue), lineWidth(1.5)),
			series("scheduled", "line", scheduled, colour(colourScheduled), lineWidth(1.5)),
		)
		caption := "Average number of contacts waiting in the queue (In queue) and of callbacks waiting out " +
			"their initial delay or a retry interval before entering it (Scheduled), per interval."
		if !allZero(booked) {
			c.MultiSeries = append(c.MultiSeries, series("booked", "line", booked, colour(colourBooked), lineWidth(1.5)))
			caption += " Booked: callbacks booked for a time (caller-scheduled slots, agent-booked) and waiting " +
				"for it; no Connect callback contact exists yet, so they are neither Scheduled nor In queue."
		}
		out = append(out, &chartSpec{c: c, id: id, wide: true, height: wideHeight, labelEvery: b.step, caption: caption})
	}
	return out
}

// allZero reports whether every value of xs is 0 or missing.
func allZero(xs []any) bool {
	for _, x := range xs {
		if f, ok := x.(float64); ok && f != 0 {
			return false
		}
	}
	return true
}

// waitsChart is the distribution of the waits of answered contacts.
func (b *chartBuilder) waitsChart() *chartSpec {
	buckets := WaitBuckets(b.sum.Waits)
	var labels []string
	var data []any
	for _, w := range buckets {
		labels = append(labels, w.Label)
		data = append(data, num(w.Percent, 1))
	}
	c := charts.NewBar()
	c.SetGlobalOptions(global("waits", "Wait before answer", halfHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(valueAxis("% of answered", 0, "%")),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		oneGrid(opts.Grid{Left: "12", Right: "12", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	c.SetXAxis(labels)
	c.MultiSeries = append(c.MultiSeries, series("answered contacts", "bar", data, colour(colourBar), func(s *charts.SingleSeries) {
		s.Label = &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c} %"}
		s.BarCategoryGap = "25%"
	}))
	n := b.sum.Waits.N()
	caption := "Answered inbound contacts by their time in queue, pooled over the replications"
	if b.sum.Reps > 0 {
		caption += fmt.Sprintf(" (%s answered per replication)", formatFixed(float64(n)/float64(b.sum.Reps), 0))
	}
	caption += "."
	return &chartSpec{c: c, id: "waits", height: halfHeight, caption: caption, labelEvery: 1}
}

// callbackOutcomesChart is what became of callbacks' dial attempts, and
// of callbacks that were never dialled in time.
func (b *chartBuilder) callbackOutcomesChart() *chartSpec {
	ov := b.sum.Overall
	answered := value(ov, "cb_reached") - value(ov, "cb_voicemail")
	rows := []struct {
		label string
		v     float64
	}{
		{"answered", answered},
		{"voicemail", value(ov, "cb_voicemail")},
		{"no answer", value(ov, "cb_no_answer")},
		{"busy", value(ov, "cb_busy")},
		{"invalid number", value(ov, "cb_invalid")},
		{"expired", value(ov, "cb_expired")},
		{"abandoned after connect", value(ov, "cb_abandoned_after_connect")},
	}
	var labels []string
	var data []any
	for _, r := range rows {
		labels = append(labels, r.label)
		data = append(data, num(r.v, 1))
	}
	c := charts.NewBar()
	c.SetGlobalOptions(global("callback_outcomes", "Callback attempt outcomes, per replication", halfHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		oneGrid(opts.Grid{Left: "12", Right: "48", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	c.SetXAxis(labels).XYReversal()
	c.MultiSeries = append(c.MultiSeries, series("callbacks", "bar", data, colour(colourCallbacks), func(s *charts.SingleSeries) {
		s.Label = &opts.Label{Show: opts.Bool(true), Position: "right"}
		s.BarCategoryGap = "30%"
	}))
	return &chartSpec{c: c, id: "callback_outcomes", height: halfHeight,
		caption: "Means per replication. Answered, voicemail (counted as reached), no answer, busy and invalid " +
			"number are dial outcomes; expired callbacks were still waiting at their expiry; abandoned after " +
			"connect: customer-first callbacks whose customer answered and hung up before an agent took the call."}
}

// slotCharts are the slot utilisation by hour of the week, one chart per
// working queue with caller-scheduled slots.
func (b *chartBuilder) slotCharts() []*chartSpec {
	var out []*chartSpec
	for i, q := range b.r.Slots {
		id := "slots_" + strconv.Itoa(i+1)
		var labels []string
		var data []any
		for _, h := range q.Hours {
			labels = append(labels, slotLabel(h, b.start()))
			data = append(data, num(slotPercent(h), 1))
		}
		c := charts.NewBar()
		c.SetGlobalOptions(global(id, "Callback slots of "+q.Queue+": utilisation by hour of the week", wideHeight)...)
		c.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}),
			charts.WithYAxisOpts(valueAxis("booked / capacity", 100, "%")),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			oneGrid(opts.Grid{Left: "12", Right: "12", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
		)
		c.SetXAxis(labels)
		c.MultiSeries = append(c.MultiSeries, series("utilisation", "bar", data, colour(colourCallbacks)))
		out = append(out, &chartSpec{c: c, id: id, wide: true, height: wideHeight,
			caption: "Share of each hour's slot capacity that callers booked, for the hours of the week with slots " +
				"(the working queue's hours of operation)."})
	}
	return out
}

// specs builds every chart of the report, in page order.
func (b *chartBuilder) specs() []*chartSpec {
	out := []*chartSpec{b.serviceLevelChart(), b.volumesChart(), b.occupancyChart()}
	out = append(out, b.heatmapCharts()...)
	out = append(out, b.queueServiceCharts()...)
	out = append(out, b.queueCharts()...)
	out = append(out, b.waitsChart())
	if value(b.sum.Overall, "cb_requested") > 0 || value(b.sum.Overall, "cb_dial_attempts") > 0 {
		out = append(out, b.callbackOutcomesChart())
	}
	out = append(out, b.slotCharts()...)
	return out
}
