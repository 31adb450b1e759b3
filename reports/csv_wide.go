package reports

import (
	"math"
	"time"

	"github.com/ccsim/ccsim/analysis"
)

// WideIntervalsName is the file name of [WideIntervalsTable] when it is
// written beside the long tables (in a workbook, its sheet).
const WideIntervalsName = "intervals_wide.csv"

// WideIntervalsTable returns the per-interval estimates of every queue as
// one wide table, the shape a planner pastes into a spreadsheet or a
// workforce management tool: one row per interval and queue (the
// intervals in time order, the queues in the scenario's order within each
// interval), then a row "all" for the interval's queues together, which
// alone has the agents' figures (occupancy_pct, agents_logged_in: agents
// serve queues, they belong to none). The columns are
//
//	queue, start, label, offered, handled, ..., service_level_pct, asa_s, ...
//
// one column per metric, named by its key (docs/metrics.md) and unit:
// "_pct" for a percentage, "_s" for seconds, "_h" for hours, nothing for
// contacts and plain numbers. A cell is the metric's mean over the
// replications with three decimals, empty where it is not defined (a
// rate with no denominator). The confidence intervals are in the long
// queue_intervals.csv, which has the same numbers row by row.
//
// start is the scenario's start; intervals are labelled, and closed ones
// left out, as in the long tables.
func WideIntervalsTable(sum *analysis.Summary, start time.Time) CSVTable {
	t := CSVTable{Name: WideIntervalsName, Header: []string{"queue", "start", "label"}}
	// The columns: every metric key of the queues' intervals, in the order
	// they first appear (the same for every queue and interval).
	col := map[string]int{}
	addColumns := func(ivs []analysis.IntervalSummary) {
		for _, iv := range ivs {
			for _, m := range iv.Metrics {
				if _, ok := col[m.Key]; !ok {
					col[m.Key] = len(t.Header)
					t.Header = append(t.Header, m.Key+unitSuffix(m.Unit))
				}
			}
		}
	}
	for _, q := range sum.Queues {
		addColumns(q.Intervals)
	}
	addColumns(sum.Intervals)
	t.Numeric = make([]bool, len(t.Header))
	for i := 3; i < len(t.Header); i++ {
		t.Numeric[i] = true
	}
	add := func(scope string, iv analysis.IntervalSummary) {
		row := make([]string, len(t.Header))
		row[0] = scope
		row[1] = FormatTimestamp(start.Add(time.Duration(iv.Start) * time.Millisecond))
		row[2] = intervalLabel(sum, iv)
		for _, m := range iv.Metrics {
			if !math.IsNaN(m.Mean) && !math.IsInf(m.Mean, 0) {
				row[col[m.Key]] = formatFixed(m.Mean, csvPrecision)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	// Every queue has the cycle's intervals, as the summary has. Closed
	// intervals are left out, as from the long tables (docs/metrics.md):
	// a queue's when it is closed, the "all" row when every queue is.
	for i, all := range sum.Intervals {
		for _, q := range sum.Queues {
			if i < len(q.Intervals) && q.Intervals[i].Open {
				add(q.Name, q.Intervals[i])
			}
		}
		if all.Open {
			add("all", all)
		}
	}
	return t
}

// unitSuffix is the column-name suffix of a unit in the wide table.
func unitSuffix(unit string) string {
	switch unit {
	case "%":
		return "_pct"
	case "s":
		return "_s"
	case "h":
		return "_h"
	}
	return ""
}

// WriteWideCSV starts the file at path, as part of set, with
// [WideIntervalsTable].
func (r *RunReport) WriteWideCSV(set *FileSet, path string) error {
	return set.Write(path, WideIntervalsTable(r.Summary, r.Start).Write)
}
