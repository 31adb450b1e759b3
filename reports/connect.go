package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
)

// A Connect-shaped export: the estimates of a run as Amazon Connect's
// historical metrics report grouped by queue, one row per queue and
// interval, so that a planner can set a simulated week beside the real
// report column for column. docs/metrics.md gives each column's Connect
// definition, how ccsim computes it and where it differs.

// ConnectColumn is one column of the Connect-shaped export: Connect's name
// for it and the ccsim metric it holds.
type ConnectColumn struct {
	// Name is Amazon Connect's metric name ("Contacts queued"); for the
	// service level, "Service level X seconds" with X the scenario's
	// threshold.
	Name string
	// Key is the ccsim metric (analysis.Metric.Key); Agents marks one
	// read from all agent groups together (Connect's agent metrics).
	Key    string
	Agents bool
	// Kind is how the value is written: "count", "time" (hh:mm:ss, as
	// Connect writes durations) or "percent" ("85.20%").
	Kind string
}

// ConnectColumns lists the export's metric columns, after Queue,
// StartInterval and EndInterval. sl is the service-level threshold.
func ConnectColumns(sl model.Duration) []ConnectColumn {
	return []ConnectColumn{
		{Name: "Contacts queued", Key: "q_queued", Kind: "count"},
		{Name: "Contacts handled", Key: "q_handled", Kind: "count"},
		{Name: "Contacts abandoned", Key: "q_abandoned", Kind: "count"},
		{Name: "Callback contacts", Key: "q_cb_queued", Kind: "count"},
		{Name: "Callback contacts handled", Key: "q_cb_handled", Kind: "count"},
		{Name: "Callback attempts", Key: "cb_dial_attempts", Kind: "count"},
		{Name: "Average queue answer time", Key: "q_asa", Kind: "time"},
		{Name: "Average queue abandon time", Key: "q_abandon_time", Kind: "time"},
		{Name: "Maximum queued time", Key: "q_max_queued", Kind: "time"},
		{Name: fmt.Sprintf("Service level %d seconds", int64(sl)/int64(model.Second)), Key: "q_service_level", Kind: "percent"},
		{Name: "Average handle time", Key: "q_aht", Kind: "time"},
		{Name: "Average after contact work time", Key: "q_acw", Kind: "time"},
		{Name: "Agent occupancy", Key: "occupancy", Agents: true, Kind: "percent"},
		{Name: "In queue", Key: "in_queue", Kind: "count"},
		{Name: "Scheduled", Key: "scheduled", Kind: "count"},
		{Name: "Oldest contact age", Key: "q_oldest", Kind: "time"},
	}
}

// WriteConnectCSV writes sum as a Connect-shaped CSV: a header of
// Connect's names, then one row per queue and interval of the cycle open
// for the queue (see [analysis.IntervalSummary]), in queue order. Values are the means over the replications: counts with up
// to two decimals, times as hh:mm:ss and percentages with two decimals
// and "%", as Connect's report writes them; a value undefined in every
// replication is left empty. StartInterval and EndInterval are UTC
// timestamps from start, the scenario's start.
func WriteConnectCSV(w io.Writer, sum *analysis.Summary, start time.Time) error {
	cols := ConnectColumns(sum.ServiceLevel)
	cw := csv.NewWriter(w)
	header := []string{"Queue", "StartInterval", "EndInterval"}
	for _, c := range cols {
		header = append(header, c.Name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, q := range sum.Queues {
		for i, iv := range q.Intervals {
			if !iv.Open {
				continue
			}
			from := start.UTC().Add(time.Duration(iv.Start) * time.Millisecond)
			row := []string{q.Name, FormatTimestamp(from), FormatTimestamp(from.Add(time.Duration(sum.Interval) * time.Millisecond))}
			for _, c := range cols {
				ms := iv.Metrics
				if c.Agents {
					ms = nil
					if i < len(sum.Intervals) {
						ms = sum.Intervals[i].Metrics
					}
				}
				x := math.NaN()
				if m, ok := analysis.Find(ms, c.Key); ok {
					x = m.Mean
				}
				row = append(row, connectValue(x, c.Kind))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// connectValue writes x as Connect writes a value of kind.
func connectValue(x float64, kind string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	switch kind {
	case "time":
		s := int64(math.Round(x))
		return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	case "percent":
		return formatFixed(x, 2) + "%"
	}
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// WriteConnectCSV writes the Connect-shaped export of the run to path
// through set (see [WriteConnectCSV]).
func (r *RunReport) WriteConnectCSV(set *FileSet, path string) error {
	return set.Write(path, func(w io.Writer) error { return WriteConnectCSV(w, r.Summary, r.Start) })
}
