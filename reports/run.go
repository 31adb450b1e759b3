package reports

import (
	"io"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// RunReport is the report of a run of a scenario (ccsim run): the
// estimates over its replications or, for a scripted scenario run once,
// the figures of that run and the records of its scripted contacts; then,
// for a scenario with documented values, their checks. It decides which
// tables the report has and in what order, for each output.
type RunReport struct {
	// Start is the scenario's start, which labels the intervals.
	Start time.Time
	// Summary is the estimates over the replications
	// ([analysis.Summarize]) and Slots their callback slots
	// ([analysis.SumSlots]).
	Summary *analysis.Summary
	Slots   []analysis.SlotQueue
	// Result, when not nil, makes the text and JSON report that of this
	// single run instead of the estimates; Scripted are the records of its
	// scripted contacts.
	Result   *sim.Result
	Scripted []sim.Record
	// Script is whether the scenario has a script of contacts, whose
	// records the single-run report shows.
	Script bool
	// Documented are the scenario's documented values (nil for none) and
	// Checks their checks ([analysis.Check]).
	Documented *model.Documented
	Checks     []analysis.CheckRow
}

// WriteText writes the report as tables in format f. The estimates are
// the header line, the summary, agents and callback tables, the callback
// slot tables when there are slots, the per-interval tables and, for a
// documented scenario, the check table of its first replication. A single
// run is the header line and the summary tables, then for a scripted
// scenario its contact records, and for a documented one the check table
// with the example's note.
func (r *RunReport) WriteText(w io.Writer, f Format) error {
	blank := func() error { _, err := io.WriteString(w, "\n"); return err }
	var steps []func() error
	if r.Result != nil {
		steps = []func() error{
			func() error { return Header(w, f, r.Result) },
			blank,
			func() error { return SummaryTable(w, f, r.Result) },
		}
		if r.Script {
			steps = append(steps,
				blank,
				func() error { return Title(w, f, "Contact records of the scripted contacts") },
				func() error { return RecordsTable(w, f, r.Scripted) },
			)
		}
	} else {
		steps = []func() error{
			func() error { return SummaryHeader(w, f, r.Summary, r.Start) },
			blank,
			func() error { return EstimateTables(w, f, r.Summary) },
		}
		if len(r.Slots) > 0 {
			steps = append(steps, blank, func() error { return SlotTables(w, f, r.Slots, r.Start) })
		}
		steps = append(steps,
			blank,
			func() error { return IntervalTables(w, f, r.Summary, r.Start) },
		)
	}
	if r.Documented != nil {
		title := "Documented example (replication 0): published values against simulated"
		if r.Result != nil {
			title = "Documented example: published values against simulated"
		}
		steps = append(steps,
			blank,
			func() error { return Title(w, f, title) },
			func() error { return CheckTable(w, f, r.Checks, r.Documented) },
		)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// Write writes the report in format f: its JSON document for
// [FormatJSON], else its tables.
func (r *RunReport) Write(w io.Writer, f Format) error {
	if f == FormatJSON {
		return r.WriteJSON(w)
	}
	return r.WriteText(w, f)
}

// WriteJSON writes the report as one JSON document: the run's
// ([WriteJSON]) for a single run, else the estimates'
// ([WriteSummaryJSON]).
func (r *RunReport) WriteJSON(w io.Writer) error {
	if r.Result != nil {
		return WriteJSON(w, r.Result, r.Checks)
	}
	return WriteSummaryJSON(w, r.Summary, r.Start, r.Checks, r.Slots)
}

// WriteCSV starts the CSV tables of the estimates in dir as part of set
// ([WriteCSVTables]) and returns how many there are.
func (r *RunReport) WriteCSV(set *FileSet, dir string) (int, error) {
	tables := CSVTables(r.Summary, r.Start, r.Slots)
	return len(tables), writeCSVTables(set, dir, tables)
}
