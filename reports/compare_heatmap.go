package reports

import (
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/ccsim/ccsim/analysis"
)

// A sweep of WideVariants or more variants is a grid of settings more
// often than not (--set a=1,2,3 --set b=x,y,z,w), and twelve dots side by
// side hide its shape: which setting moves the metric, and where. The
// comparison page then also draws the objective, the service level and each
// constrained metric as a heatmap of
// setting by setting: the last setting of the grid down the side, the
// others across, each cell the metric's mean for that combination, coloured
// from the lowest mean to the highest.

// settingGrid is the layout of a heatmap: the labels across (x) and down
// (y), the name of the setting down the side, and the variant in each
// cell (-1: none).
type settingGrid struct {
	xs, ys       []string
	xName, yName string
	cell         [][]int // [y][x] variant index
}

// settingsOf reads a variant name as --set grids write it,
// "max_retries=1 retry_interval=10m": the setting names and their values,
// or ok false for a name of another shape.
func settingsOf(name string) (keys, values []string, ok bool) {
	for _, f := range strings.Fields(name) {
		k, v, found := strings.Cut(f, "=")
		if !found || k == "" || v == "" || strings.Contains(v, "=") {
			return nil, nil, false
		}
		keys, values = append(keys, k), append(values, v)
	}
	return keys, values, len(keys) > 0
}

// gridOf lays out the variants after the baseline as a grid of their
// settings, or returns nil when their names are not all "k=v ..." with the
// same settings in the same order (a variants file's free names). Values
// keep the order in which the sweep first gives them.
func gridOf(c *analysis.Comparison) *settingGrid {
	if len(c.Variants) < 2 {
		return nil
	}
	var keys []string
	g := &settingGrid{}
	type at struct{ x, y int }
	cells := map[at]int{}
	for i, v := range c.Variants[1:] {
		ks, vs, ok := settingsOf(v.Name)
		if !ok || (keys != nil && !slices.Equal(ks, keys)) {
			return nil
		}
		keys = ks
		x := strings.Join(vs[:len(vs)-1], " ")
		if len(vs) == 1 {
			x = ks[0] + "=" + vs[0]
		}
		y := vs[len(vs)-1]
		xi, yi := slices.Index(g.xs, x), slices.Index(g.ys, y)
		if xi < 0 {
			g.xs, xi = append(g.xs, x), len(g.xs)
		}
		if yi < 0 {
			g.ys, yi = append(g.ys, y), len(g.ys)
		}
		if _, dup := cells[at{xi, yi}]; dup {
			return nil // two variants with the same settings: no one cell for them
		}
		cells[at{xi, yi}] = i + 1
	}
	if len(keys) == 1 {
		// One setting: a single row, labelled by it.
		g.xs, g.ys = nil, []string{keys[0]}
		cell := []int{}
		for i, v := range c.Variants[1:] {
			g.xs = append(g.xs, v.Name)
			cell = append(cell, i+1)
		}
		g.cell, g.yName = [][]int{cell}, ""
		return g
	}
	g.xName, g.yName = strings.Join(keys[:len(keys)-1], " "), keys[len(keys)-1]
	g.cell = make([][]int, len(g.ys))
	for y := range g.ys {
		g.cell[y] = make([]int, len(g.xs))
		for x := range g.xs {
			i, ok := cells[at{x, y}]
			if !ok {
				i = -1
			}
			g.cell[y][x] = i
		}
	}
	return g
}

// heatmapCharts are the heatmaps of the objective, the service level and
// the constrained metrics by setting, for a sweep of WideVariants or more
// variants whose names form a grid of settings; none otherwise.
func (b *compareBuilder) heatmapCharts() []*compareChart {
	if len(b.c.Variants) < WideVariants {
		return nil
	}
	g := gridOf(b.c)
	if g == nil {
		return nil
	}
	// The objective, the service level, then each constrained metric.
	keys := b.diffKeys()
	for _, c := range b.o.Constraints {
		if !slices.Contains(keys, c.Key) {
			keys = append(keys, c.Key)
		}
	}
	var out []*compareChart
	for _, k := range keys {
		if cc := b.heatmapChart(k, g); cc != nil {
			out = append(out, cc)
		}
	}
	return out
}

// heatmapChart is metric key by setting: each cell the mean of the
// variant with those settings, labelled with it, a * marking a difference
// from the baseline that is not chance.
func (b *compareBuilder) heatmapChart(key string, g *settingGrid) *compareChart {
	m0, ok := b.baseMetric(key)
	if !ok {
		return nil
	}
	prec, unit := precision(m0), unitLabel(m0)
	var data []opts.HeatMapData
	var labels []string // each cell's label: its mean, * when significant
	lo, hi := math.Inf(1), math.Inf(-1)
	for y := range g.ys {
		for x := range g.xs {
			i := g.cell[y][x]
			if i < 0 {
				continue
			}
			v := b.c.Variants[i]
			m := compareMetric(&v, key)
			if math.IsNaN(m.Mean) || math.IsInf(m.Mean, 0) {
				continue
			}
			lo, hi = min(lo, m.Mean), max(hi, m.Mean)
			label := formatFixed(m.Mean, prec)
			if d, _ := v.Find(key); d.Significant {
				label += " *"
			}
			data = append(data, opts.HeatMapData{Name: v.Name, Value: []any{x, y, num(m.Mean, prec)}})
			labels = append(labels, label)
		}
	}
	if len(data) == 0 {
		return nil
	}
	id := "heatmap_" + key
	title := capitalize(labelWithUnit(m0, b.meta.ServiceLevel)) + " by setting"
	height := max(halfHeight, 120+34*len(g.ys))
	c := charts.NewHeatMap()
	c.SetGlobalOptions(global(id, title, height)...)
	c.SetGlobalOptions(
		charts.WithXAxisOpts(xAxisNamed(categoryAxis(g.xs, chartWidth(true)), g.xName)),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: g.yName, Data: g.ys}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	c.GridList = []opts.Grid{{Left: "12", Right: "24", Top: "48", Bottom: "64", ContainLabel: opts.Bool(true)}}
	c.SetXAxis(g.xs)
	c.AddSeries(strings.TrimSpace(metricLabel(m0, b.meta.ServiceLevel)), data)
	base := compareMetric(&b.c.Variants[0], key)
	in := ""
	switch unit {
	case "%":
		in = ", in percent"
	case "s":
		in = ", in seconds"
	case "h":
		in = ", in hours"
	}
	caption := "Each cell is the mean " + strings.TrimSpace(metricLabel(m0, b.meta.ServiceLevel)) +
		" of the variant with those settings" + in + ", darker for higher; * marks a paired difference " +
		"from the baseline whose " + diffLevelText(b.c) + " interval excludes zero. The baseline, the scenario unchanged, has " +
		formatFixed(base.Mean, prec) + "."
	if math.IsNaN(base.Mean) {
		caption = strings.TrimSuffix(caption, " The baseline, the scenario unchanged, has NaN.")
	}
	patch := func(m map[string]any) {
		if num(lo, prec) == num(hi, prec) {
			// One value as shown: a mid colour, not an empty scale.
			step := math.Pow(10, -float64(prec))
			lo, hi = lo-step, hi+step
		}
		m["visualMap"] = []any{map[string]any{
			"type": "continuous", "min": num(lo, prec), "max": num(hi, prec), "calculable": false,
			"orient": "horizontal", "left": "center", "bottom": 4, "itemHeight": 300,
			"inRange": map[string]any{"color": []string{"#eef3f9", "#2f6fb3"}},
			"text":    []string{formatFixed(hi, prec), formatFixed(lo, prec)},
		}}
		// Each cell's label is fixed text (a formatter without
		// {placeholders}): the page runs no code from the options.
		if ss, ok := m["series"].([]any); ok && len(ss) == 1 {
			if s, ok := ss[0].(map[string]any); ok {
				s["label"] = map[string]any{"show": true}
				if items, ok := s["data"].([]any); ok && len(items) == len(labels) {
					for i, it := range items {
						if it, ok := it.(map[string]any); ok {
							it["label"] = map[string]any{"formatter": labels[i]}
						}
					}
				}
			}
		}
	}
	cs := &chartSpec{c: c, id: id, wide: true, height: height, caption: caption, unit: unit, prec: prec, labelEvery: 1}
	return &compareChart{spec: cs, patch: patch}
}

// xAxisNamed is x with its name under the labels.
func xAxisNamed(x opts.XAxis, name string) opts.XAxis {
	if name != "" {
		x.Name, x.NameLocation, x.NameGap = name, "middle", 28
	}
	return x
}
