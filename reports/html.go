package reports

import (
	"bytes"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsim/ccsim/model"
	"github.com/go-echarts/go-echarts/v2/components"
	echartsrender "github.com/go-echarts/go-echarts/v2/render"
	"github.com/go-echarts/go-echarts/v2/templates"
)

// HTMLReport is what the HTML report of a set of replications shows.
type HTMLReport struct {
	Summary *analysis.Summary
	// Settings, when not nil, gives the settings table its queues,
	// agents and contact types (sim's Plan.Settings: what the run
	// compiled); without it the table has the summary's settings only.
	Settings *model.Settings
	// Slots are the caller-scheduled callback slots ([analysis.SumSlots]).
	Slots []analysis.SlotQueue
}

// Charts returns the charts of the report, in page order, each with its
// option JSON as the page embeds it.
func (r *HTMLReport) Charts() ([]Chart, error) {
	specs := newChartBuilder(r).specs()
	out := make([]Chart, 0, len(specs))
	for _, cs := range specs {
		opt, err := cs.option()
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{ID: cs.id, Option: opt, Wide: cs.wide, Height: cs.height,
			Caption: cs.caption, Tooltip: cs.tooltip})
	}
	return out, nil
}

// WriteHTML writes the report as one self-contained HTML page: a go-echarts
// page whose preset script (ECharts from a CDN) is replaced by the
// embedded echarts.min.js, inlined, so that the page opens from disk with
// no network. Above the charts it has the scenario's settings and the
// summary, agents and callbacks tables.
//
// Every text that comes from the scenario (its name and description,
// queue, agent group and contact type names) is HTML-escaped in the
// tables, and JSON-escaped with "<", ">" and "&" as \u003c, \u003e and
// \u0026 in the charts' options, so that it shows as text and can never
// close the script element it sits in. The page is the same, byte for
// byte, for the same summary.
func WriteHTML(w io.Writer, r *HTMLReport) error {
	specs := newChartBuilder(r).specs()
	data := &htmlPage{
		Title:    "ccsim report: " + r.Summary.Scenario,
		Subtitle: reportSubtitle(r.Summary),
		BandLow:  bandLow,
		BandName: bandName,

		EChartsVersion: EChartsVersion,
	}
	if r.Settings != nil {
		data.Description = r.Settings.Description
	}
	data.Settings, data.Tables = r.settingsTables()
	data.Results = r.resultTables()
	page := components.NewPage()
	page.SetPageTitle(data.Title)
	var err error
	if data.Charts, err = addCharts(page, specs); err != nil {
		return err
	}
	if err := inlineLibrary(page, pageCSS); err != nil {
		return err
	}
	data.Page = page
	page.Renderer = &pageRenderer{data: data}
	return page.Render(w)
}

// addCharts puts the charts of specs on page and returns them as the page
// draws them, each with its option JSON.
func addCharts(page *components.Page, specs []*chartSpec) ([]htmlChart, error) {
	var out []htmlChart
	for _, cs := range specs {
		opt, err := cs.option()
		if err != nil {
			return nil, err
		}
		page.AddCharts(cs.c)
		out = append(out, cs.html(opt))
	}
	return out, nil
}

// pageRenderer renders the report page: go-echarts' header template (the
// page title and the customized headers holding the inlined library),
// then ccsim's body, whose script passes each chart's HTML-safe option
// JSON to ECharts. go-echarts' own chart template writes options with
// HTML escaping off and turns any "__f__"-quoted string, user text
// included, into code, so it is not used.
type pageRenderer struct {
	data *htmlPage
}

func (p *pageRenderer) Render(w io.Writer) error { return renderPage(w, "report", p.data) }

// renderPage executes template name of go-echarts' header template, the
// run report's pageTemplate (its page, cards, footer and draw script)
// and the page's own templates, with data, and writes the page whole:
// nothing is written when a template fails.
func renderPage(w io.Writer, name string, data any, own ...string) error {
	tpl := echartsrender.MustTemplate(name, append([]string{templates.HeaderTpl, pageTemplate}, own...))
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func (p *pageRenderer) RenderContent() []byte {
	var b bytes.Buffer
	if err := p.Render(&b); err != nil {
		panic("reports: " + err.Error())
	}
	return b.Bytes()
}

func (p *pageRenderer) RenderSnippet() echartsrender.ChartSnippet {
	panic("reports: a report page has no snippet; use HTMLReport.Charts")
}

// htmlPage is the data of the page template.
type htmlPage struct {
	Page        *components.Page
	Title       string
	Subtitle    string
	Description string
	Settings    []htmlKV
	Tables      []htmlTable // queues, agents, contact types
	Results     []htmlTable // summary, agents, callbacks
	Charts      []htmlChart
	BandLow     string
	BandName    string
	// EChartsVersion is the version of the inlined library.
	EChartsVersion string
}

// htmlChart is a chart on the page.
type htmlChart struct {
	ID      string
	Option  template.JS
	Wide    bool
	Height  int
	Caption string
	Tooltip string
	// Unit and Prec are what the tooltip formatter writes after a value
	// and how many digits (chart pages; the run report's formatters know
	// their own).
	Unit string
	Prec int
}

// htmlKV is a row of the settings table.
type htmlKV struct{ Key, Value string }

// htmlTable is a table of the page.
type htmlTable struct {
	Title string
	// KV tables have no header: a key column, then the value.
	KV     bool
	Header []string
	// Num marks the right-aligned (numeric) columns.
	Num  []bool
	Rows [][]htmlCell
	Note string
}

// htmlCell is a table cell; Class styles it ("met", "missed", "unsure").
type htmlCell struct{ Text, Class string }

func (t *htmlTable) add(cells ...string) {
	row := make([]htmlCell, len(cells))
	for i, c := range cells {
		row[i] = htmlCell{Text: c}
	}
	t.Rows = append(t.Rows, row)
}

// IsNum reports whether column i is numeric.
func (t htmlTable) IsNum(i int) bool { return i < len(t.Num) && t.Num[i] }

// CellClass is the class of cell c of column i: "num" for a numeric
// column, and the cell's own class.
func (t htmlTable) CellClass(i int, c htmlCell) string {
	var cls []string
	if t.IsNum(i) {
		cls = append(cls, "num")
	}
	if c.Class != "" {
		cls = append(cls, c.Class)
	}
	return strings.Join(cls, " ")
}

// reportSubtitle is the line under the page title.
func reportSubtitle(sum *analysis.Summary) string {
	reps := "1 replication"
	if sum.Reps != 1 {
		reps = strconv.Itoa(sum.Reps) + " replications"
	}
	s := fmt.Sprintf("Seed %d, %s, horizon %s from %s", sum.Seed, reps, sum.Horizon, startText(sum.Start))
	if sum.Warmup > 0 {
		s += ", warm-up " + sum.Warmup.String() + " not counted"
	}
	return s + ". " + ConfidenceNote(sum.Reps)
}

// resultTables are the summary, agents and callbacks tables of the page.
func (r *HTMLReport) resultTables() []htmlTable {
	sum := r.Summary
	withCI := sum.Reps > 1
	targets := hasTargets(sum)
	metricTable := func(title string, ms []analysis.Metric, keys []string, targets bool) htmlTable {
		t := htmlTable{Title: title, Header: []string{"metric", "mean"}, Num: []bool{false, true}}
		if withCI {
			t.Header, t.Num = append(t.Header, "95 % CI"), append(t.Num, true)
		}
		t.Header, t.Num = append(t.Header, "unit"), append(t.Num, false)
		if targets {
			t.Header, t.Num = append(t.Header, "target", "status"), append(t.Num, false, false)
		}
		for _, k := range keys {
			m, ok := analysis.Find(ms, k)
			if !ok {
				continue
			}
			p := precision(m)
			row := []htmlCell{{Text: metricLabel(m, sum.ServiceLevel)}, {Text: meanText(m.Estimate, p)}}
			if withCI {
				row = append(row, htmlCell{Text: halfWidthText(m.Estimate, p)})
			}
			row = append(row, htmlCell{Text: unitLabel(m)})
			if targets {
				goal, status := sum.TargetStatus(m)
				g := ""
				if status != analysis.TargetNone {
					op := "≤ "
					if m.Key == "service_level" {
						op = "≥ "
					}
					g = op + formatFixed(goal, p)
				}
				row = append(row, htmlCell{Text: g}, htmlCell{Text: status, Class: status})
			}
			t.Rows = append(t.Rows, row)
		}
		return t
	}
	all := []scope{{name: "all", metrics: sum.Overall}}
	title := "Summary: all queues"
	if len(sum.Queues) == 1 {
		title = "Summary: queue " + sum.Queues[0].Name
	}
	summary := metricTable(title, sum.Overall, pickKeys(sum.Overall, all, summaryKeys, inboundFamily), targets)
	summary.Note = "Inbound contacts only, but for in queue (every contact waiting, callbacks included) and scheduled (callbacks). " +
		"Service level SL(" + sum.ServiceLevel.String() + "): " +
		ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon) + ". " +
		"Counts are means per replication; agents logged in is an average over the open hours, in queue and scheduled over the whole run."
	if targets {
		summary.Note += " Target: met when the whole confidence interval is on the goal's side, missed when it " +
			"is wholly on the other side, unsure when it straddles the goal."
	}
	out := []htmlTable{summary}
	if hasRedials(sum.Overall) {
		t := metricTable("Repeat calls and customers: all queues", sum.Overall, redialKeys, false)
		t.Note = redialNote
		out = append(out, t)
	}

	if len(sum.Agents) > 0 {
		t := htmlTable{Title: "Agents by group", Header: []string{"group", "agents", "logged in, average",
			"occupancy %", "contacts handled"}, Num: []bool{false, true, true, true, true}}
		cell := func(ms []analysis.Metric, key string) string {
			m, ok := analysis.Find(ms, key)
			if !ok {
				return noValue
			}
			return estimateText(m.Estimate, precision(m))
		}
		// Break and lunch hours, only for scenarios whose agents took
		// breaks (as in the text report).
		breaks := false
		for _, g := range sum.Agents {
			_, ok := analysis.Find(g.Metrics, "break_hours")
			breaks = breaks || ok
		}
		if breaks {
			t.Header = append(t.Header, "break h", "lunch h")
			t.Num = append(t.Num, true, true)
		}
		total := 0
		for _, g := range sum.Agents {
			total += g.Agents
			row := []string{g.Name, strconv.Itoa(g.Agents), cell(g.Metrics, "agents_logged_in"), cell(g.Metrics, "occupancy"),
				cell(g.Metrics, "contacts_handled")}
			if breaks {
				row = append(row, cell(g.Metrics, "break_hours"), cell(g.Metrics, "lunch_hours"))
			}
			t.add(row...)
		}
		if len(sum.Agents) > 1 {
			row := []string{"all", strconv.Itoa(total), cell(sum.Overall, "agents_logged_in"), cell(sum.Overall, "occupancy"),
				cell(sum.Overall, "contacts_handled")}
			if breaks {
				row = append(row, cell(sum.Overall, "break_hours"), cell(sum.Overall, "lunch_hours"))
			}
			t.add(row...)
		}
		out = append(out, t)
	}

	hasCallbacks := false
	for _, m := range sum.Overall {
		hasCallbacks = hasCallbacks || (isCallbackKey(m.Key) && nonzero(sum.Overall, m.Key))
	}
	if hasCallbacks {
		keys := pickKeys(sum.Overall, all, callbackKeys, isCallbackKey)
		if !customerFirst(all) {
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == "cb_reached" || k == "cb_request_to_reach" })
		}
		keys = append(keys, "scheduled")
		if nonzero(sum.Overall, "booked_waiting") {
			keys = append(keys, "booked_waiting")
		}
		t := metricTable("Callbacks: all working queues", sum.Overall, keys, false)
		t.Note = "Callbacks only, once per request. Failed attempt: an agent accepted the callback but the customer was not joined. " +
			"Agent time lost: agent whisper and ringing of failed attempts. " +
			"Request to connect: from the callback request to the agent talking to the customer. " +
			"Time Scheduled and In queue: per finished callback, over all its attempts."
		out = append(out, t)
	}
	if nonzero(sum.Overall, "q_cb_queued") {
		t := metricTable("Contacts queued: inbound contacts and callback legs, all queues", sum.Overall, queuedKeys, false)
		t.Note = queuedNote(sum.ServiceLevel.String())
		out = append(out, t)
	}
	return out
}

// settingsTables are the scenario's settings: a list of key and value,
// and the tables of its queues, agents and contact types.
func (r *HTMLReport) settingsTables() ([]htmlKV, []htmlTable) {
	sum := r.Summary
	kv := []htmlKV{
		{"scenario", sum.Scenario},
		{"seed", strconv.FormatUint(sum.Seed, 10)},
		{"replications", strconv.Itoa(sum.Reps)},
		{"start", startText(sum.Start)},
		{"horizon", sum.Horizon.String()},
		{"warm-up", sum.Warmup.String() + " (not counted)"},
		{"interval", sum.Interval.String() + " (cycle " + sum.Cycle.String() + ")"},
		{"service level", "SL(" + sum.ServiceLevel.String() + "): " +
			ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon)},
		{"targets", sum.Targets.Describe()},
	}
	if sum.Warmup == 0 {
		kv[5].Value = "none"
	}
	if r.Settings == nil {
		return kv, nil
	}
	var tables []htmlTable
	for _, st := range r.Settings.Tables {
		t := htmlTable{Title: st.Title, KV: st.Columns == nil, Header: st.Columns, Num: st.Counts}
		for _, row := range st.Rows {
			t.add(row...)
		}
		tables = append(tables, t)
	}
	return kv, tables
}

// inlineLibrary makes a page that has had its charts added
// self-contained: it drops go-echarts' preset assets (AddCharts brings the
// CDN script), forbids the page to load anything from anywhere, adds the
// styles and inlines ECharts with its licence notice.
func inlineLibrary(page *components.Page, css string) error {
	js, err := EChartsJS()
	if err != nil {
		return err
	}
	notice, err := EChartsNotice()
	if err != nil {
		return err
	}
	if bytes.Contains(bytes.ToLower(js), []byte("</script")) || bytes.Contains(js, []byte("<!--")) {
		// Inlined, it would end the script element early.
		return fmt.Errorf("reports: the embedded echarts.min.js cannot be inlined: it contains </script or <!--")
	}
	page.ClearPresetJSAssets()
	page.ClearPresetCSSAssets()
	page.AddCustomizedHeaders(
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; `+
			`style-src 'unsafe-inline'; img-src data:">`,
		"<style>"+css+"</style>",
		"<!-- Apache ECharts "+EChartsVersion+", Apache License 2.0. "+
			strings.ReplaceAll(strings.TrimSpace(string(notice)), "--", "- -")+" -->\n<script>"+string(js)+"</script>",
	)
	return nil
}
