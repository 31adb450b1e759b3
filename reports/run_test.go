package reports_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestRunReport_singleRun keeps the report of john, the documented
// example, run once: its summary, the records of its scripted contacts
// and the checks, as ccsim run john prints them.
func TestRunReport_singleRun(t *testing.T) {
	l, err := scenarios.Resolve("john")
	if err != nil {
		t.Fatal(err)
	}
	s := l.Scenario
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	var recs []sim.Record
	res, err := p.Run(t.Context(), sim.Options{Records: func(r *sim.Record) {
		if r.ScriptID != "" {
			recs = append(recs, *r)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := &reports.RunReport{Start: s.Start, Result: res, Scripted: recs, Script: true,
		Documented: s.Documented, Checks: analysis.Check(recs, s.Documented, s.Start)}
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown, reports.FormatJSON} {
		var buf bytes.Buffer
		if err := r.Write(&buf, f); err != nil {
			t.Fatal(err)
		}
		golden(t, "run_john."+string(f)+".golden", buf.Bytes())
	}
}

// TestRunReport_estimates checks the order of the estimate tables: the
// header line, the summary tables, the slot tables when there are slots,
// the interval tables, each after a blank line.
func TestRunReport_estimates(t *testing.T) {
	sum := twoQueueSummary()
	slots := []analysis.SlotQueue{{Queue: "Callbacks", Reps: 10, Hours: []analysis.SlotHour{
		{Hour: 9, Capacity: 10, Booked: 7.5}, {Hour: 33, Capacity: 5, Booked: 0},
	}}}
	for _, tc := range []struct {
		name  string
		slots []analysis.SlotQueue
	}{{"no slots", nil}, {"slots", slots}} {
		t.Run(tc.name, func(t *testing.T) {
			r := &reports.RunReport{Start: day, Summary: sum, Slots: tc.slots}
			var want bytes.Buffer
			steps := []func(w io.Writer) error{
				func(w io.Writer) error { return reports.SummaryHeader(w, reports.FormatTable, sum, day) },
				func(w io.Writer) error { return reports.EstimateTables(w, reports.FormatTable, sum) },
			}
			if tc.slots != nil {
				steps = append(steps, func(w io.Writer) error { return reports.SlotTables(w, reports.FormatTable, slots, day) })
			}
			steps = append(steps, func(w io.Writer) error { return reports.IntervalTables(w, reports.FormatTable, sum, day) })
			for i, step := range steps {
				if i > 0 {
					want.WriteString("\n")
				}
				if err := step(&want); err != nil {
					t.Fatal(err)
				}
			}
			var got bytes.Buffer
			if err := r.Write(&got, reports.FormatTable); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("WriteText() =\n%s\nwant\n%s", got.Bytes(), want.Bytes())
			}

			var gotJSON, wantJSON bytes.Buffer
			if err := r.Write(&gotJSON, reports.FormatJSON); err != nil {
				t.Fatal(err)
			}
			if err := reports.WriteSummaryJSON(&wantJSON, sum, day, nil, tc.slots); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(gotJSON.Bytes(), wantJSON.Bytes()) {
				t.Errorf("Write(FormatJSON) is not the summary's JSON document")
			}
		})
	}
}
