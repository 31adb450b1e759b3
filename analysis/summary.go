package analysis

import (
	"math"
	"slices"
	"sync"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// Metric is one named figure with its estimate.
type Metric struct {
	// Key is a stable identifier (snake_case) for machine-readable output.
	Key string
	// Name is a short label for tables; Unit is "", "%", "s", "h" or
	// "contacts".
	Name string
	Unit string
	Estimate
}

// Summary is the replications of one scenario, reduced to estimates:
// overall, per queue and per reporting interval.
type Summary struct {
	Scenario string
	Seed     uint64
	Reps     int
	// Start is the wall-clock time of simulated time zero, for labelling
	// intervals.
	Start    time.Time
	Horizon  model.Duration
	Warmup   model.Duration
	Interval model.Duration
	Cycle    model.Duration
	// WallSlots is true when the intervals of the cycle are wall-clock
	// slots: the run is longer than its cycle and crosses a
	// daylight-saving change (see model.Grid).
	WallSlots bool
	// OpenTime is the time the open intervals of the cycle cover in the
	// run (after the warm-up): the hours the agents logged in are
	// averaged over. An interval is open when an agent is scheduled for
	// it or contacts came to an open queue in it (see [IntervalSummary]).
	OpenTime     model.Duration
	ServiceLevel model.Duration
	ShortAbandon model.Duration
	SLDefinition model.SLDefinition
	// Targets are the scenario's goals, if any (see TargetStatus).
	Targets *model.Targets
	// Overall covers every queue together.
	Overall []Metric
	Queues  []QueueSummary
	// Intervals covers every queue together, per interval of the cycle.
	Intervals []IntervalSummary
	// Agents holds per agent group: occupancy, contacts handled, agents
	// logged in.
	Agents []GroupSummary
	// Waits pools the answered inbound waits of every replication.
	Waits sim.WaitHistogram
}

// QueueSummary holds the metrics of one queue, overall and per interval.
type QueueSummary struct {
	Name      string
	Metrics   []Metric
	Intervals []IntervalSummary
}

// GroupSummary holds the metrics of one agent group.
type GroupSummary struct {
	Name    string
	Agents  int
	Metrics []Metric
}

// Target status of a metric against a goal, judged on its confidence
// interval so that chance is not mistaken for success.
const (
	TargetNone   = ""       // no goal for this metric
	TargetMet    = "met"    // the whole interval is on the good side
	TargetMissed = "missed" // the whole interval is on the bad side
	TargetUnsure = "unsure" // the interval straddles the goal
)

// TargetStatus compares metric m with the scenario's goal for it (service
// level at least, abandon rate, ASA and occupancy at most) and returns the
// goal (NaN when none) and the status.
func (s *Summary) TargetStatus(m Metric) (goal float64, status string) {
	t := s.Targets
	if t == nil {
		return math.NaN(), TargetNone
	}
	atLeast := false
	switch m.Key {
	case "service_level":
		goal, atLeast = 100*t.ServiceLevel, true
	case "abandon_rate":
		goal = 100 * t.AbandonRate
	case "asa":
		goal = t.ASA.Seconds()
	case "occupancy":
		goal = 100 * t.Occupancy
	default:
		return math.NaN(), TargetNone
	}
	if goal == 0 || math.IsNaN(m.Mean) {
		return math.NaN(), TargetNone
	}
	lo, hi := m.Bounds()
	good, bad := lo >= goal, hi < goal
	if !atLeast {
		good, bad = hi <= goal, lo > goal
	}
	switch {
	case good:
		return goal, TargetMet
	case bad:
		return goal, TargetMissed
	}
	return goal, TargetUnsure
}

// IntervalSummary holds the metrics of one interval of the cycle; Start is
// its offset from the scenario start.
type IntervalSummary struct {
	Start model.Duration
	// At is when the interval starts on the scenario's wall clock, for
	// labels (its date and clock fields are local; see model.Grid.Label):
	// Start after the scenario start, unless the run folds through a
	// daylight-saving change (Summary.WallSlots). Zone is the zone's
	// abbreviation when that wall time happens twice (the hour repeated
	// when clocks go back), else "".
	At   time.Time
	Zone string
	// Open is false for a closed interval: in no replication was an agent
	// serving the queue (any queue, for all queues together) scheduled
	// for it, nor did a contact come to the queue while it was open.
	// Reports leave closed intervals out of tables and CSV files and draw
	// nothing for them.
	Open    bool
	Metrics []Metric
}

// Find returns the metric with the given key.
func Find(ms []Metric, key string) (Metric, bool) {
	for _, m := range ms {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// view is what a metric is computed from: the inbound and callback counts
// and the agent time of some slice of a run (a queue, an interval, all).
//
// The counts are pointers: a view of one queue, group or interval points
// into the result, and only a view that adds several up holds the sums
// (in sums). Copying the counts of every interval of every queue of every
// replication was most of the cost of summarising a sweep.
type view struct {
	in     *sim.InboundStats
	cb     *sim.CallbackStats
	agents *sim.AgentTime
	// inQueue, scheduled and booked are time integrals (contact-ms) over
	// span ms.
	inQueue, scheduled, booked int64
	// redial integrates the callers waiting to redial (contact-ms).
	redial    int64
	span      int64
	waits     *sim.WaitHistogram
	hasAgents bool
	// loggedIn is the agent time logged in over loggedSpan ms: the open
	// intervals of a whole run, or one interval.
	loggedIn, loggedSpan int64
	contacts             int64 // handled by an agent group
	// queued counts the contacts placed in the queues' agent lines
	// (inbound and callback legs); oldest is the peak age of the oldest
	// contact in queue (ms).
	queued *sim.QueuedStats
	oldest int64
	// cbSched and cbInQueue are the finished callbacks' times Scheduled
	// and In queue.
	cbSched, cbInQueue *sim.WaitHistogram
	// sums holds the counts of a view that adds several up, and waits the
	// histograms of one that merges its queues'; both are kept for the
	// next view filled in the same place.
	sums   *viewSums
	waits3 *[3]sim.WaitHistogram
}

// viewSums are the counts of a view summed over queues or groups.
type viewSums struct {
	in     sim.InboundStats
	cb     sim.CallbackStats
	agents sim.AgentTime
	queued sim.QueuedStats
}

// The zero counts, for the parts a view does not cover (a queue's view
// has no agent time). Never written.
var (
	noInbound  sim.InboundStats
	noCallback sim.CallbackStats
	noAgents   sim.AgentTime
	noQueued   sim.QueuedStats
)

// fill points the counts a view was not given at zeros.
func (v *view) fill() {
	if v.in == nil {
		v.in = &noInbound
	}
	if v.cb == nil {
		v.cb = &noCallback
	}
	if v.agents == nil {
		v.agents = &noAgents
	}
	if v.queued == nil {
		v.queued = &noQueued
	}
}

// sum gives v zeroed storage for summed counts and points its counts at
// it. Storage v already has is reused: summarising a planning week fills
// a summed view for every interval of every replication, and a fresh one
// each time was most of what summarising allocated.
func (v *view) sum() *viewSums {
	if v.sums == nil {
		v.sums = new(viewSums)
	} else {
		*v.sums = viewSums{}
	}
	v.in, v.cb, v.agents, v.queued = &v.sums.in, &v.sums.cb, &v.sums.agents, &v.sums.queued
	return v.sums
}

type metricDef struct {
	key, name, unit string
	f               func(v *view, r *sim.Result) float64
	needsAgents     bool
	// needsBreaks leaves the metric out where no replication had time
	// on a scheduled break: scenarios without breaks report as before.
	needsBreaks bool
}

func pct(x float64) float64 { return 100 * x }

// metricDefs lists the metrics reported, in order. Counts are per
// replication (over the horizon after the warm-up, or per interval).
var metricDefs = []metricDef{
	{key: "offered", name: "offered", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.Arrived) }},
	{key: "handled", name: "handled", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.Handled) }},
	{key: "abandoned", name: "abandoned", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.Abandoned) }},
	{key: "blocked", name: "blocked", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.Blocked) }},
	{key: "closed", name: "closed (after hours)", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.Closed) }},
	{key: "callback_transferred", name: "took a callback", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.CallbackTransferred) }},
	{key: "in_system", name: "still in queue at the end", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.InSystem) }},
	{key: "service_level", name: "service level", unit: "%", f: func(v *view, r *sim.Result) float64 {
		return pctOrNaN(v.in.ServiceLevelBy(r.SLDefinition), v.in.Handled+v.in.Abandoned+v.in.CallbackTransferred)
	}},
	{key: "sl_connect", name: "SL connect", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.in.ServiceLevel(), v.in.Handled+v.in.Abandoned+v.in.CallbackTransferred)
	}},
	{key: "sl_answered", name: "SL answered", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.in.ServiceLevelAnswered(), v.in.Handled+v.in.Abandoned)
	}},
	{key: "sl_answered_excl_short", name: "SL excl short", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.in.ServiceLevelExclShort(), v.in.Handled+v.in.Abandoned-v.in.AbandonedShort)
	}},
	{key: "asa", name: "ASA", unit: "s", f: func(v *view, _ *sim.Result) float64 { return orNaN(v.in.ASA(), v.in.Handled) }},
	{key: "wait_p50", name: "wait p50", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.waits, 0.5) }},
	{key: "wait_p90", name: "wait p90", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.waits, 0.9) }},
	{key: "wait_p95", name: "wait p95", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.waits, 0.95) }},
	{key: "p_wait", name: "P(wait)", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.in.PWait(), v.in.Handled+v.in.Abandoned+v.in.CallbackTransferred)
	}},
	{key: "abandon_rate", name: "abandon rate", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.in.AbandonRate(), v.in.Handled+v.in.Abandoned+v.in.CallbackTransferred)
	}},
	{key: "occupancy", name: "occupancy", unit: "%", needsAgents: true, f: func(v *view, _ *sim.Result) float64 {
		busy := v.agents.Reserved + v.agents.Talk + v.agents.ACW
		return pctOrNaN(v.agents.Occupancy(), busy+v.agents.Idle)
	}},
	{key: "agents_logged_in", name: "agents", unit: "", needsAgents: true, f: func(v *view, _ *sim.Result) float64 {
		return ratioF(float64(v.loggedIn), float64(v.loggedSpan))
	}},
	{key: "contacts_handled", name: "contacts handled", unit: "contacts", needsAgents: true, f: func(v *view, _ *sim.Result) float64 {
		return float64(v.contacts)
	}},
	// Agent-hours on scheduled breaks and lunches per replication: not
	// logged in, so not in occupancy or agents logged in.
	{key: "break_hours", name: "time on break", unit: "h", needsAgents: true, needsBreaks: true, f: func(v *view, _ *sim.Result) float64 {
		return float64(v.agents.Break) / 3.6e6
	}},
	{key: "lunch_hours", name: "time on lunch", unit: "h", needsAgents: true, needsBreaks: true, f: func(v *view, _ *sim.Result) float64 {
		return float64(v.agents.Lunch) / 3.6e6
	}},
	{key: "in_queue", name: "in queue (avg)", unit: "", f: func(v *view, _ *sim.Result) float64 { return ratioF(float64(v.inQueue), float64(v.span)) }},
	{key: "scheduled", name: "scheduled (avg)", unit: "", f: func(v *view, _ *sim.Result) float64 { return ratioF(float64(v.scheduled), float64(v.span)) }},
	// Callbacks booked for a time (caller-scheduled slots, agent-booked)
	// and waiting for it: no Connect contact exists yet, so they are
	// neither Scheduled nor In queue.
	{key: "booked_waiting", name: "booked, waiting for the slot time (avg)", unit: "", f: func(v *view, _ *sim.Result) float64 {
		return ratioF(float64(v.booked), float64(v.span))
	}},
	{key: "cb_requested", name: "callbacks requested", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Requested) }},
	{key: "cb_legs", name: "callback legs (contact records)", unit: "", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Legs) }},
	{key: "cb_handled", name: "callbacks handled", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Handled) }},
	{key: "cb_voicemail", name: "  of which voicemail", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Voicemail) }},
	{key: "cb_expired", name: "callbacks expired", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Expired) }},
	{key: "cb_unreached", name: "callbacks unreached", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Unreached) }},
	{key: "cb_dial_attempts", name: "dial attempts", unit: "", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.DialAttempts) }},
	{key: "cb_failed_attempts", name: "failed attempts", unit: "", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.FailedAttempts) }},
	{key: "cb_no_answer", name: "  no answer", unit: "", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.NoAnswer) }},
	{key: "cb_busy", name: "  busy", unit: "", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Busy) }},
	{key: "cb_invalid", name: "  invalid number", unit: "", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Invalid) }},
	{key: "cb_attempts_per_handled", name: "attempts / handled", unit: "", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(v.cb.AttemptsPerHandled(), v.cb.Handled)
	}},
	{key: "cb_agent_time_lost", name: "agent time lost", unit: "h", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.AgentTimeLost) / 3.6e6 }},
	{key: "cb_request_to_connect", name: "request to connect", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.cb.RequestToConnect)/1000/float64(max(v.cb.Connected, 1)), v.cb.Connected)
	}},
	{key: "cb_reached", name: "customers reached", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.Reached) }},
	{key: "cb_request_to_reach", name: "request to reach", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.cb.RequestToReach)/1000/float64(max(v.cb.Reached, 1)), v.cb.Reached)
	}},
	{key: "cb_abandoned_after_connect", name: "abandoned after connect", unit: "contacts", f: func(v *view, _ *sim.Result) float64 {
		return float64(v.cb.AbandonedAfterConnect)
	}},
	{key: "cb_in_system", name: "callbacks still open at the end", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.InSystem) }},
	{key: "cb_time_scheduled", name: "time Scheduled, mean", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.cb.ClosedScheduled)/1000/float64(max(v.cb.Closed, 1)), v.cb.Closed)
	}},
	{key: "cb_time_scheduled_p50", name: "time Scheduled, p50", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.cbSched, 0.5) }},
	{key: "cb_time_scheduled_p90", name: "time Scheduled, p90", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.cbSched, 0.9) }},
	{key: "cb_time_in_queue", name: "time In queue, mean", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.cb.ClosedInQueue)/1000/float64(max(v.cb.Closed, 1)), v.cb.Closed)
	}},
	{key: "cb_time_in_queue_p50", name: "time In queue, p50", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.cbInQueue, 0.5) }},
	{key: "cb_time_in_queue_p90", name: "time In queue, p90", unit: "s", f: func(v *view, _ *sim.Result) float64 { return quantile(v.cbInQueue, 0.9) }},

	// Contacts queued: every contact placed in a queue's agent line,
	// inbound contacts and callback legs (Amazon Connect's historical
	// queue metrics; see docs/metrics.md).
	{key: "q_queued", name: "contacts queued (all)", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.queued.All.Queued) }},
	{key: "q_cb_queued", name: "callback legs queued", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.queued.Callback.Queued) }},
	{key: "q_handled", name: "contacts handled (all)", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.queued.All.Connected) }},
	{key: "q_cb_handled", name: "callback legs handled", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.queued.Callback.Connected) }},
	{key: "q_abandoned", name: "abandoned in queue (all)", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.queued.All.Abandoned) }},
	{key: "q_service_level", name: "SL all queued", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.queued.All.ServiceLevel(), v.queued.All.Left)
	}},
	{key: "q_cb_service_level", name: "SL callback legs", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(v.queued.Callback.ServiceLevel(), v.queued.Callback.Left)
	}},
	{key: "q_asa", name: "queue answer time (all)", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(v.queued.All.ASA(), v.queued.All.Answered)
	}},
	{key: "q_cb_asa", name: "queue answer time (callback legs)", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(v.queued.Callback.ASA(), v.queued.Callback.Answered)
	}},
	{key: "q_abandon_time", name: "queue abandon time (all)", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.queued.All.WaitAbandoned)/1000/float64(max(v.queued.All.Abandoned, 1)), v.queued.All.Abandoned)
	}},
	{key: "q_max_queued", name: "maximum queued time (all)", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.queued.All.MaxWait)/1000, v.queued.All.Queued)
	}},
	{key: "q_aht", name: "handle time (all)", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.queued.All.HandleTime)/1000/float64(max(v.queued.All.Finished, 1)), v.queued.All.Finished)
	}},
	{key: "q_acw", name: "after contact work (all)", unit: "s", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(float64(v.queued.All.ACW)/1000/float64(max(v.queued.All.Finished, 1)), v.queued.All.Finished)
	}},
	{key: "q_oldest", name: "oldest in queue, peak", unit: "s", f: func(v *view, _ *sim.Result) float64 { return float64(v.oldest) / 1000 }},
	{key: "cb_agent_scheduled", name: "agent-scheduled", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.AgentScheduled) }},
	{key: "cb_agent_owned", name: "agent-owned", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.AgentOwned) }},
	{key: "cb_owned_to_queue", name: "owned, expired to queue", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.cb.OwnedToQueue) }},
	{key: "cb_owned_disconnected", name: "owned, expired, dropped", unit: "contacts", f: func(v *view, _ *sim.Result) float64 {
		return float64(v.cb.OwnedDisconnected)
	}},
	{key: "slot_pushed", name: "slot pushed later", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.SlotPushed) }},
	{key: "slot_declined", name: "slot declined", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.SlotDeclined) }},
	{key: "slot_unavailable", name: "no slot free", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.SlotUnavailable) }},
	{key: "slot_unconfirmed", name: "slot unconfirmed", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.SlotUnconfirmed) }},

	// Redials: customers who call again (contact_types[].redial). Offered
	// counts first attempts and redials alike.
	{key: "first_attempts", name: "first attempts", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.FirstAttempts()) }},
	{key: "redials", name: "redials (repeat calls)", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.Redials) }},
	{key: "redial_share", name: "repeat calls / offered", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(ratioF(float64(v.in.Redials), float64(v.in.Arrived)), v.in.Arrived)
	}},
	{key: "calls_per_customer", name: "calls per customer", unit: "", f: func(v *view, _ *sim.Result) float64 {
		return orNaN(ratioF(float64(v.in.Arrived), float64(v.in.FirstAttempts())), v.in.FirstAttempts())
	}},
	{key: "redial_waiting", name: "waiting to redial (avg)", unit: "", f: func(v *view, _ *sim.Result) float64 { return ratioF(float64(v.redial), float64(v.span)) }},
	{key: "redial_pending", name: "waiting to redial at the end", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.RedialPending) }},
	{key: "customers_served", name: "customers served", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.CustomersServed()) }},
	{key: "customers_lost", name: "customers lost for good", unit: "contacts", f: func(v *view, _ *sim.Result) float64 { return float64(v.in.GaveUp) }},
	{key: "block_rate", name: "blocked / offered", unit: "%", f: func(v *view, _ *sim.Result) float64 {
		return pctOrNaN(ratioF(float64(v.in.Blocked), float64(v.in.Arrived)), v.in.Arrived)
	}},
}

// queueIntervalKeys are the metrics reported per queue and interval, and
// groupKeys per agent group.
var (
	queueIntervalKeys = []string{"offered", "handled", "abandoned", "callback_transferred", "service_level",
		"asa", "abandon_rate", "in_queue", "scheduled", "booked_waiting", "cb_requested", "cb_handled", "cb_dial_attempts",
		"q_queued", "q_cb_queued", "q_handled", "q_cb_handled", "q_abandoned", "q_service_level",
		"q_asa", "q_abandon_time", "q_max_queued", "q_aht", "q_acw", "q_oldest", "first_attempts", "redials", "redial_waiting",
		"customers_served", "customers_lost"}
	groupKeys = []string{"occupancy", "agents_logged_in", "contacts_handled", "break_hours", "lunch_hours"}
)

// metricKeys lists the key of every overall metric, in report order.
func metricKeys() []string {
	keys := make([]string, len(metricDefs))
	for i, d := range metricDefs {
		keys[i] = d.key
	}
	return keys
}

// intervalKeys are the metrics reported per interval.
var intervalKeys = []string{"offered", "handled", "abandoned", "callback_transferred", "service_level",
	"asa", "abandon_rate", "occupancy", "agents_logged_in", "in_queue", "scheduled", "cb_requested", "cb_handled",
	"first_attempts", "redials", "redial_waiting", "customers_served", "customers_lost"}

func orNaN(x float64, den int64) float64 {
	if den == 0 {
		return math.NaN()
	}
	return x
}

// ratioF is num / den, 0 when den is 0 (as sim's rates are).
func ratioF(num, den float64) float64 {
	if den == 0 {
		return 0
	}
	return num / den
}

func pctOrNaN(x float64, den int64) float64 { return orNaN(pct(x), den) }

func quantile(h *sim.WaitHistogram, p float64) float64 {
	if h == nil {
		return math.NaN()
	}
	return h.Quantile(p)
}

// Summarize reduces the results of the replications of one scenario.
// The results must come from the same Plan.
func Summarize(results []*sim.Result) *Summary { return summarize(results, digestsOf(results), true) }

// summarize is Summarize of results and their digests, leaving out the
// estimates per interval (each queue's, and every queue's together) when
// intervals is false: three quarters of a week's summary, which
// comparisons never read. Without intervals it reads nothing of the
// results' buckets but their digests, so the results may have none.
func summarize(results []*sim.Result, digests []*repDigest, intervals bool) *Summary {
	r0 := results[0]
	s := &Summary{
		Scenario: r0.Scenario, Seed: r0.Seed, Reps: len(results), Start: r0.Start,
		Horizon: r0.Horizon, Warmup: r0.Warmup, Interval: r0.Interval, Cycle: r0.Cycle,
		ServiceLevel: r0.ServiceLevel, ShortAbandon: r0.ShortAbandon, SLDefinition: r0.SLDefinition,
		Targets: r0.Targets,
	}
	for _, r := range results {
		for _, q := range r.Queues {
			s.Waits.Merge(q.Waits)
		}
	}
	span := int64(r0.Horizon - r0.Warmup)
	n := int(r0.Cycle / r0.Interval)
	grid := model.NewGrid(r0.Start, r0.Horizon, r0.Interval, r0.Cycle)
	s.WallSlots = grid.WallSlots()
	iv := int64(r0.Interval)
	// How much time each interval of the cycle covers in the run (after
	// the warm-up), for time averages; which intervals are open.
	cover := coverOf(r0)
	openQ, openAll := openSets(r0, digests)
	hours := newOpenHours(openAll, cover)
	s.OpenTime = model.Duration(hours.span)
	label := func(i int) (time.Time, string) { return grid.Label(i) }
	// The parts below read the results and write disjoint parts of s, so
	// they run side by side (a sweep's last variant, and every run's
	// summary, is otherwise a stretch on one core after the simulations),
	// each with a reducer of its own. The summary is the same whatever
	// the number of cores.
	if len(r0.Queues) > 0 {
		s.Queues = make([]QueueSummary, len(r0.Queues))
	}
	if len(r0.Agents) > 0 {
		s.Agents = make([]GroupSummary, len(r0.Agents))
	}
	parts := []func(rd *reducer){func(rd *reducer) {
		s.Overall = rd.reduce(results, func(i int, r *sim.Result, v *view) { overallView(r, digests[i], hours, v) }, allDefs)
		rd.release() // the views below have no merged histograms
		for gi, g := range r0.Agents {
			s.Agents[gi] = GroupSummary{Name: g.Name, Agents: g.Agents, Metrics: rd.reduce(results, func(i int, r *sim.Result, v *view) {
				a := &r.Agents[gi]
				*v = view{agents: &a.AgentTime, span: span, hasAgents: true, contacts: a.Contacts,
					loggedIn: hours.loggedIn(digests[i].loggedIn[gi]), loggedSpan: hours.span}
			}, groupDefs)}
		}
		if !intervals {
			return
		}
		s.Intervals = make([]IntervalSummary, 0, n)
		for i := range n {
			at, zone := label(i)
			s.Intervals = append(s.Intervals, IntervalSummary{
				Start: model.Duration(int64(i) * iv), At: at, Zone: zone,
				Open: openAll[i],
				Metrics: rd.reduce(results, func(_ int, r *sim.Result, v *view) {
					intervalView(r, i, cover[i], v)
				}, intervalDefs),
			})
		}
	}}
	for qi, q := range r0.Queues {
		parts = append(parts, func(rd *reducer) {
			qs := QueueSummary{Name: q.Name, Metrics: rd.reduce(results, func(i int, r *sim.Result, v *view) {
				queueView(r, digests[i], qi, span, v)
			}, allDefs)}
			if !intervals {
				s.Queues[qi] = qs
				return
			}
			qs.Intervals = make([]IntervalSummary, 0, n)
			for i := range n {
				at, zone := label(i)
				qs.Intervals = append(qs.Intervals, IntervalSummary{
					Start: model.Duration(int64(i) * iv), At: at, Zone: zone,
					Open: openQ[qi][i],
					Metrics: rd.reduce(results, func(_ int, r *sim.Result, v *view) {
						qi := &r.Queues[qi].Intervals[i]
						*v = view{in: &qi.Inbound, cb: &qi.Callback, inQueue: qi.InQueueTime, scheduled: qi.ScheduledTime,
							booked: qi.BookedTime, redial: qi.RedialTime, span: cover[i], queued: &qi.Queued, oldest: qi.OldestAge}
					}, queueIntervalDefs),
				})
			}
			s.Queues[qi] = qs
		})
	}
	InParallel(len(parts), func(i int) {
		var rd reducer
		parts[i](&rd)
	})
	return s
}

// queueView is queue qi's view of a replication (d its digest): its own
// contacts over span (ms after the warm-up).
func queueView(r *sim.Result, d *repDigest, qi int, span int64, v *view) {
	q := &r.Queues[qi]
	*v = view{in: &q.Inbound, cb: &q.Callback, inQueue: q.InQueueTime, scheduled: q.ScheduledTime, booked: q.BookedTime,
		redial: q.RedialTime, span: span, waits: &q.Waits, queued: &q.Queued, cbSched: &q.CallbackScheduled, cbInQueue: &q.CallbackInQueue,
		oldest: d.oldest[qi]}
}

// overallView is a whole replication (d its digest), every queue and
// agent together, with the agents logged in averaged over hours.
func overallView(r *sim.Result, d *repDigest, hours openHours, v *view) {
	hs := v.waits3
	if hs == nil {
		hs = takeWaits()
	}
	h, sched, inQ := &hs[0], &hs[1], &hs[2]
	h.Reset()
	sched.Reset()
	inQ.Reset()
	*v = view{span: int64(r.Horizon - r.Warmup), hasAgents: true, loggedSpan: hours.span, sums: v.sums, waits3: hs}
	t := v.sum()
	t.in, t.cb, t.agents = r.TotalInbound(), r.TotalCallback(), r.TotalAgentTime()
	for g, a := range r.Agents {
		v.contacts += a.Contacts
		v.loggedIn += hours.loggedIn(d.loggedIn[g])
	}
	for _, q := range r.Queues {
		v.inQueue += q.InQueueTime
		v.scheduled += q.ScheduledTime
		v.booked += q.BookedTime
		v.redial += q.RedialTime
		h.Merge(q.Waits)
		sched.Merge(q.CallbackScheduled)
		inQ.Merge(q.CallbackInQueue)
		v.queued.Add(q.Queued)
	}
	for _, o := range d.oldest {
		v.oldest = max(v.oldest, o)
	}
	v.waits, v.cbSched, v.cbInQueue = h, sched, inQ
}

// intervalView is interval i of the cycle, every queue and agent group
// together, over span ms.
func intervalView(r *sim.Result, i int, span int64, v *view) {
	*v = view{span: span, hasAgents: true, sums: v.sums}
	v.sum()
	for k := range r.Queues {
		qi := &r.Queues[k].Intervals[i]
		v.in.Add(qi.Inbound)
		v.cb.Add(qi.Callback)
		v.inQueue += qi.InQueueTime
		v.scheduled += qi.ScheduledTime
		v.redial += qi.RedialTime
		v.queued.Add(qi.Queued)
		v.oldest = max(v.oldest, qi.OldestAge)
	}
	for k := range r.Agents {
		v.agents.Add(r.Agents[k].Intervals[i])
	}
	v.loggedIn, v.loggedSpan = v.agents.LoggedIn(), span
}

// tookBreaks reports whether the agents of any view spent time on a
// scheduled break or lunch.
func tookBreaks(views []view) bool {
	for i := range views {
		if a := views[i].agents; a != nil && a.Break+a.Lunch > 0 {
			return true
		}
	}
	return false
}

// reducer holds the scratch space of the reductions of one summary: the
// views of the replications and their values of one metric, reused from
// one reduction to the next (a planning week makes about a thousand) so
// that a summary allocates little besides its results. Not safe for
// concurrent use; each summary has its own.
type reducer struct {
	views []view
	xs    []float64
}

// release hands the views' merged histograms back for later summaries:
// the views are done with.
func (rd *reducer) release() { releaseViews(rd.views) }

// releaseViews hands the merged histograms of views back to waitsPool.
func releaseViews(views []view) {
	for i := range views {
		if hs := views[i].waits3; hs != nil {
			views[i].waits3 = nil
			waitsPool.Put(hs)
		}
	}
}

// waitsPool holds the merged wait histograms of overall views (three of
// about 18 KB each per replication), which every summary and comparison
// would otherwise allocate afresh: in a sweep, memory the simulations
// beside it wait for the kernel to fault in.
var waitsPool sync.Pool // of *[3]sim.WaitHistogram

// takeWaits returns three histograms for an overall view, recycled when
// the pool has some (overallView resets them).
func takeWaits() *[3]sim.WaitHistogram {
	if hs, ok := waitsPool.Get().(*[3]sim.WaitHistogram); ok {
		return hs
	}
	return new([3]sim.WaitHistogram)
}

// reduce computes each metric of defs per replication and summarises it.
func (rd *reducer) reduce(results []*sim.Result, viewOf func(i int, r *sim.Result, v *view), defs []*metricDef) []Metric {
	if len(rd.views) != len(results) {
		rd.views, rd.xs = make([]view, len(results)), make([]float64, len(results))
	}
	views, xs := rd.views, rd.xs
	for i, r := range results {
		viewOf(i, r, &views[i])
		views[i].fill()
	}
	out := make([]Metric, 0, len(defs))
	for _, d := range defs {
		if d.needsAgents && !views[0].hasAgents {
			continue
		}
		if d.needsBreaks && !tookBreaks(views) {
			continue
		}
		// A replication where the metric is undefined (NaN) is left out
		// here, in place, as NewEstimate would in a copy of its own.
		n := 0
		for i, r := range results {
			if x := d.f(&views[i], r); !math.IsNaN(x) {
				xs[n] = x
				n++
			}
		}
		out = append(out, Metric{Key: d.key, Name: d.name, Unit: d.unit, Estimate: NewEstimate(xs[:n])})
	}
	return out
}

// defsOf returns the metric definitions of keys, in the table's order (all
// of them for nil keys). The sets are resolved once, not per interval: a
// search of the keys for every definition of every interval of every
// queue was a large part of summarising a sweep.
func defsOf(keys []string) []*metricDef {
	var out []*metricDef
	for i := range metricDefs {
		if keys == nil || slices.Contains(keys, metricDefs[i].key) {
			out = append(out, &metricDefs[i])
		}
	}
	return out
}

// The metric definitions of each set of keys, resolved once.
var (
	allDefs           = defsOf(nil)
	queueIntervalDefs = defsOf(queueIntervalKeys)
	groupDefs         = defsOf(groupKeys)
	intervalDefs      = defsOf(intervalKeys)
)
