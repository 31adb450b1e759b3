package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// The HTML page of a comparison ("ccsim compare --html", "ccsim merge
// --html") is built like the run report's page (WriteHTML): go-echarts
// charts whose options are re-encoded as HTML-safe JSON, ECharts inlined,
// the same Content-Security-Policy, ccsim's own template instead of
// go-echarts' (which would run "__f__" strings as code), fixed chart ids.
//
// Confidence intervals are drawn without JavaScript in the options (the
// page runs none of the option's strings): each interval is a boxplot item
// [lo, mean, mean, mean, hi], whose box has no height. ECharts draws it as
// an error bar: a whisker from lo to hi with a cap at each end, and a
// short line at the mean. Several boxplot series on one category axis are
// laid out side by side, which puts the paired and unpaired intervals of a
// difference beside each other.

// Chart colours of the comparison page.
const (
	colourVariant  = "#2f6fb3" // a variant's mean and interval, the paired interval
	colourBaseline = "#7b8794" // the baseline's
	colourUnpaired = "#e08a1e" // the unpaired interval of a difference
	colourZero     = "#1f2933"
)

// Series names of the comparison charts.
const (
	seriesMean     = "mean"
	seriesCI       = "95 % CI"
	seriesPaired   = "paired CI"
	seriesUnpaired = "unpaired CI"
)

// maxHalfVariants is the most variants a chart two by two shows; more
// and the charts span the page.
const maxHalfVariants = 8

// compareChart is a chart of the comparison page: the chart (with what
// its tooltip formatter needs) and a patch of its option.
type compareChart struct {
	spec *chartSpec
	// patch changes the option where go-echarts has no field for it.
	patch func(m map[string]any)
}

// option is the chart's option JSON: chartSpec's, patched, re-encoded
// with HTML escaping and sorted keys.
func (cc *compareChart) option() ([]byte, error) {
	raw, err := cc.spec.option()
	if err != nil || cc.patch == nil {
		return raw, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("chart %s: %w", cc.spec.id, err)
	}
	cc.patch(m)
	return json.Marshal(m)
}

// compareBuilder builds the comparison page.
type compareBuilder struct {
	c      *analysis.Comparison
	o      analysis.Objective
	meta   CompareMeta
	labels []string // one per variant: its name, or v1, v2, ... when names are long
	short  bool     // the labels are the names
}

func newCompareBuilder(c *analysis.Comparison, o analysis.Objective, meta CompareMeta) *compareBuilder {
	b := &compareBuilder{c: c, o: o, meta: meta, labels: make([]string, len(c.Variants)), short: true}
	// As CompareTables labels its columns.
	for i, v := range c.Variants {
		b.labels[i] = v.Name
		b.short = b.short && len(v.Name) <= 14
	}
	if !b.short {
		for i := 1; i < len(b.labels); i++ {
			b.labels[i] = "v" + strconv.Itoa(i)
		}
	}
	return b
}

// baseMetric is metric key of the baseline, for its name, unit and
// precision.
func (b *compareBuilder) baseMetric(key string) (analysis.Metric, bool) {
	return b.c.Variants[0].Summary.Lookup(key)
}

// chartKeys are the metrics drawn by variant: the tables' metrics, and
// the objective if they lack it.
func (b *compareBuilder) chartKeys() []string {
	keys := shownKeys(b.c)
	if !slices.Contains(keys, b.o.Key) {
		keys = append(keys, b.o.Key)
	}
	return keys
}

// diffKeys are the metrics whose paired differences are drawn: the
// objective, then the service level.
func (b *compareBuilder) diffKeys() []string {
	if len(b.c.Variants) < 2 {
		return nil
	}
	// Paired differences are kept for the metrics over all queues.
	var keys []string
	if !isQueueRef(b.o.Key) {
		keys = append(keys, b.o.Key)
	}
	if b.o.Key != "service_level" {
		keys = append(keys, "service_level")
	}
	return keys
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// categoryAxis is the x axis of variants: every label shown, slanted when
// they would not fit side by side in a chart width px wide.
func categoryAxis(labels []string, width int) opts.XAxis {
	longest := 0
	for _, l := range labels {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	x := opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{}}
	if len(labels) > 0 && (longest*7+12)*len(labels) > width {
		x.AxisLabel.Rotate = 30
	}
	return x
}

// axisGap is the margin ECharts leaves above and below the intervals on
// an axis fitted to them, so that no cap lies on the axis line.
const axisGap = 0.08

// estimateAxis is the y axis of a metric by variant: fitted to the
// intervals, from bottom to top, not from zero, since what matters is how
// the variants differ; but never below zero, nor above 100 %.
func estimateAxis(unit string, bottom, top float64) opts.YAxis {
	y := valueAxisOf(unit)
	y.Scale = opts.Bool(true)
	if gap := axisGap * (top - bottom); !math.IsInf(bottom, 0) && bottom-gap <= 0 {
		y.Min = 0
	}
	if gap := axisGap * (top - bottom); unit == "%" && !math.IsInf(top, 0) && top+gap >= 100 {
		y.Max = 100
	}
	return y
}

// valueAxisOf is a value axis whose labels carry the unit when it is short
// (%, s, h); a chart's title names its unit.
func valueAxisOf(unit string) opts.YAxis {
	y := opts.YAxis{Type: "value", AxisLabel: &opts.AxisLabel{}}
	switch unit {
	case "%", "s", "h":
		y.AxisLabel.Formatter = types.FuncStr("{value} " + unit)
	}
	return y
}

// errorBar is a boxplot item drawing the interval [lo, hi] around mean as
// an error bar, rounded to prec decimals, or ECharts' "no value".
func errorBar(lo, mean, hi float64, prec int) []any {
	if math.IsNaN(lo) || math.IsNaN(mean) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return []any{"-", "-", "-", "-", "-"}
	}
	m := num(mean, prec)
	return []any{num(lo, prec), m, m, m, num(hi, prec)}
}

// item is a data item: a value, named for the tooltip, in a colour.
func item(name string, v any, colour string, border bool) map[string]any {
	style := map[string]any{"color": colour}
	if border {
		style = map[string]any{"color": colour, "borderColor": colour}
	}
	return map[string]any{"name": name, "value": v, "itemStyle": style}
}

// boxplots sets the boxplots' width (that of their caps), keeps the x
// axis at the bottom of the plot, not at zero, and with fitted, leaves
// a margin around the intervals on the y axis.
func boxplots(capWidth int, fitted bool) func(m map[string]any) {
	return func(m map[string]any) {
		if ys, ok := m["yAxis"].([]any); ok && len(ys) > 0 && fitted {
			if y, ok := ys[0].(map[string]any); ok {
				gap := strconv.Itoa(int(100*axisGap)) + "%"
				y["boundaryGap"] = []string{gap, gap}
			}
		}
		if ss, ok := m["series"].([]any); ok {
			for _, s := range ss {
				if s, ok := s.(map[string]any); ok && s["type"] == "boxplot" {
					s["boxWidth"] = []int{capWidth, capWidth}
					if mk, ok := s["markLine"].(map[string]any); ok {
						mk["silent"] = true
					}
				}
			}
		}
		if xs, ok := m["xAxis"].([]any); ok && len(xs) > 0 {
			if x, ok := xs[0].(map[string]any); ok {
				x["axisLine"] = map[string]any{"onZero": false}
			}
		}
		if t, ok := m["tooltip"].(map[string]any); ok {
			t["axisPointer"] = map[string]any{"type": "shadow"}
		}
	}
}

// setGrid places the plot top pixels from the chart's top (below the
// title, and the legend if any). It replaces global's grid: WithGridOpts
// would add a second grid, which the series, on the first, ignore.
func setGrid(c *charts.Scatter, top int) {
	c.GridList = []opts.Grid{{Left: "12", Right: "24", Top: strconv.Itoa(top), Bottom: "8", ContainLabel: opts.Bool(true)}}
}

// chartWidth is the plot width in pixels the label check assumes for a
// chart on the 1280 px page.
func chartWidth(wide bool) int {
	if wide {
		return 1150
	}
	return 540
}

// metricChart is metric key by variant: each variant's mean as a dot,
// with its 95 % confidence interval as an error bar.
func (b *compareBuilder) metricChart(key string) *compareChart {
	m0, ok := b.baseMetric(key)
	if !ok {
		return nil
	}
	// One more decimal than the tables, so that narrow intervals keep
	// their shape.
	prec, unit := precision(m0)+1, unitLabel(m0)
	hi := math.Inf(1)
	if unit == "%" {
		hi = 100
	}
	var means, bars []any
	bottom, top := math.Inf(1), math.Inf(-1)
	for i, v := range b.c.Variants {
		m, ok := v.Summary.Lookup(key)
		if !ok {
			m.Mean, m.HalfWidth = math.NaN(), math.NaN()
		}
		colour := colourVariant
		if i == 0 {
			colour = colourBaseline
		}
		mean := num(m.Mean, prec)
		// Every metric drawn is a count, a time, a ratio or a share: the
		// interval is clipped to its range, as the run report's band.
		l, h := max(m.Lo(), 0), min(m.Hi(), hi)
		if math.IsNaN(m.HalfWidth) {
			l, h = math.NaN(), math.NaN()
		}
		for _, x := range []float64{l, h, m.Mean} {
			if !math.IsNaN(x) {
				bottom, top = min(bottom, x), max(top, x)
			}
		}
		means = append(means, item(v.Name, mean, colour, false))
		bars = append(bars, item(v.Name, errorBar(l, m.Mean, h, prec), colour, true))
	}
	id := "metric_" + b.chartID(key)
	wide := len(b.c.Variants) > maxHalfVariants
	c := charts.NewScatter()
	c.SetGlobalOptions(global(id, capitalize(refLabel(key, m0, b.meta.ServiceLevel)), halfHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(categoryAxis(b.labels, chartWidth(wide))),
		charts.WithYAxisOpts(estimateAxis(unit, bottom, top)),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	setGrid(c, 48)
	c.SetXAxis(b.labels)
	c.MultiSeries = append(c.MultiSeries,
		series(seriesCI, "boxplot", bars, func(s *charts.SingleSeries) {
			s.ItemStyle = &opts.ItemStyle{Color: "#ffffff", BorderColor: colourVariant, BorderWidth: 1.5}
		}),
		series(seriesMean, "scatter", means, colour(colourVariant), func(s *charts.SingleSeries) {
			s.Symbol = "circle"
			s.SymbolSize = 9
		}),
	)
	caption := ""
	if key == b.o.Key {
		caption = "The ranking's objective."
	}
	cs := &chartSpec{c: c, id: id, wide: wide, height: halfHeight, caption: caption, tooltip: "ci", unit: unit, prec: prec, labelEvery: 1}
	return &compareChart{spec: cs, patch: boxplots(14, true)}
}

// diffChart is the paired difference of metric key from the baseline, per
// variant: its paired 95 % interval beside the unpaired one independent
// runs would give, and the zero line.
func (b *compareBuilder) diffChart(key string, wide bool) *compareChart {
	m0, ok := b.baseMetric(key)
	if !ok {
		return nil
	}
	// One more decimal than the tables: paired intervals are narrow.
	prec, unit := precision(m0)+1, unitLabel(m0)
	var paired, unpaired []any
	for _, v := range b.c.Variants[1:] {
		d, _ := v.Find(key)
		p, u := d.Paired, d.UnpairedHalfWidth
		hw := p.HalfWidth
		paired = append(paired, item(v.Name, errorBar(p.Mean-hw, p.Mean, p.Mean+hw, prec), colourVariant, true))
		unpaired = append(unpaired, item(v.Name, errorBar(p.Mean-u, p.Mean, p.Mean+u, prec), colourUnpaired, true))
	}
	id := "diff_" + key
	title := "Difference from the baseline: " + strings.TrimSpace(metricLabel(m0, b.meta.ServiceLevel))
	if key == b.o.Key {
		title += " (objective)"
	}
	y := valueAxisOf(unit)
	c := charts.NewScatter()
	c.SetGlobalOptions(global(id, title, halfHeight)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(categoryAxis(b.labels[1:], chartWidth(wide))),
		charts.WithYAxisOpts(y),
	)
	setGrid(c, 72)
	c.SetXAxis(b.labels[1:])
	level := levelText(b.c.Confidence())
	sp, su := strings.Replace(seriesPaired, "CI", level+" CI", 1), strings.Replace(seriesUnpaired, "CI", level+" CI", 1)
	c.Legend.Data = []string{sp, su}
	c.MultiSeries = append(c.MultiSeries,
		series(sp, "boxplot", paired, func(s *charts.SingleSeries) {
			s.Color = colourVariant
			s.ItemStyle = &opts.ItemStyle{Color: "#ffffff", BorderColor: colourVariant, BorderWidth: 2}
			s.MarkLines = &opts.MarkLines{
				Data: []any{opts.MarkLineNameYAxisItem{Name: "no difference", YAxis: 0}},
				MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
					LineStyle: &opts.LineStyle{Color: colourZero, Width: 1, Type: "solid"},
					Label:     &opts.Label{Show: opts.Bool(false)}},
			}
		}),
		series(su, "boxplot", unpaired, func(s *charts.SingleSeries) {
			s.Color = colourUnpaired
			s.ItemStyle = &opts.ItemStyle{Color: "#ffffff", BorderColor: colourUnpaired, BorderWidth: 1.5}
		}),
	)
	caption := "Variant minus baseline, in " + unitText(unit) + ": the paired " + level + " interval (blue), from the " +
		"same callers replication by replication, beside the unpaired one (orange) that independent runs " +
		"would give for the same difference. A paired interval clear of the zero line is a real difference."
	if len(b.c.Variants) > 2 {
		caption += " The paired intervals are simultaneous: all hold together with probability at least 95 % (Bonferroni)."
	}
	cs := &chartSpec{c: c, id: id, wide: wide, height: halfHeight, caption: caption, tooltip: "diff", unit: unit, prec: prec, labelEvery: 1}
	return &compareChart{spec: cs, patch: boxplots(12, false)}
}

// unitText names a unit in a sentence.
func unitText(unit string) string {
	switch unit {
	case "":
		return "the metric's own terms"
	case "%":
		return "percentage points"
	case "s":
		return "seconds"
	case "h":
		return "hours"
	}
	return unit
}

// metricCharts are the metrics by variant, in page order.
func (b *compareBuilder) metricCharts() []*compareChart {
	var out []*compareChart
	for _, k := range b.chartKeys() {
		if cc := b.metricChart(k); cc != nil {
			out = append(out, cc)
		}
	}
	return out
}

// diffCharts are the paired differences, in page order: two by two, or
// one across the page.
func (b *compareBuilder) diffCharts() []*compareChart {
	keys := b.diffKeys()
	wide := len(keys) == 1 || len(b.c.Variants)-1 > maxHalfVariants
	var out []*compareChart
	for _, k := range keys {
		if cc := b.diffChart(k, wide); cc != nil {
			out = append(out, cc)
		}
	}
	return out
}

// CompareCharts returns the charts of the comparison page, in page order,
// each with its option JSON as the page embeds it: metric_KEY, one per
// metric the comparison tables show (and the objective), each variant's
// mean with its confidence interval; then diff_KEY for the objective and
// the service level, the paired differences from the baseline beside the
// unpaired intervals.
func CompareCharts(c *analysis.Comparison, o analysis.Objective, meta CompareMeta) ([]Chart, error) {
	b := newCompareBuilder(c, o, meta)
	var out []Chart
	for _, cc := range slices.Concat(b.heatmapCharts(), b.metricCharts(), b.diffCharts()) {
		opt, err := cc.option()
		if err != nil {
			return nil, err
		}
		cs := cc.spec
		out = append(out, Chart{ID: cs.id, Option: opt, Wide: cs.wide, Height: cs.height, Caption: cs.caption,
			Tooltip: cs.tooltip})
	}
	return out, nil
}

// comparePage is the data of the comparison page template.
type comparePage struct {
	Page        *components.Page
	Title       string
	Subtitle    string
	Description string
	Sweep       []htmlKV
	Variants    htmlTable
	Ranking     htmlTable
	Metrics     []htmlChart
	MetricsNote string
	// Heatmaps are the charted metrics by setting, for a grid of twelve
	// variants or more.
	Heatmaps     []htmlChart
	HeatmapsNote string
	Diffs        []htmlChart
	DiffsNote    string
	Tables       []htmlTable // estimates, differences, why pairing
	// EChartsVersion is the version of the inlined library.
	EChartsVersion string
}

// CompareHTML writes the comparison as one self-contained HTML page, like
// the run report ([WriteHTML]): ECharts inlined, nothing loaded from
// anywhere, every text from the user (the scenario's and the variants'
// names) HTML-escaped in the tables and JSON-escaped in the charts. It
// shows the sweep and its variants, the ranking, each metric by variant
// with its confidence interval, the paired differences from the baseline
// beside the unpaired intervals, and the tables of [CompareTables]. The
// page is the same, byte for byte, for the same comparison: compare and
// merge give the same page.
func CompareHTML(w io.Writer, c *analysis.Comparison, o analysis.Objective, meta CompareMeta) error {
	if len(c.Variants) == 0 {
		return fmt.Errorf("reports: a comparison without variants")
	}
	b := newCompareBuilder(c, o, meta)
	data := &comparePage{
		Title:          "ccsim comparison: " + meta.Scenario,
		Subtitle:       b.head() + " " + ConfidenceNote(meta.Reps),
		Description:    "Replication r of every variant sees the same callers (arrival times, handle times, patience, answers), so the difference between two variants within a replication is the setting's effect, not chance: its paired interval is far narrower than comparing independent runs would give.",
		Sweep:          b.sweep(),
		Variants:       b.variantsTable(),
		Ranking:        b.rankingTable(),
		Tables:         b.tables(),
		EChartsVersion: EChartsVersion,
		MetricsNote:    "Each chart is one metric across the variants: the dot is the mean over the replications, the bar its 95 % confidence interval; the baseline is grey. The axes are fitted to the intervals and do not start at zero.",
		DiffsNote:      "The answer of the comparison: how much each variant changes the metric against the baseline, with the " + diffLevelText(c) + " interval of the paired differences, and beside it the unpaired interval independent runs of the same length would give. The narrower blue bar is what common random numbers gain.",
	}
	page := components.NewPage()
	page.SetPageTitle(data.Title)
	add := func(ccs []*compareChart) ([]htmlChart, error) {
		var out []htmlChart
		for _, cc := range ccs {
			opt, err := cc.option()
			if err != nil {
				return nil, err
			}
			page.AddCharts(cc.spec.c)
			out = append(out, cc.spec.html(opt))
		}
		return out, nil
	}
	var err error
	if data.Heatmaps, err = add(b.heatmapCharts()); err != nil {
		return err
	}
	data.HeatmapsNote = "A sweep of settings as a grid: the last setting down the side, the others across, each cell the metric's mean for that combination."
	if data.Metrics, err = add(b.metricCharts()); err != nil {
		return err
	}
	if data.Diffs, err = add(b.diffCharts()); err != nil {
		return err
	}
	if err := inlineLibrary(page, pageCSS+compareCSS); err != nil {
		return err
	}
	data.Page = page
	return renderPage(w, "compare", data, comparePageTemplate)
}

// head is the sentence that opens the comparison, as CompareTables'.
func (b *compareBuilder) head() string {
	return fmt.Sprintf("Comparison of %d variants of %s: seed %d, %d replications each, on common random numbers.",
		len(b.c.Variants), b.meta.Scenario, b.meta.Seed, b.meta.Reps)
}

// sweep is the table of what was compared.
func (b *compareBuilder) sweep() []htmlKV {
	dir := "lowest first"
	if b.o.Maximize {
		dir = "highest first"
	}
	constraints := "none"
	if len(b.o.Constraints) > 0 {
		constraints = strings.Join(constraintTexts(b.o), ", ") + " (" + constraintLevelText(b.c) + ")"
	}
	baseline := b.c.Variants[0].Name
	return []htmlKV{
		{"scenario", b.meta.Scenario},
		{"seed", strconv.FormatUint(b.meta.Seed, 10)},
		{"replications", strconv.Itoa(b.meta.Reps) + " per variant"},
		{"random numbers", "common: replication r of every variant sees the same callers"},
		{"variants", variantsText(len(b.c.Variants), baseline)},
		{"service level", "SL(" + b.meta.ServiceLevel.String() + ")"},
		{"objective", b.o.Key + ", " + dir},
		{"constraints", constraints},
		{"difference intervals", diffLevelText(b.c)},
	}
}

// diffLevelText names the level of the intervals of the differences from
// the baseline: "95 %" with one variant besides it, else "simultaneous
// 95 % (Bonferroni over 4 variants, each at 98.75 %)".
func diffLevelText(c *analysis.Comparison) string {
	m := len(c.Variants) - 1
	if m <= 1 {
		return "95 %"
	}
	return fmt.Sprintf("simultaneous 95 %% (Bonferroni over %d variants, each at %s)", m, levelText(c.Confidence()))
}

// constraintLevelText says on which interval the constraints are judged.
func constraintLevelText(c *analysis.Comparison) string {
	k := len(c.Variants)
	if k <= 1 {
		return "on the whole 95 % interval"
	}
	return fmt.Sprintf("on the whole %s interval: simultaneous 95 %%, Bonferroni over the %d variants checked", levelText(c.ConstraintConfidence()), k)
}

// variantsText says how many variants there are.
func variantsText(n int, baseline string) string {
	if n == 1 {
		return "only the baseline (" + baseline + ")"
	}
	s := strconv.Itoa(n-1) + " compared with the baseline"
	if baseline != "baseline" {
		s += " (" + baseline + ")"
	}
	return s
}

// variantsTable is the legend of the variants: the label the charts and
// tables give each, and its settings (its name). The baseline is always
// the scenario unchanged.
func (b *compareBuilder) variantsTable() htmlTable {
	t := htmlTable{Title: "Variants", Header: []string{"label", "variant"}}
	if b.short {
		t.Header = []string{"variant", "role"}
	}
	for i, v := range b.c.Variants {
		switch {
		case b.short && i == 0:
			t.add(v.Name, "baseline: the scenario unchanged")
		case b.short:
			t.add(v.Name, "compared with the baseline")
		case i == 0 && v.Name == "baseline":
			t.add(b.labels[i], "the scenario unchanged")
		case i == 0:
			t.add(b.labels[i], v.Name+" (the baseline: the scenario unchanged)")
		default:
			t.add(b.labels[i], v.Name)
		}
	}
	if !b.short {
		t.Note = "Long names: the charts and tables label the variants v1, v2, ..."
	}
	return t
}

// rankingTable is the ranking by the objective among the variants that
// meet every constraint.
func (b *compareBuilder) rankingTable() htmlTable {
	o := b.o
	dir := "lowest"
	if o.Maximize {
		dir = "highest"
	}
	title := fmt.Sprintf("Ranking: %s %s first", o.Key, dir)
	if len(o.Constraints) > 0 {
		title += ", subject to " + strings.Join(constraintTexts(o), " and ")
	}
	m0, _ := b.baseMetric(o.Key)
	t := htmlTable{Title: title, Header: []string{"rank", "variant", o.Key, "constraints"},
		Num: []bool{true, false, true, false}}
	label := map[string]string{}
	for i, v := range b.c.Variants {
		label[v.Name] = b.labels[i]
	}
	rank := analysis.Rank(b.c, o)
	for _, r := range rank {
		pos := rankText(r)
		ok, cls := "met", "met"
		if len(r.Broken) > 0 {
			ok, cls = "breaks "+strings.Join(r.Broken, ", "), "missed"
		} else if len(o.Constraints) == 0 {
			ok, cls = "none given", ""
		}
		name := r.Variant
		if l := label[r.Variant]; l != r.Variant {
			name = l + ": " + name
		}
		t.Rows = append(t.Rows, []htmlCell{{Text: pos}, {Text: name},
			{Text: estimateText(r.Objective, precision(m0))}, {Text: ok, Class: cls}})
	}
	t.Note = rankNote(b.c, o, rank, b.meta.Reps)
	return t
}

// tables are CompareTables' estimates, differences and pairing tables.
func (b *compareBuilder) tables() []htmlTable {
	c, sl := b.c, b.meta.ServiceLevel
	keys := shownKeys(c)
	metricOf := func(v *analysis.VariantSummary, k string) analysis.Metric {
		m, _ := analysis.Find(v.Summary.Overall, k)
		return m
	}
	numCols := func(n int) []bool {
		out := make([]bool, n+1)
		for i := range n {
			out[i+1] = true
		}
		return out
	}
	if len(c.Variants) >= WideVariants {
		return b.wideTables(keys)
	}
	est := htmlTable{Title: "Estimates per variant", Header: append([]string{"metric"}, b.labels...),
		Num: numCols(len(b.labels))}
	for _, k := range keys {
		m0 := metricOf(&c.Variants[0], k)
		row := []string{labelWithUnit(m0, sl)}
		for i := range c.Variants {
			m := metricOf(&c.Variants[i], k)
			row = append(row, estimateText(m.Estimate, precision(m)))
		}
		est.add(row...)
	}
	est.Note = "Mean ± half width of the 95 % confidence interval. " + ConfidenceNote(b.meta.Reps)
	out := append([]htmlTable{est}, b.queueMetricsHTML()...)
	if len(c.Variants) < 2 {
		return out
	}

	base := "the baseline"
	if n := c.Variants[0].Name; n != "baseline" {
		base += " (" + n + ")"
	}
	dg := htmlTable{Title: diffTitle(c, base),
		Header: append([]string{"metric"}, b.labels[1:]...), Num: numCols(len(b.labels) - 1)}
	for _, k := range keys {
		m0 := metricOf(&c.Variants[0], k)
		row := []htmlCell{{Text: labelWithUnit(m0, sl)}}
		for i := range c.Variants[1:] {
			d, _ := c.Variants[i+1].Find(k)
			cell := htmlCell{Text: diffText(d, precision(m0))}
			if d.Significant {
				cell.Class = "sig"
			}
			row = append(row, cell)
		}
		dg.Rows = append(dg.Rows, row)
	}
	dg.Note = "Variant minus baseline, ± the half width of its paired " + levelText(c.Confidence()) + " interval. " + sigNote(c)

	return append(out, dg, b.pairingTable())
}

// pairingTable is the table of paired and unpaired half widths.
func (b *compareBuilder) pairingTable() htmlTable {
	c := b.c
	wg := htmlTable{Title: pairingTitle(c),
		Header: []string{"variant", "paired ±", "unpaired ±", "narrower by"}, Num: []bool{false, true, true, true}}
	for i, v := range c.Variants[1:] {
		d, _ := v.Find("service_level")
		ratio := noValue
		if d.Paired.HalfWidth > 0 && !math.IsNaN(d.UnpairedHalfWidth) {
			ratio = formatFixed(d.UnpairedHalfWidth/d.Paired.HalfWidth, 1) + "x"
		}
		label := b.labels[i+1]
		if len(c.Variants) >= WideVariants {
			label = v.Name // as the wide tables above name it
		}
		wg.add(label, halfOnly(d.Paired.HalfWidth), halfOnly(d.UnpairedHalfWidth), ratio)
	}
	wg.Note = pairingNote(c)
	return wg
}

// wideTables are the estimates and differences of WideVariants or more
// variants, as CompareTables writes them: a row per variant under its own
// name, a column per metric.
func (b *compareBuilder) wideTables(keys []string) []htmlTable {
	c, sl := b.c, b.meta.ServiceLevel
	header := []string{"variant"}
	num := []bool{false}
	for _, k := range keys {
		header = append(header, labelWithUnit(compareMetric(&c.Variants[0], k), sl))
		num = append(num, true)
	}
	est := htmlTable{Title: "Estimates per variant", Header: header, Num: num}
	for i := range c.Variants {
		row := []string{c.Variants[i].Name}
		for _, k := range keys {
			m := compareMetric(&c.Variants[i], k)
			row = append(row, estimateText(m.Estimate, precision(m)))
		}
		est.add(row...)
	}
	est.Note = "Mean ± half width of the 95 % confidence interval. " + ConfidenceNote(b.meta.Reps)
	out := []htmlTable{est}
	if len(c.Variants) < 2 {
		return out
	}
	base := "the baseline"
	if n := c.Variants[0].Name; n != "baseline" {
		base += " (" + n + ")"
	}
	dh := append([]string{"variant - baseline"}, header[1:]...)
	dg := htmlTable{Title: diffTitle(c, base), Header: dh, Num: num}
	for i := range c.Variants[1:] {
		row := []htmlCell{{Text: c.Variants[i+1].Name}}
		for _, k := range keys {
			d, _ := c.Variants[i+1].Find(k)
			cell := htmlCell{Text: diffText(d, precision(compareMetric(&c.Variants[0], k)))}
			if d.Significant {
				cell.Class = "sig"
			}
			row = append(row, cell)
		}
		dg.Rows = append(dg.Rows, row)
	}
	dg.Note = "Variant minus baseline, ± the half width of its paired " + levelText(c.Confidence()) + " interval. " + sigNote(c)
	return append(out, dg, b.pairingTable())
}

// compareCSS styles what the comparison page adds to the report's page.
const compareCSS = `
.section{grid-column:1/-1;margin:6px 0 -6px}
.section h2{font-size:17px;margin:0 0 2px}
.section p{margin:0;color:#52606d;max-width:130ch}
.scroll{overflow-x:auto}
td.sig{font-weight:600}
`

// comparePageTemplate is the comparison page, an html/template executed
// with go-echarts' "header" template and the report's "table" template.
// Everything it prints is escaped for its context; the chart options are
// HTML-safe JSON (template.JS).
const comparePageTemplate = `{{define "compare"}}<!DOCTYPE html>
<html lang="en">
{{- template "header" .Page}}
<body>
<main>
<header class="top">
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<p class="desc">{{.Description}}</p>
</header>
<div class="grid">
<section class="card">
<h2>Sweep</h2>
<table class="kv">
{{- range .Sweep}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- template "table" .Variants}}
</section>
<section class="card scroll">
{{- template "table" .Ranking}}
</section>
{{- if .Heatmaps}}
<div class="section">
<h2>Metric by setting</h2>
<p>{{.HeatmapsNote}}</p>
</div>
{{- range .Heatmaps}}{{template "chart" .}}{{end}}
{{- end}}
<div class="section">
<h2>Metric by variant, with 95 % confidence intervals</h2>
<p>{{.MetricsNote}}</p>
</div>
{{- range .Metrics}}{{template "chart" .}}{{end}}
{{- with .Diffs}}
<div class="section">
<h2>Paired differences from the baseline</h2>
<p>{{$.DiffsNote}}</p>
</div>
{{- range .}}{{template "chart" .}}{{end}}
{{- end}}
{{- range .Tables}}
<section class="card wide scroll">
{{- template "table" .}}
</section>
{{- end}}
</div>
{{- template "footer" .}}
</main>
<script>
"use strict";
(function () {
{{- template "drawjs"}}
  // A tooltip of error bars: the variant (its name when the axis labels
  // it v1, v2, ...), then per series its mean or its interval, the
  // interval read off the boxplot item [lo, mean, mean, mean, hi].
  function bars(ps, unit, prec, signed) {
    if (!ps || !ps.length) { return ""; }
    var u = unit ? (unit === "%" ? " %" : " " + unit) : "";
    function fmt(v) {
      if (!isValue(v)) { return "-"; }
      var n = Number(v), s = n.toFixed(prec);
      return (signed && n > 0 && Number(s) !== 0 ? "+" : "") + s;
    }
    var label = ps[0].axisValueLabel, name = ps[0].name, hasMean = false;
    ps.forEach(function (p) { hasMean = hasMean || p.seriesType === "scatter"; });
    var head = esc(label);
    if (name && name !== label) { head += ": " + esc(name); }
    var means = [], rows = [];
    ps.forEach(function (p) {
      var v = p.value;
      if (p.seriesType === "boxplot" && v && v.length >= 5) {
        var a = v.slice(v.length - 5);
        if (!isValue(a[0]) || !isValue(a[4])) { rows.push(p.marker + esc(p.seriesName) + ": -"); return; }
        var range = fmt(a[0]) + " to " + fmt(a[4]) + u;
        rows.push(p.marker + esc(p.seriesName) + ": " + (hasMean ? range : fmt(a[2]) + u + " (" + range + ")"));
        return;
      }
      means.push(p.marker + esc(p.seriesName) + ": " + fmt(v) + (isValue(v) ? u : ""));
    });
    return head + "<br>" + means.concat(rows).join("<br>");
  }
  var formatters = {
    ci: function (unit, prec) { return function (ps) { return bars(ps, unit, prec, false); }; },
    diff: function (unit, prec) { return function (ps) { return bars(ps, unit, prec, true); }; }
  };
{{- range .Heatmaps}}
  draw({{.ID}}, {{.Option}}, {{.Tooltip}}, {{.Unit}}, {{.Prec}});
{{- end}}
{{- range .Metrics}}
  draw({{.ID}}, {{.Option}}, {{.Tooltip}}, {{.Unit}}, {{.Prec}});
{{- end}}
{{- range .Diffs}}
  draw({{.ID}}, {{.Option}}, {{.Tooltip}}, {{.Unit}}, {{.Prec}});
{{- end}}
})();
</script>
</body>
</html>
{{end}}`
