package reports_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// fitHistory simulates three days of the round trip's known centre and
// returns its records as JSON lines.
func fitHistory(t *testing.T) []byte {
	t.Helper()
	s, err := scenarios.LoadFile("../cmd/ccsim/testdata/fit/known.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Horizon = 3 * model.Day
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := reports.NewRecordWriter(&buf)
	if _, err := p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) { _ = w.Write(r) }}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fitOutput(t *testing.T, data []byte) *reports.FitOutput {
	t.Helper()
	rd := fit.NewReader(fit.ReadOptions{})
	ft := fit.NewFitter(rd, fit.Options{Interval: time.Hour})
	if err := rd.Read("history.jsonl", bytes.NewReader(data), ft.Add); err != nil {
		t.Fatal(err)
	}
	res, err := ft.Finish()
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, _, forecasts := reports.FitFileNames(res)
	return &reports.FitOutput{Res: res, Stats: rd.Stats, Sources: []string{"history.jsonl"}, Forecasts: forecasts}
}

// TestFit_golden pins the fit's scenario and report on three days of the
// known centre, and checks that they are the same, byte for byte, when
// fitted again.
func TestFit_golden(t *testing.T) {
	data := fitHistory(t)
	render := func() (scenario, report []byte) {
		o := fitOutput(t, data)
		var s, r bytes.Buffer
		if err := reports.WriteFitScenario(&s, o); err != nil {
			t.Fatal(err)
		}
		if err := reports.WriteFitReport(&r, reports.FormatTable, o, false); err != nil {
			t.Fatal(err)
		}
		return s.Bytes(), r.Bytes()
	}
	s1, r1 := render()
	s2, r2 := render()
	if !bytes.Equal(s1, s2) || !bytes.Equal(r1, r2) {
		t.Error("fitting the same records twice gave different output")
	}
	golden(t, "fit_scenario.golden", s1)
	golden(t, "fit_report.golden", r1)
}

// TestBacktest_golden pins the backtest table and CSV of the known centre
// against three days of its own history, another seed.
func TestBacktest_golden(t *testing.T) {
	o := backtestOutput(t, fitHistory(t))
	var table, csv bytes.Buffer
	if err := reports.WriteBacktest(&table, reports.FormatTable, o, 5); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteBacktestCSV(&csv, o); err != nil {
		t.Fatal(err)
	}
	golden(t, "backtest_table.golden", table.Bytes())
	golden(t, "backtest.csv.golden", csv.Bytes())
}

// TestBacktest_localTime: a backtest of a scenario in a named zone reads in
// that zone, as every other table does: the header says so, and the CSV's
// interval starts carry the local offset (unambiguous on the fall-back
// night), the same instants as the UTC records.
func TestBacktest_localTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC) // 02:30 CEST, then 02:30 CET an hour later
	rows := []fit.BacktestRow{
		{Queue: "Sales", Start: at.In(berlin), Metric: fit.MOffered, Actual: 5, Mean: 5, Lo: 4, Hi: 6, Reps: 5},
		{Queue: "Sales", Start: at.Add(time.Hour).In(berlin), Metric: fit.MOffered, Actual: 9, Mean: 5, Lo: 4, Hi: 6, Outside: true, Reps: 5},
	}
	o := &reports.BacktestOutput{Scenario: "berlin.yaml", From: at.In(berlin), To: at.Add(2 * time.Hour).In(berlin), Interval: time.Hour, Reps: 5, Level: 0.9, Rows: rows}
	var table, csv bytes.Buffer
	if err := reports.WriteBacktest(&table, reports.FormatTable, o, 5); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteBacktestCSV(&csv, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"History 2024-10-27 02:30 to 2024-10-27 03:30 (local time, Europe/Berlin)", "Sun 2024-10-27 02:30"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table does not say %q:\n%s", want, table.String())
		}
	}
	for _, want := range []string{"Sales,2024-10-27T02:30:00+02:00,offered", "Sales,2024-10-27T02:30:00+01:00,offered"} {
		if !strings.Contains(csv.String(), want) {
			t.Errorf("CSV has no %q:\n%s", want, csv.String())
		}
	}
}

// TestFit_zoneGolden pins the scenario, report (arrivals table included)
// and forecast of the same three days fitted with a time zone: the
// scenario carries time_zone and starts on the local Monday, the rows
// and the table are local, and the table counts occurrences.
func TestFit_zoneGolden(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	data := fitHistory(t)
	rd := fit.NewReader(fit.ReadOptions{})
	ft := fit.NewFitter(rd, fit.Options{Interval: time.Hour, Location: berlin})
	if err := rd.Read("history.jsonl", bytes.NewReader(data), ft.Add); err != nil {
		t.Fatal(err)
	}
	res, err := ft.Finish()
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, _, forecasts := reports.FitFileNames(res)
	o := &reports.FitOutput{Res: res, Stats: rd.Stats, Sources: []string{"history.jsonl"}, Forecasts: forecasts}
	var s, r, f bytes.Buffer
	if err := reports.WriteFitScenario(&s, o); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteFitReport(&r, reports.FormatTable, o, true); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteFitForecast(&f, res.Types[0]); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"start: 2024-06-03T00:00:00+02:00\ntime_zone: \"Europe/Berlin\""} {
		if !strings.Contains(s.String(), want) {
			t.Errorf("scenario lacks %q:\n%s", want, s.String())
		}
	}
	if !strings.HasPrefix(f.String(), "interval_start,offered\n2024-06-03 00:00,") {
		t.Errorf("forecast does not start at the local Monday:\n%.200s", f.String())
	}
	golden(t, "fit_scenario_zone.golden", s.Bytes())
	golden(t, "fit_report_zone.golden", r.Bytes())
}

// TestWriteFitForecast_offsets: a row whose local time happens twice is
// written with its offset, the others as local wall-clock times.
func TestWriteFitForecast_offsets(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 10, 27, 0, 0, 0, 0, time.UTC) // 02:00 CEST
	ty := &fit.TypeFit{Arrivals: []fit.PlanRow{
		{Start: at.Add(-time.Hour).In(berlin), Value: 1},
		{Start: at.In(berlin), Value: 2, Offset: true},
		{Start: at.Add(time.Hour).In(berlin), Value: 3, Offset: true},
		{Start: at.Add(2 * time.Hour).In(berlin), Value: 4},
	}}
	var b bytes.Buffer
	if err := reports.WriteFitForecast(&b, ty); err != nil {
		t.Fatal(err)
	}
	want := "interval_start,offered\n2024-10-27 01:00,1\n2024-10-27T02:00:00+02:00,2\n2024-10-27T02:00:00+01:00,3\n2024-10-27 03:00,4\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
