package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// WriteBacktestHTML writes one chart per queue and metric: the actual
// values, the simulation's mean and its prediction band, the flagged
// intervals marked.
func WriteBacktestHTML(w io.Writer, o *BacktestOutput) error {
	type key struct{ q, m string }
	byKey := map[key][]fit.BacktestRow{}
	var order []key
	for _, r := range o.Rows {
		k := key{r.Queue, r.Metric}
		if byKey[k] == nil {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], r)
	}
	coverage := 100 * fit.Coverage(o.Reps, fit.PIRank(o.Reps, o.Level))
	var specs []*chartSpec
	for i, k := range order {
		rows := byKey[k]
		var x []string
		var lo, band, mean, actual, out []any
		flagged := 0
		for _, r := range rows {
			x = append(x, r.Start.Format("Mon 01-02 15:04"))
			lo = append(lo, num(r.Lo, 3))
			band = append(band, num(r.Hi-r.Lo, 3))
			mean = append(mean, num(r.Mean, 3))
			actual = append(actual, num(r.Actual, 3))
			if r.Outside {
				out = append(out, num(r.Actual, 3))
				flagged++
			} else {
				out = append(out, "-")
			}
		}
		id := "backtest_" + strconv.Itoa(i+1)
		c := charts.NewLine()
		c.SetGlobalOptions(global(id, fmt.Sprintf("%s: %s", k.q, k.m), wideHeight)...)
		c.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: backtestUnits[k.m]}),
			sliderZoom, zoomGrid,
		)
		c.SetXAxis(x)
		// The band is its lower edge, hidden, and its width stacked on
		// it and shaded; the band tooltip reads them as one line.
		c.MultiSeries = append(c.MultiSeries, bandSeries(bandLowEdge, bandPI, "pi", lo, band, colourPIBand, 0.6)...)
		c.MultiSeries = append(c.MultiSeries,
			series("simulated mean", "line", mean, colour(colourMean), dashed(), lineWidth(1)),
			series("actual", "line", actual, colour(colourActual), withSymbols(3)),
			series("outside", "scatter", out, colour(colourOutside), withSymbols(8)),
		)
		c.Legend.Data = []string{"actual", "simulated mean", bandPI, "outside"}
		specs = append(specs, &chartSpec{c: c, id: id, wide: true, height: wideHeight, tooltip: "band", unit: backtestTipUnits[k.m], prec: 1,
			caption: fmt.Sprintf("%d intervals, %d outside the %.1f %% prediction interval (red).", len(rows), flagged, coverage)})
	}
	intro := []string{
		fmt.Sprintf("Scenario %s simulated %d times over the history %s to %s; each chart sets what happened (black) beside the simulation's mean (dashed) and prediction interval (blue band: the spread of the replications, where one more run of the period falls with probability %.1f %%).",
			o.Scenario, o.Reps, o.From.Format("2006-01-02 15:04"), o.To.Format("2006-01-02 15:04"), coverage),
	}
	return writeChartPage(w, "ccsim backtest: "+o.Scenario, intro, specs)
}

// backtestTipUnits is the unit a backtest chart's tooltip writes after
// each value: a percentage, seconds, or none for counts of contacts.
var backtestTipUnits = map[string]string{fit.MSL: "%", fit.MASA: "s"}

// withSymbols draws a line's points, or a scatter's, as ECharts' default
// symbol of the given size.
func withSymbols(size int) seriesOpt {
	return func(s *charts.SingleSeries) {
		s.Symbol, s.ShowSymbol, s.SymbolSize = "", nil, size
	}
}

// distChart draws a fitted distribution against its data: the histogram
// and the chosen family's expected counts per bin, or, for censored
// data, the Kaplan-Meier survival and the fitted one.
func distChart(id, title string, d *fit.DistFit) (*chartSpec, bool) {
	c := d.Chosen()
	if c == nil || len(d.Bins) == 0 || c.Family == fit.Deterministic {
		return nil, false
	}
	fitted := "fitted " + c.Family
	if len(d.KM) > 0 {
		var km, kmLo, kmHi, surv []any
		step := max(1, len(d.KM)/400)
		for i, p := range d.KM {
			if i%step != 0 && i != len(d.KM)-1 {
				continue
			}
			km = append(km, [2]any{p.T, num(p.S, 4)})
			kmLo = append(kmLo, [2]any{p.T, num(p.Lo, 4)})
			kmHi = append(kmHi, [2]any{p.T, num(p.Hi, 4)})
			surv = append(surv, [2]any{p.T, num(1-c.CDF(p.T+0.5), 4)})
		}
		ch := charts.NewLine()
		ch.SetGlobalOptions(global(id, title, wideHeight)...)
		ch.SetGlobalOptions(
			charts.WithXAxisOpts(nameBelow(opts.XAxis{Type: "value", Name: "wait (s)"})),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "still waiting", Min: 0, Max: 1}),
			namedXGrid,
		)
		stepped := func(s *charts.SingleSeries) { s.Step = "end" }
		dotted := func(s *charts.SingleSeries) { s.LineStyle.Type = "dotted" }
		ch.MultiSeries = append(ch.MultiSeries,
			series("Kaplan-Meier", "line", km, stepped, colour(colourActual)),
			series("95 % band", "line", kmLo, stepped, colour(colourKMBand), dotted),
			series("95 % band", "line", kmHi, stepped, colour(colourKMBand), dotted),
			series(fitted, "line", surv, colour(colourOutside)),
		)
		ch.Legend.Data = []string{"Kaplan-Meier", "95 % band", fitted}
		return &chartSpec{c: ch, id: id, wide: true, height: wideHeight,
			caption: fmt.Sprintf("%d abandoned, %d censored (answered or took a callback). Kaplan-Meier survival with its Greenwood band, and the fitted %s (KS %.3f).", d.N, d.Censored, c.Family, c.KS)}, true
	}
	var x []string
	var obs, exp []any
	for _, b := range d.Bins {
		x = append(x, fmt.Sprintf("%g-%g", b.Lo, b.Hi))
		obs = append(obs, b.N)
		p := c.CDF(b.Hi-0.5) - c.CDF(math.Max(b.Lo-0.5, 0))
		exp = append(exp, num(p*float64(d.N), 1))
	}
	ch := charts.NewBar()
	ch.SetGlobalOptions(global(id, title, wideHeight)...)
	ch.SetGlobalOptions(
		charts.WithXAxisOpts(nameBelow(opts.XAxis{Type: "category", Name: "s"})),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "contacts"}),
		namedXGrid,
	)
	ch.SetXAxis(x)
	ch.MultiSeries = append(ch.MultiSeries,
		series("observed", "bar", obs, colour(colourPIBand), func(s *charts.SingleSeries) { s.BarCategoryGap = "5%" }),
		series(fitted, "line", exp, colour(colourOutside)),
	)
	ch.Legend.Data = []string{"observed", fitted}
	return &chartSpec{c: ch, id: id, wide: true, height: wideHeight,
		caption: fmt.Sprintf("%d observations in seconds; bars the data, the line the fitted %s's expected count per bin (KS %.3f). The last bin holds everything above the 99th percentile.", d.N, c.Family, c.KS)}, true
}

// arrivalsChart is a contact type's forecast per interval, with the
// staffing on the right axis.
func arrivalsChart(id string, res *fit.Result, t *fit.TypeFit) *chartSpec {
	var x []string
	var a, st []any
	for i, r := range t.Arrivals {
		if res.Dated {
			x = append(x, r.Start.Format("Mon 01-02 15:04"))
		} else {
			x = append(x, r.Start.Format("Mon 15:04"))
		}
		a = append(a, num(r.Value, 2))
		if i < len(res.Staffing) {
			st = append(st, num(res.Staffing[i].Value, 6))
		}
	}
	staffName := "agents (staffing file)"
	if res.LowerBound {
		staffName = "agents seen (lower bound)"
	}
	c := charts.NewLine()
	c.SetGlobalOptions(global(id, t.Queue+": arrivals per interval", wideHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "contacts"}),
		sliderZoom, zoomGrid,
	)
	c.ExtendYAxis(opts.YAxis{Type: "value", Name: "agents"})
	c.SetXAxis(x)
	c.MultiSeries = append(c.MultiSeries,
		series("offered", "line", a, colour(colourActual)),
		series(staffName, "line", st, colour(colourMean), rightAxis(), func(s *charts.SingleSeries) { s.Step = "end" }),
	)
	c.Legend.Data = []string{"offered", staffName}
	return &chartSpec{c: c, id: id, wide: true, height: wideHeight,
		caption: "The forecast the scenario gets (the mean over the weeks of the history, or dated with --dated) and the staffing plan."}
}

// WriteFitHTML writes the fit's charts: each fitted distribution against
// its data, and the arrivals and staffing per interval.
func WriteFitHTML(w io.Writer, o *FitOutput) error {
	res := o.Res
	var specs []*chartSpec
	nextID := func() string { return "fit_" + strconv.Itoa(len(specs)+1) }
	add := func(title string, d *fit.DistFit) {
		if d == nil {
			return
		}
		if c, ok := distChart(nextID(), title, d); ok {
			specs = append(specs, c)
		}
	}
	for _, t := range res.Types {
		add(t.Queue+": talk", t.Talk)
		add(t.Queue+": after-contact work", t.ACW)
		add(t.Queue+": patience", t.Patience)
		specs = append(specs, arrivalsChart(nextID(), res, t))
	}
	for _, c := range res.Callbacks {
		add(c.Queue+": callback ring time", c.Ring)
		add(c.Queue+": callback talk", c.Talk)
	}
	intro := []string{fmt.Sprintf("Fitted from %d contact records, %s to %s. The estimates with their confidence intervals are in fit-report.txt; the scenario in scenario.yaml.",
		o.Stats.Records-o.Stats.Duplicates-o.Stats.Bad, res.From.Format("2006-01-02 15:04"), res.To.Format("2006-01-02 15:04"))}
	if res.TimeZone != "" {
		intro = append(intro, "Times are local in "+res.TimeZone+" (the history above in UTC): the week is folded by local wall-clock slot.")
	}
	return writeChartPage(w, "ccsim fit", intro, specs)
}
