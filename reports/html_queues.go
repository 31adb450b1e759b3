package reports

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Per-queue views of the HTML report: each queue's service level and
// contacts per interval, and weekday by time-of-day heatmaps of the
// service level and the occupancy.

// colourQueueHandled draws the contacts handled of a queue, apart from
// its service level's colourSL on the same chart.
const colourQueueHandled = "#52606d"

// queueServiceCharts are, for each queue that had contacts, its service
// level and contacts per interval: the contacts queued (inbound calls and
// callback legs), handled and abandoned as bars and lines on the left
// axis, the service level on the right. Only when several queues had
// contacts: with one, the report's first two charts show the same.
func (b *chartBuilder) queueServiceCharts() []*chartSpec {
	var busy []int
	for i, q := range b.sum.Queues {
		if value(q.Metrics, "q_queued") > 0 {
			busy = append(busy, i)
		}
	}
	if len(busy) < 2 {
		return nil
	}
	sl := b.sum.ServiceLevel.String()
	var out []*chartSpec
	for _, qi := range busy {
		q := b.sum.Queues[qi]
		// An inbound queue's service level under the scenario's
		// definition; a callback working queue has no inbound calls, and
		// its service level is that of the callback legs queued in it.
		slKey, slNote := "service_level", "the scenario's service level of the queue's inbound calls"
		if value(q.Metrics, "offered") <= 0 {
			slKey, slNote = "q_service_level", "the service level of the callback legs queued in it (answered or removed within "+sl+")"
		}
		slMean, _, _ := metricSeries(q.Intervals, slKey, 1, 0, 100)
		id := "queue_service_" + strconv.Itoa(qi+1)
		c := charts.NewBar()
		c.SetGlobalOptions(global(id, "Queue "+q.Name+": service level SL("+sl+") and contacts per interval", wideHeight)...)
		c.SetGlobalOptions(
			charts.WithXAxisOpts(b.intervalAxis()),
			charts.WithYAxisOpts(valueAxis("contacts", 0, "")),
		)
		c.ExtendYAxis(valueAxis("service level", 100, "%"))
		c.SetXAxis(b.labels)
		c.MultiSeries = append(c.MultiSeries,
			series("queued", "bar", means(q.Intervals, "q_queued", 1), colour(colourOffered), func(s *charts.SingleSeries) {
				s.BarCategoryGap = "15%"
			}),
			series("handled", "line", means(q.Intervals, "q_handled", 1), colour(colourQueueHandled), lineWidth(1.5)),
			series("abandoned", "line", means(q.Intervals, "q_abandoned", 1), colour(colourAbandoned), lineWidth(1.5)),
			series("service level", "line", slMean, colour(colourSL), lineWidth(2), rightAxis()),
		)
		if t := b.sum.Targets; t != nil && t.ServiceLevel > 0 && slKey == "service_level" {
			goal := make([]any, len(b.labels))
			for i := range goal {
				goal[i] = num(100*t.ServiceLevel, 1)
			}
			c.MultiSeries = append(c.MultiSeries, series("target", "line", goal, colour(colourTarget), dashed(), lineWidth(1.5), rightAxis()))
		}
		out = append(out, &chartSpec{c: c, id: id, wide: true, height: wideHeight, labelEvery: b.step,
			caption: "Means per replication, by the interval the contact entered the queue: contacts queued " +
				"(inbound calls and callback legs), handled (connected to an agent) and abandoned, left axis; " +
				"service level, right axis: " + slNote + ". Closed intervals of the queue (no agent serving it " +
				"scheduled, no call to it while open) are not drawn."})
	}
	return out
}

// heatGrid places the intervals of the cycle on a grid of days (rows, in
// cycle order) by times of day (columns, in clock order), from their
// labels, so that the grid follows the report's labels wherever they say
// an interval is.
type heatGrid struct {
	days, times []string
	// cell[i] is interval i's [column, row].
	cell [][2]int
}

// newHeatGrid returns the grid of the summary's intervals, or nil when
// the cycle is not several whole days of whole intervals (a weekday by
// time-of-day view needs days to stack).
func (b *chartBuilder) newHeatGrid() *heatGrid {
	s := b.sum
	if s.Cycle < 2*model.Day || s.Cycle%model.Day != 0 || model.Day%s.Interval != 0 {
		return nil
	}
	g := &heatGrid{}
	var rows, cols []string // each interval's
	for _, l := range b.labels {
		i := strings.LastIndexByte(l, ' ')
		if i < 0 {
			return nil
		}
		day, tod := l[:i], l[i+1:]
		if !slices.Contains(g.days, day) {
			g.days = append(g.days, day)
		}
		if !slices.Contains(g.times, tod) {
			g.times = append(g.times, tod)
		}
		rows, cols = append(rows, day), append(cols, tod)
	}
	slices.Sort(g.times)
	for i := range b.labels {
		g.cell = append(g.cell, [2]int{slices.Index(g.times, cols[i]), slices.Index(g.days, rows[i])})
	}
	return g
}

// heatmapCharts are the weekday by time-of-day heatmaps of the service
// level and of the occupancy, over all queues, one cell per interval of
// the cycle. Closed intervals have no cell; times of day closed on every
// day are left out.
func (b *chartBuilder) heatmapCharts() []*chartSpec {
	g := b.newHeatGrid()
	if g == nil {
		return nil
	}
	used := make([]bool, len(g.times))
	for i, iv := range b.sum.Intervals {
		if iv.Open {
			used[g.cell[i][0]] = true
		}
	}
	var times []string
	column := make([]int, len(g.times))
	for t, u := range used {
		column[t] = len(times)
		if u {
			times = append(times, g.times[t])
		}
	}
	if len(times) == 0 {
		return nil
	}
	sl := b.sum.ServiceLevel.String()
	return []*chartSpec{
		b.heatmap(g, times, column, "heatmap_service_level", "Service level SL("+sl+") by weekday and time of day",
			"service_level", []string{"#c0392b", "#f5e6a8", "#2e8b57"},
			"Mean service level per interval (the scenario's definition, inbound contacts of every queue): "+
				"red is low, green high. Blank: closed, or no contact left a queue in the interval."),
		b.heatmap(g, times, column, "heatmap_occupancy", "Agent occupancy by weekday and time of day",
			"occupancy", []string{"#eef3f9", colourOccupancy},
			"Mean occupancy per interval: time on contacts (whisper, talk, after-contact work) / that time plus "+
				"idle time, every agent group together; darker is busier. Blank: closed."),
	}
}

// heatmap is one heatmap of metric key on grid g, drawn on the times of
// day kept (column maps a time of g to its column among them).
func (b *chartBuilder) heatmap(g *heatGrid, times []string, column []int, id, title, key string, palette []string, caption string) *chartSpec {
	var data []opts.HeatMapData
	for i, iv := range b.sum.Intervals {
		m, ok := analysis.Find(iv.Metrics, key)
		if !iv.Open || !ok || math.IsNaN(m.Mean) {
			continue
		}
		x, y := column[g.cell[i][0]], g.cell[i][1]
		data = append(data, opts.HeatMapData{Name: b.labels[i], Value: []any{x, y, num(m.Mean, 1)}})
	}
	height := 110 + 26*len(g.days)
	c := charts.NewHeatMap()
	c.SetGlobalOptions(global(id, title, height)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: times, SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: g.days, Inverse: opts.Bool(true),
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: 0, Max: 100, Orient: "horizontal",
			Right: "12", Top: "4", Text: []string{"100 %", "0 %"}, InRange: &opts.VisualMapInRange{Color: palette}}),
		oneGrid(opts.Grid{Left: "12", Right: "12", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	c.AddSeries(title, data)
	step := 1
	if len(times) > 2*maxLabels {
		step = labelStep(len(times), b.sum.Interval)
	}
	return &chartSpec{c: c, id: id, wide: true, height: height, caption: caption, tooltip: "heat", labelEvery: step}
}
