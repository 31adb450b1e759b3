package reports

import (
	"math"
	"strconv"
	"strings"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
)

// Per-queue metrics in a comparison.
//
// An objective or a constraint may name the metric of one queue
// (service_level[Support]). The comparison's tables and charts are of the
// metrics over all queues, with paired differences; the per-queue metrics
// the ranking uses are shown beside them, each variant's estimate with
// its confidence interval (paired differences are kept for the overall
// metrics only).

// refLabel is the label of a metric of a comparison: the metric's label,
// with its queue for a per-queue one, and its unit.
func refLabel(name string, m analysis.Metric, sl model.Duration) string {
	l := labelWithUnit(m, sl)
	r, err := analysis.ParseMetricRef(name)
	if err != nil || r.Queue == "" {
		return l
	}
	label, unit, ok := strings.Cut(l, " (")
	if !ok {
		return label + ", queue " + r.Queue
	}
	return label + ", queue " + r.Queue + " (" + unit
}

// isQueueRef reports whether name is the metric of one queue.
func isQueueRef(name string) bool {
	r, err := analysis.ParseMetricRef(name)
	return err == nil && r.Queue != ""
}

// queueMetricsGrid is the per-queue metrics the ranking uses, per variant;
// nil when it names none.
func queueMetricsGrid(c *analysis.Comparison, o analysis.Objective, labels []string, sl model.Duration) *grid {
	refs := o.QueueRefs()
	if len(refs) == 0 {
		return nil
	}
	g := &grid{corner: "metric of one queue", right: true, cols: labels}
	for _, r := range refs {
		name := r.String()
		m0, _ := c.Variants[0].Summary.Lookup(name)
		cells := make([]string, len(c.Variants))
		for i := range c.Variants {
			m, ok := c.Variants[i].Summary.Lookup(name)
			cells[i] = noValue
			if ok {
				cells[i] = estimateText(m.Estimate, precision(m))
			}
		}
		g.add(refLabel(name, m0, sl), cells...)
	}
	return g
}

// queueMetricsTitle and queueMetricsNote head and explain the table.
const (
	queueMetricsTitle = "Per-queue metrics the ranking uses"
	queueMetricsNote  = "Mean ± half width of the 95 % confidence interval of the metric of that queue alone " +
		"(its inbound contacts, or the callbacks whose working queue it is)."
)

// queueMetricsText writes the table into a text comparison.
func queueMetricsText(t *text, c *analysis.Comparison, o analysis.Objective, labels []string, sl model.Duration) {
	g := queueMetricsGrid(c, o, labels, sl)
	if g == nil {
		return
	}
	t.table(queueMetricsTitle, g)
	t.para(queueMetricsNote)
	t.blank()
}

// queueMetricsHTML is the table for the comparison page, or nothing.
func (b *compareBuilder) queueMetricsHTML() []htmlTable {
	g := queueMetricsGrid(b.c, b.o, b.labels, b.meta.ServiceLevel)
	if g == nil {
		return nil
	}
	t := htmlTable{Title: queueMetricsTitle, Header: append([]string{g.corner}, g.cols...), Note: queueMetricsNote}
	t.Num = make([]bool, len(t.Header))
	for i := 1; i < len(t.Num); i++ {
		t.Num[i] = true
	}
	for i, l := range g.labels {
		t.add(append([]string{l}, g.cells[i]...)...)
	}
	return []htmlTable{t}
}

// CompareQueueMetric is a per-queue metric the ranking uses, for one
// variant: Metric is its name as given (service_level[Support]).
type CompareQueueMetric struct {
	Metric string   `json:"metric"`
	Queue  string   `json:"queue"`
	Key    string   `json:"key"`
	Mean   *float64 `json:"mean"`
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	N      int      `json:"n"`
	Unit   string   `json:"unit"`
}

// queueMetricsDoc is the JSON of the per-queue metrics of one variant.
func queueMetricsDoc(v *analysis.VariantSummary, o analysis.Objective) []CompareQueueMetric {
	var out []CompareQueueMetric
	for _, r := range o.QueueRefs() {
		m, ok := v.Summary.Lookup(r.String())
		if !ok {
			m.Mean, m.HalfWidth = math.NaN(), math.NaN()
		}
		out = append(out, CompareQueueMetric{Metric: r.String(), Queue: r.Queue, Key: r.Key, Mean: jsonNum(m.Mean),
			CILow: jsonNum(m.Lo()), CIHigh: jsonNum(m.Hi()), N: m.N, Unit: m.Unit})
	}
	return out
}

// chartID is the id of the chart of metric name: its key, and for the
// metric of one queue the queue's number in the scenario
// (service_level[Support] of the second queue is service_level_q2), so
// that the id is a plain HTML id whatever the queue's name.
func (b *compareBuilder) chartID(name string) string {
	r, err := analysis.ParseMetricRef(name)
	if err != nil || r.Queue == "" {
		return name
	}
	for i, q := range b.c.Variants[0].Summary.Queues {
		if q.Name == r.Queue {
			return r.Key + "_q" + strconv.Itoa(i+1)
		}
	}
	return r.Key + "_q0"
}
