package reports_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/xuri/excelize/v2"
)

// wideSummary is a summary of two queues over three hourly intervals,
// with a rate not defined in the first (nothing left the queue).
func wideSummary() *analysis.Summary {
	s := &analysis.Summary{Scenario: "wide", Reps: 5, Start: day, Interval: model.Hour, Cycle: model.Day}
	nan := math.NaN()
	for qi, name := range []string{"Sales", "Support"} {
		q := analysis.QueueSummary{Name: name}
		// A fourth interval, after closing, is closed: no row for it.
		for h := range 4 {
			x := float64(10*qi + h)
			sl := 80 + x
			if h == 0 {
				sl = nan
			}
			q.Intervals = append(q.Intervals, analysis.IntervalSummary{Start: model.Duration(8+h) * model.Hour, Open: h < 3,
				Metrics: metrics(5, map[string][2]float64{"offered": {20 + x, 1}, "service_level": {sl, 2}, "asa": {12.5 + x, 1}})})
		}
		s.Queues = append(s.Queues, q)
	}
	for h := range 4 {
		s.Intervals = append(s.Intervals, analysis.IntervalSummary{Start: model.Duration(8+h) * model.Hour, Open: h < 3,
			Metrics: metrics(5, map[string][2]float64{"offered": {40 + float64(h), 1}, "occupancy": {70.25 + float64(h), 1},
				"agents_logged_in": {6, 0}})})
	}
	return s
}

// TestWideIntervalsTable: one row per interval and queue, then the
// interval's all-queues row; one column per metric, named with its unit;
// undefined means empty; the same means as the long table.
func TestWideIntervalsTable(t *testing.T) {
	sum := wideSummary()
	tb := reports.WideIntervalsTable(sum, day)
	var b bytes.Buffer
	if err := tb.Write(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "intervals_wide.csv.golden", b.Bytes())
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"queue", "start", "label", "offered", "service_level_pct", "asa_s", "occupancy_pct", "agents_logged_in"}
	if !slices.Equal(rows[0], wantHeader) {
		t.Errorf("header %q, want %q", rows[0], wantHeader)
	}
	open := 0
	for _, iv := range sum.Intervals {
		if iv.Open {
			open++
		}
	}
	if got, want := len(rows)-1, open*(len(sum.Queues)+1); got != want || open == len(sum.Intervals) {
		t.Fatalf("%d rows, want %d: one per open interval and queue, and one for all queues (none for the closed interval)", got, want)
	}
	var scopes []string
	for _, r := range rows[1:4] {
		scopes = append(scopes, r[0]+" "+r[2])
	}
	if want := []string{"Sales Mon 08:00", "Support Mon 08:00", "all Mon 08:00"}; !slices.Equal(scopes, want) {
		t.Errorf("first rows %q, want %q", scopes, want)
	}
	if r := rows[1]; r[4] != "" || r[5] != "12.500" {
		t.Errorf("Sales 08:00: service level %q, ASA %q; want empty (not defined) and 12.500", r[4], r[5])
	}
	if r := rows[5]; r[0] != "Support" || r[4] != "91.000" || r[6] != "" {
		t.Errorf("Support 09:00 %q: want service level 91.000 and no occupancy (agents belong to no queue)", r)
	}
	if r := rows[9]; r[0] != "all" || r[6] != "72.250" || r[7] != "6.000" {
		t.Errorf("all 10:00 %q: want occupancy 72.250 and 6 agents", r)
	}
	// The same means as the long table, cell for cell.
	long := reports.CSVTables(sum, day, nil)[3]
	if long.Name != "queue_intervals.csv" {
		t.Fatalf("table 3 is %s", long.Name)
	}
	for _, lr := range long.Rows {
		found := false
		for _, r := range rows[1:] {
			if r[0] == lr[0] && r[1] == lr[1] {
				col := slices.Index(rows[0], lr[3]+map[string]string{"%": "_pct", "s": "_s"}[lr[4]])
				found = col >= 0 && r[col] == lr[5]
			}
		}
		if !found {
			t.Errorf("long row %q has no equal cell in the wide table", lr)
		}
	}
}

// TestWriteXLSX writes a run's workbook and reads it back with the same
// library: a sheet per table, the CSV's cells, numbers stored as numbers
// and text as text; the same tables give the same bytes.
func TestWriteXLSX(t *testing.T) {
	sum, slots := htmlSummary()
	r := &reports.RunReport{Summary: sum, Start: day, Slots: slots}
	tables := reports.XLSXTables(r)
	var b bytes.Buffer
	if err := reports.WriteXLSX(&b, tables); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := reports.WriteXLSX(&again, reports.XLSXTables(r)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("two workbooks of the same tables differ")
	}

	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	want := []string{"Summary", "Queues", "Intervals", "Queue intervals", "Intervals wide", "Agents", "Callbacks", "Slots"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, tb := range tables {
		sheet := tb.SheetName()
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(tb.Rows)+1 || !slices.Equal(rows[0], tb.Header) {
			t.Errorf("%s: %d rows, header %q; want %d and %q", sheet, len(rows), rows[0], len(tb.Rows)+1, tb.Header)
			continue
		}
		for i, rec := range tb.Rows {
			got := rows[i+1]
			for j, cell := range rec {
				g := ""
				if j < len(got) {
					g = got[j]
				}
				// A number reads back as Excel shows it: 80.040 as 80.04.
				if w, err := strconv.ParseFloat(cell, 64); err == nil && cell != g {
					if v, err := strconv.ParseFloat(g, 64); err == nil && v == w {
						continue
					}
				}
				if g != cell {
					t.Errorf("%s row %d column %s: %q, want %q", sheet, i+2, tb.Header[j], g, cell)
				}
			}
		}
	}
	// Types: the mean of the summary's first metric is a number, its key
	// and the queue names are text.
	checkType := func(sheet, cell string, want excelize.CellType) {
		t.Helper()
		got, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		// Excelize reads an untyped cell (a number) as CellTypeUnset.
		if want == excelize.CellTypeNumber && got == excelize.CellTypeUnset {
			got = excelize.CellTypeNumber
		}
		if got != want {
			v, _ := f.GetCellValue(sheet, cell)
			t.Errorf("%s!%s (%q) has type %v, want %v", sheet, cell, v, got, want)
		}
	}
	checkType("Summary", "A2", excelize.CellTypeSharedString) // metric key
	checkType("Summary", "D2", excelize.CellTypeNumber)       // mean
	checkType("Summary", "G2", excelize.CellTypeNumber)       // n
	checkType("Intervals wide", "A2", excelize.CellTypeSharedString)
	checkType("Intervals wide", "D2", excelize.CellTypeNumber)
	checkType("Slots", "D2", excelize.CellTypeNumber)
	v, err := f.GetCellValue("Summary", "D2", excelize.Options{RawCellValue: true})
	if err != nil || v != "1203.4" {
		t.Errorf("Summary!D2 = %q (%v), want the number 1203.4", v, err)
	}
	// A queue named like a number stays text.
	text := reports.CSVTable{Name: "queues.csv", Header: []string{"queue", "mean"}, Rows: [][]string{{"123", "4.500"}, {"x", ""}}}
	b.Reset()
	if err := reports.WriteXLSX(&b, []reports.CSVTable{text}); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if typ, _ := g.GetCellType("Queues", "A2"); typ != excelize.CellTypeSharedString {
		t.Errorf("queue 123 stored as %v, want text", typ)
	}
	if v, _ := g.GetCellValue("Queues", "B3"); v != "" {
		t.Errorf("an undefined mean reads %q, want an empty cell", v)
	}
	// A numeric column with text in it is a programming error, reported.
	bad := reports.CSVTable{Name: "x.csv", Header: []string{"mean"}, Rows: [][]string{{"lots"}}}
	if err := reports.WriteXLSX(&bytes.Buffer{}, []reports.CSVTable{bad}); err == nil {
		t.Error("a numeric column holding text was written")
	}
}

// TestWriteXLSX_tooLarge: a table beyond Excel's 1,048,576 rows is
// refused with what to do instead, and nothing is written.
func TestWriteXLSX_tooLarge(t *testing.T) {
	big := reports.CSVTable{Name: "queue_intervals.csv", Header: []string{"queue"}, Rows: make([][]string, 1<<20)}
	var b bytes.Buffer
	err := reports.WriteXLSX(&b, []reports.CSVTable{{Name: "summary.csv", Header: []string{"metric"}}, big})
	if err == nil || !strings.Contains(err.Error(), "queue_intervals.csv has 1048577 rows") || !strings.Contains(err.Error(), "--csv") {
		t.Errorf("error %v, want the table, its size and --csv", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes", b.Len())
	}
}

func TestCSVTable_SheetName(t *testing.T) {
	for name, want := range map[string]string{
		"summary.csv": "Summary", "queue_intervals.csv": "Queue intervals", "intervals_wide.csv": "Intervals wide",
		".csv": "Sheet", "a_very_long_table_name_beyond_excels_limit.csv": "A very long table name beyond e",
	} {
		if got := (reports.CSVTable{Name: name}).SheetName(); got != want {
			t.Errorf("%s: sheet %q, want %q", name, got, want)
		}
	}
}
