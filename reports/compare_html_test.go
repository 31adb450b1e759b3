package reports_test

import (
	"bytes"
	"encoding/json"
	"github.com/ccsim/ccsim/analysis"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/reports"
)

// compareObjective is the ranking of TestCompareTables: lowest ASA, with
// occupancy at most 91.5 % (judged at 97.5 %, two variants).
var compareObjective = analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "occupancy", Op: "<=", Value: 91.5, Percent: true}}}

// compareHTML renders the comparison page, failing the test on an error.
func compareHTML(t *testing.T, c *analysis.Comparison, o analysis.Objective, meta reports.CompareMeta) string {
	t.Helper()
	var b bytes.Buffer
	if err := reports.CompareHTML(&b, c, o, meta); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCompareCharts(t *testing.T) {
	c, meta := comparison(t)
	charts, err := reports.CompareCharts(c, compareObjective, meta)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ch := range charts {
		ids = append(ids, ch.ID)
		var b bytes.Buffer
		if err := json.Indent(&b, ch.Option, "", "  "); err != nil {
			t.Fatalf("chart %s: option is not JSON: %v", ch.ID, err)
		}
		b.WriteByte('\n')
		golden(t, "compare_html_"+ch.ID+".json.golden", b.Bytes())
	}
	// No callbacks in the M/M/c queue: no callback charts. The objective
	// (ASA) and the service level have their differences drawn.
	want := "metric_service_level metric_asa metric_abandon_rate metric_occupancy diff_asa diff_service_level"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("charts %s, want %s", got, want)
	}

	// The error bars: each variant's [lo, mean, mean, mean, hi] (lo no
	// less than 0: a time is not negative), and for
	// a difference the paired and the unpaired interval around the same
	// mean.
	var opt struct {
		Series []struct {
			Name string `json:"name"`
			Type string `json:"type"`
			Data []struct {
				Name  string          `json:"name"`
				Value json.RawMessage `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(charts[1].Option, &opt); err != nil {
		t.Fatal(err)
	}
	// values decodes the value of item i of series s, an error bar.
	values := func(s, i int) []float64 {
		var v []float64
		if err := json.Unmarshal(opt.Series[s].Data[i].Value, &v); err != nil || len(v) != 5 {
			t.Fatalf("series %s item %d: %s is not an error bar (%v)", opt.Series[s].Name, i, opt.Series[s].Data[i].Value, err)
		}
		return v
	}
	asa, _ := analysis.Find(c.Variants[1].Summary.Overall, "asa")
	bar := values(0, 1)
	if opt.Series[0].Type != "boxplot" || opt.Series[0].Data[1].Name != "two more agents" ||
		math.Abs(bar[0]-max(asa.Lo(), 0)) > 0.05 || math.Abs(bar[4]-asa.Hi()) > 0.05 ||
		bar[1] != bar[2] || bar[2] != bar[3] || math.Abs(bar[2]-asa.Mean) > 0.05 {
		t.Errorf("ASA error bar of two more agents %v, want [lo, mean, mean, mean, hi] of %+v", bar, asa.Estimate)
	}
	// Drawn with a decimal more than the tables.
	if opt.Series[1].Type != "scatter" || string(opt.Series[1].Data[1].Value) != strconv.FormatFloat(math.Round(100*asa.Mean)/100, 'f', -1, 64) {
		t.Errorf("ASA mean of two more agents %s, want %.2f", opt.Series[1].Data[1].Value, asa.Mean)
	}
	if err := json.Unmarshal(charts[4].Option, &opt); err != nil {
		t.Fatal(err)
	}
	d, _ := c.Variants[1].Find("asa")
	paired, unpaired := values(0, 0), values(1, 0)
	if opt.Series[0].Name != "paired 95 % CI" || opt.Series[1].Name != "unpaired 95 % CI" ||
		math.Abs(paired[4]-paired[0]-2*d.Paired.HalfWidth) > 0.01 ||
		math.Abs(unpaired[4]-unpaired[0]-2*d.UnpairedHalfWidth) > 0.01 || paired[2] != unpaired[2] {
		t.Errorf("ASA difference: paired %v, unpaired %v; want the intervals of %+v", paired, unpaired, d)
	}
	if !(unpaired[4]-unpaired[0] > paired[4]-paired[0]) {
		t.Errorf("the unpaired interval %v is not wider than the paired one %v", unpaired, paired)
	}
}

func TestCompareHTML(t *testing.T) {
	c, meta := comparison(t)
	page := checkSelfContained(t, func() string { return compareHTML(t, c, compareObjective, meta) })
	if strings.Contains(page, "go-echarts.github.io") || strings.Contains(page, "__f__") {
		t.Errorf("the page has go-echarts' CDN or function markers")
	}
	if got := strings.Count(page, "<script"); got != 2 {
		t.Errorf("%d script elements, want 2 (ECharts and the charts)", got)
	}
	// The same Content-Security-Policy as the run report.
	sum, slots := htmlSummary()
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="[^"]*">`)
	if want := csp.FindString(writeHTML(t, &reports.HTMLReport{Summary: sum, Slots: slots})); want == "" || csp.FindString(page) != want {
		t.Errorf("Content-Security-Policy %q, want the run report's %q", csp.FindString(page), want)
	}
	charts, err := reports.CompareCharts(c, compareObjective, meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range charts {
		if !strings.Contains(page, `id="`+ch.ID+`"`) || !strings.Contains(page, `draw("`+ch.ID+`", `+string(ch.Option)+",") {
			t.Errorf("chart %s is not on the page with its option", ch.ID)
		}
	}
	for _, want := range []string{
		"<title>ccsim comparison: mmc</title>",
		"<p class=\"sub\">Comparison of 2 variants of mmc: seed 1, 4 replications each, on common random numbers. " +
			"95 % confidence intervals over 4 replications (Student t).</p>",
		"<tr><th>objective</th><td>asa, lowest first</td></tr>",
		"<tr><th>constraints</th><td>occupancy&lt;=91.5% (on the whole 97.5 % interval: simultaneous 95 %, Bonferroni over the 2 variants checked)</td></tr>",
		// Long names: labelled v1, ... as in the console tables.
		"<h2>Variants</h2>", "<tr><td>baseline</td><td>the scenario unchanged</td></tr>", "<tr><td>v1</td><td>two more agents</td></tr>",
		"<h2>Ranking: asa lowest first, subject to occupancy&lt;=91.5%</h2>",
		`<td class="met">met</td>`, `<td class="missed">breaks occupancy&lt;=91.5%</td>`, "<td>v1: two more agents</td>",
		"<h2>Metric by variant, with 95 % confidence intervals</h2>",
		"<h2>Paired differences from the baseline</h2>",
		"<h2>Estimates per variant</h2>",
		"<h2>Difference from the baseline, paired replication by replication</h2>",
		"<h2>Why pairing: 95 % interval of the service-level difference</h2>",
		`<th class="num">paired ±</th><th class="num">unpaired ±</th>`,
		"Apache ECharts " + reports.EChartsVersion,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The tables' figures are the console's.
	var text bytes.Buffer
	if err := reports.CompareTables(&text, reports.FormatTable, c, compareObjective, meta); err != nil {
		t.Fatal(err)
	}
	for _, cell := range regexp.MustCompile(`[-+]?\d+\.\d+ ± \d+\.\d+( \*)?`).FindAllString(text.String(), -1) {
		if !strings.Contains(page, ">"+strings.Replace(cell, "+", "&#43;", 1)+"</td>") {
			t.Errorf("the page lacks the console's cell %q", cell)
		}
	}
}

func TestCompareHTML_escapesNames(t *testing.T) {
	// Variant names come from the user's variants file: as markup and as
	// go-echarts' marker for functions, the page shows them as text and
	// runs nothing of them.
	const evil = `<script>alert(1)</script>`
	const fn = `__f__alert(1)__f__`
	c, meta := comparison(t)
	c.Variants[0].Name, c.Variants[1].Name = evil, fn
	meta.Scenario = "x" + evil
	page := compareHTML(t, c, compareObjective, meta)

	checkScripts(t, page)
	for _, want := range []string{
		"<title>ccsim comparison: x&lt;script&gt;alert(1)&lt;/script&gt;</title>",
		"<h1>ccsim comparison: x&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
		"<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>&lt;script&gt;alert(1)&lt;/script&gt; (the baseline: the scenario unchanged)</td></tr>",
		"<tr><td>v1</td><td>__f__alert(1)__f__</td></tr>",
		"<td>v1: __f__alert(1)__f__</td>",
		"<h2>Difference from the baseline (&lt;script&gt;alert(1)&lt;/script&gt;), paired replication by replication</h2>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	charts, err := reports.CompareCharts(c, compareObjective, meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range charts {
		if bytes.ContainsAny(ch.Option, "<>&") {
			t.Errorf("chart %s: option has raw <, > or &: %s", ch.ID, ch.Option)
		}
		// The names are plain JSON strings of the data items, for the
		// tooltip; the page's formatter escapes them.
		if strings.HasPrefix(ch.ID, "metric_") && (!bytes.Contains(ch.Option, []byte(`"name":"\u003cscript\u003ealert(1)\u003c/script\u003e"`)) ||
			!bytes.Contains(ch.Option, []byte(`"name":"__f__alert(1)__f__"`))) {
			t.Errorf("chart %s does not name the variants as JSON strings: %s", ch.ID, ch.Option)
		}
	}
}

func TestCompareHTML_edgeCases(t *testing.T) {
	// The baseline alone: its estimates, no differences.
	c, meta := comparison(t)
	c.Variants = c.Variants[:1]
	page := compareHTML(t, c, analysis.Objective{Key: "service_level", Maximize: true}, meta)
	if strings.Contains(page, `id="diff_`) || strings.Contains(page, "Paired differences") || strings.Contains(page, "Why pairing") {
		t.Errorf("a comparison of the baseline alone has differences")
	}
	if !strings.Contains(page, `id="metric_service_level"`) || !strings.Contains(page, "only the baseline (baseline)") {
		t.Errorf("a comparison of the baseline alone lacks its estimates")
	}

	// Undefined estimates (no contact answered: no ASA) are gaps, not
	// errors; an objective outside the tables' metrics gets its chart.
	c, meta = comparison(t)
	for i := range c.Variants[1].Summary.Overall {
		if m := &c.Variants[1].Summary.Overall[i]; m.Key == "asa" {
			m.Mean, m.HalfWidth = math.NaN(), math.NaN()
		}
	}
	for i := range c.Variants[1].Diffs {
		if d := &c.Variants[1].Diffs[i]; d.Key == "asa" {
			d.Paired.Mean, d.Paired.HalfWidth, d.UnpairedHalfWidth = math.NaN(), math.NaN(), math.NaN()
		}
	}
	charts, err := reports.CompareCharts(c, analysis.Objective{Key: "wait_p90"}, meta)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ch := range charts {
		ids = append(ids, ch.ID)
		if ch.ID == "metric_asa" && !bytes.Contains(ch.Option, []byte(`"value":["-","-","-","-","-"]`)) {
			t.Errorf("an undefined ASA is not a gap: %s", ch.Option)
		}
	}
	if want := "metric_service_level metric_asa metric_abandon_rate metric_occupancy metric_wait_p90 diff_wait_p90 diff_service_level"; strings.Join(ids, " ") != want {
		t.Errorf("charts %s, want %s", strings.Join(ids, " "), want)
	}
	compareHTML(t, c, analysis.Objective{Key: "asa"}, meta)
}

// TestCompareHTML_wide: from twelve variants the page's tables have a row
// per variant under its own name and a column per metric, and the ranking
// marks ties as the text report does.
func TestCompareHTML_wide(t *testing.T) {
	c, meta := wideComparison(t)
	o := analysis.Objective{Key: "occupancy"}
	page := compareHTML(t, c, o, meta)
	for _, want := range []string{
		`<th>variant</th><th class="num">service level SL(20s) (%)</th>`,
		`<th>variant - baseline</th><th class="num">service level SL(20s) (%)</th>`,
		"<td>agents=96 shrinkage=0% try=0</td>",
		`<td class="num">6=</td>`,
		`A rank marked &#34;=&#34; is shared`,
		"<h2>Metric by setting</h2>", `id="heatmap_occupancy"`, `id="heatmap_service_level"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestGridOf: variant names as --set grids write them lay out as a grid
// of settings (the last setting down the side); other names do not.
func TestGridOf(t *testing.T) {
	named := func(names ...string) *analysis.Comparison {
		c := &analysis.Comparison{}
		for _, n := range append([]string{"baseline"}, names...) {
			c.Variants = append(c.Variants, analysis.VariantSummary{Name: n})
		}
		return c
	}
	xs, ys, xName, yName, cell, ok := reports.GridOf(named(
		"max_retries=0 retry_interval=5m", "max_retries=0 retry_interval=1h",
		"max_retries=1 retry_interval=5m", "max_retries=1 retry_interval=1h", "max_retries=2 retry_interval=5m"))
	if !ok || !slices.Equal(xs, []string{"0", "1", "2"}) || !slices.Equal(ys, []string{"5m", "1h"}) ||
		xName != "max_retries" || yName != "retry_interval" {
		t.Fatalf("GridOf = %q, %q, %q, %q, %v", xs, ys, xName, yName, ok)
	}
	if want := [][]int{{1, 3, 5}, {2, 4, -1}}; !reflect.DeepEqual(cell, want) {
		t.Errorf("cells %v, want %v (variant 2 at 1h, none for max_retries=2 at 1h)", cell, want)
	}
	xs, ys, _, _, cell, ok = reports.GridOf(named("seed=1", "seed=2", "seed=3"))
	if !ok || !slices.Equal(xs, []string{"seed=1", "seed=2", "seed=3"}) || !slices.Equal(ys, []string{"seed"}) || !reflect.DeepEqual(cell, [][]int{{1, 2, 3}}) {
		t.Errorf("one setting: %q, %q, %v, %v; want one row", xs, ys, cell, ok)
	}
	for _, names := range [][]string{
		{"no redials", "patient redials"},          // a variants file's names
		{"a=1 b=2", "a=1"},                         // different settings
		{"a=1 b=2", "b=2 a=1"},                     // in another order
		{"a=1 b=2", "a=1 b=2"},                     // twice the same settings
		{"a={dist: exponential, mean: 2m}", "a=1"}, // a value with spaces
	} {
		if _, _, _, _, _, ok := reports.GridOf(named(names...)); ok {
			t.Errorf("GridOf(%q): a grid", names)
		}
	}
}
