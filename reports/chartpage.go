package reports

import (
	"io"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/components"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The fit, backtest and roster pages are charts only: a title, a
// paragraph or two, then the charts. They are built as the run report is
// (WriteHTML): go-echarts charts (chartSpec) whose options are re-encoded
// as HTML-safe JSON, ECharts inlined with the same Content-Security-Policy
// and styles, the run report's chart cards, captions and footer, so that
// every page ccsim writes has one style.

// chartPageTemplate is a page of charts, an html/template executed with
// go-echarts' "header" template and the run report's "chart", "footer"
// and "drawjs" templates (pageTemplate). Everything it prints is escaped
// for its context; the chart options are HTML-safe JSON (template.JS).
const chartPageTemplate = `{{define "charts"}}<!DOCTYPE html>
<html lang="en">
{{- template "header" .Page}}
<body>
<main>
<header class="top">
<h1>{{.Title}}</h1>
{{- range .Intro}}
<p class="desc">{{.}}</p>
{{- end}}
</header>
<div class="grid">
{{- range .Charts}}{{template "chart" .}}{{end}}
</div>
{{- template "footer" .}}
</main>
<script>
"use strict";
(function () {
  // A band's tooltip reads "prediction interval: lo to hi" (its hidden
  // lower edge is the series bandLowEdge); other charts use ECharts' own.
  var formatters = {
    band: function (unit, prec) { return function (ps) { return bandTip(ps, {{.BandLow}}, {{.BandName}}, unit, prec); }; }
  };
{{- template "drawjs"}}
{{- range .Charts}}
  draw({{.ID}}, {{.Option}}, {{.Tooltip}}, {{.Unit}}, {{.Prec}});
{{- end}}
})();
</script>
</body>
</html>
{{end}}`

// chartPage is the data of chartPageTemplate.
type chartPage struct {
	Page   *components.Page
	Title  string
	Intro  []string
	Charts []htmlChart
	// EChartsVersion is the version of the inlined library.
	EChartsVersion string
	// BandLow and BandName name a band's hidden lower edge and its
	// width, for the band tooltip.
	BandLow, BandName string
}

// writeChartPage writes a self-contained page of the charts specs under
// title and the intro's paragraphs. The page is the same, byte for byte,
// for the same charts.
func writeChartPage(w io.Writer, title string, intro []string, specs []*chartSpec) error {
	data := &chartPage{Title: title, Intro: intro, EChartsVersion: EChartsVersion, BandLow: bandLowEdge, BandName: bandPI}
	page := components.NewPage()
	page.SetPageTitle(title)
	for _, cs := range specs {
		cs.c.Accept(extraOptions{})
	}
	var err error
	if data.Charts, err = addCharts(page, specs); err != nil {
		return err
	}
	if err := inlineLibrary(page, pageCSS); err != nil {
		return err
	}
	data.Page = page
	return renderPage(w, "charts", data, chartPageTemplate)
}

// Chart colours of the fit and backtest pages: the data in black, the
// simulation's mean and the staffing in blue, its prediction band (and
// the observed histogram) in light blue, what the fit or the band says is
// off in red.
const (
	colourActual  = "#222"
	colourMean    = "#3182bd"
	colourPIBand  = "#9ecae1"
	colourOutside = "#d62728"
	colourKMBand  = "#777"
)

// sliderZoom is the data zoom under a long interval axis: a slider 18
// pixels high, 8 above the chart's bottom edge (extraOptions sizes it).
var sliderZoom = charts.WithDataZoomOpts(opts.DataZoom{Type: "slider"})

// bandLowEdge and bandPI name the hidden lower edge of a prediction band
// and its width stacked on it: the page's band tooltip (bandTip) reads
// the two as one line, "prediction interval: lo to hi".
const (
	bandLowEdge = "band-low"
	bandPI      = "prediction interval"
)

// zoomGrid is the grid of a chart with sliderZoom: room under the axis
// labels for the slider, and on the left for half the first label
// ("Mon 06-03 00:00"), which sits centred under the axis' first tick.
var zoomGrid = oneGrid(opts.Grid{Left: "40", Right: "24", Top: "84", Bottom: "40", ContainLabel: opts.Bool(true)})

// namedXGrid is the grid of a chart whose x axis has a name, which goes
// under the axis labels (nameBelow): room for it.
var namedXGrid = oneGrid(opts.Grid{Left: "12", Right: "24", Top: "84", Bottom: "28", ContainLabel: opts.Bool(true)})

// nameBelow puts an x axis' name centred under its labels, where it is
// not cut at the chart's right edge.
func nameBelow(x opts.XAxis) opts.XAxis {
	x.NameLocation, x.NameGap = "middle", 26
	return x
}

// extraOptions sets, through go-echarts' documented escape hatch (a
// charts.ConfigurationVisitor given to the chart's Accept; go-echarts'
// docs/en-us/visitor.md), the options go-echarts has no field for: the
// height of a slider data zoom and its distance from the bottom
// (opts.DataZoom has neither). The value stays typed: go-echarts' struct
// embedded in one with the extra fields. writeChartPage gives it to every
// chart of its page.
type extraOptions struct {
	charts.BaseConfigurationVisitor
}

// zoomSlider is opts.DataZoom with the slider's size.
type zoomSlider struct {
	opts.DataZoom
	Height int `json:"height"`
	Bottom int `json:"bottom"`
}

func (v extraOptions) VisitDataZooms(zs []opts.DataZoom) interface{} {
	out := make([]any, len(zs))
	for i, z := range zs {
		if z.Type == "slider" {
			out[i] = zoomSlider{DataZoom: z, Height: 18, Bottom: 8}
		} else {
			out[i] = z
		}
	}
	return out
}
