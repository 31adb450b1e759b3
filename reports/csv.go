package reports

import (
	"encoding/csv"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// CSVTable is one CSV file of the estimates of a set of replications:
// a header row, then one row per metric and scope.
type CSVTable struct {
	// Name is the file name, "summary.csv".
	Name   string
	Header []string
	Rows   [][]string
	// Numeric marks the columns whose cells are numbers (or empty), for a
	// workbook to store as numbers ([WriteXLSX]). When nil, the columns
	// are judged by their header (numericColumns).
	Numeric []bool
}

// Write writes the table as CSV (RFC 4180, "\n" line ends).
func (t CSVTable) Write(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil { // WriteAll flushes
		return err
	}
	return cw.Error()
}

// csvPrecision is the number of decimals of every mean and bound in the
// CSV tables.
const csvPrecision = 3

// estimateCells are the mean, ci_low, ci_high and n of m: numbers with
// csvPrecision decimals, empty when not defined (a rate with no
// denominator, the bounds of a single replication).
func estimateCells(m analysis.Metric) []string {
	num := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return formatFixed(x, csvPrecision)
	}
	lo, hi := "", ""
	if !math.IsNaN(m.Mean) && !math.IsNaN(m.HalfWidth) {
		lo, hi = num(m.Lo()), num(m.Hi())
	}
	return []string{num(m.Mean), lo, hi, strconv.Itoa(m.N)}
}

// estimateHeader is the header of estimateCells.
var estimateHeader = []string{"mean", "ci_low", "ci_high", "n"}

// CSVTables returns the estimates of sum as CSV tables, one per table of
// the text report, in this order:
//
//   - summary.csv: metric, name, unit, mean, ci_low, ci_high, n, target,
//     target_status: every metric over all queues, with the scenario's
//     goal and whether it is met (met, missed, unsure; empty without a
//     goal);
//   - queues.csv: queue, metric, name, unit, mean, ...: the inbound and
//     queue metrics of every queue;
//   - intervals.csv: start, label, metric, unit, mean, ...: every open
//     interval of the cycle, all queues together (start is RFC 3339, UTC,
//     in the first cycle; label as in the tables, "Mon 09:00");
//   - queue_intervals.csv: queue, start, label, metric, unit, mean, ...:
//     every interval open for the queue;
//   - agents.csv: group, agents, metric, name, unit, mean, ...;
//   - callbacks.csv: queue, metric, name, unit, mean, ...: the callback
//     metrics of the queues that had callbacks, and of all queues;
//   - slots.csv, only when there are caller-scheduled slots: queue,
//     hour_of_week, label, capacity, booked, utilisation_pct, n (capacity
//     and booked are means per replication over n replications).
//
// Each row is one metric of one scope, so that a new metric adds rows,
// never columns. Means and bounds have three decimals; an undefined one
// is empty. start is the scenario's start.
func CSVTables(sum *analysis.Summary, start time.Time, slots []analysis.SlotQueue) []CSVTable {
	withNames := func(cols ...string) []string {
		return append(cols, estimateHeader...)
	}
	metricRow := func(scope []string, m analysis.Metric, name bool) []string {
		row := append(scope, m.Key)
		if name {
			row = append(row, metricLabelPlain(m))
		}
		row = append(row, m.Unit)
		return append(row, estimateCells(m)...)
	}

	summary := CSVTable{Name: "summary.csv",
		Header: append(withNames("metric", "name", "unit"), "target", "target_status")}
	for _, m := range sum.Overall {
		goal, status := sum.TargetStatus(m)
		g := ""
		if status != analysis.TargetNone {
			g = formatFixed(goal, csvPrecision)
		}
		summary.Rows = append(summary.Rows, append(metricRow(nil, m, true), g, status))
	}

	queues := CSVTable{Name: "queues.csv", Header: withNames("queue", "metric", "name", "unit")}
	callbacks := CSVTable{Name: "callbacks.csv", Header: withNames("queue", "metric", "name", "unit")}
	hasCallbacks := func(ms []analysis.Metric) bool {
		for _, m := range ms {
			if isCallbackKey(m.Key) && nonzero(ms, m.Key) {
				return true
			}
		}
		return false
	}
	for _, q := range sum.Queues {
		for _, m := range q.Metrics {
			if !isCallbackKey(m.Key) {
				queues.Rows = append(queues.Rows, metricRow([]string{q.Name}, m, true))
			} else if hasCallbacks(q.Metrics) {
				callbacks.Rows = append(callbacks.Rows, metricRow([]string{q.Name}, m, true))
			}
		}
	}
	if hasCallbacks(sum.Overall) {
		for _, m := range sum.Overall {
			if isCallbackKey(m.Key) {
				callbacks.Rows = append(callbacks.Rows, metricRow([]string{"all"}, m, true))
			}
		}
	}

	ivScope := func(iv analysis.IntervalSummary) []string {
		return []string{FormatTimestamp(start.Add(time.Duration(iv.Start) * time.Millisecond)),
			intervalLabel(sum, iv)}
	}
	intervals := CSVTable{Name: "intervals.csv", Header: withNames("start", "label", "metric", "unit")}
	for _, iv := range sum.Intervals {
		if !iv.Open {
			continue
		}
		for _, m := range iv.Metrics {
			intervals.Rows = append(intervals.Rows, metricRow(ivScope(iv), m, false))
		}
	}
	queueIntervals := CSVTable{Name: "queue_intervals.csv", Header: withNames("queue", "start", "label", "metric", "unit")}
	for _, q := range sum.Queues {
		for _, iv := range q.Intervals {
			if !iv.Open {
				continue
			}
			for _, m := range iv.Metrics {
				queueIntervals.Rows = append(queueIntervals.Rows, metricRow(append([]string{q.Name}, ivScope(iv)...), m, false))
			}
		}
	}

	agents := CSVTable{Name: "agents.csv", Header: withNames("group", "agents", "metric", "name", "unit")}
	for _, g := range sum.Agents {
		for _, m := range g.Metrics {
			agents.Rows = append(agents.Rows, metricRow([]string{g.Name, strconv.Itoa(g.Agents)}, m, true))
		}
	}

	out := []CSVTable{summary, queues, intervals, queueIntervals, agents, callbacks}
	if len(slots) > 0 {
		t := CSVTable{Name: "slots.csv",
			Header: []string{"queue", "hour_of_week", "label", "capacity", "booked", "utilisation_pct", "n"}}
		for _, q := range slots {
			for _, h := range q.Hours {
				u := ""
				if h.Capacity > 0 {
					u = formatFixed(slotPercent(h), csvPrecision)
				}
				t.Rows = append(t.Rows, []string{q.Queue, strconv.Itoa(h.Hour), slotLabel(h, start),
					formatFixed(h.Capacity, csvPrecision), formatFixed(h.Booked, csvPrecision), u, strconv.Itoa(q.Reps)})
			}
		}
		out = append(out, t)
	}
	return out
}

// metricLabelPlain is m's name for a CSV file: trimmed, without the
// service-level threshold.
func metricLabelPlain(m analysis.Metric) string {
	switch m.Key {
	case "cb_no_answer", "cb_busy", "cb_invalid":
		return "failed: " + trimName(m.Name)
	}
	return trimName(m.Name)
}

// WriteCSVTables starts one file per table of [CSVTables] in dir, created
// if missing, as part of set: they are written completely, or not at
// all, when the set is committed.
func WriteCSVTables(set *FileSet, dir string, sum *analysis.Summary, start time.Time, slots []analysis.SlotQueue) error {
	return writeCSVTables(set, dir, CSVTables(sum, start, slots))
}

func writeCSVTables(set *FileSet, dir string, tables []CSVTable) error {
	if err := set.MkdirAll(dir); err != nil {
		return err
	}
	for _, t := range tables {
		if err := set.Write(filepath.Join(dir, t.Name), t.Write); err != nil {
			return err
		}
	}
	return nil
}

// trimName is a metric name without the indentation some have.
func trimName(name string) string { return strings.TrimSpace(name) }
