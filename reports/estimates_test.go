package reports_test

import (
	"bytes"
	"encoding/json"
	"github.com/ccsim/ccsim/analysis"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ccsim/ccsim/erlang"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
)

var nan = math.NaN()

// metricNames are the keys, names and units of sim's metrics, in sim's
// order (sim/summary.go).
var metricNames = [][3]string{
	{"offered", "offered", "contacts"},
	{"handled", "handled", "contacts"},
	{"abandoned", "abandoned", "contacts"},
	{"blocked", "blocked", "contacts"},
	{"closed", "closed (after hours)", "contacts"},
	{"callback_transferred", "took a callback", "contacts"},
	{"service_level", "service level", "%"},
	{"sl_connect", "SL connect", "%"},
	{"sl_answered", "SL answered", "%"},
	{"sl_answered_excl_short", "SL excl short", "%"},
	{"asa", "ASA", "s"},
	{"wait_p50", "wait p50", "s"},
	{"wait_p90", "wait p90", "s"},
	{"wait_p95", "wait p95", "s"},
	{"p_wait", "P(wait)", "%"},
	{"abandon_rate", "abandon rate", "%"},
	{"occupancy", "occupancy", "%"},
	{"agents_logged_in", "agents", ""},
	{"contacts_handled", "contacts handled", "contacts"},
	{"in_queue", "in queue (avg)", ""},
	{"scheduled", "scheduled (avg)", ""},
	{"booked_waiting", "booked, waiting for the slot time (avg)", ""},
	{"cb_requested", "callbacks requested", "contacts"},
	{"cb_handled", "callbacks handled", "contacts"},
	{"cb_voicemail", "  of which voicemail", "contacts"},
	{"cb_expired", "callbacks expired", "contacts"},
	{"cb_unreached", "callbacks unreached", "contacts"},
	{"cb_dial_attempts", "dial attempts", ""},
	{"cb_failed_attempts", "failed attempts", ""},
	{"cb_no_answer", "  no answer", ""},
	{"cb_busy", "  busy", ""},
	{"cb_invalid", "  invalid number", ""},
	{"cb_attempts_per_handled", "attempts / handled", ""},
	{"cb_agent_time_lost", "agent time lost", "h"},
	{"cb_request_to_connect", "request to connect", "s"},
	{"cb_reached", "customers reached", "contacts"},
	{"cb_request_to_reach", "request to reach", "s"},
	{"cb_abandoned_after_connect", "abandoned after connect", "contacts"},
	{"cb_agent_scheduled", "agent-scheduled", "contacts"},
	{"cb_agent_owned", "agent-owned", "contacts"},
	{"cb_owned_to_queue", "owned, expired to queue", "contacts"},
	{"cb_owned_disconnected", "owned, expired, dropped", "contacts"},
	{"slot_pushed", "slot pushed later", "contacts"},
	{"slot_declined", "slot declined", "contacts"},
	{"slot_unavailable", "no slot free", "contacts"},
	{"slot_unconfirmed", "slot unconfirmed", "contacts"},
}

// metrics builds metrics from key -> {mean, half width}, in sim's order,
// leaving out keys not in vals. Every metric is defined in n replications
// (0 when the mean is NaN); the standard deviation is made up from the
// half width.
func metrics(n int, vals map[string][2]float64) []analysis.Metric {
	var out []analysis.Metric
	for _, k := range metricNames {
		v, ok := vals[k[0]]
		if !ok {
			continue
		}
		e := analysis.Estimate{Mean: v[0], HalfWidth: v[1], SD: v[1] * 1.4, N: n}
		if math.IsNaN(v[0]) {
			e.N, e.HalfWidth, e.SD = 0, nan, nan
		}
		if n < 2 {
			e.HalfWidth, e.SD = nan, nan
		}
		out = append(out, analysis.Metric{Key: k[0], Name: k[1], Unit: k[2], Estimate: e})
	}
	return out
}

// twoQueueSummary is a hand-built summary of 10 replications of a centre
// with two inbound queues (Sales takes callbacks, Support does not, and
// nothing ever left Support's queue within an hour), and a Callbacks
// working queue; one day of hourly intervals, open 08:00-17:00.
func twoQueueSummary() *analysis.Summary {
	const reps = 10
	s := &analysis.Summary{
		Scenario: "two-queues", Seed: 42, Reps: reps, Start: day,
		Horizon: model.Day, Warmup: 30 * model.Minute, Interval: model.Hour, Cycle: model.Day, OpenTime: 9 * model.Hour,
		ServiceLevel: 30 * model.Second, ShortAbandon: 5 * model.Second, SLDefinition: model.SLConnect,
		// Service level met, abandon rate missed, ASA unsure (24.68 ±
		// 2.75 around 25 s), occupancy without a goal.
		Targets: &model.Targets{ServiceLevel: 0.75, AbandonRate: 0.04, ASA: 25 * model.Second},
	}
	s.Overall = metrics(reps, map[string][2]float64{
		"offered": {1203.4, 21.55}, "handled": {1050.1, 19.3}, "abandoned": {61.2, 7.04}, "blocked": {10, 0},
		"callback_transferred": {75.3, 6.1}, "service_level": {80.04, 1.26}, "sl_connect": {80.04, 1.26},
		"sl_answered": {76.5, 1.31}, "sl_answered_excl_short": {77.92, 1.3}, "asa": {24.68, 2.75},
		"wait_p50": {4.2, 0.8}, "wait_p90": {61.3, 5.5}, "wait_p95": {95.04, 7.7}, "p_wait": {41.37, 1.9},
		"abandon_rate": {5.3, 0.6}, "occupancy": {87.66, 0.74}, "agents_logged_in": {11.25, 0},
		"in_queue": {1.834, 0.215}, "scheduled": {0.421, 0.052},
		"cb_requested": {105.3, 8.12}, "cb_handled": {96.1, 7.9}, "cb_voicemail": {6.2, 1.45},
		"cb_expired": {1.1, 0.9}, "cb_unreached": {5.3, 1.6}, "cb_dial_attempts": {121.7, 9.3},
		"cb_failed_attempts": {24.4, 3.2}, "cb_attempts_per_handled": {1.2664, 0.031},
		"cb_agent_time_lost": {0.4417, 0.061}, "cb_request_to_connect": {905.35, 88.2},
		"closed": {4.6, 1.2}, "cb_reached": {90.3, 7.7}, "cb_request_to_reach": {890.1, 85.4},
		"cb_abandoned_after_connect": {0, 0}, "cb_agent_owned": {0, 0}, "slot_declined": {0, 0},
		"contacts_handled": {1146.2, 20.1}, "cb_no_answer": {17.1, 2.9}, "cb_busy": {7.3, 1.4}, "cb_invalid": {0, 0},
	})
	group := func(agents float64, occ, handled float64) []analysis.Metric {
		return metrics(reps, map[string][2]float64{
			"occupancy": {occ, 0.81}, "agents_logged_in": {agents, 0}, "contacts_handled": {handled, 14.3},
		})
	}
	s.Agents = []analysis.GroupSummary{
		{Name: "sales", Agents: 9, Metrics: group(8.25, 89.12, 868.4)},
		{Name: "support", Agents: 3, Metrics: group(3, 83.3, 277.8)},
	}
	inbound := func(offered, sl float64) map[string][2]float64 {
		return map[string][2]float64{
			"offered": {offered, 15.2}, "handled": {offered * 0.87, 14.1}, "abandoned": {offered * 0.05, 4.4},
			"blocked": {0, 0}, "callback_transferred": {offered * 0.06, 3.3}, "service_level": {sl, 1.8},
			"sl_connect": {sl, 1.8}, "sl_answered": {sl - 3, 1.9}, "sl_answered_excl_short": {sl - 2, 1.9},
			"asa": {22.1, 3.1}, "wait_p50": {3.1, 0.9}, "wait_p90": {58.2, 6.1}, "wait_p95": {90.3, 8.2},
			"p_wait": {39.9, 2.2}, "abandon_rate": {5.1, 0.7}, "in_queue": {0.95, 0.16}, "scheduled": {0, 0},
			"cb_requested": {0, 0}, "cb_handled": {0, 0}, "cb_voicemail": {0, 0}, "cb_expired": {0, 0},
			"cb_unreached": {0, 0}, "cb_dial_attempts": {0, 0}, "cb_failed_attempts": {0, 0},
			"cb_attempts_per_handled": {nan, nan}, "cb_agent_time_lost": {0, 0}, "cb_request_to_connect": {nan, nan},
			"closed": {offered / 400 * 2.3, 0.8}, "cb_reached": {0, 0}, "cb_request_to_reach": {nan, nan},
			"cb_agent_owned": {0, 0}, "slot_declined": {0, 0},
		}
	}
	sales := inbound(803.4, 81.2)
	for k, v := range map[string][2]float64{
		"cb_requested": {55.1, 6.2}, "cb_handled": {50.3, 6.1}, "cb_voicemail": {3.1, 1.1}, "cb_expired": {0.4, 0.5},
		"cb_unreached": {2.1, 1.2}, "cb_dial_attempts": {63.2, 7.3}, "cb_failed_attempts": {12.9, 2.4},
		"cb_attempts_per_handled": {1.2565, 0.04}, "cb_agent_time_lost": {0.2311, 0.05},
		"cb_request_to_connect": {843.2, 90.4}, "scheduled": {0.2207, 0.04},
		"cb_reached": {47.2, 5.8}, "cb_request_to_reach": {830.4, 91.2},
	} {
		sales[k] = v
	}
	support := inbound(400, nan)
	cbq := map[string][2]float64{
		"offered": {0, 0}, "handled": {0, 0}, "abandoned": {0, 0}, "blocked": {0, 0}, "callback_transferred": {0, 0},
		"service_level": {nan, nan}, "sl_connect": {nan, nan}, "sl_answered": {nan, nan},
		"sl_answered_excl_short": {nan, nan}, "asa": {nan, nan}, "wait_p50": {nan, nan}, "wait_p90": {nan, nan},
		"wait_p95": {nan, nan}, "p_wait": {nan, nan}, "abandon_rate": {nan, nan}, "in_queue": {0.12, 0.03},
		"scheduled": {0.2003, 0.03}, "cb_requested": {50.2, 5.9}, "cb_handled": {45.8, 5.5}, "cb_voicemail": {3.1, 1.1},
		"cb_expired": {0.7, 0.6}, "cb_unreached": {3.2, 1.4}, "cb_dial_attempts": {58.5, 6.8},
		"cb_failed_attempts": {11.5, 2.1}, "cb_attempts_per_handled": {1.2773, 0.05}, "cb_agent_time_lost": {0.2106, 0.04},
		"cb_request_to_connect": {973.1, 101.7}, "closed": {0, 0}, "cb_reached": {43.1, 5.2},
		"cb_request_to_reach": {950.2, 99.1}, "cb_agent_owned": {0, 0}, "slot_declined": {0, 0},
	}
	s.Queues = []analysis.QueueSummary{
		{Name: "Sales", Metrics: metrics(reps, sales)},
		{Name: "Support", Metrics: metrics(reps, support)},
		{Name: "Callbacks", Metrics: metrics(reps, cbq)},
	}
	for h := range 24 {
		v := map[string][2]float64{
			"offered": {0, 0}, "handled": {0, 0}, "abandoned": {0, 0}, "callback_transferred": {0, 0},
			"service_level": {nan, nan}, "asa": {nan, nan}, "abandon_rate": {nan, nan}, "occupancy": {nan, nan},
			"agents_logged_in": {0, 0}, "in_queue": {0, 0}, "scheduled": {0, 0}, "cb_requested": {0, 0}, "cb_handled": {0, 0},
		}
		switch {
		case h >= 8 && h < 17:
			x := float64(h - 8)
			v["offered"] = [2]float64{100 + 10*x + 0.25, 6.1}
			v["handled"] = [2]float64{88 + 9*x, 5.9}
			v["abandoned"] = [2]float64{5 + 0.5*x, 1.2}
			v["callback_transferred"] = [2]float64{6 + 0.4*x, 1.1}
			v["service_level"] = [2]float64{92 - 2.5*x, 1.5 + 0.3*x}
			v["asa"] = [2]float64{8 + 3*x, 1 + 0.4*x}
			v["abandon_rate"] = [2]float64{4.5 + 0.2*x, 0.5}
			v["occupancy"] = [2]float64{82 + x, 0.9}
			v["agents_logged_in"] = [2]float64{12, 0}
			v["in_queue"] = [2]float64{0.85 + 0.1*x, 0.1}
			v["scheduled"] = [2]float64{0.3 + 0.02*x, 0.05}
			v["cb_requested"] = [2]float64{11.5 + 0.3*x, 1.4}
			v["cb_handled"] = [2]float64{10.2 + 0.3*x, 1.3}
		case h == 17:
			// Closed, but agents still finishing the last calls.
			v["occupancy"] = [2]float64{100, 0}
			v["agents_logged_in"] = [2]float64{0.4, 0.1}
		}
		s.Intervals = append(s.Intervals, analysis.IntervalSummary{Start: model.Duration(h) * model.Hour,
			Open: h >= 8 && h < 17, Metrics: metrics(reps, v)})
	}
	return s
}

// oneRepSummary is a single replication of one queue without callbacks,
// with a queue where nothing was answered.
func oneRepSummary() *analysis.Summary {
	s := &analysis.Summary{
		Scenario: "one-rep", Seed: 7, Reps: 1,
		Horizon: 2 * model.Hour, Interval: 30 * model.Minute, Cycle: 2 * model.Hour, OpenTime: 2 * model.Hour,
		ServiceLevel: 20 * model.Second, ShortAbandon: 5 * model.Second, SLDefinition: model.SLAnswered,
	}
	v := map[string][2]float64{
		"offered": {12, 0}, "handled": {0, 0}, "abandoned": {3, 0}, "blocked": {0, 0}, "callback_transferred": {0, 0},
		"service_level": {0, 0}, "sl_connect": {25, 0}, "sl_answered": {0, 0}, "sl_answered_excl_short": {0, 0},
		"asa": {nan, 0}, "wait_p50": {nan, 0}, "wait_p90": {nan, 0}, "wait_p95": {nan, 0}, "p_wait": {100, 0},
		"abandon_rate": {100, 0}, "occupancy": {0, 0}, "agents_logged_in": {0, 0}, "in_queue": {4.5, 0},
		"scheduled": {0, 0}, "cb_requested": {0, 0}, "cb_handled": {0, 0}, "cb_voicemail": {0, 0}, "cb_expired": {0, 0},
		"cb_unreached": {0, 0}, "cb_dial_attempts": {0, 0}, "cb_failed_attempts": {0, 0},
		"cb_attempts_per_handled": {nan, 0}, "cb_agent_time_lost": {0, 0}, "cb_request_to_connect": {nan, 0},
	}
	s.Overall = metrics(1, v)
	delete(v, "occupancy")
	delete(v, "agents_logged_in")
	s.Queues = []analysis.QueueSummary{{Name: "Lonely", Metrics: metrics(1, v)}}
	for i := range 4 {
		iv := map[string][2]float64{
			"offered": {3, 0}, "handled": {0, 0}, "abandoned": {float64(i % 2), 0}, "callback_transferred": {0, 0},
			"service_level": {0, 0}, "asa": {nan, 0}, "abandon_rate": {100 * float64(i%2), 0}, "occupancy": {nan, 0},
			"agents_logged_in": {0, 0}, "in_queue": {4.5, 0}, "scheduled": {0, 0}, "cb_requested": {0, 0}, "cb_handled": {0, 0},
		}
		s.Intervals = append(s.Intervals, analysis.IntervalSummary{Start: model.Duration(i) * 30 * model.Minute, Open: true,
			Metrics: metrics(1, iv)})
	}
	return s
}

// checkRuneWidth fails if a line is wider than MaxWidth characters (the
// estimate tables hold "±", two bytes in UTF-8).
func checkRuneWidth(t *testing.T, out []byte) {
	t.Helper()
	for i, line := range strings.Split(string(out), "\n") {
		if n := utf8.RuneCountInString(line); n > reports.MaxWidth {
			t.Errorf("line %d is %d columns wide (max %d): %q", i+1, n, reports.MaxWidth, line)
		}
	}
}

func TestEstimateTables(t *testing.T) {
	for name, sum := range map[string]*analysis.Summary{"two_queues": twoQueueSummary(), "one_rep": oneRepSummary()} {
		for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				var b bytes.Buffer
				if err := reports.SummaryHeader(&b, f, sum, day); err != nil {
					t.Fatal(err)
				}
				if err := reports.EstimateTables(&b, f, sum); err != nil {
					t.Fatal(err)
				}
				if f == reports.FormatTable {
					// A Markdown heading cannot be wrapped.
					checkRuneWidth(t, b.Bytes())
				}
				golden(t, "estimates_"+name+"."+string(f)+".golden", b.Bytes())
			})
		}
	}
}

func TestEstimateTables_content(t *testing.T) {
	var b bytes.Buffer
	if err := reports.EstimateTables(&b, reports.FormatTable, twoQueueSummary()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| service level SL(30s)     |   80.0 |   ± 1.3 | %        |",
		"95 % confidence intervals over 10 replications (Student t).",
		"Service level SL(30s): Amazon Connect definition",
		"Inbound contacts by queue",
		"| service level SL(30s) (%)       |   81.2 ± 1.8 |            - |    80.0 ± 1.3 |",
		"Callbacks by working queue",
		// Metrics beyond the fixed ones show when they are not zero.
		"| closed (after hours)      |    4.6 |   ± 1.2 | contacts |",
		"| closed (after hours) (contacts) |    4.6 ± 0.8 |    2.3 ± 0.8 |     4.6 ± 1.2 |",
		"| customers reached (contacts)   |   47.2 ± 5.8 |    43.1 ± 5.2 |   90.3 ± 7.7 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, notWant := range []string{"| agent-owned", "| slot declined", "| abandoned after connect"} {
		if strings.Contains(out, notWant) {
			t.Errorf("output shows %q, zero in every queue:\n%s", notWant, out)
		}
	}
	// The Callbacks queue takes no inbound calls: it is not compared.
	if strings.Contains(out, "| metric                    | Sales      | Support     | Callbacks") {
		t.Errorf("the Callbacks queue is among the inbound queues:\n%s", out)
	}

	b.Reset()
	if err := reports.EstimateTables(&b, reports.FormatTable, oneRepSummary()); err != nil {
		t.Fatal(err)
	}
	out = b.String()
	if strings.Contains(out, reports.PlusMinus) || strings.Contains(out, "95 % CI") {
		t.Errorf("one replication has a confidence interval:\n%s", out)
	}
	for _, want := range []string{"| metric ", "| value |", "| ASA                       |     - | s ", "One replication: no confidence intervals"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestIntervalTables(t *testing.T) {
	for name, sum := range map[string]*analysis.Summary{"two_queues": twoQueueSummary(), "one_rep": oneRepSummary()} {
		for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				var b bytes.Buffer
				if err := reports.IntervalTables(&b, f, sum, day); err != nil {
					t.Fatal(err)
				}
				checkRuneWidth(t, b.Bytes())
				golden(t, "intervals_"+name+"."+string(f)+".golden", b.Bytes())
			})
		}
	}
}

func TestIntervalTables_leavesOutClosedIntervals(t *testing.T) {
	var b bytes.Buffer
	if err := reports.IntervalTables(&b, reports.FormatTable, twoQueueSummary(), day); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// 08:00-16:00 are open; at 17:00 agents are still finishing the last
	// calls (occupancy 100 %, 0.4 agents logged in), but nobody is
	// scheduled and the queue is closed: 9 of 24 shown, in each of the
	// two tables.
	if got := strings.Count(out, "| Mon "); got != 18 {
		t.Errorf("%d interval rows, want 9 in each table:\n%s", got, out)
	}
	for _, want := range []string{
		"| Mon 08:00 |   100.2 |",
		"| Mon 16:00 |",
		"| Mon 10:00 | 87.0 ± 2.1 | 14.0 ± 1.8 |",
		"15 of 24.",
		"95 % confidence intervals over 10 replications (Student t).",
	} {
		// Notes wrap: match them with line breaks read as spaces.
		if !strings.Contains(out, want) && !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, notWant := range []string{"| Mon 07:00 ", "| Mon 17:00 ", "| Mon 18:00 ", "100.0"} {
		if strings.Contains(out, notWant) {
			t.Errorf("closed interval %q shown:\n%s", notWant, out)
		}
	}
}

func TestIntervalLabel(t *testing.T) {
	for _, tc := range []struct {
		start  time.Time
		offset model.Duration
		cycle  model.Duration
		want   string
	}{
		{day, 8 * model.Hour, model.Day, "Mon 08:00"},
		{day, model.Day + 8*model.Hour + 30*model.Minute, 7 * model.Day, "Tue 08:30"},
		{day.Add(22 * time.Hour), 3 * model.Hour, model.Day, "Tue 01:00"},
		{day, 6*model.Day + 23*model.Hour + 45*model.Minute, 7 * model.Day, "Sun 23:45"},
		{day, 8*model.Day + 9*model.Hour, 14 * model.Day, "Tue 2024-06-11 09:00"},
		{day, 90 * model.Second, model.Hour, "Mon 00:01:30"},
		// A start in another zone is shown in that zone, the scenario's
		// local time (records stay UTC).
		{time.Date(2024, 6, 3, 10, 0, 0, 0, time.FixedZone("CEST", 2*3600)), 0, model.Day, "Mon 10:00"},
	} {
		if got := reports.IntervalLabel(tc.start, tc.offset, tc.cycle); got != tc.want {
			t.Errorf("IntervalLabel(%v, %v, %v) = %q, want %q", tc.start, tc.offset, tc.cycle, got, tc.want)
		}
	}
}

func TestWriteSummaryJSON(t *testing.T) {
	sum := twoQueueSummary()
	// Keep the golden file short: three intervals.
	sum.Intervals = sum.Intervals[7:10]
	rows := analysis.Check(johnRecords(), johnDoc(), day)[:2]
	var b bytes.Buffer
	if err := reports.WriteSummaryJSON(&b, sum, day, rows, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.json.golden", b.Bytes())

	var doc reports.SummaryDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != reports.SummaryFormat || doc.Settings.Replications != 10 || doc.Settings.ServiceLevelSeconds != 30 ||
		doc.Settings.ServiceLevelName != "connect" || doc.Settings.Confidence != 0.95 || doc.Settings.WarmupSeconds != 1800 {
		t.Errorf("settings = %+v", doc.Settings)
	}
	// Metrics keep sim's order.
	if got, want := len(doc.Overall), len(sum.Overall); got != want {
		t.Fatalf("%d overall metrics, want %d", got, want)
	}
	for i, m := range doc.Overall {
		if m.Key != sum.Overall[i].Key {
			t.Errorf("overall metric %d is %q, want %q", i, m.Key, sum.Overall[i].Key)
		}
	}
	sl, ok := doc.Overall.Find("service_level")
	if !ok || sl.Mean == nil || *sl.Mean != 80.04 || *sl.CILow != 78.78 || *sl.CIHigh != 81.3 || *sl.HalfWidth != 1.26 || sl.N != 10 || sl.Unit != "%" {
		t.Errorf("service_level = %+v", sl)
	}
	// NaN is null.
	sup, _ := doc.Queues[1].Metrics.Find("service_level")
	if sup.Mean != nil || sup.CILow != nil || sup.HalfWidth != nil || sup.N != 0 {
		t.Errorf("Support's undefined service level = %+v, want nulls", sup)
	}
	if vm, _ := doc.Overall.Find("cb_voicemail"); vm.Name != "of which voicemail" {
		t.Errorf("cb_voicemail name = %q, want it trimmed", vm.Name)
	}
	// 07:00 is closed: left out, as in the tables.
	if len(doc.Intervals) != 2 {
		t.Fatalf("%d intervals, want 2 (07:00 closed)", len(doc.Intervals))
	}
	if got := doc.Intervals[0]; got.Start != "2024-06-03T08:00:00Z" || got.OffsetSeconds != 28800 || got.Label != "Mon 08:00" {
		t.Errorf("interval = %+v", got)
	}
	if len(doc.Checks) != 2 || doc.ChecksFailed != 0 {
		t.Errorf("checks = %+v, failed %d", doc.Checks, doc.ChecksFailed)
	}

	// One replication: no intervals, null bounds.
	b.Reset()
	if err := reports.WriteSummaryJSON(&b, oneRepSummary(), day, nil, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary_one_rep.json.golden", b.Bytes())
	doc = reports.SummaryDoc{}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	off, _ := doc.Overall.Find("offered")
	if off.Mean == nil || *off.Mean != 12 || off.HalfWidth != nil || off.CILow != nil || off.CIHigh != nil || off.SD != nil {
		t.Errorf("offered of one replication = %+v, want a mean and no interval", off)
	}
	if doc.Checks == nil || doc.Queues == nil {
		t.Errorf("checks %v, queues %v: want empty arrays, not null", doc.Checks, doc.Queues)
	}
}

func TestMetricsDoc_badJSON(t *testing.T) {
	for _, in := range []string{`[]`, `{"a": 1}`, `{"a": {"mean": "x"}}`, `{`} {
		var m reports.MetricsDoc
		if err := json.Unmarshal([]byte(in), &m); err == nil {
			t.Errorf("Unmarshal(%s) = nil error, want one", in)
		}
	}
}

func TestEstimateTables_badFormat(t *testing.T) {
	var b bytes.Buffer
	for name, err := range map[string]error{
		"SummaryHeader":  reports.SummaryHeader(&b, "html", oneRepSummary(), day),
		"EstimateTables": reports.EstimateTables(&b, "html", oneRepSummary()),
		"IntervalTables": reports.IntervalTables(&b, "html", oneRepSummary(), day),
		"ErlangTable":    reports.ErlangTable(&b, "html", &reports.ErlangReport{Model: "c", At: &erlang.Result{}}),
	} {
		if err == nil {
			t.Errorf("%s(format html) = nil error, want one", name)
		}
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for a bad format, want nothing", b.String())
	}
}
