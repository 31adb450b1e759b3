package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/analysis/roster"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// backtestOutput backtests the known centre against three days of its
// own history, another seed, five replications, 4-hour intervals.
func backtestOutput(t *testing.T, data []byte) *reports.BacktestOutput {
	t.Helper()
	s, err := scenarios.LoadFile("../cmd/ccsim/testdata/fit/known.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Seed = 99
	rd := fit.NewReader(fit.ReadOptions{})
	h := fit.NewHistory(rd, 4*time.Hour, 20*time.Second)
	if err := rd.Read("history.jsonl", bytes.NewReader(data), h.Add); err != nil {
		t.Fatal(err)
	}
	from, to, _ := h.Period()
	s.Horizon = model.Duration(to.Sub(s.Start).Milliseconds())
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	reps := make([]*fit.Tallies, 5)
	for r := range reps {
		reps[r] = fit.NewTallies([]string{"Sales"}, from, to, 4*time.Hour, 20*time.Second)
		if _, err := p.Run(context.Background(), sim.Options{Rep: r, Records: reps[r].AddSim}); err != nil {
			t.Fatal(err)
		}
	}
	return &reports.BacktestOutput{Scenario: "known.yaml", From: from, To: to, Interval: 4 * time.Hour, Reps: 5, Level: 0.9, Seed: 99,
		Rows: fit.Backtest(h.Tallies([]string{"Sales"}, from, to), reps, 0.9), Stats: rd.Stats}
}

// rosterCheck is a roster of a week of hours, two agents needed on Monday
// from 08:00 to 17:00, checked: the service level simulated in the open hours,
// one of them (16:00) missing the target of 80 %.
func rosterCheck(t *testing.T) (*roster.CheckResult, reports.RosterMeta) {
	t.Helper()
	tp, err := scenarios.ParseTemplates("t.yaml", []byte(`templates:
  - name: day
    starts: {from: "08:00", to: "09:00", every: 1h}
    length: 8h
    days: [mon]
    breaks:
      - {name: lunch, length: 30m, from: 4h, to: 4h30m}
`))
	if err != nil {
		t.Fatal(err)
	}
	req := roster.Requirement{Start: time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), Interval: model.Hour, Agents: make([]float64, 168)}
	for h := 8; h < 17; h++ {
		req.Agents[h] = 2
	}
	r, err := roster.Solve(req, tp)
	if err != nil {
		t.Fatal(err)
	}
	res := &roster.CheckResult{Roster: r, Evaluations: 2, Added: 1, Missing: []int{16}}
	for h := range 168 {
		var ic roster.IntervalCheck
		if h >= 8 && h < 17 {
			ic = roster.IntervalCheck{Offered: 20, ServiceLevel: analysis.Estimate{Mean: 85 + float64(h%3), HalfWidth: 2, N: 10}, Meets: true}
		}
		if h == 16 {
			ic.ServiceLevel.Mean, ic.Meets = 71.25, false
		}
		res.Intervals = append(res.Intervals, ic)
	}
	return res, reports.RosterMeta{Scenario: "one-day.yaml", Group: "agent", Templates: "t.yaml", Requirement: "Erlang C",
		Target: 0.8, ServiceLevel: 20 * model.Second, Reps: 10, ErlangHours: 24}
}

// pageChart is a chart as a page draws it: its element id, option and
// tooltip formatter with the formatter's unit and digits.
type pageChart struct {
	ID            string
	Option        []byte
	Tooltip, Unit string
	Prec          int
}

// drawCall is a chart drawn by a page's script: draw("id", {option},
// "tooltip", "unit", prec).
var drawCall = regexp.MustCompile(`(?m)^\s*draw\(("[^"]*"), (\{.*\}), ("[^"]*"), ("[^"]*"),\s*(\d+)\s*\);$`)

// pageCharts reads the charts out of a page, in page order.
func pageCharts(t *testing.T, page string) []pageChart {
	t.Helper()
	var out []pageChart
	for _, m := range drawCall.FindAllStringSubmatch(page, -1) {
		var id string
		if err := json.Unmarshal([]byte(m[1]), &id); err != nil {
			t.Fatalf("chart id %s: %v", m[1], err)
		}
		if !json.Valid([]byte(m[2])) {
			t.Fatalf("chart %s: option is not JSON: %.200s", id, m[2])
		}
		c := pageChart{ID: id, Option: []byte(m[2])}
		if err := json.Unmarshal([]byte(m[3]), &c.Tooltip); err != nil {
			t.Fatalf("chart %s: tooltip %s: %v", id, m[3], err)
		}
		if err := json.Unmarshal([]byte(m[4]), &c.Unit); err != nil {
			t.Fatalf("chart %s: unit %s: %v", id, m[4], err)
		}
		c.Prec, _ = strconv.Atoi(m[5])
		out = append(out, c)
	}
	return out
}

// chartOption is what the tests read of a chart's option.
type chartOption struct {
	Title struct {
		Text string `json:"text"`
	} `json:"title"`
	Legend struct {
		Data []string `json:"data"`
	} `json:"legend"`
	DataZoom []struct {
		Type   string `json:"type"`
		Height int    `json:"height"`
		Bottom int    `json:"bottom"`
	} `json:"dataZoom"`
	XAxis []struct {
		Type string `json:"type"`
		Data []any  `json:"data"`
	} `json:"xAxis"`
	YAxis []struct {
		Name string `json:"name"`
		Min  any    `json:"min"`
		Max  any    `json:"max"`
	} `json:"yAxis"`
	Series []struct {
		Name       string `json:"name"`
		Type       string `json:"type"`
		Stack      string `json:"stack"`
		Step       string `json:"step"`
		Color      string `json:"color"`
		YAxisIndex int    `json:"yAxisIndex"`
		Data       []any  `json:"data"`
		LineStyle  struct {
			Type    string   `json:"type"`
			Opacity *float64 `json:"opacity"`
		} `json:"lineStyle"`
		AreaStyle *struct {
			Color string `json:"color"`
		} `json:"areaStyle"`
		Tooltip *struct {
			Show bool `json:"show"`
		} `json:"tooltip"`
		MarkLine *struct {
			Data []struct {
				YAxis float64 `json:"yAxis"`
			} `json:"data"`
			LineStyle struct {
				Type string `json:"type"`
			} `json:"lineStyle"`
		} `json:"markLine"`
	} `json:"series"`
}

// flatArrays matches a JSON array of scalars, indented.
var flatArrays = regexp.MustCompile(`\[[^\[\]{}]*\]`)

// chartsGolden is a page's charts for a golden file: each chart's id, then
// its option indented, arrays of scalars (a series' data, an axis'
// labels) on one line each.
func chartsGolden(t *testing.T, charts []pageChart) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, c := range charts {
		var ind bytes.Buffer
		if err := json.Indent(&ind, c.Option, "", "  "); err != nil {
			t.Fatalf("chart %s: %v", c.ID, err)
		}
		flat := flatArrays.ReplaceAllFunc(ind.Bytes(), func(a []byte) []byte {
			return regexp.MustCompile(`\s*\n\s*`).ReplaceAll(a, nil)
		})
		b.WriteString("chart " + c.ID + ":\n")
		b.Write(flat)
		b.WriteString("\n")
	}
	return b.Bytes()
}

func parseOption(t *testing.T, c pageChart) chartOption {
	t.Helper()
	var o chartOption
	if err := json.Unmarshal(c.Option, &o); err != nil {
		t.Fatalf("chart %s: %v", c.ID, err)
	}
	return o
}

// seriesNames are the names and types of a chart's series, "name:type".
func seriesNames(o chartOption) string {
	var s []string
	for _, x := range o.Series {
		s = append(s, x.Name+":"+x.Type)
	}
	return strings.Join(s, ", ")
}

// value is a data point of a series as a number, NaN for ECharts' "no
// value" ("-" or null).
func value(x any) float64 {
	if f, ok := x.(float64); ok {
		return f
	}
	return math.NaN()
}

// checkChartPage checks what every chart page has: the page the same for
// the same input, ECharts inlined and nothing loaded, the script elements
// only the library's and the page's, the footer.
func checkChartPage(t *testing.T, render func() string) string {
	t.Helper()
	page := checkSelfContained(t, render)
	for _, want := range []string{"Content-Security-Policy", `<figure class="card chart wide">`, "<figcaption>",
		"Made by ccsim. Charts drawn with Apache ECharts " + reports.EChartsVersion} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	checkScripts(t, page)
	return page
}

// TestWriteBacktestHTML: one chart per queue and metric, each the
// prediction band (a hidden lower edge and the band's width stacked on
// it), the simulated mean dashed, the actual values and the intervals
// outside the band; its caption counts them.
func TestWriteBacktestHTML(t *testing.T) {
	o := backtestOutput(t, fitHistory(t))
	page := checkChartPage(t, func() string {
		var b bytes.Buffer
		if err := reports.WriteBacktestHTML(&b, o); err != nil {
			t.Fatal(err)
		}
		return b.String()
	})
	for _, want := range []string{"<title>ccsim backtest: known.yaml</title>", "<h1>ccsim backtest: known.yaml</h1>",
		"Scenario known.yaml simulated 5 times over the history"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	type key struct{ q, m string }
	rows := map[key][]fit.BacktestRow{}
	var order []key
	for _, r := range o.Rows {
		k := key{r.Queue, r.Metric}
		if rows[k] == nil {
			order = append(order, k)
		}
		rows[k] = append(rows[k], r)
	}
	charts := pageCharts(t, page)
	golden(t, "backtest_html.golden", chartsGolden(t, charts))
	if len(charts) != len(order) || len(charts) != len(fit.BacktestMetrics) {
		t.Fatalf("%d charts, want one per queue and metric: %d", len(charts), len(order))
	}
	for i, c := range charts {
		k, opt := order[i], parseOption(t, c)
		if want := k.q + ": " + k.m; opt.Title.Text != want {
			t.Errorf("chart %s: title %q, want %q", c.ID, opt.Title.Text, want)
		}
		if got, want := seriesNames(opt), "band-low:line, prediction interval:line, simulated mean:line, actual:line, outside:scatter"; got != want {
			t.Fatalf("chart %s: series %s, want %s", c.ID, got, want)
		}
		if got, want := strings.Join(opt.Legend.Data, ", "), "actual, simulated mean, prediction interval, outside"; got != want {
			t.Errorf("chart %s: legend %s, want %s", c.ID, got, want)
		}
		rs := rows[k]
		if len(opt.XAxis) != 1 || len(opt.XAxis[0].Data) != len(rs) {
			t.Fatalf("chart %s: x axis %+v, want %d intervals", c.ID, opt.XAxis, len(rs))
		}
		low, band, mean, actual, out := opt.Series[0], opt.Series[1], opt.Series[2], opt.Series[3], opt.Series[4]
		if low.Stack != "pi" || band.Stack != "pi" || low.LineStyle.Opacity == nil || *low.LineStyle.Opacity != 0 || band.AreaStyle == nil ||
			band.AreaStyle.Color != "#9ecae1" || mean.LineStyle.Type != "dashed" || out.Color != "#d62728" {
			t.Errorf("chart %s: the band is not stacked and shaded, its lower edge not hidden, or the mean not dashed: %s", c.ID, c.Option)
		}
		// The band's tooltip reads the lower edge and the width as one
		// line, "prediction interval: lo to hi", in the metric's unit.
		wantUnit := map[string]string{fit.MSL: "%", fit.MASA: "s"}[k.m]
		if c.Tooltip != "band" || c.Unit != wantUnit || c.Prec != 1 {
			t.Errorf("chart %s: tooltip %q in %q to %d digits, want band in %q to 1", c.ID, c.Tooltip, c.Unit, c.Prec, wantUnit)
		}
		if len(opt.DataZoom) != 1 || opt.DataZoom[0].Type != "slider" || opt.DataZoom[0].Height != 18 || opt.DataZoom[0].Bottom != 8 {
			t.Errorf("chart %s: data zoom %+v, want a slider 18 high, 8 from the bottom", c.ID, opt.DataZoom)
		}
		flagged := 0
		for j, r := range rs {
			if len(low.Data) != len(rs) || len(band.Data) != len(rs) || len(mean.Data) != len(rs) || len(actual.Data) != len(rs) || len(out.Data) != len(rs) {
				t.Fatalf("chart %s: series of %d, %d, %d, %d, %d points, want %d", c.ID, len(low.Data), len(band.Data), len(mean.Data), len(actual.Data), len(out.Data), len(rs))
			}
			same := func(what string, got any, want float64) {
				if g := value(got); !(math.Abs(g-want) < 1e-3 || math.IsNaN(g) && math.IsNaN(want)) {
					t.Errorf("chart %s, interval %d: %s %v, want %.3f", c.ID, j, what, got, want)
				}
			}
			same("band-low", low.Data[j], r.Lo)
			same("band", band.Data[j], r.Hi-r.Lo)
			same("mean", mean.Data[j], r.Mean)
			same("actual", actual.Data[j], r.Actual)
			if r.Outside {
				flagged++
				same("outside", out.Data[j], r.Actual)
			} else {
				same("outside", out.Data[j], math.NaN())
			}
		}
		caption := regexp.MustCompile(`(?s)id="` + c.ID + `".*?<figcaption>(.*?)</figcaption>`).FindStringSubmatch(page)
		want := strings.Join([]string{strconv.Itoa(len(rs)), "intervals,", strconv.Itoa(flagged), "outside the 66.7 % prediction interval (red)."}, " ")
		if caption == nil || caption[1] != want {
			t.Errorf("chart %s: caption %q, want %q", c.ID, caption, want)
		}
	}
}

// TestWriteFitHTML: each fitted distribution against its data (the
// histogram and the fitted counts, or for patience, censored, the
// Kaplan-Meier survival with its band and the fitted survival), and the
// arrivals and staffing per interval.
func TestWriteFitHTML(t *testing.T) {
	o := fitOutput(t, fitHistory(t))
	page := checkChartPage(t, func() string {
		var b bytes.Buffer
		if err := reports.WriteFitHTML(&b, o); err != nil {
			t.Fatal(err)
		}
		return b.String()
	})
	for _, want := range []string{"<title>ccsim fit</title>", "<h1>ccsim fit</h1>", "The estimates with their confidence intervals are in fit-report.txt"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	charts := pageCharts(t, page)
	golden(t, "fit_html.golden", chartsGolden(t, charts))
	var got []string
	for _, c := range charts {
		opt := parseOption(t, c)
		got = append(got, opt.Title.Text+" = "+seriesNames(opt))
		for _, s := range opt.Series {
			if len(s.Data) == 0 {
				t.Errorf("chart %s: series %s has no data", c.ID, s.Name)
			}
		}
		switch {
		case strings.HasSuffix(opt.Title.Text, "patience"):
			if len(opt.YAxis) != 1 || opt.YAxis[0].Name != "still waiting" || opt.YAxis[0].Min != 0.0 || opt.YAxis[0].Max != 1.0 ||
				opt.Series[0].Step != "end" || opt.Series[1].LineStyle.Type != "dotted" {
				t.Errorf("chart %s: not a survival chart: %s", c.ID, c.Option)
			}
		case strings.HasSuffix(opt.Title.Text, "arrivals per interval"):
			ty := o.Res.Types[0]
			if len(opt.XAxis[0].Data) != len(ty.Arrivals) || len(opt.Series[0].Data) != len(ty.Arrivals) || opt.Series[1].YAxisIndex != 1 ||
				len(opt.YAxis) != 2 || len(opt.DataZoom) != 1 {
				t.Errorf("chart %s: %d labels, %d arrivals, want %d; staffing on the right axis, a data zoom: %s", c.ID,
					len(opt.XAxis[0].Data), len(opt.Series[0].Data), len(ty.Arrivals), c.Option)
			}
			for i, r := range ty.Arrivals {
				if v := value(opt.Series[0].Data[i]); math.Abs(v-r.Value) > 0.005 {
					t.Errorf("chart %s: interval %d offered %v, want %.2f", c.ID, i, v, r.Value)
				}
			}
		default: // a histogram: the bins' counts, observed
			var n float64
			for _, v := range opt.Series[0].Data {
				n += value(v)
			}
			if opt.XAxis[0].Type != "category" || len(opt.XAxis[0].Data) != len(opt.Series[0].Data) || n < 30 {
				t.Errorf("chart %s: %d bins, %d labels, %.0f observations: %s", c.ID, len(opt.Series[0].Data), len(opt.XAxis[0].Data), n, c.Option)
			}
		}
	}
	want := []string{
		"Sales: talk = observed:bar, fitted lognormal:line",
		"Sales: after-contact work = observed:bar, fitted gamma:line",
		"Sales: patience = Kaplan-Meier:line, 95 % band:line, 95 % band:line, fitted lognormal:line",
		"Sales: arrivals per interval = offered:line, agents seen (lower bound):line",
		"SalesCallback: callback ring time = observed:bar, fitted lognormal:line",
		"SalesCallback: callback talk = observed:bar, fitted lognormal:line",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("charts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWriteRosterHTML: the agents on duty as bars against the requirement,
// the simulated service level on the right axis with the target dashed.
func TestWriteRosterHTML(t *testing.T) {
	res, meta := rosterCheck(t)
	page := checkChartPage(t, func() string {
		var b bytes.Buffer
		if err := reports.WriteRosterHTML(&b, res, meta); err != nil {
			t.Fatal(err)
		}
		return b.String()
	})
	for _, want := range []string{"<title>ccsim roster: one-day.yaml</title>", "Roster of agent group agent in one-day.yaml from templates t.yaml",
		"1 intervals still miss the target.", "line: the requirement (Erlang C)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	charts := pageCharts(t, page)
	golden(t, "roster_html.golden", chartsGolden(t, charts))
	if len(charts) != 1 || charts[0].ID != "cover" {
		t.Fatalf("charts %+v, want one: cover", charts)
	}
	opt := parseOption(t, charts[0])
	if got, want := seriesNames(opt), "on duty:bar, required:line, service level %:line"; got != want {
		t.Fatalf("series %s, want %s", got, want)
	}
	if opt.Title.Text != "Agents on duty against the requirement" || len(opt.YAxis) != 2 || opt.YAxis[1].Name != "SL %" ||
		opt.YAxis[1].Max != 100.0 || len(opt.DataZoom) != 1 {
		t.Errorf("title, axes or zoom: %s", charts[0].Option)
	}
	cover, req, sl := opt.Series[0], opt.Series[1], opt.Series[2]
	r := res.Roster
	if len(opt.XAxis[0].Data) != 168 || len(cover.Data) != 168 || len(req.Data) != 168 || len(sl.Data) != 168 {
		t.Fatalf("%d labels, series of %d, %d, %d points; want 168", len(opt.XAxis[0].Data), len(cover.Data), len(req.Data), len(sl.Data))
	}
	for i := range 168 {
		wantSL := math.NaN()
		if res.Intervals[i].Offered > 0 {
			wantSL = math.Round(10*res.Intervals[i].ServiceLevel.Mean) / 10 // one decimal
		}
		if value(cover.Data[i]) != math.Round(100*r.Cover[i])/100 || value(req.Data[i]) != r.Req.Agents[i] ||
			!(value(sl.Data[i]) == wantSL || math.IsNaN(wantSL) && math.IsNaN(value(sl.Data[i]))) {
			t.Errorf("interval %d: on duty %v, required %v, SL %v; want %.2f, %v, %v", i, cover.Data[i], req.Data[i], sl.Data[i],
				r.Cover[i], r.Req.Agents[i], wantSL)
		}
	}
	if sl.YAxisIndex != 1 || sl.MarkLine == nil || len(sl.MarkLine.Data) != 1 || sl.MarkLine.Data[0].YAxis != 80 ||
		sl.MarkLine.LineStyle.Type != "dashed" || req.Step != "middle" {
		t.Errorf("service level not on the right axis with the target dashed at 80, or the requirement not a step: %s", charts[0].Option)
	}
}

// TestChartPages_escapeNames: the names a user gives (a scenario's and
// its queues', a file's) show as text on the backtest and roster pages and
// run nothing: HTML-escaped in the page, JSON-escaped in the options.
func TestChartPages_escapeNames(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	at := time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)
	bt := &reports.BacktestOutput{Scenario: "x" + evil, From: at, To: at.Add(2 * time.Hour), Interval: time.Hour, Reps: 5, Level: 0.9,
		Rows: []fit.BacktestRow{
			{Queue: evil, Start: at, Metric: fit.MOffered, Actual: 5, Mean: 5, Lo: 4, Hi: 6, Reps: 5},
			{Queue: evil, Start: at.Add(time.Hour), Metric: fit.MOffered, Actual: 9, Mean: 5, Lo: 4, Hi: 6, Outside: true, Reps: 5},
		}}
	res, meta := rosterCheck(t)
	meta.Scenario, meta.Requirement, meta.Templates = evil, evil, evil
	for name, write := range map[string]func(*bytes.Buffer) error{
		"backtest": func(b *bytes.Buffer) error { return reports.WriteBacktestHTML(b, bt) },
		"roster":   func(b *bytes.Buffer) error { return reports.WriteRosterHTML(b, res, meta) },
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			checkScripts(t, page)
			if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("the name is not on the page as escaped text")
			}
			for _, c := range pageCharts(t, page) {
				if bytes.ContainsAny(c.Option, "<>") {
					t.Errorf("chart %s: option has a raw < or >: %s", c.ID, c.Option)
				}
			}
		})
	}
	var b bytes.Buffer
	if err := reports.WriteBacktestHTML(&b, bt); err != nil {
		t.Fatal(err)
	}
	charts := pageCharts(t, b.String())
	if len(charts) != 1 {
		t.Fatalf("%d charts, want 1", len(charts))
	}
	if got := parseOption(t, charts[0]).Title.Text; got != evil+": "+fit.MOffered {
		t.Errorf("title %q, want the queue's name as it is", got)
	}
}
