package reports

import (
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/olekukonko/tablewriter/tw"
)

// PlusMinus separates an estimate's mean from the half width of its
// confidence interval, "88.0 ± 0.4". It is the one character of the
// reports that is not ASCII.
const PlusMinus = "±"

// summaryKeys are the metrics the summary table always shows, in sim's
// order; it also shows any other inbound, service or staffing metric that
// is not zero (such as contacts arriving after hours).
var summaryKeys = []string{
	"offered", "handled", "abandoned", "blocked", "callback_transferred", "in_system",
	"service_level", "sl_connect", "sl_answered", "sl_answered_excl_short",
	"asa", "wait_p50", "wait_p90", "wait_p95", "p_wait", "abandon_rate",
	"occupancy", "agents_logged_in", "in_queue", "scheduled",
}

// queueKeys are the metrics always compared across queues; other metrics
// outside the summary's fixed ones are compared when not zero.
var queueKeys = []string{
	"offered", "handled", "abandoned", "blocked", "callback_transferred",
	"service_level", "asa", "wait_p90", "p_wait", "abandon_rate", "in_queue",
}

// callbackKeys are the metrics the callback table always shows; it also
// shows any other callback metric (cb_*, slot_*) that is not zero, such as
// agent-owned callbacks or callback slots, and ends with the scheduled
// callbacks.
var callbackKeys = []string{
	"cb_requested", "cb_handled", "cb_voicemail", "cb_expired", "cb_unreached",
	"cb_dial_attempts", "cb_failed_attempts", "cb_attempts_per_handled",
	"cb_agent_time_lost", "cb_request_to_connect", "cb_in_system",
	"cb_time_scheduled", "cb_time_scheduled_p50", "cb_time_scheduled_p90",
	"cb_time_in_queue", "cb_time_in_queue_p50", "cb_time_in_queue_p90",
}

// queuedKeys are the metrics of the contacts-queued table: every contact
// placed in a queue's agent line, inbound and callback legs.
var queuedKeys = []string{
	"q_queued", "q_cb_queued", "q_handled", "q_cb_handled", "q_abandoned",
	"q_service_level", "q_cb_service_level", "q_asa", "q_cb_asa", "q_abandon_time",
	"q_max_queued", "q_aht", "q_acw", "q_oldest",
}

// isQueuedKey reports whether key is a metric of all contacts queued.
func isQueuedKey(key string) bool { return strings.HasPrefix(key, "q_") }

// inboundFamily is the family of the summary and inbound tables.
func inboundFamily(k string) bool {
	return !isCallbackKey(k) && !isGroupKey(k) && !isQueuedKey(k) && !isRedialKey(k)
}

// redialKeys are the metrics of the repeat-calls table, shown when a
// scenario has redials (contact_types[].redial).
var redialKeys = []string{
	"offered", "first_attempts", "redials", "redial_share", "calls_per_customer",
	"redial_waiting", "redial_pending", "customers_served", "customers_lost", "blocked", "block_rate",
}

// isRedialKey reports whether key is a metric of the repeat-calls table
// only.
func isRedialKey(key string) bool {
	return key != "offered" && key != "blocked" && slices.Contains(redialKeys, key)
}

// hasRedials reports whether a summary's runs had redials.
func hasRedials(ms []analysis.Metric) bool {
	return nonzero(ms, "redials") || nonzero(ms, "redial_pending") || nonzero(ms, "redial_waiting")
}

// redialNote explains the repeat-calls table.
const redialNote = "Customers who gave up (abandoned, were blocked, or their callback went unreached) and called again. " +
	"Offered = first attempts + redials. Calls per customer: offered / first attempts. " +
	"Waiting to redial: callers who gave up and will call again, before they do (time average; at the end: still waiting at the horizon). " +
	"Customers served: connected to an agent, on a call or a callback; lost for good: gave up and did not call again."

// isGroupKey reports whether key is a metric of agent groups that the
// agents table shows rather than the summary.
func isGroupKey(key string) bool { return key == "contacts_handled" }

// isCallbackKey reports whether key is a callback metric.
func isCallbackKey(key string) bool {
	return strings.HasPrefix(key, "cb_") || strings.HasPrefix(key, "slot_")
}

// nonzero reports whether metric key of ms has a mean other than zero.
func nonzero(ms []analysis.Metric, key string) bool {
	m, ok := analysis.Find(ms, key)
	return ok && !math.IsNaN(m.Mean) && m.Mean != 0
}

// pickKeys returns the keys of order (sim's order of the metrics) that a
// table shows: those of family that are in core, or not zero in one of
// scopes.
func pickKeys(order []analysis.Metric, scopes []scope, core []string, family func(string) bool) []string {
	var keys []string
	for _, m := range order {
		if !family(m.Key) {
			continue
		}
		show := slices.Contains(core, m.Key)
		for _, sc := range scopes {
			show = show || nonzero(sc.metrics, m.Key)
		}
		if show {
			keys = append(keys, m.Key)
		}
	}
	return keys
}

// precision is the number of decimals a metric is written with, for its
// mean and its half width alike.
func precision(m analysis.Metric) int {
	switch m.Key {
	case "cb_attempts_per_handled", "in_queue", "scheduled", "booked_waiting", "cb_agent_time_lost",
		"redial_waiting":
		return 2
	case "calls_per_customer":
		return 3
	}
	return 1
}

// unitLabel is the unit a table shows for m.
func unitLabel(m analysis.Metric) string {
	switch m.Key {
	case "agents_logged_in":
		return "agents"
	case "in_queue", "scheduled", "booked_waiting":
		return "contacts"
	case "cb_dial_attempts", "cb_failed_attempts", "cb_no_answer", "cb_busy", "cb_invalid":
		return "attempts"
	}
	return m.Unit
}

// metricLabel is the row label of m: its name, with the service-level
// threshold where it applies.
func metricLabel(m analysis.Metric, sl model.Duration) string {
	name := strings.TrimSpace(m.Name)
	switch m.Key {
	case "service_level":
		return "service level SL(" + sl.String() + ")"
	case "q_service_level", "q_cb_service_level":
		return strings.Replace(name, "SL", "SL("+sl.String()+")", 1)
	case "sl_connect", "sl_answered", "sl_answered_excl_short":
		return strings.Replace(name, "SL", "SL("+sl.String()+")", 1)
	case "cb_voicemail":
		return "  " + name
	case "cb_no_answer", "cb_busy", "cb_invalid":
		return "failed: " + name
	case "agents_logged_in":
		return "agents logged in, average"
	case "in_queue":
		return "in queue, average"
	case "scheduled":
		return "scheduled, average"
	case "booked_waiting":
		return "booked, average"
	}
	return name
}

// formatFixed writes x with prec decimals, never as "-0.0".
func formatFixed(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

// meanText is the mean of e with prec decimals, or "-" when undefined.
func meanText(e analysis.Estimate, prec int) string {
	if math.IsNaN(e.Mean) || math.IsInf(e.Mean, 0) {
		return noValue
	}
	return formatFixed(e.Mean, prec)
}

// halfWidthText is "± hw", or "" when e has no interval (fewer than two
// replications defined it).
func halfWidthText(e analysis.Estimate, prec int) string {
	if math.IsNaN(e.Mean) || math.IsNaN(e.HalfWidth) || math.IsInf(e.HalfWidth, 0) {
		return ""
	}
	return PlusMinus + " " + formatFixed(e.HalfWidth, prec)
}

// estimateText is "mean ± hw", or the mean alone when e has no interval.
func estimateText(e analysis.Estimate, prec int) string {
	s := meanText(e, prec)
	if hw := halfWidthText(e, prec); hw != "" {
		s += " " + hw
	}
	return s
}

// value returns the mean of metric key in ms, 0 when absent or undefined.
func value(ms []analysis.Metric, key string) float64 {
	m, ok := analysis.Find(ms, key)
	if !ok || math.IsNaN(m.Mean) {
		return 0
	}
	return m.Mean
}

// ConfidenceNote is the sentence naming the confidence intervals of a
// summary of reps replications.
func ConfidenceNote(reps int) string {
	if reps < 2 {
		return "One replication: no confidence intervals (they need two replications or more)."
	}
	return fmt.Sprintf("%s %% confidence intervals over %d replications (Student t).",
		strconv.FormatFloat(100*analysis.Confidence, 'f', -1, 64), reps)
}

// SummaryHeader writes the line that opens the report of a set of
// replications: the scenario, seed, number of replications, horizon,
// start and warm-up.
func SummaryHeader(w io.Writer, f Format, sum *analysis.Summary, start time.Time) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	reps := "1 replication"
	if sum.Reps != 1 {
		reps = fmt.Sprintf("%d replications", sum.Reps)
	}
	s := fmt.Sprintf("Scenario %s: seed %d, %s, horizon %s from %s", sum.Scenario, sum.Seed, reps, sum.Horizon, startText(start))
	if sum.Warmup > 0 {
		s += fmt.Sprintf(", warm-up %s not counted", sum.Warmup)
	}
	s += "."
	if f == FormatMarkdown {
		t.printf("## %s\n", s)
	} else {
		t.para(s)
	}
	return t.err
}

// scope is a set of metrics shown as one column: all queues, one queue.
type scope struct {
	name    string
	metrics []analysis.Metric
	// targets adds a column judging the metrics against the scenario's
	// goals ([analysis.Summary.TargetStatus]); for the overall scope only.
	targets bool
}

// targetText is the target cell of m: its status and goal ("met (>=
// 80.0)"), or "" when m has no goal.
func targetText(sum *analysis.Summary, m analysis.Metric) string {
	goal, status := sum.TargetStatus(m)
	if status == analysis.TargetNone {
		return ""
	}
	op := "<="
	if m.Key == "service_level" {
		op = ">="
	}
	return status + " (" + op + " " + formatFixed(goal, precision(m)) + ")"
}

// hasTargets reports whether the scenario of sum set any goal.
func hasTargets(sum *analysis.Summary) bool {
	t := sum.Targets
	return t != nil && (t.ServiceLevel != 0 || t.AbandonRate != 0 || t.ASA != 0 || t.Occupancy != 0)
}

// estimates writes the metrics keys of scopes as a table after a title.
// One scope gives the columns metric, mean, 95 % CI (as "± hw") and unit;
// several give one column per scope, with "mean ± hw" cells and the units
// in the row labels. Keys no scope has are left out.
func (t *text) estimates(title string, scopes []scope, keys []string, sum *analysis.Summary) {
	if t.err != nil {
		return
	}
	type row struct {
		label, unit string
		cells       []analysis.Metric
		has         []bool
	}
	var rows []row
	for _, k := range keys {
		r := row{cells: make([]analysis.Metric, len(scopes)), has: make([]bool, len(scopes))}
		found := false
		for i, sc := range scopes {
			if m, ok := analysis.Find(sc.metrics, k); ok {
				r.cells[i], r.has[i] = m, true
				if !found {
					r.label, r.unit = metricLabel(m, sum.ServiceLevel), unitLabel(m)
					found = true
				}
			}
		}
		if found {
			rows = append(rows, r)
		}
	}
	t.title(title)
	if t.err != nil {
		return
	}
	if len(scopes) == 1 {
		withCI := sum.Reps > 1
		header := []string{"metric", "mean", "95 % CI", "unit"}
		align := []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft}
		if !withCI {
			header = []string{"metric", "value", "unit"}
			align = []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignLeft}
		}
		targets := scopes[0].targets && hasTargets(sum)
		if targets {
			header = append(header, "target")
			align = append(align, tw.AlignLeft)
		}
		tb := newTable(t.w, t.f, align)
		tb.Header(header)
		for _, r := range rows {
			m := r.cells[0]
			p := precision(m)
			cells := []string{r.label, meanText(m.Estimate, p)}
			if withCI {
				hw := halfWidthText(m.Estimate, p)
				if hw == "" {
					hw = noValue
				}
				cells = append(cells, hw)
			}
			cells = append(cells, r.unit)
			if targets {
				cells = append(cells, targetText(sum, m))
			}
			if t.err = tb.Append(cells); t.err != nil {
				return
			}
		}
		t.err = render(tb, t.w, t.f)
		return
	}
	g := &grid{corner: "metric", right: true}
	for _, sc := range scopes {
		g.cols = append(g.cols, sc.name)
	}
	for _, r := range rows {
		label := r.label
		if r.unit != "" {
			label += " (" + r.unit + ")"
		}
		cells := make([]string, len(scopes))
		for i, m := range r.cells {
			if r.has[i] {
				cells[i] = estimateText(m.Estimate, precision(m))
			}
		}
		g.add(label, cells...)
	}
	t.err = g.render(t.w, t.f)
}

// EstimateTables writes the estimates of a set of replications: the
// summary over all queues, a comparison of the queues that had inbound
// contacts (when there are several), and the callbacks by working queue
// (when any were requested), each followed by the definitions used and the
// confidence level.
//
// A value is the mean over the replications. With two replications or
// more it is followed by the half width of its 95 % confidence interval:
// "88.0 ± 0.4" means the interval 87.6 to 88.4. Counts are per
// replication, over the horizon after the warm-up; agents, in queue and
// scheduled are time averages. A value undefined in every replication (a
// service level where nothing left the queue) is written "-".
func EstimateTables(w io.Writer, f Format, sum *analysis.Summary) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	sl := sum.ServiceLevel.String()

	var inbound []analysis.QueueSummary
	for _, q := range sum.Queues {
		if value(q.Metrics, "offered") > 0 {
			inbound = append(inbound, q)
		}
	}
	title := "Summary: all queues"
	if len(sum.Queues) == 1 {
		title = "Summary: queue " + sum.Queues[0].Name
	}
	all := []scope{{name: "all", metrics: sum.Overall, targets: true}}
	t.estimates(title, all, pickKeys(sum.Overall, all, summaryKeys, inboundFamily), sum)
	t.para("Inbound contacts only, but for in queue (every contact waiting in a queue, callbacks included) " +
		"and scheduled (callbacks). Service level SL(" + sl + "): " + ServiceLevelDefinition(sum.SLDefinition, sum.ServiceLevel, sum.ShortAbandon) + ". " +
		"The three SL(" + sl + ") rows give each definition. " +
		"ASA: mean time in queue of handled contacts; wait p50/p90/p95: percentiles of those waits. " +
		"P(wait): contacts that left the queue without being answered at once. " +
		"Abandon rate: abandoned / contacts that left the queue. " +
		"Occupancy: time on contacts / that time plus idle time. " +
		"Counts are per replication; agents logged in is an average over the open hours, in queue and scheduled over the whole run. " +
		"Offered = handled + abandoned + blocked + closed + took a callback + slot unconfirmed + still in queue at the end.")
	if hasTargets(sum) {
		t.para("Target: met when the whole confidence interval is on the goal's side, missed when it is wholly " +
			"on the other side, unsure when it straddles the goal.")
	}
	t.para(ConfidenceNote(sum.Reps))

	if len(inbound) > 1 {
		scopes := make([]scope, 0, len(inbound)+1)
		for _, q := range inbound {
			scopes = append(scopes, scope{name: q.Name, metrics: q.Metrics})
		}
		scopes = append(scopes, scope{name: "all", metrics: sum.Overall})
		keys := pickKeys(sum.Overall, scopes, queueKeys, func(k string) bool {
			return inboundFamily(k) && (slices.Contains(queueKeys, k) || !slices.Contains(summaryKeys, k))
		})
		t.blank()
		t.estimates("Inbound contacts by queue", scopes, keys, sum)
	}

	if hasRedials(sum.Overall) {
		scopes := make([]scope, 0, len(inbound)+1)
		if len(inbound) > 1 {
			for _, q := range inbound {
				scopes = append(scopes, scope{name: q.Name, metrics: q.Metrics})
			}
		}
		scopes = append(scopes, scope{name: "all", metrics: sum.Overall})
		t.blank()
		t.estimates("Repeat calls and customers", scopes, redialKeys, sum)
		t.para(redialNote)
	}

	if len(sum.Agents) > 0 {
		t.blank()
		t.agents(sum)
	}

	// Callbacks: the working queues that had any, and the queues whose
	// callers were offered callback slots.
	hasCallbacks := func(ms []analysis.Metric) bool {
		for _, m := range ms {
			if isCallbackKey(m.Key) && nonzero(ms, m.Key) {
				return true
			}
		}
		return false
	}
	if hasCallbacks(sum.Overall) {
		var scopes []scope
		for _, q := range sum.Queues {
			if hasCallbacks(q.Metrics) {
				scopes = append(scopes, scope{name: q.Name, metrics: q.Metrics})
			}
		}
		if len(scopes) > 1 {
			scopes = append(scopes, scope{name: "all", metrics: sum.Overall})
		}
		title := "Callbacks by working queue"
		if len(scopes) == 1 {
			title = "Callbacks: working queue " + scopes[0].name
		}
		keys := pickKeys(sum.Overall, scopes, callbackKeys, isCallbackKey)
		if !customerFirst(scopes) {
			// Agent-first callbacks reach the customer when they are
			// handled: the rows would repeat handled and request to
			// connect.
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == "cb_reached" || k == "cb_request_to_reach" })
		}
		keys = append(keys, "scheduled") // callbacks waiting to enter their queue
		if slices.ContainsFunc(scopes, func(sc scope) bool { return nonzero(sc.metrics, "booked_waiting") }) {
			keys = append(keys, "booked_waiting")
		}
		t.blank()
		t.estimates(title, scopes, keys, sum)
		t.para("Callbacks only, counted once per request in the interval it was made. " +
			"Failed attempt: an agent accepted the callback but the customer was not joined " +
			"(no answer, busy, invalid number). Agent time lost: agent whisper and ringing of failed attempts. " +
			"Request to connect: from the callback request to the agent talking to the customer. " +
			"Scheduled: callbacks waiting out their initial delay or a retry interval. " +
			bookedNote(scopes) +
			"Rows of each callback type appear when not zero: customer-first (customers reached: dials answered " +
			"by the customer or voicemail; request to reach: from the request to that answer; abandoned after " +
			"connect), agent-booked (agent-scheduled, agent-owned, owned ones expired to the queue or dropped) " +
			"and caller-scheduled slots (pushed later, declined, none free, unconfirmed). " +
			"Requested = handled + abandoned after connect + owned and dropped + expired + unreached + still open at the end. " +
			"Time Scheduled and In queue: per finished callback, over all its attempts.")
	}

	if nonzero(sum.Overall, "q_cb_queued") {
		var scopes []scope
		for _, q := range sum.Queues {
			if nonzero(q.Metrics, "q_queued") {
				scopes = append(scopes, scope{name: q.Name, metrics: q.Metrics})
			}
		}
		if len(scopes) > 1 {
			scopes = append(scopes, scope{name: "all", metrics: sum.Overall})
		}
		t.blank()
		t.estimates("Contacts queued by queue: inbound contacts and callback legs", scopes, queuedKeys, sum)
		t.para(queuedNote(sl))
	}
	return t.err
}

// bookedNote explains the booked row when one of scopes has it.
func bookedNote(scopes []scope) string {
	if !slices.ContainsFunc(scopes, func(sc scope) bool { return nonzero(sc.metrics, "booked_waiting") }) {
		return ""
	}
	return "Booked: callbacks booked for a time (caller-scheduled slots, agent-booked " +
		"callbacks) before it comes; no Connect callback contact exists yet, so they are neither Scheduled nor In queue. "
}

// queuedNote explains the contacts-queued table.
func queuedNote(sl string) string {
	return "Amazon Connect's queue metrics: every contact placed in the queue, an inbound call or a callback leg " +
		"(each attempt of a callback is a leg). Rows marked (all) cover both, callback legs rows those alone. " +
		"Handled: connected to an agent (a failed attempt is not). SL(" + sl + "): answered, abandoned or removed " +
		"for a callback within " + sl + " of entering the queue / contacts that left it. Queue answer time: from " +
		"entering the queue to an agent taking it (not counting a callback's initial delay). Maximum queued time: " +
		"the longest wait in a replication; oldest in queue, peak: the highest age the oldest waiting contact reached. " +
		"Handle time: connection to the end of after contact work. See docs/metrics.md for Connect's names."
}

// customerFirst reports whether one of scopes had customer-first
// callbacks: customers who answered and then hung up waiting for an agent,
// or reached customers not (yet) handled. For agent-first callbacks the
// two counts are the same.
func customerFirst(scopes []scope) bool {
	for _, sc := range scopes {
		if nonzero(sc.metrics, "cb_abandoned_after_connect") || value(sc.metrics, "cb_reached") != value(sc.metrics, "cb_handled") {
			return true
		}
	}
	return false
}

// agents writes the agent groups: size, agents logged in on average,
// occupancy and contacts handled, with an "all" row when there are
// several groups.
func (t *text) agents(sum *analysis.Summary) {
	if t.err != nil {
		return
	}
	t.title("Agents by group")
	if t.err != nil {
		return
	}
	cell := func(ms []analysis.Metric, key string) string {
		m, ok := analysis.Find(ms, key)
		if !ok {
			return noValue
		}
		return estimateText(m.Estimate, precision(m))
	}
	// Break and lunch hours, only for scenarios whose agents took breaks.
	breaks := false
	for _, g := range sum.Agents {
		_, ok := analysis.Find(g.Metrics, "break_hours")
		breaks = breaks || ok
	}
	align := []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight}
	header := []string{"group", "agents", "logged in, average", "occupancy %", "contacts handled"}
	if breaks {
		align = append(align, tw.AlignRight, tw.AlignRight)
		header = append(header, "break h", "lunch h")
	}
	tb := newTable(t.w, t.f, align)
	tb.Header(header)
	total := 0
	for _, g := range sum.Agents {
		total += g.Agents
		row := []string{g.Name, strconv.Itoa(g.Agents), cell(g.Metrics, "agents_logged_in"),
			cell(g.Metrics, "occupancy"), cell(g.Metrics, "contacts_handled")}
		if breaks {
			row = append(row, cell(g.Metrics, "break_hours"), cell(g.Metrics, "lunch_hours"))
		}
		if t.err = tb.Append(row); t.err != nil {
			return
		}
	}
	if len(sum.Agents) > 1 {
		row := []string{"all", strconv.Itoa(total), cell(sum.Overall, "agents_logged_in"),
			cell(sum.Overall, "occupancy"), cell(sum.Overall, "contacts_handled")}
		if breaks {
			row = append(row, cell(sum.Overall, "break_hours"), cell(sum.Overall, "lunch_hours"))
		}
		if t.err = tb.Append(row); t.err != nil {
			return
		}
	}
	t.err = render(tb, t.w, t.f)
	text := "Agents: the group's size. Logged in: agents logged in, averaged over the " + openHoursText(sum) + ". " +
		"Occupancy: time on contacts / that time plus idle time. " +
		"Contacts handled: inbound contacts and callbacks the group talked to, per replication."
	if breaks {
		text += " Break h, lunch h: agent-hours on scheduled breaks and lunches per replication (not logged in)."
	}
	t.para(text)
}

// IntervalLabel names the interval that starts offset after start: its
// weekday and time of day in start's zone, "Mon 08:00" (the scenario's
// local time, UTC by default), with the date too when the cycle is longer
// than a week. The tables label a summary's intervals from the summary
// (see labels.go), which knows the wall clock through daylight saving.
func IntervalLabel(start time.Time, offset model.Duration, cycle model.Duration) string {
	return formatWall(start.Add(time.Duration(offset)*time.Millisecond), cycle > 7*model.Day)
}

// IntervalTables writes the estimates per reporting interval of the cycle,
// in two tables: the contacts (offered, handled, abandoned, took a
// callback, callbacks requested), then service and staffing (service
// level and ASA with their confidence intervals, abandon rate, occupancy,
// agents logged in, contacts in queue and scheduled). Rows are labelled
// with [IntervalLabel] from start, the scenario's start. Closed intervals
// (no agent scheduled, no call to an open queue: see
// [analysis.IntervalSummary]) are left out, and a line under the tables
// says how many.
func IntervalTables(w io.Writer, f Format, sum *analysis.Summary, start time.Time) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	sl := sum.ServiceLevel.String()
	volumes := &grid{corner: "interval", right: true,
		cols: []string{"offered", "handled", "abandoned", "took callback", "callbacks requested"}}
	redials := hasRedials(sum.Overall)
	if redials {
		volumes.cols = append(volumes.cols, "of which redials", "waiting to redial")
	}
	quality := &grid{corner: "interval", right: true,
		cols: []string{"SL(" + sl + ") %", "ASA s", "abandon %", "occupancy %", "agents", "in queue", "scheduled"}}
	shown := 0
	for _, iv := range sum.Intervals {
		if !iv.Open {
			continue
		}
		shown++
		label := intervalLabel(sum, iv)
		cell := func(key string, withCI bool) string {
			m, ok := analysis.Find(iv.Metrics, key)
			if !ok {
				return noValue
			}
			if withCI {
				return estimateText(m.Estimate, precision(m))
			}
			return meanText(m.Estimate, precision(m))
		}
		vol := []string{cell("offered", false), cell("handled", false), cell("abandoned", false),
			cell("callback_transferred", false), cell("cb_requested", false)}
		if redials {
			vol = append(vol, cell("redials", false), cell("redial_waiting", false))
		}
		volumes.add(label, vol...)
		quality.add(label, cell("service_level", true), cell("asa", true), cell("abandon_rate", false),
			cell("occupancy", false), cell("agents_logged_in", false), cell("in_queue", false), cell("scheduled", false))
	}
	perRep := "mean per replication"
	if sum.Reps == 1 {
		perRep = "one replication"
	}
	t.table(fmt.Sprintf("Per %s interval%s: contacts (%s)", sum.Interval, zoneNote(sum.Start), perRep), volumes)
	t.para("Offered, handled, abandoned and took callback: inbound contacts; " +
		"took callback: callers who accepted a callback offer in the interval; " +
		"callbacks requested: callbacks created in the interval, counted in their working queue." +
		redialIntervalNote(redials))
	t.blank()
	t.table(fmt.Sprintf("Per %s interval%s: service and staffing", sum.Interval, zoneNote(sum.Start)), quality)
	left := len(sum.Intervals) - shown
	note := fmt.Sprintf("SL(%s), ASA and abandon rate as in the summary (inbound contacts); "+
		"agents, in queue (all contacts) and scheduled (callbacks) are averages over the interval. %s ",
		sl, ConfidenceNote(sum.Reps))
	switch {
	case left == 0:
		note += fmt.Sprintf("All %d intervals of the %s cycle are shown.", len(sum.Intervals), sum.Cycle)
	default:
		what := "Closed intervals (no agent scheduled, no call to an open queue)"
		if sum.Warmup > 0 {
			what += " and those of the warm-up"
		}
		note += fmt.Sprintf("%s are left out: %d of %d.", what, left, len(sum.Intervals))
	}
	t.para(note)
	return t.err
}

// redialIntervalNote explains the redial columns, when shown.
func redialIntervalNote(shown bool) string {
	if !shown {
		return ""
	}
	return " Of which redials: offered contacts that were customers calling again; " +
		"waiting to redial: callers who gave up and will call again, averaged over the interval."
}

// openHoursText says what the agents logged in are averaged over: the
// open hours, and how many of the run's hours they are.
func openHoursText(sum *analysis.Summary) string {
	hours := func(d model.Duration) string {
		return strings.TrimSuffix(strings.TrimSuffix(formatFixed(float64(d)/float64(model.Hour), 1), "0"), ".") + " h"
	}
	return "open hours (" + hours(sum.OpenTime) + " of the " + hours(sum.Horizon-sum.Warmup) +
		" run: intervals with an agent scheduled or calls to an open queue)"
}
