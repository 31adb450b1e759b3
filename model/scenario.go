package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Scenario is everything one simulation needs: the contact centre (queues,
// routing profiles, agents), the traffic (contact types with their arrival
// rates and callback settings, or a script of individual contacts), the
// clock (start and horizon) and the seed.
//
// A Scenario is plain data. Call [Scenario.Check] before simulating it:
// it fills the documented defaults ([Scenario.Normalize], see
// defaults.go) and validates it ([Scenario.Validate]).
type Scenario struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Start is the wall-clock instant at simulated time zero. It dates the
	// contact records. A file gives it in RFC 3339 (with its offset) or,
	// with TimeZone, as the local wall clock reads it (2024-06-03 08:00).
	// Default: 2024-06-03T00:00:00Z (a Monday), or midnight of that day
	// in TimeZone.
	Start time.Time `yaml:"start"`
	// TimeZone is the IANA time zone (Europe/Berlin, America/New_York)
	// the scenario's local times are read in: forecast and staffing-plan
	// rows without an offset, hours of operation, weekly shifts, times of
	// day; reports label intervals in it. Days on which daylight saving
	// changes have 23 or 25 hours (see docs/model.md). Not set: the zone
	// of Start's own offset, a fixed one (UTC for ...Z). The scenarios
	// package loads it into Start's location; contact records stay UTC.
	TimeZone string `yaml:"time_zone"`
	// Horizon is how long the simulation runs. Stochastic arrivals stop at
	// the horizon, and contacts still in the system then are counted as
	// "in system". Required.
	Horizon Duration `yaml:"horizon"`
	// Seed seeds every random stream. Default 1.
	Seed uint64 `yaml:"seed"`
	// ServiceLevel is the answer-time threshold X of the service level
	// SL(X). Default 20s.
	ServiceLevel Duration `yaml:"service_level"`
	// ServiceLevelDefinition picks the service level reported first:
	// "connect" (default: contacts removed from queue within X, whether
	// answered, abandoned or callback requested, over contacts that left
	// the queue), "answered" (answered within X over answered plus
	// abandoned) or "answered_excl_short" (the same, not counting callers
	// who abandoned within ShortAbandon). All three are always computed.
	ServiceLevelDefinition SLDefinition `yaml:"service_level_definition"`
	// ShortAbandon is the threshold below which an abandoned call is a
	// "short abandon" (a caller who hung up almost at once). Default 5s.
	ShortAbandon Duration `yaml:"short_abandon"`
	// Interval is the reporting interval, and the length of a forecast or
	// staffing-plan row: 15m, 30m or 1h. Default 30m.
	Interval Duration `yaml:"interval"`
	// Warmup is discarded from the statistics: contacts arriving before it
	// and agent time before it are not counted. Use it when the run is a
	// steady-state study that starts empty. Default 0.
	Warmup Duration `yaml:"warmup"`
	// Replications is how many independent runs to make (ccsim run
	// --reps overrides it). Default 1.
	Replications int `yaml:"replications"`
	// Targets are the planner's goals; reports say whether each is met
	// (judged on the confidence interval, not only the mean). Not set: no
	// targets.
	Targets *Targets `yaml:"targets"`
	// IgnorePlatformLimits accepts callback settings outside Amazon
	// Connect's and Genesys Cloud's documented ranges, for a scenario that
	// models a platform with other limits. Default false.
	IgnorePlatformLimits bool `yaml:"ignore_platform_limits"`

	Queues          []Queue          `yaml:"queues"`
	RoutingProfiles []RoutingProfile `yaml:"routing_profiles"`
	Agents          []AgentGroup     `yaml:"agents"`
	ContactTypes    []ContactType    `yaml:"contact_types"`
	// Script lists individual contacts with every outcome given, for
	// exact, documented examples. It may be combined with stochastic
	// arrivals.
	Script []ScriptContact `yaml:"script"`
	// Documented holds the published values a scripted scenario must
	// reproduce; ccsim run prints a check table from it.
	Documented *Documented `yaml:"documented"`

	// checked is the scenario's own address once Check has passed it,
	// nil otherwise (see [Scenario.Checked]).
	checked *Scenario
}

// Documented is a published example: where it comes from, what it says
// each contact record holds, and notes on what cannot be reproduced.
type Documented struct {
	Source string  `yaml:"source"`
	Note   string  `yaml:"note"`
	Checks []Check `yaml:"checks"`
}

// Check is one documented value of one contact record.
type Check struct {
	// Contact is the script contact id; Record the record's initiation
	// method (INBOUND or CALLBACK) among that contact's records.
	Contact string `yaml:"contact"`
	Record  string `yaml:"record"`
	// Field is an Amazon Connect contact record field (see CheckFields).
	Field string `yaml:"field"`
	// Want is the documented value: a time of day "11:38:39", a duration
	// "120s", "N/A" for a field that must be empty, or "->CALLBACK" for a
	// contact id that must point to that record of the same contact.
	Want string `yaml:"want"`
}

// CheckFields lists the record fields a Check may name.
var CheckFields = []string{
	"InitiationTimestamp", "ConnectedToSystemTimestamp", "EnqueueTimestamp",
	"DequeueTimestamp", "ConnectedToAgentTimestamp", "DisconnectTimestamp",
	"QueueDuration", "InQueueDuration", "ScheduledDuration",
	"AgentInteractionDuration", "AfterContactWorkDuration",
	"ContactId", "InitialContactId", "NextContactId", "PreviousContactId",
	"DisconnectReason", "Queue", "Agent",
	"InitiationMethod", "AgentConnectionAttempts",
}

// Targets are service goals. Zero fields are not targets.
type Targets struct {
	// ServiceLevel is the fraction of contacts to serve within the
	// service_level threshold, e.g. 0.8 for 80/20.
	ServiceLevel float64 `yaml:"service_level"`
	// AbandonRate is the highest acceptable abandonment, e.g. 0.05.
	AbandonRate float64 `yaml:"abandon_rate"`
	// ASA is the longest acceptable average speed of answer.
	ASA Duration `yaml:"asa"`
	// Occupancy is the highest acceptable agent occupancy, e.g. 0.9.
	Occupancy float64 `yaml:"occupancy"`
}

// Queue is a contact queue.
type Queue struct {
	Name string `yaml:"name"`
	// MaxSize caps the contacts waiting in the queue (0: no cap). When the
	// queue is full a new inbound call is blocked and a new callback fails
	// (Amazon Connect's Transfer to queue "At capacity"/"Error" branch: the
	// caller stays in the queue it was in).
	MaxSize int `yaml:"max_size"`
	// WaitingPlaces, when set, is how many contacts may wait in the queue
	// for an agent: 0 makes a loss system (an arrival that finds every
	// agent of the queue busy is blocked, as in Erlang B and retrial
	// queues), N > 0 caps the waiting line as max_size N does. Not set:
	// max_size rules. Give one or the other, not both.
	WaitingPlaces *int `yaml:"waiting_places"`
	// Hours are the queue's hours of operation, weekly. Not set: always
	// open. An inbound call arriving while the queue is closed takes the
	// flow's closed branch; contacts already queued stay queued (as in
	// Amazon Connect), and agents keep working them.
	Hours []Hours `yaml:"hours"`
}

// Hours is one weekly opening window: on each of Days, from Open to Close
// (times of day; a Close at or before Open ends the next day).
type Hours struct {
	Days  []string `yaml:"days"`
	Open  At       `yaml:"open"`
	Close At       `yaml:"close"`
}

// OpenAt reports whether the queue is open at offset off from the
// scenario start: within one of its weekly windows (a window closing at or
// before it opens ends the next day), or always when it has no hours.
// Days and times of day are the wall clock's of start's location (see
// [Clock]).
func (q *Queue) OpenAt(start time.Time, off Duration) bool {
	if len(q.Hours) == 0 {
		return true
	}
	c := NewClock(start, off+2*Day)
	day, _ := SplitDay(c.Wall(int64(off)))
	t := int64(off)
	for _, h := range q.Hours {
		for d := day - 1; d <= day; d++ {
			wd := c.Weekday(d)
			if !slices.ContainsFunc(h.Days, func(s string) bool { w, ok := Weekday(s); return ok && w == wd }) {
				continue
			}
			from, to := d*int64(Day)+int64(h.Open.Value), d*int64(Day)+int64(h.Close.Value)
			if to <= from {
				to += int64(Day)
			}
			if c.Elapsed(from) <= t && t < c.Elapsed(to) {
				return true
			}
		}
	}
	return false
}

// RoutingProfile is the set of queues an agent serves, each with a
// priority (lower is served first) and a delay.
type RoutingProfile struct {
	Name   string         `yaml:"name"`
	Queues []ProfileQueue `yaml:"queues"`
}

// ProfileQueue is one queue of a routing profile.
type ProfileQueue struct {
	Queue string `yaml:"queue"`
	// Priority orders the queues of a profile: a free agent takes work from
	// the lowest-numbered non-empty queue. Default 1.
	Priority int `yaml:"priority"`
	// Delay is how long a contact must have waited in the queue before an
	// agent of this profile may take it (Amazon Connect routing profile
	// "delay"). Default 0.
	Delay Duration `yaml:"delay"`
}

// AgentGroup is one or more identical agents.
type AgentGroup struct {
	// Name is the agent's username; with Count > 1 the agents are named
	// Name-1 ... Name-N.
	Name    string `yaml:"name"`
	Count   int    `yaml:"count"`
	Profile string `yaml:"profile"`
	// Shifts are the periods the agents are logged in. Default: the whole
	// horizon. An agent whose shift ends while on a contact finishes it
	// (and its after-contact work) first.
	Shifts []Shift `yaml:"shifts"`
	// DeclineProbability is the chance that an agent rejects or misses a
	// contact offered to it. A declined contact stays in its queue at its
	// place and is offered to the next agent; for a callback it is not a
	// failed attempt.
	DeclineProbability float64 `yaml:"decline_probability"`
	// Decline lists script contact ids whose first offer to these agents
	// is declined.
	Decline []string `yaml:"decline"`
	// MissedLockout is how long an agent who declined a contact is
	// unavailable (Amazon Connect puts the agent in "Missed" until they set
	// themselves Available again). Default 30s; at least 1s.
	MissedLockout Duration `yaml:"missed_lockout"`
	// Staffing names a CSV staffing plan (interval_start, agents) read
	// relative to the scenario file. Agents 1..n of the group are logged
	// in during an interval planned for n; the group has as many agents as
	// the plan's busiest interval (Count is ignored). It replaces Shifts.
	Staffing string `yaml:"staffing"`
	// StaffingPlan is the staffing plan read from Staffing.
	StaffingPlan *Plan `yaml:"-"`
	// Roster names a roster CSV (group, agent, template, day, start,
	// end, breaks) read relative to the scenario file: each of its rows
	// for this group is one agent's shift, the rows with one agent id one
	// agent's (without the agent column, one agent per row). It replaces
	// Shifts, Count and Staffing.
	Roster string `yaml:"roster"`
	// RosterShifts are the shifts read from Roster, one per row.
	RosterShifts []Shift `yaml:"-"`
	// RosterAgents, when the roster names its agents, gives the agent of
	// each of RosterShifts (0, 1, ... in order of first appearance):
	// shifts with the same number are one agent's week. Nil: one agent
	// per shift.
	RosterAgents []int `yaml:"-"`
	// Shrinkage is the fraction of scheduled agents who are not available
	// (breaks not modelled, training, absence): each interval's agents are
	// reduced to round(n x (1 - shrinkage)). Default 0.
	Shrinkage float64 `yaml:"shrinkage"`
}

// Shift is a period an agent is logged in, [Start, End).
type Shift struct {
	Start At `yaml:"start"`
	// End defaults to the horizon.
	End At `yaml:"end"`
	// Days makes the shift repeat every week on these days (mon, tue,
	// wed, thu, fri, sat, sun), with Start and End as times of day; an End
	// at or before Start ends the next day. Without Days the shift happens
	// once.
	Days []string `yaml:"days"`
	// Breaks are taken during the shift: the agent finishes the current
	// contact, is unavailable for the duration, then returns.
	Breaks []Break `yaml:"breaks"`
}

// Break is an unavailable period within a shift: a fixed start, or a
// placement window across which a group's agents are staggered.
type Break struct {
	// Start is an offset from the shift start ("2h") or a time of day.
	// Give Start or Window, not both.
	Start At `yaml:"start"`
	// Window is where the break may lie: the agents of a group take it
	// at staggered times within [From, To) (see docs/model.md).
	Window *BreakWindow `yaml:"window"`
	// Duration is the break's length. An agent due on break while on a
	// contact finishes the contact (and its after-contact work) and then
	// takes the whole length.
	Duration Duration `yaml:"duration"`
	// Kind is "break" (the default) or "lunch": time on each is reported
	// apart.
	Kind string `yaml:"kind"`
}

// BreakWindow bounds where a break lies: From and To are both offsets from
// the shift start or both times of day.
type BreakWindow struct {
	From At `yaml:"from"`
	To   At `yaml:"to"`
}

// Break kinds.
const (
	BreakKind = "break"
	LunchKind = "lunch"
)

// ContactType is a kind of inbound contact: where it queues, how it
// arrives, how long it takes, how patient the caller is, and the callback
// the customer-queue flow offers.
type ContactType struct {
	Name  string `yaml:"name"`
	Queue string `yaml:"queue"`
	// PerHour is the Poisson arrival rate in contacts per hour (0: only
	// scripted contacts of this type arrive).
	PerHour float64 `yaml:"per_hour"`
	// Forecast names a CSV forecast (interval_start, offered, aht) read
	// relative to the scenario file, as exported from a workforce
	// management tool. Arrivals are then a Poisson process whose rate
	// changes at interval boundaries (offered / interval length), and each
	// interval's AHT scales Talk and ACW. The forecast starts at the
	// scenario start and repeats if the horizon is longer (through a
	// daylight-saving change, by wall-clock place). It replaces
	// PerHour.
	Forecast string `yaml:"forecast"`
	// ForecastPlan is the forecast read from Forecast.
	ForecastPlan *Plan `yaml:"-"`
	// Talk is the talk time including hold. Required.
	Talk Dist `yaml:"talk"`
	// ACW is the after-contact work time. Default 0.
	ACW Dist `yaml:"acw"`
	// Patience is how long a caller waits in queue before hanging up. Not
	// set: callers never abandon.
	Patience Dist `yaml:"patience"`
	// Callback is the callback the customer-queue flow offers while the
	// caller waits. Not set: no callback is offered.
	Callback *Callback `yaml:"callback"`
	// AgentCallbacks are callbacks agents book at the end of handled
	// contacts (Genesys Cloud scheduled and agent-owned callbacks). Not
	// set: none.
	AgentCallbacks *AgentCallbacks `yaml:"agent_callbacks"`
	// Redial is how callers who did not get through call again: after
	// abandoning, after being blocked, after a callback that never
	// reached them. Not set: nobody calls again.
	Redial *Redial `yaml:"redial"`
}

// Redial describes callers who call again. A redial is a new inbound
// contact of the same contact type (a new contact id, its own record),
// carrying the customer it comes from (record attributes ccsim_customer
// and ccsim_attempt).
type Redial struct {
	// AfterAbandon, AfterBlocked and AfterUnreachedCallback are the
	// chances that a caller who abandoned in queue, was blocked (queue
	// full, or no waiting place), or whose callback ended unreached calls
	// again. Default 0.
	AfterAbandon           float64 `yaml:"after_abandon"`
	AfterBlocked           float64 `yaml:"after_blocked"`
	AfterUnreachedCallback float64 `yaml:"after_unreached_callback"`
	// Delay is the time from giving up to calling again. It must be
	// positive. Default exponential, mean 10m (ccsim's choice).
	Delay Dist `yaml:"delay"`
	// Max is the most times one customer redials (0: never). Not set: no
	// limit, as in the classical retrial queue.
	Max *int `yaml:"max"`
}

// Defaults sets the redial defaults.
func (r *Redial) Defaults() { r.Delay = defaultRedialDelay() }

// AcceptCurve makes a caller's acceptance of a callback offer depend on
// the expected wait the flow announces, w (Armony and Maglaras, 2004):
//
//	curve: logistic   p(w) = low + (high - low) / (1 + exp(-(w - midpoint) / scale))
//	curve: table      points [{wait, p}, ...], linear between points,
//	                  flat before the first and after the last
type AcceptCurve struct {
	Curve string `yaml:"curve"`
	// Logistic: the wait at which p is halfway between Low and High, the
	// wait over which it rises by a factor e in odds, and its limits
	// (Low default 0, High default 1).
	Midpoint Duration `yaml:"midpoint"`
	Scale    Duration `yaml:"scale"`
	Low      float64  `yaml:"low"`
	High     float64  `yaml:"high"`
	// Table: waits in increasing order, each with its acceptance.
	Points []AcceptPoint `yaml:"points"`
}

// AcceptPoint is one point of an acceptance table.
type AcceptPoint struct {
	Wait Duration `yaml:"wait"`
	P    float64  `yaml:"p"`
}

// Accept curve kinds.
const (
	CurveLogistic = "logistic"
	CurveTable    = "table"
)

// Defaults sets the acceptance curve defaults.
func (a *AcceptCurve) Defaults() { a.High = 1 }

// At is the acceptance probability at announced wait w.
func (a *AcceptCurve) At(w Duration) float64 {
	switch a.Curve {
	case CurveLogistic:
		x := float64(w-a.Midpoint) / float64(a.Scale)
		return a.Low + (a.High-a.Low)/(1+math.Exp(-x))
	case CurveTable:
		pts := a.Points
		if len(pts) == 0 {
			return 0
		}
		if w <= pts[0].Wait {
			return pts[0].P
		}
		for i := 1; i < len(pts); i++ {
			if w <= pts[i].Wait {
				f := float64(w-pts[i-1].Wait) / float64(pts[i].Wait-pts[i-1].Wait)
				return pts[i-1].P + f*(pts[i].P-pts[i-1].P)
			}
		}
		return pts[len(pts)-1].P
	}
	return 0
}

// AgentCallbacks describes callbacks agents book for a later time at the
// end of a handled contact: Genesys Cloud's scheduled callbacks (up to 30
// days ahead, optionally "route to me") and agent-owned callbacks (wait
// for their owner for an ownership period of 1 hour to 30 days).
type AgentCallbacks struct {
	// Share is the fraction of handled inbound contacts that end with a
	// booked callback.
	Share float64 `yaml:"share"`
	// Delay is how far ahead the callback is booked, from the end of the
	// contact. Draws beyond 30 days are cut to 30 days.
	Delay Dist `yaml:"delay"`
	// Queue is the queue the callback is routed through. Default: the
	// contact type's queue.
	Queue string `yaml:"queue"`
	// RouteToMe offers the callback to the booking agent first when that
	// agent is available at its time; otherwise it is queued.
	RouteToMe bool `yaml:"route_to_me"`
	// Ownership, when set, makes the callback agent-owned: only the
	// booking agent may take it, for this long after its time (1h to 30d).
	Ownership Duration `yaml:"ownership"`
	// OnExpiry is what happens to an owned callback its owner did not
	// take: "queue" (Genesys "assign to queue on expiry", the default) or
	// "disconnect".
	OnExpiry string `yaml:"on_expiry"`
}

// Plan is a table of values per interval read from a CSV file: a forecast
// (offered contacts and AHT) or a staffing plan (agents). Row i covers
// [i x Interval, (i+1) x Interval) from the scenario start.
type Plan struct {
	File     string
	Interval Duration
	Rows     []PlanRow
}

// PlanRow is one interval of a Plan.
type PlanRow struct {
	// Line is the row's line in the file, for error messages.
	Line int
	// Offered is the forecast's offered contacts in the interval.
	Offered float64
	// AHT is the forecast's average handle time (talk + ACW); 0 keeps the
	// contact type's own.
	AHT Duration
	// Agents is the staffing plan's agents in the interval.
	Agents int
}

// Length is the time the plan covers.
func (p *Plan) Length() Duration { return Duration(len(p.Rows)) * p.Interval }

// SLDefinition names a service-level definition.
type SLDefinition string

// Service-level definitions (domain.md section 5).
const (
	SLConnect           SLDefinition = "connect"
	SLAnswered          SLDefinition = "answered"
	SLAnsweredExclShort SLDefinition = "answered_excl_short"
)

// CallbackMode says who is dialled first.
type CallbackMode string

// Callback modes.
const (
	// AgentFirst reserves an agent, plays the agent whisper, then dials
	// the customer (Amazon Connect queued callback, the default).
	AgentFirst CallbackMode = "agent_first"
	// CustomerFirst dials the customer before any agent is reserved; only
	// an answered call joins the queue for an agent (Genesys Cloud
	// customer-first callbacks; Amazon Connect's customer first mode).
	CustomerFirst CallbackMode = "customer_first"
)

// PacingBasis is the agent count the customer-first pacing modifier
// scales (see [Callback.PacingBasis]).
type PacingBasis string

// Pacing bases.
const (
	// PacingIdle scales the idle agents of the queue not yet claimed by
	// an answered customer: ccsim's reading of Genesys Cloud's modifier,
	// the default.
	PacingIdle PacingBasis = "idle"
	// PacingLoggedIn scales the agents logged in on the queue, busy or
	// not: the literal reading of Genesys Cloud's "based on online agent
	// count".
	PacingLoggedIn PacingBasis = "logged_in"
)

// PacingBases lists the pacing bases a scenario may name.
var PacingBases = []PacingBasis{PacingIdle, PacingLoggedIn}

// Callback holds the customer-queue flow's callback offer and the settings
// of Amazon Connect's "Transfer to callback queue" block.
type Callback struct {
	// OfferAfter is how long the caller has waited in queue when the
	// callback is offered. Default 0 (on entering the queue).
	OfferAfter Duration `yaml:"offer_after"`
	// OfferMinExpectedWait offers the callback only if the expected wait
	// at the moment of the offer is at least this long. ccsim estimates
	// the expected wait as (contacts ahead + 1) x mean handle time /
	// agents staffed on the queue. Default 0 (always offer).
	OfferMinExpectedWait Duration `yaml:"offer_min_expected_wait"`
	// AcceptProbability is the chance a caller takes the offered callback.
	// Default 1.
	AcceptProbability *float64 `yaml:"accept_probability"`
	// Accept, instead of AcceptProbability, makes acceptance depend on the
	// expected wait announced at the offer (the estimate described at
	// OfferMinExpectedWait). Not set: AcceptProbability.
	Accept *AcceptCurve `yaml:"accept"`

	// Mode is who is dialled first. Default agent_first.
	Mode CallbackMode `yaml:"mode"`
	// Queue is the working queue the callback waits in. Default: the
	// contact type's queue.
	Queue string `yaml:"queue"`
	// InitialDelay is the wait between the callback's creation and its
	// entry into the queue (counted "Scheduled"). 1s to 3d. Default 1s,
	// the smallest Amazon Connect accepts.
	InitialDelay Duration `yaml:"initial_delay"`
	// MaxRetries is how many redials follow an unanswered call: at most
	// MaxRetries+1 dial attempts in all. Default 0.
	MaxRetries int `yaml:"max_retries"`
	// RetryInterval is the minimum time between an unanswered attempt and
	// the callback's return to the queue. 1s to 3d. Default 10m.
	RetryInterval Duration `yaml:"retry_interval"`
	// RetryDelay, when set, replaces RetryInterval with a wait drawn for
	// each retry, for platforms whose redial interval varies (a generic
	// model; Amazon Connect's RetryDelaySeconds is fixed). It must be
	// positive. Not set: RetryInterval.
	RetryDelay Dist `yaml:"retry_delay"`
	// RetryOn lists the failed dial outcomes that are redialled while
	// attempts remain: no_answer, busy, invalid. A failed dial whose
	// outcome is not listed ends the callback unreached. Default
	// [no_answer]: Amazon Connect's "A retry only happens if it rings but
	// there's no answer". An empty list retries nothing.
	RetryOn []DialOutcome `yaml:"retry_on"`
	// CustomerFirstVoicemail is what a customer-first dial that reaches
	// voicemail does: fail (not put through to an agent; a failed dial,
	// retried as a no-answer is) or connect (put through like a person).
	// Default fail. Agent-first callbacks always count voicemail as
	// connected.
	CustomerFirstVoicemail VoicemailRule `yaml:"customer_first_voicemail"`
	// Expiry removes a callback still waiting (scheduled or queued) this
	// long after its creation. Default 7d.
	Expiry Duration `yaml:"expiry"`
	// KeepPosition orders the callback by the original call's start time
	// instead of joining the back of the queue. Default false.
	KeepPosition bool `yaml:"keep_position"`
	// AgentWhisper is played to the agent after accepting, before the
	// customer is dialled. Default 0.
	AgentWhisper Duration `yaml:"agent_whisper"`
	// OutboundWhisper is played to the customer after answering, before
	// joining the agent. Default 0.
	OutboundWhisper Duration `yaml:"outbound_whisper"`
	// RingTimeout ends an unanswered dial. Default 60s.
	RingTimeout Duration `yaml:"ring_timeout"`
	// BusyAfter is how long a dial to a busy line takes to fail. Default 5s.
	BusyAfter Duration `yaml:"busy_after"`
	// Dial gives the chance of each dial outcome. Default: always answered.
	Dial *DialOutcomes `yaml:"dial"`
	// RingTime is how long the phone rings before a person or voicemail
	// answers. A ring time at or beyond RingTimeout is a no-answer.
	// Default 0.
	RingTime Dist `yaml:"ring_time"`
	// VoicemailTime is how long the agent spends leaving a message.
	// Default 30s.
	VoicemailTime Dist `yaml:"voicemail_time"`
	// Talk and ACW of the callback leg. Default: the contact type's.
	Talk Dist `yaml:"talk"`
	ACW  Dist `yaml:"acw"`

	// Pacing is the customer-first pacing modifier, 1 to 10: a dial starts
	// only while an agent on the queue is idle and not already claimed by
	// a customer who has just answered, and at most floor(Pacing/10 x N)
	// customer-first dials are outstanding at once (at least 1), N being
	// the agents PacingBasis names. Genesys publishes no formula for its
	// modifier; this is ccsim's model of it. Default 5.
	Pacing int `yaml:"pacing"`
	// PacingBasis is N: idle (the queue's idle agents not yet claimed by
	// an answered customer) or logged_in (every agent logged in on the
	// queue, Genesys's "online agent count" read literally). Callbacks
	// working the same queue must agree. Default idle.
	PacingBasis PacingBasis `yaml:"pacing_basis"`
	// ConnectedPatience is how long a customer who answered a
	// customer-first callback waits for an agent before hanging up
	// ("abandoned after connect", the price of pacing too fast). Default
	// exponential, mean 20s.
	ConnectedPatience Dist `yaml:"connected_patience"`
	// HoldUntilOpen holds a callback whose initial delay (or retry wait)
	// ends while its working queue is closed until the queue opens.
	HoldUntilOpen bool `yaml:"hold_until_open"`
	// Slots turns the offer into a caller-scheduled callback: the caller
	// books an hourly slot instead of being called back as soon as
	// possible.
	Slots *Slots `yaml:"slots"`
}

// Slots configures caller-scheduled callbacks with hourly slot capacity
// (the AWS "caller scheduled callback" design: HOURLY_SLOTS,
// DAYS_IN_ADVANCE). Slots exist in the hours of operation of the working
// queue (every hour if it has none). A caller whose hour has room is
// called at the time asked for, one pushed to a later slot at its start;
// until then the booking is counted booked, not Scheduled (the design
// creates the Connect callback at that time).
type Slots struct {
	// PerHour is each hourly slot's capacity. Default 10.
	PerHour int `yaml:"per_hour"`
	// DaysInAdvance is how far ahead a slot may be booked. Default 7.
	DaysInAdvance int `yaml:"days_in_advance"`
	// Ahead is how far ahead of now the caller asks to be called.
	Ahead Dist `yaml:"ahead"`
	// DeclineProbability is the chance a caller turns down the next free
	// slot when the one asked for is full or closed (the caller then
	// keeps waiting in queue).
	DeclineProbability float64 `yaml:"decline_probability"`
	// ConfirmProbability is the chance a caller confirms the slot; one who
	// does not hangs up, and the slot stays held for HoldRelease.
	// Default 1.
	ConfirmProbability *float64 `yaml:"confirm_probability"`
	// HoldRelease is how long an unconfirmed hold keeps the slot. Default
	// 60s.
	HoldRelease Duration `yaml:"hold_release"`
}

// DialOutcomes are the probabilities of each outcome of one dial attempt.
// They must sum to 1.
type DialOutcomes struct {
	Answer    float64 `yaml:"answer"`
	NoAnswer  float64 `yaml:"no_answer"`
	Busy      float64 `yaml:"busy"`
	Voicemail float64 `yaml:"voicemail"`
	// Invalid numbers fail at once (redialled only if RetryOn lists
	// invalid).
	Invalid float64 `yaml:"invalid"`
}

// DialOutcome is the result of one dial attempt.
type DialOutcome string

// Dial outcomes. Voicemail counts as connected (Amazon Connect: "If the
// callback goes to voicemail, it's considered connected").
const (
	Answered  DialOutcome = "answered"
	NoAnswer  DialOutcome = "no_answer"
	Busy      DialOutcome = "busy"
	Voicemail DialOutcome = "voicemail"
	Invalid   DialOutcome = "invalid"
)

// DialOutcomeList lists the outcomes in a fixed order.
var DialOutcomeList = []DialOutcome{Answered, NoAnswer, Busy, Voicemail, Invalid}

// RetryableOutcomes are the failed dial outcomes [Callback.RetryOn] may
// list.
var RetryableOutcomes = []DialOutcome{NoAnswer, Busy, Invalid}

// VoicemailRule says what a customer-first dial that reaches voicemail
// does.
type VoicemailRule string

// Voicemail rules of customer-first callbacks.
const (
	// VoicemailFail: the voicemail is not put through to an agent; the
	// dial failed and is retried as a no-answer is.
	VoicemailFail VoicemailRule = "fail"
	// VoicemailConnect: the voicemail is put through to an agent, as a
	// person who answered is.
	VoicemailConnect VoicemailRule = "connect"
)

// ScriptContact is one inbound contact whose every outcome is given, so
// that a documented example comes out timestamp for timestamp.
type ScriptContact struct {
	// ID names the contact in the script (and in Decline lists).
	ID string `yaml:"id"`
	// Type is the contact type it belongs to. Default: the first.
	Type string `yaml:"type"`
	// At is when it arrives.
	At At `yaml:"at"`
	// CallbackAfter, when set, is how long after entering the queue the
	// caller accepts a callback.
	CallbackAfter *Duration `yaml:"callback_after"`
	// AbandonAfter, when set, is the caller's patience.
	AbandonAfter *Duration `yaml:"abandon_after"`
	// Talk and ACW of whichever leg is served. Default: drawn from the
	// contact type.
	Talk *Duration `yaml:"talk"`
	ACW  *Duration `yaml:"acw"`
	// Dials gives the outcome of each callback dial attempt in turn.
	// Attempts beyond the list are answered at once.
	Dials []ScriptDial `yaml:"dials"`
	// BookCallback, when set, has the agent who handles the contact book
	// a callback this long after the end of it (the contact type must
	// have agent_callbacks, which say whether it is owned).
	BookCallback *Duration `yaml:"book_callback"`
	// SlotAsk is the time a caller booking a caller-scheduled callback
	// asks for (the contact type's callback must have slots). A scripted
	// caller takes the next free slot if that one is full or closed, and
	// confirms unless SlotConfirm is false.
	SlotAsk     At    `yaml:"slot_ask"`
	SlotConfirm *bool `yaml:"slot_confirm"`
}

// ScriptDial is the outcome of one scripted dial attempt.
type ScriptDial struct {
	Outcome DialOutcome `yaml:"outcome"`
	// Ring is how long the phone rang before it was answered (answered,
	// voicemail). Ignored for no_answer (ring timeout) and busy.
	Ring Duration `yaml:"ring"`
}

// At is a point in simulated time, written either as an offset from the
// scenario start ("90s", "2d") or as a time of day on the start date
// ("11:35", "11:35:00"), which reads naturally in documented examples.
type At struct {
	Set bool
	// Clock is true for the time-of-day form.
	Clock bool
	// Value is the offset, or the time since midnight for the clock form.
	Value Duration
}

// UnmarshalText reads either form.
func (a *At) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) < 2 || len(parts) > 3 {
			return fmt.Errorf("%q: not a time of day (want hh:mm or hh:mm:ss)", s)
		}
		limits := []int{23, 59, 59}
		units := []Duration{Hour, Minute, Second}
		var v Duration
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n > limits[i] || len(p) > 2 {
				return fmt.Errorf("%q: not a time of day (want hh:mm or hh:mm:ss, 00:00 to 23:59:59)", s)
			}
			v += Duration(n) * units[i]
		}
		*a = At{Set: true, Clock: true, Value: v}
		return nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%w; or a time of day hh:mm:ss", err)
	}
	*a = At{Set: true, Value: d}
	return nil
}

// MarshalText writes a in the form it was read.
func (a At) MarshalText() ([]byte, error) {
	if a.Clock {
		v := a.Value
		return fmt.Appendf(nil, "%02d:%02d:%02d", v/Hour, v%Hour/Minute, v%Minute/Second), nil
	}
	return a.Value.MarshalText()
}

// Offset returns a as an offset from start. A time of day earlier than the
// start's own time of day gives a negative offset. A time of day is read
// on the wall clock of start's location on the start's date (see
// [Clock.Elapsed] for the hour skipped or repeated by daylight saving).
func (a At) Offset(start time.Time) Duration {
	if !a.Clock {
		return a.Value
	}
	return Duration(NewClock(start, a.Value+Day).Elapsed(int64(a.Value)))
}
