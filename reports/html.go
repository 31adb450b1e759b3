package reports

import (
	"bytes"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"html/template"
	"io"
	"math"
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
	// Scenario, when not nil, gives the settings table its queues,
	// agents and contact types; without it the table has the summary's
	// settings only.
	Scenario *model.Scenario
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
	if r.Scenario != nil {
		data.Description = strings.TrimSpace(r.Scenario.Description)
	}
	data.Settings, data.Tables = r.settingsTables()
	data.Results = r.resultTables()
	page := components.NewPage()
	page.SetPageTitle(data.Title)
	for _, cs := range specs {
		opt, err := cs.option()
		if err != nil {
			return err
		}
		page.AddCharts(cs.c)
		data.Charts = append(data.Charts, htmlChart{ID: cs.id, Option: template.JS(opt), Wide: cs.wide,
			Height: cs.height, Caption: cs.caption, Tooltip: cs.tooltip})
	}
	if err := inlineLibrary(page, pageCSS); err != nil {
		return err
	}
	data.Page = page
	page.Renderer = &pageRenderer{data: data}
	return page.Render(w)
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

func (p *pageRenderer) Render(w io.Writer) error {
	tpl := echartsrender.MustTemplate("report", []string{templates.HeaderTpl, pageTemplate})
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "report", p.data); err != nil {
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
	s := fmt.Sprintf("Seed %d, %s, horizon %s from %s", sum.Seed, reps, sum.Horizon, FormatTimestamp(sum.Start))
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
	summary := metricTable(title, sum.Overall, pickKeys(sum.Overall, all, summaryKeys, func(k string) bool {
		return !isCallbackKey(k) && !isGroupKey(k)
	}), targets)
	summary.Note = "Service level SL(" + sum.ServiceLevel.String() + "): " +
		ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon) + ". " +
		"Counts are means per replication; agents, in queue and scheduled are averages over time."
	if targets {
		summary.Note += " Target: met when the whole confidence interval is on the goal's side, missed when it " +
			"is wholly on the other side, unsure when it straddles the goal."
	}
	out := []htmlTable{summary}

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
		total := 0
		for _, g := range sum.Agents {
			total += g.Agents
			t.add(g.Name, strconv.Itoa(g.Agents), cell(g.Metrics, "agents_logged_in"), cell(g.Metrics, "occupancy"),
				cell(g.Metrics, "contacts_handled"))
		}
		if len(sum.Agents) > 1 {
			t.add("all", strconv.Itoa(total), cell(sum.Overall, "agents_logged_in"), cell(sum.Overall, "occupancy"),
				cell(sum.Overall, "contacts_handled"))
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
		t := metricTable("Callbacks: all working queues", sum.Overall, append(keys, "scheduled"), false)
		t.Note = "Failed attempt: an agent accepted the callback but the customer was not joined. " +
			"Agent time lost: agent whisper and ringing of failed attempts. " +
			"Request to connect: from the callback request to the agent talking to the customer."
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
		{"start", FormatTimestamp(sum.Start)},
		{"horizon", sum.Horizon.String()},
		{"warm-up", sum.Warmup.String() + " (not counted)"},
		{"interval", sum.Interval.String() + " (cycle " + sum.Cycle.String() + ")"},
		{"service level", "SL(" + sum.ServiceLevel.String() + "): " +
			ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon)},
		{"targets", targetsText(sum.Targets)},
	}
	if sum.Warmup == 0 {
		kv[5].Value = "none"
	}
	s := r.Scenario
	if s == nil {
		return kv, nil
	}
	queues := htmlTable{Title: "Queues", Header: []string{"queue", "max size", "hours"}, Num: []bool{false, true, false}}
	for _, q := range s.Queues {
		size := "no cap"
		if q.MaxSize > 0 {
			size = strconv.Itoa(q.MaxSize)
		}
		queues.add(q.Name, size, hoursText(q.Hours))
	}
	agents := htmlTable{Title: "Agents", Header: []string{"group", "agents", "routing profile", "logged in"},
		Num: []bool{false, true, false, false}}
	for _, a := range s.Agents {
		agents.add(a.Name, strconv.Itoa(a.Count), profileText(s, a.Profile), agentText(s, a))
	}
	tables := []htmlTable{queues, agents}
	for _, ct := range s.ContactTypes {
		t := htmlTable{Title: "Contact type " + ct.Name, KV: true}
		arrivals := formatFixed(ct.PerHour, 1) + " per hour (Poisson)"
		if ct.Forecast != "" {
			arrivals = "forecast " + ct.Forecast
		}
		patience := "unlimited (never abandons)"
		if ct.Patience.IsSet() {
			patience = distText(ct.Patience)
		}
		t.add("queue", ct.Queue)
		t.add("arrivals", arrivals)
		t.add("talk", distText(ct.Talk))
		t.add("ACW", distText(ct.ACW))
		t.add("patience", patience)
		for _, kv := range callbackRows(ct) {
			t.add(kv.Key, kv.Value)
		}
		tables = append(tables, t)
	}
	return kv, tables
}

// targetsText lists the scenario's goals.
func targetsText(t *model.Targets) string {
	if t == nil {
		return "none"
	}
	var parts []string
	if t.ServiceLevel > 0 {
		parts = append(parts, "service level ≥ "+pctText(t.ServiceLevel))
	}
	if t.AbandonRate > 0 {
		parts = append(parts, "abandon rate ≤ "+pctText(t.AbandonRate))
	}
	if t.ASA > 0 {
		parts = append(parts, "ASA ≤ "+t.ASA.String())
	}
	if t.Occupancy > 0 {
		parts = append(parts, "occupancy ≤ "+pctText(t.Occupancy))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// pctText writes the fraction x as a percentage, "35 %".
func pctText(x float64) string {
	return strconv.FormatFloat(math.Round(1000*x)/10, 'f', -1, 64) + " %"
}

// distText describes a distribution of durations.
func distText(d model.Dist) string {
	switch d.Kind {
	case "":
		return "none"
	case model.Deterministic:
		return d.Mean.String()
	case model.Exponential:
		return "exponential, mean " + d.Mean.String()
	case model.LogNormal, model.Gamma:
		return string(d.Kind) + ", mean " + d.Mean.String() + ", sd " + d.SD.String()
	case model.Weibull:
		return "weibull, mean " + d.Mean.String() + ", shape " + strconv.FormatFloat(d.Shape, 'g', -1, 64)
	case model.Uniform:
		return "uniform " + d.Min.String() + " to " + d.Max.String()
	case model.Empirical:
		return "empirical, " + strconv.Itoa(len(d.Samples)) + " samples, mean " + d.MeanValue().String()
	}
	return string(d.Kind) + ", mean " + d.MeanValue().String()
}

// weekDays are the days of a week, in the order hours and shifts list
// them.
var weekDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// daysText writes a list of days, runs of three or more as "mon-fri".
func daysText(days []string) string {
	on := map[string]bool{}
	for _, d := range days {
		on[strings.ToLower(d)] = true
	}
	var parts []string
	for i := 0; i < len(weekDays); {
		if !on[weekDays[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(weekDays) && on[weekDays[j+1]] {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, weekDays[i]+"-"+weekDays[j])
		case j > i:
			parts = append(parts, weekDays[i], weekDays[j])
		default:
			parts = append(parts, weekDays[i])
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// atText writes a time of day as "07:00" (with seconds when it has
// them), or an offset from the start as "+2h".
func atText(a model.At) string {
	if !a.Clock {
		return "+" + a.Value.String()
	}
	v := a.Value
	s := fmt.Sprintf("%02d:%02d", v/model.Hour, v%model.Hour/model.Minute)
	if sec := v % model.Minute / model.Second; sec != 0 {
		s += fmt.Sprintf(":%02d", sec)
	}
	return s
}

// hoursText describes a queue's hours of operation.
func hoursText(hours []model.Hours) string {
	if len(hours) == 0 {
		return "always open"
	}
	var parts []string
	for _, h := range hours {
		parts = append(parts, daysText(h.Days)+" "+atText(h.Open)+"-"+atText(h.Close))
	}
	return strings.Join(parts, "; ")
}

// profileText describes a routing profile: its name and its queues by
// priority.
func profileText(s *model.Scenario, name string) string {
	i := s.ProfileIndex(name)
	if i < 0 {
		return name
	}
	var qs []string
	for _, q := range s.RoutingProfiles[i].Queues {
		t := q.Queue + " (priority " + strconv.Itoa(max(q.Priority, 1))
		if q.Delay > 0 {
			t += ", after " + q.Delay.String()
		}
		qs = append(qs, t+")")
	}
	return name + ": " + strings.Join(qs, ", ")
}

// agentText describes when an agent group is logged in.
func agentText(s *model.Scenario, a model.AgentGroup) string {
	var parts []string
	switch {
	case a.Staffing != "":
		parts = append(parts, "staffing plan "+a.Staffing)
	case len(a.Shifts) == 1 && !a.Shifts[0].Start.Clock && a.Shifts[0].Start.Value == 0 &&
		len(a.Shifts[0].Days) == 0 && len(a.Shifts[0].Breaks) == 0 &&
		(!a.Shifts[0].End.Set || (!a.Shifts[0].End.Clock && a.Shifts[0].End.Value >= s.Horizon)):
		parts = append(parts, "the whole horizon")
	default:
		for _, sh := range a.Shifts {
			t := atText(sh.Start) + "-" + atText(sh.End)
			if len(sh.Days) > 0 {
				t = daysText(sh.Days) + " " + t
			}
			if n := len(sh.Breaks); n > 0 {
				t += fmt.Sprintf(" (%d break", n)
				if n > 1 {
					t += "s"
				}
				t += ")"
			}
			parts = append(parts, t)
		}
	}
	if a.Shrinkage > 0 {
		parts = append(parts, "shrinkage "+pctText(a.Shrinkage))
	}
	if a.DeclineProbability > 0 {
		parts = append(parts, "declines "+pctText(a.DeclineProbability)+" of offers")
	}
	return strings.Join(parts, "; ")
}

// callbackRows describe the callbacks of a contact type: the flow's offer
// and the callback queue's settings, and the callbacks agents book.
func callbackRows(ct model.ContactType) []htmlKV {
	var rows []htmlKV
	if cb := ct.Callback; cb != nil {
		mode := "agent first"
		if cb.Mode == model.CustomerFirst {
			mode = "customer first, pacing " + strconv.Itoa(cb.Pacing)
		}
		if cb.Slots != nil {
			mode = "caller-scheduled slots (" + strconv.Itoa(cb.Slots.PerHour) + " per hour, " +
				strconv.Itoa(cb.Slots.DaysInAdvance) + " days ahead), then agent first"
		}
		offer := "after " + cb.OfferAfter.String() + " in queue"
		if cb.OfferMinExpectedWait > 0 {
			offer += ", if the expected wait is at least " + cb.OfferMinExpectedWait.String()
		}
		if p := cb.AcceptProbability; p != nil {
			offer += "; " + pctText(*p) + " accept"
		}
		dials := "up to " + strconv.Itoa(cb.MaxRetries+1)
		if cb.MaxRetries > 0 {
			dials += ", at least " + cb.RetryInterval.String() + " apart"
		}
		rows = append(rows,
			htmlKV{"callback", mode},
			htmlKV{"offered", offer},
			htmlKV{"working queue", cb.Queue},
			htmlKV{"initial delay", cb.InitialDelay.String()},
			htmlKV{"dials", dials})
		if cb.Expiry > 0 {
			rows = append(rows, htmlKV{"expiry", cb.Expiry.String()})
		}
		if cb.KeepPosition {
			rows = append(rows, htmlKV{"position", "keeps the original call's place"})
		}
		if cb.AgentWhisper > 0 || cb.OutboundWhisper > 0 {
			rows = append(rows, htmlKV{"whispers", cb.AgentWhisper.String() + " agent, " + cb.OutboundWhisper.String() + " customer"})
		}
		if d := cb.Dial; d != nil {
			var out []string
			for _, o := range []struct {
				name string
				p    float64
			}{{"answer", d.Answer}, {"no answer", d.NoAnswer}, {"busy", d.Busy}, {"voicemail", d.Voicemail}, {"invalid", d.Invalid}} {
				if o.p > 0 {
					out = append(out, o.name+" "+pctText(o.p))
				}
			}
			rows = append(rows, htmlKV{"dial outcomes", strings.Join(out, ", ")})
		}
	}
	if ac := ct.AgentCallbacks; ac != nil {
		t := pctText(ac.Share) + " of handled contacts, " + distText(ac.Delay) + " ahead"
		if ac.Ownership > 0 {
			t += ", agent-owned for " + ac.Ownership.String() + " (then " + ac.OnExpiry + ")"
		}
		if ac.RouteToMe {
			t += ", routed to the booking agent"
		}
		rows = append(rows, htmlKV{"agent-booked", t})
	}
	if len(rows) == 0 {
		rows = append(rows, htmlKV{"callback", "none"})
	}
	return rows
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
