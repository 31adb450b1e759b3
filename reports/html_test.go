package reports_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"github.com/ccsim/ccsim/analysis"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
)

// htmlSummary is twoQueueSummary with what only the HTML report draws:
// each queue's In queue and Scheduled per interval, the pooled waits, and
// caller-scheduled slots in the Callbacks queue.
func htmlSummary() (*analysis.Summary, []analysis.SlotQueue) {
	s := twoQueueSummary()
	for qi := range s.Queues {
		for h := range 24 {
			v := map[string][2]float64{"in_queue": {0, 0}, "scheduled": {0, 0}, "booked_waiting": {0, 0}}
			if h >= 8 && h < 17 && qi != 1 { // Support never queues
				x := float64(h - 8)
				v["in_queue"] = [2]float64{0.5 + 0.125*x + 0.111*float64(qi), 0.1}
				if qi == 2 {
					v["scheduled"] = [2]float64{0.2 + 0.0333*x, 0.05}
					v["booked_waiting"] = [2]float64{1.5 - 0.125*x, 0.2}
				}
			}
			s.Queues[qi].Intervals = append(s.Queues[qi].Intervals,
				analysis.IntervalSummary{Start: model.Duration(h) * model.Hour, Open: h >= 8 && h < 17, Metrics: metrics(10, v)})
		}
	}
	s.Overall = append(s.Overall, analysis.Metric{Key: "booked_waiting", Name: "booked, waiting for the slot time (avg)",
		Estimate: analysis.Estimate{Mean: 1.25, HalfWidth: 0.2, N: 10}})
	// Answered waits: 600 at once, then 5 s, 15 s, 45 s, 90 s, 240 s,
	// 420 s and an hour.
	for i, n := range []int{600, 150, 80, 90, 40, 25, 10, 5} {
		for range n {
			s.Waits.Add([]int64{0, 5000, 15000, 45000, 90000, 240000, 420000, 3600000}[i])
		}
	}
	slots := []analysis.SlotQueue{{Queue: "Callbacks", Reps: 10, Hours: []analysis.SlotHour{
		{Hour: 9, Capacity: 10, Booked: 7.5}, {Hour: 10, Capacity: 10, Booked: 10},
		{Hour: 11, Capacity: 10, Booked: 2.25}, {Hour: 33, Capacity: 5, Booked: 0},
	}}}
	return s, slots
}

// htmlScenario is a scenario matching twoQueueSummary, for the settings
// table.
// settingsOf is the settings view of s, as sim's Plan.Settings gives it.
func settingsOf(s *model.Scenario) *model.Settings {
	v := s.Describe()
	return &v
}

func htmlScenario() *model.Scenario {
	accept := 0.35
	return &model.Scenario{
		Name:        "two-queues",
		Description: "Sales and support on one day.\nCallbacks at the peak.",
		Queues: []model.Queue{
			{Name: "Sales", Hours: []model.Hours{{Days: []string{"mon", "tue", "wed", "thu", "fri"},
				Open:  model.At{Set: true, Clock: true, Value: 8 * model.Hour},
				Close: model.At{Set: true, Clock: true, Value: 17 * model.Hour}}}},
			{Name: "Support", MaxSize: 20},
			{Name: "Callbacks"},
		},
		RoutingProfiles: []model.RoutingProfile{{Name: "Both", Queues: []model.ProfileQueue{
			{Queue: "Sales", Priority: 1}, {Queue: "Support", Priority: 1}, {Queue: "Callbacks", Priority: 2, Delay: 30 * model.Second}}}},
		Agents: []model.AgentGroup{
			{Name: "sales", Count: 9, Profile: "Both", Shifts: []model.Shift{{
				Start: model.At{Set: true, Clock: true, Value: 8 * model.Hour}, End: model.At{Set: true, Clock: true, Value: 17 * model.Hour},
				Days:   []string{"mon", "tue", "wed", "thu", "fri", "sat"},
				Breaks: []model.Break{{Start: model.At{Set: true, Value: 2 * model.Hour}, Duration: 15 * model.Minute}}}},
				Shrinkage: 0.1},
			{Name: "support", Count: 3, Profile: "Both", Staffing: "support.csv"},
		},
		ContactTypes: []model.ContactType{
			{Name: "sale", Queue: "Sales", PerHour: 100, Talk: model.Dist{Kind: model.LogNormal, Mean: 4 * model.Minute, SD: 2 * model.Minute},
				ACW: model.Fixed(30 * model.Second), Patience: model.Dist{Kind: model.Exponential, Mean: 3 * model.Minute},
				Callback: &model.Callback{OfferAfter: model.Minute, AcceptProbability: &accept, Queue: "Callbacks",
					InitialDelay: model.Minute, MaxRetries: 2, RetryInterval: 15 * model.Minute, Expiry: 7 * model.Day,
					Dial:  &model.DialOutcomes{Answer: 0.8, NoAnswer: 0.15, Busy: 0.05},
					Slots: &model.Slots{PerHour: 10, DaysInAdvance: 7}}},
			{Name: "support", Queue: "Support", Forecast: "support-forecast.csv", Talk: model.Fixed(6 * model.Minute),
				ACW: model.Fixed(0), AgentCallbacks: &model.AgentCallbacks{Share: 0.05, Delay: model.Fixed(model.Day),
					Ownership: 4 * model.Hour, OnExpiry: "queue"}},
		},
	}
}

func TestHTMLReport_Charts(t *testing.T) {
	sum, slots := htmlSummary()
	r := &reports.HTMLReport{Summary: sum, Settings: settingsOf(htmlScenario()), Slots: slots}
	charts, err := r.Charts()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range charts {
		ids = append(ids, c.ID)
		// The golden file is the option indented; the page has it on one
		// line.
		var b bytes.Buffer
		if err := json.Indent(&b, c.Option, "", "  "); err != nil {
			t.Fatalf("chart %s: option is not JSON: %v", c.ID, err)
		}
		b.WriteByte('\n')
		golden(t, "html_"+c.ID+".json.golden", b.Bytes())
	}
	want := "service_level volumes occupancy queue_1 queue_3 waits callback_outcomes slots_1"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("charts %s, want %s (Support never queues: no chart)", got, want)
	}
}

func TestHTMLReport_Charts_oneReplication(t *testing.T) {
	// One replication: no band, no band tooltip; no callbacks: no
	// outcomes chart.
	r := &reports.HTMLReport{Summary: oneRepSummary()}
	charts, err := r.Charts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if c.ID == "callback_outcomes" {
			t.Errorf("a callback outcomes chart without callbacks")
		}
		if c.ID == "service_level" {
			if bytes.Contains(c.Option, []byte("95 % CI")) || c.Tooltip != "" {
				t.Errorf("one replication has a confidence band: tooltip %q, option %s", c.Tooltip, c.Option)
			}
		}
	}
}

func TestLabelStep(t *testing.T) {
	for _, tc := range []struct {
		n    int
		iv   model.Duration
		want int
	}{
		{16, 30 * model.Minute, 2},   // 8 h: every hour
		{24, model.Hour, 2},          // a day of hours: every 2 h
		{336, 30 * model.Minute, 24}, // a week: every 12 h
		{96, 15 * model.Minute, 8},   // a day of quarters: every 2 h
		{10, model.Hour, 1},
		{672, 15 * model.Minute, 48},
	} {
		if got := reports.LabelStep(tc.n, tc.iv); got != tc.want {
			t.Errorf("LabelStep(%d, %v) = %d, want %d", tc.n, tc.iv, got, tc.want)
		}
	}
}

// writeHTML renders r, failing the test on an error.
// checkSelfContained renders a page twice and checks what every page
// ccsim writes must be: the same for the same input, ECharts inlined,
// nothing to fetch (outside the library's code). It returns the page.
func checkSelfContained(t *testing.T, render func() string) string {
	t.Helper()
	page := render()
	if again := render(); again != page {
		t.Errorf("two renders of the same input differ")
	}
	js, err := reports.EChartsJS()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "<script>"+string(js)+"</script>") {
		t.Errorf("the page does not inline echarts.min.js")
	}
	html := strings.Replace(page, string(js), "", 1)
	if m := regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]*\s(src|href)=`).FindString(html); m != "" {
		t.Errorf("the page loads a resource: %s", m)
	}
	return page
}

func writeHTML(t *testing.T, r *reports.HTMLReport) string {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteHTML(t *testing.T) {
	sum, slots := htmlSummary()
	r := &reports.HTMLReport{Summary: sum, Settings: settingsOf(htmlScenario()), Slots: slots}
	page := checkSelfContained(t, func() string { return writeHTML(t, r) })
	if strings.Contains(page, "go-echarts.github.io") || strings.Contains(page, "__f__") {
		t.Errorf("the page has go-echarts' CDN or function markers")
	}
	if got := strings.Count(page, "<script"); got != 2 {
		t.Errorf("%d script elements, want 2 (ECharts and the charts)", got)
	}
	// Every chart is on the page with its fixed id and option.
	charts, err := r.Charts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if !strings.Contains(page, `id="`+c.ID+`"`) || !strings.Contains(page, `draw("`+c.ID+`", `+string(c.Option)+",") {
			t.Errorf("chart %s is not on the page with its option", c.ID)
		}
	}
	for _, want := range []string{
		"<title>ccsim report: two-queues</title>",
		"Content-Security-Policy",
		"<h2>Summary: all queues</h2>",
		`<td class="met">met</td>`, `<td class="missed">missed</td>`, `<td class="unsure">unsure</td>`,
		"<td>≥ 75.0</td>", "<td>≤ 25.0</td>",
		"<h2>Agents by group</h2>",
		"<h2>Callbacks: all working queues</h2>",
		"<th>service level</th><td>SL(30s): Amazon Connect definition",
		"<th>targets</th><td>service level ≥ 75 %, abandon rate ≤ 4 %, ASA ≤ 25s</td>",
		"<td>mon-fri 08:00-17:00</td>",
		"<td>Both: Sales (priority 1), Support (priority 1), Callbacks (priority 2, after 30s)</td>",
		"<td>mon-sat 08:00-17:00 (1 break); shrinkage 10 %</td>",
		"<td>staffing plan support.csv</td>",
		"<h2>Contact type sale</h2>",
		"<th>talk</th><td>lognormal, mean 4m, sd 2m</td>",
		"<th>callback</th><td>caller-scheduled slots (10 per hour, 7 days ahead), called at the asked time, then agent first</td>",
		"<th>dials</th><td>up to 3, at least 15m apart; redialled after no answer</td>",
		"<th>dial outcomes</th><td>answer 80 %, no answer 15 %, busy 5 %</td>",
		"<th>agent-booked</th><td>5 % of handled contacts, 1d ahead, agent-owned for 4h (then queue)</td>",
		// Slots and agent-booked callbacks waiting for their time: a row and
		// a series beside Scheduled.
		"booked, average",
		"Booked: callbacks booked for a time",
		"Apache ECharts " + reports.EChartsVersion,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestWriteHTML_escapesNames(t *testing.T) {
	// A scenario whose every name is markup, or go-echarts' marker for
	// functions: the page shows them as text and runs nothing of them.
	const evil = `<script>alert(1)</script>`
	const fn = `__f__alert(2)__f__`
	sum, slots := htmlSummary()
	sum.Scenario = "x" + evil
	sum.Queues[0].Name = evil
	sum.Queues[2].Name = fn
	sum.Agents[0].Name = evil
	slots[0].Queue = evil
	s := htmlScenario()
	s.Name, s.Description = sum.Scenario, evil+" & "+fn
	s.Queues[0].Name, s.Queues[2].Name = evil, fn
	s.ContactTypes[0].Name, s.ContactTypes[0].Queue = evil, evil
	s.Agents[0].Name = evil
	page := writeHTML(t, &reports.HTMLReport{Summary: sum, Settings: settingsOf(s), Slots: slots})

	checkScripts(t, page)
	// In the tables and titles: HTML-escaped text.
	for _, want := range []string{
		"<title>ccsim report: x&lt;script&gt;alert(1)&lt;/script&gt;</title>",
		"<h1>ccsim report: x&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
		"<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>",
		"&lt;script&gt;alert(1)&lt;/script&gt; &amp; __f__alert(2)__f__",
		"<h2>Contact type &lt;script&gt;alert(1)&lt;/script&gt;</h2>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// In the charts' options: JSON strings with <, > escaped, and the
	// function marker left a plain string.
	charts, err := (&reports.HTMLReport{Summary: sum, Slots: slots}).Charts()
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, c := range charts {
		if bytes.ContainsAny(c.Option, "<>&") {
			t.Errorf("chart %s: option has raw <, > or &: %s", c.ID, c.Option)
		}
		var opt struct {
			Title struct {
				Text string `json:"text"`
			} `json:"title"`
		}
		if err := json.Unmarshal(c.Option, &opt); err != nil {
			t.Fatal(err)
		}
		titles[c.ID] = opt.Title.Text
	}
	for id, want := range map[string]string{
		"queue_1": "Queue " + evil + ": contacts In queue and Scheduled",
		"queue_3": "Queue " + fn + ": contacts In queue and Scheduled",
		"slots_1": "Callback slots of " + evil + ": utilisation by hour of the week",
	} {
		if titles[id] != want {
			t.Errorf("chart %s title %q, want %q", id, titles[id], want)
		}
	}
	if !strings.Contains(page, `"text":"Queue __f__alert(2)__f__: contacts In queue and Scheduled"`) {
		t.Errorf("the function marker is not kept as a string in the page")
	}
	if !strings.Contains(page, `"text":"Queue \u003cscript`) {
		t.Errorf("the queue's name is not JSON-escaped in its chart title")
	}
}

func TestEChartsAsset(t *testing.T) {
	js, err := reports.EChartsJS()
	if err != nil {
		t.Fatal(err)
	}
	// The file `make assets` fetched and checked: the Makefile's digest.
	mk, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ECHARTS_SHA256\s*:=\s*([0-9a-f]{64})$`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("no ECHARTS_SHA256 in the Makefile")
	}
	sum := sha256.Sum256(js)
	if got, want := hex.EncodeToString(sum[:]), string(m[1]); got != want {
		t.Errorf("echarts.min.js sha256 %s, want the Makefile's %s (run make assets)", got, want)
	}
	if !regexp.MustCompile(`(?m)^ECHARTS_VERSION\s*:=\s*` + regexp.QuoteMeta(reports.EChartsVersion) + `$`).Match(mk) {
		t.Errorf("the Makefile does not fetch ECharts %s", reports.EChartsVersion)
	}
	// Inlined in a <script> element, it must not end it early nor open
	// an HTML comment in it.
	lower := bytes.ToLower(js)
	if bytes.Contains(lower, []byte("</script")) || bytes.Contains(js, []byte("<!--")) {
		t.Errorf("echarts.min.js contains </script or <!--: it cannot be inlined")
	}
	if _, err := reports.EChartsNotice(); err != nil {
		t.Error(err)
	}
}

// checkScripts fails if a page has an injected alert(1) script element or
// any script element beyond its two (the inlined library and its own).
func checkScripts(t *testing.T, page string) {
	t.Helper()
	if strings.Contains(page, "<script>alert(1)") || strings.Contains(page, "alert(1)</script>") {
		t.Errorf("the page contains the injected script element")
	}
	if got := strings.Count(strings.ToLower(page), "<script"); got != 2 {
		t.Errorf("%d script elements, want 2", got)
	}
	if got := strings.Count(strings.ToLower(page), "</script"); got != 2 {
		t.Errorf("%d ends of script elements, want 2", got)
	}
}
