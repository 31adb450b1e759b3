package reports_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/reports"
)

// closedLabels are intervals of the planning week when nobody is
// scheduled and no call comes in, though agents still finish the last
// calls of the day in the first of them (Mon 21:00, Sat 18:00).
var closedLabels = []string{"Mon 21:00", "Sat 18:00", "Sat 07:30", "Sun 12:00", "Tue 03:00"}

// The planning week's closed intervals are in no table, CSV file or
// Connect-shaped row, and no shown occupancy is above 100 %.
func TestReports_leaveOutClosedIntervals(t *testing.T) {
	sum := planningWeek(t)
	start := sum.Start

	var tables bytes.Buffer
	if err := reports.IntervalTables(&tables, reports.FormatTable, sum, start); err != nil {
		t.Fatal(err)
	}
	for _, l := range closedLabels {
		if strings.Contains(tables.String(), "| "+l+" |") {
			t.Errorf("interval tables show closed %s", l)
		}
	}
	if !strings.Contains(tables.String(), "| Mon 20:30 |") || !strings.Contains(tables.String(), "| Sat 17:30 |") {
		t.Errorf("interval tables lack the last open half hours")
	}

	for _, tb := range reports.CSVTables(sum, start, nil) {
		if tb.Name != "intervals.csv" && tb.Name != "queue_intervals.csv" {
			continue
		}
		label, metric, mean := slices.Index(tb.Header, "label"), slices.Index(tb.Header, "metric"), slices.Index(tb.Header, "mean")
		rows := 0
		for _, r := range tb.Rows {
			rows++
			for _, l := range closedLabels {
				if r[label] == l {
					t.Fatalf("%s has closed %s: %q", tb.Name, l, r)
				}
			}
			if r[metric] == "occupancy" && r[mean] != "" {
				if x, _ := strconv.ParseFloat(r[mean], 64); x > 100 {
					t.Errorf("%s: occupancy %s at %s", tb.Name, r[mean], r[label])
				}
			}
		}
		if rows == 0 {
			t.Errorf("%s is empty", tb.Name)
		}
	}

	var conn bytes.Buffer
	if err := reports.WriteConnectCSV(&conn, sum, start); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&conn).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Two queues, each open the week's 160 half hours.
	if got := len(recs) - 1; got != 2*160 {
		t.Errorf("%d Connect rows, want 320 (2 queues x 160 open half hours)", got)
	}
	for _, r := range recs[1:] {
		if strings.HasPrefix(r[1], "2024-06-09") || strings.HasSuffix(r[1], "T21:00:00Z") {
			t.Errorf("Connect row for a closed interval: %q", r[:3])
		}
	}
}
