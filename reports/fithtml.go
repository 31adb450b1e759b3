package reports

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"

	"github.com/ccsim/ccsim/analysis/fit"
)

// A small self-contained page for the fit and backtest charts: ECharts
// inlined as in the run report, each chart an option object written as
// JSON. It is kept apart from the run report's page so that the two can
// change independently.

type simpleChart struct {
	ID      string
	Title   string
	Caption string
	Option  template.JS
}

var simplePage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.4em} h2{font-size:1.1em;margin-top:1.6em} p{line-height:1.4}
.chart{width:100%;height:340px} .cap{color:#555;font-size:.9em}
</style>
<script>{{.ECharts}}</script></head><body>
<h1>{{.Title}}</h1>
{{range .Intro}}<p>{{.}}</p>{{end}}
{{range .Charts}}<h2>{{.Title}}</h2><div class="chart" id="{{.ID}}"></div><p class="cap">{{.Caption}}</p>
<script>echarts.init(document.getElementById("{{.ID}}")).setOption({{.Option}});</script>
{{end}}
<p class="cap">Charts drawn with Apache ECharts {{.Version}}, inlined: this page needs no network.</p>
</body></html>
`))

func writeSimplePage(w io.Writer, title string, intro []string, charts []simpleChart) error {
	js, err := EChartsJS()
	if err != nil {
		return err
	}
	return simplePage.Execute(w, struct {
		Title, Version string
		Intro          []string
		Charts         []simpleChart
		ECharts        template.JS
	}{title, EChartsVersion, intro, charts, template.JS(js)})
}

func optionJS(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

type jm = map[string]any

func nullable(x float64, prec int) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return round(x, prec)
}

// WriteBacktestHTML writes one chart per queue and metric: the actual
// values, the simulation's mean and its prediction band, the flagged
// intervals marked.
func WriteBacktestHTML(w io.Writer, o *BacktestOutput) error {
	type key struct{ q, m string }
	series := map[key][]fit.BacktestRow{}
	var order []key
	for _, r := range o.Rows {
		k := key{r.Queue, r.Metric}
		if series[k] == nil {
			order = append(order, k)
		}
		series[k] = append(series[k], r)
	}
	var charts []simpleChart
	for i, k := range order {
		rows := series[k]
		var x, lo, band, mean, actual, out []any
		flagged := 0
		for _, r := range rows {
			x = append(x, r.Start.Format("Mon 01-02 15:04"))
			lo = append(lo, nullable(r.Lo, 3))
			band = append(band, nullable(r.Hi-r.Lo, 3))
			mean = append(mean, nullable(r.Mean, 3))
			actual = append(actual, nullable(r.Actual, 3))
			if r.Outside {
				out = append(out, nullable(r.Actual, 3))
				flagged++
			} else {
				out = append(out, nil)
			}
		}
		opt := jm{
			"animation": false,
			"tooltip":   jm{"trigger": "axis"},
			"legend":    jm{"data": []string{"actual", "simulated mean", "prediction interval", "outside"}},
			"grid":      jm{"left": 60, "right": 20, "top": 40, "bottom": 60},
			"dataZoom":  []jm{{"type": "slider", "height": 18, "bottom": 8}},
			"xAxis":     jm{"type": "category", "data": x},
			"yAxis":     jm{"type": "value", "name": backtestUnits[k.m]},
			"series": []jm{
				{"name": "band-low", "type": "line", "data": lo, "stack": "pi", "symbol": "none", "lineStyle": jm{"opacity": 0}, "tooltip": jm{"show": false}},
				{"name": "prediction interval", "type": "line", "data": band, "stack": "pi", "symbol": "none", "lineStyle": jm{"opacity": 0}, "areaStyle": jm{"color": "#9ecae1", "opacity": 0.6}, "color": "#9ecae1"},
				{"name": "simulated mean", "type": "line", "data": mean, "symbol": "none", "lineStyle": jm{"type": "dashed", "width": 1}, "color": "#3182bd"},
				{"name": "actual", "type": "line", "data": actual, "symbolSize": 3, "color": "#222"},
				{"name": "outside", "type": "scatter", "data": out, "symbolSize": 8, "color": "#d62728"},
			},
		}
		js, err := optionJS(opt)
		if err != nil {
			return err
		}
		charts = append(charts, simpleChart{
			ID: fmt.Sprintf("c%d", i), Title: fmt.Sprintf("%s: %s", k.q, k.m),
			Caption: fmt.Sprintf("%d intervals, %d outside the %.1f %% prediction interval (red).", len(rows), flagged, 100*fit.Coverage(o.Reps, fit.PIRank(o.Reps, o.Level))),
			Option:  js,
		})
	}
	intro := []string{
		fmt.Sprintf("Scenario %s simulated %d times over the history %s to %s; each chart sets what happened (black) beside the simulation's mean (dashed) and prediction interval (blue band: the spread of the replications, where one more run of the period falls with probability %.1f %%).",
			o.Scenario, o.Reps, o.From.Format("2006-01-02 15:04"), o.To.Format("2006-01-02 15:04"), 100*fit.Coverage(o.Reps, fit.PIRank(o.Reps, o.Level))),
	}
	return writeSimplePage(w, "ccsim backtest: "+o.Scenario, intro, charts)
}

// distChart draws a fitted distribution against its data: the histogram
// and the chosen family's expected counts per bin, or, for censored
// data, the Kaplan-Meier survival and the fitted one.
func distChart(id, title string, d *fit.DistFit) (simpleChart, bool) {
	c := d.Chosen()
	if c == nil || len(d.Bins) == 0 || c.Family == fit.Deterministic {
		return simpleChart{}, false
	}
	var opt jm
	var caption string
	if len(d.KM) > 0 {
		var km, kmLo, kmHi, fitted [][2]any
		step := max(1, len(d.KM)/400)
		for i, p := range d.KM {
			if i%step != 0 && i != len(d.KM)-1 {
				continue
			}
			km = append(km, [2]any{p.T, round(p.S, 4)})
			kmLo = append(kmLo, [2]any{p.T, round(p.Lo, 4)})
			kmHi = append(kmHi, [2]any{p.T, round(p.Hi, 4)})
			fitted = append(fitted, [2]any{p.T, round(1-c.CDF(p.T+0.5), 4)})
		}
		opt = jm{
			"animation": false, "tooltip": jm{"trigger": "axis"},
			"legend": jm{"data": []string{"Kaplan-Meier", "95 % band", "fitted " + c.Family}},
			"grid":   jm{"left": 60, "right": 20, "top": 40, "bottom": 40},
			"xAxis":  jm{"type": "value", "name": "wait (s)"}, "yAxis": jm{"type": "value", "name": "still waiting", "min": 0, "max": 1},
			"series": []jm{
				{"name": "Kaplan-Meier", "type": "line", "step": "end", "data": km, "symbol": "none", "color": "#222"},
				{"name": "95 % band", "type": "line", "step": "end", "data": kmLo, "symbol": "none", "lineStyle": jm{"type": "dotted"}, "color": "#777"},
				{"name": "95 % band", "type": "line", "step": "end", "data": kmHi, "symbol": "none", "lineStyle": jm{"type": "dotted"}, "color": "#777"},
				{"name": "fitted " + c.Family, "type": "line", "data": fitted, "symbol": "none", "color": "#d62728"},
			},
		}
		caption = fmt.Sprintf("%d abandoned, %d censored (answered or took a callback). Kaplan-Meier survival with its Greenwood band, and the fitted %s (KS %.3f).", d.N, d.Censored, c.Family, c.KS)
	} else {
		var x, obs, exp []any
		for _, b := range d.Bins {
			x = append(x, fmt.Sprintf("%g-%g", b.Lo, b.Hi))
			obs = append(obs, b.N)
			p := c.CDF(b.Hi-0.5) - c.CDF(math.Max(b.Lo-0.5, 0))
			exp = append(exp, round(p*float64(d.N), 1))
		}
		opt = jm{
			"animation": false, "tooltip": jm{"trigger": "axis"},
			"legend": jm{"data": []string{"observed", "fitted " + c.Family}},
			"grid":   jm{"left": 60, "right": 20, "top": 40, "bottom": 60},
			"xAxis":  jm{"type": "category", "data": x, "name": "s"}, "yAxis": jm{"type": "value", "name": "contacts"},
			"series": []jm{
				{"name": "observed", "type": "bar", "data": obs, "color": "#9ecae1", "barCategoryGap": "5%"},
				{"name": "fitted " + c.Family, "type": "line", "data": exp, "symbol": "none", "color": "#d62728"},
			},
		}
		caption = fmt.Sprintf("%d observations in seconds; bars the data, the line the fitted %s's expected count per bin (KS %.3f). The last bin holds everything above the 99th percentile.", d.N, c.Family, c.KS)
	}
	js, err := optionJS(opt)
	if err != nil {
		return simpleChart{}, false
	}
	return simpleChart{ID: id, Title: title, Caption: caption, Option: js}, true
}

// WriteFitHTML writes the fit's charts: each fitted distribution against
// its data, and the arrivals and staffing per interval.
func WriteFitHTML(w io.Writer, o *FitOutput) error {
	res := o.Res
	var charts []simpleChart
	n := 0
	add := func(title string, d *fit.DistFit) {
		if d == nil {
			return
		}
		if c, ok := distChart(fmt.Sprintf("c%d", n), title, d); ok {
			charts = append(charts, c)
			n++
		}
	}
	for _, t := range res.Types {
		add(t.Queue+": talk", t.Talk)
		add(t.Queue+": after-contact work", t.ACW)
		add(t.Queue+": patience", t.Patience)
		var x, a, st []any
		for i, r := range t.Arrivals {
			x = append(x, r.Start.Format("Mon 15:04"))
			if res.Dated {
				x[len(x)-1] = r.Start.Format("Mon 01-02 15:04")
			}
			a = append(a, round(r.Value, 2))
			if i < len(res.Staffing) {
				st = append(st, res.Staffing[i].Value)
			}
		}
		staffName := "agents (staffing file)"
		if res.LowerBound {
			staffName = "agents seen (lower bound)"
		}
		js, err := optionJS(jm{
			"animation": false, "tooltip": jm{"trigger": "axis"},
			"legend":   jm{"data": []string{"offered", staffName}},
			"grid":     jm{"left": 60, "right": 60, "top": 40, "bottom": 60},
			"dataZoom": []jm{{"type": "slider", "height": 18, "bottom": 8}},
			"xAxis":    jm{"type": "category", "data": x},
			"yAxis":    []jm{{"type": "value", "name": "contacts"}, {"type": "value", "name": "agents"}},
			"series": []jm{
				{"name": "offered", "type": "line", "data": a, "symbol": "none", "color": "#222"},
				{"name": staffName, "type": "line", "step": "end", "data": st, "yAxisIndex": 1, "symbol": "none", "color": "#3182bd"},
			},
		})
		if err != nil {
			return err
		}
		charts = append(charts, simpleChart{ID: fmt.Sprintf("c%d", n), Title: t.Queue + ": arrivals per interval", Option: js,
			Caption: "The forecast the scenario gets (the mean over the weeks of the history, or dated with --dated) and the staffing plan."})
		n++
	}
	for _, c := range res.Callbacks {
		add(c.Queue+": callback ring time", c.Ring)
		add(c.Queue+": callback talk", c.Talk)
	}
	intro := []string{fmt.Sprintf("Fitted from %d contact records, %s to %s. The estimates with their confidence intervals are in fit-report.txt; the scenario in scenario.yaml.",
		o.Stats.Records-o.Stats.Duplicates-o.Stats.Bad, res.From.Format("2006-01-02 15:04"), res.To.Format("2006-01-02 15:04"))}
	return writeSimplePage(w, "ccsim fit", intro, charts)
}
